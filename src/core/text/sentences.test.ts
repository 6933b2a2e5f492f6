import { describe, expect, it } from 'vitest';
import { sentenceTexts, splitSentences } from './sentences.js';

describe('splitSentences', () => {
  it.each([
    ['an office title stays with its name', 'Talks with U.S. Trade Representative Ana Ruiz went well. Tokyo agreed.', ['Talks with U.S. Trade Representative Ana Ruiz went well.', 'Tokyo agreed.']],
    ['Mr. before a surname', 'Mr. Abe spoke first. Then Mrs. Ono replied.', ['Mr. Abe spoke first.', 'Then Mrs. Ono replied.']],
    ['Sen., Gov., Dr. and St.', 'Sen. Holt met Gov. Park and Dr. Ito in St. Paul. They agreed.', ['Sen. Holt met Gov. Park and Dr. Ito in St. Paul.', 'They agreed.']],
    ['No. before a number', 'He lives at No. 10 Downing Street. It is small.', ['He lives at No. 10 Downing Street.', 'It is small.']],
    ['a month abbreviation before a day', 'The levy starts on Aug. 1 for cars. Parts follow.', ['The levy starts on Aug. 1 for cars.', 'Parts follow.']],
    ['a.m. before a place name', 'They met at 9 a.m. Tokyo time. Nothing was agreed.', ['They met at 9 a.m. Tokyo time.', 'Nothing was agreed.']],
    ['p.m. ending a sentence', 'Trading closed at 3 p.m. The yen was firmer.', ['Trading closed at 3 p.m.', 'The yen was firmer.']],
    ['U.S. ending a sentence before "This"', 'Japan will talk to the U.S. This was agreed on Monday.', ['Japan will talk to the U.S.', 'This was agreed on Monday.']],
    ["Reuters' capital after U.S.", 'The U.S. Is buying more. U.S. Officials said so.', ['The U.S. Is buying more.', 'U.S. Officials said so.']],
    ['initials', 'Frederick E.O. Tanaka and John Q. Public won. The jury agreed.', ['Frederick E.O. Tanaka and John Q. Public won.', 'The jury agreed.']],
    ['dotted initials before a name', 'Minister M.A. Munim spoke. Delegates listened.', ['Minister M.A. Munim spoke.', 'Delegates listened.']],
    ['decimals and percentages', 'Growth was 2.5 pct in 1986. It slowed to 0.8% later.', ['Growth was 2.5 pct in 1986.', 'It slowed to 0.8% later.']],
    ['a quotation ending a sentence', '"We will win." She left the room.', ['"We will win."', 'She left the room.']],
    ['a curly quotation ending a sentence', 'He called it “the lowest rate ever.” Markets rose.', ['He called it “the lowest rate ever.”', 'Markets rose.']],
    ['a question inside quotes before "said"', '"Is that fair?" said Mr. Brandt. Nobody answered.', ['"Is that fair?" said Mr. Brandt.', 'Nobody answered.']],
    ['an ellipsis inside a sentence', 'We are in the market ... but it is up to them. Then he left.', ['We are in the market ... but it is up to them.', 'Then he left.']],
    ['an ellipsis ending a sentence', 'Exports fell... The yen rose.', ['Exports fell...', 'The yen rose.']],
    ['an ellipsis before a capitalised noun', 'We abide by the ... Agreement in full. Problems remain.', ['We abide by the ... Agreement in full.', 'Problems remain.']],
    ['a company suffix mid-sentence', 'Shares of Kobe Steel Ltd. and Alcoa Inc. rose. Volume was light.', ['Shares of Kobe Steel Ltd. and Alcoa Inc. rose.', 'Volume was light.']],
    ['a company suffix ending a sentence', 'The notes go through Nikko Securities Co. The bank said so.', ['The notes go through Nikko Securities Co.', 'The bank said so.']],
    ['a line break always ends a sentence', 'Quotes included -\n- Delivery this week 135 pct', ['Quotes included -', '- Delivery this week 135 pct']],
    ['exclamation and question marks', 'What now? Nothing! The end.', ['What now?', 'Nothing!', 'The end.']],
    ['U.S.-Japan and U.S., with no space', 'The U.S.-Japan pact holds, the U.S., Japan and Canada said.', ['The U.S.-Japan pact holds, the U.S., Japan and Canada said.']],
  ])('%s', (_name, text, expected) => {
    expect(sentenceTexts(text)).toEqual(expected);
  });

  it.each([
    ['。 ends a sentence', '円相場は157円前後で取引された。市場は介入を警戒している。', ['円相場は157円前後で取引された。', '市場は介入を警戒している。']],
    ['。 inside 「」 does not', '幹部は「税率が下がった。雇用を守れる」と述べた。会見は終わった。', ['幹部は「税率が下がった。雇用を守れる」と述べた。', '会見は終わった。']],
    ['。」 ends one unless と follows', '「次は何か。」市場は動いた。担当者は「次は何か。」と話した。', ['「次は何か。」', '市場は動いた。', '担当者は「次は何か。」と話した。']],
    ['！ and ？', '合意した！本当か？', ['合意した！', '本当か？']],
  ])('Japanese: %s', (_name, text, expected) => {
    expect(sentenceTexts(text)).toEqual(expected);
  });

  it('returns offsets into the text, trimmed of surrounding space', () => {
    const text = '  First one.   Second one.\n\n';
    const spans = splitSentences(text);
    expect(spans).toEqual([
      { start: 2, end: 12 },
      { start: 15, end: 26 },
    ]);
    expect(spans.map((s) => text.slice(s.start, s.end))).toEqual(['First one.', 'Second one.']);
  });

  it('returns nothing for empty or blank text', () => {
    expect(splitSentences('')).toEqual([]);
    expect(splitSentences(' \n\n ')).toEqual([]);
  });

  it('keeps a last sentence without a stop', () => {
    expect(sentenceTexts('Rates rose. Quotes included')).toEqual(['Rates rose.', 'Quotes included']);
  });
});

describe('splitSentences with a maximum', () => {
  const text = 'One is here. Two is here.\nThree is here. Four';
  it('stops after `max` sentences, the same ones as without a maximum', () => {
    const all = splitSentences(text);
    expect(all).toHaveLength(4);
    for (let max = 1; max <= 4; max++) expect(splitSentences(text, max)).toEqual(all.slice(0, max));
    expect(splitSentences(text, 10)).toEqual(all);
  });

  it('returns nothing for a maximum of 0', () => {
    expect(splitSentences(text, 0)).toEqual([]);
  });
});
