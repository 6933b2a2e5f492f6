/**
 * fullText feeds through a whole poll cycle (issue 3, L2): an item whose feed text is short (under
 * 500 characters) is stored with its article page's main text, fetched from 127.0.0.1; when the
 * page fails, the feed's own text is kept; a long enough item is stored as the feed gave it.
 */
import { describe, expect, it } from 'vitest';
import { type Harness, rssDoc, T, useHarness } from '../poll/harness.js';

let h: Harness;
useHarness((x) => (h = x));

const para = (n: number): string =>
  `Trade minister Ryosei Akazawa said on day ${n} that the talks in Washington had made progress on autos, and that Japan would not accept a deal that left the 25 percent tariff in place for long.`;

function articlePage(title: string): string {
  return `<!doctype html><html><head><title>${title} | Example News</title></head><body>
    <header><nav><a href="/">Home</a> | <a href="/world">World</a></nav></header>
    <aside><h3>Most read</h3><ul><li>Unrelated story one</li></ul></aside>
    <main><article><h1>${title}</h1><p>${para(1)}</p><p>${para(2)}</p><p>${para(3)}</p></article></main>
    <footer>© Example News · Privacy</footer></body></html>`;
}

describe('fullText feeds in a poll cycle', () => {
  it('stores the page’s main text for short items, keeps the feed text when the page fails, and leaves long items alone', async () => {
    const pages = { ok: 0, broken: 0, long: 0 };
    h.server.route('/article/ok', (_req, res) => {
      pages.ok++;
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(articlePage('Tariff talks resume'));
    });
    h.server.route('/article/broken', (_req, res) => {
      pages.broken++;
      res.writeHead(500).end('oops');
    });
    h.server.route('/article/long', (_req, res) => {
      pages.long++;
      res.writeHead(200, { 'content-type': 'text/html' }).end(articlePage('Should not be fetched'));
    });
    const longBody = Array.from({ length: 7 }, (_, i) => `Carmakers in Nagoya weighed plant ${i + 1} output against the levy on exports to America.`).join(' ');
    expect(longBody.length).toBeGreaterThanOrEqual(500);
    const items = [
      { guid: 'ok', title: 'Tariff talks resume', link: h.server.url('/article/ok'), body: 'Talks resumed on Monday.', published: T(-30) },
      { guid: 'broken', title: 'Steel duties widen', link: h.server.url('/article/broken'), body: 'Duties on steel widen.', published: T(-20) },
      { guid: 'long', title: 'Nagoya carmakers weigh output', link: h.server.url('/article/long'), body: longBody, published: T(-10) },
    ];
    h.server.route('/wire', (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssDoc('Wire', items)));
    await h.sync([h.feed('wire', '/wire', { fullText: true })]);

    expect(await h.poll()).toMatchObject({ ok: 1, errors: 0, newArticles: 3 });
    const stored = new Map((await h.store.latest({ limit: 10 })).map((s) => [s.guid, s]));
    const full = stored.get('ok')!.body;
    expect(full.split('\n\n')).toEqual([para(1), para(2), para(3)]);
    expect(full).not.toMatch(/Home|Most read|Privacy/);
    expect(stored.get('broken')!.body).toBe('Duties on steel widen.');
    expect(stored.get('long')!.body).toBe(longBody);
    expect(pages).toEqual({ ok: 1, broken: 1, long: 0 });
  });

  it('fetches no article page for a feed without fullText', async () => {
    let fetched = 0;
    h.server.route('/article/x', (_req, res) => {
      fetched++;
      res.writeHead(200, { 'content-type': 'text/html' }).end(articlePage('X'));
    });
    h.server.route('/plain', (_req, res) =>
      res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssDoc('Plain', [{ guid: 'x', title: 'Short item', link: h.server.url('/article/x'), body: 'Short.', published: T(-5) }])),
    );
    await h.sync([h.feed('plain', '/plain')]);
    await h.poll();
    expect(fetched).toBe(0);
    expect((await h.store.latest({ limit: 1 }))[0]!.body).toBe('Short.');
  });
});
