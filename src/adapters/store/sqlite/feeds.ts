/**
 * @module adapters/store/sqlite/feeds — feed rows: sync from feeds.yaml, due-feed leases, poll outcomes.
 */
import type { FeedDef, FeedPollUpdate, FeedRecord } from '../../../ports.js';
import { feedFromRow, type FeedRow } from '../rows.js';
import { toMs } from '../time.js';
import { writeTransaction, type Db } from './connection.js';

export function createFeedOps(db: Db) {
  const immediate = writeTransaction(db);
  const byId = db.prepare<[string], FeedRow>('SELECT * FROM feeds WHERE id = ?');
  const all = db.prepare<[], FeedRow>('SELECT * FROM feeds ORDER BY id');
  const insert = db.prepare(
    `INSERT INTO feeds (id, url, name, every_ms, full_text, backfill, tags, enabled, next_poll_at, created_at, updated_at)
     VALUES (@id, @url, @name, @everyMs, @fullText, @backfill, @tags, 1, @now, @now, @now)`,
  );
  // A new URL is a new feed as far as polling goes: validators and first-poll backfill start over.
  const update = db.prepare(
    `UPDATE feeds SET
       name = @name, every_ms = @everyMs, full_text = @fullText, backfill = @backfill, tags = @tags, enabled = 1,
       etag = CASE WHEN url = @url THEN etag END,
       last_modified = CASE WHEN url = @url THEN last_modified END,
       initialized = CASE WHEN url = @url THEN initialized ELSE 0 END,
       next_poll_at = CASE
         WHEN url <> @url OR enabled = 0 THEN MIN(next_poll_at, @now)
         WHEN every_ms <> @everyMs THEN MIN(next_poll_at, COALESCE(last_polled_at, @now) + @everyMs)
         ELSE next_poll_at END,
       url = @url, updated_at = @now
     WHERE id = @id`,
  );
  const disable = db.prepare(
    `UPDATE feeds SET enabled = 0, lease_owner = NULL, lease_until = NULL, updated_at = @now
     WHERE enabled = 1 AND id NOT IN (SELECT value FROM json_each(@ids))`,
  );
  const due = db.prepare<{ now: number; dueBy: number; limit: number }, FeedRow>(
    `SELECT * FROM feeds WHERE enabled = 1 AND next_poll_at <= @dueBy AND (lease_until IS NULL OR lease_until <= @now)
     ORDER BY next_poll_at, id LIMIT @limit`,
  );
  const lease = db.prepare('UPDATE feeds SET lease_owner = @owner, lease_until = @until WHERE id = @id');
  const finish = db.prepare(
    `UPDATE feeds SET
       last_result = @result, last_status = @status, last_polled_at = @now, next_poll_at = @nextPollAt,
       lease_owner = NULL, lease_until = NULL, updated_at = @now,
       etag = CASE WHEN @result = 'ok' THEN @etag WHEN @result = 'not-modified' THEN COALESCE(@etag, etag) ELSE etag END,
       last_modified = CASE WHEN @result = 'ok' THEN @lastModified WHEN @result = 'not-modified' THEN COALESCE(@lastModified, last_modified) ELSE last_modified END,
       title = CASE WHEN @result = 'ok' THEN COALESCE(@title, title) ELSE title END,
       last_error_code = CASE WHEN @result = 'error' THEN @errorCode END,
       last_error_message = CASE WHEN @result = 'error' THEN @errorMessage END,
       consecutive_failures = CASE WHEN @result = 'error' THEN consecutive_failures + 1 ELSE 0 END,
       failing_since = CASE WHEN @result = 'error' THEN COALESCE(failing_since, @now) END,
       last_success_at = CASE WHEN @result = 'error' THEN last_success_at ELSE @now END,
       initialized = CASE WHEN @result = 'error' THEN initialized ELSE 1 END
     WHERE id = @id AND lease_owner = @owner`,
  );

  return {
    syncFeeds: immediate((feeds: FeedDef[], nowIso: string) => {
      const now = toMs(nowIso, 'now');
      for (const f of feeds) {
        const params = {
          id: f.id,
          url: f.url,
          name: f.name,
          everyMs: f.everyMs,
          fullText: f.fullText ? 1 : 0,
          backfill: f.backfill,
          tags: JSON.stringify(f.tags),
          now,
        };
        if (byId.get(f.id)) update.run(params);
        else insert.run(params);
      }
      disable.run({ ids: JSON.stringify(feeds.map((f) => f.id)), now });
    }),

    claimDueFeeds: immediate((args: { now: string; limit: number; leaseMs: number; owner: string; dueBy?: string }): FeedRecord[] => {
      const now = toMs(args.now, 'now');
      const dueBy = args.dueBy === undefined ? now : Math.min(now, toMs(args.dueBy, 'dueBy'));
      const rows = due.all({ now, dueBy, limit: Math.max(0, Math.floor(args.limit)) });
      for (const r of rows) lease.run({ owner: args.owner, until: now + args.leaseMs, id: r.id });
      return rows.map(feedFromRow);
    }),

    finishPoll(u: FeedPollUpdate): void {
      finish.run({
        id: u.feedId,
        owner: u.owner,
        now: toMs(u.now, 'now'),
        nextPollAt: toMs(u.nextPollAt, 'nextPollAt'),
        result: u.result,
        status: u.status,
        etag: u.etag,
        lastModified: u.lastModified,
        title: u.title,
        errorCode: u.error?.code ?? 'unknown',
        errorMessage: u.error?.message ?? '',
      });
    },

    listFeeds: (): FeedRecord[] => all.all().map(feedFromRow),
    getFeed: (id: string): FeedRecord | null => {
      const r = byId.get(id);
      return r ? feedFromRow(r) : null;
    },
  };
}
