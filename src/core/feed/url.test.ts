import { describe, expect, it } from 'vitest';
import { canonicalUrl, canonicalUrls, isTrackingParam, resolveBase } from './url.js';

describe('canonicalUrl', () => {
  it.each([
    ['https://News.Example.ORG:443/a/../b?utm_source=rss&utm_medium=feed&id=7#section', null, 'https://news.example.org/b?id=7'],
    ['http://example.org/story?fbclid=abc&gclid=x&page=2', null, 'http://example.org/story?page=2'],
    ['https://www.lemonde.fr/a.html?xtor=RSS-3208', null, 'https://www.lemonde.fr/a.html'],
    ['https://example.org/x?utm_campaign=a', null, 'https://example.org/x'],
    ['/notes/x.html?utm_source=a', 'https://yakubin.com/notes/atom.xml', 'https://yakubin.com/notes/x.html'],
    ['first', 'https://example.com/first/', 'https://example.com/first/first'],
    ['  https://example.org/spaced  ', null, 'https://example.org/spaced'],
  ])('%s (base %s) → %s', (ref, base, expected) => {
    expect(canonicalUrl(ref, base)).toBe(expected);
  });

  it('keeps a relative reference as written when there is no absolute base, minus trackers', () => {
    expect(canonicalUrl('/livewire/story?utm_source=x&a=1#frag', null)).toBe('/livewire/story?a=1');
    expect(canonicalUrl('1', null)).toBe('1');
  });

  it.each(['javascript:alert(1)', 'mailto:a@b.org', 'tag:example.org,2005:1', 'urn:uuid:1234', '', '   '])('gives null for %j', (ref) => {
    expect(canonicalUrl(ref)).toBeNull();
  });

  it('does not treat a parameter that selects content as a tracker', () => {
    for (const p of ['id', 'source', 'ref', 'p', 'page', 'q']) expect(isTrackingParam(p)).toBe(false);
    for (const p of ['utm_source', 'UTM_Medium', 'fbclid', 'gclid', 'mc_eid', 'at_custom1']) expect(isTrackingParam(p)).toBe(true);
  });
});

describe('resolveBase (xml:base)', () => {
  it('applies nested bases on top of the document URL', () => {
    expect(resolveBase('https://a.org/feeds/main.xml', ['/blog/', 'posts/'])).toBe('https://a.org/blog/posts/');
  });
  it('keeps a relative base when no absolute one is known', () => {
    expect(resolveBase(null, ['#fragment'])).toBe('#fragment');
    expect(canonicalUrl('/livewire/x', resolveBase(null, ['#fragment']))).toBe('/livewire/x');
  });
});

describe('canonicalUrls (one feed)', () => {
  it('drops fragments, except where they are all that tells two items apart', () => {
    const urls = canonicalUrls(
      ['http://scripting.com/2017/06/26.html#a080605', 'http://scripting.com/2017/06/26.html#a090000', 'https://e.org/post#comments', 'https://e.org/other?utm_source=x'],
      [null, null, null, null],
    );
    expect(urls).toEqual(['http://scripting.com/2017/06/26.html#a080605', 'http://scripting.com/2017/06/26.html#a090000', 'https://e.org/post', 'https://e.org/other']);
  });
});
