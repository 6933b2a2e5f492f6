/**
 * Delivery benchmark (`npm run bench deliver`).
 *
 * 1. Throughput: 1,000 alerts to 20 channels through the real Slack sink (real WebClient) and the
 *    real outbox worker on a SQLite file, into the fake Slack enforcing 1 message per second per
 *    channel (429 + Retry-After otherwise). At exactly 1 msg/s a channel's 50 messages take 49 s
 *    from its first post to its last, so efficiency = 49 s / measured span (≥ 90% wanted); every
 *    story must arrive once per channel (lost = 0, duplicated = 0). Real time, ~50 s.
 * 2. Latency from a story appearing in a feed to its post, with the default schedule (poll cron
 *    every minute, each feed every 5 min ± 10%, delivery woken right after each poll). Measured
 *    with a SIMULATED clock: the real pollDue and outbox code, a real feed server on 127.0.0.1,
 *    the SQLite store and the fake Slack run cron tick by cron tick while a virtual clock advances
 *    one minute per tick; stories appear at random virtual times (seeded). Latency = virtual time
 *    of the tick that posted it − virtual time it appeared; the real processing time per tick is
 *    reported beside it (it adds to the virtual figure in production).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { createSlackSink, createSlackWebClient } from '../src/adapters/chat/slack/index.js';
import { createHttpFeedSource } from '../src/adapters/feeds/index.js';
import { createSqliteStore } from '../src/adapters/store/sqlite/index.js';
import { article } from '../src/adapters/store/contract/fixtures.contract.js';
import { loadConfig } from '../src/config/load.js';
import { compileTopics } from '../src/core/rules/index.js';
import { drainOutbox, type DeliverySettings } from '../src/flows/deliver.js';
import { pollDue } from '../src/flows/poll.js';
import { startFakeSlack } from '../test/harness/fake-slack.js';

const log = pino({ level: 'silent' });
const DEFAULT_DELIVERY: DeliverySettings = { concurrency: 8, maxAttempts: 12, maxBackoffMs: 3_600_000, pauseAfterFailures: 3, leaseTtlMs: 120_000, intervalMs: 1_000 };

function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const quantile = (sorted: number[], q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

async function throughput(): Promise<void> {
  const CHANNELS = 20;
  const STORIES = 50;
  const dir = mkdtempSync(join(tmpdir(), 'tradewire-bench-deliver-'));
  const fake = await startFakeSlack({ perChannelMs: 1_000 });
  const store = createSqliteStore({ path: join(dir, 'bench.db') });
  try {
    const channels = Array.from({ length: CHANNELS }, (_, i) => `C${String(i).padStart(3, '0')}`);
    const now = new Date().toISOString();
    for (const channel of channels) await store.subscribe({ destination: { platform: 'slack', workspace: '', channel }, topic: 'fx', mode: { kind: 'instant' } }, now);
    for (let i = 0; i < STORIES; i++) await store.ingest(article({ title: `Bench story ${i}`, topics: ['fx'] }), now);
    const sink = createSlackSink({ client: createSlackWebClient('xoxb-bench', { apiUrl: fake.apiUrl, log }) }); // default pacing: 1 s per channel
    const t0 = Date.now();
    const report = await drainOutbox({ store, sinks: { slack: sink }, clock: { now: () => new Date() }, random: Math.random, log, topicName: (id) => id, owner: 'bench', settings: DEFAULT_DELIVERY });
    const wall = (Date.now() - t0) / 1000;
    const first = Math.min(...fake.posts.map((p) => p.at));
    const last = Math.max(...fake.posts.map((p) => p.at));
    const span = (last - first) / 1000;
    let lost = 0;
    let duplicated = 0;
    for (const channel of channels) {
      const titles = fake.postsIn(channel).map((p) => p.text);
      const unique = new Set(titles);
      lost += STORIES - unique.size;
      duplicated += titles.length - unique.size;
      const order = titles.map((t) => Number(/Bench story (\d+)/.exec(t)?.[1]));
      if (order.some((n, i) => i > 0 && n < order[i - 1]!)) console.log(`  ORDER BROKEN in ${channel}`);
    }
    const ideal = STORIES - 1;
    console.log(`throughput: ${fake.posts.length} posts to ${CHANNELS} channels in ${wall.toFixed(1)} s wall (first→last post ${span.toFixed(1)} s)`);
    console.log(`  ${(fake.posts.length / span).toFixed(2)} msg/s of an allowance of ${CHANNELS} msg/s; efficiency ${((ideal / span) * 100).toFixed(1)}% (ideal span ${ideal} s at exactly 1 msg/s per channel)`);
    console.log(`  lost ${lost}, duplicated ${duplicated}, 429s from the fake ${fake.rateLimited.length}, worker retries ${report.retried}, failed ${report.failed}`);
  } finally {
    await store.close();
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const CURRENCIES = ['Yen', 'Euro', 'Dollar', 'Peso', 'Yuan', 'Sterling'];
const MOVES = ['falls', 'jumps', 'slides', 'rallies', 'weakens', 'strengthens'];
const EVENTS = ['central bank minutes', 'jobs data', 'an inflation surprise', 'a bond auction', 'election polls', 'trade figures', 'a rate decision', 'oil prices', 'a budget speech', 'bank earnings', 'factory orders', 'retail sales'];
const PLACES = ['Tokyo', 'Frankfurt', 'New York', 'Mexico City', 'Shanghai', 'London', 'Singapore', 'Sydney', 'Toronto', 'Zurich', 'Seoul', 'Mumbai'];

/** Distinct headlines (#n), so near-duplicate detection keeps them apart. */
function headline(n: number): string {
  return `${CURRENCIES[n % 6]} ${MOVES[Math.floor(n / 6) % 6]} after ${EVENTS[n % 12]} in ${PLACES[(n * 5) % 12]}, story #${n}`;
}

interface SimStory {
  id: number;
  appearsAt: number;
  title: string;
}

async function latency(): Promise<void> {
  const MIN = 60_000;
  const random = seeded(42);
  const config = loadConfig({ dir: 'config', env: {} });
  const topics = compileTopics(config.topics);
  const settings = config.settings;
  const dir = mkdtempSync(join(tmpdir(), 'tradewire-bench-latency-'));
  const fake = await startFakeSlack();
  const store = createSqliteStore({ path: join(dir, 'latency.db') });
  const start = Date.parse('2025-06-02T00:00:00.000Z');
  let virtual = start;
  const clock = { now: () => new Date(virtual) };
  const FEEDS = 3;
  const HOURS = 4;
  const stories: SimStory[][] = Array.from({ length: FEEDS }, () => []);
  let n = 0;
  for (let f = 0; f < FEEDS; f++) {
    for (let i = 0; i < 12; i++) {
      n++;
      stories[f]!.push({ id: n, appearsAt: start + 10 * MIN + Math.floor(random() * (HOURS * 60 - 20) * MIN), title: headline(n) });
    }
  }
  const server = createServer((req, res) => {
    const f = Number(/feed-(\d+)/.exec(req.url ?? '')?.[1]);
    const visible = (stories[f] ?? []).filter((s) => s.appearsAt <= virtual);
    const items = visible.map((s) => `<item><title>${s.title}</title><link>https://sim.example/${s.id}</link><guid>sim-${s.id}</guid><pubDate>${new Date(s.appearsAt).toUTCString()}</pubDate><description>${s.title}: currency traders in ${PLACES[(s.id * 7) % 12]} reacted to ${EVENTS[(s.id * 5) % 12]} (story ${s.id}).</description></item>`);
    res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(`<?xml version="1.0"?><rss version="2.0"><channel><title>Sim ${f}</title><link>https://sim.example/</link>${items.join('')}</channel></rss>`);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const source = createHttpFeedSource({ fetch: { ...settings.fetch, allowPrivateNetworks: true }, concurrency: settings.poll.concurrency, perHostConcurrency: settings.poll.perHostConcurrency, log });
  try {
    await store.syncFeeds(Array.from({ length: FEEDS }, (_, f) => ({ id: `sim-${f}`, url: `${base}/feed-${f}.xml`, name: null, everyMs: settings.poll.every, fullText: false, backfill: 0, tags: [] })), clock.now().toISOString());
    await store.subscribe({ destination: { platform: 'slack', workspace: '', channel: 'CSIM' }, topic: 'fx', mode: { kind: 'instant' } }, clock.now().toISOString());
    const sink = createSlackSink({ client: createSlackWebClient('xoxb-sim', { apiUrl: fake.apiUrl, log }) });
    const deliver = { store, sinks: { slack: sink }, clock, random, log, topicName: (id: string) => id, owner: 'sim', settings: DEFAULT_DELIVERY };
    const postedAt = new Map<number, number>();
    const tickMs: number[] = [];
    for (let minute = 0; minute <= HOURS * 60 + 10; minute++) {
      virtual = start + minute * MIN; // node-cron "* * * * *": one tick per minute
      const t0 = performance.now();
      await pollDue({ store, source, topics, clock, random, log, owner: 'sim', poll: settings.poll, ops: settings.ops });
      await drainOutbox(deliver, { maxWaitMs: 0 });
      tickMs.push(performance.now() - t0);
      for (const p of fake.posts) {
        const id = Number(/story #(\d+)/.exec(p.text)?.[1]);
        if (id && !postedAt.has(id)) postedAt.set(id, virtual);
      }
    }
    const all = stories.flat();
    const lat = all.filter((s) => postedAt.has(s.id)).map((s) => (postedAt.get(s.id)! - s.appearsAt) / 1000).sort((a, b) => a - b);
    const ticks = [...tickMs].sort((a, b) => a - b);
    console.log(`latency (simulated clock, default schedule: cron every 1 min, feeds every ${settings.poll.every / MIN} min ± ${settings.poll.jitter * 100}%): ${lat.length}/${all.length} stories posted`);
    console.log(`  story appears → posted: median ${(quantile(lat, 0.5) / 60).toFixed(1)} min, p90 ${(quantile(lat, 0.9) / 60).toFixed(1)} min, max ${(lat.at(-1)! / 60).toFixed(1)} min (bound: interval + jitter + 1 cron minute = ${(settings.poll.every * (1 + settings.poll.jitter) + MIN) / MIN} min)`);
    console.log(`  real work per cron tick (poll ${FEEDS} feeds + deliver, incl. 1 s Slack pacing when a tick posts twice): median ${quantile(ticks, 0.5).toFixed(1)} ms, max ${ticks.at(-1)!.toFixed(1)} ms`);
  } finally {
    await source.close();
    server.close();
    await store.close();
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export default async function deliverBench(): Promise<void> {
  await latency();
  // DELIVER_BENCH_ONLY=latency skips the ~50 s real-time throughput run (for a quick look)
  if (process.env.DELIVER_BENCH_ONLY !== 'latency') await throughput();
}
