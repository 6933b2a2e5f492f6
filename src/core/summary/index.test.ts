import { describe, expect, it } from 'vitest';
import type { ArticleText, TopicMatch } from '../types.js';
import { sentenceTexts } from '../text/sentences.js';
import { MAX_CHARS, MAX_SENTENCES, summarise } from './index.js';

const article = (title: string, ...paragraphs: string[]): ArticleText => ({ title, body: paragraphs.join('\n\n') });
const topic = (id: string, body: string, ...terms: string[]): TopicMatch => ({
  id,
  score: 1,
  hits: terms.map((t) => ({ term: t, text: t, field: 'body' as const, offset: body.indexOf(t) })),
});

const lumber = article(
  'Canada protests new U.S. lumber duties',
  'OTTAWA — Canada lodged a protest on Monday against new U.S. duties on softwood lumber, the fourth increase in two years.',
  'Trade Minister Paula Grant said the duties broke the terms of the continental trade pact and that Ottawa would seek a panel review.',
  '"This is a tax on American home buyers, plain and simple," Grant told reporters in Ottawa.',
  'Mills in British Columbia have cut shifts since the spring. The province has lost 4,000 forestry jobs this year.',
  'The Canadian dollar was little changed at 1.37 per U.S. dollar after the announcement.',
);

describe('summarise', () => {
  it('copies whole sentences verbatim from the body', () => {
    const summary = summarise(lumber, { topics: [] });
    expect(summary.length).toBeGreaterThan(0);
    for (const s of sentenceTexts(summary)) expect(lumber.body).toContain(s);
  });

  it('keeps to at most 3 sentences and 400 characters', () => {
    const long = article('Long', ...Array.from({ length: 12 }, (_, i) => `Sentence number ${i + 1} of this long article explains one more part of the tariff story in detail.`));
    const summary = summarise(long, { topics: [] });
    expect(summary.length).toBeLessThanOrEqual(MAX_CHARS);
    expect(sentenceTexts(summary).length).toBeLessThanOrEqual(MAX_SENTENCES);
    expect(sentenceTexts(summary).length).toBeGreaterThan(1);
  });

  it('leads with the news and drops the dateline', () => {
    const summary = summarise(lumber, { topics: [] });
    expect(summary.startsWith('Canada lodged a protest on Monday')).toBe(true);
  });

  it('never picks a sentence that is only a quotation', () => {
    const quoteHeavy = article(
      'Quotes everywhere',
      '"We will not accept these duties under any circumstances whatsoever," Grant said.',
      '"Our mills deserve better than this from our closest ally," she added.',
      'Canada will ask for a dispute panel under the trade pact.',
    );
    const summary = summarise(quoteHeavy, { topics: [] });
    expect(summary).toBe('Canada will ask for a dispute panel under the trade pact.');
  });

  it('never picks a sentence that opens with a quotation, even with a long attribution', () => {
    const led = article(
      'Analysts weigh in',
      '"It is a test," said Mara Quist, a senior currency strategist at a large Frankfurt bank with offices in Tokyo and New York.',
      'The yen rose to a two-month high against the dollar on Tuesday.',
    );
    expect(summarise(led, { topics: [] })).toBe('The yen rose to a two-month high against the dollar on Tuesday.');
  });

  it('prefers sentences that hold the matched topics’ terms', () => {
    const withoutTopics = summarise(lumber, { topics: [] });
    const withFx = summarise(lumber, { topics: [topic('fx', lumber.body, 'Canadian dollar')] });
    expect(withoutTopics).not.toContain('Canadian dollar');
    expect(withFx).toContain('The Canadian dollar was little changed');
  });

  it('gives an empty summary for a headline-only brief', () => {
    expect(summarise({ title: 'JAPAN TRADE SURPLUS RISES', body: '' }, { topics: [] })).toBe('');
    expect(summarise({ title: 'JAPAN TRADE SURPLUS RISES', body: '  \n\n ' }, { topics: [] })).toBe('');
  });

  it('summarises a one-sentence article with that sentence', () => {
    expect(summarise(article('Brief', 'Japan posted a record trade surplus in March, the finance ministry said.'), { topics: [] })).toBe(
      'Japan posted a record trade surplus in March, the finance ministry said.',
    );
  });

  it('cuts a single over-long sentence at a word and marks the cut', () => {
    const words = Array.from({ length: 120 }, (_, i) => `word${i}`).join(' ');
    const summary = summarise(article('Run-on', `${words[0]!.toUpperCase()}${words.slice(1)} ends here.`), { topics: [] });
    expect(summary.length).toBeLessThanOrEqual(MAX_CHARS);
    expect(summary.endsWith('…')).toBe(true);
    const cut = summary.slice(0, -1);
    expect(`${words[0]!.toUpperCase()}${words.slice(1)}`.startsWith(cut)).toBe(true);
  });

  it('summarises Japanese text without spaces between sentences', () => {
    const ja = article(
      '日米関税交渉が合意',
      '日米両政府は関税措置をめぐる交渉で合意した。自動車にかかる関税は15%とする。',
      '政府関係者は「最大の成果だ」と述べた。',
    );
    const summary = summarise(ja, { topics: [] });
    expect(summary.startsWith('日米両政府は関税措置をめぐる交渉で合意した。')).toBe(true);
    expect(summary).not.toContain(' ');
    expect(summary).not.toContain('「最大の成果だ」');
  });

  it('falls back to the first line of a table that has no sentence at all', () => {
    const table = article('ACME CORP 1ST QTR NET', 'Shr 28 cts vs 13 cts', 'Net 1.2 mln vs 600,000', 'Revs 14.1 mln vs 12.9 mln');
    expect(summarise(table, { topics: [] })).toBe('Shr 28 cts vs 13 cts');
  });

  it('leaves out list lines and headings without a full stop', () => {
    const rates = article('Rates', 'Barge rates firmed again on steady loadings, dealers said.', 'Quotes included -', '- Delivery this week 135 pct of tariff bid');
    expect(summarise(rates, { topics: [] })).toBe('Barge rates firmed again on steady loadings, dealers said.');
  });

  it('counts only real quotations against a sentence: scare quotes and names of things do not', () => {
    const scare = article(
      '“Reciprocal” tariffs take effect',
      'WASHINGTON — “Reciprocal” tariffs on goods from dozens of “bad actor” countries took effect on Wednesday.',
      'The “Liberation Day” duties hit “Made in Japan” cars hardest.',
      '"We will protect our workers and our farmers from this," the trade minister said.',
    );
    const summary = summarise(scare, { topics: [topic('tariffs', scare.body!, 'tariffs')] });
    // before, both sentences were ruled out as quotations (one opens with a mark, one is half quoted)
    expect(summary).toContain('“Reciprocal” tariffs on goods from dozens of “bad actor” countries took effect on Wednesday.');
    // the real quotation still stays out
    expect(summary).not.toContain('protect our workers');
  });
});
