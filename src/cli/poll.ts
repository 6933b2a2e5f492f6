/**
 * @module cli/poll — PLACEHOLDER: `tradewire poll` is built by its issue.
 */
import type { CliIO } from './io.js';
import { writeLine } from './io.js';

export default async function poll(_argv: string[], io: CliIO): Promise<number> {
  await writeLine(io.stderr, 'tradewire poll: not built yet');
  return 2;
}
