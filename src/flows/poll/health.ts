/**
 * @module flows/poll/health — feed-health notices for the ops channel: a feed failing N polls in a
 * row, and its recovery. Each is written once per run of failures (the dedupe key names its start).
 */
import { formatDuration } from '../../core/duration.js';
import type { Destination } from '../../core/types.js';
import type { FeedRecord, FetchError, Log, Store } from '../../ports.js';

export interface HealthSettings {
  channel: Destination | null;
  failureThreshold: number;
}

function name(feed: FeedRecord): string {
  const label = feed.name ?? feed.title;
  return label && label !== feed.id ? `${label} (${feed.id})` : feed.id;
}

/**
 * Called after a poll. `before` is the feed as claimed; `failed` the error of this poll, or null on
 * success. Returns whether a notice was written. Never throws: a notice is not worth a poll.
 */
export async function feedHealthNotice(
  store: Store,
  settings: HealthSettings,
  log: Log,
  args: { before: FeedRecord; failed: FetchError | null; now: Date },
): Promise<boolean> {
  const { before, failed, now } = args;
  if (!settings.channel) return false;
  const nowIso = now.toISOString();
  let text: string;
  let key: string;
  if (failed) {
    const failures = before.consecutiveFailures + 1;
    if (failures < settings.failureThreshold) return false;
    const since = before.failingSince ?? nowIso;
    text = `Feed ${name(before)} has failed ${failures} polls in a row since ${since}: ${failed.code}: ${failed.message}`;
    key = `feed-down:${before.id}:${since}`;
  } else {
    if (before.consecutiveFailures < settings.failureThreshold || !before.failingSince) return false;
    const downFor = formatDuration(now.getTime() - Date.parse(before.failingSince));
    text = `Feed ${name(before)} recovered after ${before.consecutiveFailures} failed polls (${downFor}).`;
    key = `feed-up:${before.id}:${before.failingSince}`;
  }
  try {
    return await store.enqueueNotice(settings.channel, text, key, nowIso);
  } catch (err) {
    log.error({ feedId: before.id, err }, 'poll: could not queue a feed-health notice');
    return false;
  }
}
