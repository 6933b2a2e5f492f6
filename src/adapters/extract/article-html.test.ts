import { describe, expect, it } from 'vitest';
import { isTradewireError } from '../../core/errors.js';
import { extractArticle, htmlDepth } from './article-html.js';

const para = (n: number): string =>
  `Trade minister Ryosei Akazawa said on day ${n} that the talks in Washington had made progress on autos, and that Japan would not accept a deal that left the 25 percent tariff in place for long.`;

const page = `<!doctype html><html><head><title>Talks resume | Example News</title></head><body>
  <header><nav><a href="/">Home</a> | <a href="/world">World</a></nav></header>
  <aside class="sidebar"><h3>Most read</h3><ul><li>Unrelated story one</li><li>Unrelated story two</li></ul></aside>
  <main><article>
    <h1>Japan, U.S. tariff talks resume</h1>
    <p class="byline">By Jane Roe</p>
    <p>${para(1)}</p><p>${para(2)}<br>Second line of the same paragraph.</p>
    <blockquote><p>"We will not rush," he told reporters.</p></blockquote>
    <p>${para(3)}</p>
    <script>var tracking = "do not include me";</script>
  </article></main>
  <footer>© Example News · Terms · Privacy</footer>
</body></html>`;

describe('extractArticle', () => {
  it('keeps the article paragraphs in order and drops navigation, sidebars, scripts and footers', () => {
    const a = extractArticle(page, 'https://news.example.org/2025/05/talks');
    const paragraphs = a.text.split('\n\n');
    expect(paragraphs.some((p) => p.startsWith('Trade minister Ryosei Akazawa said on day 1'))).toBe(true);
    expect(a.text.indexOf('day 1')).toBeLessThan(a.text.indexOf('day 3'));
    expect(a.text).toContain('Second line of the same paragraph.');
    expect(a.text).toContain('"We will not rush," he told reporters.');
    for (const junk of ['Home', 'Unrelated story', 'do not include me', 'Privacy']) expect(a.text).not.toContain(junk);
    expect(a.title).toMatch(/Talks resume|tariff talks resume/);
  });

  it('falls back to the JSON-LD articleBody when the page renders its text from script', () => {
    const body = `${para(1)}\n\n${para(2)}`;
    const html = `<html><head><title>App</title><script type="application/ld+json">${JSON.stringify({
      '@context': 'https://schema.org',
      '@graph': [{ '@type': 'WebSite', name: 'X' }, { '@type': 'NewsArticle', headline: 'Talks resume', articleBody: body, datePublished: '2025-05-06T09:00:00Z', author: [{ '@type': 'Person', name: 'Jane Roe' }] }],
    })}</script></head><body><div id="root"></div></body></html>`;
    const a = extractArticle(html);
    expect(a).toMatchObject({ title: 'Talks resume', byline: 'Jane Roe', published: '2025-05-06T09:00:00Z' });
    expect(a.text).toBe(body);
  });

  it('refuses a page with no article text', () => {
    try {
      extractArticle('<html><body><nav>Home</nav></body></html>', 'https://e.org/');
      expect.unreachable();
    } catch (err) {
      expect(isTradewireError(err, 'not_an_article')).toBe(true);
    }
  });

  it('refuses a pathologically deep page fast instead of running Readability for minutes', () => {
    const deep = `<html><body><article>${'<div>'.repeat(20_000)}<p>${para(1)}</p><p>${para(2)}</p>${'</div>'.repeat(20_000)}</article></body></html>`;
    const started = performance.now();
    expect(() => extractArticle(deep)).toThrow(/nests more than/);
    expect(performance.now() - started).toBeLessThan(3_000);
  });

  it('measures nesting with optional HTML end tags allowed for', () => {
    expect(htmlDepth('<html><body>' + '<p>para'.repeat(500) + '<ul>' + '<li>x'.repeat(300) + '</ul></body></html>')).toBe(5);
    expect(htmlDepth('<div><div><div><img><br></div></div></div>')).toBe(3);
    expect(htmlDepth('<div><script>var s = "<div><div><div>";</script></div>')).toBe(2);
  });
});
