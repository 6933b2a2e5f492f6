import { describe, expect, it } from 'vitest';
import { backoffDelay, jittered } from './backoff.js';

const fixed = (v: number) => () => v;
const MIN = 60_000;

describe('backoffDelay', () => {
  it('doubles from the base without jitter at the midpoint of random', () => {
    const delays = [1, 2, 3, 4, 5].map((n) => backoffDelay(n, { baseMs: 5 * MIN, maxMs: 6 * 60 * MIN, random: fixed(0.5) }));
    expect(delays).toEqual([5 * MIN, 10 * MIN, 20 * MIN, 40 * MIN, 80 * MIN]);
  });

  it('caps at maxMs, jitter included', () => {
    const opts = { baseMs: 5 * MIN, maxMs: 6 * 60 * MIN, random: fixed(0.999) };
    expect(backoffDelay(7, opts)).toBe(6 * 60 * MIN); // 320 min * 1.2 would be 384 min
    expect(backoffDelay(50, opts)).toBe(6 * 60 * MIN);
    expect(backoffDelay(10_000, opts)).toBe(6 * 60 * MIN);
  });

  it('spreads delays by ± jitter', () => {
    const low = backoffDelay(3, { baseMs: 1000, maxMs: 1e9, jitter: 0.25, random: fixed(0) });
    const high = backoffDelay(3, { baseMs: 1000, maxMs: 1e9, jitter: 0.25, random: fixed(0.99999) });
    expect(low).toBe(3000);
    expect(high).toBeGreaterThan(4990);
    expect(high).toBeLessThanOrEqual(5000);
  });

  it('treats zero or negative failure counts as the first failure', () => {
    expect(backoffDelay(0, { baseMs: 1000, maxMs: 1e6, random: fixed(0.5) })).toBe(1000);
    expect(backoffDelay(-3, { baseMs: 1000, maxMs: 1e6, random: fixed(0.5) })).toBe(1000);
  });

  it('honours a custom factor', () => {
    expect(backoffDelay(3, { baseMs: 1000, maxMs: 1e6, factor: 3, random: fixed(0.5) })).toBe(9000);
  });
});

describe('jittered', () => {
  it('stays within ± fraction', () => {
    expect(jittered(1000, 0.1, fixed(0))).toBe(900);
    expect(jittered(1000, 0.1, fixed(0.5))).toBe(1000);
    expect(jittered(1000, 0, fixed(0))).toBe(1000);
  });
});
