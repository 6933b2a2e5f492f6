/**
 * @module flows/poll/timing — when a feed is polled next: its interval with jitter on success,
 * exponential back-off on failure, and never before the server's floor (Retry-After, max-age, ttl).
 */
import { backoffDelay, jittered } from '../../core/backoff.js';
import type { FeedRecord, FeedFetchResult } from '../../ports.js';

/** A server may ask us to wait; past a day it is more likely a mistake than a wish. */
export const MAX_FLOOR_MS = 24 * 3_600_000;

export interface TimingSettings {
  jitter: number;
  maxBackoff: number;
}

/** Milliseconds until the next poll of `feed` after `result`. */
export function nextPollDelay(feed: FeedRecord, result: FeedFetchResult, settings: TimingSettings, random: () => number): number {
  const floor = Math.min(MAX_FLOOR_MS, Math.max(0, result.retryFloorMs ?? 0));
  if (result.kind === 'error') {
    const failures = feed.consecutiveFailures + 1;
    const backoff = backoffDelay(failures, { baseMs: feed.everyMs, maxMs: Math.max(settings.maxBackoff, feed.everyMs), jitter: settings.jitter, random });
    return Math.max(backoff, floor);
  }
  const ttl = result.kind === 'ok' && result.feed.ttlMinutes ? Math.min(MAX_FLOOR_MS, result.feed.ttlMinutes * 60_000) : 0;
  return Math.max(Math.round(jittered(feed.everyMs, settings.jitter, random)), floor, ttl);
}
