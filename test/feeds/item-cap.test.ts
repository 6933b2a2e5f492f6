/**
 * The per-fetch item cap (issue 3, M1, `fetch.maxItems`): a feed with thousands of items yields
 * only the newest N by date, whatever order the document lists them in.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpFeedSource, newestItems, type HttpFeedSource } from '../../src/adapters/feeds/index.js';
import { settingsSchema } from '../../src/config/schema.js';
import type { FeedItem } from '../../src/core/types.js';
import type { FeedFetchResult } from '../../src/ports.js';
import { quietLog, startServer, type TestServer } from './server.js';

let server: TestServer;
const BASE = Date.parse('2025-05-01T00:00:00Z');
const COUNT = 3_000;
/** Item i is published i minutes after BASE; the document lists them in a scrambled order. */
const order = Array.from({ length: COUNT }, (_, i) => (i * 7_919) % COUNT);

function bigFeed(): string {
  const items = order.map(
    (i) => `<item><title>Story ${i}</title><link>https://news.example.org/${i}</link><guid>s${i}</guid><pubDate>${new Date(BASE + i * 60_000).toUTCString()}</pubDate></item>`,
  );
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Big</title><link>https://news.example.org/</link>${items.join('')}</channel></rss>`;
}

const sources: HttpFeedSource[] = [];
function sourceWith(maxItems?: number): HttpFeedSource {
  const fetch = { timeout: 5_000, maxBytes: 5_000_000, maxRedirects: 5, userAgent: null, allowPrivateNetworks: true, ...(maxItems ? { maxItems } : {}) };
  const s = createHttpFeedSource({ fetch, concurrency: 2, perHostConcurrency: 2, log: quietLog });
  sources.push(s);
  return s;
}

beforeAll(async () => {
  server = await startServer();
  const doc = bigFeed();
  server.route('/big', (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(doc));
});
afterAll(async () => {
  for (const s of sources) await s.close();
  await server.close();
});

async function guids(source: HttpFeedSource): Promise<string[]> {
  const r: FeedFetchResult = await source.fetchFeed({ feedId: 'big', url: server.url('/big'), etag: null, lastModified: null });
  if (r.kind !== 'ok') throw new Error(`expected ok, got ${JSON.stringify(r)}`);
  return r.feed.items.map((i) => i.guid ?? '');
}

const newest = (n: number): string[] =>
  order.filter((i) => i >= COUNT - n).map((i) => `s${i}`); // document order, newest n only

describe('fetch.maxItems', () => {
  it('keeps the newest N items by date, in document order', async () => {
    expect(await guids(sourceWith(100))).toEqual(newest(100));
  });

  it('defaults to 500, in the source and in the settings', async () => {
    expect(settingsSchema.parse({}).fetch.maxItems).toBe(500);
    expect(await guids(sourceWith())).toEqual(newest(500));
  });

  it('counts an undated item as newest and keeps document order among equal dates', () => {
    const item = (guid: string, published: string | null): FeedItem => ({ guid, title: guid, url: null, published, author: null, body: '' });
    const items = [item('old', '2025-01-01T00:00:00Z'), item('undated', null), item('new-a', '2025-03-01T00:00:00Z'), item('new-b', '2025-03-01T00:00:00Z')];
    expect(newestItems(items, 2).map((i) => i.guid)).toEqual(['undated', 'new-a']);
    expect(newestItems(items, 10)).toBe(items);
  });
});
