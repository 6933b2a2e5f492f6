/**
 * @module adapters/feeds/http-source — the FeedSource port over HTTP(S): conditional GET, polite
 * limits, the SSRF guard, and parsing; every failure of a feed comes back as a classified result,
 * never as a throw.
 */
import { STATUS_CODES } from 'node:http';
import type { FeedFetchRequest, FeedFetchResult, FeedSource, Log } from '../../ports.js';
import type { FeedItem, ParsedFeed } from '../../core/types.js';
import { errorMessage } from '../../core/errors.js';
import { decodeDocument } from './charset.js';
import { classifyFetchError, statusError } from './classify.js';
import { fetchResource, type FetchContext, type FetchedResponse } from './http-fetch.js';
import { createTransport } from './http-transport.js';
import { createFetchSlots } from './limits.js';
import { parseFeed } from './parse/index.js';
import { retryFloorMs } from './retry-floor.js';
import { DEFAULT_USER_AGENT } from './user-agent.js';
import { checkAddress, createGuardedLookup, type AddressCheck, type DnsLookup } from './ssrf.js';

export { DEFAULT_USER_AGENT } from './user-agent.js';

export interface HttpFeedSourceOptions {
  /** `settings.fetch`: timeout (ms), maxBytes, maxRedirects, maxItems, userAgent (null = DEFAULT_USER_AGENT), allowPrivateNetworks. */
  fetch: {
    timeout: number;
    maxBytes: number;
    maxRedirects: number;
    /** Items kept per fetch, the newest by date (default DEFAULT_MAX_ITEMS). */
    maxItems?: number;
    userAgent: string | null;
    allowPrivateNetworks: boolean;
  };
  /** `settings.poll.concurrency` / `perHostConcurrency`: fetches at once, overall and per host name. */
  concurrency: number;
  perHostConcurrency: number;
  log: Log;
  /** DNS resolution (tests map names to addresses without leaving the machine). Default: node:dns lookup. */
  lookup?: DnsLookup;
  /** Which addresses are refused (tests only; default: the SSRF policy of `checkAddress`). */
  checkAddress?: AddressCheck;
  /** Milliseconds since the epoch, for Retry-After dates (default Date.now). */
  now?: () => number;
}

export interface HttpFeedSource extends FeedSource {
  /** Closes pooled connections (end of a CLI run, tests). */
  close(): Promise<void>;
}

/** How long an idle connection is kept for the next request to its origin. */
const KEEP_ALIVE_MS = 2_000;

const FEED_ACCEPT = 'application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.5';
const PAGE_ACCEPT = 'text/html, application/xhtml+xml;q=0.9, */*;q=0.1';

/** `fetch.maxItems` when not configured. */
export const DEFAULT_MAX_ITEMS = 500;

/**
 * At most `max` items: the newest by date, in document order. An undated item counts as newest (the
 * poller dates it when first seen); among equal dates the earlier in the document wins, as feeds list
 * newest first.
 */
export function newestItems(items: FeedItem[], max: number): FeedItem[] {
  if (items.length <= max) return items;
  const time = (item: FeedItem): number => {
    const ms = item.published ? Date.parse(item.published) : Number.NaN;
    return Number.isNaN(ms) ? Number.POSITIVE_INFINITY : ms;
  };
  const ranked = items.map((item, index) => ({ index, t: time(item) }));
  ranked.sort((a, b) => b.t - a.t || a.index - b.index);
  const keep = new Set(ranked.slice(0, max).map((r) => r.index));
  return items.filter((_, i) => keep.has(i));
}

/** An item with nothing to show and nothing to identify it (an empty `<item/>`) is not a story. */
function hasContent(item: FeedItem): boolean {
  return Boolean(item.title || item.url || item.guid || item.body);
}

export function createHttpFeedSource(options: HttpFeedSourceOptions): HttpFeedSource {
  const { fetch: settings, log } = options;
  const now = options.now ?? Date.now;
  const check: AddressCheck = options.checkAddress ?? ((ip) => checkAddress(ip, { allowPrivateNetworks: settings.allowPrivateNetworks }));
  // A feed is polled every few minutes: a connection is reused within a cycle (several feeds or
  // articles on one host, back to back) or not at all. Idle sockets kept longer only hold memory
  // — with a thousand hosts, a thousand sockets and their buffers.
  const transport = createTransport({ lookup: createGuardedLookup(check, options.lookup), perHost: options.perHostConcurrency, keepAliveMs: KEEP_ALIVE_MS });
  const ctx: FetchContext = {
    transport,
    check,
    acquire: createFetchSlots(options.concurrency, options.perHostConcurrency),
    maxBytes: settings.maxBytes,
    maxRedirects: settings.maxRedirects,
    timeoutMs: settings.timeout,
  };
  const userAgent = settings.userAgent ?? DEFAULT_USER_AGENT;
  const maxItems = settings.maxItems ?? DEFAULT_MAX_ITEMS;

  async function fetchFeed(req: FeedFetchRequest, signal?: AbortSignal): Promise<FeedFetchResult> {
    const started = now();
    const headers: Record<string, string> = { 'user-agent': userAgent, accept: FEED_ACCEPT, 'accept-encoding': 'gzip, deflate, br' };
    if (req.etag) headers['if-none-match'] = req.etag;
    if (req.lastModified) headers['if-modified-since'] = req.lastModified;
    let res: FetchedResponse;
    try {
      res = await fetchResource(ctx, { url: req.url, headers, signal, wantBody: (status) => status !== 204 && status !== 304 });
    } catch (err) {
      const error = classifyFetchError(err, { url: req.url, timeoutMs: settings.timeout });
      log.debug({ feedId: req.feedId, url: req.url, code: error.code, ms: now() - started }, 'feed fetch failed');
      return { kind: 'error', status: error.status, error: { code: error.code, message: error.message }, finalUrl: req.url, retryFloorMs: null };
    }
    const floor = retryFloorMs(res.status, { retryAfter: res.headers.get('retry-after'), cacheControl: res.headers.get('cache-control') }, now());
    const common = { finalUrl: res.finalUrl, retryFloorMs: floor };
    const etag = res.headers.get('etag');
    const lastModified = res.headers.get('last-modified');
    log.debug({ feedId: req.feedId, url: req.url, status: res.status, ms: now() - started }, 'feed fetched');
    if (res.status === 304) {
      // A 304 may omit the validators; the ones we sent still describe what we have (RFC 9110 §15.4.5).
      return { kind: 'not-modified', status: 304, etag: etag ?? req.etag, lastModified: lastModified ?? req.lastModified, ...common };
    }
    if (res.status < 200 || res.status >= 300) {
      const failure = statusError(res.status, STATUS_CODES[res.status] ?? '');
      return { kind: 'error', status: res.status, error: { code: failure.code, message: failure.message }, ...common };
    }
    if (!res.body || res.body.length === 0) {
      return { kind: 'error', status: res.status, error: { code: 'empty', message: `HTTP ${res.status} with an empty body` }, ...common };
    }
    const parsed = await parseFeed(res.body, { baseUrl: res.finalUrl, contentType: res.headers.get('content-type'), maxBytes: settings.maxBytes }).catch(
      // parseFeed reports what documents contain; this only catches a bug, still as this feed's error.
      (err: unknown): Awaited<ReturnType<typeof parseFeed>> => ({ ok: false, error: { code: 'parse', message: `parser failure: ${errorMessage(err)}` } }),
    );
    if (!parsed.ok) return { kind: 'error', status: res.status, error: parsed.error, ...common };
    const feed: ParsedFeed = { ...parsed.feed, items: newestItems(parsed.feed.items.filter(hasContent), maxItems) };
    return { kind: 'ok', status: res.status, etag, lastModified, feed, ...common };
  }

  async function fetchArticleText(url: string, signal?: AbortSignal): Promise<string | null> {
    try {
      const res = await fetchResource(ctx, {
        url,
        headers: { 'user-agent': userAgent, accept: PAGE_ACCEPT, 'accept-encoding': 'gzip, deflate, br' },
        signal,
        wantBody: (status, h) => status === 200 && /html|^$/i.test((h.get('content-type') ?? '').split(';')[0]?.trim() ?? ''),
      });
      if (!res.body || res.body.length === 0) return null;
      const page = decodeDocument(res.body, { contentType: res.headers.get('content-type'), kind: 'html' });
      // Loaded on first use: linkedom and Readability cost ~25 MB of memory that only fullText feeds need.
      const { extractArticle } = await import('../extract/article-html.js');
      const text = extractArticle(page.text, res.finalUrl).text;
      return text || null;
    } catch (err) {
      const error = classifyFetchError(err, { url, timeoutMs: settings.timeout });
      log.debug({ url, code: error.code, message: error.message }, 'article fetch failed; the feed text is used');
      return null;
    }
  }

  return {
    fetchFeed,
    fetchArticleText,
    close: async () => transport.close(),
  };
}
