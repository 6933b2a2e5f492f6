/**
 * @module adapters/store/postgres/leases — named leases for singletons (digest sender, cleanup,
 * the leader of a tick) across instances: one atomic upsert, so two instances never both hold one.
 */
import type pg from 'pg';
import { toMs } from '../time.js';
import { sqlOn } from './connection.js';

// Take the lease when free, expired, or already ours (renewal); otherwise leave it alone.
const TAKE = `
INSERT INTO leases AS l (name, owner, until) VALUES ($1, $2, $3)
ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, until = excluded.until
WHERE l.owner = excluded.owner OR l.until <= $4`;

export function createLeaseOps(pool: pg.Pool) {
  const sql = sqlOn(pool);
  return {
    async acquireLease(name: string, owner: string, ttlMs: number, nowIso: string): Promise<boolean> {
      const now = toMs(nowIso, 'now');
      return (await sql.count(TAKE, [name, owner, now + ttlMs, now])) === 1;
    },
    async releaseLease(name: string, owner: string): Promise<void> {
      await sql('DELETE FROM leases WHERE name = $1 AND owner = $2', [name, owner]);
    },
  };
}
