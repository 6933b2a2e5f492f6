/**
 * `tradewire poll --once` sends what is due before it exits, waiting out a short Retry-After.
 */
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import poll from '../../src/cli/poll.js';
import { startFakeSlack } from '../harness/fake-slack.js';
import { capture, sampleFeedServer, tempConfig } from '../delivery/helpers.js';

describe('tradewire poll --once', () => {
  it('polls, then delivers to Slack before exiting, waiting out a 429', async () => {
    const fake = await startFakeSlack();
    const feeds = await sampleFeedServer();
    const config = tempConfig({
      feeds: `feeds:\n  - {id: harbor, url: "${feeds.base}/harbor.xml", backfill: 10}\n`,
      subscriptions: 'subscriptions:\n  - {platform: slack, channel: C0ONCE, topics: [us-japan, tariffs, g20, fx]}\n',
    });
    try {
      fake.fail('chat.postMessage', { status: 429, retryAfter: 1 });
      const out = capture();
      const code = await poll(['--once', '--config', config.dir], { stdout: out.stream, stderr: new PassThrough(), stdin: new PassThrough(), env: { SLACK_BOT_TOKEN: 'xoxb-once', SLACK_API_URL: fake.apiUrl } });
      expect(code).toBe(0);
      expect(fake.calls.filter((c) => c.method === 'chat.postMessage')).toHaveLength(4); // one 429, waited out, then 3 posts
      expect(fake.postsIn('C0ONCE')).toHaveLength(3); // autos, yen, G20; Rotterdam matches nothing
      expect(out.text()).toContain('deliveries sent: 3, failed: 0, still queued: 0');
    } finally {
      feeds.close();
      await fake.close();
      config.cleanup();
    }
  });
});
