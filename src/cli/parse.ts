/**
 * @module cli/parse — PLACEHOLDER: `tradewire parse` is built by its issue.
 */
import type { CliIO } from './io.js';
import { writeLine } from './io.js';

export default async function parse(_argv: string[], io: CliIO): Promise<number> {
  await writeLine(io.stderr, 'tradewire parse: not built yet');
  return 2;
}
