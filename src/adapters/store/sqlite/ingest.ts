/**
 * @module adapters/store/sqlite/ingest — storing an article and everything it causes, in one
 * transaction: the story (or the also-reported link), topics, quotes, search index, lookup keys and
 * the outbox rows. Unique keys make a repeat a no-op. The write transaction (BEGIN IMMEDIATE) is
 * the lock: the near-duplicate lookup the flow asks for (`similar`) runs inside it, so two
 * connections storing copies of one story at once make one story.
 */
import { leadOf } from '../../../core/dedupe.js';
import type { Subscription } from '../../../core/types.js';
import type { IngestOutcome, NewArticle, StoryCandidate } from '../../../ports.js';
import { storyOutboxRows } from '../fanout.js';
import { dedupeKeys, destKey, destinationOf, speakerKey } from '../keys.js';
import { toIso, toMs } from '../time.js';
import { writeTransaction, type Db } from './connection.js';
import { subscriptionFromRow, type SubscriptionRow } from '../rows.js';

interface AlertRow {
  platform: string;
  workspace: string;
  channel: string;
  dest_key: string;
  topics: string;
  message_id: string | null;
}

/** Candidates returned by findSimilarStories (see the port). */
export const SIMILAR_LIMIT = 50;

export function createIngestOps(db: Db) {
  const immediate = writeTransaction(db);
  const knownKeys = db.prepare<[string, string], { key: string }>(
    'SELECT key FROM articles WHERE feed_id = ? AND key IN (SELECT value FROM json_each(?))',
  );
  const knownUrls = db.prepare<[string], { url: string }>('SELECT DISTINCT url FROM articles WHERE url IN (SELECT value FROM json_each(?))');
  // Most shared keys first: when a busy topic yields many candidates, the likeliest are kept.
  const similar = db.prepare<[string, number, number, number], { id: number; title: string; lead: string; fingerprint: string; first_seen_at: number }>(
    `SELECT s.id, s.title, s.lead, s.fingerprint, s.first_seen_at
     FROM (SELECT story_id, COUNT(*) AS shared FROM story_keys
           WHERE key IN (SELECT value FROM json_each(?)) AND first_seen_at >= ? GROUP BY story_id HAVING COUNT(*) >= ?) k
     JOIN stories s ON s.id = k.story_id
     ORDER BY k.shared DESC, s.first_seen_at, s.id LIMIT ?`,
  );
  const articleByKey = db.prepare<[string, string], { story_id: number }>('SELECT story_id FROM articles WHERE feed_id = ? AND key = ?');
  const articleByUrl = db.prepare<[string], { story_id: number }>('SELECT story_id FROM articles WHERE url = ? LIMIT 1');
  const storyHead = db.prepare<[number], { id: number; feed_id: string; first_seen_at: number }>('SELECT id, feed_id, first_seen_at FROM stories WHERE id = ?');
  const outletSeen = db.prepare<[number, string], { n: number }>('SELECT COUNT(*) AS n FROM articles WHERE story_id = ? AND feed_id = ?');
  const insertStory = db.prepare(
    `INSERT INTO stories (feed_id, source, guid, url, title, body, lead, author, published_at, first_seen_at, analysis, fingerprint)
     VALUES (@feedId, @source, @guid, @url, @title, @body, @lead, @author, @published, @now, @analysis, @fingerprint)`,
  );
  const insertArticle = db.prepare(
    `INSERT INTO articles (feed_id, key, story_id, url, guid, title, source, published_at, seen_at)
     VALUES (@feedId, @key, @storyId, @url, @guid, @title, @source, @published, @now)`,
  );
  const insertTopic = db.prepare('INSERT OR IGNORE INTO story_topics (story_id, topic, score, published_at) VALUES (?, ?, ?, ?)');
  const insertKey = db.prepare('INSERT OR IGNORE INTO story_keys (key, story_id, first_seen_at) VALUES (?, ?, ?)');
  const insertQuote = db.prepare('INSERT INTO quotes (story_id, idx, text, speaker, speaker_key, published_at) VALUES (?, ?, ?, ?, ?, ?)');
  const insertSearch = db.prepare('INSERT INTO story_search (rowid, title, body) VALUES (?, ?, ?)');
  const activeSubs = db.prepare<[string], SubscriptionRow>(
    'SELECT * FROM subscriptions WHERE paused_at IS NULL AND topic IN (SELECT value FROM json_each(?)) ORDER BY id',
  );
  const activeDest = db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM subscriptions WHERE dest_key = ? AND paused_at IS NULL');
  // Channels that got the story: its alert is sent, or in flight (rendered before this outlet arrived).
  // A pending alert will render the story as it stands when sent, this outlet included.
  const alertsOf = db.prepare<[number], AlertRow>(
    `SELECT platform, workspace, channel, dest_key, topics, message_id FROM deliveries
     WHERE story_id = ? AND kind = 'alert' AND status IN ('sending', 'sent')`,
  );
  const insertDelivery = db.prepare(
    `INSERT OR IGNORE INTO deliveries
       (dedupe_key, kind, platform, workspace, channel, dest_key, story_id, article_key, topics, mention, payload, digest_key,
        next_attempt_at, thread_of, created_at, updated_at)
     VALUES (@dedupeKey, @kind, @platform, @workspace, @channel, @destKey, @storyId, @articleKey, @topics, @mention, @payload,
        @digestKey, @nextAttemptAt, @threadOf, @now, @now)`,
  );

  function knownStory(a: NewArticle): number | null {
    const byKey = articleByKey.get(a.feedId, a.key);
    if (byKey) return byKey.story_id;
    if (a.item.url) return articleByUrl.get(a.item.url)?.story_id ?? null;
    return null;
  }

  function similarStories(fingerprint: string[], sinceMs: number, minShared: number): StoryCandidate[] {
    if (fingerprint.length === 0) return [];
    return similar.all(JSON.stringify(fingerprint), sinceMs, Math.max(1, Math.floor(minShared)), SIMILAR_LIMIT).map((r) => ({
      id: String(r.id),
      title: r.title,
      lead: r.lead,
      fingerprint: JSON.parse(r.fingerprint) as string[],
      firstSeen: toIso(r.first_seen_at),
    }));
  }

  /** The story id the article repeats: chosen here, inside the transaction, when the flow asks for it. */
  function duplicateOf(a: NewArticle): string | null {
    if (!a.similar) return a.duplicateOf;
    return a.similar.choose(similarStories(a.fingerprint, toMs(a.similar.since, 'similar.since'), a.similar.minShared ?? 1));
  }

  function addArticle(a: NewArticle, storyId: number, published: number, now: number): void {
    insertArticle.run({ feedId: a.feedId, key: a.key, storyId, url: a.item.url, guid: a.item.guid, title: a.item.title, source: a.source, published, now });
  }

  function alsoReported(a: NewArticle, story: { id: number; feed_id: string }, published: number, now: number): IngestOutcome {
    // Another item from an outlet already on the story (an edited re-post) is linked, not announced.
    const newOutlet = story.feed_id !== a.feedId && outletSeen.get(story.id, a.feedId)!.n === 0;
    addArticle(a, story.id, published, now);
    for (const key of a.fingerprint) insertKey.run(key, story.id, now);
    let deliveries = 0;
    if (a.alert && newOutlet) {
      const storyId = String(story.id);
      const outlet = { feedId: a.feedId, source: a.source, title: a.item.title, url: a.item.url, seenAt: toIso(now) };
      for (const alert of alertsOf.all(story.id)) {
        if (activeDest.get(alert.dest_key)!.n === 0) continue; // paused or unsubscribed: nothing more
        const dest = destinationOf(alert);
        deliveries += insertDelivery.run({
          dedupeKey: dedupeKeys.followup(storyId, a.feedId, a.key, dest),
          kind: 'followup',
          ...dest,
          destKey: alert.dest_key,
          storyId: story.id,
          articleKey: a.key,
          topics: alert.topics,
          mention: null,
          payload: JSON.stringify({ outlet }),
          digestKey: null,
          nextAttemptAt: now,
          threadOf: alert.message_id,
          now,
        }).changes;
      }
    }
    return { key: a.key, status: 'also-reported', storyId: String(story.id), deliveries };
  }

  function newStory(a: NewArticle, published: number, now: number): IngestOutcome {
    const { item, analysis } = a;
    const storyId = Number(
      insertStory.run({
        feedId: a.feedId,
        source: a.source,
        guid: item.guid,
        url: item.url,
        title: item.title,
        body: item.body,
        lead: leadOf(item.body),
        author: item.author,
        published,
        now,
        analysis: JSON.stringify(analysis),
        fingerprint: JSON.stringify(a.fingerprint),
      }).lastInsertRowid,
    );
    addArticle(a, storyId, published, now);
    for (const t of analysis.topics) insertTopic.run(storyId, t.id, t.score, published);
    for (const key of a.fingerprint) insertKey.run(key, storyId, now);
    analysis.quotes.forEach((q, i) => insertQuote.run(storyId, i, q.text, q.speaker, speakerKey(q.speaker), published));
    insertSearch.run(storyId, item.title, item.body);

    let deliveries = 0;
    const topics = analysis.topics.map((t) => t.id);
    if (a.alert && topics.length > 0) {
      const subs: Subscription[] = activeSubs.all(JSON.stringify(topics)).map(subscriptionFromRow);
      for (const { destination, ...row } of storyOutboxRows(storyId, topics, subs, now)) {
        deliveries += insertDelivery.run({ ...row, ...destination, destKey: destKey(destination), now }).changes;
      }
    }
    return { key: a.key, status: 'new-story', storyId: String(storyId), deliveries };
  }

  return {
    knownItems(feedId: string, items: { key: string; url: string | null }[]): Set<string> {
      const keys = new Set(knownKeys.all(feedId, JSON.stringify(items.map((i) => i.key))).map((r) => r.key));
      const urls = items.filter((i) => i.url).map((i) => i.url);
      const seenUrls = urls.length > 0 ? new Set(knownUrls.all(JSON.stringify(urls)).map((r) => r.url)) : new Set<string>();
      return new Set(items.filter((i) => keys.has(i.key) || (i.url !== null && seenUrls.has(i.url))).map((i) => i.key));
    },

    findSimilarStories(fingerprint: string[], since: string, minShared = 1): StoryCandidate[] {
      return similarStories(fingerprint, toMs(since, 'since'), minShared);
    },

    ingest: immediate((a: NewArticle, nowIso: string): IngestOutcome => {
      const now = toMs(nowIso, 'now');
      const published = toMs(a.item.published, 'item.published');
      const known = knownStory(a);
      if (known !== null) return { key: a.key, status: 'known', storyId: String(known), deliveries: 0 };
      const chosen = duplicateOf(a);
      const dupId = chosen === null ? Number.NaN : Number(chosen);
      const dup = Number.isSafeInteger(dupId) ? storyHead.get(dupId) : undefined;
      return dup ? alsoReported(a, dup, published, now) : newStory(a, published, now);
    }),
  };
}
