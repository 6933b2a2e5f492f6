/**
 * Every `/trade` subcommand end to end: a request signed as Slack signs it → the real Bolt app
 * behind tradewire's HTTP server → the platform-neutral command flow on the real SQLite store →
 * the reply, answered through respond() and captured by the fake Slack.
 */
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpServer, type HttpServer } from '../../src/adapters/http/server.js';
import { createSlackChat, type SlackChat } from '../../src/adapters/chat/slack/index.js';
import { article } from '../../src/adapters/store/contract/fixtures.contract.js';
import { createCommandHandler, type TopicInfo } from '../../src/flows/commands.js';
import { seedSubscriptions } from '../../src/flows/poll/seed-subscriptions.js';
import { specialTokens } from '../harness/slack-limits.js';
import { startFakeSlack, type FakeSlack } from '../harness/fake-slack.js';
import { postToBolt, signedCommand } from '../harness/slack-sign.js';
import { log, slackDest, tempStore, type TempStore } from '../delivery/helpers.js';

const SECRET = 'commands-secret';
const TOPICS: TopicInfo[] = [
  { id: 'us-japan', name: 'US–Japan', description: 'US–Japan trade relations' },
  { id: 'tariffs', name: 'Tariffs' },
  { id: 'g20', name: 'G20' },
  { id: 'fx', name: 'FX / currency' },
];
let fake: FakeSlack;
let server: HttpServer;
let chat: SlackChat;
let t: TempStore;
let port: number;
let n = 0;

beforeAll(async () => {
  fake = await startFakeSlack({ users: { U0ADMIN: { is_admin: true }, U0USER: {} } });
  t = tempStore();
  const s = t.store;
  await s.ingest(article({ title: 'Akazawa says tariffs talks at critical stage', body: 'Japan’s negotiator Akazawa said talks on tariffs had reached a critical stage.', topics: ['tariffs', 'us-japan'], published: '2025-06-02T08:00:00.000Z', quotes: [{ text: 'We will not accept a deal that hurts our carmakers', speaker: 'Ryosei Akazawa' }], source: 'Harbor Wire' }), '2025-06-02T08:01:00.000Z');
  await s.ingest(article({ title: 'Yen slides past 150 per dollar', body: 'The yen weakened.', topics: ['fx'], published: '2025-06-02T09:00:00.000Z', quotes: [{ text: 'We are watching currency moves with urgency', speaker: 'Ryosei Akazawa' }] }), '2025-06-02T09:01:00.000Z');
  await s.ingest(article({ title: 'G20 ministers meet in Durban', body: 'Ministers met.', topics: ['g20'], published: '2025-06-02T10:00:00.000Z' }), '2025-06-02T10:01:00.000Z');
  await s.syncFeeds([{ id: 'harbor', url: 'https://harbor.example/feed', name: 'Harbor Wire', everyMs: 300_000, fullText: false, backfill: 0, tags: [] }, { id: 'broken', url: 'https://broken.example/feed', name: null, everyMs: 300_000, fullText: false, backfill: 0, tags: [] }], '2025-06-02T07:00:00.000Z');
  const claimed = await s.claimDueFeeds({ now: '2025-06-02T08:00:00.000Z', limit: 10, leaseMs: 60_000, owner: 'p' });
  for (const f of claimed) {
    const ok = f.id === 'harbor';
    await s.finishPoll({ feedId: f.id, owner: 'p', now: '2025-06-02T08:00:00.000Z', result: ok ? 'ok' : 'error', status: ok ? 200 : null, error: ok ? null : { code: 'timeout', message: 'no answer in 15 s' }, etag: null, lastModified: null, title: null, nextPollAt: '2025-06-02T08:05:00.000Z' });
  }
  server = createHttpServer({ host: '127.0.0.1', port: 0, log });
  chat = createSlackChat({ botToken: 'xoxb-test', signingSecret: SECRET, appToken: null, apiUrl: fake.apiUrl, server, manageSubscriptions: 'admins', log, ackBudgetMs: 0 });
  await chat.commands!.start(createCommandHandler({ store: s, topics: TOPICS, clock: { now: () => new Date('2025-06-02T12:00:00.000Z') } }));
  port = (await server.listen()).port;
});
afterAll(async () => {
  await chat.commands?.stop();
  await server.close();
  await fake.close();
  await t.cleanup();
});

/** Runs `/trade <text>` and returns the respond() body. */
async function trade(text: string, user = 'U0ADMIN', channel?: string): Promise<{ response_type: string; text: string; blocks: unknown[]; all: string }> {
  const id = `c${++n}`;
  const res = await postToBolt(port, signedCommand(SECRET, { text, user_id: user, user_name: user === 'U0ADMIN' ? 'boss' : 'analyst', response_url: fake.responseUrl(id), ...(channel ? { channel_id: channel } : {}) }));
  expect(res.status).toBe(200);
  const reply = await fake.waitFor(() => fake.responses.find((r) => r.id === id));
  const body = reply.body as { response_type: string; text: string; blocks: unknown[] };
  expect(specialTokens(body)).toEqual([]);
  return { ...body, all: JSON.stringify(body.blocks) };
}

describe('/trade over signed HTTP, answered through respond()', () => {
  it('help (and no subcommand) lists every subcommand', async () => {
    for (const text of ['help', '']) {
      const r = await trade(text);
      expect(r.response_type).toBe('ephemeral');
      for (const sub of ['latest', 'search', 'quotes', 'subscribe', 'unsubscribe', 'topics', 'feeds', 'test']) expect(r.all).toContain(`/trade ${sub}`);
    }
  });

  it('an unknown subcommand suggests the closest and lists the valid ones', async () => {
    const r = await trade('lates fx');
    expect(r.response_type).toBe('ephemeral');
    expect(r.text).toContain('Unknown subcommand “lates”. Did you mean `/trade latest`?');
    expect(r.all).toContain('/trade quotes');
  });

  it('latest [topic] [n] shows alert cards, newest first', async () => {
    const all = await trade('latest 2');
    expect(all.text).toBe('*Latest* (2)');
    expect(all.all.indexOf('G20 ministers meet')).toBeLessThan(all.all.indexOf('Yen slides'));
    expect(all.all).not.toContain('Akazawa says');
    const fx = await trade('latest FX');
    expect(fx.text).toBe('*Latest on FX / currency* (1)');
    expect(fx.all).toContain('Yen slides past 150 per dollar');
    expect(fx.all).toContain('— Ryosei Akazawa');
  });

  it('an unknown topic gets the closest topic and the list', async () => {
    const r = await trade('latest tarifs');
    expect(r.text).toContain('Unknown topic “tarifs”. Did you mean `tariffs`? Topics: `us-japan`, `tariffs`, `g20`, `fx`');
  });

  it('search ranks matches and marks the words in a snippet', async () => {
    const r = await trade('search akazawa tariffs');
    expect(r.text).toContain('*Search: akazawa tariffs*');
    expect(r.all).toContain('Akazawa says tariffs talks at critical stage');
    expect(r.all).toMatch(/\*(Akazawa|tariffs)\*/);
    expect((await trade('search')).text).toContain('Usage:');
    expect((await trade('search zebra')).text).toBe('No stories match “zebra”.');
  });

  it('quotes <speaker> [topic]: newest first, filtered by topic, with the story', async () => {
    const r = await trade('quotes akazawa');
    expect(r.all.indexOf('watching currency moves')).toBeLessThan(r.all.indexOf('hurts our carmakers'));
    expect(r.all).toContain('*Ryosei Akazawa*');
    const tariffs = await trade('quotes akazawa tariffs');
    expect(tariffs.text).toContain('on Tariffs');
    expect(tariffs.all).toContain('hurts our carmakers');
    expect(tariffs.all).not.toContain('currency moves');
    const none = await trade('quotes ryosei nobody');
    expect(none.text).toContain('No quotes from “ryosei nobody”. Known speakers: *Ryosei Akazawa*');
  });

  it('subscribe / topics / unsubscribe change this channel, visibly', async () => {
    const sub = await trade('subscribe tariffs daily 08:00 Asia/Tokyo');
    expect(sub.response_type).toBe('in_channel');
    expect(sub.text).toBe('@boss subscribed this channel to *Tariffs*: a daily digest at 08:00 Asia/Tokyo.');
    const live = await trade('subscribe us-japan');
    expect(live.text).toContain('each story as it is reported');
    const stored = await t.store.listSubscriptions(slackDest('C0ALERTS'));
    expect(stored.map((s) => [s.topic, s.mode])).toEqual(expect.arrayContaining([
      ['tariffs', { kind: 'digest', time: '08:00', timezone: 'Asia/Tokyo' }],
      ['us-japan', { kind: 'instant' }],
    ]));
    const topics = await trade('topics');
    expect(topics.text).toContain('This channel follows 2.');
    expect(topics.all).toContain('followed here: daily 08:00 Asia/Tokyo');
    expect(topics.all).toContain('US–Japan trade relations');
    expect((await trade('subscribe fx daily 25:00')).text).toContain('expected a time as HH:MM');
    expect((await trade('subscribe fx daily 08:00 Mars/Olympus')).text).toContain('unknown time zone "Mars/Olympus"');
    const un = await trade('unsubscribe tariffs');
    expect(un.text).toBe('@boss unsubscribed this channel from Tariffs.');
    expect((await trade('unsubscribe g20')).text).toBe('This channel does not follow G20.');
    expect((await trade('unsubscribe all')).text).toBe('@boss unsubscribed this channel from all 1 topic.');
    expect(await t.store.listSubscriptions(slackDest('C0ALERTS'))).toEqual([]);
  });

  it('a channel named in subscriptions.yaml with its workspace and subscribed in chat is one subscription: one delivery per story', async () => {
    const file = [{ platform: 'slack' as const, workspace: 'T0FAKE', channel: 'C0FILE', topics: ['fx'], mode: 'instant', mention: null }];
    await seedSubscriptions(t.store, file, '2025-06-02T11:00:00.000Z');
    const r = await trade('subscribe fx', 'U0ADMIN', 'C0FILE');
    expect(r.response_type).toBe('in_channel');
    expect(await t.store.listSubscriptions(slackDest('C0FILE'))).toHaveLength(1);
    const out = await t.store.ingest(article({ title: 'Yen steadies after intervention warning', topics: ['fx'], published: '2025-06-01T09:00:00.000Z' }), '2025-06-02T11:30:00.000Z');
    expect((await t.store.listDeliveries({ storyId: out.storyId! })).filter((d) => d.destination.channel === 'C0FILE')).toHaveLength(1);
    const un = await trade('unsubscribe fx', 'U0ADMIN', 'C0FILE');
    expect(un.response_type).toBe('ephemeral');
    expect(un.text).toContain('config/subscriptions.yaml');
  });

  it('only admins may change subscriptions when configured so', async () => {
    const r = await trade('subscribe fx', 'U0USER');
    expect(r.response_type).toBe('ephemeral');
    expect(r.text).toContain('not allowed');
    expect(await t.store.listSubscriptions(slackDest('C0ALERTS'))).toEqual([]);
  });

  it('feeds shows health: failing first, with the error and since when', async () => {
    const r = await trade('feeds');
    expect(r.text).toBe('*Feeds (2)* — 1 failing');
    expect(r.all).toMatch(/\*broken\* — failing since 2025-06-02 08:00 UTC \(1×\): timeout: no answer in 15 s/);
    expect(r.all).toMatch(/\*Harbor Wire\* — ok; last poll 2025-06-02 08:00 UTC \(4 h ago\)/);
    expect(r.all.indexOf('broken')).toBeLessThan(r.all.indexOf('Harbor Wire'));
  });

  it('test [topic] posts an alert card in the channel', async () => {
    const r = await trade('test g20');
    expect(r.response_type).toBe('in_channel');
    expect(r.text).toContain('Test alert (the newest matching story): this is what a subscription to G20 posts here.');
    expect(r.all).toContain('G20 ministers meet in Durban');
    expect((await trade('test nonsense')).text).toContain('Unknown topic “nonsense”');
  });
});

describe('a command that fails', () => {
  it('answers with a helpful message and the error code; the details go only to the log', async () => {
    // The real handler on a real store that has been closed: every lookup fails with store_closed.
    const broken = tempStore();
    await broken.store.close();
    const lines: string[] = [];
    const captured = pino({ level: 'error' }, { write: (l: string) => void lines.push(l) });
    const server2 = createHttpServer({ host: '127.0.0.1', port: 0, log });
    const chat2 = createSlackChat({ botToken: 'xoxb-test', signingSecret: SECRET, appToken: null, apiUrl: fake.apiUrl, server: server2, manageSubscriptions: 'anyone', log: captured, ackBudgetMs: 0 });
    try {
      await chat2.commands!.start(createCommandHandler({ store: broken.store, topics: TOPICS, clock: { now: () => new Date() } }));
      const port2 = (await server2.listen()).port;
      const res = await postToBolt(port2, signedCommand(SECRET, { text: 'latest fx', user_id: 'U0USER', response_url: fake.responseUrl('broken') }));
      expect(res.status).toBe(200);
      const body = (await fake.waitFor(() => fake.responses.find((r) => r.id === 'broken'))).body as { response_type: string; text: string };
      expect(body.response_type).toBe('ephemeral');
      expect(body.text).toBe('Sorry, /trade latest failed (error code `store_closed`). Please try again in a moment; if it keeps failing, give whoever runs tradewire this code.');
      expect(body.text).not.toContain('called after close');
      expect(lines.join('')).toContain('called after close');
    } finally {
      await chat2.commands?.stop();
      await server2.close();
      await broken.cleanup();
    }
  });
});
