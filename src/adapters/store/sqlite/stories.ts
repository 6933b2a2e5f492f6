/**
 * @module adapters/store/sqlite/stories — reading stories back: by id, newest, full-text search
 * (FTS5, bm25), quotes by speaker and speaker autocomplete. Analyses are stored, never recomputed.
 */
import type { Quote, Story } from '../../../core/types.js';
import type { QuoteHit, SearchHit } from '../../../ports.js';
import { speakerPatterns } from '../keys.js';
import { storiesFromRows, type OutletRow, type StoryRow } from '../rows.js';
import type { Db } from './connection.js';

/** Words of a user's query as an FTS5 expression: each word quoted (no operator injection), longer ones as prefixes. */
export function ftsQuery(query: string, join: 'AND' | 'OR'): string | null {
  const words = query.normalize('NFKC').match(/[\p{L}\p{N}]+/gu) ?? [];
  if (words.length === 0) return null;
  return words.map((w) => (w.length >= 4 ? `"${w}"*` : `"${w}"`)).join(` ${join} `);
}

export function createStoryOps(db: Db) {
  const byId = db.prepare<[number], StoryRow>('SELECT * FROM stories WHERE id = ?');
  const newest = db.prepare<[number], StoryRow>('SELECT * FROM stories ORDER BY published_at DESC, id DESC LIMIT ?');
  const newestOnTopic = db.prepare<[string, number], StoryRow>(
    `SELECT s.* FROM story_topics t JOIN stories s ON s.id = t.story_id
     WHERE t.topic = ? ORDER BY t.published_at DESC, s.id DESC LIMIT ?`,
  );
  // Other outlets: articles of the story from feeds other than its own, in the order they were seen.
  const outlets = db.prepare<[string], OutletRow>(
    `SELECT a.story_id, a.feed_id, a.source, a.title, a.url, a.seen_at FROM articles a JOIN stories s ON s.id = a.story_id
     WHERE a.story_id IN (SELECT value FROM json_each(?)) AND a.feed_id <> s.feed_id ORDER BY a.seen_at, a.rowid`,
  );
  // bm25 weights: a word in the headline counts five times one in the body.
  const searchStmt = db.prepare<{ q: string; topic: string | null; limit: number }, StoryRow & { snippet: string; score: number }>(
    `SELECT s.*, snippet(story_search, -1, '*', '*', '…', 16) AS snippet, bm25(story_search, 5.0, 1.0) AS score
     FROM story_search JOIN stories s ON s.id = story_search.rowid
     WHERE story_search MATCH @q
       AND (@topic IS NULL OR EXISTS (SELECT 1 FROM story_topics t WHERE t.story_id = s.id AND t.topic = @topic))
     ORDER BY score, s.published_at DESC LIMIT @limit`,
  );
  const quotesStmt = db.prepare<{ patterns: string; topic: string | null; limit: number }, StoryRow & { q_text: string; q_speaker: string }>(
    `SELECT s.*, q.text AS q_text, q.speaker AS q_speaker FROM quotes q JOIN stories s ON s.id = q.story_id
     WHERE NOT EXISTS (SELECT 1 FROM json_each(@patterns) p WHERE q.speaker_key NOT LIKE p.value)
       AND (@topic IS NULL OR EXISTS (SELECT 1 FROM story_topics t WHERE t.story_id = q.story_id AND t.topic = @topic))
     ORDER BY q.published_at DESC, q.story_id DESC, q.idx LIMIT @limit`,
  );
  const speakersStmt = db.prepare<{ patterns: string; limit: number }, { speaker: string }>(
    `SELECT speaker FROM quotes
     WHERE speaker <> 'unknown' AND NOT EXISTS (SELECT 1 FROM json_each(@patterns) p WHERE speaker_key NOT LIKE p.value)
     GROUP BY speaker ORDER BY COUNT(*) DESC, MAX(published_at) DESC, speaker LIMIT @limit`,
  );

  /** Rows → stories with their other outlets, in one extra query. */
  function hydrate(rows: StoryRow[]): Story[] {
    if (rows.length === 0) return [];
    return storiesFromRows(rows, outlets.all(JSON.stringify([...new Set(rows.map((r) => r.id))])));
  }

  const limitOf = (n: number): number => Math.max(0, Math.min(1000, Math.floor(n)));

  return {
    hydrate,

    getStory(id: string): Story | null {
      const n = Number(id);
      if (!Number.isSafeInteger(n)) return null;
      const row = byId.get(n);
      return row ? hydrate([row])[0]! : null;
    },

    latest(args: { topic?: string; limit: number }): Story[] {
      const limit = limitOf(args.limit);
      return hydrate(args.topic ? newestOnTopic.all(args.topic, limit) : newest.all(limit));
    },

    /** All words must match; when that finds nothing, any word (ranked, so the best still come first). */
    search(args: { query: string; topic?: string; limit: number }): SearchHit[] {
      const limit = limitOf(args.limit);
      for (const join of ['AND', 'OR'] as const) {
        const q = ftsQuery(args.query, join);
        if (!q) return [];
        const rows = searchStmt.all({ q, topic: args.topic ?? null, limit });
        if (rows.length === 0) continue;
        const stories = hydrate(rows);
        return rows.map((r, i) => ({ story: stories[i]!, snippet: r.snippet, rank: -r.score }));
      }
      return [];
    },

    quotesBy(args: { speaker: string; topic?: string; limit: number }): QuoteHit[] {
      const patterns = speakerPatterns(args.speaker);
      if (patterns.length === 0) return [];
      const rows = quotesStmt.all({ patterns: JSON.stringify(patterns), topic: args.topic ?? null, limit: limitOf(args.limit) });
      const stories = hydrate(rows);
      return rows.map((r, i) => ({ quote: { text: r.q_text, speaker: r.q_speaker } satisfies Quote, story: stories[i]! }));
    },

    speakers(args: { prefix: string; limit: number }): string[] {
      const patterns = speakerPatterns(args.prefix, { prefix: true });
      return speakersStmt.all({ patterns: JSON.stringify(patterns), limit: limitOf(args.limit) }).map((r) => r.speaker);
    },
  };
}
