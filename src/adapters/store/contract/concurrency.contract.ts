/**
 * @module adapters/store/contract/concurrency — several instances on one database at once: work
 * claimed concurrently is claimed once, a URL or near-duplicate copies stored concurrently are one
 * story, a contested lease has one holder. (SQLite serialises these through its file lock; PostgreSQL through row locks,
 * SKIP LOCKED and advisory locks — the promises are the same.)
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeliveryBatch, Store } from '../../../ports.js';
import { article, at, dest, HOUR, MIN, SEC, T0, useStores, type MakeStore } from './fixtures.contract.js';

export function concurrencyContract(makeStore: MakeStore): void {
  describe('several instances at once', () => {
    const s = useStores(makeStore, { beforeEach, afterEach });

    it('hands every delivery to one claimer, one batch per destination at a time, in order', async () => {
      const channels = Array.from({ length: 12 }, (_, i) => `C${i}`);
      for (const c of channels) await s.store.subscribe({ destination: dest(c), topic: 'fx', mode: { kind: 'instant' } }, T0);
      const stories: string[] = [];
      for (let i = 0; i < 3; i++) stories.push((await s.store.ingest(article({ topics: ['fx'] }), at(i * SEC))).storyId!);
      const stores: Store[] = [s.store, await s.another(), await s.another()];
      const sentTo = new Map<string, string[]>(); // channel → story ids in send order
      const claimedIds: string[] = [];
      for (let round = 0; round < 10 && claimedIds.length < 36; round++) {
        const now = at(10 * SEC + round * SEC);
        const batches = (await Promise.all(
          stores.flatMap((st, i) => [0, 1].map((k) => st.claimDeliveries({ now, limit: 5, leaseMs: MIN, owner: `w${i}-${k}` }))),
        )).flat() as DeliveryBatch[];
        const channelsThisRound = batches.map((b) => b.destination.channel);
        expect(new Set(channelsThisRound).size).toBe(channelsThisRound.length); // never two batches of one channel in flight
        for (const b of batches) {
          for (const d of b.deliveries) {
            claimedIds.push(d.id);
            sentTo.set(b.destination.channel, [...(sentTo.get(b.destination.channel) ?? []), d.storyId!]);
          }
          await s.store.markSent(b.deliveries.map((d) => d.id), `m-${b.deliveries[0]!.id}`, now);
        }
      }
      expect(new Set(claimedIds).size).toBe(claimedIds.length);
      expect(claimedIds).toHaveLength(36);
      for (const c of channels) expect(sentTo.get(c)).toEqual(stories);
      expect(await s.store.outboxDepth()).toBe(0);
    });

    it('stores one story when two instances ingest the same URL from two feeds at once', async () => {
      await s.store.subscribe({ destination: dest('C1'), topic: 'fx', mode: { kind: 'instant' } }, T0);
      const other = await s.another();
      const url = 'https://wire.example/deal-2025-06-02';
      const outcomes = await Promise.all([
        s.store.ingest(article({ feedId: 'reuters', url, topics: ['fx'] }), T0),
        other.ingest(article({ feedId: 'kyodo', url, topics: ['fx'] }), T0),
      ]);
      expect(outcomes.map((o) => o.status).sort()).toEqual(['known', 'new-story']);
      expect(await s.store.latest({ limit: 10 })).toHaveLength(1);
      expect(await s.store.listDeliveries()).toHaveLength(1);
    });

    it('stores near-duplicates ingested by several instances at once as one story, the rest as also reported', async () => {
      await s.store.subscribe({ destination: dest('C1'), topic: 'fx', mode: { kind: 'instant' } }, T0);
      const stores = [s.store, await s.another(), await s.another(), await s.another()];
      const ROUNDS = 25;
      const COPIES = 8; // two per instance, each from its own feed, URL and key
      const stories = new Set<string>();
      for (let r = 0; r < ROUNDS; r++) {
        const now = at(r * MIN);
        // Each copy shares two fingerprint keys with the others (the lookup's minimum) and has one of its own.
        const copies = Array.from({ length: COPIES }, (_, c) =>
          article({ feedId: `outlet${c}`, topics: ['fx'], fingerprint: [`wire-${r}-a`, `wire-${r}-b`, `own-${r}-${c}`] }),
        );
        // The store looks the candidates up inside its transaction; any candidate sharing the keys is the story.
        for (const a of copies) a.similar = { since: at(-HOUR, now), minShared: 2, choose: (candidates) => candidates[0]?.id ?? null };
        const outcomes = await Promise.all(copies.map((a, c) => stores[c % stores.length]!.ingest(a, now)));
        expect(outcomes.filter((o) => o.status === 'new-story'), `round ${r}: one new story`).toHaveLength(1);
        expect(outcomes.filter((o) => o.status === 'also-reported'), `round ${r}`).toHaveLength(COPIES - 1);
        expect(new Set(outcomes.map((o) => o.storyId)).size, `round ${r}: one story`).toBe(1);
        stories.add(outcomes[0]!.storyId!);
        const story = await s.store.getStory(outcomes[0]!.storyId!);
        expect(story!.alsoReportedBy, `round ${r}: every other outlet listed`).toHaveLength(COPIES - 1);
      }
      expect(stories.size).toBe(ROUNDS);
      expect(await s.store.latest({ limit: 100 })).toHaveLength(ROUNDS);
      // One alert per story, nothing else: no story reached the channel twice.
      const deliveries = await s.store.listDeliveries();
      expect(deliveries.map((d) => d.kind)).toEqual(Array<string>(ROUNDS).fill('alert'));
      expect(new Set(deliveries.map((d) => d.storyId))).toEqual(stories);
    });

    it('gives a contested lease to exactly one owner', async () => {
      const stores = [s.store, await s.another()];
      const got = await Promise.all(Array.from({ length: 10 }, (_, i) => stores[i % 2]!.acquireLease('digest', `o${i}`, MIN, T0)));
      expect(got.filter(Boolean)).toHaveLength(1);
    });

    it('polls each due feed once across instances claiming at the same moment', async () => {
      const ids = Array.from({ length: 30 }, (_, i) => `f${String(i).padStart(2, '0')}`);
      await s.store.syncFeeds(ids.map((id) => ({ id, url: `https://${id}.example/rss`, name: null, everyMs: 5 * MIN, fullText: false, backfill: 0, tags: [] })), T0);
      const stores = [s.store, await s.another(), await s.another()];
      const claimed = (await Promise.all(stores.flatMap((st, i) => [0, 1, 2].map((k) => st.claimDueFeeds({ now: T0, limit: 4, leaseMs: MIN, owner: `p${i}-${k}` }))))).flat();
      const more = (await Promise.all(stores.map((st, i) => st.claimDueFeeds({ now: at(SEC), limit: 30, leaseMs: MIN, owner: `q${i}` })))).flat();
      const all = [...claimed, ...more].map((f) => f.id);
      expect(new Set(all).size).toBe(all.length);
      expect(all.sort()).toEqual(ids);
    });
  });
}
