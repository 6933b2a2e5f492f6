import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { ParsedFeed } from '../../../core/types.js';
import { parseFeed, type ParseResult } from './index.js';

const parse = (doc: string, baseUrl: string | null = null): Promise<ParseResult> => parseFeed(Buffer.from(doc), { baseUrl });
async function feedOf(doc: string, baseUrl: string | null = null): Promise<ParsedFeed> {
  const r = await parse(doc, baseUrl);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.feed;
}
const rss = (items: string, extra = ''): string => `<?xml version="1.0"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>T</title>${extra}${items}</channel></rss>`;

describe('RSS', () => {
  it('reads every field into a FeedItem', async () => {
    const feed = await feedOf(
      rss(
        `<item><title>Akazawa &amp; Bessent meet</title><link>/2025/05/talks?utm_source=rss</link><guid isPermaLink="false">id-1</guid>
         <description>&lt;p&gt;Short.&lt;/p&gt;</description><content:encoded><![CDATA[<p>First para.</p><p>Second &ldquo;para&rdquo;.</p>]]></content:encoded>
         <author>desk@example.org (Trade Desk)</author><pubDate>Tue, 06 May 2025 09:00:00 +0900</pubDate></item>`,
        '<ttl>30</ttl>',
      ),
      'https://news.example.org/feeds/main.xml',
    );
    expect(feed).toMatchObject({ format: 'rss20', title: 'T', ttlMinutes: 30 });
    expect(feed.items).toEqual([
      { guid: 'id-1', url: 'https://news.example.org/2025/05/talks', title: 'Akazawa & Bessent meet', body: 'First para.\n\nSecond “para”.', author: 'Trade Desk', published: '2025-05-06T00:00:00.000Z' },
    ]);
  });

  it('drops the outlet an aggregator appends to the title when <source> names it', async () => {
    const feed = await feedOf(rss('<item><title>Yen slides as BOJ holds - Reuters</title><source url="https://www.reuters.com">Reuters</source></item><item><title>A - B</title><source>C</source></item>'));
    expect(feed.items.map((i) => i.title)).toEqual(['Yen slides as BOJ holds', 'A - B']);
  });

  it('reads an item link given as an Atom link, and a title given as dc:title', async () => {
    const feed = await feedOf(
      rss('<item><dc:title>Dublin Core title</dc:title><atom10:link xmlns:atom10="http://www.w3.org/2005/Atom" rel="self" href="https://e.org/self"/><atom10:link xmlns:atom10="http://www.w3.org/2005/Atom" href="https://e.org/story"/></item>'),
    );
    expect(feed.items[0]).toMatchObject({ title: 'Dublin Core title', url: 'https://e.org/story' });
  });

  it('uses a permalink guid as the link, but not one marked isPermaLink="false"', async () => {
    const feed = await feedOf(rss('<item><title>a</title><guid>https://e.org/a</guid></item><item><title>b</title><guid isPermaLink="false">https://e.org/b</guid></item>'));
    expect(feed.items.map((i) => i.url)).toEqual(['https://e.org/a', null]);
  });

  it('recovers what real feeds get wrong', async () => {
    const broken = `  junk before the declaration\n<?xml version="1.0"?><rss version="2.0"><channel><title>Caf&eacute; &amp; more</title>
      <item><title>Q&A: tariffs &nbsp;&rarr; markets &undefined; here</title><link>https://e.org/1?a=1&b=2</link>
      <description><p>Unescaped <b>HTML</b> stays in order</p> after</description><bogus></item>
      <item><title>Cut off`;
    const feed = await feedOf(broken);
    expect(feed.title).toBe('Café & more');
    expect(feed.items).toHaveLength(2);
    expect(feed.items[0]).toMatchObject({ title: 'Q&A: tariffs → markets &undefined; here', url: 'https://e.org/1?a=1&b=2', body: 'Unescaped HTML stays in order\n\nafter' });
    expect(feed.items[1]?.title).toBe('Cut off');
  });

  it('counts items nested inside items as items, after their parent (as feedparser does)', async () => {
    const feed = await feedOf(rss('<item><title>Outer</title><link>https://e.org/o</link><item /></item><item><title>Next</title></item>'));
    expect(feed.items.map((i) => i.title)).toEqual(['Outer', '', 'Next']);
  });

  it('reads RSS 1.0 (RDF) and RSS 0.90 by namespace', async () => {
    const rdf = (ns: string) => `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="${ns}" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel rdf:about="x"><title>R</title></channel><item rdf:about="https://e.org/r1"><title>One</title><link>https://e.org/r1</link><dc:date>2025-05-06T09:00:00+09:00</dc:date></item></rdf:RDF>`;
    const v10 = await feedOf(rdf('http://purl.org/rss/1.0/'));
    expect(v10).toMatchObject({ format: 'rss10', items: [{ guid: 'https://e.org/r1', title: 'One', published: '2025-05-06T00:00:00.000Z' }] });
    expect((await feedOf(rdf('http://my.netscape.com/rdf/simple/0.9/'))).format).toBe('rss090');
  });
});

describe('Atom', () => {
  const atom = (entries: string, attrs = ''): string => `<feed xmlns="http://www.w3.org/2005/Atom"${attrs}><title type="html">A &amp;lt;b&amp;gt;</title><author><name>Feed Author</name></author>${entries}</feed>`;

  it('honours nested xml:base, link rel, text types and dates', async () => {
    const feed = await feedOf(
      atom(
        `<entry xml:base="posts/"><id>urn:1</id><title type="html">&lt;b&gt;Yen&lt;/b&gt; slides</title><link rel="enclosure" href="a.mp3"/><link href="one.html"/>
          <updated>2025-05-06T10:00:00Z</updated><content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">Hello <b>world</b> again<p>Next</p></div></content></entry>
         <entry><id>urn:2</id><title>Plain &lt;b&gt; text</title><link rel="alternate" href="https://e.org/two"/><published>2025-05-05T10:00:00+02:00</published><updated>2025-05-06T10:00:00Z</updated><author><name>Jane Roe</name></author><summary>Sum</summary></entry>`,
        ' xml:base="https://e.org/blog/"',
      ),
      'https://e.org/feed.atom',
    );
    expect(feed.format).toBe('atom10');
    expect(feed.items[0]).toEqual({ guid: 'urn:1', url: 'https://e.org/blog/posts/one.html', title: 'Yen slides', body: 'Hello world again\n\nNext', author: 'Feed Author', published: '2025-05-06T10:00:00.000Z' });
    expect(feed.items[1]).toMatchObject({ title: 'Plain <b> text', author: 'Jane Roe', body: 'Sum', published: '2025-05-05T08:00:00.000Z' });
  });

  it('reads an Atom feed written with a namespace prefix, and one wrapped in an XHTML page', async () => {
    const prefixed = await feedOf('<a:feed xmlns:a="http://www.w3.org/2005/Atom"><a:title>P</a:title><a:entry><a:title>In</a:title><a:link href="https://e.org/p"/></a:entry></a:feed>');
    expect(prefixed.items).toMatchObject([{ title: 'In', url: 'https://e.org/p' }]);
    const wrapped = await feedOf('<html xmlns="http://www.w3.org/1999/xhtml"><body><feed xmlns="http://www.w3.org/2005/Atom"><title>W</title><entry><title>E</title></entry></feed></body></html>');
    expect(wrapped.items.map((i) => i.title)).toEqual(['E']);
  });
});

describe('JSON Feed', () => {
  it('reads 1.1 with authors and HTML content; titles stay as written (plain text by the spec)', async () => {
    const doc = JSON.stringify({
      version: 'https://jsonfeed.org/version/1.1',
      title: 'Blog &#8211; X',
      authors: [{ name: 'Feed Writer' }],
      items: [
        { id: 1, url: '/p/1?utm_medium=x', title: 'Fish & chips', content_html: '<p>A</p><p>B</p>', date_published: '2025-05-06T09:00:00Z' },
        { id: 'two', external_url: 'https://other.org/x', content_text: 'Plain\n\ntext', authors: [{ name: 'Guest' }] },
      ],
    });
    const feed = await feedOf(doc, 'https://blog.example/feed.json');
    expect(feed).toMatchObject({ format: 'json11', title: 'Blog &#8211; X' });
    expect(feed.items).toEqual([
      { guid: '1', url: 'https://blog.example/p/1', title: 'Fish & chips', body: 'A\n\nB', author: 'Feed Writer', published: '2025-05-06T09:00:00.000Z' },
      { guid: 'two', url: 'https://other.org/x', title: '', body: 'Plain\n\ntext', author: 'Guest', published: null },
    ]);
  });

  it('tells JSON that is not a feed from JSON that is broken', async () => {
    expect(await parse('{"version": "1", "items": []}')).toMatchObject({ ok: false, error: { code: 'not-a-feed' } });
    expect(await parse('{"version": "https://jsonfeed.org/version/1", ')).toMatchObject({ ok: false, error: { code: 'parse' } });
  });
});

describe('what is not a feed', () => {
  it.each([
    ['an OPML file', '<?xml version="1.0"?><opml version="2.0"><body/></opml>', 'not-a-feed', 'root <opml>'],
    ['an HTML page', '<!DOCTYPE html><html><head><title>x</title></head><body></body></html>', 'not-a-feed', 'HTML page'],
    ['plain text', 'Service Unavailable', 'not-a-feed', 'not a feed'],
    ['whitespace', '  \n\t ', 'empty', 'whitespace'],
  ])('%s', async (_name, doc, code, message) => {
    const r = await parse(doc);
    expect(r).toMatchObject({ ok: false, error: { code } });
    if (!r.ok) expect(r.error.message).toContain(message);
  });

  it('refuses gzip bytes served without Content-Encoding and bodies over the limit', async () => {
    expect(await parseFeed(gzipSync(rss('')))).toMatchObject({ ok: false, error: { code: 'not-a-feed' } });
    expect(await parseFeed(Buffer.from(rss('')), { maxBytes: 10 })).toMatchObject({ ok: false, error: { code: 'too-large' } });
  });
});

describe('hostile documents', () => {
  it.each([
    ['a parameter entity', '<!DOCTYPE rss [<!ENTITY % p "x">]>'],
    ['an external entity', '<!DOCTYPE rss [<!ENTITY e PUBLIC "-//X//Y" "http://127.0.0.1:9/e">]>'],
    ['nested entities', '<!DOCTYPE rss [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;">]>'],
  ])('refuses %s', async (_name, doctype) => {
    expect(await parse(`<?xml version="1.0"?>${doctype}<rss version="2.0"><channel><title>x</title></channel></rss>`)).toMatchObject({ ok: false, error: { code: 'hostile' } });
  });

  it('expands a plain internal entity, but refuses one used to blow up the text', async () => {
    const ok = await feedOf(`<!DOCTYPE rss [<!ENTITY org "Ministry of Finance">]><rss version="2.0"><channel><title>&org;</title></channel></rss>`);
    expect(ok.title).toBe('Ministry of Finance');
    const blowUp = `<!DOCTYPE rss [<!ENTITY big "${'x'.repeat(4000)}">]><rss version="2.0"><channel><title>${'&big;'.repeat(400)}</title></channel></rss>`;
    expect(await parse(blowUp)).toMatchObject({ ok: false, error: { code: 'hostile' } });
  });

  it('stays fast and bounded on 8 MB of hostile markup and deep nesting', async () => {
    const evil = '<p x="'.repeat(200_000) + '<a'.repeat(1_000_000);
    const nested = '<x>'.repeat(100_000);
    const doc = rss(`<item><title>T</title><description><![CDATA[${evil}]]></description>${nested}</item>`);
    const started = performance.now();
    const feed = await feedOf(doc);
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(feed.items[0]?.title).toBe('T');
    expect(feed.items[0]?.body.length).toBeLessThanOrEqual(200_000);
  });
});
