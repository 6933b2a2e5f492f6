/**
 * @module adapters/store/postgres/search-text — the words of a story and of a query, tokenised the
 * same way on both sides, as `tsvector` / `tsquery` literals.
 *
 * Tokenising here rather than with to_tsvector keeps PostgreSQL's results equal to SQLite's FTS5
 * (`unicode61 remove_diacritics 2`): letter/digit runs, case- and accent-folded, no stemming (feeds
 * mix languages; "tariff" finds "tariffs" through prefix matching, as on SQLite), and needs no
 * extension (unaccent) on the server. Titles carry weight A and bodies B, so ts_rank ranks a
 * headline match above a passing mention.
 */

const WORD = /[\p{L}\p{N}]+/gu;
/** tsvector positions run 1..16383; later words share the last position (PostgreSQL clamps too). */
const MAX_POSITION = 16_383;

/** Folded words of a text: NFKC, accents removed, lower-case. */
export function searchWords(text: string): string[] {
  const words = text.normalize('NFKC').match(WORD) ?? [];
  return words.map(fold).filter((w) => w.length > 0);
}

function fold(word: string): string {
  return word.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
}

/** A lexeme quoted for a tsvector/tsquery literal (words hold letters and digits only, but be safe). */
function lexeme(word: string): string {
  return `'${word.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`;
}

/** `'japan':1A,9B 'tariffs':2A …` — title words weighted A, body words B, positions in reading order. */
export function storyVector(title: string, body: string): string {
  const positions = new Map<string, string[]>();
  let pos = 0;
  const add = (words: string[], weight: 'A' | 'B'): void => {
    for (const w of words) {
      pos = Math.min(pos + 1, MAX_POSITION);
      const list = positions.get(w);
      const entry = `${pos}${weight}`;
      if (!list) positions.set(w, [entry]);
      else if (list.length < 256) list.push(entry); // PostgreSQL keeps at most 256 positions per lexeme
    }
  };
  add(searchWords(title), 'A');
  add(searchWords(body), 'B');
  return [...positions].map(([w, list]) => `${lexeme(w)}:${list.join(',')}`).join(' ');
}

/**
 * A user's words as a tsquery literal: every word (AND) or any (OR); words of four letters or more
 * match as prefixes, as on SQLite. Only letters and digits survive, so no query syntax can leak in.
 */
export function searchQuery(query: string, join: 'AND' | 'OR'): string | null {
  const words = searchWords(query);
  if (words.length === 0) return null;
  return words.map((w) => (w.length >= 4 ? `${lexeme(w)}:*` : lexeme(w))).join(join === 'AND' ? ' & ' : ' | ');
}
