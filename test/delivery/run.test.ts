/**
 * `tradewire run` with no chat token: alerts go to the console, /healthz answers, a stop signal
 * shuts down in order and exits 0; a bad config exits 1 with the problem named.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, cpSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { fillTimes } from '../../src/cli/demo.js';
import { runBot } from '../../src/cli/run.js';

function capture(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  let buf = '';
  stream.on('data', (c: Buffer) => (buf += c.toString()));
  return { stream, text: () => buf };
}

describe('tradewire run (console mode)', () => {
  it('prints alerts to the console, serves /healthz, and stops cleanly on a signal', async () => {
    const feed = fillTimes(readFileSync('samples/feeds/harbor-wire.xml', 'utf8'), new Date(), false);
    const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(feed));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const dir = mkdtempSync(join(tmpdir(), 'tradewire-run-'));
    cpSync('config/topics.yaml', join(dir, 'topics.yaml'));
    // a fixed free port is not knowable in advance: find one, then let the bot take it
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((r) => probe.close(() => r()));
    writeFileSync(join(dir, 'tradewire.yaml'), `log: {level: silent}\nhttp: {host: 127.0.0.1}\nstore: {driver: sqlite, path: ${JSON.stringify(join(dir, 'run.db'))}}\npoll: {schedule: "0 0 1 1 *"}\nfetch: {allowPrivateNetworks: true}\ndelivery: {interval: 50ms}\n`);
    writeFileSync(join(dir, 'feeds.yaml'), `feeds:\n  - {id: harbor, url: "http://127.0.0.1:${(server.address() as AddressInfo).port}/feed.xml", backfill: 10}\n`);
    writeFileSync(join(dir, 'subscriptions.yaml'), 'subscriptions:\n  - {platform: console, channel: stdout, topics: [us-japan, tariffs, g20, fx]}\n');
    const out = capture();
    const err = capture();
    let stop!: (signal: string) => void;
    const until = new Promise<string>((r) => (stop = r));
    const exit = runBot(['--config', dir], { stdout: out.stream, stderr: err.stream, stdin: new PassThrough(), env: { PORT: String(port) } }, { until });
    try {
      for (let i = 0; i < 200 && !out.text().includes('Japan and US agree'); i += 1) await new Promise((r) => setTimeout(r, 50));
      expect(out.text()).toContain('━━ Tariffs · US–Japan ━');
      expect(out.text()).toContain('Yen slides past 158 per dollar');
      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(health.status).toBe(200);
    } finally {
      stop('SIGTERM');
      expect(await exit).toBe(0);
      server.close();
      rmSync(dir, { recursive: true, force: true });
    }
    expect(err.text()).toBe('');
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
  });

  it('exits 1 naming the problem when the config is bad', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tradewire-run-bad-'));
    cpSync('config/topics.yaml', join(dir, 'topics.yaml'));
    writeFileSync(join(dir, 'tradewire.yaml'), 'delivery: {intervall: 1s}\n');
    const err = capture();
    const code = await runBot(['--config', dir], { stdout: capture().stream, stderr: err.stream, stdin: new PassThrough(), env: {} });
    rmSync(dir, { recursive: true, force: true });
    expect(code).toBe(1);
    expect(err.text()).toContain('intervall');
  });
});
