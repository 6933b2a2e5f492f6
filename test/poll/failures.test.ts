/**
 * Failing feeds: one broken feed never stops the others, backs off exponentially, honours
 * Retry-After, recovers, and is reported to the ops channel at the threshold and on recovery.
 */
import { describe, expect, it } from 'vitest';
import type { Store } from '../../src/ports.js';
import { type Harness, HOUR, MIN, rssDoc, serveWithEtag, useHarness } from './harness.js';

const OPS = { platform: 'slack' as const, workspace: 'T1', channel: 'C-OPS' };
let h: Harness;
// The fetch timeout is real time: long enough for a loaded CI machine to answer the others on 127.0.0.1.
useHarness((x) => (h = x), { fetchTimeout: 1_500, ops: { channel: OPS, failureThreshold: 3 } });

const good = (id: string) => {
  const stories: Record<string, [string, string]> = {
    a: ['Canada sets counter-tariffs on US steel', 'Ottawa will impose duties on C$30 billion of American goods.'],
    b: ['EU delays retaliation over aluminium levies', 'Brussels postponed its response to give talks more time.'],
  };
  const [title, body] = stories[id]!;
  serveWithEtag(h.server, `/${id}`, () => rssDoc(id, [{ guid: `${id}-1`, title, link: `https://${id}.example/1`, body }]));
  return h.feed(id, `/${id}`);
};

/** Milliseconds from the harness clock to the feed's next poll. */
async function delayOf(id: string): Promise<number> {
  return Date.parse((await h.store.getFeed(id))!.nextPollAt) - h.clock.now().getTime();
}

async function pollAt(feedId: string): Promise<void> {
  h.clock.set((await h.store.getFeed(feedId))!.nextPollAt);
  await h.poll();
}

describe('failing feeds', () => {
  it('a 500, a timeout and garbage fail alone; the good feeds are stored', async () => {
    h.server.route('/500', (_req, res) => res.writeHead(500).end('oops'));
    h.server.route('/slow', () => new Promise(() => undefined)); // never answers
    h.server.route('/garbage', (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>Not a feed</body></html>'));
    await h.sync([h.feed('err500', '/500'), h.feed('slow', '/slow'), h.feed('garbage', '/garbage'), good('a'), good('b')]);
    const summary = await h.poll();
    expect(summary).toMatchObject({ feedsPolled: 5, ok: 2, errors: 3, newStories: 2 });
    expect(Object.fromEntries(summary.failures.map((f) => [f.feedId, f.code]))).toEqual({ err500: 'status', slow: 'timeout', garbage: 'not-a-feed' });
    expect(await h.store.getFeed('err500')).toMatchObject({ consecutiveFailures: 1, lastResult: 'error', lastStatus: 500, lastError: { code: 'status' }, initialized: false });
  });

  it('backs off exponentially up to the cap, and a success resets it', async () => {
    let fail = true;
    h.server.route('/flaky', (_req, res) => {
      if (fail) return void res.writeHead(503).end();
      res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssDoc('Flaky', [{ guid: 'x', title: 'Yen news', link: 'https://flaky.example/x' }]));
    });
    await h.sync([h.feed('flaky', '/flaky')]);
    const delays: number[] = [];
    for (let i = 0; i < 9; i++) {
      if (i > 0) await pollAt('flaky');
      else await h.poll();
      delays.push(await delayOf('flaky'));
    }
    // 5 min doubling per failure (random fixed at the midpoint: no jitter), capped at 6 h
    expect(delays.map((d) => d / MIN)).toEqual([5, 10, 20, 40, 80, 160, 320, 360, 360]);
    expect((await h.store.getFeed('flaky'))!.consecutiveFailures).toBe(9);
    fail = false;
    await pollAt('flaky');
    expect(await h.store.getFeed('flaky')).toMatchObject({ consecutiveFailures: 0, failingSince: null, lastResult: 'ok' });
    expect(await delayOf('flaky')).toBe(5 * MIN);
  });

  it('honours Retry-After as a floor on the next poll', async () => {
    h.server.route('/limited', (_req, res) => res.writeHead(429, { 'retry-after': '7200' }).end());
    h.server.route('/cached', (_req, res) =>
      res.writeHead(200, { 'content-type': 'application/rss+xml', 'cache-control': 'max-age=1800' }).end(rssDoc('C', [{ guid: 'c', title: 'c', link: 'https://c.example/' }])),
    );
    await h.sync([h.feed('limited', '/limited'), h.feed('cached', '/cached')]);
    await h.poll();
    expect(await delayOf('limited')).toBe(2 * HOUR);
    expect(await delayOf('cached')).toBe(30 * MIN);
  });

  it('reports a feed to the ops channel once at the threshold, and once on recovery', async () => {
    let fail = true;
    h.server.route('/down', (_req, res) => {
      if (fail) return void res.writeHead(502).end();
      res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssDoc('Down', []));
    });
    await h.sync([h.feed('down', '/down', { name: 'Downtime Daily' })]);
    await h.poll();
    await pollAt('down');
    expect(await h.store.listDeliveries()).toEqual([]);
    await pollAt('down');
    await pollAt('down');
    const notices = await h.store.listDeliveries();
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ kind: 'notice', destination: { ...OPS, workspace: '' } }); // Slack destinations are keyed by channel (core/destination)
    expect(String(notices[0]!.payload!.text)).toMatch(/Downtime Daily \(down\) has failed 3 polls in a row.*status/);
    fail = false;
    const summary = await (async () => {
      h.clock.set((await h.store.getFeed('down'))!.nextPollAt);
      return h.poll();
    })();
    expect(summary.noticesQueued).toBe(1);
    const all = await h.store.listDeliveries();
    expect(all).toHaveLength(2);
    expect(String(all[1]!.payload!.text)).toMatch(/Downtime Daily \(down\) recovered after 4 failed polls/);
    // a later failure run is a new episode with its own notice
    fail = true;
    for (let i = 0; i < 3; i++) await pollAt('down');
    expect(await h.store.listDeliveries()).toHaveLength(3);
  });

  it('records an unexpected exception while storing a feed’s items as that feed’s error', async () => {
    // Fault injection on the real store: ingest fails for one feed only.
    const real = h.store;
    const faulty: Store = { ...real, ingest: (a, now) => (a.feedId === 'broken' ? Promise.reject(new Error('disk I/O error')) : real.ingest(a, now)) };
    h.deps = { ...h.deps, store: faulty };
    serveWithEtag(h.server, '/broken', () => rssDoc('Broken', [{ guid: 'b1', title: 'Tariff b1', link: 'https://broken.example/1' }]));
    await h.sync([h.feed('broken', '/broken'), good('a')]);
    const summary = await h.poll();
    expect(summary).toMatchObject({ feedsPolled: 2, ok: 1, errors: 1, newStories: 1 });
    expect(summary.failures[0]).toMatchObject({ feedId: 'broken', code: 'internal' });
    const broken = (await real.getFeed('broken'))!;
    // validators not kept: the next poll fetches the items again and stores them then
    expect(broken).toMatchObject({ lastResult: 'error', etag: null, lastError: { code: 'internal' } });
    h.deps = { ...h.deps, store: real };
    await pollAt('broken');
    expect((await real.latest({ limit: 5 })).map((s) => s.feedId).sort()).toEqual(['a', 'broken']);
  });
});
