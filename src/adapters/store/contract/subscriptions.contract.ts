/**
 * @module adapters/store/contract/subscriptions — subscribe/unsubscribe/list/pause.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { at, dest, MIN, rejectsWithCode, T0, useStores, type MakeStore } from './fixtures.contract.js';

export function subscriptionContract(makeStore: MakeStore): void {
  describe('subscriptions', () => {
    const s = useStores(makeStore, { beforeEach, afterEach });

    it('creates, then upserts on (destination, topic) changing mode and un-pausing', async () => {
      const created = await s.store.subscribe({ destination: dest('C1'), topic: 'fx', mode: { kind: 'instant' }, mention: 'S1', createdBy: 'U1' }, T0);
      expect(created).toMatchObject({ destination: dest('C1'), topic: 'fx', mode: { kind: 'instant' }, mention: 'S1', pausedAt: null, createdBy: 'U1', createdAt: T0 });
      await s.store.pauseDestination(dest('C1'), 'channel_not_found', at(MIN));
      expect((await s.store.listSubscriptions(dest('C1')))[0]).toMatchObject({ pausedAt: at(MIN), pausedReason: 'channel_not_found' });
      const updated = await s.store.subscribe({ destination: dest('C1'), topic: 'fx', mode: { kind: 'digest', time: '08:00', timezone: 'Asia/Tokyo' }, createdBy: 'U2' }, at(2 * MIN));
      expect(updated).toMatchObject({ id: created.id, mode: { kind: 'digest', time: '08:00', timezone: 'Asia/Tokyo' }, pausedAt: null, pausedReason: null, createdBy: 'U1' });
      expect(updated.mention).toBe('S1'); // not given: kept
      expect((await s.store.subscribe({ destination: dest('C1'), topic: 'fx', mode: { kind: 'instant' }, mention: null }, at(3 * MIN))).mention).toBeNull();
      expect(await s.store.listSubscriptions()).toHaveLength(1);
    });

    it('keeps destinations apart by platform; Slack and Discord channels by channel id alone', async () => {
      await s.store.subscribe({ destination: dest('C1', 'slack', 'T1'), topic: 'fx', mode: { kind: 'instant' } }, T0);
      await s.store.subscribe({ destination: dest('C1', 'slack', 'T2'), topic: 'fx', mode: { kind: 'digest', time: '08:00', timezone: 'UTC' } }, T0);
      await s.store.subscribe({ destination: dest('C1', 'discord', 'G1'), topic: 'fx', mode: { kind: 'instant' } }, T0);
      await s.store.subscribe({ destination: dest('C1', 'discord', ''), topic: 'g20', mode: { kind: 'instant' } }, T0);
      await s.store.subscribe({ destination: dest('C1', 'console', 'a'), topic: 'fx', mode: { kind: 'instant' } }, T0);
      await s.store.subscribe({ destination: dest('C1', 'console', 'b'), topic: 'fx', mode: { kind: 'instant' } }, T0);
      const all = await s.store.listSubscriptions();
      expect(all.map((x) => [x.destination, x.topic, x.mode.kind])).toEqual([
        [dest('C1', 'console', 'a'), 'fx', 'instant'],
        [dest('C1', 'console', 'b'), 'fx', 'instant'],
        [dest('C1', 'discord', ''), 'fx', 'instant'],
        [dest('C1', 'discord', ''), 'g20', 'instant'],
        [dest('C1', 'slack', ''), 'fx', 'digest'],
      ]);
      expect((await s.store.listSubscriptions(dest('C1', 'discord', 'G9'))).map((x) => x.topic)).toEqual(['fx', 'g20']);
      expect(await s.store.pauseDestination(dest('C1', 'discord', 'G1'), 'gone', T0)).toBe(2);
      expect(await s.store.unsubscribe(dest('C1', 'slack', 'T3'), null)).toBe(1);
    });

    it('removes one topic or all of a destination, returning how many', async () => {
      for (const t of ['fx', 'g20', 'tariffs']) await s.store.subscribe({ destination: dest('C1'), topic: t, mode: { kind: 'instant' } }, T0);
      await s.store.subscribe({ destination: dest('C2'), topic: 'fx', mode: { kind: 'instant' } }, T0);
      expect(await s.store.unsubscribe(dest('C1'), 'g20')).toBe(1);
      expect(await s.store.unsubscribe(dest('C1'), 'g20')).toBe(0);
      expect((await s.store.listSubscriptions(dest('C1'))).map((x) => x.topic)).toEqual(['fx', 'tariffs']);
      expect(await s.store.unsubscribe(dest('C1'), null)).toBe(2);
      expect((await s.store.listSubscriptions()).map((x) => x.destination.channel)).toEqual(['C2']);
    });

    it('pauses every subscription of a destination once', async () => {
      for (const t of ['fx', 'g20']) await s.store.subscribe({ destination: dest('C1'), topic: t, mode: { kind: 'instant' } }, T0);
      expect(await s.store.pauseDestination(dest('C1'), 'gone', T0)).toBe(2);
      expect(await s.store.pauseDestination(dest('C1'), 'gone', T0)).toBe(0);
      expect(await s.store.pauseDestination(dest('C9'), 'gone', T0)).toBe(0);
    });

    it('refuses a digest mode with a bad time or zone', async () => {
      await rejectsWithCode(s.store.subscribe({ destination: dest('C1'), topic: 'fx', mode: { kind: 'digest', time: '8am', timezone: 'UTC' } }, T0), 'store_bad_input');
      await rejectsWithCode(s.store.subscribe({ destination: dest('C1'), topic: 'fx', mode: { kind: 'digest', time: '08:00', timezone: 'Mars/Base' } }, T0), 'store_bad_input');
      expect(await s.store.listSubscriptions()).toEqual([]);
    });
  });
}
