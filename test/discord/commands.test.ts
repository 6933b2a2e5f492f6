/**
 * The real discord.js client logged in to the fake Discord answers `/trade` interactions: every
 * subcommand, ephemeral lookups, public subscription changes, the Manage Channels / role check,
 * autocomplete, deferral when the handler is slow, and a gateway resume.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DiscordChat } from '../../src/adapters/chat/discord/index.js';
import { article } from '../../src/adapters/store/contract/fixtures.contract.js';
import { seedSubscriptions } from '../../src/flows/poll/seed-subscriptions.js';
import type { CommandReply, CommandRequest } from '../../src/ports.js';
import { discordSpecialTokens } from '../harness/discord-limits.js';
import { startFakeDiscord, type FakeDiscord } from '../harness/fake-discord.js';
import { CH, CH2, GUILD, MANAGE_CHANNELS, MANAGER_ROLE, discordChat, handlerFor, seedStories, tempStore, type TempStore } from './helpers.js';

let fake: FakeDiscord;
let t: TempStore;
let chat: DiscordChat;
/** Requests the handler saw (to check the mapping from typed options). */
const seen: CommandRequest[] = [];
/** Makes the handler slow for one test. */
let slowMs = 0;

beforeAll(async () => {
  fake = await startFakeDiscord({ guilds: [{ id: GUILD, channels: [CH, CH2], roles: [MANAGER_ROLE] }] });
  t = tempStore();
  await seedStories(t.store);
  const handle = handlerFor(t.store);
  chat = discordChat(fake, t.store, { ackBudgetMs: 300 });
  await chat.commands.start(async (req): Promise<CommandReply> => {
    seen.push(req);
    if (slowMs > 0) await new Promise((r) => setTimeout(r, slowMs));
    return handle(req);
  });
});
afterAll(async () => {
  await chat?.commands.stop();
  await fake?.close();
  await t?.cleanup();
});

const text = (body: Record<string, unknown>): string => JSON.stringify(body);

describe('logging in', () => {
  it('discovers the gateway through DISCORD_API_URL/gateway/bot and identifies with the Guilds intent only', async () => {
    expect(fake.requests.some((r) => r.method === 'GET' && r.path === '/gateway/bot')).toBe(true);
    expect(fake.gateway.identifies).toHaveLength(1);
    expect(fake.gateway.identifies[0]).toMatchObject({ token: fake.token, intents: 1 });
    expect(await chat.readiness.ready()).toBe(true);
    expect(await discordChat(fake, t.store).readiness.ready()).toBe(false); // not connected: not ready
  });
});

describe('/trade lookups: ephemeral, within 3 s', () => {
  it('latest <topic> <n>', async () => {
    const a = await fake.interact({ sub: 'latest', options: { topic: 'fx', n: 2 }, channelId: CH }).answered();
    expect(a).toMatchObject({ kind: 'reply', ephemeral: true, deferred: false });
    expect(a.firstCallbackMs).toBeLessThan(3_000);
    expect(seen.at(-1)).toMatchObject({ platform: 'discord', workspace: GUILD, channel: CH, sub: 'latest', args: 'fx 2' });
    expect(text(a.body)).toContain('Yen slides past 158 per dollar');
    expect(text(a.body)).not.toContain('Durban');
    expect((a.body.allowed_mentions as { parse: unknown[] }).parse).toEqual([]);
  });

  it('search <query>', async () => {
    const a = await fake.interact({ sub: 'search', options: { query: 'auto tariffs' }, channelId: CH }).answered();
    expect(a.ephemeral).toBe(true);
    expect(text(a.body)).toContain('Japan and US agree to cut auto tariffs to 15%');
  });

  it('quotes <speaker> [topic]', async () => {
    const a = await fake.interact({ sub: 'quotes', options: { speaker: 'Akazawa', topic: 'tariffs' }, channelId: CH }).answered();
    expect(seen.at(-1)!.args).toBe('Akazawa tariffs');
    expect(text(a.body)).toContain('This protects jobs on both sides of the Pacific');
    expect(text(a.body)).toContain('Ryosei Akazawa');
  });

  it('topics, feeds, help', async () => {
    for (const sub of ['topics', 'feeds', 'help']) {
      const a = await fake.interact({ sub, channelId: CH }).answered();
      expect(a.ephemeral).toBe(true);
      expect(discordSpecialTokens(a.body)).toEqual([]);
    }
    const help = await fake.interact({ sub: 'help', channelId: CH }).answered();
    expect(text(help.body)).toContain('/trade quotes');
  });
});

describe('public: True on lookups', () => {
  it('posts the results for the whole channel; an unknown topic stays private', async () => {
    const a = await fake.interact({ sub: 'latest', options: { topic: 'fx', public: true }, channelId: CH }).answered();
    expect(a).toMatchObject({ kind: 'reply', ephemeral: false });
    expect(seen.at(-1)).toMatchObject({ sub: 'latest', args: 'fx', public: true });
    expect(text(a.body)).toContain('Yen slides past 158 per dollar');
    const q = await fake.interact({ sub: 'quotes', options: { speaker: 'Akazawa', public: true }, channelId: CH }).answered();
    expect(q.ephemeral).toBe(false);
    const miss = await fake.interact({ sub: 'latest', options: { topic: 'tarifs', public: true }, channelId: CH }).answered();
    expect(miss.ephemeral).toBe(true);
    expect(text(miss.body)).toContain('Did you mean');
    expect((await fake.interact({ sub: 'latest', options: { topic: 'fx', public: false }, channelId: CH }).answered()).ephemeral).toBe(true);
  });

  it('help speaks Discord: typed options, not Slack words', async () => {
    const a = await fake.interact({ sub: 'help', channelId: CH }).answered();
    const body = text(a.body);
    expect(body).toContain('/trade subscribe topic:');
    expect(body).toContain('public:True');
    expect(body).not.toContain('[instant|daily HH:MM [tz]]');
    expect(body).not.toContain('latest [topic] [n]');
  });
});

describe('/trade subscribe and unsubscribe', () => {
  it('refuses a member without Manage Channels or the role, clearly and privately', async () => {
    const a = await fake.interact({ sub: 'subscribe', options: { topic: 'g20' }, channelId: CH2, permissions: 0n }).answered();
    expect(a.ephemeral).toBe(true);
    expect(text(a.body)).toContain('Manage Channels');
    expect(text(a.body)).toContain('role-1'); // the configured role, by name
    expect(await t.store.listSubscriptions({ platform: 'discord', workspace: GUILD, channel: CH2 })).toEqual([]);
  });

  it('lets a member with Manage Channels subscribe (a public reply) and a daily digest with a zone', async () => {
    const a = await fake.interact({ sub: 'subscribe', options: { topic: 'g20' }, channelId: CH2, permissions: MANAGE_CHANNELS, userName: 'desk' }).answered();
    expect(a.ephemeral).toBe(false);
    expect(text(a.body)).toContain('subscribed this channel to');
    const b = await fake.interact({ sub: 'subscribe', options: { topic: 'fx', mode: 'daily', time: '08:00', timezone: 'Asia/Tokyo' }, channelId: CH2, permissions: MANAGE_CHANNELS }).answered();
    expect(seen.at(-1)!.args).toBe('fx daily 08:00 Asia/Tokyo');
    expect(text(b.body)).toContain('daily digest at 08:00 Asia/Tokyo');
    const subs = await t.store.listSubscriptions({ platform: 'discord', workspace: GUILD, channel: CH2 });
    expect(subs.map((s) => [s.topic, s.mode.kind]).sort()).toEqual([['fx', 'digest'], ['g20', 'instant']]);
  });

  it('lets the configured role subscribe without the permission; unsubscribe all', async () => {
    const a = await fake.interact({ sub: 'subscribe', options: { topic: 'tariffs' }, channelId: CH2, roles: [MANAGER_ROLE] }).answered();
    expect(a.ephemeral).toBe(false);
    const b = await fake.interact({ sub: 'unsubscribe', options: { topic: 'all' }, channelId: CH2, roles: [MANAGER_ROLE] }).answered();
    expect(text(b.body)).toContain('unsubscribed this channel from all 3 topics');
    expect(await t.store.listSubscriptions({ platform: 'discord', workspace: GUILD, channel: CH2 })).toEqual([]);
  });

  it('an unknown topic gets a private hint', async () => {
    const a = await fake.interact({ sub: 'subscribe', options: { topic: 'tarifs' }, channelId: CH2, permissions: MANAGE_CHANNELS }).answered();
    expect(a.ephemeral).toBe(true);
    expect(text(a.body)).toContain('Did you mean');
  });
});

describe('subscriptions.yaml and /trade subscribe in one channel', () => {
  const here = { platform: 'discord' as const, workspace: GUILD, channel: CH };
  const now = (): string => new Date().toISOString();

  it('are one destination: one delivery per story, whichever way the channel was subscribed', async () => {
    // The file entry names no guild; the interaction carries it.
    await seedSubscriptions(t.store, [{ platform: 'discord', channel: CH, topics: ['tariffs'], mode: 'instant', mention: null }], now());
    const a = await fake.interact({ sub: 'subscribe', options: { topic: 'tariffs' }, channelId: CH, permissions: MANAGE_CHANNELS }).answered();
    expect(a.ephemeral).toBe(false);
    expect(await t.store.listSubscriptions(here)).toHaveLength(1);
    const out = await t.store.ingest(article({ title: 'EU and US settle steel tariff quotas', topics: ['tariffs'], published: '2025-05-01T08:00:00.000Z' }), now());
    const deliveries = (await t.store.listDeliveries({ storyId: out.storyId! })).filter((d) => d.destination.channel === CH);
    expect(deliveries).toHaveLength(1);
  });

  it('unsubscribe leaves a file entry (it would come back at the next start) and says where it is set', async () => {
    const a = await fake.interact({ sub: 'unsubscribe', options: { topic: 'tariffs' }, channelId: CH, permissions: MANAGE_CHANNELS }).answered();
    expect(a.ephemeral).toBe(true);
    expect(text(a.body)).toContain('config/subscriptions.yaml');
    expect((await t.store.listSubscriptions(here)).map((s) => s.topic)).toEqual(['tariffs']);
  });

  it('subscribe resumes a paused file entry, and the next seeding leaves it running', async () => {
    await t.store.pauseDestination(here, 'missing_access: Missing Access', now());
    const topics = await fake.interact({ sub: 'topics', channelId: CH }).answered();
    expect(text(topics.body)).toContain('PAUSED');
    const a = await fake.interact({ sub: 'subscribe', options: { topic: 'tariffs' }, channelId: CH, permissions: MANAGE_CHANNELS }).answered();
    expect(text(a.body)).toContain('the paused subscription is resumed');
    await seedSubscriptions(t.store, [{ platform: 'discord', channel: CH, topics: ['tariffs'], mode: 'instant', mention: null }], now());
    expect((await t.store.listSubscriptions(here)).map((s) => [s.topic, s.pausedAt, s.createdBy])).toEqual([['tariffs', null, 'config']]);
  });
});

describe('/trade test', () => {
  it('posts an alert embed in the channel (public)', async () => {
    const a = await fake.interact({ sub: 'test', options: { topic: 'tariffs' }, channelId: CH }).answered();
    expect(a.ephemeral).toBe(false);
    const embeds = a.body.embeds as { title: string; footer: { text: string } }[];
    expect(embeds[0]!.title).toBe('Japan and US agree to cut auto tariffs to 15%');
    expect(embeds[0]!.footer.text).toContain('Tariffs');
  });
});

describe('autocomplete', () => {
  it('suggests topics, "all" for unsubscribe, speakers from the store and time zones', async () => {
    const topic = await fake.interact({ sub: 'latest', options: { topic: 'ta' }, focused: 'topic', channelId: CH }).answered();
    expect(topic.kind).toBe('autocomplete');
    expect((topic.body.choices as { value: string }[])[0]!.value).toBe('tariffs');
    const all = await fake.interact({ sub: 'unsubscribe', options: { topic: '' }, focused: 'topic', channelId: CH }).answered();
    expect((all.body.choices as { value: string }[]).map((c) => c.value)).toEqual(['all', 'us-japan', 'tariffs', 'g20', 'fx']);
    const speaker = await fake.interact({ sub: 'quotes', options: { speaker: 'aka' }, focused: 'speaker', channelId: CH }).answered();
    expect(speaker.body.choices).toEqual([{ name: 'Ryosei Akazawa', value: 'Ryosei Akazawa' }]);
    const zone = await fake.interact({ sub: 'subscribe', options: { topic: 'fx', timezone: 'tokyo' }, focused: 'timezone', channelId: CH }).answered();
    expect(zone.body.choices).toEqual([{ name: 'Asia/Tokyo', value: 'Asia/Tokyo' }]);
  });
});

describe('slow answers', () => {
  it('defers (ephemeral for a lookup) and edits the reply in', async () => {
    slowMs = 600;
    try {
      const a = await fake.interact({ sub: 'latest', options: { topic: 'fx' }, channelId: CH }).answered();
      expect(a).toMatchObject({ kind: 'edit', deferred: true, ephemeral: true });
      expect(a.firstCallbackMs).toBeLessThan(3_000);
      expect(text(a.body)).toContain('Yen slides');
    } finally {
      slowMs = 0;
    }
  });

  it('defers publicly for a lookup asked with public: True and edits the results in', async () => {
    slowMs = 600;
    try {
      const a = await fake.interact({ sub: 'search', options: { query: 'auto tariffs', public: true }, channelId: CH }).answered();
      expect(a).toMatchObject({ kind: 'edit', deferred: true, ephemeral: false });
      expect(text(a.body)).toContain('Japan and US agree to cut auto tariffs to 15%');
    } finally {
      slowMs = 0;
    }
  });

  it('a deferred public subscribe that is refused becomes a private follow-up', async () => {
    slowMs = 600;
    try {
      const i = fake.interact({ sub: 'subscribe', options: { topic: 'nope' }, channelId: CH, permissions: MANAGE_CHANNELS });
      const a = await i.answered();
      expect(a).toMatchObject({ kind: 'followup', deferred: true, ephemeral: true });
      expect(i.deleted).toBe(true);
    } finally {
      slowMs = 0;
    }
  });
});

describe('gateway resume', () => {
  it('while the gateway is unreachable Discord is not ready; once back, the session resumes', async () => {
    fake.gateway.hold(true);
    fake.gateway.drop(4000);
    const t0 = Date.now();
    while ((await chat.readiness.ready()) && Date.now() - t0 < 5_000) await new Promise((r) => setTimeout(r, 20));
    expect(await chat.readiness.ready()).toBe(false);
    fake.gateway.hold(false);
    await fake.waitFor(() => fake.gateway.ready() > 0, 15_000);
    for (let i = 0; i < 100 && !(await chat.readiness.ready()); i += 1) await new Promise((r) => setTimeout(r, 50));
    expect(await chat.readiness.ready()).toBe(true);
    expect(fake.gateway.identifies).toHaveLength(1); // resumed, not re-identified
  });

  it('after the gateway drops the session, the client resumes, gets what it missed, and keeps answering', async () => {
    fake.gateway.drop(4000);
    // sent while the client is away: replayed on RESUME, still answered within Discord's 3 s
    const missed = fake.interact({ sub: 'help', channelId: CH });
    expect((await missed.answered()).kind).toBe('reply');
    await fake.waitFor(() => fake.gateway.resumes.length > 0 && fake.gateway.ready() > 0, 10_000);
    expect(fake.gateway.identifies).toHaveLength(1); // resumed, not re-identified
    for (let i = 0; i < 50 && !(await chat.readiness.ready()); i += 1) await new Promise((r) => setTimeout(r, 50));
    expect(await chat.readiness.ready()).toBe(true);
    const a = await fake.interact({ sub: 'help', channelId: CH }).answered();
    expect(a.kind).toBe('reply');
  });
});
