/**
 * End to end through the composition root (`tradewire run`'s start()), Discord and Slack together:
 * local feeds (the bundled samples plus a hostile one) → poll → analysis → SQLite → outbox → the
 * real Discord sink → the fake Discord (embeds, role mention, follow-up reply + edited original),
 * a Discord webhook subscription from `env:NAME`, the Slack bot alongside; `/trade` answered over
 * the gateway by the same running app; Discord readiness.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillTimes } from '../../src/cli/demo.js';
import { start, type Running } from '../../src/main.js';
import { discordPayloadProblems, discordSpecialTokens } from '../harness/discord-limits.js';
import { startFakeDiscord, type FakeDiscord, type StoredMessage } from '../harness/fake-discord.js';
import { startFakeSlack, type FakeSlack } from '../harness/fake-slack.js';

const GUILD = '200000000000000001';
const DESK = '300000000000000001';
const HOOKED = '300000000000000002';
const ROLE = '777777777777777777';

/** A feed whose text tries to ping everyone and break the layout. */
function hostileFeed(now: Date): string {
  const when = new Date(now.getTime() - 5 * 60_000).toUTCString();
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>@everyone Wire &lt;@123456789012345678&gt;</title><link>https://hostile.example/</link><description>x</description>
<item><title>@everyone US raises steel tariffs to 50% &lt;@&amp;555555555555555555&gt; ||now||</title><link>https://hostile.example/steel-tariffs</link><guid>hostile-1</guid><pubDate>${when}</pubDate>
<description><![CDATA[<p># WASHINGTON — The United States raised tariffs on imported steel to 50% on Monday, doubling the tariff rate set in March, @here.</p><p>"We will not back down on steel tariffs, @everyone <@123456789012345678> hear this," Commerce Secretary Jane Roe told reporters.</p><p>> Trading partners said they would answer the tariff increase with duties of their own.</p>]]></description></item></channel></rss>`;
}

let discord: FakeDiscord;
let slack: FakeSlack;
let feeds: Server;
let dir: string;
let running: Running;
let hookUrl: string;

beforeAll(async () => {
  discord = await startFakeDiscord({ guilds: [{ id: GUILD, channels: [DESK, HOOKED], roles: [ROLE] }] });
  slack = await startFakeSlack();
  hookUrl = discord.createWebhook(HOOKED).url;
  const now = new Date();
  const files: Record<string, string> = {
    '/harbor.xml': fillTimes(readFileSync('samples/feeds/harbor-wire.xml', 'utf8'), now, false),
    '/ledger.xml': fillTimes(readFileSync('samples/feeds/pacific-ledger.xml', 'utf8'), now, true),
    '/hostile.xml': hostileFeed(now),
  };
  feeds = createServer((req, res) => {
    const body = files[req.url ?? ''];
    if (body) res.writeHead(200, { 'content-type': 'application/xml' }).end(body);
    else res.writeHead(404).end();
  });
  await new Promise<void>((r) => feeds.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(feeds.address() as AddressInfo).port}`;
  dir = mkdtempSync(join(tmpdir(), 'tradewire-discord-e2e-'));
  cpSync('config/topics.yaml', join(dir, 'topics.yaml'));
  writeFileSync(join(dir, 'tradewire.yaml'), [
    'log: {level: silent}',
    'http: {port: 0, host: 127.0.0.1}',
    `store: {driver: sqlite, path: ${JSON.stringify(join(dir, 'e2e.db'))}}`,
    'poll: {schedule: "0 0 1 1 *"}',
    'fetch: {allowPrivateNetworks: true}',
    'delivery: {interval: 50ms}',
    `webhooks: {username: Trade Desk, testBaseUrl: "http://127.0.0.1:${discord.port}"}`,
  ].join('\n'));
  writeFileSync(join(dir, 'feeds.yaml'), `feeds:\n  - {id: harbor, url: "${base}/harbor.xml", backfill: 10}\n  - {id: ledger, url: "${base}/ledger.xml", backfill: 10}\n  - {id: hostile, url: "${base}/hostile.xml", backfill: 10}\n`);
  writeFileSync(join(dir, 'subscriptions.yaml'), [
    'subscriptions:',
    `  - {platform: discord, guild: "${GUILD}", channel: "${DESK}", topics: [us-japan, tariffs, g20, fx], mention: "${ROLE}"}`,
    '  - {platform: webhook, channel: "env:FX_DISCORD_HOOK", topics: [fx]}',
    '  - {platform: slack, channel: C0DESK, topics: [tariffs]}',
  ].join('\n'));
  running = await start({
    configDir: dir,
    env: {
      DISCORD_TOKEN: discord.token, DISCORD_API_URL: discord.apiUrl, FX_DISCORD_HOOK: hookUrl,
      SLACK_BOT_TOKEN: 'xoxb-e2e', SLACK_SIGNING_SECRET: 'e2e-secret', SLACK_API_URL: slack.apiUrl,
    },
    stdout: new PassThrough(),
    consoleCommands: false,
  });
}, 30_000);

afterAll(async () => {
  await running?.stop();
  await discord?.close();
  await slack?.close();
  feeds?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const top = (): StoredMessage[] => discord.messagesIn(DESK).filter((m) => !m.body.message_reference);
const embed = (m: StoredMessage): { title: string; url?: string; description?: string; fields?: { name: string; value: string }[]; footer?: { text: string }; timestamp?: string; color?: number } =>
  (m.current.embeds as never[])[0]!;

describe('feeds → poll → match → Discord', () => {
  it('posts each matching story once as an embed: linked title, summary, speaker quote, footer, time, colour, role', async () => {
    const posts = await discord.waitFor(() => (top().length >= 5 ? top() : null), 20_000);
    expect(posts).toHaveLength(5); // autos, yen, G20, EU steel, hostile steel; not Rotterdam
    const autos = posts.filter((m) => /auto tariffs to 15%/.test(embed(m).title));
    expect(autos).toHaveLength(1); // the second outlet never becomes a second top-level post
    const e = embed(autos[0]!);
    expect(e.url).toBe('https://harbor-wire.example/2025/japan-us-auto-tariffs');
    expect(e.description).toContain('agreed on Tuesday to cut U.S. tariffs on Japanese cars to 15%');
    expect(e.fields).toContainEqual({ name: 'Kenji Morita', value: '“This agreement protects jobs on both sides of the Pacific and gives our carmakers the certainty they asked for”' });
    expect(e.footer!.text).toMatch(/^Harbor Wire · (Tariffs · US–Japan|US–Japan · Tariffs)/);
    expect(Number.isNaN(Date.parse(e.timestamp!))).toBe(false);
    expect(typeof e.color).toBe('number');
    const body = autos[0]!.body;
    expect(body.content).toBe(`<@&${ROLE}>`);
    expect(body.allowed_mentions).toEqual({ parse: [], roles: [ROLE] });
    expect(body.enforce_nonce).toBe(true);
    for (const m of posts) expect(discordPayloadProblems(m.body)).toEqual([]);
    expect(new Set(posts.map((m) => m.body.nonce)).size).toBe(5);
  });

  it('hostile feed text pings nobody and breaks nothing', async () => {
    const hostile = await discord.waitFor(() => top().find((m) => /steel tariffs to 50%/.test(embed(m).title)));
    expect(hostile.body.allowed_mentions).toEqual({ parse: [], roles: [ROLE] });
    expect(discordSpecialTokens(hostile.body, [`<@&${ROLE}>`])).toEqual([]);
    expect(embed(hostile).title.startsWith('@\u200Beveryone')).toBe(true);
    expect(embed(hostile).description ?? '').not.toMatch(/^#/m);
    expect(embed(hostile).fields![0]!.value).toContain('@\u200Beveryone \\<\u200B@123456789012345678\\>');
  });

  it('the other outlet joins as a reply to the original, whose "also reported by" is refreshed', async () => {
    const found = await discord.waitFor(() => {
      const autos = top().find((m) => /auto tariffs to 15%/.test(embed(m).title));
      const reply = autos && discord.messagesIn(DESK).find((m) => (m.body.message_reference as { message_id?: string } | undefined)?.message_id === autos.id);
      const also = autos && JSON.stringify(autos.current.embeds).includes('Also reported by');
      return autos && (reply || also) ? { autos, reply } : null;
    }, 20_000);
    expect(JSON.stringify(found.autos.current.embeds) + JSON.stringify(found.reply?.body ?? {})).toMatch(/Pacific Ledger|Harbor Wire/);
    if (found.reply) expect(found.reply.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
  });

  it('a webhook subscription from env:NAME gets its topic as the configured name', async () => {
    const [m] = await discord.waitFor(() => (discord.messagesIn(HOOKED).length > 0 ? discord.messagesIn(HOOKED) : null));
    expect(embed(m!).title).toContain('Yen slides past 158 per dollar');
    expect(m!.body.username).toBe('Trade Desk');
    expect(m!.webhookId).not.toBeNull();
  });

  it('the Slack bot runs alongside', async () => {
    const posts = await slack.waitFor(() => (slack.postsIn('C0DESK').length >= 3 ? slack.postsIn('C0DESK') : null), 20_000);
    expect(posts.some((p) => p.text.includes('auto tariffs to 15%'))).toBe(true);
  });
});

describe('/trade over the gateway, readiness', () => {
  it('answers /trade latest from the running app; /readyz reports Discord connected', async () => {
    const a = await discord.interact({ sub: 'latest', options: { topic: 'fx' }, channelId: DESK }).answered();
    expect(a.ephemeral).toBe(true);
    expect(JSON.stringify(a.body)).toContain('Yen slides past 158 per dollar');
    const ready = await (await fetch(`http://127.0.0.1:${running.port}/readyz`)).json() as { checks: Record<string, boolean> };
    expect(ready.checks).toMatchObject({ discord: true, slack: true, store: true });
  });
});
