/**
 * @module adapters/store/contract/feeds — the Store's feed rows: sync, leases, poll outcomes.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FeedPollUpdate } from '../../../ports.js';
import { at, feed, HOUR, MIN, SEC, T0, useStores, type MakeStore } from './fixtures.contract.js';

export function feedContract(makeStore: MakeStore): void {
  describe('feeds', () => {
    const s = useStores(makeStore, { beforeEach, afterEach });
    const claim = (now: string, owner = 'A', limit = 100, leaseMs = 5 * MIN) => s.store.claimDueFeeds({ now, owner, limit, leaseMs });
    const finish = (over: Partial<FeedPollUpdate> & { feedId: string }): Promise<void> =>
      s.store.finishPoll({
        owner: 'A',
        now: at(10 * SEC),
        result: 'ok',
        status: 200,
        error: null,
        etag: '"v1"',
        lastModified: 'Mon, 02 Jun 2025 08:00:00 GMT',
        title: 'Wire Service',
        nextPollAt: at(5 * MIN),
        ...over,
      });

    it('adds new feeds due now and not initialized', async () => {
      await s.store.syncFeeds([feed('a'), feed('b', { everyMs: 10 * MIN, fullText: true, backfill: 3, tags: ['jp'], name: 'B News' })], T0);
      const feeds = await s.store.listFeeds();
      expect(feeds.map((f) => f.id)).toEqual(['a', 'b']);
      const b = (await s.store.getFeed('b'))!;
      expect(b).toMatchObject({ url: 'https://b.example/feed.xml', name: 'B News', everyMs: 10 * MIN, fullText: true, backfill: 3, tags: ['jp'] });
      expect(b).toMatchObject({ enabled: true, initialized: false, nextPollAt: T0, consecutiveFailures: 0, lastResult: null, etag: null });
      expect(await s.store.getFeed('nope')).toBeNull();
    });

    it('updates changed feeds, disables removed ones and re-enables them when they return', async () => {
      await s.store.syncFeeds([feed('a'), feed('b')], T0);
      await s.store.syncFeeds([feed('a', { name: 'Renamed', tags: ['x'] })], at(MIN));
      expect(await s.store.getFeed('a')).toMatchObject({ name: 'Renamed', tags: ['x'], enabled: true });
      expect(await s.store.getFeed('b')).toMatchObject({ enabled: false });
      expect((await claim(at(HOUR))).map((f) => f.id)).toEqual(['a']);
      await s.store.syncFeeds([feed('a'), feed('b')], at(2 * HOUR));
      expect(await s.store.getFeed('b')).toMatchObject({ enabled: true });
    });

    it('treats a changed URL as a new feed: validators and first-poll backfill start over', async () => {
      await s.store.syncFeeds([feed('a')], T0);
      await claim(T0);
      await finish({ feedId: 'a' });
      expect(await s.store.getFeed('a')).toMatchObject({ initialized: true, etag: '"v1"' });
      await s.store.syncFeeds([feed('a', { url: 'https://moved.example/rss' })], at(MIN));
      expect(await s.store.getFeed('a')).toMatchObject({ url: 'https://moved.example/rss', initialized: false, etag: null, lastModified: null, nextPollAt: at(MIN) });
    });

    it('pulls the next poll in when the interval shrinks', async () => {
      await s.store.syncFeeds([feed('a', { everyMs: HOUR })], T0);
      await claim(T0);
      await finish({ feedId: 'a', now: T0, nextPollAt: at(HOUR) });
      await s.store.syncFeeds([feed('a', { everyMs: 5 * MIN })], at(MIN));
      expect((await s.store.getFeed('a'))!.nextPollAt).toBe(at(5 * MIN));
    });

    it('claims due, enabled feeds, oldest due first, up to the limit, leased to the owner', async () => {
      await s.store.syncFeeds([feed('a'), feed('b'), feed('c')], T0);
      await claim(T0);
      await finish({ feedId: 'a', nextPollAt: at(3 * MIN) });
      await finish({ feedId: 'b', nextPollAt: at(2 * MIN) });
      await finish({ feedId: 'c', nextPollAt: at(20 * MIN) });
      expect(await claim(at(MIN))).toEqual([]);
      expect((await claim(at(4 * MIN), 'A', 1)).map((f) => f.id)).toEqual(['b']);
      expect((await claim(at(4 * MIN), 'B')).map((f) => f.id)).toEqual(['a']);
    });

    it('never hands a leased feed to a second owner until the lease expires', async () => {
      await s.store.syncFeeds([feed('a')], T0);
      expect(await claim(T0, 'A', 10, MIN)).toHaveLength(1);
      expect(await claim(at(30 * SEC), 'B')).toEqual([]);
      const other = await s.another();
      expect(await other.claimDueFeeds({ now: at(59 * SEC), owner: 'C', limit: 10, leaseMs: MIN })).toEqual([]);
      // the lease ran out (a crashed poller): another owner takes over
      expect((await claim(at(MIN), 'B')).map((f) => f.id)).toEqual(['a']);
    });

    it('splits due feeds between concurrent claimers on two connections without overlap', async () => {
      await s.store.syncFeeds(Array.from({ length: 40 }, (_, i) => feed(`f${String(i).padStart(2, '0')}`)), T0);
      const other = await s.another();
      const rounds = await Promise.all(
        Array.from({ length: 8 }, (_, i) => (i % 2 ? other : s.store).claimDueFeeds({ now: T0, owner: `o${i}`, limit: 7, leaseMs: MIN })),
      );
      const ids = rounds.flat().map((f) => f.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).toHaveLength(40);
    });

    it('records a success: initialized, validators, title, failures reset, lease released', async () => {
      await s.store.syncFeeds([feed('a')], T0);
      await claim(T0);
      await finish({ feedId: 'a', result: 'error', status: 500, error: { code: 'status', message: 'HTTP 500' }, etag: null, title: null });
      await claim(at(5 * MIN));
      await finish({ feedId: 'a', now: at(6 * MIN), nextPollAt: at(11 * MIN) });
      const a = (await s.store.getFeed('a'))!;
      expect(a).toMatchObject({ initialized: true, etag: '"v1"', lastModified: 'Mon, 02 Jun 2025 08:00:00 GMT', title: 'Wire Service' });
      expect(a).toMatchObject({ lastResult: 'ok', lastStatus: 200, lastError: null, consecutiveFailures: 0, failingSince: null });
      expect(a).toMatchObject({ lastPolledAt: at(6 * MIN), lastSuccessAt: at(6 * MIN), nextPollAt: at(11 * MIN) });
      // released: due again at nextPollAt for anyone
      expect((await claim(at(11 * MIN), 'B')).map((f) => f.id)).toEqual(['a']);
    });

    it('counts consecutive failures, keeps validators and remembers when failing began', async () => {
      await s.store.syncFeeds([feed('a')], T0);
      await claim(T0);
      await finish({ feedId: 'a', now: T0 });
      for (let i = 1; i <= 3; i++) {
        await claim(at(i * HOUR));
        await finish({ feedId: 'a', now: at(i * HOUR), result: 'error', status: null, error: { code: 'timeout', message: `timed out ${i}` }, etag: null, lastModified: null, title: null, nextPollAt: at(i * HOUR + MIN) });
      }
      const a = (await s.store.getFeed('a'))!;
      expect(a).toMatchObject({ consecutiveFailures: 3, failingSince: at(HOUR), lastResult: 'error', lastStatus: null });
      expect(a.lastError).toEqual({ code: 'timeout', message: 'timed out 3' });
      expect(a).toMatchObject({ etag: '"v1"', initialized: true, lastSuccessAt: T0, title: 'Wire Service' });
    });

    it('does not initialize a feed whose first poll failed', async () => {
      await s.store.syncFeeds([feed('a')], T0);
      await claim(T0);
      await finish({ feedId: 'a', result: 'error', status: 404, error: { code: 'status', message: 'HTTP 404' }, etag: null, lastModified: null, title: null });
      expect(await s.store.getFeed('a')).toMatchObject({ initialized: false, consecutiveFailures: 1 });
    });

    it('keeps validators on a 304 that repeats none, and takes new ones it gives', async () => {
      await s.store.syncFeeds([feed('a')], T0);
      await claim(T0);
      await finish({ feedId: 'a' });
      await claim(at(5 * MIN));
      await finish({ feedId: 'a', result: 'not-modified', status: 304, etag: null, lastModified: null, title: null, nextPollAt: at(10 * MIN) });
      expect(await s.store.getFeed('a')).toMatchObject({ etag: '"v1"', lastResult: 'not-modified', lastStatus: 304, title: 'Wire Service' });
      await claim(at(10 * MIN));
      await finish({ feedId: 'a', result: 'not-modified', status: 304, etag: '"v2"', lastModified: null, title: null, nextPollAt: at(15 * MIN) });
      expect(await s.store.getFeed('a')).toMatchObject({ etag: '"v2"', lastModified: 'Mon, 02 Jun 2025 08:00:00 GMT' });
    });

    it('ignores an outcome from an owner that lost the lease', async () => {
      await s.store.syncFeeds([feed('a')], T0);
      await claim(T0, 'A', 10, MIN);
      await claim(at(2 * MIN), 'B', 10, MIN);
      await finish({ feedId: 'a', owner: 'A', result: 'error', status: 500, error: { code: 'status', message: 'late' } });
      expect(await s.store.getFeed('a')).toMatchObject({ consecutiveFailures: 0, lastResult: null });
      await finish({ feedId: 'a', owner: 'B' });
      expect(await s.store.getFeed('a')).toMatchObject({ lastResult: 'ok' });
    });

    it('narrows a claim to feeds due by `dueBy`', async () => {
      await s.store.syncFeeds([feed('a'), feed('b')], T0);
      await claim(T0);
      await finish({ feedId: 'a', nextPollAt: at(MIN) });
      await finish({ feedId: 'b', nextPollAt: at(3 * MIN) });
      const got = await s.store.claimDueFeeds({ now: at(5 * MIN), dueBy: at(2 * MIN), owner: 'A', limit: 10, leaseMs: MIN });
      expect(got.map((f) => f.id)).toEqual(['a']);
    });

    it('claims nothing for disabled feeds', async () => {
      await s.store.syncFeeds([feed('a')], T0);
      await s.store.syncFeeds([], T0);
      expect(await claim(at(HOUR))).toEqual([]);
    });
  });
}
