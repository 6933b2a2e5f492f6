/**
 * Shutdown during a poll cycle (issue 3, M1): an aborted `PollDeps.signal` stops the cycle between
 * items, claims no more feeds, and leaves the unfinished feed due — polled again later without
 * storing anything twice.
 */
import { describe, expect, it } from 'vitest';
import { pollDue } from '../../src/flows/poll.js';
import type { Store } from '../../src/ports.js';
import { type Harness, MIN, rssDoc, T, useHarness } from '../poll/harness.js';

let h: Harness;
useHarness((x) => (h = x));

const ITEMS = Array.from({ length: 12 }, (_, i) => ({
  guid: `s${i}`,
  title: `Story ${i} on steel tariffs`,
  link: `https://wire.example/${i}`,
  body: `Body of story ${i}.`,
  published: T(-60 + i),
}));

/** The real store, with a hook run after each stored item (to stop the cycle at a known point). */
function afterIngest(store: Store, hook: (count: number) => void): Store {
  let count = 0;
  return new Proxy(store, {
    get(target, name, receiver) {
      if (name !== 'ingest') return Reflect.get(target, name, receiver) as unknown;
      return async (...args: Parameters<Store['ingest']>) => {
        const out = await target.ingest(...args);
        hook(++count);
        return out;
      };
    },
  });
}

describe('stopping a poll cycle', () => {
  it('stops between items; the feed stays due and its next poll stores only the rest', async () => {
    h.server.route('/wire', (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssDoc('Wire', ITEMS)));
    await h.sync([h.feed('wire', '/wire', { backfill: 0 })]);
    const stop = new AbortController();
    const store = afterIngest(h.store, (n) => n === 3 && stop.abort(new Error('shutting down')));

    const stopped = await pollDue({ ...h.deps, store, signal: stop.signal });
    expect(await h.store.latest({ limit: 50 })).toHaveLength(3);
    // Not recorded as polled (neither success nor failure): no back-off, no new validators.
    expect(stopped).toMatchObject({ feedsPolled: 0, errors: 0 });
    expect(await h.store.getFeed('wire')).toMatchObject({ lastPolledAt: null, consecutiveFailures: 0, initialized: false });

    // Shutdown releases the lease; the next process polls the feed and stores the other nine once.
    await h.store.releaseClaims(h.deps.owner, h.clock.now().toISOString());
    h.clock.advance(MIN);
    const resumed = await h.poll();
    expect(resumed).toMatchObject({ feedsPolled: 1, ok: 1, newArticles: 9 });
    const titles = (await h.store.latest({ limit: 50 })).map((s) => s.title).sort();
    expect(titles).toEqual(ITEMS.map((i) => i.title).sort());
  });

  it('claims no feed once the signal is aborted', async () => {
    let hits = 0;
    h.server.route('/a', (_req, res) => {
      hits++;
      res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssDoc('A', ITEMS.slice(0, 1)));
    });
    await h.sync([h.feed('a', '/a')]);
    const summary = await pollDue({ ...h.deps, signal: AbortSignal.abort(new Error('stopping')) });
    expect(summary.feedsPolled).toBe(0);
    expect(hits).toBe(0);
    expect((await h.store.getFeed('a'))!.nextPollAt).toBe(T(0));
  });
});
