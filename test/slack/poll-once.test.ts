/**
 * `tradewire poll --once` sends what is due before it exits, waiting out a short Retry-After.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { fillTimes } from '../../src/cli/demo.js';
import poll from '../../src/cli/poll.js';
import { startFakeSlack } from '../harness/fake-slack.js';

describe('tradewire poll --once', () => {
  it('polls, then delivers to Slack before exiting, waiting out a 429', async () => {
    const fake = await startFakeSlack();
    const feed = fillTimes(readFileSync('samples/feeds/harbor-wire.xml', 'utf8'), new Date(), false);
    const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(feed));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const dir = mkdtempSync(join(tmpdir(), 'tradewire-once-'));
    try {
      cpSync('config/topics.yaml', join(dir, 'topics.yaml'));
      writeFileSync(join(dir, 'tradewire.yaml'), `log: {level: silent}\nstore: {driver: sqlite, path: ${JSON.stringify(join(dir, 'once.db'))}}\nfetch: {allowPrivateNetworks: true}\n`);
      writeFileSync(join(dir, 'feeds.yaml'), `feeds:\n  - {id: harbor, url: "http://127.0.0.1:${(server.address() as AddressInfo).port}/feed.xml", backfill: 10}\n`);
      writeFileSync(join(dir, 'subscriptions.yaml'), 'subscriptions:\n  - {platform: slack, channel: C0ONCE, topics: [us-japan, tariffs, g20, fx]}\n');
      fake.fail('chat.postMessage', { status: 429, retryAfter: 1 });
      const out = new PassThrough();
      let text = '';
      out.on('data', (c: Buffer) => (text += c.toString()));
      const code = await poll(['--once', '--config', dir], { stdout: out, stderr: new PassThrough(), stdin: new PassThrough(), env: { SLACK_BOT_TOKEN: 'xoxb-once', SLACK_API_URL: fake.apiUrl } });
      expect(code).toBe(0);
      expect(fake.calls.filter((c) => c.method === 'chat.postMessage')).toHaveLength(4); // one 429, waited out, then 3 posts
      expect(fake.postsIn('C0ONCE')).toHaveLength(3); // autos, yen, G20; Rotterdam matches nothing
      expect(text).toContain('deliveries sent: 3, failed: 0, still queued: 0');
    } finally {
      server.close();
      await fake.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
