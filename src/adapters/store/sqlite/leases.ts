/**
 * @module adapters/store/sqlite/leases — named leases for singletons (digest sender, cleanup).
 */
import { toMs } from '../time.js';
import type { Db } from './connection.js';

export function createLeaseOps(db: Db) {
  // Take the lease when free, expired, or already ours (renewal); otherwise leave it alone.
  const take = db.prepare(
    `INSERT INTO leases (name, owner, until) VALUES (@name, @owner, @until)
     ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, until = excluded.until
     WHERE leases.owner = excluded.owner OR leases.until <= @now`,
  );
  const drop = db.prepare('DELETE FROM leases WHERE name = ? AND owner = ?');
  return {
    acquireLease(name: string, owner: string, ttlMs: number, nowIso: string): boolean {
      const now = toMs(nowIso, 'now');
      return take.run({ name, owner, until: now + ttlMs, now }).changes === 1;
    },
    releaseLease(name: string, owner: string): void {
      drop.run(name, owner);
    },
  };
}
