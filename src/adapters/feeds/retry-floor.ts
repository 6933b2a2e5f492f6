/**
 * @module adapters/feeds/retry-floor — how long a server asks us to stay away: `Retry-After` on
 * 429/503 (seconds or an HTTP date, RFC 9110 §10.2.3) and `Cache-Control: max-age` on any answer.
 * The poll flow schedules the next poll no sooner than this.
 */

/** A misconfigured CDN can say max-age=31536000; a feed is still polled at least this often. */
export const MAX_CACHE_FLOOR_MS = 6 * 3_600_000;
/** An explicit Retry-After is honoured up to a day. */
export const MAX_RETRY_AFTER_MS = 24 * 3_600_000;

export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | null {
  const v = value?.trim();
  if (!v) return null;
  if (/^\d+$/.test(v)) return Math.min(Number(v) * 1000, MAX_RETRY_AFTER_MS);
  const at = Date.parse(v);
  if (Number.isNaN(at)) return null;
  return Math.min(Math.max(at - nowMs, 0), MAX_RETRY_AFTER_MS);
}

export function parseMaxAge(cacheControl: string | null | undefined): number | null {
  if (!cacheControl) return null;
  if (/(?:^|,)\s*(?:no-cache|no-store)\b/i.test(cacheControl)) return null;
  const m = /(?:^|,)\s*max-age\s*=\s*"?(\d+)"?/i.exec(cacheControl);
  if (!m) return null;
  const ms = Number(m[1]) * 1000;
  return ms > 0 ? Math.min(ms, MAX_CACHE_FLOOR_MS) : null;
}

/** The floor for one response: Retry-After on 429/503 wins over max-age. */
export function retryFloorMs(status: number, headers: { retryAfter?: string | null; cacheControl?: string | null }, nowMs: number): number | null {
  if (status === 429 || status === 503) {
    const retry = parseRetryAfter(headers.retryAfter, nowMs);
    if (retry !== null) return retry;
  }
  return parseMaxAge(headers.cacheControl);
}
