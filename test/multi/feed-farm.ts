/**
 * @module test/multi/feed-farm — many RSS feeds on one 127.0.0.1 server for the several-instances
 * test. Records when each feed was requested, and by whom (User-Agent). New items start to appear only once every feed has
 * been polled once (so the first poll, which alerts on nothing, never swallows one), then each feed
 * publishes `newItems` more at `periodMs` apart, staggered per feed. Titles and bodies are made of
 * pseudo-random words, so no two stories look alike to the near-duplicate check, and carry a marker
 * (`zq<feed>x<item>`) to find them in chat posts.
 */
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FeedFarmOptions {
  feeds: number;
  /** Topic keyword of feed i: `kw<i % topics>`. */
  topics: number;
  newItems: number;
  /** First new item of each feed appears this long after every feed was polled once, plus a per-feed stagger. */
  firstNewAfterMs: number;
  periodMs: number;
}

export interface FeedFarm {
  url(feed: number): string;
  /** Requests per feed, in arrival order: when, and the User-Agent (which instance). */
  requests: { at: number; agent: string }[][];
  /** When every feed had been requested once (publishing starts), or null. */
  allPolledAt(): number | null;
  /** Resolves (with that time) once every feed has been requested once. */
  allPolled(): Promise<number>;
  /** Resolves once every item has been published (publishing started and its last item is due). */
  allPublished(): Promise<void>;
  /** Markers of the items published so far (those that must be alerted). */
  published(now?: number): string[];
  /** When the last new item appears, once publishing started. */
  lastPublishAt(): number | null;
  marker(feed: number, item: number): string;
  topicOf(feed: number): string;
  close(): Promise<void>;
}

const SYLLABLES = ['ka', 'ro', 'mi', 'ten', 'sul', 'var', 'po', 'de', 'lin', 'chu', 'na', 'bre', 'tos', 'gal', 'fe', 'quo', 'zim', 'har', 'el', 'ush'];

/** Deterministic pseudo-random words for (feed, item, part): mulberry32 over a seed. */
function words(seed: number, n: number): string[] {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return Array.from({ length: n }, () => Array.from({ length: 3 }, () => SYLLABLES[Math.floor(next() * SYLLABLES.length)]).join(''));
}

export async function startFeedFarm(options: FeedFarmOptions): Promise<FeedFarm> {
  const requests: { at: number; agent: string }[][] = Array.from({ length: options.feeds }, () => []);
  let polledOnce = 0;
  let startedAt: number | null = null;
  let markAllPolled: (at: number) => void = () => undefined;
  const allPolled = new Promise<number>((resolve) => (markAllPolled = resolve));
  const stagger = (feed: number): number => ((feed * 7919) % 1000) * (options.periodMs / 1000);
  const publishAt = (feed: number, item: number): number =>
    item === 0 ? Number.NEGATIVE_INFINITY : startedAt === null ? Number.POSITIVE_INFINITY : startedAt + options.firstNewAfterMs + stagger(feed) + (item - 1) * options.periodMs;
  const marker = (feed: number, item: number): string => `zq${feed}x${item}`;
  const topicOf = (feed: number): string => `kw${String(feed % options.topics).padStart(2, '0')}`;

  function rss(feed: number, now: number): string {
    const items: string[] = [];
    for (let k = options.newItems; k >= 0; k--) {
      const at = publishAt(feed, k);
      if (at > now) continue;
      const seed = feed * 1000 + k;
      const title = `${words(seed, 5).join(' ')} ${topicOf(feed)} ${marker(feed, k)}`;
      const body = `${words(seed + 500_000, 12).join(' ')} ${topicOf(feed)}.\n\n${words(seed + 900_000, 14).join(' ')}.`;
      const date = new Date(Number.isFinite(at) ? at : now - 3_600_000).toUTCString();
      items.push(
        `<item><title>${title}</title><link>http://farm.example/${feed}/${k}</link><guid isPermaLink="false">farm-${feed}-${k}</guid>` +
          `<description>${body}</description><pubDate>${date}</pubDate></item>`,
      );
    }
    return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Farm ${feed}</title><link>http://farm.example/</link>${items.join('')}</channel></rss>`;
  }

  const lastPublishAt = (): number | null => (startedAt === null ? null : Math.max(...requests.map((_, f) => publishAt(f, options.newItems))));

  const server: Server = createServer((req, res) => {
    const m = /^\/feed\/(\d+)\.xml$/.exec(req.url ?? '');
    const feed = m ? Number(m[1]) : -1;
    if (feed < 0 || feed >= options.feeds) {
      res.writeHead(404).end();
      return;
    }
    const now = Date.now();
    if (requests[feed]!.push({ at: now, agent: req.headers['user-agent'] ?? '' }) === 1 && ++polledOnce === options.feeds) {
      startedAt = now;
      markAllPolled(now);
    }
    res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(rss(feed, now));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;

  return {
    url: (feed) => `http://127.0.0.1:${port}/feed/${feed}.xml`,
    requests,
    allPolledAt: () => startedAt,
    published(now = Date.now()) {
      const out: string[] = [];
      for (let f = 0; f < options.feeds; f++) for (let k = 1; k <= options.newItems; k++) if (publishAt(f, k) <= now) out.push(marker(f, k));
      return out;
    },
    lastPublishAt,
    allPolled: () => allPolled,
    async allPublished() {
      await allPolled;
      // A timer may fire a millisecond early: wait again until the clock has really reached it.
      for (let wait = lastPublishAt()! - Date.now(); wait >= 0; wait = lastPublishAt()! - Date.now()) {
        await new Promise((resolve) => setTimeout(resolve, wait + 1));
      }
    },
    marker,
    topicOf,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
