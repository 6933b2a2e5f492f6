/**
 * @module adapters/store/contract/lifecycle — migrations, ping, close, restart, named leases, bad input.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { article, at, dest, feed, MIN, rejectsWithCode, SEC, T0, useStores, type MakeStore } from './fixtures.contract.js';

export function lifecycleContract(makeStore: MakeStore): void {
  describe('lifecycle', () => {
    const s = useStores(makeStore, { beforeEach, afterEach });

    it('migrates idempotently and answers ping', async () => {
      await s.store.migrate();
      await s.store.migrate();
      await expect(s.store.ping()).resolves.toBeUndefined();
    });

    it('refuses calls after close with store_closed; closing twice is harmless', async () => {
      const other = await s.another();
      await other.close();
      await other.close();
      await rejectsWithCode(other.ping(), 'store_closed');
      await rejectsWithCode(other.latest({ limit: 1 }), 'store_closed');
      await expect(s.store.ping()).resolves.toBeUndefined();
    });

    it('names bad times with store_bad_input', async () => {
      await rejectsWithCode(s.store.syncFeeds([feed('a')], 'yesterday'), 'store_bad_input');
      await rejectsWithCode(s.store.ingest(article({ published: 'not a date' }), T0), 'store_bad_input');
      await rejectsWithCode(s.store.claimDueFeeds({ now: '', limit: 1, leaseMs: 1, owner: 'x' }), 'store_bad_input');
      expect(await s.store.latest({ limit: 5 })).toEqual([]); // nothing half-written
    });

    it('keeps everything across a restart: no repeats, state and queue intact', async () => {
      await s.store.syncFeeds([feed('a')], T0);
      await s.store.claimDueFeeds({ now: T0, limit: 5, leaseMs: MIN, owner: 'p1' });
      await s.store.finishPoll({ feedId: 'a', owner: 'p1', now: T0, result: 'ok', status: 200, error: null, etag: '"e"', lastModified: null, title: 'A', nextPollAt: at(5 * MIN) });
      await s.store.subscribe({ destination: dest('C1'), topic: 'fx', mode: { kind: 'instant' } }, T0);
      const a = article({ feedId: 'a', topics: ['fx'], quotes: [{ text: 'Markets are watched closely by us', speaker: 'Atsushi Mimura' }] });
      const out = await s.store.ingest(a, T0);
      await s.store.enqueueNotice(dest('OPS'), 'hello', 'k1', T0);
      expect(await s.store.acquireLease('digest', 'p1', MIN, T0)).toBe(true);

      const store = await s.restart();
      expect(await store.getFeed('a')).toMatchObject({ etag: '"e"', initialized: true, nextPollAt: at(5 * MIN) });
      expect(await store.ingest(a, at(MIN))).toMatchObject({ status: 'known', storyId: out.storyId });
      expect((await store.knownItems('a', [{ key: a.key, url: null }])).has(a.key)).toBe(true);
      expect((await store.getStory(out.storyId!))!.analysis).toEqual(a.analysis);
      expect((await store.search({ query: a.item.title, limit: 5 })).map((h) => h.story.id)).toEqual([out.storyId]);
      expect((await store.quotesBy({ speaker: 'mimura', limit: 5 })).map((h) => h.story.id)).toEqual([out.storyId]);
      expect(await store.listSubscriptions()).toHaveLength(1);
      expect(await store.enqueueNotice(dest('OPS'), 'hello', 'k1', at(MIN))).toBe(false);
      expect(await store.outboxDepth()).toBe(2);
      expect(await store.acquireLease('digest', 'p2', MIN, at(30 * SEC))).toBe(false);
    });

    it('hands a named lease to one owner at a time, renewable, taken over after expiry', async () => {
      expect(await s.store.acquireLease('leader', 'A', MIN, T0)).toBe(true);
      expect(await s.store.acquireLease('leader', 'B', MIN, at(10 * SEC))).toBe(false);
      expect(await s.store.acquireLease('leader', 'A', MIN, at(50 * SEC))).toBe(true); // renewed to 1m50s
      expect(await s.store.acquireLease('leader', 'B', MIN, at(MIN + 10 * SEC))).toBe(false);
      expect(await s.store.acquireLease('leader', 'B', MIN, at(MIN + 50 * SEC))).toBe(true);
      await s.store.releaseLease('leader', 'A'); // not the holder: no effect
      expect(await s.store.acquireLease('leader', 'A', MIN, at(2 * MIN))).toBe(false);
      await s.store.releaseLease('leader', 'B');
      expect(await s.store.acquireLease('leader', 'A', MIN, at(2 * MIN))).toBe(true);
      expect(await s.store.acquireLease('other', 'B', MIN, at(2 * MIN))).toBe(true);
    });
  });
}
