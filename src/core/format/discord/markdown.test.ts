import { describe, expect, it } from 'vitest';
import { escapeMarkdown, markupToDiscord, mdLink, plainSafe, truncateMarkdown } from './markdown.js';
import { md } from '../markup.js';

/** What a Discord reader sees: escapes resolved, zero-width spaces invisible. */
const shown = (s: string): string => s.replace(/\\(.)/g, '$1').replace(/\u200B/g, '');

describe('escapeMarkdown', () => {
  it.each([
    ['*bold* _it_ ~~s~~ `c` ||sp||', '\\*bold\\* \\_it\\_ \\~\\~s\\~\\~ \\`c\\` \\|\\|sp\\|\\|'],
    ['# head\n> quote\n- item\n12. item\n-# sub', '\\# head\n\\> quote\n\\- item\n12\\. item\n\\-# sub'],
    ['[x](https://a)', '\\[x\\](https://a)'],
    ['@everyone and @here', '@\u200Beveryone and @\u200Bhere'],
    ['<@1> <@&2> <#3> <t:4:R> <a:x:5>', '\\<\u200B@1\\> \\<\u200B@&2\\> \\<\u200B#3\\> \\<\u200Bt:4:R\\> \\<\u200Ba:x:5\\>'],
  ])('%j', (input, expected) => {
    expect(escapeMarkdown(input)).toBe(expected);
    expect(shown(escapeMarkdown(input))).toBe(input);
  });

  it('plainSafe adds no backslashes (footers are not markdown) but still breaks mentions', () => {
    expect(plainSafe('A *B* @everyone <@1>\nC')).toBe('A *B* @\u200Beveryone <\u200B@1> C');
  });

  it('mdLink links only http(s) and escapes the label', () => {
    expect(mdLink('a]b', 'https://x.example/(p)')).toBe('[a\\]b](https://x.example/%28p%29)');
    expect(mdLink('a', 'javascript:alert(1)')).toBe('a');
  });
});

describe('truncateMarkdown', () => {
  it('never leaves a dangling escape or half a link or token', () => {
    expect(truncateMarkdown('abc\\*def', 5)).toBe('abc…');
    expect(truncateMarkdown('see [the story](https://x.example/a) now', 20)).toBe('see…');
    expect(truncateMarkdown('at <t:1745136300:f> ok', 10)).toBe('at…');
    expect(truncateMarkdown('😀😀😀', 4)).toBe('😀…');
    expect(truncateMarkdown('short', 5)).toBe('short');
    for (let max = 1; max < 40; max += 1) expect(truncateMarkdown(escapeMarkdown('a*b_c [d](e) <@1> @here'.repeat(3)), max).length).toBeLessThanOrEqual(max);
  });
});

describe('markupToDiscord', () => {
  it('renders reply markup with every run escaped', () => {
    expect(markupToDiscord(`${md.bold('Top *x*')} ${md.italic('n')} ${md.code('/trade `x` @here')} ${md.link('S [1]', 'https://e.x/a')}`)).toBe(
      '**Top \\*x\\*** _n_ `/trade ˋxˋ @\u200Bhere` [S \\[1\\]](https://e.x/a)',
    );
  });
});
