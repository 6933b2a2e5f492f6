/**
 * Poll cycle over 1,000 feeds served locally, at default concurrency, into a SQLite file.
 *
 * Child processes: the feed server, and the poller — plain `node` on the built `dist/` (what
 * `tradewire poll` runs), so CPU and RSS are the product's alone, not tsx's or the server's. One
 * poller process makes the first poll of the 1,000 new feeds (20,000 items stored, none alerted:
 * backfill); a second, fresh one — as `poll --once` from cron or a restarted bot meets the store —
 * runs the steady-state cycles. Each feed has its own host name (resolved to 127.0.0.1 by an
 * injected DNS lookup) so the per-host limit applies as it would on the internet. Even feeds keep
 * their content and answer 304 to their ETag; odd feeds send 20 items every time (no validators),
 * 5 of them new each cycle. Figures:
 * - mixed cycles (500 × 304, 500 × 200 with 5 new of 20): wall, CPU, peak RSS — median of 3;
 * - all-304 cycles (1,000 × 304): CPU per 304 — median of 3.
 * Goals (issue 3): ≤ 30 s wall, ≤ 200 MB peak RSS, a 304 costing ≤ 1 ms CPU. */
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { PollSummary } from '../src/flows/poll.js';

const FEEDS = Number(process.env.BENCH_POLL_FEEDS ?? 1_000);
const ITEMS = 20;
const NEW_PER_CYCLE = 5;
const REPEAT = 3;

/** The feed server, run as a child process (plain JS: no loader needed). */
const SERVER = `
import { createServer } from 'node:http';
let cycle = 0, fixed = false;
const VOCAB = [];
let s = 7;
const rnd = () => { s = (s + 0x6d2b79f5) | 0; let t = Math.imul(s ^ (s >>> 15), 1 | s); t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t; return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
const SYL = ['ka','to','ri','men','sa','lo','ver','an','tis','po','gre','dal','un','fi','mor','bel','cas','tre','nu','xo'];
for (let i = 0; i < 3000; i++) { let w = ''; const n = 2 + Math.floor(rnd() * 2); for (let j = 0; j < n; j++) w += SYL[Math.floor(rnd() * SYL.length)]; VOCAB.push(w); }
const TRADE = ['tariffs', 'the yen', 'G20 ministers', 'trade talks', 'export controls', 'currency markets', 'duties on steel'];
function text(seed, n) {
  let x = seed >>> 0; const out = [];
  for (let i = 0; i < n; i++) { x = (Math.imul(x, 1664525) + 1013904223) >>> 0; out.push(VOCAB[x % VOCAB.length]); }
  if (seed % 3 === 0) out.splice(3, 0, TRADE[seed % TRADE.length]);
  return out.join(' ');
}
const esc = (v) => v.replace(/&/g, '&amp;').replace(/</g, '&lt;');
const base = Date.parse(process.env.BASE);
function doc(feed, c) {
  const items = [];
  for (let j = ${ITEMS} - 1; j >= 0; j--) {
    const id = c * ${NEW_PER_CYCLE} + j, seed = feed * 100003 + id * 7919;
    const title = text(seed, 9), body = text(seed + 1, 40) + '.\\n\\n' + text(seed + 2, 60) + '.';
    items.push('<item><title>' + esc(title) + '</title><link>https://f' + feed + '.bench.test/story/' + id + '</link><guid>f' + feed + '-' + id + '</guid><pubDate>' + new Date(base + id * 60000).toUTCString() + '</pubDate><description>' + esc(body) + '</description></item>');
  }
  return '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Bench feed ' + feed + '</title><link>https://f' + feed + '.bench.test/</link>' + items.join('') + '</channel></rss>';
}
const server = createServer((req, res) => {
  if (req.url.startsWith('/__cycle/')) { const [c, f] = req.url.slice(9).split('/'); cycle = Number(c); fixed = f === 'fixed'; return void res.end('ok'); }
  const feed = Number(/\\/feed\\/(\\d+)/.exec(req.url)?.[1] ?? -1);
  if (feed < 0) return void res.writeHead(404).end();
  const keep = feed % 2 === 0 || fixed;
  const c = feed % 2 === 0 ? 0 : cycle;
  const etag = '"f' + feed + '-c' + c + '"';
  if (keep && req.headers['if-none-match'] === etag) return void res.writeHead(304, { etag }).end();
  res.writeHead(200, { 'content-type': 'application/rss+xml', ...(keep ? { etag } : {}) }).end(doc(feed, c));
});
server.keepAliveTimeout = 60000;
server.listen(0, '127.0.0.1', () => process.send(server.address().port));
`;


/** The poller, run as a child process on dist/: one cycle per message, measured in-process. */
const POLLER = `
const dist = process.env.DIST;
const load = (p) => import(new URL(p, dist).href);
const { createHttpFeedSource } = await load('adapters/feeds/index.js');
const { createSqliteStore } = await load('adapters/store/sqlite/index.js');
const { loadConfig } = await load('config/load.js');
const { compileTopics } = await load('core/rules/index.js');
const { pollDue } = await load('flows/poll.js');
const silent = { debug() {}, info() {}, warn() {}, error() {}, child: () => silent };
const config = loadConfig({ dir: process.env.CONFIG_DIR, env: {} });
const settings = config.settings;
const port = Number(process.env.FEED_PORT);
let now = Date.parse(process.env.START);
const store = createSqliteStore({ path: process.env.DB });
const source = createHttpFeedSource({ fetch: { ...settings.fetch, allowPrivateNetworks: true }, concurrency: settings.poll.concurrency,
  perHostConcurrency: settings.poll.perHostConcurrency, log: silent, lookup: (_h, _o, cb) => cb(null, [{ address: '127.0.0.1', family: 4 }]), now: () => now });
let r = 0x2545f491;
const random = () => ((r = (Math.imul(r, 1103515245) + 12345) >>> 0) / 4294967296);
const clock = { now: () => new Date(now) };
const deps = { store, source, topics: compileTopics(config.topics), clock, random, log: silent, owner: 'bench', poll: settings.poll, ops: settings.ops };
const feeds = Number(process.env.FEEDS);
const iso = () => clock.now().toISOString();
await store.syncFeeds(Array.from({ length: feeds }, (_, i) => ({ id: 'f' + i, url: 'http://f' + i + '.bench.test:' + port + '/feed/' + i, name: null,
  everyMs: settings.poll.every, fullText: false, backfill: 0, tags: [] })), iso());
for (let c = 0; c < 10; c++) for (const topic of ['tariffs', 'fx', 'g20', 'us-japan'])
  await store.subscribe({ destination: { platform: 'slack', workspace: 'T1', channel: 'C' + c }, topic, mode: { kind: 'instant' } }, iso());
process.on('message', async (msg) => {
  if (msg.cmd === 'exit') { await source.close(); await store.close(); process.exit(0); }
  await fetch('http://127.0.0.1:' + port + '/__cycle/' + msg.path);
  now += 10 * 60000; // every feed is due again
  globalThis.gc?.();
  const before = process.memoryUsage();
  let peak = before.rss;
  let peakHeap = 0;
  const sampler = setInterval(() => { const m = process.memoryUsage(); peak = Math.max(peak, m.rss); peakHeap = Math.max(peakHeap, m.heapTotal); }, 10);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const summary = await pollDue(deps);
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage.rss());
  const mem = process.memoryUsage();
  process.send({ wallMs, cpuMs: (cpu.user + cpu.system) / 1000, peakRssMb: peak / 2 ** 20, maxRssMb: process.resourceUsage().maxRSS / 1024,
    heapMb: mem.heapUsed / 2 ** 20, heapTotalMb: mem.heapTotal / 2 ** 20, externalMb: mem.external / 2 ** 20,
    rssBeforeMb: before.rss / 2 ** 20, retainedHeapMb: before.heapUsed / 2 ** 20, peakHeapTotalMb: peakHeap / 2 ** 20, summary });
});
process.send({ ready: true, config: { concurrency: settings.poll.concurrency, perHost: settings.poll.perHostConcurrency } });
`;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

interface Measured {
  wallMs: number;
  cpuMs: number;
  peakRssMb: number;
  maxRssMb: number;
  /** At the end of the cycle. */
  heapMb: number;
  heapTotalMb: number;
  externalMb: number;
  /** After a full GC, before the cycle: what the process holds between cycles. */
  rssBeforeMb: number;
  retainedHeapMb: number;
  peakHeapTotalMb: number;
  summary: PollSummary;
}

function nextMessage<T>(child: ChildProcess): Promise<T> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`bench child exited (${code})`));
    child.once('exit', onExit);
    child.once('message', (m) => {
      child.off('exit', onExit);
      resolve(m as T);
    });
  });
}

export default async function bench(): Promise<void> {
  const root = fileURLToPath(new URL('..', import.meta.url));
  if (!existsSync(join(root, 'dist', 'flows', 'poll.js'))) {
    console.log('poll bench: dist/ is missing — run `npm run build` (npm run bench does)');
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'tradewire-bench-poll-'));
  const start = Date.parse('2025-06-02T09:00:00.000Z');
  writeFileSync(join(dir, 'server.mjs'), SERVER);
  writeFileSync(join(dir, 'poller.mjs'), POLLER);
  const server = fork(join(dir, 'server.mjs'), [], { env: { ...process.env, BASE: new Date(start - 3 * 3_600_000).toISOString() }, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const pollers: ChildProcess[] = [];
  try {
    const port = await nextMessage<number>(server);
    /** A fresh poller process whose clock starts `cyclesDone` cycles into the run. */
    const startPoller = async (cyclesDone: number) => {
      const child = fork(join(dir, 'poller.mjs'), [], {
        // The V8 flag `npm start` and the Docker image run the bot with (a smaller young generation).
        execArgv: ['--expose-gc', '--max-semi-space-size=8'],
        env: {
          ...process.env,
          DIST: pathToFileURL(join(root, 'dist/')).href,
          CONFIG_DIR: join(root, 'config'),
          FEED_PORT: String(port),
          START: new Date(start + (cyclesDone - 1) * 10 * 60_000).toISOString(),
          DB: join(dir, 'bench.db'),
          FEEDS: String(FEEDS),
        },
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      });
      pollers.push(child);
      const ready = await nextMessage<{ config: { concurrency: number; perHost: number } }>(child);
      const cycle = (path: string): Promise<Measured> => {
        const reply = nextMessage<Measured>(child);
        child.send({ path });
        return reply;
      };
      const exit = async () => {
        child.send({ cmd: 'exit' });
        await new Promise((resolve) => child.once('exit', resolve));
      };
      return { ready, cycle, exit };
    };
    // Process 1: the first poll of 1,000 new feeds (the heaviest cycle a deployment sees once).
    const p1 = await startPoller(0);
    const first = await p1.cycle('0');
    await p1.exit();
    // Process 2: the steady state, as `tradewire poll --once` from cron or a restarted bot meets it.
    const p2 = await startPoller(1);
    const ready = p2.ready;
    const mixed: Measured[] = [];
    for (let c = 1; c <= REPEAT; c++) mixed.push(await p2.cycle(String(c)));
    await p2.cycle(`${REPEAT}/fixed`); // odd feeds now send an ETag: one more 200 each
    const all304: Measured[] = [];
    for (let c = 0; c < REPEAT; c++) all304.push(await p2.cycle(`${REPEAT}/fixed`));

    const line = (label: string, m: Measured) =>
      `${label.padEnd(36)} wall ${(m.wallMs / 1000).toFixed(2).padStart(6)} s  cpu ${(m.cpuMs / 1000).toFixed(2).padStart(6)} s  peak rss ${m.peakRssMb.toFixed(0).padStart(4)} MB  ` +
      `(rss before ${m.rssBeforeMb.toFixed(0)}, heap retained ${m.retainedHeapMb.toFixed(0)}, peak heap ${m.peakHeapTotalMb.toFixed(0)} MB)  (200: ${m.summary.ok}, 304: ${m.summary.notModified}, errors: ${m.summary.errors}, new: ${m.summary.newArticles}, deliveries: ${m.summary.deliveriesQueued})`;
    console.log(`${FEEDS} feeds × ${ITEMS} items, default concurrency (${ready.config.concurrency} fetches, ${ready.config.perHost} per host), SQLite file; poller = node on dist/`);
    console.log(line(`first poll (${FEEDS * ITEMS} items stored)`, first) + '  [process 1]');
    console.log('[process 2]');
    mixed.forEach((m, i) => console.log(line(`mixed cycle ${i + 1} (½ 304, ½ 200 + ${NEW_PER_CYCLE} new)`, m)));
    all304.forEach((m, i) => console.log(line(`all-304 cycle ${i + 1}`, m)));
    const med = (xs: Measured[], f: (m: Measured) => number) => median(xs.map(f));
    console.log(
      `median mixed cycle: wall ${(med(mixed, (m) => m.wallMs) / 1000).toFixed(2)} s (goal ≤ 30 s), cpu ${(med(mixed, (m) => m.cpuMs) / 1000).toFixed(2)} s, ` +
        `peak rss ${med(mixed, (m) => m.peakRssMb).toFixed(0)} MB (goal ≤ 200 MB)`,
    );
    console.log(`median CPU per 304: ${(med(all304, (m) => m.cpuMs) / FEEDS).toFixed(3)} ms (goal ≤ 1 ms); median all-304 cycle wall ${(med(all304, (m) => m.wallMs) / 1000).toFixed(2)} s`);
    console.log(`max RSS of the process: first poll ${first.maxRssMb.toFixed(0)} MB; steady-state cycles ${all304.at(-1)!.maxRssMb.toFixed(0)} MB`);
    await p2.exit();
  } finally {
    for (const p of pollers) p.kill();
    server.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}
