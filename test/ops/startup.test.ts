/**
 * A fresh console install (no chat token, console subscriptions) is not silent: start-up says what
 * it loaded, that a feed's first poll stores without alerting, and how to see an alert now — and a
 * feed without `backfill` alerts on its newest 3 items at its first poll, on the console only.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { start, type Running } from '../../src/main.js';

const HEADLINES = [
  'Tokyo weighs tariff retaliation over steel',
  'Brussels delays tariff vote on electric cars',
  'Ottawa drops dairy tariff quota dispute',
  'Seoul seeks tariff exemption for chips',
  'Canberra files tariff complaint on barley',
];
let feeds: Server;
let dir: string;
let running: Running | undefined;
let printed = '';

beforeAll(async () => {
  const items = HEADLINES.map(
    (t, i) => `<item><title>${t}</title><link>http://news.example/${i}</link><guid>s-${i}</guid><pubDate>${new Date(Date.now() - (10 - i) * 60_000).toUTCString()}</pubDate><description>${t}.</description></item>`,
  );
  const rss = `<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><link>http://news.example/</link>${items.join('')}</channel></rss>`;
  feeds = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss));
  await new Promise<void>((r) => feeds.listen(0, '127.0.0.1', r));
  dir = mkdtempSync(join(tmpdir(), 'tradewire-startup-'));
  writeFileSync(join(dir, 'topics.yaml'), 'topics:\n  - {id: tariffs, rule: "tariff*", threshold: 1}\n');
  writeFileSync(join(dir, 'tradewire.yaml'), `log: {level: silent}\nhttp: {port: 0, host: 127.0.0.1}\nstore: {path: "${join(dir, 'tw.db')}"}\npoll: {schedule: "0 0 1 1 *"}\nfetch: {allowPrivateNetworks: true}\ndelivery: {interval: 50ms}\n`);
  writeFileSync(join(dir, 'feeds.yaml'), `feeds:\n  - {id: wire, url: "http://127.0.0.1:${(feeds.address() as AddressInfo).port}/feed.xml"}\n`);
  writeFileSync(join(dir, 'subscriptions.yaml'), 'subscriptions:\n  - {platform: console, channel: stdout, topics: [tariffs]}\n');
});
afterAll(async () => {
  await running?.stop();
  feeds?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('tradewire run on a fresh console install', () => {
  it('says what it loaded and why it is quiet, then alerts the newest 3 items of a feed without backfill', async () => {
    const out = new PassThrough();
    out.on('data', (c: Buffer) => void (printed += c.toString()));
    running = await start({ configDir: dir, env: {}, stdout: out, consoleCommands: false });
    expect(printed).toContain('loaded 1 feed(s), 1 topic(s) (tariffs), 1 subscription(s)');
    expect(printed).toContain(`store sqlite ${join(dir, 'tw.db')}`);
    expect(printed).toMatch(/first poll stores what it already lists without alerting/);
    expect(printed).toContain('3 for the 1 feed(s) without one');
    expect(printed).toContain('tradewire demo');

    const deadline = Date.now() + 15_000;
    while (HEADLINES.slice(2).some((h) => !printed.includes(h)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(HEADLINES.filter((h) => printed.includes(h))).toEqual(HEADLINES.slice(2)); // the newest three, not all five
  }, 30_000);
});
