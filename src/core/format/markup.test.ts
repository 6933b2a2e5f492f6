import { describe, expect, it } from 'vitest';
import { md, parseMarkup, plainText, snippetMarkup } from './markup.js';

describe('markup', () => {
  it('round-trips untrusted text exactly through md.text', () => {
    const hostile = 'a *b* _c_ `d` [e](javascript:x) \\ (f) [g]';
    expect(plainText(md.text(hostile))).toBe(hostile);
    expect(parseMarkup(md.text(hostile))).toEqual([{ text: hostile }]);
  });

  it('parses bold, italic, code and links', () => {
    const m = `${md.bold('Top')} ${md.italic('note')} ${md.code('x*y')} ${md.link('Story [1]', 'https://ex.com/a(b)')}`;
    expect(parseMarkup(m)).toEqual([
      { text: 'Top', bold: true },
      { text: ' ' },
      { text: 'note', italic: true },
      { text: ' ' },
      { text: 'x*y', code: true },
      { text: ' ' },
      { text: 'Story [1]', url: 'https://ex.com/a%28b%29' },
    ]);
  });

  it('never yields a non-http link', () => {
    expect(md.link('x', 'javascript:alert(1)')).toBe('x');
    expect(parseMarkup('[x](javascript:alert)')).toEqual([{ text: 'x' }]);
  });

  it('marks snippet matches in bold and escapes the rest', () => {
    expect(parseMarkup(snippetMarkup('the *tariff* on _cars_'))).toEqual([
      { text: 'the ' },
      { text: 'tariff', bold: true },
      { text: ' on _cars_' },
    ]);
  });
});
