/**
 * @module adapters/store/rows — database rows → port types, shared by the SQLite and PostgreSQL
 * stores (their schemas have the same columns: epoch-ms times, JSON as text; booleans are 0/1 on
 * SQLite and true/false on PostgreSQL, read here either way).
 */
import { TradewireError } from '../../core/errors.js';
import { isValidTimeZone } from '../../core/schedule.js';
import type { AlsoReported, Analysis, Story, Subscription, SubscriptionMode } from '../../core/types.js';
import type { Delivery, DeliveryKind, DeliveryStatus, FeedRecord, FetchError } from '../../ports.js';
import { destinationOf } from './keys.js';
import { toIso, toIsoOrNull } from './time.js';

type Flag = number | boolean;

export interface FeedRow {
  id: string;
  url: string;
  name: string | null;
  every_ms: number;
  full_text: Flag;
  backfill: number;
  tags: string;
  enabled: Flag;
  title: string | null;
  etag: string | null;
  last_modified: string | null;
  last_result: FeedRecord['lastResult'];
  last_status: number | null;
  last_error_code: string | null;
  last_error_message: string | null;
  consecutive_failures: number;
  failing_since: number | null;
  last_polled_at: number | null;
  last_success_at: number | null;
  next_poll_at: number;
  initialized: Flag;
}

export function feedFromRow(r: FeedRow): FeedRecord {
  return {
    id: r.id,
    url: r.url,
    name: r.name,
    everyMs: r.every_ms,
    fullText: Boolean(r.full_text),
    backfill: r.backfill,
    tags: JSON.parse(r.tags) as string[],
    enabled: Boolean(r.enabled),
    title: r.title,
    etag: r.etag,
    lastModified: r.last_modified,
    lastResult: r.last_result,
    lastStatus: r.last_status,
    lastError: r.last_error_code === null ? null : ({ code: r.last_error_code, message: r.last_error_message ?? '' } as FetchError),
    consecutiveFailures: r.consecutive_failures,
    failingSince: toIsoOrNull(r.failing_since),
    lastPolledAt: toIsoOrNull(r.last_polled_at),
    lastSuccessAt: toIsoOrNull(r.last_success_at),
    nextPollAt: toIso(r.next_poll_at),
    initialized: Boolean(r.initialized),
  };
}

export interface SubscriptionRow {
  id: number;
  platform: string;
  workspace: string;
  channel: string;
  topic: string;
  mode: 'instant' | 'digest';
  digest_time: string | null;
  digest_tz: string | null;
  mention: string | null;
  paused_at: number | null;
  paused_reason: string | null;
  created_by: string | null;
  created_at: number;
}

export function subscriptionFromRow(r: SubscriptionRow): Subscription {
  const mode: SubscriptionMode =
    r.mode === 'digest' ? { kind: 'digest', time: r.digest_time ?? '08:00', timezone: r.digest_tz ?? 'UTC' } : { kind: 'instant' };
  return {
    id: String(r.id),
    destination: destinationOf(r),
    topic: r.topic,
    mode,
    mention: r.mention,
    pausedAt: toIsoOrNull(r.paused_at),
    pausedReason: r.paused_reason,
    createdBy: r.created_by,
    createdAt: toIso(r.created_at),
  };
}

/** A digest mode must name a daily HH:MM time in an IANA zone; `store_bad_input` otherwise. */
export function checkSubscriptionMode(mode: SubscriptionMode): void {
  if (mode.kind === 'instant') return;
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(mode.time) || !isValidTimeZone(mode.timezone)) {
    throw new TradewireError('store_bad_input', `store: subscription mode: expected a daily HH:MM time in an IANA zone, found ${JSON.stringify(mode)}`, {
      input: mode,
    });
  }
}

export interface DeliveryRow {
  id: number;
  kind: DeliveryKind;
  platform: string;
  workspace: string;
  channel: string;
  dest_key: string;
  story_id: number | null;
  article_key: string | null;
  topics: string;
  mention: string | null;
  payload: string | null;
  digest_key: string | null;
  /** Digest rows: the first row id of the message they went out in (frozen at the first attempt). */
  digest_batch: number | null;
  status: DeliveryStatus;
  attempts: number;
  next_attempt_at: number;
  last_error_code: string | null;
  last_error_message: string | null;
  message_id: string | null;
  thread_of: string | null;
  created_at: number;
}

export function deliveryFromRow(r: DeliveryRow): Delivery {
  return {
    id: String(r.id),
    kind: r.kind,
    destination: destinationOf(r),
    storyId: r.story_id === null ? null : String(r.story_id),
    articleKey: r.article_key,
    topics: JSON.parse(r.topics) as string[],
    mention: r.mention,
    payload: r.payload === null ? null : (JSON.parse(r.payload) as Record<string, unknown>),
    status: r.status,
    attempts: r.attempts,
    nextAttemptAt: toIso(r.next_attempt_at),
    lastError: r.last_error_code === null ? null : { code: r.last_error_code, message: r.last_error_message ?? '' },
    messageId: r.message_id,
    threadOf: r.thread_of,
    createdAt: toIso(r.created_at),
  };
}

export interface StoryRow {
  id: number;
  feed_id: string;
  source: string;
  guid: string | null;
  url: string | null;
  title: string;
  body: string;
  author: string | null;
  published_at: number;
  first_seen_at: number;
  analysis: string;
}

/** An article of a story from another feed than the story's own, in the order they were seen. */
export interface OutletRow {
  story_id: number;
  feed_id: string;
  source: string;
  title: string;
  url: string | null;
  seen_at: number;
}

/** Story rows with their other outlets: one "also reported by" entry per outlet, its first article. */
export function storiesFromRows(rows: StoryRow[], outlets: OutletRow[]): Story[] {
  const byStory = new Map<number, AlsoReported[]>();
  const seenFeeds = new Map<number, Set<string>>();
  for (const o of outlets) {
    const feeds = seenFeeds.get(o.story_id) ?? new Set<string>();
    seenFeeds.set(o.story_id, feeds);
    if (feeds.has(o.feed_id)) continue;
    feeds.add(o.feed_id);
    const list = byStory.get(o.story_id) ?? [];
    byStory.set(o.story_id, list);
    list.push({ feedId: o.feed_id, source: o.source, title: o.title, url: o.url, seenAt: toIso(o.seen_at) });
  }
  return rows.map((r) => ({
    id: String(r.id),
    feedId: r.feed_id,
    source: r.source,
    guid: r.guid,
    url: r.url,
    title: r.title,
    body: r.body,
    author: r.author,
    published: toIso(r.published_at),
    firstSeen: toIso(r.first_seen_at),
    analysis: JSON.parse(r.analysis) as Analysis,
    alsoReportedBy: byStory.get(r.id) ?? [],
  }));
}
