/**
 * `tradewire run` with no chat token: alerts go to the console, /healthz answers, a stop signal
 * shuts down in order and exits 0; a bad config exits 1 with the problem named.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runBot } from '../../src/cli/run.js';
import { capture, sampleFeedServer, tempConfig } from './helpers.js';

/** A port that was free a moment ago (the bot must bind a known one for the test to call it). */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
  const port = (probe.address() as AddressInfo).port;
  await new Promise<void>((r) => probe.close(() => r()));
  return port;
}

describe('tradewire run (console mode)', () => {
  it('prints alerts to the console, serves /healthz, and stops cleanly on a signal', async () => {
    const feeds = await sampleFeedServer();
    const config = tempConfig({
      settings: ['http: {host: 127.0.0.1}', 'poll: {schedule: "0 0 1 1 *"}', 'delivery: {interval: 50ms}'],
      feeds: `feeds:\n  - {id: harbor, url: "${feeds.base}/harbor.xml", backfill: 10}\n`,
      subscriptions: 'subscriptions:\n  - {platform: console, channel: stdout, topics: [us-japan, tariffs, g20, fx]}\n',
    });
    const port = await freePort();
    const out = capture();
    const err = capture();
    let stop!: (signal: string) => void;
    const until = new Promise<string>((r) => (stop = r));
    const exit = runBot(['--config', config.dir], { stdout: out.stream, stderr: err.stream, stdin: new PassThrough(), env: { PORT: String(port) } }, { until });
    try {
      for (let i = 0; i < 200 && !out.text().includes('Japan and US agree'); i += 1) await new Promise((r) => setTimeout(r, 50));
      expect(out.text()).toContain('━━ Tariffs · US–Japan ━');
      expect(out.text()).toContain('Yen slides past 158 per dollar');
      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(health.status).toBe(200);
    } finally {
      stop('SIGTERM');
      expect(await exit).toBe(0);
      feeds.close();
      config.cleanup();
    }
    expect(err.text()).toBe('');
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
  });

  it('exits 1 naming the problem when the config is bad', async () => {
    const config = tempConfig({ settings: ['delivery: {intervall: 1s}'], feeds: 'feeds: []\n', subscriptions: 'subscriptions: []\n' });
    const err = capture();
    const code = await runBot(['--config', config.dir], { stdout: capture().stream, stderr: err.stream, stdin: new PassThrough(), env: {} });
    config.cleanup();
    expect(code).toBe(1);
    expect(err.text()).toContain('intervall');
  });
});
