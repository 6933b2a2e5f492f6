/**
 * @module adapters/store/postgres/ingest — storing an article and everything it causes in one
 * transaction: the story (or the also-reported link), topics, quotes, search vector, lookup keys and
 * the outbox rows. Unique keys make a repeat a no-op.
 *
 * Across instances, an ingest first takes advisory locks on what copies of a story share (its
 * feed + key, canonical URL and fingerprint keys: ingest-locks.ts), then decides inside the
 * transaction whether it is known, a near-duplicate of a stored story, or new. Two outlets carrying
 * the same story at once become one story (the second waits for and sees the first), while
 * unrelated stories are stored in parallel. Outbox rows are written under their destinations'
 * outbox locks (insertDeliveries), so "creation order" per destination is commit order on every
 * instance.
 */
import type pg from 'pg';
import { leadOf } from '../../../core/dedupe.js';
import type { Subscription } from '../../../core/types.js';
import type { IngestOutcome, NewArticle, StoryCandidate } from '../../../ports.js';
import { storyOutboxRows, type OutboxRow } from '../fanout.js';
import { dedupeKeys, destKey, destinationOf, speakerKey } from '../keys.js';
import { toIso, toMs } from '../time.js';
import { LOCKS, sqlOn, transaction, type Sql } from './connection.js';
import { destinationLockKeys, ingestLockKeys } from './ingest-locks.js';
import { storyVector } from './search-text.js';
import { subscriptionFromRow, type SubscriptionRow } from '../rows.js';

interface AlertRow {
  platform: string;
  workspace: string;
  channel: string;
  dest_key: string;
  topics: string;
  message_id: string | null;
}

const OUTBOX_COLUMNS =
  'dedupe_key, kind, platform, workspace, channel, dest_key, story_id, article_key, topics, mention, payload, digest_key, next_attempt_at, thread_of';

/**
 * Inserts outbox rows (and their destination rows) in two statements whatever their number; a row
 * whose dedupe key exists is skipped. Returns how many were written.
 *
 * The second statement first takes the outbox lock of each destination written to (held to
 * commit), so one destination's rows get ids in commit order: a claimer, which sends each
 * destination's rows in id order, never sees a row committed before an older one of the same
 * destination that is still to come. Rows for other destinations are written in parallel, and the
 * lock is held only for that statement and the commit (contention between instances is on it).
 */
export async function insertDeliveries(sql: Sql, rows: OutboxRow[], now: number): Promise<number> {
  if (rows.length === 0) return 0;
  const keys = rows.map((r) => destKey(r.destination));
  await sql('INSERT INTO destinations (dest_key) SELECT DISTINCT k FROM unnest($1::text[]) k ORDER BY k ON CONFLICT DO NOTHING', [keys]);
  const col = <T>(f: (r: OutboxRow) => T): T[] => rows.map(f);
  return sql.count(
    `INSERT INTO deliveries
       (dedupe_key, kind, platform, workspace, channel, dest_key, story_id, article_key, topics, mention, payload, digest_key,
        next_attempt_at, thread_of, created_at, updated_at)
     SELECT ${OUTBOX_COLUMNS}, $15::bigint, $15::bigint
     FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::bigint[], $8::text[], $9::text[],
       $10::text[], $11::text[], $12::text[], $13::bigint[], $14::text[]) WITH ORDINALITY AS r (${OUTBOX_COLUMNS}, ord)
     -- The locks, in ascending order (unnest yields the array in order), before any row exists.
     CROSS JOIN (SELECT COUNT(pg_advisory_xact_lock(${LOCKS.outboxDestinations}, k)) AS n FROM unnest($16::int4[]) k) l
     WHERE l.n >= 0
     ORDER BY r.ord
     ON CONFLICT (dedupe_key) DO NOTHING`,
    [
      col((r) => r.dedupeKey),
      col((r) => r.kind),
      col((r) => r.destination.platform),
      col((r) => r.destination.workspace),
      col((r) => r.destination.channel),
      keys,
      col((r) => r.storyId),
      col((r) => r.articleKey),
      col((r) => r.topics),
      col((r) => r.mention),
      col((r) => r.payload),
      col((r) => r.digestKey),
      col((r) => r.nextAttemptAt),
      col((r) => r.threadOf),
      now,
      destinationLockKeys(keys),
    ],
  );
}

type SimilarRow = { id: number; title: string; lead: string; fingerprint: string; first_seen_at: number };

/** Stories first seen since `sinceMs` sharing at least `minShared` fingerprint keys, most shared first. */
async function similarStories(sql: Sql, fingerprint: string[], sinceMs: number, minShared: number): Promise<StoryCandidate[]> {
  if (fingerprint.length === 0) return [];
  const rows = await sql<SimilarRow>(
    `SELECT s.id, s.title, s.lead, s.fingerprint, s.first_seen_at
     FROM (SELECT story_id, COUNT(*) AS shared FROM story_keys WHERE key = ANY($1::text[]) AND first_seen_at >= $2
           GROUP BY story_id HAVING COUNT(*) >= $3) k
     JOIN stories s ON s.id = k.story_id
     ORDER BY k.shared DESC, s.first_seen_at, s.id LIMIT 50`,
    [fingerprint, sinceMs, Math.max(1, Math.floor(minShared))],
  );
  return rows.map((r) => ({ id: String(r.id), title: r.title, lead: r.lead, fingerprint: JSON.parse(r.fingerprint) as string[], firstSeen: toIso(r.first_seen_at) }));
}

/** The story id the article repeats: chosen here, under the ingest locks, when the flow asks for it. */
async function duplicateOf(sql: Sql, a: NewArticle): Promise<string | null> {
  if (!a.similar) return a.duplicateOf;
  return a.similar.choose(await similarStories(sql, a.fingerprint, toMs(a.similar.since, 'similar.since'), a.similar.minShared ?? 1));
}

/** The story this article is already stored under: same feed and key, or same canonical URL anywhere. */
async function knownStory(sql: Sql, a: NewArticle): Promise<number | null> {
  const [row] = await sql<{ story_id: number }>(
    `SELECT story_id FROM articles WHERE (feed_id = $1 AND key = $2) OR ($3::text IS NOT NULL AND url = $3)
     ORDER BY (feed_id = $1 AND key = $2) DESC LIMIT 1`,
    [a.feedId, a.key, a.item.url],
  );
  return row?.story_id ?? null;
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
  if (!a.alert || !newOutlet) return { key: a.key, status: 'also-reported', storyId: String(story.id), deliveries: 0 };
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
  const payload = JSON.stringify({ outlet });
  const deliveries = await insertDeliveries(
    sql,
    alerts.map((alert) => {
      const destination = destinationOf(alert);
      return {
        dedupeKey: dedupeKeys.followup(storyId, a.feedId, a.key, destination),
        kind: 'followup',
        destination,
        storyId: story.id,
        articleKey: a.key,
        topics: alert.topics,
        mention: null,
        payload,
        digestKey: null,
        nextAttemptAt: now,
        threadOf: alert.message_id,
      } satisfies OutboxRow;
    }),
    now,
  );
  return { key: a.key, status: 'also-reported', storyId, deliveries };
}

// $1 feed, $2 source, $3 guid, $4 url, $5 title, $6 body, $7 lead, $8 author, $9 published, $10 now,
// $11 analysis, $12 fingerprint (JSON), $13 search vector, $14 article key, $15 topic ids, $16 topic
// scores, $17 quote texts, $18 quote speakers, $19 fingerprint keys, $20 speaker keys. The story and
// everything hanging off it, in one statement (one round trip).
const INSERT_STORY = `
WITH s AS (
  INSERT INTO stories (feed_id, source, guid, url, title, body, lead, author, published_at, first_seen_at, analysis, fingerprint, search)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13::tsvector) RETURNING id
), a AS (
  INSERT INTO articles (feed_id, key, story_id, url, guid, title, source, published_at, seen_at)
  SELECT $1, $14, s.id, $4, $3, $5, $2, $9, $10 FROM s
), t AS (
  INSERT INTO story_topics (story_id, topic, score, published_at)
  SELECT s.id, x.topic, x.score, $9 FROM s, unnest($15::text[], $16::float8[]) AS x (topic, score) ON CONFLICT DO NOTHING
), k AS (
  INSERT INTO story_keys (key, story_id, first_seen_at)
  SELECT DISTINCT x.key, s.id, $10::bigint FROM s, unnest($19::text[]) AS x (key) ON CONFLICT DO NOTHING
), q AS (
  INSERT INTO quotes (story_id, idx, text, speaker, speaker_key, published_at)
  SELECT s.id, x.idx - 1, x.text, x.speaker, x.speaker_key, $9 FROM s,
    unnest($17::text[], $18::text[], $20::text[]) WITH ORDINALITY AS x (text, speaker, speaker_key, idx)
)
SELECT id FROM s`;

async function newStory(sql: Sql, a: NewArticle, published: number, now: number): Promise<IngestOutcome> {
  const { item, analysis } = a;
  const [inserted] = await sql<{ id: number }>(INSERT_STORY, [
    a.feedId,
    a.source,
    item.guid,
    item.url,
    item.title,
    item.body,
    leadOf(item.body),
    item.author,
    published,
    now,
    JSON.stringify(analysis),
    JSON.stringify(a.fingerprint),
    storyVector(item.title, item.body),
    a.key,
    analysis.topics.map((t) => t.id),
    analysis.topics.map((t) => t.score),
    analysis.quotes.map((q) => q.text),
    analysis.quotes.map((q) => q.speaker),
    a.fingerprint,
    analysis.quotes.map((q) => speakerKey(q.speaker)),
  ]);
  const storyId = inserted!.id;
  const topics = analysis.topics.map((t) => t.id);
  if (!a.alert || topics.length === 0) return { key: a.key, status: 'new-story', storyId: String(storyId), deliveries: 0 };
  const rows = await sql<SubscriptionRow>('SELECT * FROM subscriptions WHERE paused_at IS NULL AND topic = ANY($1::text[]) ORDER BY id', [topics]);
  const subs: Subscription[] = rows.map(subscriptionFromRow);
  return { key: a.key, status: 'new-story', storyId: String(storyId), deliveries: await insertDeliveries(sql, storyOutboxRows(storyId, topics, subs, now), now) };
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
      return similarStories(sql, fingerprint, toMs(since, 'since'), minShared);
    },

    async ingest(a: NewArticle, nowIso: string): Promise<IngestOutcome> {
      const now = toMs(nowIso, 'now');
      const published = toMs(a.item.published, 'item.published');
      return transaction(
        pool,
        async (tx) => {
          const known = await knownStory(tx, a);
          if (known !== null) return { key: a.key, status: 'known', storyId: String(known), deliveries: 0 };
          const chosen = await duplicateOf(tx, a);
          const dupId = chosen === null ? Number.NaN : Number(chosen);
          const [dup] = Number.isSafeInteger(dupId) ? await tx<{ id: number; feed_id: string }>('SELECT id, feed_id FROM stories WHERE id = $1', [dupId]) : [];
          return dup ? alsoReported(tx, a, dup, published, now) : newStory(tx, a, published, now);
        },
        { keyLocks: { space: LOCKS.ingestKeys, keys: ingestLockKeys(a) } },
      );
    },
  };
}
