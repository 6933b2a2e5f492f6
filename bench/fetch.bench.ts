/**
 * Fetcher cost on a local server: CPU per 304, CPU per 200 carrying 20 items (fetch + parse), and
 * parse alone. The server runs in a child process, so the CPU measured here is the client's only.
 * Feeds are spread over 50 host names (all 127.0.0.1 through an injected lookup) as real feeds are
 * spread over sites, so the per-host limit applies as in production.
 */
import { spawn } from 'node:child_process';
import type { LookupAddress } from 'node:dns';
import { createHttpFeedSource, parseFeed, type DnsLookup } from '../src/adapters/feeds/index.js';

const SERVER = `
const http = require('node:http');
const items = Array.from({ length: 20 }, (_, i) =>
  '<item><title>Tariff story ' + i + ': ministers meet on autos and rice</title><link>https://news.example.org/2025/05/story-' + i + '?utm_source=rss</link>' +
  '<guid isPermaLink="false">story-' + i + '</guid><pubDate>Tue, 06 May 2025 0' + (i % 10) + ':00:00 GMT</pubDate>' +
  '<description><![CDATA[<p>' + 'Japan and the United States resumed talks on tariffs on Tuesday, officials said. '.repeat(6) + '</p><p>Second paragraph.</p>]]></description></item>').join('');
const feed = Buffer.from('<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Bench</title><link>https://news.example.org/</link>' + items + '</channel></rss>');
http.createServer((req, res) => {
  if (req.url.startsWith('/304') && req.headers['if-none-match'] === '"v1"') { res.writeHead(304, { etag: '"v1"' }); res.end(); return; }
  res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag: '"v1"', 'content-length': feed.length }); res.end(feed);
}).listen(0, '127.0.0.1', function () { process.stdout.write(String(this.address().port) + '\\n'); });
`;

const HOSTS = 50;
const lookup: DnsLookup = (_host, _opts, cb) => cb(null, [{ address: '127.0.0.1', family: 4 } as LookupAddress]);
const quiet = { debug() {}, info() {}, warn() {}, error() {}, child: () => quiet };

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

async function cpuPer(n: number, run: (i: number) => Promise<void>, concurrency = 16): Promise<{ cpuMs: number; wallMs: number }> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < n) await run(next++);
  }));
  const cpu = process.cpuUsage(cpu0);
  return { cpuMs: (cpu.user + cpu.system) / 1000 / n, wallMs: performance.now() - t0 };
}

export default async function bench(): Promise<void> {
  const rssBefore = process.memoryUsage().rss;
  const child = spawn(process.execPath, ['-e', SERVER], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve) => child.stdout.once('data', (d: Buffer) => resolve(Number(String(d).trim()))));
  const source = createHttpFeedSource({
    fetch: { timeout: 15_000, maxBytes: 10 * 1024 * 1024, maxRedirects: 5, userAgent: null, allowPrivateNetworks: true },
    concurrency: 16,
    perHostConcurrency: 2,
    log: quiet,
    lookup,
  });
  const url = (kind: string, i: number) => `http://feed${i % HOSTS}.bench:${port}/${kind}/${i}`;
  try {
    const notModified = (i: number) => source.fetchFeed({ feedId: `f${i}`, url: url('304', i), etag: '"v1"', lastModified: null }).then((r) => {
      if (r.kind !== 'not-modified') throw new Error(`expected 304, got ${r.kind}`);
    });
    const full = (i: number) => source.fetchFeed({ feedId: `f${i}`, url: url('200', i), etag: null, lastModified: null }).then((r) => {
      if (r.kind !== 'ok' || r.feed.items.length !== 20) throw new Error(`expected 20 items, got ${r.kind}`);
    });
    await cpuPer(500, notModified); // warm-up: JIT, connection pools
    await cpuPer(200, full);
    const rounds = { n304: [] as number[], n200: [] as number[], parse: [] as number[], wall304: [] as number[] };
    const sample = await source.fetchFeed({ feedId: 's', url: url('200', 0), etag: null, lastModified: null });
    const bytes = Buffer.from(JSON.stringify(sample)).length;
    const body = await fetch(`http://127.0.0.1:${port}/200/x`).then((r) => r.arrayBuffer()).then((b) => new Uint8Array(b));
    for (let round = 0; round < 5; round++) {
      const a = await cpuPer(2000, notModified);
      rounds.n304.push(a.cpuMs);
      rounds.wall304.push(a.wallMs);
      rounds.n200.push((await cpuPer(500, full)).cpuMs);
      rounds.parse.push((await cpuPer(500, async () => void (await parseFeed(body, { baseUrl: 'https://news.example.org/feed' })), 1)).cpuMs);
    }
    console.log(`CPU per 304 (fetch, no parse):          ${median(rounds.n304).toFixed(3)} ms  (median of 5 rounds × 2000; 2000 took ${Math.round(median(rounds.wall304))} ms wall at concurrency 16)`);
    console.log(`CPU per 200 with 20 items (fetch+parse): ${median(rounds.n200).toFixed(3)} ms  (median of 5 rounds × 500; body ${body.length} bytes)`);
    console.log(`CPU per parse of that body alone:       ${median(rounds.parse).toFixed(3)} ms  (ratio 200/304: ${(median(rounds.n200) / median(rounds.n304)).toFixed(1)}×)`);
    (globalThis as { gc?: () => void }).gc?.();
    const mem = process.memoryUsage();
    console.log(`memory: RSS ${Math.round(rssBefore / 2 ** 20)} MB before, ${Math.round(mem.rss / 2 ** 20)} MB after; heap used after GC ${Math.round(mem.heapUsed / 2 ** 20)} MB (a parsed result is ${bytes} bytes as JSON)`);
  } finally {
    await source.close();
    child.kill();
  }
}
