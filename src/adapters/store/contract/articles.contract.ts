/**
 * @module adapters/store/contract/articles — ingest and de-duplication: known items, canonical URLs
 * across feeds, near-duplicates as "also reported by", and the outbox rows an article causes.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { article, at, dest, HOUR, MIN, T0, useStores, type MakeStore } from './fixtures.contract.js';

export function articleContract(makeStore: MakeStore): void {
  describe('articles and stories', () => {
    const s = useStores(makeStore, { beforeEach, afterEach });

    it('stores a new story with its analysis, and a repeat is known with nothing written', async () => {
      const a = article({ topics: ['tariffs', 'fx'], quotes: [{ text: 'We will not rush a deal', speaker: 'Ryosei Akazawa' }], published: at(-HOUR) });
      await s.store.subscribe({ destination: dest('C1'), topic: 'tariffs', mode: { kind: 'instant' } }, T0);
      const first = await s.store.ingest(a, T0);
      expect(first).toMatchObject({ key: a.key, status: 'new-story', deliveries: 1 });
      const story = (await s.store.getStory(first.storyId!))!;
      expect(story).toMatchObject({ id: first.storyId, feedId: 'wire', source: 'wire news', title: a.item.title, body: a.item.body, url: a.item.url, guid: a.item.guid });
      expect(story).toMatchObject({ published: at(-HOUR), firstSeen: T0, alsoReportedBy: [] });
      expect(story.analysis).toEqual(a.analysis);

      const again = await s.store.ingest(a, at(MIN));
      expect(again).toEqual({ key: a.key, status: 'known', storyId: first.storyId, deliveries: 0 });
      expect(await s.store.listDeliveries()).toHaveLength(1);
      expect(await s.store.latest({ limit: 10 })).toHaveLength(1);
    });

    it('knows an item by its key within the feed, whatever its content became', async () => {
      const a = article({ key: 'g:abc' });
      await s.store.ingest(a, T0);
      const edited = article({ key: 'g:abc', title: 'Corrected headline', url: 'https://wire.example/other' });
      expect((await s.store.ingest(edited, T0)).status).toBe('known');
      // the same key in another feed is another item
      expect((await s.store.ingest(article({ key: 'g:abc', feedId: 'other', url: null }), T0)).status).toBe('new-story');
    });

    it('knows an item by its canonical URL across feeds', async () => {
      await s.store.ingest(article({ url: 'https://www.reuters.example/world/deal-2025-06-02/' }), T0);
      const elsewhere = article({ feedId: 'aggregator', url: 'https://www.reuters.example/world/deal-2025-06-02/' });
      expect((await s.store.ingest(elsewhere, T0)).status).toBe('known');
      expect(await s.store.latest({ limit: 10 })).toHaveLength(1);
    });

    it('answers knownItems by key for the feed and by URL anywhere', async () => {
      await s.store.ingest(article({ key: 'g:1', url: 'https://x.example/1' }), T0);
      await s.store.ingest(article({ feedId: 'other', key: 'g:2', url: 'https://y.example/2' }), T0);
      const known = await s.store.knownItems('wire', [
        { key: 'g:1', url: null },
        { key: 'g:2', url: null }, // key of another feed, no URL: new here
        { key: 'g:3', url: 'https://y.example/2' }, // URL seen in another feed
        { key: 'g:4', url: 'https://z.example/4' },
      ]);
      expect([...known].sort()).toEqual(['g:1', 'g:3']);
      expect(await s.store.knownItems('wire', [])).toEqual(new Set());
    });

    it('finds stories sharing a fingerprint key, first seen since the window start', async () => {
      const old = await s.store.ingest(article({ fingerprint: ['k1', 'k2'], title: 'Old one' }), at(-3 * 24 * HOUR));
      const recent = await s.store.ingest(article({ fingerprint: ['k2', 'k3'], title: 'Recent one', body: 'Lead paragraph here.\n\nMore.' }), T0);
      await s.store.ingest(article({ fingerprint: ['k9'] }), T0);
      const found = await s.store.findSimilarStories(['k2', 'k7'], at(-24 * HOUR));
      expect(found).toEqual([{ id: recent.storyId, title: 'Recent one', lead: 'Lead paragraph here. More.', fingerprint: ['k2', 'k3'], firstSeen: T0 }]);
      const all = await s.store.findSimilarStories(['k2'], at(-7 * 24 * HOUR));
      expect(all.map((c) => c.id).sort()).toEqual([old.storyId, recent.storyId].sort());
      expect(await s.store.findSimilarStories([], at(-7 * 24 * HOUR))).toEqual([]);
    });

    it('returns the candidates sharing the most keys first, at most 50', async () => {
      const ids: string[] = [];
      for (let i = 0; i < 60; i++) ids.push((await s.store.ingest(article({ fingerprint: ['common', `own-${i}`] }), T0)).storyId!);
      const best = await s.store.ingest(article({ fingerprint: ['common', 'k-a', 'k-b'] }), at(MIN));
      const second = await s.store.ingest(article({ fingerprint: ['common', 'k-a'] }), at(MIN));
      const found = await s.store.findSimilarStories(['common', 'k-a', 'k-b'], T0);
      expect(found).toHaveLength(50);
      expect(found.slice(0, 3).map((c) => c.id)).toEqual([best.storyId, second.storyId, ids[0]]);
      // only those sharing at least two keys
      expect((await s.store.findSimilarStories(['common', 'k-a', 'k-b'], T0, 2)).map((c) => c.id)).toEqual([best.storyId, second.storyId]);
    });

    it('links a near-duplicate from another outlet as also-reported, once per outlet', async () => {
      const first = await s.store.ingest(article({ feedId: 'reuters', source: 'Reuters', title: 'Japan, US reach deal' }), T0);
      const dup = article({ feedId: 'kyodo', source: 'Kyodo', title: 'US and Japan strike deal', duplicateOf: first.storyId });
      const outcome = await s.store.ingest(dup, at(MIN));
      expect(outcome).toMatchObject({ status: 'also-reported', storyId: first.storyId });
      // a second item of the same outlet joins the story without a second entry
      await s.store.ingest(article({ feedId: 'kyodo', source: 'Kyodo', duplicateOf: first.storyId }), at(2 * MIN));
      // an edited re-post by the story's own outlet is linked, not listed
      await s.store.ingest(article({ feedId: 'reuters', source: 'Reuters', duplicateOf: first.storyId }), at(3 * MIN));
      const story = (await s.store.getStory(first.storyId!))!;
      expect(story.alsoReportedBy).toEqual([{ feedId: 'kyodo', source: 'Kyodo', title: 'US and Japan strike deal', url: dup.item.url, seenAt: at(MIN) }]);
      expect(await s.store.latest({ limit: 10 })).toHaveLength(1);
      expect((await s.store.ingest(dup, at(5 * MIN))).status).toBe('known');
      expect((await s.store.knownItems('kyodo', [{ key: dup.key, url: null }])).has(dup.key)).toBe(true);
    });

    it('writes one alert per destination naming every followed topic the story matched', async () => {
      const sub = (channel: string, topic: string, mention: string | null = null) =>
        s.store.subscribe({ destination: dest(channel), topic, mode: { kind: 'instant' }, mention }, T0);
      await sub('C1', 'tariffs');
      await sub('C1', 'us-japan', 'S-TRADE');
      await sub('C1', 'g20');
      await sub('C2', 'fx');
      await sub('C3', 'g20');
      const out = await s.store.ingest(article({ topics: ['us-japan', 'fx', 'tariffs'] }), T0);
      expect(out.deliveries).toBe(2);
      const rows = await s.store.listDeliveries({ storyId: out.storyId! });
      const byChannel = Object.fromEntries(rows.map((d) => [d.destination.channel, d]));
      expect(Object.keys(byChannel).sort()).toEqual(['C1', 'C2']);
      expect(byChannel.C1).toMatchObject({ kind: 'alert', topics: ['us-japan', 'tariffs'], mention: 'S-TRADE', status: 'pending', attempts: 0, nextAttemptAt: T0 });
      expect(byChannel.C2).toMatchObject({ kind: 'alert', topics: ['fx'], mention: null, destination: dest('C2') });
    });

    it('gives an instant subscriber one alert even when it also has a digest for a matched topic', async () => {
      await s.store.subscribe({ destination: dest('C1'), topic: 'fx', mode: { kind: 'digest', time: '08:00', timezone: 'Asia/Tokyo' } }, T0);
      await s.store.subscribe({ destination: dest('C1'), topic: 'tariffs', mode: { kind: 'instant' } }, T0);
      const out = await s.store.ingest(article({ topics: ['fx', 'tariffs'] }), T0);
      expect(await s.store.listDeliveries({ storyId: out.storyId! })).toMatchObject([{ kind: 'alert', topics: ['fx', 'tariffs'] }]);
    });

    it('holds a digest item until the subscription’s next slot', async () => {
      await s.store.subscribe({ destination: dest('D1'), topic: 'fx', mode: { kind: 'digest', time: '08:00', timezone: 'Asia/Tokyo' } }, T0);
      await s.store.subscribe({ destination: dest('D1'), topic: 'g20', mode: { kind: 'digest', time: '18:30', timezone: 'Europe/London' } }, T0);
      const out = await s.store.ingest(article({ topics: ['g20', 'fx'] }), T0); // T0 = 09:00Z = 18:00 Tokyo = 10:00 London
      const [d] = await s.store.listDeliveries({ storyId: out.storyId! });
      // next 08:00 Tokyo is 23:00Z; next 18:30 London (BST) is 17:30Z the same day: the earlier wins
      expect(d).toMatchObject({ kind: 'digest', topics: ['g20', 'fx'], nextAttemptAt: '2025-06-02T17:30:00.000Z', payload: { digestKey: '18:30 Europe/London' } });
    });

    it('sends nothing to paused subscriptions, and nothing for items not to alert', async () => {
      await s.store.subscribe({ destination: dest('C1'), topic: 'fx', mode: { kind: 'instant' } }, T0);
      await s.store.subscribe({ destination: dest('C2'), topic: 'fx', mode: { kind: 'instant' } }, T0);
      expect(await s.store.pauseDestination(dest('C1'), 'channel_not_found', T0)).toBe(1);
      const out = await s.store.ingest(article({ topics: ['fx'] }), T0);
      expect((await s.store.listDeliveries({ storyId: out.storyId! })).map((d) => d.destination.channel)).toEqual(['C2']);
      const quiet = await s.store.ingest(article({ topics: ['fx'], alert: false, title: 'Backfilled yen story' }), T0);
      expect(quiet).toMatchObject({ status: 'new-story', deliveries: 0 });
      expect((await s.store.search({ query: 'backfilled', limit: 5 })).map((h) => h.story.id)).toEqual([quiet.storyId]);
    });

    it('writes follow-ups only for destinations that got the story', async () => {
      for (const c of ['SENT', 'PENDING', 'PAUSED']) await s.store.subscribe({ destination: dest(c), topic: 'fx', mode: { kind: 'instant' } }, T0);
      const first = await s.store.ingest(article({ topics: ['fx'], feedId: 'reuters' }), T0);
      const batches = await s.store.claimDeliveries({ now: T0, limit: 10, leaseMs: MIN, owner: 'w' });
      const alertOf = (c: string) => batches.find((b) => b.destination.channel === c)!.deliveries[0]!;
      await s.store.markSent([alertOf('SENT').id], '1717318800.000100', at(1000));
      await s.store.markSent([alertOf('PAUSED').id], '1717318800.000200', at(1000));
      await s.store.markRetry([alertOf('PENDING').id], at(HOUR), { code: 'rate_limited', message: '429' }, at(1000));
      await s.store.pauseDestination(dest('PAUSED'), 'gone', at(2000));

      const dup = article({ feedId: 'kyodo', source: 'Kyodo', duplicateOf: first.storyId, topics: ['fx'] });
      const out = await s.store.ingest(dup, at(MIN));
      expect(out).toMatchObject({ status: 'also-reported', deliveries: 1 });
      const followups = (await s.store.listDeliveries({ storyId: first.storyId! })).filter((d) => d.kind === 'followup');
      expect(followups).toHaveLength(1);
      expect(followups[0]).toMatchObject({ destination: dest('SENT'), articleKey: dup.key, threadOf: '1717318800.000100', topics: ['fx'], status: 'pending' });
      expect(followups[0]!.payload).toEqual({ outlet: { feedId: 'kyodo', source: 'Kyodo', title: dup.item.title, url: dup.item.url, seenAt: at(MIN) } });
      // a backfilled duplicate links silently
      const quiet = await s.store.ingest(article({ feedId: 'nikkei', duplicateOf: first.storyId, alert: false }), at(2 * MIN));
      expect(quiet).toMatchObject({ status: 'also-reported', deliveries: 0 });
    });

    it('stores a duplicate whose story is unknown as a new story', async () => {
      expect((await s.store.ingest(article({ duplicateOf: '999999' }), T0)).status).toBe('new-story');
    });
  });
}
