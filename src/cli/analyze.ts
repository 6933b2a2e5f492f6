/**
 * @module cli/analyze — PLACEHOLDER: `tradewire analyze` is built by its issue.
 */
import type { CliIO } from './io.js';
import { writeLine } from './io.js';

export default async function analyze(_argv: string[], io: CliIO): Promise<number> {
  await writeLine(io.stderr, 'tradewire analyze: not built yet');
  return 2;
}
