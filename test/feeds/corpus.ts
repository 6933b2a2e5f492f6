/**
 * @module test/feeds/corpus — runs the shared feed corpus (`../shared/feeds`) through parseFeed and
 * compares each real file with the independent oracle (Python feedparser) in expected.jsonl.
 *
 * A file agrees when the item count and the first and last items' titles and links agree, and the
 * format too where the two vocabularies name the same thing. Comparisons are over tradewire's
 * normal forms, which are its documented behaviour: titles compare with whitespace collapsed;
 * a link agrees when it equals feedparser's or feedparser's in canonical form (tracking parameters
 * and fragment removed). Where feedparser finds no feed at all, tradewire must report an error or
 * no items.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sharedDir } from '../../scripts/shared-dir.js';
import { parseFeed, type ParseResult } from '../../src/adapters/feeds/parse/index.js';
import { canonicalUrl } from '../../src/core/feed/url.js';

/**
 * The shared feed corpus: `feeds/` in the shared folder, found as every script finds it
 * (scripts/shared-dir.ts: TRADEWIRE_SHARED_DIR, else `../shared` beside the repository or beside
 * its main checkout). Missing, it is an error that says where it looked — the corpus tests never
 * pass by skipping.
 */
export function corpusDir(shared: string = sharedDir()): string {
  const dir = join(shared, 'feeds');
  if (!existsSync(join(dir, 'expected.jsonl'))) {
    throw new Error(
      `feed corpus not found: no ${join(dir, 'expected.jsonl')}. Put the shared folder beside the repository (../shared) or set TRADEWIRE_SHARED_DIR to it.`,
    );
  }
  return dir;
}

export interface OracleEntry {
  title: string | null;
  link: string | null;
  id: string | null;
  published: string | null;
}

export interface Expected {
  file: string;
  crafted?: boolean;
  format: string | null;
  entries: number;
  first: OracleEntry | null;
  last: OracleEntry | null;
  expect?: string;
  checks?: Record<string, unknown>;
  generator?: boolean;
}

export function loadExpected(dir = corpusDir()): Expected[] {
  return readFileSync(join(dir, 'expected.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Expected);
}

/** feedparser's version names → tradewire's FeedFormat, where they name the same thing. */
const FORMAT_MAP: Record<string, string> = {
  rss090: 'rss090', rss091u: 'rss091', rss091n: 'rss091', rss092: 'rss092', rss10: 'rss10', rss20: 'rss20', rss: 'rss',
  atom10: 'atom10', atom03: 'atom', atom: 'atom', json1: 'json1', json11: 'json11',
};

const norm = (s: string | null | undefined): string => (s ?? '').replace(/\s+/g, ' ').trim();

function linkAgrees(expected: string | null, ours: string | null): boolean {
  if (!expected) return ours === null;
  return ours === expected.trim() || ours === canonicalUrl(expected) || ours === canonicalUrl(expected, null, { keepFragment: true });
}

export interface Comparison {
  file: string;
  agrees: boolean;
  /** What differs, e.g. "count 20 ≠ 10", "last.link null ≠ https://…". */
  differences: string[];
}

export function compare(expected: Expected, result: ParseResult): Comparison {
  const differences: string[] = [];
  if (expected.format === null) {
    if (result.ok && result.feed.items.length > 0) differences.push(`feedparser found no feed; tradewire found ${result.feed.items.length} items`);
    return { file: expected.file, agrees: differences.length === 0, differences };
  }
  if (!result.ok) {
    differences.push(`tradewire error ${result.error.code}: ${result.error.message}`);
    return { file: expected.file, agrees: false, differences };
  }
  const { feed } = result;
  const mapped = FORMAT_MAP[expected.format];
  if (mapped && mapped !== feed.format) differences.push(`format ${expected.format} ≠ ${feed.format}`);
  if (feed.items.length !== expected.entries) differences.push(`count ${expected.entries} ≠ ${feed.items.length}`);
  const pairs: [string, OracleEntry | null, (typeof feed.items)[number] | undefined][] = [
    ['first', expected.first, feed.items[0]],
    ['last', expected.last, feed.items[feed.items.length - 1]],
  ];
  for (const [which, exp, ours] of pairs) {
    if (!exp || !ours) continue;
    if (norm(exp.title) !== norm(ours.title)) differences.push(`${which}.title ${JSON.stringify(exp.title)} ≠ ${JSON.stringify(ours.title)}`);
    if (!linkAgrees(exp.link, ours.url)) differences.push(`${which}.link ${JSON.stringify(exp.link)} ≠ ${JSON.stringify(ours.url)}`);
  }
  return { file: expected.file, agrees: differences.length === 0, differences };
}

export async function runCorpus(dir = corpusDir()): Promise<Comparison[]> {
  const out: Comparison[] = [];
  for (const exp of loadExpected(dir).filter((e) => !e.crafted)) {
    const result = await parseFeed(readFileSync(join(dir, exp.file)));
    out.push(compare(exp, result));
  }
  return out;
}
