import { describe, expect, it } from 'vitest';
import { isQuotation } from './english.js';
import { isJapaneseQuotation } from './japanese.js';
import { findQuoteSpans } from './marks.js';

describe('isQuotation (English)', () => {
  it.each([
    ['a full statement', 'We will work hard to ensure fairness.', true],
    ['four words', 'at the most appropriate time', true],
    ['a four-word fragment', 'does not see any problem', true],
    ['a scare quote', 'spoiled', false],
    ['a two-word label', 'reciprocal tariffs', false],
    ['three words', 'a national crisis', false],
    ['a one-word post', 'Finally.', false],
    ['a title-cased event name', 'Make America Wealthy Again', false],
    ['a film title with small words', 'Godzilla Versus the Sea Monster', false],
    ['a pamphlet title ending in a stop', 'Economical Travel in Japan.', false],
  ])('%s', (_name, text, expected) => {
    expect(isQuotation(text)).toBe(expected);
  });
});

describe('isJapaneseQuotation', () => {
  const check = (body: string): boolean => {
    const span = findQuoteSpans(body).find((s) => s.script === 'ja')!;
    return isJapaneseQuotation(body, span);
  };
  it.each([
    ['said: 」と述べた', '幹部は「利用者が選びやすい説明を求める」と述べた。', true],
    ['a name in brackets before と', '「介入の効果は一時的にとどまる」（中村氏）との見方もある。', true],
    ['a short term', '日本に課す「相互関税」の税率を引き下げる。', false],
    ['a long name of a thing, not said', '「広島AIプロセス」の取り組みを進める。', false],
    ['a name introduced by という', '「スマート料金プラン方式」という仕組みだ。', false],
    ['called: と呼ぶ', '新しい仕組みを「スマート料金プラン方式」と呼ぶこともある。', false],
  ])('%s', (_name, body, expected) => {
    expect(check(body)).toBe(expected);
  });
});
