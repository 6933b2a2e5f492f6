/**
 * @module cli/run — PLACEHOLDER: `tradewire run` is built by its issue.
 */
import type { CliIO } from './io.js';
import { writeLine } from './io.js';

export default async function run(_argv: string[], io: CliIO): Promise<number> {
  await writeLine(io.stderr, 'tradewire run: not built yet');
  return 2;
}
