/**
 * @module cli/demo — PLACEHOLDER: `tradewire demo` is built by its issue.
 */
import type { CliIO } from './io.js';
import { writeLine } from './io.js';

export default async function demo(_argv: string[], io: CliIO): Promise<number> {
  await writeLine(io.stderr, 'tradewire demo: not built yet');
  return 2;
}
