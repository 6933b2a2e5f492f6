import { describe, expect, it } from 'vitest';
import type { TopicsFile } from '../../config/schema.js';
import { isTradewireError } from '../errors.js';
import { compileTopics, DEFAULT_THRESHOLD, type RuleProblem } from './compile.js';

function file(rules: Record<string, string>, aliases: Record<string, string[]> = {}): TopicsFile {
  return { aliases, topics: Object.entries(rules).map(([id, rule]) => ({ id, rule })) };
}

function problems(f: TopicsFile): RuleProblem[] {
  try {
    compileTopics(f);
  } catch (err) {
    if (isTradewireError(err, 'rules_invalid')) return err.input as RuleProblem[];
    throw err;
  }
  throw new Error('expected compileTopics to fail');
}

describe('compileTopics', () => {
  it('compiles every topic with its name and threshold, sharing terms between topics', () => {
    const compiled = compileTopics({
      aliases: { japan: ['Japan', 'Tokyo'] },
      topics: [
        { id: 'a', name: 'A topic', rule: '@japan AND tariff*', threshold: 3 },
        { id: 'b', rule: 'Japan OR tariff*' },
      ],
    });
    expect(compiled.ids).toEqual(['a', 'b']);
    expect(compiled.names.get('a')).toBe('A topic');
    expect(compiled.names.get('b')).toBe('b');
    expect(compiled.topics.map((t) => t.threshold)).toEqual([3, DEFAULT_THRESHOLD]);
    // Japan, Tokyo, tariff*: three terms, however many topics use them
    expect(compiled.dict.terms).toHaveLength(3);
    const japan = compiled.dict.terms.find((t) => t.topics.length === 2);
    expect(japan).toBeDefined();
  });

  it('reports every bad rule with topic id, key path, rule, column and what was expected', () => {
    const found = problems(file({ ok: 'tariff*', bad: 'G20 AND (summit OR)', worse: 'yen dollar' }));
    expect(found.map((p) => p.path)).toEqual(['topics.1.rule', 'topics.2.rule']);
    expect(found[0]).toMatchObject({ topic: 'bad', rule: 'G20 AND (summit OR)', column: 19 });
    expect(found[0]!.message).toBe(
      'topic "bad": rule "G20 AND (summit OR)" at column 19: expected a term, a "phrase", an @alias or "(" after "OR", found ")"',
    );
    expect(found[1]!.message).toContain('topic "worse": rule "yen dollar" at column 5: expected AND, OR');
  });

  it('names the whole set of problems in the thrown message', () => {
    try {
      compileTopics(file({ a: 'a OR' }));
    } catch (err) {
      expect((err as Error).message).toBe('rules: 1 problem(s) in topics:\n  - topics.0.rule: topic "a": rule "a OR" at column 5: expected a term, a "phrase", an @alias or "(" after "OR", found the end of the rule');
      return;
    }
    throw new Error('expected a throw');
  });

  it.each([
    ['@japn AND tariff*', 1, 'expected a defined alias, found @japn (aliases in this file: @japan)'],
    ['(a AND b) NEAR/3 c', 1, 'beside NEAR/n; AND and NOT have no single place in the text'],
    ['a NEAR/3 (b OR NOT c)', 10, 'beside NEAR/n'],
    ['NOT tariff*', 1, 'this rule matches articles with none of its terms (NOT alone)'],
    ['a OR NOT b', 1, 'NOT alone'],
    ['tar*iff', 4, 'expected "*" only at the end of a word'],
    ['t*', 1, 'expected at least two letters before "*"'],
    ['関税*', 3, 'expected no "*" after Japanese/Chinese text'],
    ['"trade *talks"', 8, 'expected "*" only at the end of a word'],
    ['a AND --', 7, 'expected a word with letters or digits, found "--"'],
    ['title:(lead:a)', 7, 'lead: there can never match'],
  ])('rejects %j at column %i', (rule, column, message) => {
    const [p] = problems(file({ t: rule }, { japan: ['Japan'] }));
    expect(p!.column).toBe(column);
    expect(p!.message).toContain(message);
  });

  it('reports a bad alias entry once, against the alias, not against each topic using it', () => {
    const found = problems(file({ a: '@japan', b: '@japan AND yen' }, { japan: ['Japan', 'Tokyo OR'] }));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ path: 'aliases.japan.1', topic: null, column: 9 });
    expect(found[0]!.message).toContain('alias @japan: entry "Tokyo OR" at column 9');
  });

  it('rejects aliases that refer to themselves, naming the cycle, against the entry that closes it', () => {
    const found = problems(file({ a: '@x' }, { x: ['@y'], y: ['z OR @x'] }));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ path: 'aliases.y.0', column: 6 });
    expect(found[0]!.message).toContain('@x → @y → @x');
  });

  it('reports a problem of a nested alias against that alias, at its own column', () => {
    const found = problems(file({ a: '@outer AND b' }, { outer: ['@inner'], inner: ['ok', 'x AND @nope'] }));
    expect(found.map((p) => [p.path, p.column])).toEqual([['aliases.inner.1', 7]]);
  });
});
