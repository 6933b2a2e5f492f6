/**
 * The SSRF guard end to end (allowPrivateNetworks: false) and the concurrency limits, observed by
 * a real server. Names resolve through an injected lookup, so nothing leaves the machine: the only
 * addresses ever connected to are 127.0.0.x.
 */
import type { LookupAddress } from 'node:dns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkAddress, createHttpFeedSource, type DnsLookup } from '../../src/adapters/feeds/index.js';
import type { FeedFetchResult } from '../../src/ports.js';
import { quietLog, rss, startServer, type TestServer } from './server.js';

const settings = (allowPrivateNetworks: boolean) => ({ timeout: 2_000, maxBytes: 1_000_000, maxRedirects: 5, userAgent: null, allowPrivateNetworks });

/** A DNS that knows a few names and records every question. */
function fakeDns(table: Record<string, string>): DnsLookup & { asked: string[] } {
  const asked: string[] = [];
  const lookup = ((hostname: string, _opts: unknown, cb: (err: NodeJS.ErrnoException | null, a: LookupAddress[]) => void) => {
    asked.push(hostname);
    const address = table[hostname];
    if (!address) return cb(Object.assign(new Error(`ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }), []);
    cb(null, [{ address, family: address.includes(':') ? 6 : 4 }]);
  }) as DnsLookup & { asked: string[] };
  lookup.asked = asked;
  return lookup;
}

const code = (r: FeedFetchResult): string | null => (r.kind === 'error' ? r.error.code : null);
const feedReq = (url: string) => ({ feedId: 'f', url, etag: null, lastModified: null });

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
  server.route('/feed', (_req, res) => res.writeHead(200).end(rss([{ title: 'A', link: 'https://e.org/a' }])));
});
afterAll(() => server.close());

describe('SSRF guard with allowPrivateNetworks: false', () => {
  it('refuses a loopback literal without sending a request', async () => {
    const before = server.requests.length;
    const source = createHttpFeedSource({ fetch: settings(false), concurrency: 4, perHostConcurrency: 2, log: quietLog });
    for (const url of [server.url('/feed'), `http://[::ffff:127.0.0.1]:${server.port}/feed`, `http://0x7f.1:${server.port}/feed`]) {
      const r = await source.fetchFeed(feedReq(url));
      expect(code(r), url).toBe('blocked-address');
    }
    expect(server.requests.length).toBe(before);
    await source.close();
  });

  it('refuses a name that resolves to a private address (checked after DNS)', async () => {
    const dns = fakeDns({ 'intranet.example': '10.1.2.3', 'cgnat.example': '100.64.0.9', 'v6.example': 'fd12::1' });
    const source = createHttpFeedSource({ fetch: settings(false), concurrency: 4, perHostConcurrency: 2, log: quietLog, lookup: dns });
    for (const host of ['intranet.example', 'cgnat.example', 'v6.example']) {
      const r = await source.fetchFeed(feedReq(`http://${host}/feed`));
      expect(code(r)).toBe('blocked-address');
      if (r.kind === 'error') expect(r.error.message).toContain(host);
    }
    expect(dns.asked).toEqual(['intranet.example', 'cgnat.example', 'v6.example']);
    await source.close();
  });

  it('refuses a redirect from a public-looking host to 127.0.0.1 at the redirect hop', async () => {
    // 127.0.0.2 stands in for a public address: the policy is the real one except for it.
    const publicServer = await startServer('127.0.0.2');
    publicServer.route('/feed', (_req, res) => res.writeHead(302, { location: server.url('/feed') }).end());
    const dns = fakeDns({ 'news.example': '127.0.0.2' });
    const check = (ip: string): string | null => (ip === '127.0.0.2' ? null : checkAddress(ip, { allowPrivateNetworks: false }));
    const source = createHttpFeedSource({ fetch: settings(false), concurrency: 4, perHostConcurrency: 2, log: quietLog, lookup: dns, checkAddress: check });
    const before = server.requests.length;
    const r = await source.fetchFeed(feedReq(`http://news.example:${publicServer.port}/feed`));
    expect(code(r)).toBe('blocked-address');
    expect(publicServer.requests).toHaveLength(1);
    expect(server.requests.length).toBe(before);
    await source.close();
    await publicServer.close();
  });

  it('refuses cloud metadata even when private networks are allowed, by address and by name', async () => {
    const dns = fakeDns({ 'metadata.google.internal': '169.254.169.254' });
    const source = createHttpFeedSource({ fetch: settings(true), concurrency: 4, perHostConcurrency: 2, log: quietLog, lookup: dns });
    server.route('/to-metadata', (_req, res) => res.writeHead(301, { location: 'http://169.254.169.254/latest/meta-data/' }).end());
    expect(code(await source.fetchFeed(feedReq(server.url('/to-metadata'))))).toBe('blocked-address');
    expect(code(await source.fetchFeed(feedReq('http://metadata.google.internal/computeMetadata/v1/')))).toBe('blocked-address');
    expect(code(await source.fetchFeed(feedReq('http://[fd00:ec2::254]/latest/')))).toBe('blocked-address');
    expect(dns.asked).toEqual([]);
    await source.close();
  });

  it('says a metadata address is a cloud metadata endpoint, refused whatever allowPrivateNetworks says', async () => {
    const dns = fakeDns({ 'sneaky.example': '169.254.169.254' });
    for (const allow of [false, true]) {
      const source = createHttpFeedSource({ fetch: settings(allow), concurrency: 4, perHostConcurrency: 2, log: quietLog, lookup: dns });
      for (const url of ['http://169.254.169.254/latest/meta-data/', 'http://[fd00:ec2::254]/latest/', 'http://sneaky.example/feed', 'http://metadata.google.internal/']) {
        const r = await source.fetchFeed(feedReq(url));
        if (r.kind !== 'error') throw new Error(`expected an error for ${url}`);
        expect(r.error.code, url).toBe('blocked-address');
        expect(r.error.message, url).toMatch(/cloud metadata/);
        expect(r.error.message, url).toMatch(/always refused, even with fetch\.allowPrivateNetworks: true/);
        expect(r.error.message, url).not.toMatch(/allows private networks/);
      }
      await source.close();
    }
    // A private address still points at the switch that allows it.
    const source = createHttpFeedSource({ fetch: settings(false), concurrency: 4, perHostConcurrency: 2, log: quietLog });
    const r = await source.fetchFeed(feedReq('http://10.1.2.3/feed'));
    expect(r.kind === 'error' && r.error.message).toMatch(/private \(10\.0\.0\.0\/8\).*fetch\.allowPrivateNetworks: true allows private networks/);
    await source.close();
  });

  it('fetches only http and https', async () => {
    const source = createHttpFeedSource({ fetch: settings(true), concurrency: 4, perHostConcurrency: 2, log: quietLog });
    for (const url of ['file:///etc/passwd', 'ftp://example.org/feed', 'gopher://127.0.0.1/', 'not a url']) {
      expect(code(await source.fetchFeed(feedReq(url))), url).toBe('bad-url');
    }
    expect(await source.fetchArticleText('file:///etc/passwd')).toBeNull();
    await source.close();
  });

  it('gives article pages the same guard (null, never a request)', async () => {
    server.route('/article', (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body><article><p>x</p></article></body></html>'));
    const before = server.requests.length;
    const source = createHttpFeedSource({ fetch: settings(false), concurrency: 4, perHostConcurrency: 2, log: quietLog });
    expect(await source.fetchArticleText(server.url('/article'))).toBeNull();
    expect(server.requests.length).toBe(before);
    await source.close();
  });
});

describe('concurrency limits, as the server sees them', () => {
  const slow = (ms: number) => async (_req: unknown, res: { writeHead(s: number): { end(b: string): void } }) => {
    await new Promise((r) => setTimeout(r, ms));
    res.writeHead(200).end(rss([{ title: 'A', link: 'https://e.org/a' }]));
  };

  it('never has more than perHostConcurrency requests in flight to one host', async () => {
    const s = await startServer();
    s.route('/slow', slow(150));
    const source = createHttpFeedSource({ fetch: settings(true), concurrency: 10, perHostConcurrency: 2, log: quietLog });
    const results = await Promise.all(Array.from({ length: 6 }, () => source.fetchFeed(feedReq(s.url('/slow')))));
    expect(results.every((r) => r.kind === 'ok')).toBe(true);
    expect(s.maxInFlightByHost.get('127.0.0.1')).toBe(2);
    await source.close();
    await s.close();
  });

  it('never has more than `concurrency` requests in flight overall', async () => {
    const s = await startServer();
    s.route('/slow', slow(150));
    const dns = fakeDns({ 'a.test': '127.0.0.1', 'b.test': '127.0.0.1', 'c.test': '127.0.0.1', 'd.test': '127.0.0.1' });
    const source = createHttpFeedSource({ fetch: settings(true), concurrency: 3, perHostConcurrency: 2, log: quietLog, lookup: dns });
    const urls = ['a', 'b', 'c', 'd'].flatMap((h) => [`http://${h}.test:${s.port}/slow`, `http://${h}.test:${s.port}/slow`]);
    const results = await Promise.all(urls.map((u) => source.fetchFeed(feedReq(u))));
    expect(results.every((r) => r.kind === 'ok')).toBe(true);
    expect(s.maxInFlight).toBe(3);
    expect(Math.max(...s.maxInFlightByHost.values())).toBeLessThanOrEqual(2);
    await source.close();
    await s.close();
  });
});

describe('full text of an article page', () => {
  it('extracts the main text under the same limits, and gives null for what is not an article', async () => {
    const para = 'The trade minister said the tariff talks would resume next week in Washington, with both sides hoping to conclude an agreement on autos and agriculture before the summer. ';
    server.route('/story', (_req, res) =>
      res
        .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
        .end(`<html><head><title>Talks</title></head><body><nav>Home | World</nav><article><h1>Talks resume</h1><p>${para.repeat(3)}</p><p>${para}</p></article><footer>© News</footer></body></html>`),
    );
    server.route('/pdf', (_req, res) => res.writeHead(200, { 'content-type': 'application/pdf' }).end('%PDF-1.4'));
    server.route('/gone', (_req, res) => res.writeHead(404).end());
    const source = createHttpFeedSource({ fetch: settings(true), concurrency: 4, perHostConcurrency: 2, log: quietLog });
    const text = await source.fetchArticleText(server.url('/story'));
    expect(text).toContain('The trade minister said');
    expect(text).not.toContain('Home | World');
    expect(await source.fetchArticleText(server.url('/pdf'))).toBeNull();
    expect(await source.fetchArticleText(server.url('/gone'))).toBeNull();
    await source.close();
  });
});
