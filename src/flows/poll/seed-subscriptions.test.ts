import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSqliteStore } from '../../adapters/store/sqlite/index.js';
import type { SubscriptionEntry as SubscriptionConfig } from '../../core/types.js';
import type { Store } from '../../ports.js';
import { seedSubscriptions } from './seed-subscriptions.js';

const T0 = '2025-06-02T09:00:00.000Z';
const entry = (o: Partial<SubscriptionConfig> & { channel: string; topics: string[] }): SubscriptionConfig => ({ platform: 'slack', mode: 'instant', mention: null, ...o });
// Slack destinations are keyed by channel: the file's `workspace: T1` is not part of the identity.
const C1 = { platform: 'slack' as const, workspace: '', channel: 'C1' };

let store: Store;
beforeEach(() => {
  store = createSqliteStore({ path: ':memory:' });
});
afterEach(async () => {
  await store.close();
});

describe('seedSubscriptions', () => {
  it('adds one subscription per topic, with mode and mention, marked as from config', async () => {
    const r = await seedSubscriptions(store, [entry({ channel: 'C1', workspace: 'T1', topics: ['fx', 'g20'], mode: 'daily 08:00 Asia/Tokyo', mention: 'S1' })], T0);
    expect(r).toEqual({ added: 2, updated: 0, removed: 0, unknownTopics: [] });
    expect(await store.listSubscriptions()).toMatchObject([
      { destination: C1, topic: 'fx', mode: { kind: 'digest', time: '08:00', timezone: 'Asia/Tokyo' }, mention: 'S1', createdBy: 'config' },
      { destination: C1, topic: 'g20', createdBy: 'config' },
    ]);
  });

  it('leaves unchanged entries alone, so a paused destination stays paused', async () => {
    const file = [entry({ channel: 'C1', workspace: 'T1', topics: ['fx'] })];
    await seedSubscriptions(store, file, T0);
    await store.pauseDestination(C1, 'channel_not_found', T0);
    expect(await seedSubscriptions(store, file, T0)).toMatchObject({ added: 0, updated: 0, removed: 0 });
    expect((await store.listSubscriptions())[0]!.pausedAt).toBe(T0);
  });

  it('follows the file: changed entries updated, removed ones removed, chat-made ones kept', async () => {
    await seedSubscriptions(store, [entry({ channel: 'C1', workspace: 'T1', topics: ['fx', 'tariffs'] })], T0);
    await store.subscribe({ destination: C1, topic: 'g20', mode: { kind: 'instant' }, createdBy: 'U123' }, T0);
    const r = await seedSubscriptions(store, [entry({ channel: 'C1', workspace: 'T1', topics: ['fx'], mode: 'daily 07:30' })], T0);
    expect(r).toMatchObject({ added: 0, updated: 1, removed: 1 });
    const subs = await store.listSubscriptions();
    expect(subs.map((s) => [s.topic, s.mode.kind, s.createdBy])).toEqual([
      ['fx', 'digest', 'config'],
      ['g20', 'instant', 'U123'],
    ]);
  });

  it('keys Discord entries by channel, with or without guild, and reports topics no rule defines', async () => {
    const r = await seedSubscriptions(store, [entry({ platform: 'discord', channel: '99', guild: 'G7', topics: ['fx', 'nope'] })], T0, { topicIds: ['fx'] });
    expect(r.unknownTopics).toEqual(['nope']);
    expect((await store.listSubscriptions())[0]!.destination).toEqual({ platform: 'discord', workspace: '', channel: '99' });
    // The guild dropped from the file (or added): the same channel, nothing re-seeded.
    expect(await seedSubscriptions(store, [entry({ platform: 'discord', channel: '99', topics: ['fx', 'nope'] })], T0)).toMatchObject({ added: 0, updated: 0, removed: 0 });
  });

  it('is the same subscription /trade subscribe makes in that channel (with the guild id)', async () => {
    await seedSubscriptions(store, [entry({ platform: 'discord', channel: '99', topics: ['fx'] })], T0);
    await store.subscribe({ destination: { platform: 'discord', workspace: 'G7', channel: '99' }, topic: 'fx', mode: { kind: 'instant' }, createdBy: 'U1' }, T0);
    await store.subscribe({ destination: { platform: 'slack', workspace: 'T9', channel: 'C1' }, topic: 'fx', mode: { kind: 'instant' }, createdBy: 'U1' }, T0);
    await seedSubscriptions(store, [entry({ platform: 'discord', channel: '99', topics: ['fx'] }), entry({ channel: 'C1', workspace: 'T1', topics: ['fx'] })], T0);
    expect((await store.listSubscriptions()).map((s) => [s.destination, s.topic])).toEqual([
      [{ platform: 'discord', workspace: '', channel: '99' }, 'fx'],
      [C1, 'fx'],
    ]);
  });

  it('un-pauses an entry whose file entry changed', async () => {
    await seedSubscriptions(store, [entry({ channel: 'C1', topics: ['fx'] })], T0);
    await store.pauseDestination(C1, 'channel_not_found', T0);
    expect(await seedSubscriptions(store, [entry({ channel: 'C1', topics: ['fx'], mention: 'S2' })], T0)).toMatchObject({ updated: 1 });
    expect((await store.listSubscriptions())[0]).toMatchObject({ pausedAt: null, mention: 'S2' });
  });

  it('refuses a mode it cannot read', async () => {
    await expect(seedSubscriptions(store, [entry({ channel: 'C1', topics: ['fx'], mode: 'daily 08:00 Mars/Base' })], T0)).rejects.toMatchObject({ code: 'schedule_bad_timezone' });
  });
});
