import { describe, expect, it } from 'vitest';
import { findQuoteSpans, maskQuotes, paragraphs } from './marks.js';

const texts = (body: string): string[] => findQuoteSpans(body).map((s) => body.slice(s.start, s.end));

describe('findQuoteSpans', () => {
  it.each([
    ['straight marks', 'He said "we will go" and "we will stay" later.', ['we will go', 'we will stay']],
    ['curly marks', 'She said “we will go,” and left.', ['we will go,']],
    ['single marks nested inside double stay inside', 'He said "they call it \'liberalization\' in Tokyo" today.', ["they call it 'liberalization' in Tokyo"]],
    ['a nested double quotation stays inside the outer one', '"Nobody denies it whenever "the rules are to be discussed.\'"', ['Nobody denies it whenever "the rules are to be discussed.\'']],
    ['a doubled mark counts once', '"If both sides drew back," he said, ""it does not mean they would again."', ['If both sides drew back,', 'it does not mean they would again.']],
    ['Japanese brackets, with 『』 inside', '関係者は「『為替は財務相同士で』という整理だ」と話した。', ['『為替は財務相同士で』という整理だ']],
    ['a mark left open runs to the paragraph end', 'Mulford said, "I think rates ought to be stable.', ['I think rates ought to be stable.']],
  ])('%s', (_name, body, expected) => {
    expect(texts(body)).toEqual(expected);
  });

  it('keeps each paragraph to itself: a quotation left open is reopened in the next one', () => {
    const body = '"This plan replaces four hundred jobs.\n\n"We will take it to the courts," he said.';
    const spans = findQuoteSpans(body);
    expect(spans.map((s) => [body.slice(s.start, s.end), s.paragraph, s.close >= 0])).toEqual([
      ['This plan replaces four hundred jobs.', 0, false],
      ['We will take it to the courts,', 1, true],
    ]);
  });

  it.each([
    ['curly single marks as outer marks', '‘We are not there yet,’ Bailey said.', ['We are not there yet,']],
    ['straight single marks, apostrophes left alone', "'It's too early,' he said of Japan's plan.", ["It's too early,"]],
    ["a plural possessive is no opening mark", "Traders' bets shifted. 'It was hawkish,' said Ana.", ['It was hawkish,']],
    ['a mark left open is dropped', "He called it 'finely balanced and more.", []],
  ])('single marks when the article has no double ones: %s', (_name, body, expected) => {
    expect(texts(body)).toEqual(expected);
  });

  it('reads single marks as nested or apostrophes when the article has double marks', () => {
    expect(texts('"They call it \'liberalization\' there," he said. It\'s done.')).toEqual(["They call it 'liberalization' there,"]);
  });

  it('marks each span with its script', () => {
    expect(findQuoteSpans('A "b c d e" and 「日本語の引用です」').map((s) => s.script)).toEqual(['en', 'ja']);
  });
});

describe('paragraphs', () => {
  it('splits on line breaks and trims', () => {
    const body = ' One.\n\n  Two. \nThree.';
    expect(paragraphs(body).map((p) => body.slice(p.start, p.end))).toEqual(['One.', 'Two.', 'Three.']);
  });

  it('breaks at \\r\\n, a lone \\r and \\n alike, with exact offsets, and keeps a last line without a break', () => {
    const body = 'One.\r\nTwo.\rThree.\n\r\n Four. ';
    expect(paragraphs(body)).toEqual([
      { start: 0, end: 4 },
      { start: 6, end: 10 },
      { start: 11, end: 17 },
      { start: 21, end: 26 },
    ]);
    expect(paragraphs('')).toEqual([]);
    expect(paragraphs('\n\r\n')).toEqual([]);
    expect(paragraphs('Only line')).toEqual([{ start: 0, end: 9 }]);
  });
});

describe('paragraphs: a quoted phrase wrapped onto the next line', () => {
  it('keeps a single line break inside an open quotation in one paragraph', () => {
    const body = 'The minister said "we will take\nappropriate action against excessive moves," adding more.\nThe yen was at 158.';
    expect(paragraphs(body).map((p) => body.slice(p.start, p.end))).toEqual([
      'The minister said "we will take\nappropriate action against excessive moves," adding more.',
      'The yen was at 158.',
    ]);
    const curly = '財務相は「必要な\n対応をとる」と述べた。\nOfficials said “the talks will\ngo on,” he added.';
    expect(paragraphs(curly)).toHaveLength(2);
  });

  it('still breaks where the next line opens a mark (a quotation over paragraphs) or after a blank line', () => {
    const body = '"We will act,\n"and we will act soon," he said.\n\n"Another one\n\nNext.';
    expect(paragraphs(body).map((p) => body.slice(p.start, p.end))).toEqual(['"We will act,', '"and we will act soon," he said.', '"Another one', 'Next.']);
  });
});

describe('maskQuotes', () => {
  it('hides the words inside quotations but keeps the length and a final stop or comma', () => {
    const body = '"We will go," he said. "Done."';
    const masked = maskQuotes(body, findQuoteSpans(body));
    expect(masked).toHaveLength(body.length);
    expect(masked).toBe('"··········," he said. "····."');
  });
});
