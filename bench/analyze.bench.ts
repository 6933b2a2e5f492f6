/**
 * Analysis throughput on the Reuters-21578 corpus (../shared/corpora, streamed and gunzipped):
 * topic matching alone and full analysis (topics + summary + quotes), with the 4 default topics and
 * with 1,000 generated topics; rss-parser parsing the same articles wrapped as RSS items is the
 * yardstick, measured in the same run, interleaved round by round so machine load hits all alike.
 *
 * Throughput is article text (title + body, UTF-8) per second. Each figure is the median of ROUNDS
 * passes over the whole corpus, in wall time and in CPU time of this process (the machine is shared;
 * CPU time is what the code itself costs). Memory: heap and RSS at checkpoints of a streaming pass.
 *
 * It measures the built code in dist/ (what `tradewire` runs; `npm run bench` builds first), not
 * tsx's on-the-fly transform of src/, which wraps every closure and costs a third of the speed.
 */
import { createReadStream, existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import Parser from 'rss-parser';
import { sharedDir } from '../scripts/shared-dir.js';
import type { TopicsFile } from '../src/config/schema.js';
import type * as Load from '../src/config/load.js';
import type * as Analyze from '../src/core/analyze.js';
import type * as Rules from '../src/core/rules/index.js';
import type { CompiledTopics } from '../src/core/rules/index.js';
import type { ArticleText } from '../src/core/types.js';

const built = (path: string): string => new URL(`../dist/${path}`, import.meta.url).href;
const { loadTopics } = (await import(built('config/load.js'))) as typeof Load;
const { analyze } = (await import(built('core/analyze.js'))) as typeof Analyze;
const { compileTopics, matchTopics } = (await import(built('core/rules/index.js'))) as typeof Rules;

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
/** Items per RSS document: a typical feed carries 10–50. One item per document is measured too. */
const ITEMS_PER_FEED = 20;

interface Sample {
  wall: number;
  cpu: number;
}

async function* corpus(path: string): AsyncGenerator<ArticleText> {
  const lines = createInterface({ input: createReadStream(path).pipe(createGunzip()), crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line) continue;
    const o = JSON.parse(line) as { id: string; title: string; body: string; published?: string };
    yield { id: o.id, title: o.title, body: o.body, published: o.published ?? null };
  }
}

const escapeXml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The articles as RSS 2.0 documents of `perFeed` items each. */
function asFeeds(articles: ArticleText[], perFeed: number): string[] {
  const feeds: string[] = [];
  for (let i = 0; i < articles.length; i += perFeed) {
    const items = articles.slice(i, i + perFeed).map(
      (a) =>
        `<item><title>${escapeXml(a.title)}</title><link>https://example.com/${a.id}</link><guid>${a.id}</guid>` +
        `<pubDate>Thu, 26 Feb 1987 15:01:01 GMT</pubDate><description>${escapeXml(a.body)}</description></item>`,
    );
    feeds.push(`<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Reuters 1987</title><link>https://example.com/</link><description>bench</description>${items.join('')}</channel></rss>`);
  }
  return feeds;
}

/** A deterministic pseudo-random generator (mulberry32), so every run builds the same topics. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * 1,000 topics in the shapes users write (phrases, prefixes, NEAR, NOT, aliases, title:), over the
 * corpus's own vocabulary: words ranked 300–15,000 by frequency (the names of things — companies,
 * commodities, places, people — that topics are made of, not its 300 most common words). With these
 * an article still matches a topic or more on average (printed), far more than a real alert setup.
 */
function generatedTopics(articles: ArticleText[], count: number): TopicsFile {
  const freq = new Map<string, number>();
  for (const a of articles) {
    for (const w of `${a.title} ${a.body}`.toLowerCase().match(/[a-z]{4,}/g) ?? []) freq.set(w, (freq.get(w) ?? 0) + 1);
  }
  const vocab = [...freq.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(300, 15000).map(([w]) => w);
  const rnd = random(42);
  const word = (): string => vocab[Math.floor(rnd() * vocab.length)]!;
  const aliases: Record<string, string[]> = {};
  for (let i = 0; i < 50; i++) aliases[`set${i}`] = Array.from({ length: 6 }, () => (rnd() < 0.3 ? `${word()}*` : word()));
  const alias = (): string => `@set${Math.floor(rnd() * 50)}`;
  const shapes = [
    () => `${word()} AND (${word()} OR ${word()}*)`,
    () => `"${word()} ${word()}" OR (${word()} NEAR/5 ${word()})`,
    () => `${alias()} NEAR/8 (${word()} OR ${word()})`,
    () => `(${word()}* OR ${alias()}) AND NOT ${word()}`,
    () => `title:${word()} OR (${word()} AND ${alias()})`,
    () => `${word()}* NOT NEAR/3 ${word()} OR "${word()} ${word()}*"`,
  ];
  const topics = Array.from({ length: count }, (_, i) => ({ id: `gen-${i}`, rule: shapes[i % shapes.length]!(), threshold: 2 }));
  return { aliases, topics };
}

async function measure(fn: () => unknown): Promise<Sample> {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  await fn();
  const c = process.cpuUsage(c0);
  return { wall: (performance.now() - t0) / 1000, cpu: (c.user + c.system) / 1e6 };
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

const RSS = `rss-parser, ${ITEMS_PER_FEED} items/feed`;
const RSS_SINGLE = 'rss-parser, 1 item/document';

const mib = (n: number): string => `${(n / 2 ** 20).toFixed(1)} MiB`;

function memory(label: string): void {
  (globalThis as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  console.log(`    ${label.padEnd(22)} heap ${mib(m.heapUsed).padStart(10)}   rss ${mib(m.rss).padStart(10)}`);
}

export default async function bench(): Promise<void> {
  const path = join(sharedDir(), 'corpora', 'reuters21578-train.jsonl.gz');
  if (!existsSync(path)) {
    console.log(`skipped: no corpus at ${path} (set TRADEWIRE_SHARED_DIR)`);
    return;
  }
  const articles: ArticleText[] = [];
  for await (const a of corpus(path)) articles.push(a);
  const bytes = articles.reduce((n, a) => n + Buffer.byteLength(a.title) + Buffer.byteLength(a.body), 0);
  const feeds = asFeeds(articles, ITEMS_PER_FEED);
  const singles = asFeeds(articles, 1);
  const feedBytes = feeds.reduce((n, f) => n + Buffer.byteLength(f), 0);
  const four = compileTopics(loadTopics({ dir: 'config', env: {} }));
  const compileStart = performance.now();
  const thousand = compileTopics(generatedTopics(articles, 1000));
  const compileMs = performance.now() - compileStart;
  console.log(
    `corpus: ${articles.length} articles, ${(bytes / 1e6).toFixed(1)} MB of text (${(feedBytes / 1e6).toFixed(1)} MB as ${feeds.length} RSS feeds of ${ITEMS_PER_FEED} items); ${ROUNDS} rounds; 1,000 topics compiled in ${compileMs.toFixed(0)} ms`,
  );

  const parser = new Parser();
  const matchCount = (topics: CompiledTopics): number => articles.reduce((n, a) => n + matchTopics(topics, a).length, 0);
  console.log(`matches per article: ${(matchCount(four) / articles.length).toFixed(2)} with the 4 default topics, ${(matchCount(thousand) / articles.length).toFixed(2)} with the 1,000 generated ones`);
  const match = (topics: CompiledTopics) => () => {
    for (const a of articles) matchTopics(topics, a);
  };
  const full = (topics: CompiledTopics) => () => {
    for (const a of articles) analyze(topics, a);
  };
  const parseAll = (docs: string[]) => async () => {
    for (const f of docs) await parser.parseString(f);
  };
  const cases: [string, () => unknown][] = [
    [RSS, parseAll(feeds)],
    [RSS_SINGLE, parseAll(singles)],
    ['match, 4 topics', match(four)],
    ['match, 1,000 topics', match(thousand)],
    ['full analysis, 4 topics', full(four)],
    ['full analysis, 1,000 topics', full(thousand)],
  ];
  const samples = new Map<string, Sample[]>(cases.map(([name]) => [name, []]));
  for (const [, fn] of cases) await fn(); // warm-up: JIT, lazy tables
  for (let r = 0; r < ROUNDS; r++) for (const [name, fn] of cases) samples.get(name)!.push(await measure(fn));

  const rate = (name: string, key: keyof Sample): number => bytes / 1e6 / median(samples.get(name)!.map((s) => s[key]));
  console.log('\n  median of rounds            articles/s (wall)    MB/s (wall)    MB/s (cpu)');
  for (const [name] of cases) {
    const wall = median(samples.get(name)!.map((s) => s.wall));
    console.log(`  ${name.padEnd(28)} ${String(Math.round(articles.length / wall)).padStart(14)} ${rate(name, 'wall').toFixed(1).padStart(14)} ${rate(name, 'cpu').toFixed(1).padStart(13)}`);
  }
  const ratio = (a: string, b: string, key: keyof Sample): string => (rate(a, key) / rate(b, key)).toFixed(2);
  console.log('\n  ratios (wall / cpu)                    vs 20-item feeds   vs 1-item documents');
  const both = (name: string): string => `${ratio(name, RSS, 'wall')} / ${ratio(name, RSS, 'cpu')}`.padEnd(19) + `${ratio(name, RSS_SINGLE, 'wall')} / ${ratio(name, RSS_SINGLE, 'cpu')}`;
  console.log(`    match 4 topics ÷ rss-parser          ${both('match, 4 topics')}   (goal ≥ 2)`);
  console.log(`    full analysis 4 topics ÷ rss-parser  ${both('full analysis, 4 topics')}   (goal ≥ 0.5)`);
  console.log(`    match: cost of 1,000 ÷ cost of 4     ${ratio('match, 4 topics', 'match, 1,000 topics', 'wall')} / ${ratio('match, 4 topics', 'match, 1,000 topics', 'cpu')}   (goal ≤ 3)`);
  console.log(`    full:  cost of 1,000 ÷ cost of 4     ${ratio('full analysis, 4 topics', 'full analysis, 1,000 topics', 'wall')} / ${ratio('full analysis, 4 topics', 'full analysis, 1,000 topics', 'cpu')}`);

  // NEAR between two terms an article repeats thousands of times: linear (rules/near.ts), where
  // comparing every place of one side with every place of the other would take seconds
  const repeats = 20_000;
  const pathological: ArticleText = { id: 'repeats', title: 'Japan weighs tariffs', body: 'Japan weighs tariffs. '.repeat(repeats), published: null };
  const nearTopics = compileTopics({ aliases: {}, topics: [{ id: 'near', rule: 'japan NEAR/5 tariff*' }, { id: 'not-near', rule: 'japan NOT NEAR/1 tariff*' }] });
  const nearSamples: Sample[] = [];
  for (let r = 0; r < ROUNDS; r++) nearSamples.push(await measure(() => matchTopics(nearTopics, pathological)));
  console.log(`\n  pathological article ("Japan weighs tariffs." × ${repeats.toLocaleString('en')}, NEAR/5 and NOT NEAR/1): ${(median(nearSamples.map((s) => s.cpu)) * 1000).toFixed(0)} ms CPU to match (median)`);

  // let the in-memory copies go, so the checkpoints show the analyser's own working set
  articles.length = 0;
  feeds.length = 0;
  singles.length = 0;
  console.log('\n  memory over a streaming pass (full analysis, 1,000 topics; after GC):');
  memory('start');
  let n = 0;
  for await (const a of corpus(path)) {
    analyze(thousand, a);
    if (++n % 4000 === 0) memory(`after ${n} articles`);
  }
  memory(`end (${n} articles)`);
}
