import { describe, expect, it } from 'vitest';
import { parseRule, RuleSyntaxError, type Syntax } from './parse.js';

/** A compact rendering of the tree, to compare structure. */
function show(s: Syntax): string {
  switch (s.kind) {
    case 'term':
      return `${s.exactCase ? '=' : ''}${s.phrase ? `"${s.text}"` : s.text}`;
    case 'alias':
      return `@${s.name}`;
    case 'and':
    case 'or':
      return `${s.kind}(${s.items.map(show).join(', ')})`;
    case 'not':
      return `not(${show(s.item)})`;
    case 'near':
      return `${s.negated ? 'notnear' : 'near'}${s.distance}(${show(s.left)}, ${show(s.right)})`;
    case 'field':
      return `${s.field}:${show(s.item)}`;
  }
}

function errorOf(rule: string): { message: string; column: number } {
  try {
    parseRule(rule);
  } catch (err) {
    if (err instanceof RuleSyntaxError) return { message: err.message, column: err.offset + 1 };
    throw err;
  }
  throw new Error(`expected "${rule}" to be rejected`);
}

describe('parseRule', () => {
  it.each([
    ['tariff*', 'tariff*'],
    ['a AND b OR c', 'or(and(a, b), c)'],
    ['a OR b AND c', 'or(a, and(b, c))'],
    ['(a OR b) AND c', 'and(or(a, b), c)'],
    ['a NOT b', 'and(a, not(b))'],
    ['a AND NOT b', 'and(a, not(b))'],
    ['NOT a AND b', 'and(not(a), b)'],
    ['a NEAR/5 b AND c', 'and(near5(a, b), c)'],
    ['a NEAR/2 b NEAR/3 c', 'near3(near2(a, b), c)'],
    ['a NOT NEAR/3 b', 'notnear3(a, b)'],
    ['NOT a NEAR/3 b', 'not(near3(a, b))'],
    ['"trade talks" OR “curly phrase”', 'or("trade talks", "curly phrase")'],
    ['title:tariff* AND lead:(a OR b)', 'and(title:tariff*, lead:or(a, b))'],
    ['@japan NEAR/10 @us', 'near10(@japan, @us)'],
    ['=Fed OR ="Bank of Japan"', 'or(=Fed, ="Bank of Japan")'],
    ['関税 OR 為替', 'or(関税, 為替)'],
    ['U.S. OR US–Japan', 'or(U.S., US–Japan)'],
  ])('%s', (rule, expected) => {
    expect(show(parseRule(rule))).toBe(expected);
  });

  it('keeps the source span of each clause (for --explain)', () => {
    const rule = 'a AND (b OR c)';
    const tree = parseRule(rule);
    if (tree.kind !== 'and') throw new Error('expected and');
    expect(rule.slice(tree.items[1]!.from, tree.items[1]!.to)).toBe('(b OR c)');
  });

  it.each([
    ['tariff AND (summit OR)', 22, 'expected a term, a "phrase", an @alias or "(" after "OR", found ")"'],
    ['tariff japan', 8, 'expected AND, OR, NOT, NEAR/n or the end of the rule, found "japan" (join terms with AND, OR or NEAR/n; put a phrase in "quotes")'],
    ['tariff and japan', 8, 'operators are written in capitals'],
    ['(a OR b', 8, 'expected AND, OR, NOT, NEAR/n or ")", found the end of the rule'],
    ['a OR b)', 7, 'this ")" has no "("'],
    ['a NEAR b', 3, 'expected NEAR/n with a distance n from 1 to 100 (words), e.g. NEAR/5, found "NEAR"'],
    ['a NEAR/0 b', 3, 'found "NEAR/0"'],
    ['a NEAR/500 b', 3, 'found "NEAR/500"'],
    ['"trade talks', 1, 'expected a closing quote'],
    ['a AND', 6, 'found the end of the rule'],
    ['', 1, 'expected a rule, found an empty one'],
    ['@ OR a', 1, 'expected an alias name after @'],
    ['NOT NEAR/2 a', 5, 'after "NOT", found "NEAR/2"'],
  ])('rejects %j at column %i', (rule, column, message) => {
    const err = errorOf(rule);
    expect(err.column).toBe(column);
    expect(err.message).toContain(message);
  });
});
