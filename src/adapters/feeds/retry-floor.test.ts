import { describe, expect, it } from 'vitest';
import { MAX_CACHE_FLOOR_MS, MAX_RETRY_AFTER_MS, parseMaxAge, parseRetryAfter, retryFloorMs } from './retry-floor.js';

const now = Date.parse('2025-05-06T12:00:00Z');

describe('retry floors', () => {
  it('reads Retry-After as seconds or as an HTTP date, capped', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Tue, 06 May 2025 12:30:00 GMT', now)).toBe(30 * 60_000);
    expect(parseRetryAfter('Tue, 06 May 2025 11:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('9999999', now)).toBe(MAX_RETRY_AFTER_MS);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(null, now)).toBeNull();
  });

  it('reads max-age, ignoring no-cache/no-store, capped', () => {
    expect(parseMaxAge('public, max-age=300')).toBe(300_000);
    expect(parseMaxAge('max-age="60", must-revalidate')).toBe(60_000);
    expect(parseMaxAge('no-cache, max-age=300')).toBeNull();
    expect(parseMaxAge('max-age=0')).toBeNull();
    expect(parseMaxAge('s-maxage=300')).toBeNull();
    expect(parseMaxAge('max-age=31536000')).toBe(MAX_CACHE_FLOOR_MS);
  });

  it('prefers Retry-After on 429/503 and uses it only there', () => {
    expect(retryFloorMs(429, { retryAfter: '60', cacheControl: 'max-age=10' }, now)).toBe(60_000);
    expect(retryFloorMs(503, { retryAfter: null, cacheControl: 'max-age=10' }, now)).toBe(10_000);
    expect(retryFloorMs(200, { retryAfter: '60', cacheControl: null }, now)).toBeNull();
  });
});
