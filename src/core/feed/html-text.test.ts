import { describe, expect, it } from 'vitest';
import { clip, htmlToLine, htmlToText, looksLikeHtml, plainToParagraphs } from './html-text.js';

describe('htmlToText', () => {
  it('turns blocks into paragraphs, decodes entities and drops scripts, styles and images', () => {
    const html = '<p>Tariffs &amp; trade:<br>talks resume.</p><script>alert("x<p>")</script><style>p{}</style><div>Second &ldquo;para&rdquo;<img src="x.gif"></div><ul><li>one</li><li>two</li></ul>';
    expect(htmlToText(html)).toBe('Tariffs & trade: talks resume.\n\nSecond “para”\n\none\n\ntwo');
  });

  it('treats two line breaks as a paragraph break', () => {
    expect(htmlToText('First line<br/><br/>Second<br />same paragraph')).toBe('First line\n\nSecond same paragraph');
  });

  it('keeps the paragraphs of plain text and leaves a lone "<" alone', () => {
    expect(htmlToText('1 < 2 and 3 > 2\n\nNext   paragraph')).toBe('1 < 2 and 3 > 2\n\nNext paragraph');
    expect(plainToParagraphs(' a \n b \n\n\n c ')).toBe('a b\n\nc');
  });

  it('is linear on hostile markup (no runaway backtracking)', () => {
    const hostile = '<p'.repeat(100_000) + 'x<a href="'.repeat(50_000);
    const started = performance.now();
    htmlToText(hostile);
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});

describe('titles', () => {
  it('strips tags and decodes references only for text that looks like HTML', () => {
    expect(looksLikeHtml('$4300 3bd 1930ft<sup>2</sup>')).toBe(true);
    expect(looksLikeHtml('1 < 2')).toBe(false);
    expect(htmlToLine('Bright &#x0024;4300 <b>3bd</b>\n 1930ft<sup>2</sup>')).toBe('Bright $4300 3bd 1930ft2');
    expect(htmlToLine('test &lt;pre&gt; in &lt;b&gt;bold&lt;/b&gt;')).toBe('test <pre> in <b>bold</b>');
  });

  it('clips long text on a word boundary', () => {
    expect(clip('alpha beta gamma delta', 12)).toBe('alpha beta…');
    expect(clip('short', 12)).toBe('short');
  });
});
