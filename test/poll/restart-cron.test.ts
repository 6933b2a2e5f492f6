/**
 * State survives a restart (no repeats), a crashed poller's leases expire and are taken over, and
 * cron ticks that come while a cycle runs are skipped rather than overlapping it.
 */
import { describe, expect, it } from 'vitest';
import { createCronScheduler } from '../../src/adapters/scheduler/cron.js';
import { quietLog } from '../feeds/server.js';
import { type Harness, MIN, rssDoc, T, useHarness } from './harness.js';

let h: Harness;
useHarness((x) => (h = x));
const item = (n: number) => ({ guid: `r${n}`, title: `Currency story ${n}: yen moves ${n}%`, link: `https://r.example/${n}`, body: `The yen moved ${n} percent against the dollar.`, published: T(n - 30) });

describe('restart', () => {
  it('keeps state across a restart: nothing stored or alerted twice', async () => {
    let served = [item(1), item(2)];
    // no validators: every poll downloads everything, so only the store can tell what is new
    h.server.route('/r', (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssDoc('R', served)));
    await h.sync([h.feed('r', '/r', { backfill: 5 })]);
    await h.subscribe('C1', 'fx');
    expect(await h.poll()).toMatchObject({ newStories: 2, deliveriesQueued: 2 });

    await h.restart();
    await h.sync([h.feed('r', '/r', { backfill: 5 })]); // a new process syncs feeds.yaml again
    await h.subscribe('C1', 'fx');
    served = [item(1), item(2), item(3)];
    h.clock.advance(5 * MIN);
    expect(await h.poll()).toMatchObject({ newStories: 1, deliveriesQueued: 1 });
    expect(await h.store.latest({ limit: 10 })).toHaveLength(3);
    expect(await h.store.listDeliveries()).toHaveLength(3);
    expect(await h.store.getFeed('r')).toMatchObject({ initialized: true, consecutiveFailures: 0 });
  });

  it('takes over the feeds of a poller that died mid-cycle once their leases expire', async () => {
    h.server.route('/r', (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssDoc('R', [item(1)])));
    await h.sync([h.feed('r', '/r')]);
    // the dead process claimed the feed and never finished
    expect(await h.store.claimDueFeeds({ now: T(0), limit: 10, leaseMs: 5 * MIN, owner: 'dead-process' })).toHaveLength(1);
    await h.restart();
    h.clock.advance(MIN);
    expect(await h.poll()).toMatchObject({ feedsPolled: 0 });
    h.clock.advance(4 * MIN);
    expect(await h.poll()).toMatchObject({ feedsPolled: 1, newStories: 1 });
  });
});

describe('cron ticks', () => {
  it('never overlap a poll cycle: ticks during a slow cycle are skipped', async () => {
    let requests = 0;
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let arrived!: () => void;
    const requestArrived = new Promise<void>((resolve) => (arrived = resolve));
    h.server.route('/slow', async (_req, res) => {
      requests++;
      arrived();
      await held;
      res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssDoc('Slow', [item(1)]));
    });
    await h.sync([h.feed('slow', '/slow')]);
    const scheduler = createCronScheduler({ schedule: '* * * * *', name: 'poll', log: quietLog, job: () => h.poll() });
    const first = scheduler.tick();
    await requestArrived;
    // a tick comes while the fetch is held, even after the feed's interval has passed
    h.clock.advance(10 * MIN);
    expect(await scheduler.tick()).toBe('skipped');
    expect(await scheduler.tick()).toBe('skipped');
    release();
    expect(await first).toBe('ran');
    expect(requests).toBe(1);
    expect(await h.store.latest({ limit: 5 })).toHaveLength(1);
    expect(await scheduler.stop(1_000)).toBe(true);
  });
});
