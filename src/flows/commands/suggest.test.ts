import { describe, expect, it } from 'vitest';
import { closest, editDistance } from './suggest.js';

describe('suggest', () => {
  it.each([
    ['kitten', 'sitting', 3],
    ['lates', 'latest', 1],
    ['ltaest', 'latest', 1],
    ['', 'abc', 3],
  ])('editDistance(%s, %s) = %i', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
  });

  it('suggests the closest valid choice within reach, or nothing', () => {
    const subs = ['latest', 'search', 'quotes', 'subscribe', 'unsubscribe', 'topics', 'feeds', 'test', 'help'];
    expect(closest('lates', subs)).toBe('latest');
    expect(closest('serch', subs)).toBe('search');
    expect(closest('unsub', subs)).toBe('unsubscribe');
    expect(closest('tarifs', ['us-japan', 'tariffs', 'g20', 'fx'])).toBe('tariffs');
    expect(closest('g2', ['us-japan', 'tariffs', 'g20', 'fx'])).toBe('g20');
    expect(closest('zebra', subs)).toBeNull();
  });
});
