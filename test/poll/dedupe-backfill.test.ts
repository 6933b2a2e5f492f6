/**
 * De-duplication across outlets and first-poll backfill, over real parts.
 */
import { describe, expect, it } from 'vitest';
import { type Harness, HOUR, MIN, rssDoc, serveWithEtag, T, useHarness } from './harness.js';

let h: Harness;
useHarness((x) => (h = x));

const AP = {
  guid: 'ap-1',
  title: 'Japan, US reach trade deal lowering tariffs on Japanese cars to 15%',
  link: 'https://apnews.example/japan-us-deal',
  body: "TOKYO (AP) — Japan and the United States have reached a trade agreement that lowers U.S. tariffs on Japanese automobiles to 15%, Japan's top trade negotiator said Wednesday, ending months of uncertainty for the country's biggest export industry.\n\nMore details followed.",
  published: T(-20),
};
const REGIONAL = {
  guid: 'reg-77',
  title: 'US and Japan strike tariff deal, cutting levy on Japanese autos to 15 percent',
  link: 'https://regional.example/business/2025/06/02/us-japan-deal',
  body: "Japan and the United States have reached a trade agreement that lowers US tariffs on Japanese automobiles to 15 percent, Japan's top trade negotiator said on Wednesday, ending months of uncertainty for the country's biggest export industry.",
  published: T(-10),
};
const OTHER = {
  guid: 'reg-78',
  title: 'South Korea seeks tariff exemption for steel exports',
  link: 'https://regional.example/business/korea-steel',
  body: 'South Korea asked Washington to exempt its steel from new duties, its trade ministry said.',
  published: T(-5),
};

describe('de-duplication across feeds', () => {
  it('turns the same wire story in two outlets into one story, also reported by the second', async () => {
    serveWithEtag(h.server, '/ap', () => rssDoc('AP News', [AP]));
    serveWithEtag(h.server, '/regional', () => rssDoc('Regional Times', [REGIONAL, OTHER]));
    await h.sync([h.feed('ap', '/ap', { backfill: 5 }), h.feed('regional', '/regional', { backfill: 5 })]);
    await h.subscribe('C1', 'tariffs');

    const summary = await h.poll();
    expect(summary).toMatchObject({ newArticles: 3, newStories: 2, alsoReported: 1, deliveriesQueued: 2 });
    const stories = await h.store.latest({ limit: 10 });
    expect(stories.map((s) => s.title)).toEqual([OTHER.title, AP.title]);
    // whichever outlet was stored first owns the story; the other is listed as also reporting it
    const deal = stories[1]!;
    const outlets = [deal.source, ...deal.alsoReportedBy.map((o) => o.source)].sort();
    expect(outlets).toEqual(['AP News', 'Regional Times']);
    expect(deal.alsoReportedBy).toHaveLength(1);
    const alerts = await h.store.listDeliveries();
    expect(alerts.map((d) => d.storyId).sort()).toEqual(stories.map((s) => s.id).sort());
  });

  it('sends a follow-up, not a second alert, when another outlet carries a story already posted', async () => {
    const regional = serveWithEtag(h.server, '/regional', () => rssDoc('Regional Times', regionalItems));
    let regionalItems = [OTHER];
    serveWithEtag(h.server, '/ap', () => rssDoc('AP News', [AP]));
    await h.sync([h.feed('ap', '/ap', { backfill: 5 }), h.feed('regional', '/regional', { backfill: 5 })]);
    await h.subscribe('C1', 'tariffs');
    await h.poll();
    const [batch, second] = await h.store.claimDeliveries({ now: T(1), limit: 10, leaseMs: MIN, owner: 'sender' });
    expect(second).toBeUndefined(); // one channel: one batch at a time
    await h.store.markSent([batch!.deliveries[0]!.id], 'ts-1', T(1));
    const next = await h.store.claimDeliveries({ now: T(1), limit: 10, leaseMs: MIN, owner: 'sender' });
    await h.store.markSent([next[0]!.deliveries[0]!.id], 'ts-2', T(1));

    regionalItems = [OTHER, REGIONAL];
    h.clock.advance(5 * MIN);
    const summary = await h.poll();
    expect(regional.hits).toBe(2);
    expect(summary).toMatchObject({ newArticles: 1, alsoReported: 1, newStories: 0, deliveriesQueued: 1 });
    const followups = (await h.store.listDeliveries()).filter((d) => d.kind === 'followup');
    expect(followups).toHaveLength(1);
    const apStory = (await h.store.latest({ limit: 10 })).find((s) => s.feedId === 'ap')!;
    expect(followups[0]).toMatchObject({ storyId: apStory.id, destination: { channel: 'C1' }, payload: { outlet: { source: 'Regional Times' } } });
    expect(['ts-1', 'ts-2']).toContain(followups[0]!.threadOf);
  });
});

describe('backfill', () => {
  const items = Array.from({ length: 5 }, (_, i) => ({
    guid: `b${i}`,
    title: `Tariff update number ${i + 1}`,
    link: `https://backfill.example/${i}`,
    body: `New duties announced, part ${i + 1}.`,
    published: T(-60 + i * 10),
  }));

  it('stores the first poll of a new feed but alerts on none of it', async () => {
    let served = items;
    serveWithEtag(h.server, '/new', () => rssDoc('New feed', served));
    await h.sync([h.feed('new', '/new')]);
    await h.subscribe('C1', 'tariffs');
    expect(await h.poll()).toMatchObject({ newStories: 5, deliveriesQueued: 0 });
    expect(await h.store.search({ query: 'tariff', limit: 10 })).toHaveLength(5);
    // afterwards, new items alert as usual
    served = [...items, { guid: 'b9', title: 'Tariff update number 9', link: 'https://backfill.example/9', body: 'More duties.', published: T(1) }];
    h.clock.advance(5 * MIN);
    expect(await h.poll()).toMatchObject({ newStories: 1, deliveriesQueued: 1 });
  });

  it('alerts on the newest N items of the first poll when the feed allows a backfill of N', async () => {
    serveWithEtag(h.server, '/new', () => rssDoc('New feed', [...items].reverse()));
    await h.sync([h.feed('new', '/new', { backfill: 2 })]);
    await h.subscribe('C1', 'tariffs');
    expect(await h.poll()).toMatchObject({ newStories: 5, deliveriesQueued: 2 });
    const alerted = await Promise.all((await h.store.listDeliveries()).map((d) => h.store.getStory(d.storyId!)));
    // oldest first in the outbox, so the channel reads them in publication order
    expect(alerted.map((s) => s!.title)).toEqual(['Tariff update number 4', 'Tariff update number 5']);
  });

  it('never alerts on items older than poll.maxItemAge', async () => {
    const old = { guid: 'old', title: 'Tariff story from last week', link: 'https://backfill.example/old', body: 'Duties.', published: new Date(Date.parse(T(0)) - 100 * HOUR).toISOString() };
    let served = [items[0]!];
    serveWithEtag(h.server, '/f', () => rssDoc('F', served));
    await h.sync([h.feed('f', '/f')]);
    await h.subscribe('C1', 'tariffs');
    await h.poll();
    served = [items[0]!, old, items[1]!];
    h.clock.advance(5 * MIN);
    expect(await h.poll()).toMatchObject({ newStories: 2, deliveriesQueued: 1 });
  });
});
