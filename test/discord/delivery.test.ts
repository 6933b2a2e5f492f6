/**
 * The outbox worker on the real SQLite store, sending through the real Discord sink to the fake
 * Discord: 429 storms (per channel, per route, global) and responses lost after Discord created the
 * message lose nothing, post nothing twice (the nonce), and keep each channel's order; a channel
 * that lost the bot's access is paused, not retried forever.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDiscordSink, createSinkRest } from '../../src/adapters/chat/discord/index.js';
import { article } from '../../src/adapters/store/contract/fixtures.contract.js';
import type { Destination } from '../../src/core/types.js';
import { createDeliveryWorker, drainOutbox, type DeliverDeps } from '../../src/flows/deliver.js';
import type { Store } from '../../src/ports.js';
import { startFakeDiscord, type FakeDiscord } from '../harness/fake-discord.js';
import { GUILD, log, tempStore, type TempStore } from './helpers.js';

const CHANNELS = ['300000000000000011', '300000000000000012', '300000000000000013'];
const STORIES = 12;
let fake: FakeDiscord;
let t: TempStore;

beforeAll(async () => {
  fake = await startFakeDiscord({ guilds: [{ id: GUILD, channels: CHANNELS }], perChannel: { limit: 3, windowMs: 600 } });
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.reset();
  t = tempStore();
});
afterEach(() => t.cleanup());

const dest = (channel: string): Destination => ({ platform: 'discord', workspace: GUILD, channel });
const expected = Array.from({ length: STORIES }, (_, i) => `S${String(i).padStart(2, '0')}`);

async function seed(store: Store): Promise<void> {
  for (const c of CHANNELS) await store.subscribe({ destination: dest(c), topic: 'fx', mode: { kind: 'instant' } }, new Date().toISOString());
  for (const title of expected) await store.ingest(article({ title, topics: ['fx'] }), new Date().toISOString());
}

function deps(store: Store, minIntervalMs = 0): DeliverDeps {
  return {
    store,
    sinks: { discord: createDiscordSink({ rest: createSinkRest(fake.token, { apiUrl: fake.apiUrl, timeoutMs: 3_000 }), minIntervalMs }) },
    clock: { now: () => new Date() },
    random: () => 0.5,
    log,
    topicName: (id) => id,
    owner: 'discord-test',
    settings: { concurrency: 8, maxAttempts: 8, maxBackoffMs: 200, baseBackoffMs: 20, pauseAfterFailures: 2, leaseTtlMs: 60_000, intervalMs: 50 },
  };
}

/** Titles posted to a channel, in arrival order. */
const titles = (channel: string): string[] => fake.messagesIn(channel).map((m) => (m.body.embeds as { title: string }[])[0]!.title);

describe('Discord delivery through the outbox', () => {
  it('a 429 storm (per channel, per route, global) loses nothing, doubles nothing, keeps order', async () => {
    await seed(t.store);
    fake.rateLimit({ route: /^POST \/channels\/\d+\/messages$/, retryAfter: 0.2, times: 4 });
    fake.rateLimit({ route: /^POST \/channels\/\d+\/messages$/, retryAfter: 0.3, global: true });
    const worker = createDeliveryWorker(deps(t.store));
    await worker.start();
    await fake.waitFor(() => CHANNELS.every((c) => fake.messagesIn(c).length >= STORIES), 30_000);
    await worker.stop();
    for (const c of CHANNELS) expect(titles(c)).toEqual(expected);
    expect(fake.rateLimited.filter((r) => r.global)).not.toHaveLength(0);
    expect(fake.rateLimited.length).toBeGreaterThan(CHANNELS.length); // the per-channel limit bit too
    expect(worker.tally()).toMatchObject({ sent: STORIES * CHANNELS.length, failed: 0 });
    expect(worker.tally().retried).toBeGreaterThan(0);
    expect(await t.store.outboxDepth()).toBe(0);
  });

  it('responses lost after Discord created the message: the resend carries the same nonce, one message each', async () => {
    await seed(t.store);
    fake.fail({ route: /^POST \/channels\/\d+\/messages$/, status: 502, afterStore: true, times: 6 });
    const report = await drainOutbox(deps(t.store), { maxWaitMs: 5_000 });
    expect(report).toMatchObject({ sent: STORIES * CHANNELS.length, failed: 0, pending: 0 });
    for (const c of CHANNELS) expect(titles(c)).toEqual(expected);
    expect(fake.nonceHits).toBe(6);
  });

  it('a digest whose response was lost is resent as the same message; an item that joined its slot meanwhile gets its own', async () => {
    const channel = CHANNELS[0]!;
    await t.store.subscribe({ destination: dest(channel), topic: 'fx', mode: { kind: 'digest', time: '08:00', timezone: 'UTC' } }, new Date().toISOString());
    for (const title of ['D1', 'D2']) await t.store.ingest(article({ title, topics: ['fx'] }), new Date().toISOString());
    // The slot is at most a day ahead: run the worker a day and a bit later.
    const later = { now: () => new Date(Date.now() + 25 * 3_600_000) };
    fake.fail({ route: /^POST \/channels\/\d+\/messages$/, status: 502, afterStore: true, times: 1 });
    expect(await drainOutbox({ ...deps(t.store), clock: later }, { maxWaitMs: 0 })).toMatchObject({ sent: 0, retried: 1, pending: 2 });
    expect(fake.messagesIn(channel)).toHaveLength(1); // Discord posted it; tradewire never heard back
    await t.store.ingest(article({ title: 'D3', topics: ['fx'] }), new Date().toISOString()); // joins the same slot
    const report = await drainOutbox({ ...deps(t.store), clock: { now: () => new Date(Date.now() + 26 * 3_600_000) } }, { maxWaitMs: 0 });
    expect(report).toMatchObject({ sent: 2, pending: 0 });
    const bodies = fake.messagesIn(channel).map((m) => JSON.stringify(m.body));
    expect(bodies).toHaveLength(2);
    for (const title of ['D1', 'D2', 'D3']) expect(bodies.filter((b) => b.includes(title)), title).toHaveLength(1);
    expect(fake.nonceHits).toBe(1);
  });

  it('a channel the bot lost access to fails permanently and is paused; the others carry on', async () => {
    await seed(t.store);
    fake.breakChannel(CHANNELS[0]!, 'missing-access');
    const report = await drainOutbox(deps(t.store), { maxWaitMs: 5_000 });
    expect(titles(CHANNELS[1]!)).toEqual(expected);
    expect(fake.messagesIn(CHANNELS[0]!)).toHaveLength(0);
    expect(report.failed).toBeGreaterThanOrEqual(2);
    const subs = await t.store.listSubscriptions(dest(CHANNELS[0]!));
    expect(subs[0]!.pausedReason).toMatch(/missing_access/);
  });
});
