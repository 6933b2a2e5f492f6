/**
 * End to end through the composition root (`tradewire run`'s start()): a local feed server →
 * poll → analysis → SQLite → outbox → the real Slack sink → the fake Slack; `/trade` answered on
 * the same HTTP server as /healthz; an orderly stop.
 */
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { start, type Running } from '../../src/main.js';
import { specialTokens } from '../harness/slack-limits.js';
import { startFakeSlack, type FakeSlack } from '../harness/fake-slack.js';
import { postToBolt, signedCommand } from '../harness/slack-sign.js';
import { sampleFeedServer, tempConfig } from '../delivery/helpers.js';

const SECRET = 'e2e-secret';
/** A feed that tries to ping everyone and restyle the message, through every encoding RSS allows. */
const HOSTILE_FEED = `<?xml version="1.0"?><rss version="2.0"><channel><title>Evil &lt;!channel&gt; Wire</title><link>https://evil.example/</link>
<item><title><![CDATA[Tariffs <!channel> <!here> @everyone <@U0BOSS> <!subteam^S0EVIL> *URGENT* \`\`\`code]]></title>
<link>https://evil.example/tariffs</link><guid>evil-1</guid><pubDate>{{ago:2}}</pubDate>
<description>&lt;p&gt;New tariffs on steel imports &amp;lt;!everyone&amp;gt; were announced today &amp;lt;@U0BOSS&amp;gt; with duties of 25%.&lt;/p&gt;
&lt;p&gt;"These tariffs &lt;!channel&gt; start on Monday, <![CDATA[<@U0CEO>]]> agrees," said trade official Ana Ruiz &lt;!here&gt;.&lt;/p&gt;</description></item>
</channel></rss>`;
let fake: FakeSlack;
let feeds: { base: string; close(): void };
let config: { dir: string; cleanup(): void };
let running: Running;

beforeAll(async () => {
  fake = await startFakeSlack();
  // Pacific Ledger publishes its version of the auto-tariff story only once Harbor Wire's was posted,
  // so it must arrive as a follow-up: a thread reply and an updated original.
  const autosPosted = (): boolean => fake.postsIn('C0DESK').some((p) => p.threadTs === null && /auto tariffs to 15%/.test(p.text));
  feeds = await sampleFeedServer({ '/hostile.xml': HOSTILE_FEED }, { '/ledger.xml': autosPosted });
  config = tempConfig({
    // the first poll runs at start; no cron tick during the test
    // polls every second (ledger is due every second; the others poll once, at start)
    settings: ['http: {port: 0, host: 127.0.0.1}', 'poll: {schedule: "* * * * * *"}', 'delivery: {interval: 50ms}'],
    feeds: `feeds:\n  - {id: harbor, url: "${feeds.base}/harbor.xml", backfill: 10}\n  - {id: ledger, url: "${feeds.base}/ledger.xml", backfill: 10, every: 1s}\n  - {id: hostile, url: "${feeds.base}/hostile.xml", backfill: 10}\n`,
    subscriptions: 'subscriptions:\n  - {platform: slack, channel: C0DESK, topics: [us-japan, tariffs, g20, fx], mention: S0TRADE}\n',
  });
  running = await start({
    configDir: config.dir,
    env: { SLACK_BOT_TOKEN: 'xoxb-e2e', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: fake.apiUrl },
    stdout: new PassThrough(),
    consoleCommands: false,
  });
});

afterAll(async () => {
  await running?.stop();
  await fake.close();
  feeds.close();
  config.cleanup();
});

describe('feed → poll → match → Slack', () => {
  it('posts each matching story once, with topics, summary and a key quote with its speaker', async () => {
    // 4 stories match (autos, yen, G20, EU steel); the Rotterdam one matches no topic
    const top = await fake.waitFor(() => {
      const posts = fake.postsIn('C0DESK').filter((p) => p.threadTs === null);
      return posts.length >= 5 ? posts : null;
    }, 20_000);
    expect(top).toHaveLength(5); // plus the hostile feed's tariff story
    const autos = top.filter((p) => /auto tariffs to 15%/.test(p.text));
    expect(autos).toHaveLength(1); // the second outlet's rewrite never becomes a second top-level post
    const post = autos[0]!;
    expect(post.text.startsWith('<!subteam^S0TRADE> [')).toBe(true);
    const blocks = JSON.stringify(post.current.blocks);
    expect(blocks).toMatch(/Tariffs · US–Japan|US–Japan · Tariffs/);
    expect(blocks).toContain('agreed on Tuesday to cut U.S. tariffs on Japanese cars to 15%');
    expect(blocks).toContain('This agreement protects jobs on both sides of the Pacific');
    expect(blocks).toContain('— Kenji Morita');
    expect(specialTokens({ text: post.text, blocks: post.blocks }, ['<!subteam^S0TRADE>'])).toEqual([]);
    const yen = top.find((p) => p.text.includes('Yen slides'))!;
    expect(yen.text).toContain('[FX / currency]');
    expect(fake.postsIn('C0DESK').some((p) => p.text.includes('Rotterdam'))).toBe(false);
  });

  it('neutralises every mention and markup a feed tries to smuggle in', async () => {
    const hostile = await fake.waitFor(() => fake.postsIn('C0DESK').find((p) => p.text.includes('URGENT')));
    expect(specialTokens({ text: hostile.text, blocks: hostile.blocks }, ['<!subteam^S0TRADE>'])).toEqual([]);
    expect(hostile.text).not.toContain('*URGENT*');
    const everything = JSON.stringify({ text: hostile.text, blocks: hostile.blocks });
    for (const bad of ['<!channel>', '<!here>', '<!everyone>', '<@U0BOSS>', '<@U0CEO>', '<!subteam^S0EVIL>', '@everyone']) expect(everything).not.toContain(bad);
    expect(everything).toContain('&lt;!channel&gt;'); // shown as text, not lost
  });

  it('the outlet that reports the story later: a reply in the original\'s thread, the original updated, no new top-level post', async () => {
    const { autos, reply } = await fake.waitFor(() => {
      const original = fake.postsIn('C0DESK').find((p) => p.threadTs === null && /auto tariffs to 15%/.test(p.text));
      const threaded = original && fake.postsIn('C0DESK').find((p) => p.threadTs === original.ts);
      return original && threaded ? { autos: original, reply: threaded } : null;
    }, 20_000);
    expect(reply.threadTs).toBe(autos.ts); // the thread of the original alert (the fake refuses any other thread_ts)
    expect(reply.text).toContain('Also reported by Pacific Ledger');
    expect(autos.updates.length).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify(autos.current.blocks)).toMatch(/Also reported by <https:\/\/pacific-ledger\.example[^|]*\|Pacific Ledger>/);
    const top = fake.postsIn('C0DESK').filter((p) => p.threadTs === null);
    expect(top.filter((p) => /auto tariffs to 15%/.test(p.text))).toHaveLength(1);
    expect(top).toHaveLength(5); // Pacific Ledger's other story (EU steel) is new; its autos rewrite is not
    expect(fake.postsIn('C0DESK').filter((p) => p.threadTs !== null)).toHaveLength(1);
  });

  it('answers /trade on the same HTTP server that serves /healthz', async () => {
    const health = await fetch(`http://127.0.0.1:${running.port}/healthz`);
    expect(health.status).toBe(200);
    const res = await postToBolt(running.port, signedCommand(SECRET, { text: 'latest fx', channel_id: 'C0DESK', response_url: fake.responseUrl('e2e') }));
    expect(res.status).toBe(200);
    expect(JSON.stringify(res.body)).toContain('Yen slides past 158 per dollar');
    const topics = await postToBolt(running.port, signedCommand(SECRET, { text: 'topics', channel_id: 'C0DESK', response_url: fake.responseUrl('e2e2') }));
    expect(JSON.stringify(topics.body)).toContain('This channel follows 4.');
  });
});
