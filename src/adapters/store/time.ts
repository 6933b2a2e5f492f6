/**
 * @module adapters/store/time — ISO 8601 strings at the port, epoch milliseconds in the database.
 *
 * Integers compare and index the same way in SQLite and PostgreSQL (bigint), and sidestep text
 * comparison of ISO strings written with and without milliseconds.
 */
import { TradewireError } from '../../core/errors.js';

/** Epoch ms of an ISO time given to the store; a clear error names the field when it is not one. */
export function toMs(iso: string, field: string): number {
  const ms = typeof iso === 'string' ? Date.parse(iso) : Number.NaN;
  if (Number.isNaN(ms)) {
    throw new TradewireError('store_bad_input', `store: ${field}: expected an ISO 8601 time, found ${JSON.stringify(iso)}`, { input: iso });
  }
  return ms;
}

export function toIso(ms: number): string {
  return new Date(ms).toISOString();
}

export function toIsoOrNull(ms: number | null | undefined): string | null {
  return ms === null || ms === undefined ? null : toIso(ms);
}
