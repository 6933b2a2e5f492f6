/**
 * A digest whose first send's answer was lost is retried with exactly the items of that first
 * attempt (same nonce), even when more items for its slot arrived meanwhile: those go out in the
 * next digest. Real SQLite store, real Discord sink against the fake Discord (which dedupes nonces
 * like Discord: a resend answers with the message already posted).
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDiscordSink, createSinkRest } from '../../src/adapters/chat/discord/index.js';
import { article } from '../../src/adapters/store/contract/fixtures.contract.js';
import type { Destination } from '../../src/core/types.js';
import { drainOutbox, type DeliverDeps } from '../../src/flows/deliver.js';
import { startFakeDiscord, type FakeDiscord } from '../harness/fake-discord.js';
import { FAST, log, tempStore, testClock, type TempStore } from './helpers.js';

const GUILD = '200000000000000001';
const CH = '300000000000000021';
const dest: Destination = { platform: 'discord', workspace: GUILD, channel: CH };
let fake: FakeDiscord;
let t: TempStore;

beforeAll(async () => {
  fake = await startFakeDiscord({ guilds: [{ id: GUILD, channels: [CH] }] });
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.reset();
  t = tempStore();
});
afterEach(() => t.cleanup());

describe('digest retried after more items joined its slot', () => {
  it('every item appears in exactly one posted digest, and its row names that message', async () => {
    const clock = testClock();
    // Stored two days ago: their 08:00 UTC slot has passed, so they are due now.
    const before = new Date(Date.now() - 2 * 86_400_000).toISOString();
    await t.store.subscribe({ destination: dest, topic: 'fx', mode: { kind: 'digest', time: '08:00', timezone: 'UTC' } }, before);
    for (const title of ['Early one', 'Early two', 'Early three']) await t.store.ingest(article({ title, topics: ['fx'] }), before);
    const deps: DeliverDeps = {
      store: t.store,
      sinks: { discord: createDiscordSink({ rest: createSinkRest(fake.token, { apiUrl: fake.apiUrl, timeoutMs: 3_000 }), minIntervalMs: 0 }) },
      clock,
      random: () => 0.5,
      log,
      topicName: (id) => id,
      owner: 'digest-retry',
      settings: { ...FAST, baseBackoffMs: 60_000, maxBackoffMs: 3_600_000 },
    };

    // Discord posts the digest, but the answer is lost: the worker must retry.
    fake.fail({ route: /^POST \/channels\/\d+\/messages$/, status: 502, afterStore: true, times: 1 });
    const first = await drainOutbox(deps, { maxWaitMs: 0 });
    expect(first).toMatchObject({ sent: 0, retried: 1, pending: 3 });
    expect(fake.messagesIn(CH)).toHaveLength(1);

    // A late item for the same slot arrives before the retry.
    await t.store.ingest(article({ title: 'Late four', topics: ['fx'] }), before);
    clock.advance(2 * 3_600_000);
    const second = await drainOutbox(deps, { maxWaitMs: 0 });
    expect(second).toMatchObject({ sent: 2, failed: 0, pending: 0 });

    const posted = fake.messagesIn(CH);
    expect(posted).toHaveLength(2);
    const bodies = posted.map((m) => JSON.stringify(m.body));
    for (const title of ['Early one', 'Early two', 'Early three', 'Late four']) {
      expect(bodies.filter((b) => b.includes(title)), title).toHaveLength(1);
    }
    expect(bodies[0]).not.toContain('Late four');
    expect(fake.nonceHits).toBe(1);
    // Each row records the message it actually appeared in.
    const rows = await t.store.listDeliveries({ status: 'sent' });
    expect(rows).toHaveLength(4);
    for (const r of rows) {
      const story = await t.store.getStory(r.storyId!);
      const shown = posted.find((m) => m.id === r.messageId);
      expect(shown && JSON.stringify(shown.body), story!.title).toContain(story!.title);
    }
  });
});
