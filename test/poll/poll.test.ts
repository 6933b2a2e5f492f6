/**
 * One poll cycle end to end over real parts: HTTP feed server → FeedSource → analysis → SQLite.
 */
import { describe, expect, it } from 'vitest';
import { type Harness, MIN, rssDoc, serveWithEtag, T, useHarness } from './harness.js';

let h: Harness;
useHarness((x) => (h = x));

const WIRE = [
  { guid: 'w1', title: 'US raises tariffs on Chinese steel to 50%', link: 'https://wire.example/steel', body: 'The United States will double tariffs on steel imports from China, officials said.', published: T(-50) },
  { guid: 'w2', title: 'Yen slides to 34-year low against the dollar', link: 'https://wire.example/yen', body: 'The yen slid to a 34-year low on Wednesday as traders bet on wide rate gaps.', published: T(-40) },
  { guid: 'w3', title: 'Farm output rises in spring', link: 'https://wire.example/farm', body: 'Farm output rose for the third month in a row.', published: T(-30) },
];

describe('poll cycle', () => {
  it('stores new items once, matches topics and queues alerts; a 304 adds nothing', async () => {
    let items = WIRE.slice(0, 2);
    const counts = serveWithEtag(h.server, '/wire', () => rssDoc('Wire', items));
    await h.sync([h.feed('wire', '/wire', { backfill: 10 })]);
    await h.subscribe('C-TRADE', 'tariffs');
    await h.subscribe('C-FX', 'fx');

    const first = await h.poll();
    expect(first).toMatchObject({ feedsPolled: 1, ok: 1, notModified: 0, errors: 0, newArticles: 2, newStories: 2, alsoReported: 0, deliveriesQueued: 2 });
    expect(first.matchesPerTopic).toEqual({ tariffs: 1, fx: 1 });
    const stories = await h.store.latest({ limit: 10 });
    expect(stories.map((s) => s.title)).toEqual([WIRE[1]!.title, WIRE[0]!.title]);
    expect(stories[0]).toMatchObject({ feedId: 'wire', source: 'Wire', url: 'https://wire.example/yen', published: WIRE[1]!.published, firstSeen: T(0) });
    expect(stories[0]!.analysis.topics.map((t) => t.id)).toEqual(['fx']);
    const deliveries = await h.store.listDeliveries();
    expect(deliveries.map((d) => [d.destination.channel, d.topics])).toEqual([
      ['C-TRADE', ['tariffs']],
      ['C-FX', ['fx']],
    ]);
    expect(await h.store.getFeed('wire')).toMatchObject({ initialized: true, lastResult: 'ok', lastStatus: 200, title: 'Wire', nextPollAt: T(5) });

    // not due yet: nothing is fetched
    h.clock.advance(2 * MIN);
    expect(await h.poll()).toMatchObject({ feedsPolled: 0 });
    expect(counts.hits).toBe(1);

    // due, unchanged: a conditional GET answered 304
    h.clock.advance(3 * MIN);
    const second = await h.poll();
    expect(second).toMatchObject({ feedsPolled: 1, ok: 0, notModified: 1, newArticles: 0, deliveriesQueued: 0 });
    expect(counts.notModified).toBe(1);

    // a new item: only it is stored and alerted
    items = WIRE;
    h.clock.advance(5 * MIN);
    const third = await h.poll();
    expect(third).toMatchObject({ ok: 1, newArticles: 1, newStories: 1, deliveriesQueued: 0 });
    expect(await h.store.latest({ limit: 10 })).toHaveLength(3);
    expect(await h.store.listDeliveries()).toHaveLength(2);
  });

  it('stores nothing twice when a server ignores validators and sends the same items again', async () => {
    h.server.route('/noetag', (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssDoc('Wire', WIRE)));
    await h.sync([h.feed('noetag', '/noetag')]);
    expect((await h.poll()).newArticles).toBe(3);
    h.clock.advance(5 * MIN);
    expect(await h.poll()).toMatchObject({ ok: 1, newArticles: 0 });
    expect(await h.store.latest({ limit: 10 })).toHaveLength(3);
  });

  it('gives an undated item its first-seen time, and keys items without guid or link by content', async () => {
    h.server.route('/odd', (_req, res) =>
      res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssDoc('Odd', [{ title: 'Tariff notice without a date or link', body: 'Duties on imports change.', published: null }])),
    );
    await h.sync([h.feed('odd', '/odd')]);
    await h.poll();
    h.clock.advance(5 * MIN);
    expect((await h.poll()).newArticles).toBe(0);
    const [story] = await h.store.latest({ limit: 5 });
    expect(story).toMatchObject({ published: T(0), firstSeen: T(0), url: null, guid: null });
  });

  it('schedules the next poll no sooner than the feed’s ttl', async () => {
    h.server.route('/ttl', (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssDoc('TTL', WIRE.slice(0, 1), '<ttl>60</ttl>')));
    await h.sync([h.feed('ttl', '/ttl')]);
    await h.poll();
    expect((await h.store.getFeed('ttl'))!.nextPollAt).toBe(T(60));
  });

  it('fetches feeds concurrently; a slow feed does not hold up the others', async () => {
    let finishedOthers = 0;
    let releaseSlow!: () => void;
    const slowReleased = new Promise<void>((resolve) => (releaseSlow = resolve));
    const feeds = Array.from({ length: 12 }, (_, i) => {
      h.server.route(`/f${i}`, async (_req, res) => {
        if (i === 0) await slowReleased; // the slow feed answers only after all the others have
        res.on('finish', () => {
          if (i > 0 && ++finishedOthers === 11) releaseSlow();
        });
        res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssDoc(`Feed ${i}`, [{ guid: `f${i}`, title: `Item of feed ${i}`, link: `https://f${i}.example/1`, published: T(-5) }]));
      });
      return h.feed(`f${i}`, `/f${i}`);
    });
    await h.sync(feeds);
    const summary = await h.poll();
    expect(summary).toMatchObject({ feedsPolled: 12, ok: 12, newStories: 12, errors: 0 });
    expect(h.server.requests).toHaveLength(12);
    expect(h.server.maxInFlight).toBeGreaterThan(1);
  });
});
