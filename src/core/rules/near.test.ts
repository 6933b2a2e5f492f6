import { describe, expect, it } from 'vitest';
import { seeded as random } from '../format/test-fixtures.js';
import { compileTopics } from './compile.js';
import type { Span } from './evaluate.js';
import { matchTopics } from './match.js';
import { near, nearPairs, withoutNear } from './near.js';

/** Random places over a short text (so that many pairs are near, some share a word, some cross streams). */
function spans(rnd: () => number, count: number): Span[] {
  return Array.from({ length: count }, () => {
    const seq0 = Math.floor(rnd() * 300);
    const width = rnd() < 0.8 ? 0 : Math.floor(rnd() * 12);
    const stream = rnd() < 0.1 ? 0 : 1;
    const occ = { term: 0, field: 'body' as const, stream, start: 0, end: 0, pos0: seq0, pos1: seq0 + width, seq0, seq1: seq0 + width };
    return { unit: null, stream, pos0: seq0, pos1: seq0 + width, seq0, seq1: seq0 + width, hits: [{ occ, label: 'x' }] };
  });
}

describe('NEAR over sorted positions', () => {
  it('finds exactly the pairs the nested loops find, in the same order', () => {
    const rnd = random(7);
    for (let round = 0; round < 30; round++) {
      const left = spans(rnd, 20 + Math.floor(rnd() * 200));
      const right = spans(rnd, 20 + Math.floor(rnd() * 200));
      const n = 1 + Math.floor(rnd() * 10);
      const expected: [Span, Span][] = [];
      for (const a of left) for (const b of right) if (near(a, b, n)) expected.push([a, b]);
      const got: [Span, Span][] = [];
      nearPairs(left, right, n, (a, b) => got.push([a, b]));
      expect(got.length).toBe(expected.length);
      expect(got.every(([a, b], i) => a === expected[i]![0] && b === expected[i]![1])).toBe(true);
      const kept = withoutNear(left, right, n);
      expect(kept).toEqual(left.filter((a) => !right.some((b) => near(a, b, n))));
    }
  });

  it('matches an article that repeats both terms thousands of times, with every hit', () => {
    const compiled = (rule: string) => compileTopics({ aliases: {}, topics: [{ id: 't', rule, threshold: 0 }] });
    const times = 5000;
    // one sentence per pair: "japan" is 2 words from "tariff", and sentences keep NEAR apart
    const article = { title: '', body: 'Japan weighs tariffs. '.repeat(times) };
    const pairs = matchTopics(compiled('japan NEAR/2 tariff*'), article);
    expect(pairs).toHaveLength(1);
    expect(pairs[0]!.hits).toHaveLength(2 * times);
    expect(matchTopics(compiled('japan NEAR/1 tariff*'), article)).toEqual([]);
    expect(matchTopics(compiled('japan NOT NEAR/2 tariff*'), article)).toEqual([]);
    const alone = matchTopics(compiled('japan NOT NEAR/1 tariff*'), article);
    expect(alone[0]!.hits.map((h) => h.text)).toEqual(Array.from({ length: times }, () => 'Japan'));
  });

  it('counts distances right in one long sentence of repeats', () => {
    const times = 4000;
    // japan tariff japan tariff …: each "japan" has a "tariff" 1 word away, nothing 0 words away
    const article = { title: '', body: 'japan tariff '.repeat(times) };
    const compiled = compileTopics({ aliases: {}, topics: [{ id: 't', rule: 'japan NOT NEAR/1 tariff', threshold: 0 }, { id: 'u', rule: 'japan NEAR/1 tariff', threshold: 0 }] });
    const result = matchTopics(compiled, article);
    expect(result.map((r) => r.id)).toEqual(['u']);
    expect(result[0]!.hits).toHaveLength(2 * times);
  });
});
