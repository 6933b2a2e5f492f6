/**
 * @module adapters/store/postgres/feeds — feed rows: sync from feeds.yaml, due-feed leases claimed
 * with FOR UPDATE SKIP LOCKED (instances never wait on, nor double-claim, each other's feeds), and
 * poll outcomes.
 */
import type pg from 'pg';
import type { FeedDef, FeedPollUpdate, FeedRecord } from '../../../ports.js';
import { feedFromRow, type FeedRow } from '../rows.js';
import { toMs } from '../time.js';
import { sqlOn, transaction } from './connection.js';

// $1 id, $2 url, $3 name, $4 every_ms, $5 full_text, $6 backfill, $7 tags, $8 now.
// Inserts a new feed due now; for a known one, a new URL is a new feed as far as polling goes
// (validators and first-poll backfill start over), a shorter interval pulls the next poll in.
const UPSERT = `
INSERT INTO feeds AS f (id, url, name, every_ms, full_text, backfill, tags, enabled, next_poll_at, created_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, true, $8, $8, $8)
ON CONFLICT (id) DO UPDATE SET
  name = excluded.name, every_ms = excluded.every_ms, full_text = excluded.full_text, backfill = excluded.backfill,
  tags = excluded.tags, enabled = true,
  etag = CASE WHEN f.url = excluded.url THEN f.etag END,
  last_modified = CASE WHEN f.url = excluded.url THEN f.last_modified END,
  initialized = CASE WHEN f.url = excluded.url THEN f.initialized ELSE false END,
  next_poll_at = CASE
    WHEN f.url <> excluded.url OR NOT f.enabled THEN LEAST(f.next_poll_at, $8)
    WHEN f.every_ms <> excluded.every_ms THEN LEAST(f.next_poll_at, COALESCE(f.last_polled_at, $8) + excluded.every_ms)
    ELSE f.next_poll_at END,
  url = excluded.url, updated_at = $8`;

// $1 now, $2 due by, $3 limit, $4 owner, $5 lease until.
const CLAIM = `
UPDATE feeds f SET lease_owner = $4, lease_until = $5
FROM (SELECT id FROM feeds
      WHERE enabled AND next_poll_at <= $2 AND (lease_until IS NULL OR lease_until <= $1)
      ORDER BY next_poll_at, id LIMIT $3
      FOR UPDATE SKIP LOCKED) due
WHERE f.id = due.id
RETURNING f.*`;

// $1 id, $2 owner, $3 now, $4 next poll, $5 result, $6 status, $7 etag, $8 last-modified, $9 title,
// $10 error code, $11 error message.
const FINISH = `
UPDATE feeds SET
  last_result = $5, last_status = $6, last_polled_at = $3, next_poll_at = $4,
  lease_owner = NULL, lease_until = NULL, updated_at = $3,
  etag = CASE WHEN $5 = 'ok' THEN $7 WHEN $5 = 'not-modified' THEN COALESCE($7, etag) ELSE etag END,
  last_modified = CASE WHEN $5 = 'ok' THEN $8 WHEN $5 = 'not-modified' THEN COALESCE($8, last_modified) ELSE last_modified END,
  title = CASE WHEN $5 = 'ok' THEN COALESCE($9, title) ELSE title END,
  last_error_code = CASE WHEN $5 = 'error' THEN $10 END,
  last_error_message = CASE WHEN $5 = 'error' THEN $11 END,
  consecutive_failures = CASE WHEN $5 = 'error' THEN consecutive_failures + 1 ELSE 0 END,
  failing_since = CASE WHEN $5 = 'error' THEN COALESCE(failing_since, $3) END,
  last_success_at = CASE WHEN $5 = 'error' THEN last_success_at ELSE $3 END,
  initialized = CASE WHEN $5 = 'error' THEN initialized ELSE true END
WHERE id = $1 AND lease_owner = $2`;

export function createFeedOps(pool: pg.Pool) {
  const sql = sqlOn(pool);
  return {
    async syncFeeds(feeds: FeedDef[], nowIso: string): Promise<void> {
      const now = toMs(nowIso, 'now');
      await transaction(pool, async (tx) => {
        // Sorted, so two instances syncing at once lock rows in the same order (no deadlock).
        for (const f of [...feeds].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
          await tx(UPSERT, [f.id, f.url, f.name, f.everyMs, f.fullText, f.backfill, JSON.stringify(f.tags), now]);
        }
        await tx(
          `UPDATE feeds SET enabled = false, lease_owner = NULL, lease_until = NULL, updated_at = $2
           WHERE enabled AND NOT (id = ANY($1::text[]))`,
          [feeds.map((f) => f.id), now],
        );
      });
    },

    async claimDueFeeds(args: { now: string; limit: number; leaseMs: number; owner: string; dueBy?: string }): Promise<FeedRecord[]> {
      const now = toMs(args.now, 'now');
      const dueBy = args.dueBy === undefined ? now : Math.min(now, toMs(args.dueBy, 'dueBy'));
      const limit = Math.max(0, Math.floor(args.limit));
      if (limit === 0) return [];
      const rows = await sql<FeedRow>(CLAIM, [now, dueBy, limit, args.owner, now + args.leaseMs]);
      // RETURNING follows no ORDER BY: restore "oldest due first".
      rows.sort((a, b) => a.next_poll_at - b.next_poll_at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      return rows.map(feedFromRow);
    },

    async finishPoll(u: FeedPollUpdate): Promise<void> {
      await sql(FINISH, [
        u.feedId,
        u.owner,
        toMs(u.now, 'now'),
        toMs(u.nextPollAt, 'nextPollAt'),
        u.result,
        u.status,
        u.etag,
        u.lastModified,
        u.title,
        u.error?.code ?? 'unknown',
        u.error?.message ?? '',
      ]);
    },

    listFeeds: async (): Promise<FeedRecord[]> => (await sql<FeedRow>('SELECT * FROM feeds ORDER BY id')).map(feedFromRow),

    async getFeed(id: string): Promise<FeedRecord | null> {
      const [row] = await sql<FeedRow>('SELECT * FROM feeds WHERE id = $1', [id]);
      return row ? feedFromRow(row) : null;
    },
  };
}
