/**
 * @module adapters/store/contract/outbox — claiming in per-destination order, leases, outcomes.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../../ports.js';
import { article, at, dest, HOUR, MIN, SEC, T0, useStores, type MakeStore } from './fixtures.contract.js';

export function outboxContract(makeStore: MakeStore): void {
  describe('outbox', () => {
    const s = useStores(makeStore, { beforeEach, afterEach });
    const claim = (now: string, owner = 'w1', limit = 50, leaseMs = MIN, store: Store = s.store) => store.claimDeliveries({ now, owner, limit, leaseMs });
    /** One alert per story for each subscribed channel; returns the story ids in order. */
    async function alerts(channels: string[], n: number): Promise<string[]> {
      for (const c of channels) await s.store.subscribe({ destination: dest(c), topic: 'fx', mode: { kind: 'instant' } }, T0);
      const ids: string[] = [];
      for (let i = 0; i < n; i++) ids.push((await s.store.ingest(article({ topics: ['fx'] }), at(i * SEC))).storyId!);
      return ids;
    }

    it('writes a notice at most once per dedupe key and destination', async () => {
      expect(await s.store.enqueueNotice(dest('OPS'), 'Feed reuters failing', 'feed-down:reuters:1', T0)).toBe(true);
      expect(await s.store.enqueueNotice(dest('OPS'), 'Feed reuters failing again', 'feed-down:reuters:1', at(MIN))).toBe(false);
      expect(await s.store.enqueueNotice(dest('OPS2'), 'Feed reuters failing', 'feed-down:reuters:1', T0)).toBe(true);
      const [batch] = await claim(T0);
      expect(batch).toMatchObject({ kind: 'notice', destination: dest('OPS') });
      expect(batch!.deliveries[0]).toMatchObject({ kind: 'notice', payload: { text: 'Feed reuters failing' }, storyId: null, status: 'sending' });
      expect(await s.store.outboxDepth()).toBe(2);
    });

    it('sends a destination’s queue strictly in order, one in flight at a time', async () => {
      const stories = await alerts(['C1'], 3);
      const first = await claim(at(10 * SEC));
      expect(first.map((b) => b.deliveries.map((d) => d.storyId))).toEqual([[stories[0]]]);
      expect(await claim(at(11 * SEC), 'w2')).toEqual([]); // in flight: nothing else for C1
      await s.store.markSent([first[0]!.deliveries[0]!.id], 'm1', at(12 * SEC));
      expect((await claim(at(13 * SEC), 'w2')).map((b) => b.deliveries[0]!.storyId)).toEqual([stories[1]]);
    });

    it('holds everything behind a waiting head while other destinations proceed', async () => {
      const stories = await alerts(['C1', 'C2'], 2);
      const batches = await claim(at(10 * SEC));
      expect(batches.map((b) => b.destination.channel).sort()).toEqual(['C1', 'C2']);
      const c1 = batches.find((b) => b.destination.channel === 'C1')!.deliveries[0]!;
      const c2 = batches.find((b) => b.destination.channel === 'C2')!.deliveries[0]!;
      await s.store.markRetry([c1.id], at(HOUR), { code: 'rate_limited', message: '429 retry after 3600' }, at(11 * SEC));
      await s.store.markSent([c2.id], 'm2', at(11 * SEC));
      const next = await claim(at(20 * SEC));
      expect(next.map((b) => [b.destination.channel, b.deliveries[0]!.storyId])).toEqual([['C2', stories[1]]]);
      await s.store.markSent([next[0]!.deliveries[0]!.id], 'm3', at(21 * SEC));
      const retried = (await s.store.listDeliveries({ status: 'pending' })).find((d) => d.id === c1.id)!;
      expect(retried).toMatchObject({ attempts: 1, nextAttemptAt: at(HOUR), lastError: { code: 'rate_limited', message: '429 retry after 3600' } });
      expect((await claim(at(HOUR))).map((b) => b.deliveries[0]!.id)).toEqual([c1.id]);
    });

    it('makes rows of an expired lease claimable again, and releases an owner’s claims on shutdown', async () => {
      await alerts(['C1', 'C2'], 1);
      expect(await claim(T0, 'w1', 50, 30 * SEC)).toHaveLength(2);
      expect(await claim(at(29 * SEC), 'w2')).toEqual([]);
      const again = await claim(at(30 * SEC), 'w2', 50, 30 * SEC);
      expect(again).toHaveLength(2);
      await s.store.releaseClaims('w2', at(31 * SEC));
      const other = await s.another();
      expect(await claim(at(31 * SEC), 'w3', 50, MIN, other)).toHaveLength(2);
    });

    it('claims at most `limit` batches', async () => {
      await alerts(['C1', 'C2', 'C3'], 1);
      expect(await claim(T0, 'w1', 2)).toHaveLength(2);
      expect(await claim(T0, 'w2', 2)).toHaveLength(1);
    });

    it('counts consecutive permanent failures per destination; a success resets them; a failed row no longer blocks', async () => {
      const stories = await alerts(['C1'], 4);
      const fail = async (t: number) => {
        const [b] = await claim(at(t));
        return s.store.markFailed([b!.deliveries[0]!.id], { code: 'channel_not_found', message: 'channel_not_found' }, at(t));
      };
      expect(await fail(10 * SEC)).toBe(1);
      expect(await fail(11 * SEC)).toBe(2);
      const [b] = await claim(at(12 * SEC));
      expect(b!.deliveries[0]!.storyId).toBe(stories[2]);
      await s.store.markSent([b!.deliveries[0]!.id], 'ok', at(12 * SEC));
      expect(await fail(13 * SEC)).toBe(1);
      const failed = await s.store.listDeliveries({ status: 'failed' });
      expect(failed).toHaveLength(3);
      expect(failed[0]).toMatchObject({ attempts: 1, lastError: { code: 'channel_not_found' } });
      expect(await s.store.outboxDepth()).toBe(0);
    });

    it('records the platform message id and resolves the thread of a follow-up', async () => {
      const [storyId] = await alerts(['C1'], 1);
      const [b] = await claim(T0);
      await s.store.markSent([b!.deliveries[0]!.id], '1717.0001', at(SEC));
      expect((await s.store.listDeliveries({ storyId }))[0]).toMatchObject({ status: 'sent', messageId: '1717.0001', attempts: 1 });
      // a follow-up written while the alert was in flight learns its thread when claimed
      await s.store.ingest(article({ topics: ['fx'] }), at(2 * SEC));
      const [b2] = await claim(at(3 * SEC));
      await s.store.ingest(article({ feedId: 'kyodo', duplicateOf: b2!.deliveries[0]!.storyId, topics: ['fx'] }), at(4 * SEC));
      const [followup] = (await s.store.listDeliveries({ storyId: b2!.deliveries[0]!.storyId! })).filter((d) => d.kind === 'followup');
      expect(followup!.threadOf).toBeNull();
      await s.store.markSent([b2!.deliveries[0]!.id], '1717.0002', at(5 * SEC));
      const [b3] = await claim(at(6 * SEC));
      expect(b3).toMatchObject({ kind: 'followup' });
      expect(b3!.deliveries[0]).toMatchObject({ id: followup!.id, threadOf: '1717.0002' });
    });

    it('claims due digest items of one destination and schedule together, only once due', async () => {
      await s.store.subscribe({ destination: dest('D1'), topic: 'fx', mode: { kind: 'digest', time: '08:00', timezone: 'UTC' } }, T0);
      await s.store.subscribe({ destination: dest('C1'), topic: 'fx', mode: { kind: 'instant' } }, T0);
      for (let i = 0; i < 3; i++) await s.store.ingest(article({ topics: ['fx'] }), at(i * MIN));
      const slot = '2025-06-03T08:00:00.000Z';
      const early = await claim(at(HOUR));
      expect(early.map((b) => b.kind)).toEqual(['alert']);
      const due = await claim(slot, 'w2');
      const digest = due.find((b) => b.kind === 'digest')!;
      expect(digest.destination).toEqual(dest('D1'));
      expect(digest.deliveries).toHaveLength(3);
      expect(digest.deliveries.every((d) => d.payload?.digestKey === '08:00 UTC' && d.nextAttemptAt === slot)).toBe(true);
      await s.store.markSent(digest.deliveries.map((d) => d.id), 'digest-msg', at(SEC, slot));
      expect((await s.store.listDeliveries({ status: 'sent' })).filter((d) => d.kind === 'digest').map((d) => d.messageId)).toEqual(['digest-msg', 'digest-msg', 'digest-msg']);
    });

    it('retries a digest message with exactly the rows of its first attempt; items that joined later form the next one', async () => {
      await s.store.subscribe({ destination: dest('D1'), topic: 'fx', mode: { kind: 'digest', time: '08:00', timezone: 'UTC' } }, T0);
      for (let i = 0; i < 2; i++) await s.store.ingest(article({ topics: ['fx'] }), at(i * MIN));
      const slot = '2025-06-03T08:00:00.000Z';
      const [first] = await claim(slot);
      const firstIds = first!.deliveries.map((d) => d.id);
      expect(firstIds).toHaveLength(2);
      // The answer was lost (the platform may have posted it): retried later, while a third item
      // for the same slot was stored.
      await s.store.markRetry(firstIds, at(10 * SEC, slot), { code: 'http_502', message: 'bad gateway' }, at(SEC, slot));
      await s.store.ingest(article({ topics: ['fx'] }), at(2 * HOUR));
      const [retry] = await claim(at(10 * SEC, slot), 'w2');
      expect(retry!.deliveries.map((d) => d.id)).toEqual(firstIds);
      await s.store.markSent(firstIds, 'digest-1', at(11 * SEC, slot));
      const [next] = await claim(at(12 * SEC, slot), 'w2');
      expect(next!.kind).toBe('digest');
      expect(next!.deliveries).toHaveLength(1);
      expect(firstIds).not.toContain(next!.deliveries[0]!.id);
      // Released claims (a shutdown) keep a frozen message whole too.
      await s.store.releaseClaims('w2', at(13 * SEC, slot));
      const [again] = await claim(at(14 * SEC, slot), 'w3');
      expect(again!.deliveries.map((d) => d.id)).toEqual(next!.deliveries.map((d) => d.id));
    });

    it('makes deliveries put off with a code due now, for the given platforms only, leaving claims alone', async () => {
      await s.store.subscribe({ destination: dest('D1', 'discord'), topic: 'fx', mode: { kind: 'instant' } }, T0);
      await alerts(['C1', 'C2'], 1);
      const batches = await claim(T0, 'w1', 50, HOUR);
      const byChannel = new Map(batches.map((b) => [b.destination.channel, b.deliveries.map((d) => d.id)]));
      const later = at(HOUR);
      await s.store.markRetry(byChannel.get('C1')!, later, { code: 'no_adapter', message: 'no slack adapter' }, T0);
      await s.store.markRetry(byChannel.get('D1')!, later, { code: 'no_adapter', message: 'no discord adapter' }, T0);
      // C2 stays claimed ('sending')
      expect(await s.store.retryParked({ platforms: ['slack'], code: 'no_adapter', now: at(MIN) })).toBe(1);
      expect(await s.store.retryParked({ platforms: ['slack'], code: 'no_adapter', now: at(MIN) })).toBe(0); // already due
      expect(await s.store.retryParked({ platforms: [], code: 'no_adapter', now: at(MIN) })).toBe(0);
      const pending = await s.store.listDeliveries({ status: 'pending' });
      expect(pending.map((d) => [d.destination.channel, d.nextAttemptAt, d.attempts]).sort()).toEqual([
        ['C1', at(MIN), 1],
        ['D1', later, 1],
      ]);
      expect((await claim(at(MIN), 'w2')).map((b) => b.destination.channel)).toEqual(['C1']);
    });

    it('counts a retry as an attempt unless told it was only a wait (429, no adapter)', async () => {
      await alerts(['C1'], 1);
      const [b] = await claim(T0);
      const ids = b!.deliveries.map((d) => d.id);
      await s.store.markRetry(ids, at(SEC), { code: 'rate_limited', message: '429' }, T0, { countAttempt: false });
      await claim(at(SEC));
      await s.store.markRetry(ids, at(2 * SEC), { code: 'http_503', message: '503' }, at(SEC));
      expect((await s.store.listDeliveries())[0]).toMatchObject({ attempts: 1, status: 'pending', lastError: { code: 'http_503' } });
    });

    it('starts a destination’s permanent failures in a row again from 0 when it is subscribed again (resumed)', async () => {
      await alerts(['C1'], 4);
      const failNext = async (i: number): Promise<number> => {
        const [b] = await claim(at(i * MIN));
        return s.store.markFailed(b!.deliveries.map((d) => d.id), { code: 'channel_not_found', message: 'gone' }, at(i * MIN));
      };
      expect(await failNext(1)).toBe(1);
      expect(await failNext(2)).toBe(2);
      expect(await s.store.pauseDestination(dest('C1'), 'channel_not_found', at(2 * MIN))).toBe(1);
      await s.store.subscribe({ destination: dest('C1'), topic: 'fx', mode: { kind: 'instant' } }, at(3 * MIN));
      expect(await failNext(4)).toBe(1);
    });

    it('filters the delivery list by story and status', async () => {
      const [a, b] = await alerts(['C1', 'C2'], 2);
      expect(await s.store.listDeliveries({ storyId: a })).toHaveLength(2);
      expect(await s.store.listDeliveries({ storyId: b, status: 'sent' })).toEqual([]);
      expect(await s.store.listDeliveries({ storyId: 'nope' })).toEqual([]);
      expect(await s.store.listDeliveries()).toHaveLength(4);
      expect(await s.store.outboxDepth()).toBe(4);
    });
  });
}
