/**
 * The HTTP FeedSource against a real server on 127.0.0.1: conditional GET, redirects, timeouts,
 * statuses and retry floors, size limits, compression, charsets, hostile and non-feed bodies.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpFeedSource, type HttpFeedSource } from '../../src/adapters/feeds/index.js';
import { userAgentFor } from '../../src/adapters/feeds/user-agent.js';
import type { FeedFetchResult } from '../../src/ports.js';
import { quietLog, rss, startServer, type TestServer } from './server.js';

let server: TestServer;
let source: HttpFeedSource;
const NOW = Date.parse('2025-05-06T12:00:00Z');
const fetchSettings = { timeout: 1_000, maxBytes: 200_000, maxRedirects: 5, userAgent: null, allowPrivateNetworks: true };

beforeAll(async () => {
  server = await startServer();
  source = createHttpFeedSource({ fetch: fetchSettings, concurrency: 8, perHostConcurrency: 4, log: quietLog, now: () => NOW });
});
afterAll(async () => {
  await source.close();
  await server.close();
});

const get = (path: string, v: { etag?: string; lastModified?: string } = {}): Promise<FeedFetchResult> =>
  source.fetchFeed({ feedId: 'f', url: server.url(path), etag: v.etag ?? null, lastModified: v.lastModified ?? null });

function okFeed(r: FeedFetchResult): Extract<FeedFetchResult, { kind: 'ok' }> {
  if (r.kind !== 'ok') throw new Error(`expected ok, got ${JSON.stringify(r)}`);
  return r;
}

function errorOf(r: FeedFetchResult): { code: string; message: string; status: number | null } {
  if (r.kind !== 'error') throw new Error(`expected an error, got ${r.kind}`);
  return { ...r.error, status: r.status };
}

const FEED = rss([{ title: 'Tariff talks resume', link: 'https://news.example.org/a?utm_source=rss&id=7#top' }]);

describe('conditional GET', () => {
  it('sends the ETag back and treats 304 as success with no items', async () => {
    server.route('/etag', (req, res) => {
      if (req.headers['if-none-match'] === '"v1"') return void res.writeHead(304, { etag: '"v1"' }).end();
      res.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"v1"' }).end(FEED);
    });
    const first = okFeed(await get('/etag'));
    expect(first.etag).toBe('"v1"');
    expect(first.feed.items[0]?.url).toBe('https://news.example.org/a?id=7');
    const second = await get('/etag', { etag: first.etag ?? undefined });
    expect(second).toMatchObject({ kind: 'not-modified', status: 304, etag: '"v1"' });
  });

  it('sends Last-Modified back as If-Modified-Since, and keeps validators a 304 omits', async () => {
    const lm = 'Tue, 06 May 2025 08:00:00 GMT';
    server.route('/lm', (req, res) => {
      if (req.headers['if-modified-since'] === lm) return void res.writeHead(304).end();
      res.writeHead(200, { 'last-modified': lm, 'content-type': 'text/xml' }).end(FEED);
    });
    const first = okFeed(await get('/lm'));
    expect(first.lastModified).toBe(lm);
    const second = await get('/lm', { lastModified: lm, etag: '"old"' });
    expect(second).toMatchObject({ kind: 'not-modified', lastModified: lm, etag: '"old"' });
  });
});

describe('redirects', () => {
  it.each([301, 302, 307, 308])('follows a %i with a relative Location and reports the final URL', async (status) => {
    server.route(`/moved-${status}`, (_req, res) => res.writeHead(status, { location: `../final-${status}` }).end());
    server.route(`/final-${status}`, (_req, res) => res.writeHead(200).end(FEED));
    const r = okFeed(await get(`/moved-${status}`));
    expect(r.finalUrl).toBe(server.url(`/final-${status}`));
    expect(r.feed.items).toHaveLength(1);
  });

  it('refuses a redirect loop', async () => {
    server.route('/loop-a', (_req, res) => res.writeHead(302, { location: '/loop-b' }).end());
    server.route('/loop-b', (_req, res) => res.writeHead(302, { location: '/loop-a' }).end());
    expect(errorOf(await get('/loop-a'))).toMatchObject({ code: 'too-many-redirects' });
  });

  it('follows five redirects and refuses a sixth', async () => {
    for (let i = 0; i < 6; i++) server.route(`/hop${i}`, (_req, res) => res.writeHead(301, { location: `/hop${i + 1}` }).end());
    server.route('/hop6', (_req, res) => res.writeHead(200).end(FEED));
    expect(okFeed(await get('/hop1')).finalUrl).toBe(server.url('/hop6'));
    expect(errorOf(await get('/hop0'))).toMatchObject({ code: 'too-many-redirects' });
  });
});

describe('timeouts', () => {
  it('gives up on slow headers', async () => {
    server.route('/slow-headers', async (_req, res) => {
      await new Promise((r) => setTimeout(r, 3_000));
      if (!res.destroyed) res.writeHead(200).end(FEED);
    });
    const started = Date.now();
    expect(errorOf(await get('/slow-headers'))).toMatchObject({ code: 'timeout' });
    expect(Date.now() - started).toBeLessThan(2_500);
  });

  it('gives up on a body that trickles past the deadline', async () => {
    server.route('/slow-body', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.write('<?xml version="1.0"?><rss version="2.0"><channel>');
      const timer = setInterval(() => (res.destroyed ? clearInterval(timer) : res.write('<!-- still here -->')), 100);
    });
    const started = Date.now();
    expect(errorOf(await get('/slow-body'))).toMatchObject({ code: 'timeout' });
    expect(Date.now() - started).toBeLessThan(2_500);
  });
});

describe('statuses and retry floors', () => {
  it('maps a 500 to a status error', async () => {
    server.route('/500', (_req, res) => res.writeHead(500).end('boom'));
    expect(errorOf(await get('/500'))).toMatchObject({ code: 'status', status: 500 });
  });

  it('returns Retry-After seconds on a 429 as the floor', async () => {
    server.route('/429', (_req, res) => res.writeHead(429, { 'retry-after': '120' }).end());
    const r = await get('/429');
    expect(errorOf(r)).toMatchObject({ code: 'status', status: 429 });
    expect(r.retryFloorMs).toBe(120_000);
  });

  it('returns a Retry-After HTTP date on a 503 relative to the injected clock', async () => {
    server.route('/503', (_req, res) => res.writeHead(503, { 'retry-after': new Date(NOW + 90 * 60_000).toUTCString() }).end());
    expect((await get('/503')).retryFloorMs).toBe(90 * 60_000);
  });

  it('returns Cache-Control max-age as the floor on success and on 304', async () => {
    server.route('/cached', (req, res) => {
      if (req.headers['if-none-match']) return void res.writeHead(304, { 'cache-control': 'public, max-age=600' }).end();
      res.writeHead(200, { 'cache-control': 'public, max-age=900', etag: '"c"' }).end(FEED);
    });
    expect((await get('/cached')).retryFloorMs).toBe(900_000);
    expect((await get('/cached', { etag: '"c"' })).retryFloorMs).toBe(600_000);
  });
});

describe('size limit', () => {
  it('stops an oversized chunked body mid-stream and drops the connection', async () => {
    const before = server.abortedResponses;
    server.route('/huge', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      const chunk = `<item><title>${'x'.repeat(1000)}</title></item>`;
      let sent = 0;
      const pump = (): void => {
        while (!res.destroyed && sent < 5_000_000) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        if (!res.destroyed) res.end('</channel></rss>');
      };
      res.write('<?xml version="1.0"?><rss version="2.0"><channel>');
      pump();
    });
    expect(errorOf(await get('/huge'))).toMatchObject({ code: 'too-large' });
    await server.waitForAborted(before + 1);
    expect(server.abortedResponses).toBe(before + 1);
  });

  it('refuses a declared Content-Length over the limit without reading it', async () => {
    server.route('/declared', (_req, res) => {
      res.writeHead(200, { 'content-length': String(10_000_000) });
      res.write('x'.repeat(1000));
    });
    expect(errorOf(await get('/declared'))).toMatchObject({ code: 'too-large' });
  });

  it('counts decompressed bytes (a gzip bomb is too large)', async () => {
    const bomb = gzipSync(Buffer.alloc(20_000_000, 0x20));
    expect(bomb.length).toBeLessThan(fetchSettings.maxBytes);
    server.route('/bomb', (_req, res) => res.writeHead(200, { 'content-encoding': 'gzip' }).end(bomb));
    expect(errorOf(await get('/bomb'))).toMatchObject({ code: 'too-large' });
  });
});

describe('compression', () => {
  it.each([
    ['gzip', gzipSync],
    ['br', brotliCompressSync],
    ['deflate', deflateSync],
    ['deflate', deflateRawSync],
  ] as const)('decodes %s', async (encoding, compress) => {
    const path = `/z-${encoding}-${compress.name}`;
    server.route(path, (req, res) => {
      expect(req.headers['accept-encoding']).toContain(encoding);
      res.writeHead(200, { 'content-encoding': encoding, 'content-type': 'application/rss+xml' }).end(compress(Buffer.from(FEED)));
    });
    expect(okFeed(await get(path)).feed.items[0]?.title).toBe('Tariff talks resume');
  });
});

describe('charsets', () => {
  const title = '日米関税協議が再開';
  const doc = (decl: string): string => `<?xml version="1.0"${decl}?><rss version="2.0"><channel><title>t</title><item><title>${title}</title><link>https://example.jp/1</link></item></channel></rss>`;
  const serve = (path: string, body: Buffer, contentType: string | null): void =>
    server.route(path, (_req, res) => res.writeHead(200, contentType ? { 'content-type': contentType } : {}).end(body));

  it.each([
    ['Shift_JIS from the header', iconv.encode(doc(''), 'shift_jis'), 'application/rss+xml; charset=Shift_JIS'],
    ['Shift_JIS undeclared (detected)', iconv.encode(doc(''), 'shift_jis'), 'application/xml'],
    ['Shift_JIS under a wrong UTF-8 header (detected)', iconv.encode(doc(''), 'shift_jis'), 'text/xml; charset=utf-8'],
    ['EUC-JP from the XML declaration', iconv.encode(doc(' encoding="EUC-JP"'), 'euc-jp'), null],
    ['EUC-JP undeclared (detected)', iconv.encode(doc(''), 'euc-jp'), null],
  ])('%s', async (name, body, contentType) => {
    const path = `/cs-${name.replace(/\W+/g, '-')}`;
    serve(path, body, contentType);
    expect(okFeed(await get(path)).feed.items[0]?.title).toBe(title);
  });

  it.each([
    ['a Latin-1 header', 'text/xml; charset=ISO-8859-1', ''],
    ['the declaration', null, ' encoding="windows-1252"'],
    ['nothing declared (detected)', null, ''],
  ])('windows-1252 from %s', async (name, contentType, decl) => {
    const text = 'Zölle: Brüssel „prüft“ Gegenmaßnahmen – Ministerin äußert sich';
    const body = iconv.encode(doc(decl).replace(title, text), 'windows-1252');
    const path = `/w1252-${name.replace(/\W+/g, '-')}`;
    serve(path, body, contentType);
    expect(okFeed(await get(path)).feed.items[0]?.title).toBe(text);
  });
});

describe('hostile and non-feed bodies', () => {
  let tmp: string;
  beforeAll(() => {
    tmp = mkdtempSync(join(tmpdir(), 'tw-xxe-'));
    writeFileSync(join(tmp, 'secret.txt'), 'TOP-SECRET-CONTENTS-4711');
  });
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  const serveText = (path: string, body: string, type = 'application/rss+xml'): void =>
    server.route(path, (_req, res) => res.writeHead(200, { 'content-type': type }).end(body));

  it('refuses entity expansion (billion laughs) as hostile, fast', async () => {
    const lol = ['<!ENTITY lol "lol">', ...Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`)].join('');
    serveText('/lol', `<?xml version="1.0"?><!DOCTYPE rss [${lol}]><rss version="2.0"><channel><title>&lol9;</title></channel></rss>`);
    const r = await get('/lol');
    expect(errorOf(r)).toMatchObject({ code: 'hostile' });
    expect(JSON.stringify(r)).not.toContain('lollol');
  });

  it('never reads a local file through an external entity (XXE)', async () => {
    const file = join(tmp, 'secret.txt');
    serveText('/xxe', `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://${file}">]><rss version="2.0"><channel><title>x</title><item><title>&xxe;</title><link>https://e.org/1</link></item></channel></rss>`);
    const r = await get('/xxe');
    expect(errorOf(r)).toMatchObject({ code: 'hostile' });
    expect(JSON.stringify(r)).not.toContain('TOP-SECRET');
  });

  it('never requests an external DTD, and leaves its entities as text', async () => {
    let dtdRequests = 0;
    server.route('/evil.dtd', (_req, res) => {
      dtdRequests++;
      res.end('<!ENTITY ext "FROM-THE-DTD">');
    });
    serveText('/ext-dtd', `<?xml version="1.0"?><!DOCTYPE rss SYSTEM "${server.url('/evil.dtd')}"><rss version="2.0"><channel><title>x</title><item><title>One &ext;</title><link>https://e.org/1</link></item></channel></rss>`);
    const r = okFeed(await get('/ext-dtd'));
    expect(r.feed.items[0]?.title).toBe('One &ext;');
    expect(dtdRequests).toBe(0);
  });

  it('reports an HTML page as not a feed, naming the feed it links to', async () => {
    serveText('/page', '<!doctype html><html><head><link rel="alternate" type="application/rss+xml" href="/news/feed.xml"></head><body><p>Hi</p></body></html>', 'text/html');
    const e = errorOf(await get('/page'));
    expect(e.code).toBe('not-a-feed');
    expect(e.message).toContain(server.url('/news/feed.xml'));
  });

  it.each([
    ['an empty body', '', 'empty'],
    ['garbage', '\u0001\u0002\u0003 binary \u0000\u0000\u0004\u0005\u0006\u0007\u0008\u000e\u000f', 'not-a-feed'],
    ['JSON that is not a feed', '{"hello": "world"}', 'not-a-feed'],
  ])('reports %s per feed', async (name, body, code) => {
    const path = `/bad-${name.replace(/\W+/g, '-')}`;
    serveText(path, body);
    expect(errorOf(await get(path))).toMatchObject({ code });
  });

  it('names the project, its version and its homepage from package.json in the User-Agent', () => {
    const ua = server.requests.find((r) => r.path === '/etag')?.headers['user-agent'] ?? '';
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string; homepage: string };
    expect(pkg.homepage).toMatch(/^https:\/\//);
    expect(ua).toBe(`tradewire/${pkg.version} (+${pkg.homepage}; trade-policy news alerts)`);
    expect(userAgentFor({ name: 'tradewire', version: '9.9.9', homepage: 'https://tradewire.example/' })).toBe('tradewire/9.9.9 (+https://tradewire.example/; trade-policy news alerts)');
  });

  it('sends fetch.userAgent instead when it is set', async () => {
    const custom = createHttpFeedSource({ fetch: { ...fetchSettings, userAgent: 'AcmeTradeDesk/2 (+mailto:ops@acme.example)' }, concurrency: 2, perHostConcurrency: 2, log: quietLog });
    server.route('/ua', (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(FEED));
    await custom.fetchFeed({ feedId: 'ua', url: server.url('/ua'), etag: null, lastModified: null });
    await custom.close();
    expect(server.requests.filter((r) => r.path === '/ua').map((r) => r.headers['user-agent'])).toEqual(['AcmeTradeDesk/2 (+mailto:ops@acme.example)']);
  });
});
