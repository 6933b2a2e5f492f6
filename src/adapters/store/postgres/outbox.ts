/**
 * @module adapters/store/postgres/outbox — claiming due deliveries in per-destination order across
 * several instances, and recording what became of them.
 *
 * A claim locks the `destinations` rows it will work with FOR UPDATE SKIP LOCKED: two instances
 * claiming at once take disjoint sets of channels and never wait on each other. Only after holding
 * those locks does it read the queues again (a fresh READ COMMITTED snapshot), so it sees a
 * competitor's claim that committed a moment earlier and never sends one channel's messages out of
 * order or twice. Rows are leased while in flight; an expired lease (a dead instance) makes them
 * claimable again. Lock order everywhere: destination rows, then delivery rows.
 */
import type pg from 'pg';
import { canonicalDestination } from '../../../core/destination.js';
import type { Destination } from '../../../core/types.js';
import type { Delivery, DeliveryBatch, DeliveryKind, DeliveryStatus } from '../../../ports.js';
import { dedupeKeys } from '../keys.js';
import { deliveryFromRow, type DeliveryRow } from '../rows.js';
import { toMs } from '../time.js';
import { sqlOn, transaction, type Sql } from './connection.js';
import type { OutboxRow } from '../fanout.js';
import { insertDeliveries } from './ingest.js';

/** Claimable at $1: waiting, or in flight under a lease that has run out. */
const CLAIMABLE = `(status = 'pending' OR lease_until <= $1)`;

// $1 now, $2 limit. Destinations with something claimable now (the due head of the ordered queue
// of alerts, follow-ups and notices, or a due digest item) and nothing validly in flight; locked.
const LOCK_CANDIDATES = `
WITH open AS (
  SELECT dest_key, id, kind, status, lease_until, next_attempt_at FROM deliveries WHERE status IN ('pending', 'sending')
), heads AS (
  SELECT DISTINCT ON (dest_key) * FROM open WHERE kind <> 'digest' ORDER BY dest_key, id
), ready AS (
  SELECT dest_key, next_attempt_at AS due, id FROM heads WHERE next_attempt_at <= $1 AND ${CLAIMABLE}
  UNION ALL
  SELECT dest_key, next_attempt_at, id FROM open WHERE kind = 'digest' AND next_attempt_at <= $1 AND ${CLAIMABLE}
), candidates AS (
  SELECT r.dest_key, MIN(r.due) AS due, MIN(r.id) AS first_id FROM ready r
  WHERE NOT EXISTS (SELECT 1 FROM open o WHERE o.dest_key = r.dest_key AND o.status = 'sending' AND o.lease_until > $1)
  GROUP BY r.dest_key
)
SELECT d.dest_key FROM destinations d JOIN candidates c ON c.dest_key = d.dest_key
ORDER BY c.due, c.first_id LIMIT $2
FOR UPDATE OF d SKIP LOCKED`;

// $1 ids, $2 owner, $3 lease until, $4 now. A follow-up written while its alert was in flight
// learns the alert's message id (the thread) now.
const LEASE = `
UPDATE deliveries d SET status = 'sending', lease_owner = $2, lease_until = $3, updated_at = $4,
  thread_of = COALESCE(d.thread_of, CASE WHEN d.kind = 'followup' AND d.story_id IS NOT NULL THEN
    (SELECT a.message_id FROM deliveries a
     WHERE a.story_id = d.story_id AND a.dest_key = d.dest_key AND a.kind = 'alert' AND a.message_id IS NOT NULL LIMIT 1) END)
WHERE d.id = ANY($1::bigint[])
RETURNING d.*`;

/** Parses delivery ids; ids that cannot exist are dropped. */
function idNumbers(ids: string[]): number[] {
  return ids.map(Number).filter((n) => Number.isSafeInteger(n));
}

interface Pick {
  due: number;
  firstId: number;
  ids: number[];
  /** A digest message sent for the first time: its rows are frozen under `firstId` when claimed. */
  freeze?: boolean;
}

// $1 now, $2 locked destination keys. Claimable rows of those destinations: the due head of each
// ordered queue (alerts, follow-ups, notices) and due digest items, with whether the destination
// has something validly in flight.
const CLAIMABLE_ROWS = `
WITH open AS (
  SELECT id, dest_key, kind, digest_key, digest_batch, status, lease_until, next_attempt_at FROM deliveries
  WHERE dest_key = ANY($2::text[]) AND status IN ('pending', 'sending')
), heads AS (
  SELECT dest_key, MIN(id) AS id FROM open WHERE kind <> 'digest' GROUP BY dest_key
), busy AS (
  SELECT DISTINCT dest_key FROM open WHERE status = 'sending' AND lease_until > $1
)
SELECT o.id, o.dest_key, o.kind, o.digest_key, o.digest_batch, o.next_attempt_at FROM open o
WHERE o.next_attempt_at <= $1 AND ${CLAIMABLE}
  AND NOT EXISTS (SELECT 1 FROM busy b WHERE b.dest_key = o.dest_key)
  AND (o.kind = 'digest' OR o.id IN (SELECT id FROM heads))
ORDER BY o.id`;

/**
 * Per locked destination: its due queue head, else its earliest due digest message (as on SQLite):
 * one being retried (frozen rows) first, else the due rows not yet in any message.
 */
async function pickBatches(tx: Sql, keys: string[], now: number): Promise<Pick[]> {
  const rows = await tx<{ id: number; dest_key: string; kind: DeliveryKind; digest_key: string | null; digest_batch: number | null; next_attempt_at: number }>(
    CLAIMABLE_ROWS,
    [now, keys],
  );
  const taken = new Set<string>();
  const picks: Pick[] = [];
  for (const r of rows) {
    if (r.kind === 'digest') continue;
    taken.add(r.dest_key);
    picks.push({ due: r.next_attempt_at, firstId: r.id, ids: [r.id] });
  }
  const groups = new Map<string, Pick & { dest: string }>();
  for (const r of rows) {
    if (r.kind !== 'digest' || taken.has(r.dest_key)) continue;
    const key = JSON.stringify([r.dest_key, r.digest_key, r.digest_batch]);
    const g = groups.get(key) ?? { dest: r.dest_key, due: r.next_attempt_at, firstId: r.id, ids: [], freeze: r.digest_batch === null };
    groups.set(key, g);
    g.due = Math.min(g.due, r.next_attempt_at);
    g.ids.push(r.id);
  }
  const frozenFirst = (a: Pick, b: Pick): number => Number(a.freeze) - Number(b.freeze) || a.due - b.due || a.firstId - b.firstId;
  for (const g of [...groups.values()].sort(frozenFirst)) {
    if (taken.has(g.dest)) continue;
    taken.add(g.dest);
    picks.push(g);
  }
  return picks.sort((a, b) => a.due - b.due || a.firstId - b.firstId);
}

// Lock order everywhere: destination rows first (claims lock them too), then delivery rows.
const DEST_SUCCESS = `UPDATE destinations SET consecutive_failures = 0, last_success_at = $2
  WHERE dest_key IN (SELECT dest_key FROM deliveries WHERE id = ANY($1::bigint[]))`;
const DEST_FAILURE = `UPDATE destinations SET consecutive_failures = consecutive_failures + 1, last_failure_at = $2
  WHERE dest_key IN (SELECT dest_key FROM deliveries WHERE id = ANY($1::bigint[])) RETURNING consecutive_failures`;

export function createOutboxOps(pool: pg.Pool) {
  const sql = sqlOn(pool);
  return {
    async enqueueNotice(destination: Destination, text: string, dedupeKey: string, nowIso: string): Promise<boolean> {
      const now = toMs(nowIso, 'now');
      const row: OutboxRow = {
        dedupeKey: dedupeKeys.notice(dedupeKey, destination),
        kind: 'notice',
        destination: canonicalDestination(destination),
        storyId: null,
        articleKey: null,
        topics: '[]',
        mention: null,
        payload: JSON.stringify({ text }),
        digestKey: null,
        nextAttemptAt: now,
        threadOf: null,
      };
      return transaction(pool, async (tx) => (await insertDeliveries(tx, [row], now)) === 1);
    },

    async claimDeliveries(args: { now: string; limit: number; leaseMs: number; owner: string }): Promise<DeliveryBatch[]> {
      const now = toMs(args.now, 'now');
      const limit = Math.max(0, Math.floor(args.limit));
      if (limit === 0) return [];
      return transaction(pool, async (tx) => {
        const keys = (await tx<{ dest_key: string }>(LOCK_CANDIDATES, [now, limit])).map((r) => r.dest_key);
        if (keys.length === 0) return [];
        const picks = (await pickBatches(tx, keys, now)).slice(0, limit);
        if (picks.length === 0) return [];
        const rows = await tx<DeliveryRow>(LEASE, [picks.flatMap((p) => p.ids), args.owner, now + args.leaseMs, now]);
        // A digest message's rows are frozen at its first attempt: its retry (same nonce, named by its
        // first row) carries exactly these rows; items that arrive meanwhile form the next one.
        for (const p of picks.filter((x) => x.freeze)) {
          await tx('UPDATE deliveries SET digest_batch = $2 WHERE id = ANY($1::bigint[]) AND digest_batch IS NULL', [p.ids, p.firstId]);
          for (const r of rows) if (p.ids.includes(r.id)) r.digest_batch = p.firstId;
        }
        const byId = new Map(rows.map((r) => [r.id, r]));
        return picks.map((p) => {
          const deliveries = p.ids.map((id) => deliveryFromRow(byId.get(id)!));
          return { destination: deliveries[0]!.destination, kind: deliveries[0]!.kind, deliveries };
        });
      });
    },

    async markSent(ids: string[], messageId: string, nowIso: string): Promise<void> {
      const now = toMs(nowIso, 'now');
      const list = idNumbers(ids);
      if (list.length === 0) return;
      await transaction(pool, async (tx) => {
        await tx(DEST_SUCCESS, [list, now]);
        await tx(
          `UPDATE deliveries SET status = 'sent', message_id = $2, sent_at = $3, attempts = attempts + 1,
             last_error_code = NULL, last_error_message = NULL, lease_owner = NULL, lease_until = NULL, updated_at = $3
           WHERE id = ANY($1::bigint[]) AND status <> 'sent'`,
          [list, messageId, now],
        );
      });
    },

    async retryParked(args: { platforms: string[]; code: string; now: string }): Promise<number> {
      const now = toMs(args.now, 'now');
      if (args.platforms.length === 0) return 0;
      return sql.count(
        `UPDATE deliveries SET next_attempt_at = $1, updated_at = $1
         WHERE status = 'pending' AND last_error_code = $2 AND next_attempt_at > $1 AND platform = ANY($3::text[])`,
        [now, args.code, args.platforms],
      );
    },

    async markRetry(ids: string[], nextAttemptAt: string, error: { code: string; message: string }, nowIso: string, options: { countAttempt?: boolean } = {}): Promise<void> {
      const next = toMs(nextAttemptAt, 'nextAttemptAt');
      const now = toMs(nowIso, 'now');
      await sql(
        `UPDATE deliveries SET status = 'pending', next_attempt_at = $2, attempts = attempts + $6,
           last_error_code = $3, last_error_message = $4, lease_owner = NULL, lease_until = NULL, updated_at = $5
         WHERE id = ANY($1::bigint[]) AND status IN ('pending', 'sending')`,
        [idNumbers(ids), next, error.code, error.message, now, options.countAttempt === false ? 0 : 1],
      );
    },

    async markFailed(ids: string[], error: { code: string; message: string }, nowIso: string): Promise<number> {
      const now = toMs(nowIso, 'now');
      const list = idNumbers(ids);
      if (list.length === 0) return 0;
      return transaction(pool, async (tx) => {
        const counts = await tx<{ consecutive_failures: number }>(DEST_FAILURE, [list, now]);
        await tx(
          `UPDATE deliveries SET status = 'failed', attempts = attempts + 1,
             last_error_code = $2, last_error_message = $3, lease_owner = NULL, lease_until = NULL, updated_at = $4
           WHERE id = ANY($1::bigint[]) AND status IN ('pending', 'sending')`,
          [list, error.code, error.message, now],
        );
        return Math.max(0, ...counts.map((c) => c.consecutive_failures));
      });
    },

    async releaseClaims(owner: string, nowIso: string): Promise<void> {
      const now = toMs(nowIso, 'now');
      await transaction(pool, async (tx) => {
        await tx(
          `UPDATE deliveries SET status = 'pending', next_attempt_at = LEAST(next_attempt_at, $2), lease_owner = NULL, lease_until = NULL, updated_at = $2
           WHERE status = 'sending' AND lease_owner = $1`,
          [owner, now],
        );
        await tx('UPDATE feeds SET lease_owner = NULL, lease_until = NULL WHERE lease_owner = $1', [owner]);
      });
    },

    async outboxDepth(): Promise<number> {
      const [row] = await sql<{ n: number }>(`SELECT COUNT(*) AS n FROM deliveries WHERE status IN ('pending', 'sending')`);
      return row!.n;
    },

    async listDeliveries(args: { storyId?: string; status?: DeliveryStatus } = {}): Promise<Delivery[]> {
      const storyId = args.storyId === undefined ? null : Number(args.storyId);
      if (storyId !== null && !Number.isSafeInteger(storyId)) return [];
      const rows = await sql<DeliveryRow>(
        `SELECT * FROM deliveries WHERE ($1::bigint IS NULL OR story_id = $1) AND ($2::text IS NULL OR status = $2) ORDER BY id`,
        [storyId, args.status ?? null],
      );
      return rows.map(deliveryFromRow);
    },
  };
}
