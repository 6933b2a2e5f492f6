/**
 * @module adapters/store/postgres/stories — reading stories back: by id, newest, full-text search
 * (tsvector + GIN, ts_rank, ts_headline snippets), quotes by speaker and speaker autocomplete.
 * Analyses are stored, never recomputed.
 */
import type pg from 'pg';
import type { Quote, Story } from '../../../core/types.js';
import type { QuoteHit, SearchHit } from '../../../ports.js';
import { speakerPatterns } from '../keys.js';
import { storiesFromRows, type OutletRow, type StoryRow } from '../rows.js';
import { sqlOn } from './connection.js';
import { searchQuery } from './search-text.js';

const STORY_COLUMNS = 's.id, s.feed_id, s.source, s.guid, s.url, s.title, s.body, s.author, s.published_at, s.first_seen_at, s.analysis';

// ts_headline parses the original text, so the snippet shows the article's own words; matched
// words are marked *like this* (the port's snippet format), about 16 words as on SQLite.
const HEADLINE_OPTIONS = 'StartSel=*, StopSel=*, MaxWords=18, MinWords=8, ShortWord=2, MaxFragments=1, FragmentDelimiter=" … "';

// $1 tsquery, $2 topic or null, $3 limit. Rank: title words weigh A (1.0), body words B (0.4);
// normalisation 1 divides by 1 + log(length), so a short story that is about the words wins.
const SEARCH = `
SELECT ${STORY_COLUMNS}, ts_rank(s.search, q.q, 1) AS rank,
       ts_headline('simple', s.title || E'\\n' || s.body, q.q, '${HEADLINE_OPTIONS}') AS snippet
FROM (SELECT $1::tsquery AS q) q
CROSS JOIN LATERAL (
  SELECT * FROM stories s WHERE s.search @@ q.q
    AND ($2::text IS NULL OR EXISTS (SELECT 1 FROM story_topics t WHERE t.story_id = s.id AND t.topic = $2))
  ORDER BY ts_rank(s.search, q.q, 1) DESC, s.published_at DESC, s.id DESC
  LIMIT $3
) s
ORDER BY rank DESC, s.published_at DESC, s.id DESC`;

// Every pattern must match the folded speaker key (keys.ts: whole name words, or substrings for
// names written without spaces).
const QUOTES = `
SELECT ${STORY_COLUMNS}, q.text AS q_text, q.speaker AS q_speaker FROM quotes q JOIN stories s ON s.id = q.story_id
WHERE NOT EXISTS (SELECT 1 FROM unnest($1::text[]) p WHERE q.speaker_key NOT LIKE p)
  AND ($2::text IS NULL OR EXISTS (SELECT 1 FROM story_topics t WHERE t.story_id = q.story_id AND t.topic = $2))
ORDER BY q.published_at DESC, q.story_id DESC, q.idx LIMIT $3`;

const SPEAKERS = `
SELECT speaker FROM quotes
WHERE speaker <> 'unknown' AND NOT EXISTS (SELECT 1 FROM unnest($1::text[]) p WHERE speaker_key NOT LIKE p)
GROUP BY speaker ORDER BY COUNT(*) DESC, MAX(published_at) DESC, speaker LIMIT $2`;

const limitOf = (n: number): number => Math.max(0, Math.min(1000, Math.floor(n)));

export function createStoryOps(pool: pg.Pool) {
  const sql = sqlOn(pool);

  /** Rows → stories with their other outlets, in one extra query. */
  async function hydrate(rows: StoryRow[]): Promise<Story[]> {
    if (rows.length === 0) return [];
    const outlets = await sql<OutletRow>(
      `SELECT a.story_id, a.feed_id, a.source, a.title, a.url, a.seen_at FROM articles a JOIN stories s ON s.id = a.story_id
       WHERE a.story_id = ANY($1::bigint[]) AND a.feed_id <> s.feed_id ORDER BY a.seen_at, a.seq`,
      [[...new Set(rows.map((r) => r.id))]],
    );
    return storiesFromRows(rows, outlets);
  }

  return {
    async getStory(id: string): Promise<Story | null> {
      const n = Number(id);
      if (!Number.isSafeInteger(n)) return null;
      const rows = await sql<StoryRow>(`SELECT ${STORY_COLUMNS} FROM stories s WHERE s.id = $1`, [n]);
      return (await hydrate(rows))[0] ?? null;
    },

    async latest(args: { topic?: string; limit: number }): Promise<Story[]> {
      const limit = limitOf(args.limit);
      const rows = args.topic
        ? await sql<StoryRow>(
            `SELECT ${STORY_COLUMNS} FROM story_topics t JOIN stories s ON s.id = t.story_id
             WHERE t.topic = $1 ORDER BY t.published_at DESC, s.id DESC LIMIT $2`,
            [args.topic, limit],
          )
        : await sql<StoryRow>(`SELECT ${STORY_COLUMNS} FROM stories s ORDER BY s.published_at DESC, s.id DESC LIMIT $1`, [limit]);
      return hydrate(rows);
    },

    /** All words must match; when that finds nothing, any word (ranked, so the best still come first). */
    async search(args: { query: string; topic?: string; limit: number }): Promise<SearchHit[]> {
      const limit = limitOf(args.limit);
      for (const join of ['AND', 'OR'] as const) {
        const q = searchQuery(args.query, join);
        if (!q) return [];
        const rows = await sql<StoryRow & { rank: number; snippet: string }>(SEARCH, [q, args.topic ?? null, limit]);
        if (rows.length === 0) continue;
        const stories = await hydrate(rows);
        return rows.map((r, i) => ({ story: stories[i]!, snippet: r.snippet.replace(/\s+/g, ' ').trim(), rank: r.rank }));
      }
      return [];
    },

    async quotesBy(args: { speaker: string; topic?: string; limit: number }): Promise<QuoteHit[]> {
      const patterns = speakerPatterns(args.speaker);
      if (patterns.length === 0) return [];
      const rows = await sql<StoryRow & { q_text: string; q_speaker: string }>(QUOTES, [patterns, args.topic ?? null, limitOf(args.limit)]);
      const stories = await hydrate(rows);
      return rows.map((r, i) => ({ quote: { text: r.q_text, speaker: r.q_speaker } satisfies Quote, story: stories[i]! }));
    },

    async speakers(args: { prefix: string; limit: number }): Promise<string[]> {
      const patterns = speakerPatterns(args.prefix, { prefix: true });
      return (await sql<{ speaker: string }>(SPEAKERS, [patterns, limitOf(args.limit)])).map((r) => r.speaker);
    },
  };
}
