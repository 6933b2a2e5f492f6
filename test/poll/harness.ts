/**
 * @module test/poll/harness — the real parts of a poll cycle wired for tests: a feed server on
 * 127.0.0.1, the HTTP FeedSource, a SQLite file in a temp folder, compiled topics, and a clock the
 * test steps (so back-off and intervals are checked without sleeping).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHttpFeedSource, type HttpFeedSource } from '../../src/adapters/feeds/index.js';
import { createSqliteStore } from '../../src/adapters/store/sqlite/index.js';
import { compileTopics } from '../../src/core/rules/index.js';
import type { Destination } from '../../src/core/types.js';
import { pollDue, type PollDeps, type PollSummary } from '../../src/flows/poll.js';
import type { FeedDef, Store } from '../../src/ports.js';
import { afterEach, beforeEach } from 'vitest';
import { quietLog, startServer, type TestServer } from '../feeds/server.js';

export const MIN = 60_000;
export const HOUR = 3_600_000;
/** Where the harness clock starts. */
export const START = '2025-06-02T09:00:00.000Z';

/** START plus `min` minutes, as ISO. */
export function T(min: number): string {
  return new Date(Date.parse(START) + min * MIN).toISOString();
}

/** A fresh harness for each test of the file, closed after it; `use` receives it. */
export function useHarness(use: (h: Harness) => void, options: HarnessOptions = {}): void {
  let current: Harness | null = null;
  beforeEach(async () => {
    current = await createHarness(options);
    use(current);
  });
  afterEach(async () => {
    await current?.close();
    current = null;
  });
}

export const TOPICS = compileTopics({
  aliases: {},
  topics: [
    { id: 'tariffs', rule: 'tariff* OR duties', threshold: 2 },
    { id: 'fx', rule: 'yen OR currency OR "exchange rate"', threshold: 2 },
  ],
});

export interface FeedEntry {
  guid?: string;
  title: string;
  link?: string;
  body?: string;
  published?: string | null;
}

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** An RSS 2.0 document. */
export function rssDoc(title: string, items: FeedEntry[], extra = ''): string {
  const body = items
    .map((i) => {
      const parts = [`<title>${esc(i.title)}</title>`];
      if (i.link) parts.push(`<link>${esc(i.link)}</link>`);
      if (i.guid) parts.push(`<guid isPermaLink="false">${esc(i.guid)}</guid>`);
      if (i.body) parts.push(`<description>${esc(i.body)}</description>`);
      if (i.published) parts.push(`<pubDate>${new Date(i.published).toUTCString()}</pubDate>`);
      return `<item>${parts.join('')}</item>`;
    })
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>${esc(title)}</title><link>https://example.org/</link>${extra}${body}</channel></rss>`;
}

export interface ManualClock {
  now(): Date;
  set(iso: string): void;
  advance(ms: number): void;
}

export function manualClock(iso: string): ManualClock {
  let t = Date.parse(iso);
  return { now: () => new Date(t), set: (v) => void (t = Date.parse(v)), advance: (ms) => void (t += ms) };
}

export interface Harness {
  server: TestServer;
  clock: ManualClock;
  dir: string;
  dbPath: string;
  store: Store;
  source: HttpFeedSource;
  deps: PollDeps;
  feed(id: string, path: string, over?: Partial<FeedDef>): FeedDef;
  sync(feeds: FeedDef[]): Promise<void>;
  subscribe(channel: string, topic: string): Promise<Destination>;
  poll(): Promise<PollSummary>;
  /** Closes store and source and opens them again on the same file (a new process). */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  start?: string;
  fetchTimeout?: number;
  ops?: PollDeps['ops'];
  concurrency?: number;
}

export async function createHarness(options: HarnessOptions = {}): Promise<Harness> {
  const server = await startServer();
  const clock = manualClock(options.start ?? START);
  const dir = mkdtempSync(join(tmpdir(), 'tradewire-poll-'));
  const dbPath = join(dir, 'tradewire.db');
  const makeSource = () =>
    createHttpFeedSource({
      fetch: { timeout: options.fetchTimeout ?? 2_000, maxBytes: 1_000_000, maxRedirects: 5, userAgent: null, allowPrivateNetworks: true },
      concurrency: options.concurrency ?? 8,
      perHostConcurrency: 8,
      log: quietLog,
      now: () => clock.now().getTime(),
    });
  const makeDeps = (store: Store, source: HttpFeedSource, owner: string): PollDeps => ({
    store,
    source,
    topics: TOPICS,
    clock,
    random: () => 0.5, // jitter lands in the middle: intervals come out exact
    log: quietLog,
    owner,
    poll: { concurrency: options.concurrency ?? 8, jitter: 0.1, maxBackoff: 6 * HOUR, maxItemAge: 72 * HOUR, leaseTtl: 5 * MIN },
    ops: options.ops ?? { channel: null, failureThreshold: 3 },
  });
  let generation = 1;
  const h: Harness = {
    server,
    clock,
    dir,
    dbPath,
    store: createSqliteStore({ path: dbPath }),
    source: makeSource(),
    deps: null as unknown as PollDeps,
    feed: (id, path, over = {}) => ({ id, url: server.url(path), name: null, everyMs: 5 * MIN, fullText: false, backfill: 0, tags: [], ...over }),
    sync: (feeds) => h.store.syncFeeds(feeds, clock.now().toISOString()),
    async subscribe(channel, topic) {
      const destination: Destination = { platform: 'slack', workspace: 'T1', channel };
      await h.store.subscribe({ destination, topic, mode: { kind: 'instant' } }, clock.now().toISOString());
      return destination;
    },
    poll: () => pollDue(h.deps),
    async restart() {
      await h.source.close();
      await h.store.close();
      h.store = createSqliteStore({ path: dbPath });
      h.source = makeSource();
      h.deps = makeDeps(h.store, h.source, `test-process-${++generation}`);
    },
    async close() {
      await h.source.close();
      await h.store.close();
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  h.deps = makeDeps(h.store, h.source, 'test-process-1');
  return h;
}

/** Serves `doc` with an ETag, answering 304 to a matching If-None-Match; returns the hit counter. */
export function serveWithEtag(server: TestServer, path: string, doc: () => string): { hits: number; notModified: number } {
  const counts = { hits: 0, notModified: 0 };
  server.route(path, (req, res) => {
    counts.hits++;
    const body = doc();
    const etag = `"${body.length.toString(16)}-${Buffer.from(body).reduce((a, b) => (a * 31 + b) >>> 0, 7).toString(16)}"`;
    if (req.headers['if-none-match'] === etag) {
      counts.notModified++;
      return void res.writeHead(304, { etag }).end();
    }
    res.writeHead(200, { 'content-type': 'application/rss+xml', etag }).end(body);
  });
  return counts;
}
