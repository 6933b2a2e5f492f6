/**
 * @module adapters/store/contract/lookups — reading stories back: latest, full-text search with
 * ranking and snippets, quotes by speaker, speaker autocomplete.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { article, at, HOUR, T0, useStores, type MakeStore } from './fixtures.contract.js';

export function lookupContract(makeStore: MakeStore): void {
  describe('lookups', () => {
    const s = useStores(makeStore, { beforeEach, afterEach });

    it('lists the newest stories first, by published time, optionally by topic', async () => {
      const a = await s.store.ingest(article({ title: 'A', published: at(-3 * HOUR), topics: ['fx'] }), T0);
      const b = await s.store.ingest(article({ title: 'B', published: at(-1 * HOUR), topics: ['tariffs'] }), T0);
      const c = await s.store.ingest(article({ title: 'C', published: at(-2 * HOUR), topics: ['fx', 'tariffs'] }), T0);
      expect((await s.store.latest({ limit: 10 })).map((x) => x.id)).toEqual([b.storyId, c.storyId, a.storyId]);
      expect((await s.store.latest({ limit: 2 })).map((x) => x.id)).toEqual([b.storyId, c.storyId]);
      expect((await s.store.latest({ topic: 'fx', limit: 10 })).map((x) => x.id)).toEqual([c.storyId, a.storyId]);
      expect(await s.store.latest({ topic: 'g20', limit: 10 })).toEqual([]);
      expect(await s.store.getStory('424242')).toBeNull();
      expect(await s.store.getStory('not-an-id')).toBeNull();
    });

    it('ranks a headline match above a passing mention, with the words marked in the snippet', async () => {
      const passing = await s.store.ingest(
        article({ title: 'Rice harvest outlook improves', body: 'Farmers expect a good year. Separately, officials mentioned tariffs once in passing.' }),
        T0,
      );
      const strong = await s.store.ingest(
        article({ title: 'Akazawa says tariffs talks at critical stage', body: 'Japan’s negotiator Akazawa said talks on tariffs had reached a critical stage.' }),
        T0,
      );
      await s.store.ingest(article({ title: 'Yen steadies', body: 'Nothing about trade here.' }), T0);
      const hits = await s.store.search({ query: 'tariffs', limit: 10 });
      expect(hits.map((h) => h.story.id)).toEqual([strong.storyId, passing.storyId]);
      expect(hits[0]!.rank).toBeGreaterThan(hits[1]!.rank);
      expect(hits[1]!.snippet).toMatch(/\*tariffs\*/);
      // all words must match when any story has them all
      expect((await s.store.search({ query: 'akazawa TARIFFS', limit: 10 })).map((h) => h.story.id)).toEqual([strong.storyId]);
    });

    it('matches word forms by prefix, ignores accents, and filters by topic', async () => {
      const a = await s.store.ingest(article({ title: 'New tariffs on steel', body: 'Body.', topics: ['tariffs'] }), T0);
      const b = await s.store.ingest(article({ title: 'Tariff relief for autos', body: 'Body.', topics: ['us-japan'] }), T0);
      const c = await s.store.ingest(article({ title: 'Café owners fear tariff costs', body: 'Body.' }), T0);
      expect((await s.store.search({ query: 'tariff', limit: 10 })).map((h) => h.story.id).sort()).toEqual([a.storyId, b.storyId, c.storyId].sort());
      expect((await s.store.search({ query: 'tariff', topic: 'us-japan', limit: 10 })).map((h) => h.story.id)).toEqual([b.storyId]);
      expect((await s.store.search({ query: 'cafe', limit: 10 })).map((h) => h.story.id)).toEqual([c.storyId]);
    });

    it('falls back to any word when no story has them all, and survives query syntax', async () => {
      const a = await s.store.ingest(article({ title: 'Tariffs rise', body: 'x' }), T0);
      expect((await s.store.search({ query: 'tariffs zebra', limit: 10 })).map((h) => h.story.id)).toEqual([a.storyId]);
      for (const q of ['"unbalanced', 'tariffs AND (', 'NEAR(a b', '*', '-tariffs', 'title:tariffs', '^x']) {
        await expect(s.store.search({ query: q, limit: 10 })).resolves.toBeInstanceOf(Array);
      }
      expect(await s.store.search({ query: '  ', limit: 10 })).toEqual([]);
      expect(await s.store.search({ query: 'zebra', limit: 10 })).toEqual([]);
    });

    it('finds quotes by any name word, case- and accent-insensitive, newest first', async () => {
      const q1 = { text: 'We will not rush into a deal', speaker: 'Ryosei Akazawa' };
      const q2 = { text: 'Talks have been constructive and frank', speaker: 'Akazawa' };
      const q3 = { text: 'The currency market is watched closely', speaker: 'Katsunobu Katō' };
      const older = await s.store.ingest(article({ quotes: [q1], published: at(-5 * HOUR), topics: ['tariffs'] }), T0);
      const newer = await s.store.ingest(article({ quotes: [q2, q3], published: at(-1 * HOUR), topics: ['fx'] }), T0);
      const hits = await s.store.quotesBy({ speaker: 'akazawa', limit: 10 });
      expect(hits.map((h) => [h.quote.text, h.story.id])).toEqual([
        [q2.text, newer.storyId],
        [q1.text, older.storyId],
      ]);
      expect((await s.store.quotesBy({ speaker: 'Ryosei AKAZAWA', limit: 10 })).map((h) => h.quote)).toEqual([q1]);
      expect((await s.store.quotesBy({ speaker: 'kato', limit: 10 })).map((h) => h.quote)).toEqual([q3]);
      expect((await s.store.quotesBy({ speaker: 'akazawa', topic: 'tariffs', limit: 10 })).map((h) => h.quote)).toEqual([q1]);
      expect(await s.store.quotesBy({ speaker: 'akaza', limit: 10 })).toEqual([]); // whole words only
      expect(await s.store.quotesBy({ speaker: 'akazawa', limit: 1 })).toHaveLength(1);
      expect(await s.store.quotesBy({ speaker: '', limit: 10 })).toEqual([]);
    });

    it('matches names written without spaces as substrings', async () => {
      const q = { text: '国益を守りつつ合意を目指す', speaker: '赤沢亮正' };
      await s.store.ingest(article({ quotes: [q] }), T0);
      expect((await s.store.quotesBy({ speaker: '赤沢', limit: 10 })).map((h) => h.quote)).toEqual([q]);
    });

    it('suggests speakers by name-word prefix, most quoted first', async () => {
      const quote = (speaker: string, n: number) => ({ text: `Statement number ${n} on trade`, speaker });
      await s.store.ingest(article({ quotes: [quote('Scott Bessent', 1), quote('Scott Bessent', 2), quote('Bernard Arnault', 3)] }), T0);
      await s.store.ingest(article({ quotes: [quote('Scott Bessent', 4), quote('unknown', 5), quote('Mike Bernstein', 6), quote('Mike Bernstein', 7)] }), T0);
      expect(await s.store.speakers({ prefix: 'be', limit: 10 })).toEqual(['Scott Bessent', 'Mike Bernstein', 'Bernard Arnault']);
      expect(await s.store.speakers({ prefix: 'BER', limit: 10 })).toEqual(['Mike Bernstein', 'Bernard Arnault']);
      expect(await s.store.speakers({ prefix: 'scott b', limit: 10 })).toEqual(['Scott Bessent']);
      expect(await s.store.speakers({ prefix: 'be', limit: 1 })).toEqual(['Scott Bessent']);
      expect(await s.store.speakers({ prefix: 'unk', limit: 10 })).toEqual([]);
    });
  });
}
