/**
 * @module adapters/store/postgres/ingest — storing an article and everything it causes in one
 * transaction: the story (or the also-reported link), topics, quotes, search vector, lookup keys and
 * the outbox rows. Unique keys make a repeat a no-op.
 *
 * Every ingest holds the outbox-write advisory lock: across instances, two outlets carrying the
 * same canonical URL at once still become one story (the second sees the first), and outbox ids
 * follow commit order, so "creation order" per destination means the same on every instance.
 */
import type pg from 'pg';
import { leadOf } from '../../../core/dedupe.js';
import type { Destination, Subscription } from '../../../core/types.js';
import type { IngestOutcome, NewArticle, StoryCandidate } from '../../../ports.js';
import { planStoryDeliveries } from '../fanout.js';
import { dedupeKeys, destKey, destinationOf, speakerKey } from '../keys.js';
import { toIso, toMs } from '../time.js';
import { LOCKS, sqlOn, transaction, type Sql } from './connection.js';
import { storyVector } from './search-text.js';
import { subscriptionFromRow, type SubscriptionRow } from './subscriptions.js';

interface AlertRow {
  platform: string;
  workspace: string;
  channel: string;
  dest_key: string;
  topics: string;
  message_id: string | null;
}

export interface OutboxRow {
  dedupeKey: string;
  kind: 'alert' | 'followup' | 'digest' | 'notice';
  destination: Destination;
  storyId: number | null;
  articleKey: string | null;
  topics: string;
  mention: string | null;
  payload: string | null;
  digestKey: string | null;
  nextAttemptAt: number;
  threadOf: string | null;
}

/** Inserts an outbox row (and its destination row) unless its dedupe key exists; true when written. */
export async function insertDelivery(sql: Sql, row: OutboxRow, now: number): Promise<boolean> {
  const key = destKey(row.destination);
  await sql('INSERT INTO destinations (dest_key) VALUES ($1) ON CONFLICT DO NOTHING', [key]);
  const d = row.destination;
  return (
    (await sql.count(
      `INSERT INTO deliveries
         (dedupe_key, kind, platform, workspace, channel, dest_key, story_id, article_key, topics, mention, payload, digest_key,
          next_attempt_at, thread_of, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15)
       ON CONFLICT (dedupe_key) DO NOTHING`,
      [row.dedupeKey, row.kind, d.platform, d.workspace, d.channel, key, row.storyId, row.articleKey, row.topics, row.mention, row.payload, row.digestKey, row.nextAttemptAt, row.threadOf, now],
    )) === 1
  );
}

async function knownStory(sql: Sql, a: NewArticle): Promise<number | null> {
  const [byKey] = await sql<{ story_id: number }>('SELECT story_id FROM articles WHERE feed_id = $1 AND key = $2', [a.feedId, a.key]);
  if (byKey) return byKey.story_id;
  if (!a.item.url) return null;
  const [byUrl] = await sql<{ story_id: number }>('SELECT story_id FROM articles WHERE url = $1 LIMIT 1', [a.item.url]);
  return byUrl?.story_id ?? null;
}

async function addArticle(sql: Sql, a: NewArticle, storyId: number, published: number, now: number): Promise<void> {
  await sql(
    `INSERT INTO articles (feed_id, key, story_id, url, guid, title, source, published_at, seen_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [a.feedId, a.key, storyId, a.item.url, a.item.guid, a.item.title, a.source, published, now],
  );
}

async function addKeys(sql: Sql, keys: string[], storyId: number, now: number): Promise<void> {
  if (keys.length === 0) return;
  await sql(
    `INSERT INTO story_keys (key, story_id, first_seen_at) SELECT DISTINCT k, $2::bigint, $3::bigint FROM unnest($1::text[]) k ON CONFLICT DO NOTHING`,
    [keys, storyId, now],
  );
}

async function alsoReported(sql: Sql, a: NewArticle, story: { id: number; feed_id: string }, published: number, now: number): Promise<IngestOutcome> {
  // Another item from an outlet already on the story (an edited re-post) is linked, not announced.
  const [seen] = await sql<{ n: number }>('SELECT COUNT(*) AS n FROM articles WHERE story_id = $1 AND feed_id = $2', [story.id, a.feedId]);
  const newOutlet = story.feed_id !== a.feedId && seen!.n === 0;
  await addArticle(sql, a, story.id, published, now);
  await addKeys(sql, a.fingerprint, story.id, now);
  let deliveries = 0;
  if (!a.alert || !newOutlet) return { key: a.key, status: 'also-reported', storyId: String(story.id), deliveries };
  const storyId = String(story.id);
  const outlet = { feedId: a.feedId, source: a.source, title: a.item.title, url: a.item.url, seenAt: toIso(now) };
  // Channels that got the story: its alert is sent or in flight, and they still follow something.
  const alerts = await sql<AlertRow>(
    `SELECT d.platform, d.workspace, d.channel, d.dest_key, d.topics, d.message_id FROM deliveries d
     WHERE d.story_id = $1 AND d.kind = 'alert' AND d.status IN ('sending', 'sent')
       AND EXISTS (SELECT 1 FROM subscriptions s WHERE s.dest_key = d.dest_key AND s.paused_at IS NULL)
     ORDER BY d.id`,
    [story.id],
  );
  for (const alert of alerts) {
    const destination = destinationOf(alert);
    const written = await insertDelivery(
      sql,
      {
        dedupeKey: dedupeKeys.followup(storyId, a.feedId, a.key, destination),
        kind: 'followup',
        destination,
        storyId: story.id,
        articleKey: a.key,
        topics: alert.topics,
        mention: null,
        payload: JSON.stringify({ outlet }),
        digestKey: null,
        nextAttemptAt: now,
        threadOf: alert.message_id,
      },
      now,
    );
    if (written) deliveries++;
  }
  return { key: a.key, status: 'also-reported', storyId, deliveries };
}

async function newStory(sql: Sql, a: NewArticle, published: number, now: number): Promise<IngestOutcome> {
  const { item, analysis } = a;
  const [inserted] = await sql<{ id: number }>(
    `INSERT INTO stories (feed_id, source, guid, url, title, body, lead, author, published_at, first_seen_at, analysis, fingerprint, search)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13::tsvector) RETURNING id`,
    [a.feedId, a.source, item.guid, item.url, item.title, item.body, leadOf(item.body), item.author, published, now, JSON.stringify(analysis), JSON.stringify(a.fingerprint), storyVector(item.title, item.body)],
  );
  const storyId = inserted!.id;
  await addArticle(sql, a, storyId, published, now);
  const topics = analysis.topics.map((t) => t.id);
  if (topics.length > 0) {
    await sql(
      `INSERT INTO story_topics (story_id, topic, score, published_at)
       SELECT $1::bigint, t.topic, t.score, $4::bigint FROM unnest($2::text[], $3::float8[]) AS t (topic, score) ON CONFLICT DO NOTHING`,
      [storyId, topics, analysis.topics.map((t) => t.score), published],
    );
  }
  await addKeys(sql, a.fingerprint, storyId, now);
  if (analysis.quotes.length > 0) {
    await sql(
      `INSERT INTO quotes (story_id, idx, text, speaker, speaker_key, published_at)
       SELECT $1::bigint, q.idx - 1, q.text, q.speaker, q.speaker_key, $5::bigint
       FROM unnest($2::text[], $3::text[], $4::text[]) WITH ORDINALITY AS q (text, speaker, speaker_key, idx)`,
      [storyId, analysis.quotes.map((q) => q.text), analysis.quotes.map((q) => q.speaker), analysis.quotes.map((q) => speakerKey(q.speaker)), published],
    );
  }

  let deliveries = 0;
  if (a.alert && topics.length > 0) {
    const rows = await sql<SubscriptionRow>('SELECT * FROM subscriptions WHERE paused_at IS NULL AND topic = ANY($1::text[]) ORDER BY id', [topics]);
    const subs: Subscription[] = rows.map(subscriptionFromRow);
    for (const p of planStoryDeliveries(String(storyId), topics, subs, now)) {
      const written = await insertDelivery(
        sql,
        {
          dedupeKey: p.dedupeKey,
          kind: p.kind,
          destination: p.destination,
          storyId,
          articleKey: null,
          topics: JSON.stringify(p.topics),
          mention: p.mention,
          payload: p.payload ? JSON.stringify(p.payload) : null,
          digestKey: p.digestKey,
          nextAttemptAt: p.nextAttemptAt,
          threadOf: null,
        },
        now,
      );
      if (written) deliveries++;
    }
  }
  return { key: a.key, status: 'new-story', storyId: String(storyId), deliveries };
}

export function createIngestOps(pool: pg.Pool) {
  const sql = sqlOn(pool);
  return {
    async knownItems(feedId: string, items: { key: string; url: string | null }[]): Promise<Set<string>> {
      if (items.length === 0) return new Set();
      const keys = new Set(
        (await sql<{ key: string }>('SELECT key FROM articles WHERE feed_id = $1 AND key = ANY($2::text[])', [feedId, items.map((i) => i.key)])).map((r) => r.key),
      );
      const urls = items.flatMap((i) => (i.url ? [i.url] : []));
      const seenUrls =
        urls.length > 0 ? new Set((await sql<{ url: string }>('SELECT DISTINCT url FROM articles WHERE url = ANY($1::text[])', [urls])).map((r) => r.url)) : new Set<string>();
      return new Set(items.filter((i) => keys.has(i.key) || (i.url !== null && seenUrls.has(i.url))).map((i) => i.key));
    },

    async findSimilarStories(fingerprint: string[], since: string, minShared = 1): Promise<StoryCandidate[]> {
      const sinceMs = toMs(since, 'since');
      if (fingerprint.length === 0) return [];
      // Most shared keys first (the likeliest duplicates survive the limit), as in the SQLite store.
      const rows = await sql<{ id: number; title: string; lead: string; fingerprint: string; first_seen_at: number }>(
        `SELECT s.id, s.title, s.lead, s.fingerprint, s.first_seen_at
         FROM (SELECT story_id, COUNT(*) AS shared FROM story_keys WHERE key = ANY($1::text[]) AND first_seen_at >= $2
               GROUP BY story_id HAVING COUNT(*) >= $3) k
         JOIN stories s ON s.id = k.story_id
         ORDER BY k.shared DESC, s.first_seen_at, s.id LIMIT 50`,
        [fingerprint, sinceMs, Math.max(1, Math.floor(minShared))],
      );
      return rows.map((r) => ({ id: String(r.id), title: r.title, lead: r.lead, fingerprint: JSON.parse(r.fingerprint) as string[], firstSeen: toIso(r.first_seen_at) }));
    },

    async ingest(a: NewArticle, nowIso: string): Promise<IngestOutcome> {
      const now = toMs(nowIso, 'now');
      const published = toMs(a.item.published, 'item.published');
      return transaction(pool, async (tx) => {
        await tx('SELECT pg_advisory_xact_lock($1)', [LOCKS.outboxWrite]);
        const known = await knownStory(tx, a);
        if (known !== null) return { key: a.key, status: 'known', storyId: String(known), deliveries: 0 };
        const dupId = a.duplicateOf === null ? Number.NaN : Number(a.duplicateOf);
        const [dup] = Number.isSafeInteger(dupId) ? await tx<{ id: number; feed_id: string }>('SELECT id, feed_id FROM stories WHERE id = $1', [dupId]) : [];
        return dup ? alsoReported(tx, a, dup, published, now) : newStory(tx, a, published, now);
      });
    },
  };
}
