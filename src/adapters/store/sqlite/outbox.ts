/**
 * @module adapters/store/sqlite/outbox — claiming due deliveries in per-destination order, and
 * recording what became of them. Rows are leased while in flight; an expired lease (a crashed
 * process) makes them claimable again.
 */
import { canonicalDestination } from '../../../core/destination.js';
import type { Destination } from '../../../core/types.js';
import type { Delivery, DeliveryBatch, DeliveryStatus } from '../../../ports.js';
import { dedupeKeys, destKey } from '../keys.js';
import { deliveryFromRow, type DeliveryRow } from '../rows.js';
import { toMs } from '../time.js';
import { writeTransaction, type Db } from './connection.js';

/** Claimable: waiting, or in flight under a lease that has run out. */
const CLAIMABLE = `(status = 'pending' OR (status = 'sending' AND lease_until <= @now))`;

export function createOutboxOps(db: Db) {
  const immediate = writeTransaction(db);
  const insertNotice = db.prepare(
    `INSERT OR IGNORE INTO deliveries (dedupe_key, kind, platform, workspace, channel, dest_key, payload, next_attempt_at, created_at, updated_at)
     VALUES (@dedupeKey, 'notice', @platform, @workspace, @channel, @destKey, @payload, @now, @now, @now)`,
  );
  const inFlight = db.prepare<{ now: number }, { dest_key: string }>(
    `SELECT DISTINCT dest_key FROM deliveries WHERE status = 'sending' AND lease_until > @now`,
  );
  // The head of each destination's ordered queue (alerts, follow-ups, notices), if it is due.
  const heads = db.prepare<{ now: number }, DeliveryRow>(
    `SELECT d.* FROM deliveries d
     JOIN (SELECT dest_key, MIN(id) AS head FROM deliveries
           WHERE kind <> 'digest' AND status IN ('pending', 'sending') GROUP BY dest_key) h ON d.id = h.head
     WHERE d.next_attempt_at <= @now AND ${CLAIMABLE.replace(/status|lease_until/g, (c) => `d.${c}`)}
     ORDER BY d.next_attempt_at, d.id`,
  );
  // Due digest messages: a frozen one (rows that went out together before and are being retried)
  // comes first and keeps exactly its rows; rows not yet sent in any message form a new one.
  const digestGroups = db.prepare<{ now: number }, { dest_key: string; digest_key: string; digest_batch: number | null; due: number }>(
    `SELECT dest_key, digest_key, digest_batch, MIN(next_attempt_at) AS due FROM deliveries
     WHERE kind = 'digest' AND next_attempt_at <= @now AND ${CLAIMABLE}
     GROUP BY dest_key, digest_key, digest_batch ORDER BY digest_batch IS NULL, due, MIN(id)`,
  );
  const digestRows = db.prepare<{ now: number; destKey: string; digestKey: string; batch: number | null }, DeliveryRow>(
    `SELECT * FROM deliveries WHERE kind = 'digest' AND dest_key = @destKey AND digest_key = @digestKey
       AND digest_batch IS @batch AND next_attempt_at <= @now AND ${CLAIMABLE} ORDER BY id`,
  );
  const freeze = db.prepare<{ batch: number; id: number }>(`UPDATE deliveries SET digest_batch = @batch WHERE id = @id AND digest_batch IS NULL`);
  const threadOf = db.prepare<[number, string], { message_id: string }>(
    `SELECT message_id FROM deliveries WHERE story_id = ? AND dest_key = ? AND kind = 'alert' AND message_id IS NOT NULL LIMIT 1`,
  );
  const lease = db.prepare(
    `UPDATE deliveries SET status = 'sending', lease_owner = @owner, lease_until = @until, thread_of = COALESCE(thread_of, @threadOf), updated_at = @now
     WHERE id = @id`,
  );
  const ids = `id IN (SELECT value FROM json_each(@ids))`;
  const sent = db.prepare(
    `UPDATE deliveries SET status = 'sent', message_id = @messageId, sent_at = @now, attempts = attempts + 1,
       last_error_code = NULL, last_error_message = NULL, lease_owner = NULL, lease_until = NULL, updated_at = @now
     WHERE ${ids} AND status <> 'sent'`,
  );
  const retry = db.prepare(
    `UPDATE deliveries SET status = 'pending', next_attempt_at = @next, attempts = attempts + @inc,
       last_error_code = @code, last_error_message = @message, lease_owner = NULL, lease_until = NULL, updated_at = @now
     WHERE ${ids} AND status IN ('pending', 'sending')`,
  );
  const parked = db.prepare(
    `UPDATE deliveries SET next_attempt_at = @now, updated_at = @now
     WHERE status = 'pending' AND last_error_code = @code AND next_attempt_at > @now
       AND platform IN (SELECT value FROM json_each(@platforms))`,
  );
  const failed = db.prepare(
    `UPDATE deliveries SET status = 'failed', attempts = attempts + 1,
       last_error_code = @code, last_error_message = @message, lease_owner = NULL, lease_until = NULL, updated_at = @now
     WHERE ${ids} AND status IN ('pending', 'sending')`,
  );
  const destsOf = db.prepare<{ ids: string }, { dest_key: string }>(`SELECT DISTINCT dest_key FROM deliveries WHERE ${ids}`);
  const destSuccess = db.prepare(
    `INSERT INTO destinations (dest_key, consecutive_failures, last_success_at) VALUES (?, 0, ?)
     ON CONFLICT (dest_key) DO UPDATE SET consecutive_failures = 0, last_success_at = excluded.last_success_at`,
  );
  const destFailure = db.prepare<[string, number], { consecutive_failures: number }>(
    `INSERT INTO destinations (dest_key, consecutive_failures, last_failure_at) VALUES (?, 1, ?)
     ON CONFLICT (dest_key) DO UPDATE SET consecutive_failures = consecutive_failures + 1, last_failure_at = excluded.last_failure_at
     RETURNING consecutive_failures`,
  );
  const release = db.prepare(
    `UPDATE deliveries SET status = 'pending', next_attempt_at = MIN(next_attempt_at, @now), lease_owner = NULL, lease_until = NULL, updated_at = @now
     WHERE status = 'sending' AND lease_owner = @owner`,
  );
  const releaseFeeds = db.prepare('UPDATE feeds SET lease_owner = NULL, lease_until = NULL WHERE lease_owner = @owner');
  const depth = db.prepare<[], { n: number }>(`SELECT COUNT(*) AS n FROM deliveries WHERE status IN ('pending', 'sending')`);
  const list = db.prepare<{ storyId: number | null; status: string | null }, DeliveryRow>(
    `SELECT * FROM deliveries WHERE (@storyId IS NULL OR story_id = @storyId) AND (@status IS NULL OR status = @status) ORDER BY id`,
  );

  return {
    enqueueNotice(destination: Destination, text: string, dedupeKey: string, nowIso: string): boolean {
      const now = toMs(nowIso, 'now');
      const res = insertNotice.run({
        dedupeKey: dedupeKeys.notice(dedupeKey, destination),
        ...canonicalDestination(destination),
        destKey: destKey(destination),
        payload: JSON.stringify({ text }),
        now,
      });
      return res.changes === 1;
    },

    claimDeliveries: immediate((args: { now: string; limit: number; leaseMs: number; owner: string }): DeliveryBatch[] => {
      const now = toMs(args.now, 'now');
      const busy = new Set(inFlight.all({ now }).map((r) => r.dest_key));
      const picked: { due: number; rows: DeliveryRow[] }[] = [];
      // A destination's ordered queue comes first; a digest goes only when that queue has nothing due.
      for (const head of heads.all({ now })) {
        if (busy.has(head.dest_key)) continue;
        busy.add(head.dest_key);
        picked.push({ due: head.next_attempt_at, rows: [head] });
      }
      for (const g of digestGroups.all({ now })) {
        if (busy.has(g.dest_key)) continue;
        busy.add(g.dest_key);
        picked.push({ due: g.due, rows: digestRows.all({ now, destKey: g.dest_key, digestKey: g.digest_key, batch: g.digest_batch }) });
      }
      picked.sort((a, b) => a.due - b.due || a.rows[0]!.id - b.rows[0]!.id);
      const until = now + args.leaseMs;
      return picked.slice(0, Math.max(0, Math.floor(args.limit))).map(({ rows }) => {
        const deliveries = rows.map((r) => {
          const thread = r.kind === 'followup' && r.thread_of === null && r.story_id !== null ? (threadOf.get(r.story_id, r.dest_key)?.message_id ?? null) : null;
          lease.run({ owner: args.owner, until, threadOf: thread, now, id: r.id });
          // A digest message's rows are frozen at its first attempt: its retry (same nonce, named by
          // its first row) carries exactly these rows; items that arrive meanwhile form the next one.
          if (r.kind === 'digest' && r.digest_batch === null) freeze.run({ batch: rows[0]!.id, id: r.id });
          return deliveryFromRow({ ...r, status: 'sending', thread_of: r.thread_of ?? thread });
        });
        return { destination: deliveries[0]!.destination, kind: rows[0]!.kind, deliveries };
      });
    }),

    markSent: immediate((idList: string[], messageId: string, nowIso: string): void => {
      const now = toMs(nowIso, 'now');
      const json = JSON.stringify(idList.map(Number));
      sent.run({ ids: json, messageId, now });
      for (const d of destsOf.all({ ids: json })) destSuccess.run(d.dest_key, now);
    }),

    retryParked(args: { platforms: string[]; code: string; now: string }): number {
      const now = toMs(args.now, 'now');
      if (args.platforms.length === 0) return 0;
      return parked.run({ platforms: JSON.stringify(args.platforms), code: args.code, now }).changes;
    },

    markRetry(idList: string[], nextAttemptAt: string, error: { code: string; message: string }, nowIso: string, options: { countAttempt?: boolean } = {}): void {
      const inc = options.countAttempt === false ? 0 : 1;
      retry.run({ ids: JSON.stringify(idList.map(Number)), next: toMs(nextAttemptAt, 'nextAttemptAt'), code: error.code, message: error.message, now: toMs(nowIso, 'now'), inc });
    },

    markFailed: immediate((idList: string[], error: { code: string; message: string }, nowIso: string): number => {
      const now = toMs(nowIso, 'now');
      const json = JSON.stringify(idList.map(Number));
      failed.run({ ids: json, code: error.code, message: error.message, now });
      let worst = 0;
      for (const d of destsOf.all({ ids: json })) worst = Math.max(worst, destFailure.get(d.dest_key, now)!.consecutive_failures);
      return worst;
    }),

    releaseClaims: immediate((owner: string, nowIso: string): void => {
      const now = toMs(nowIso, 'now');
      release.run({ owner, now });
      releaseFeeds.run({ owner });
    }),

    outboxDepth: (): number => depth.get()!.n,

    listDeliveries(args: { storyId?: string; status?: DeliveryStatus } = {}): Delivery[] {
      const storyId = args.storyId === undefined ? null : Number(args.storyId);
      if (storyId !== null && !Number.isSafeInteger(storyId)) return [];
      return list.all({ storyId, status: args.status ?? null }).map(deliveryFromRow);
    },
  };
}
