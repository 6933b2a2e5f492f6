import { describe, expect, it } from 'vitest';
import type { ArticleText } from '../types.js';
import { compileTopics } from './compile.js';
import { explainTopics } from './explain.js';
import { matchTopics } from './match.js';

/** Topic ids one rule (threshold 0 unless given) matches in an article. */
function matches(rule: string, article: Partial<ArticleText>, options: { threshold?: number; aliases?: Record<string, string[]> } = {}): boolean {
  const compiled = compileTopics({ aliases: options.aliases ?? {}, topics: [{ id: 't', rule, threshold: options.threshold ?? 0 }] });
  return matchTopics(compiled, { title: '', body: '', ...article }).length === 1;
}

const body = (text: string): Partial<ArticleText> => ({ body: text });

describe('matchTopics: operators', () => {
  it.each([
    ['tariff AND Japan', 'Japan weighs a tariff', true],
    ['tariff AND Japan', 'Korea weighs a tariff', false],
    ['tariff OR levy', 'a levy on steel', true],
    ['tariff OR levy', 'a charge on steel', false],
    ['tariff NOT electricity', 'a tariff on steel', true],
    ['tariff NOT electricity', 'the electricity tariff rises; steel too', false],
    ['tariff AND NOT (electricity OR phone)', 'the phone tariff rises', false],
    ['(tariff OR duty) AND (steel OR aluminium)', 'a duty on aluminium', true],
    ['(tariff OR duty) AND (steel OR aluminium)', 'a duty on wheat', false],
  ])('%s on "%s" → %s', (rule, text, expected) => {
    expect(matches(rule, body(text))).toBe(expected);
  });

  it('matches exact phrases in order, across curly punctuation, and never across a sentence end', () => {
    expect(matches('"trade talks"', body('the trade talks resumed'))).toBe(true);
    expect(matches('"trade talks"', body('talks on trade resumed'))).toBe(false);
    expect(matches('"Japan\'s tariff"', body('Japan’s tariff stays'))).toBe(true);
    expect(matches('"trade talks"', body('They spoke of trade. Talks follow.'))).toBe(false);
  });

  it('matches a prefix wildcard against every word that starts with it, and nothing shorter', () => {
    for (const word of ['tariff', 'tariffs', 'Tariff-hit'.split('-')[0]!]) expect(matches('tariff*', body(`a ${word} here`))).toBe(true);
    expect(matches('tariff*', body('a tarif here'))).toBe(false);
    expect(matches('"import dut*"', body('import duties rose'))).toBe(true);
  });
});

describe('matchTopics: NEAR', () => {
  it('counts words between the two, in either order', () => {
    // NEAR/1: side by side; NEAR/n: at most n-1 words between
    expect(matches('Japan NEAR/1 tariff*', body('Japan tariffs'))).toBe(true);
    expect(matches('Japan NEAR/4 tariff*', body('Japan may raise its tariffs'))).toBe(true);
    expect(matches('Japan NEAR/3 tariff*', body('Japan may raise its tariffs'))).toBe(false);
    expect(matches('Japan NEAR/3 tariff*', body('tariffs imposed on Japan'))).toBe(true);
  });

  it('works between groups and chains', () => {
    expect(matches('(US OR "United States") NEAR/4 (Japan OR Tokyo)', body('talks between the United States and Tokyo'))).toBe(true);
    expect(matches('(US NEAR/3 Japan) NEAR/5 tariff*', body('US and Japan agreed lower tariffs'))).toBe(true);
    expect(matches('(US NEAR/3 Japan) NEAR/1 tariff*', body('US and Japan agreed lower tariffs'))).toBe(false);
  });

  it('stays within one sentence, and never reaches from the title into the body', () => {
    expect(matches('Japan NEAR/10 tariff*', body('Japan spoke. Tariffs rose.'))).toBe(false);
    expect(matches('Japan NEAR/10 tariff*', { title: 'Japan', body: 'Tariffs rose.' })).toBe(false);
  });

  it('does not count one word as near itself', () => {
    expect(matches('tariff* NEAR/5 tariff*', body('one tariff only'))).toBe(false);
    expect(matches('tariff* NEAR/5 tariff*', body('one tariff and another tariff'))).toBe(true);
  });

  it('NOT NEAR keeps only the places without the other term close by', () => {
    const rule = 'tariff* NOT NEAR/2 (electricity OR energy)';
    expect(matches(rule, body('the electricity tariff rises'))).toBe(false);
    expect(matches(rule, body('the electricity tariff rises. A steel tariff too.'))).toBe(true);
  });
});

describe('matchTopics: fields, case and aliases', () => {
  it('title: and lead: restrict where a term may stand', () => {
    expect(matches('title:tariff*', { title: 'Tariffs rise', body: 'x' })).toBe(true);
    expect(matches('title:tariff*', { title: 'Steel', body: 'Tariffs rise' })).toBe(false);
    const long = `First paragraph about steel and other things, long enough to be a lead.\n\n${'Filler words. '.repeat(10)}Tariffs rise.`;
    expect(matches('lead:tariff*', body(long))).toBe(false);
    expect(matches('body:tariff*', body(long))).toBe(true);
    expect(matches('lead:steel', body(long))).toBe(true);
  });

  it('matches words written in capitals only in capitals (acronyms), others in any case', () => {
    expect(matches('US', body('talks with the US'))).toBe(true);
    expect(matches('US', body('talks with the U.S. today'))).toBe(true);
    expect(matches('US', body('he told us nothing'))).toBe(false);
    expect(matches('FX', body('FX markets calmed'))).toBe(true);
    expect(matches('FX', body('a VFX studio and fx'))).toBe(false);
    expect(matches('G20', body('the G-20 summit'))).toBe(true);
    expect(matches('G20', body('a g20 token'))).toBe(false);
    expect(matches('japan', body('JAPAN SAYS'))).toBe(true);
    expect(matches('=Fed', body('the fed up voters'))).toBe(false);
    expect(matches('=Fed', body('the Fed raised rates'))).toBe(true);
  });

  it('expands @aliases, labelling their hits with the alias name', () => {
    const aliases = { japan: ['Japan', 'Japanese', 'Tokyo'] };
    const compiled = compileTopics({ aliases, topics: [{ id: 't', rule: '@japan AND tariff*', threshold: 0 }] });
    const [m] = matchTopics(compiled, { title: 'Tokyo weighs tariffs', body: '' });
    expect(m!.hits.map((h) => [h.term, h.text])).toEqual([
      ['@japan', 'Tokyo'],
      ['tariff*', 'tariffs'],
    ]);
    expect(matches('@japan', body('Japanese carmakers'), { aliases })).toBe(true);
    expect(matches('title:@japan', body('Japanese carmakers'), { aliases })).toBe(false);
  });

  it('reuses one alias in many topics', () => {
    const compiled = compileTopics({
      aliases: { japan: ['Japan', 'Tokyo'] },
      topics: [
        { id: 'a', rule: '@japan AND tariff*' },
        { id: 'b', rule: '@japan AND yen' },
      ],
    });
    const found = matchTopics(compiled, { title: 'Tokyo: tariffs and the yen', body: '' });
    expect(found.map((m) => m.id).sort()).toEqual(['a', 'b']);
  });
});

describe('matchTopics: scores and thresholds', () => {
  const compiled = compileTopics({ aliases: {}, topics: [{ id: 'tariffs', rule: 'tariff*' }] });
  const score = (article: Partial<ArticleText>): number => {
    const [e] = explainTopics(compiled, { title: '', body: '', ...article });
    return e?.score ?? 0;
  };
  const lead = 'A first paragraph about the economy, long enough to count as the lead of the story.';

  it('weighs the title above the lead above the rest of the body', () => {
    expect(score({ title: 'New tariffs' })).toBe(3);
    expect(score({ body: `${lead} Tariffs rise.` })).toBe(2);
    expect(score({ body: `${lead}\n\nTariffs rise.` })).toBe(1);
  });

  it('adds half for each repeat, so a passing mention stays under the default threshold', () => {
    expect(score({ body: `${lead}\n\nTariffs rise. More tariffs. Tariffs again.` })).toBe(2);
    expect(matchTopics(compiled, { title: 'Steel', body: `${lead}\n\nOne tariff in passing.` })).toEqual([]);
    expect(matchTopics(compiled, { title: 'Steel tariffs', body: lead }).map((m) => m.id)).toEqual(['tariffs']);
  });

  it('counts a NEAR match as one place, however many terms it joins', () => {
    const near = compileTopics({ aliases: {}, topics: [{ id: 'n', rule: 'duty NEAR/3 import*' }] });
    const [e] = explainTopics(near, { title: '', body: `${lead}\n\nA duty on imports.` });
    expect(e!.score).toBe(1);
    expect(e!.hits.map((h) => h.text)).toEqual(['duty', 'imports']);
  });

  it('uses each topic its own threshold, and sorts matches best first', () => {
    const two = compileTopics({
      aliases: {},
      topics: [
        { id: 'low', rule: 'yen', threshold: 1 },
        { id: 'high', rule: 'tariff*', threshold: 1 },
        { id: 'strict', rule: 'steel', threshold: 5 },
      ],
    });
    const found = matchTopics(two, { title: 'Steel tariffs', body: `${lead}\n\nThe yen.` });
    expect(found.map((m) => [m.id, m.score])).toEqual([
      ['high', 3],
      ['low', 1],
    ]);
  });
});

describe('matchTopics: hits and Unicode', () => {
  it('reports each hit with the rule term, the text as written, the field and its offset', () => {
    const compiled = compileTopics({ aliases: {}, topics: [{ id: 'u', rule: 'US NEAR/3 Japan', threshold: 0 }] });
    const [m] = matchTopics(compiled, { title: 'U.S.–Japan talks', body: '' });
    expect(m!.hits).toEqual([
      { term: 'US', text: 'U.S.', field: 'title', offset: 0 },
      { term: 'Japan', text: 'Japan', field: 'title', offset: 5 },
    ]);
  });

  it('matches Japanese terms inside words, and NEAR between Japanese words', () => {
    expect(matches('関税', body('米国は相互関税を発動した'))).toBe(true);
    expect(matches('為替', body('外国為替市場で円安が進んだ'))).toBe(true);
    expect(matches('関税', body('税関の手続き'))).toBe(false);
    expect(matches('日米 NEAR/3 関税', body('日米の関税交渉が続く'))).toBe(true);
    expect(matches('日米 NEAR/3 関税', body('日米首脳が会談した。関税は議題にならなかった'))).toBe(false);
    expect(matches('G20', body('G20財務相会議が閉幕'))).toBe(true);
  });

  it('does not see a dateline as part of the story', () => {
    expect(matches('Washington', body('WASHINGTON — The talks ended.'))).toBe(false);
    expect(matches('Washington', body('WASHINGTON — Washington said no.'))).toBe(true);
    expect(matches('Tokyo', body('LOS ANGELES/TOKYO — Talks ended.'))).toBe(false);
    expect(matches('Tokyo', body('KANANASKIS, Alberta — Tokyo said no.'))).toBe(true);
    // a place is one to four words of at least three letters; a heading in capitals is no dateline
    expect(matches('US', body('US - Japan talks resumed.'))).toBe(true);
    expect(matches('report', body('FEDERAL RESERVE MONEY SUPPLY REPORT - FEB 26'))).toBe(true);
  });
});

describe('explainTopics', () => {
  it('gives the verdict, the score, and the clauses that fired or blocked', () => {
    const compiled = compileTopics({
      aliases: { utility: ['electricity', 'phone'] },
      topics: [{ id: 'tariffs', rule: 'tariff* NOT NEAR/2 @utility AND (steel OR aluminium)', threshold: 2 }],
    });
    const [e] = explainTopics(compiled, { title: '', body: 'The electricity tariff rises. Steel is cheap.' });
    expect(e).toMatchObject({ id: 'tariffs', matched: false, verdict: 'rule not satisfied', score: 0 });
    expect(e!.clauses.result).toBe(false);
    const [nearClause, metals] = e!.clauses.items!;
    expect(nearClause).toMatchObject({ clause: 'tariff* NOT NEAR/2 @utility', result: false });
    expect(nearClause!.items![1]).toMatchObject({ clause: '@utility', result: true, hits: 1, items: [{ clause: 'electricity', result: true }], without: 1 });
    expect(metals).toMatchObject({ clause: '(steel OR aluminium)', result: true, without: 1 });
  });

  it('says when the score is below the threshold, and explains only topics with a hit unless asked', () => {
    const compiled = compileTopics({ aliases: {}, topics: [{ id: 'a', rule: 'tariff*' }, { id: 'b', rule: 'yen' }] });
    const article = { title: '', body: 'A first paragraph about the economy, long enough to be the lead.\n\nOne tariff.' };
    expect(explainTopics(compiled, article).map((e) => [e.id, e.verdict])).toEqual([['a', 'score 1 below threshold 2']]);
    expect(explainTopics(compiled, article, { all: true }).map((e) => e.id)).toEqual(['a', 'b']);
  });
});

describe('lead', () => {
  it('skips short placeholder paragraphs before choosing the lead', () => {
    const compiled = compileTopics({ aliases: {}, topics: [{ id: 't', rule: 'tariff*', threshold: 0 }] });
    const body = '[image: ]\n\n\n\nAn opening paragraph of the story about new tariffs on steel and aluminium.\n\nLater, tariffs again.';
    const [m] = matchTopics(compiled, { title: '', body });
    expect(m!.hits.map((h) => h.field)).toEqual(['lead', 'body']);
  });
});
