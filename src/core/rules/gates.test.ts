import { describe, expect, it } from 'vitest';
import { compileTopics } from './compile.js';
import { candidates } from './gates.js';

/** Term ids by the term's key, for readable tests. */
function setup(rules: string[]) {
  const compiled = compileTopics({ aliases: { pair: ['x', 'y'] }, topics: rules.map((rule, i) => ({ id: `t${i}`, rule })) });
  const id = (key: string): number => compiled.dict.terms.findIndex((t) => compiled.dict.atoms[t.atoms[0]!]!.key === key && t.atoms.length === 1);
  return { compiled, found: (...keys: string[]) => candidates(compiled.gates, keys.map(id)) };
}

describe('gates', () => {
  it('needs every AND-ed term, one of each OR group, and ignores NOT', () => {
    const { found } = setup(['a AND (b OR c) AND NOT d']);
    expect(found('a')).toEqual([]);
    expect(found('b', 'c')).toEqual([]);
    expect(found('a', 'c')).toEqual([0]);
    expect(found('a', 'b', 'd')).toEqual([0]); // NOT is for the evaluation to decide
  });

  it('needs both sides of NEAR, only the left of NOT NEAR, and one alias entry', () => {
    const { found } = setup(['a NEAR/3 b', 'a NOT NEAR/3 b', '@pair AND z']);
    expect(found('a')).toEqual([1]);
    expect(found('a', 'b')).toEqual([0, 1]);
    expect(found('y', 'z')).toEqual([2]);
    expect(found('z')).toEqual([]);
  });

  it('needs, for an OR, one term of each alternative’s required sets', () => {
    const { found } = setup(['(a AND b) OR c']);
    expect(found('a')).toEqual([]); // a AND b still lacks b, and c is absent
    expect(found('a', 'b')).toEqual([0]);
    expect(found('c')).toEqual([0]);
  });

  it('keeps topics whose OR has a NOT alternative (no term required there)', () => {
    const { found } = setup(['a AND (b OR NOT c)']);
    expect(found('a')).toEqual([0]);
  });
});
