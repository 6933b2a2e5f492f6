/**
 * Fetch slots against a real slow server (issue 3, H1): a host with many feeds waiting for its
 * per-host slot holds no global slot, so other hosts go ahead; and the fetch timeout runs only while
 * a request does, so a feed queued behind its busy host does not time out for having waited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpFeedSource, type HttpFeedSource } from '../../src/adapters/feeds/index.js';
import type { FeedFetchResult } from '../../src/ports.js';
import { quietLog, rss, startServer, type TestServer } from './server.js';

let server: TestServer;
let source: HttpFeedSource;
const SLOW_MS = 250;
const TIMEOUT_MS = 600;
const FEED = rss([{ title: 'Tariff talks resume', link: 'https://news.example.org/a' }]);

beforeAll(async () => {
  server = await startServer();
  server.route('/slow', async (_req, res) => {
    await new Promise((r) => setTimeout(r, SLOW_MS));
    res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(FEED);
  });
  server.route('/fast', (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(FEED));
  source = createHttpFeedSource({
    fetch: { timeout: TIMEOUT_MS, maxBytes: 200_000, maxRedirects: 5, userAgent: null, allowPrivateNetworks: true },
    concurrency: 2,
    perHostConcurrency: 1,
    log: quietLog,
    // Two host names on this machine, so the per-host limit tells them apart.
    lookup: (_host, _options, callback) => callback(null, [{ address: '127.0.0.1', family: 4 }]),
  });
});
afterAll(async () => {
  await source.close();
  await server.close();
});

const fetchFrom = (host: string, path: string): Promise<FeedFetchResult> =>
  source.fetchFeed({ feedId: `${host}${path}`, url: `http://${host}:${server.port}${path}`, etag: null, lastModified: null });

describe('fetch slots', () => {
  it('lets another host go ahead while one host’s feeds queue, and never times a feed out for queueing', async () => {
    const done: string[] = [];
    const track = (label: string, p: Promise<FeedFetchResult>): Promise<FeedFetchResult> =>
      p.then((r) => {
        done.push(label);
        return r;
      });
    // Six feeds on the slow host first (1 slot there: ~6 × 250 ms queued, far past the 600 ms timeout), then one elsewhere.
    const slow = Array.from({ length: 6 }, (_, i) => track(`slow${i}`, fetchFrom('slow.feeds.test', '/slow')));
    const fast = track('fast', fetchFrom('fast.feeds.test', '/fast'));
    const results = await Promise.all([...slow, fast]);

    expect(results.map((r) => (r.kind === 'error' ? `${r.error.code}: ${r.error.message}` : r.kind))).toEqual(Array(7).fill('ok'));
    // The other host was served while the first slow request was still running.
    expect(done[0]).toBe('fast');
    expect(server.maxInFlightByHost.get('slow.feeds.test')).toBe(1);
  });

  it('still times out a request that is itself slow', async () => {
    server.route('/stuck', async (_req, res) => {
      await new Promise((r) => setTimeout(r, TIMEOUT_MS * 3));
      if (!res.destroyed) res.writeHead(200).end(FEED);
    });
    const started = performance.now();
    const r = await fetchFrom('stuck.feeds.test', '/stuck');
    expect(r).toMatchObject({ kind: 'error', error: { code: 'timeout' } });
    expect(performance.now() - started).toBeLessThan(TIMEOUT_MS * 2);
  });
});
