/**
 * @module core/backoff — exponential back-off with jitter, and interval jitter, with `random` injected.
 *
 * Jitter spreads retries so that feeds (or channels) that failed together do not retry together
 * (AWS Architecture Blog, "Exponential Backoff And Jitter"). The cap is strict: jitter never pushes
 * a delay past `maxMs`.
 */

export interface BackoffOptions {
  /** Delay after the first failure (before jitter). */
  baseMs: number;
  /** Longest delay, jitter included. */
  maxMs: number;
  /** Growth per failure; default 2. */
  factor?: number;
  /** ± fraction of the delay drawn at random; default 0.2. */
  jitter?: number;
  /** A number in [0, 1). */
  random: () => number;
}

/** The delay before retry number `failures` (1 = after the first failure), in whole ms. */
export function backoffDelay(failures: number, options: BackoffOptions): number {
  const { baseMs, maxMs, factor = 2, jitter = 0.2, random } = options;
  const n = Math.max(1, Math.floor(failures));
  // Cap the exponent before Math.pow so a feed failing for weeks cannot overflow to Infinity.
  const raw = baseMs * Math.pow(factor, Math.min(n - 1, 64));
  const capped = Math.min(raw, maxMs);
  return Math.max(0, Math.min(maxMs, Math.round(jittered(capped, jitter, random))));
}

/** `ms` ± `fraction` of it, drawn from `random` (uniform). */
export function jittered(ms: number, fraction: number, random: () => number): number {
  if (fraction <= 0) return ms;
  return ms * (1 + fraction * (2 * random() - 1));
}
