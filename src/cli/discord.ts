/**
 * @module cli/discord — PLACEHOLDER: `tradewire discord` is built by its issue.
 */
import type { CliIO } from './io.js';
import { writeLine } from './io.js';

export default async function discord(_argv: string[], io: CliIO): Promise<number> {
  await writeLine(io.stderr, 'tradewire discord: not built yet');
  return 2;
}
