/**
 * @module flows/poll — one poll cycle: claim the feeds that are due, fetch them concurrently, store
 * what is new (and the deliveries it causes), schedule each feed's next poll, report feed health.
 *
 * Per-feed intervals live in the store (`nextPollAt`), not in timers, so a restart loses nothing
 * and several instances share the work through feed leases (miniflux's scheduler, DESIGN.md #5).
 * A feed's failure — or an unexpected exception while processing it — is that feed's error; it
 * never stops the others. Only a failure to claim work fails the cycle.
 *
 * Shutdown: when `deps.signal` aborts, the cycle claims nothing more and aborts the fetches in flight;
 * an interrupted feed records no outcome (no failure, no back-off), so it stays due and its lease is
 * released with this owner's other claims (`store.releaseClaims`, the delivery worker's stop).
 */
import { errorMessage } from '../core/errors.js';
import type { CompiledTopics } from '../core/rules/index.js';
import type { Clock, FeedFetchResult, FeedRecord, FeedSource, FetchError, Log, Random, Store } from '../ports.js';
import { createSerial, runPool } from './poll/concurrency.js';
import { feedHealthNotice, type HealthSettings } from './poll/health.js';
import { ingestItems, type ItemsContext } from './poll/items.js';
import { addItems, emptySummary, type PollSummary } from './poll/summary.js';
import { nextPollDelay } from './poll/timing.js';

export type { PollSummary } from './poll/summary.js';

/** `settings.poll` (the names match tradewire.yaml), plus tuning with defaults. */
export interface PollSettings {
  /** Feeds fetched at once. */
  concurrency: number;
  /** ± fraction of a feed's interval drawn at random. */
  jitter: number;
  /** Longest back-off for a failing feed (ms). */
  maxBackoff: number;
  /** Items published longer ago are stored, never alerted (ms). */
  maxItemAge: number;
  /** How long a claimed feed is leased to this process (ms). */
  leaseTtl: number;
  /** fullText feeds: bodies shorter than this are replaced by the page's main text. Default 500. */
  fullTextMinChars?: number;
  /** How far back a story an item repeats is looked for (ms). Default 72 h. */
  dedupeWindow?: number;
}

export interface PollDeps {
  store: Store;
  source: FeedSource;
  topics: CompiledTopics;
  clock: Clock;
  random: Random;
  log: Log;
  /** Lease owner id of this process (unique per process, e.g. host:pid:random). */
  owner: string;
  poll: PollSettings;
  ops: HealthSettings;
  /**
   * Shutdown: once aborted, no more feeds are claimed and a feed in progress stops between items.
   * A feed stopped this way is not recorded as polled: its lease is released (store.releaseClaims)
   * or expires, and it is polled again — its stored items are known, so nothing is stored twice.
   */
  signal?: AbortSignal;
}

/** Runs one cycle over every feed due now. Throws only when the store cannot hand out work. */
export async function pollDue(deps: PollDeps): Promise<PollSummary> {
  const { store, clock, log, poll } = deps;
  const started = clock.now();
  const summary = emptySummary(started.toISOString());
  const ctx: ItemsContext = {
    store,
    source: deps.source,
    topics: deps.topics,
    log,
    profiles: new Map(),
    settings: { maxItemAge: poll.maxItemAge, fullTextMinChars: poll.fullTextMinChars ?? 500, dedupeWindowMs: poll.dedupeWindow ?? 72 * 3_600_000 },
  };
  // More workers than fetch slots: a worker waiting on a busy host's limit must not idle the others.
  const workers = Math.max(1, poll.concurrency) * 2;
  const queue: FeedRecord[] = [];
  let exhausted = false;
  const claimSerial = createSerial();
  const next = (): Promise<FeedRecord | null> =>
    claimSerial(async () => {
      if (deps.signal?.aborted) return null;
      if (queue.length === 0 && !exhausted) {
        const claimed = await store.claimDueFeeds({
          now: clock.now().toISOString(),
          dueBy: started.toISOString(),
          limit: workers,
          leaseMs: poll.leaseTtl,
          owner: deps.owner,
        });
        if (claimed.length === 0) exhausted = true;
        queue.push(...claimed);
      }
      return queue.shift() ?? null;
    });

  const feedAborts = new Set<AbortController>();
  // One listener for the cycle (not one per feed: hundreds would trip Node's listener-leak warning).
  const onStop = (): void => {
    for (const c of feedAborts) c.abort(new Error('poll: shutting down'));
  };
  deps.signal?.addEventListener('abort', onStop, { once: true });
  try {
    await runPool(workers, next, async (feed) => {
      await pollFeed(deps, ctx, feed, summary, feedAborts);
    });
  } finally {
    deps.signal?.removeEventListener('abort', onStop);
  }
  if (deps.signal?.aborted) {
    // Claimed but never fetched (the queue), and interrupted ones: their leases are this owner's.
    log.info({ polled: summary.feedsPolled, interrupted: queue.length + summary.interrupted }, 'poll: cycle stopped for shutdown');
  }
  summary.finishedAt = clock.now().toISOString();
  log.info(
    { feeds: summary.feedsPolled, ok: summary.ok, notModified: summary.notModified, errors: summary.errors, newStories: summary.newStories, deliveries: summary.deliveriesQueued },
    'poll: cycle done',
  );
  return summary;
}

async function fetchSafely(source: FeedSource, feed: FeedRecord, signal: AbortSignal): Promise<FeedFetchResult> {
  try {
    return await source.fetchFeed({ feedId: feed.id, url: feed.url, etag: feed.etag, lastModified: feed.lastModified }, signal);
  } catch (err) {
    // The port promises not to throw for a feed's failures; if it does, it is still this feed's error.
    return { kind: 'error', status: null, error: { code: 'internal', message: errorMessage(err) }, finalUrl: feed.url, retryFloorMs: null };
  }
}

async function pollFeed(deps: PollDeps, ctx: ItemsContext, feed: FeedRecord, summary: PollSummary, aborts: Set<AbortController>): Promise<void> {
  // Finish well inside the lease, so another instance never polls this feed at the same time.
  // (A cleared timer, not AbortSignal.timeout: that keeps each signal alive for the whole timeout.)
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(new Error('poll: feed took too long for its lease')), Math.max(1_000, Math.floor(deps.poll.leaseTtl * 0.8)));
  aborts.add(deadline);
  try {
    await pollFeedWithin(deps, ctx, feed, summary, deadline.signal);
  } finally {
    clearTimeout(timer);
    aborts.delete(deadline);
  }
}

async function pollFeedWithin(deps: PollDeps, ctx: ItemsContext, feed: FeedRecord, summary: PollSummary, signal: AbortSignal): Promise<void> {
  const { store, clock, log } = deps;
  let result = await fetchSafely(deps.source, feed, signal);
  let failed: FetchError | null = result.kind === 'error' ? result.error : null;
  if (result.kind === 'ok') {
    try {
      const items = await ingestItems(ctx, feed, result.feed, clock.now(), signal);
      addItems(summary, items);
      // Some items could not be stored: keep the old validators so the next poll sees them again.
      if (items.failed.length > 0) failed = { code: 'internal', message: `${items.failed.length} item(s) not stored: ${items.failed[0]!.message}` };
    } catch (err) {
      failed = { code: 'internal', message: errorMessage(err) };
    }
    if (failed) result = { kind: 'error', status: result.status, error: failed, finalUrl: result.finalUrl, retryFloorMs: result.retryFloorMs };
  }
  if (deps.signal?.aborted) {
    // Shutting down: not a failure of the feed, and not a finished poll (see PollDeps.signal).
    summary.interrupted++;
    log.info({ feedId: feed.id }, 'poll: stopped before the feed was finished; it stays due');
    return;
  }

  const now = clock.now();
  const delay = nextPollDelay(feed, result, deps.poll, deps.random);
  summary.feedsPolled++;
  if (result.kind === 'ok') summary.ok++;
  else if (result.kind === 'not-modified') summary.notModified++;
  else {
    summary.errors++;
    summary.failures.push({ feedId: feed.id, code: result.error.code, message: result.error.message, status: result.status });
    log.warn({ feedId: feed.id, code: result.error.code, status: result.status, failures: feed.consecutiveFailures + 1, retryInMs: delay }, `poll: ${feed.id} failed: ${result.error.message}`);
  }
  try {
    await store.finishPoll({
      feedId: feed.id,
      owner: deps.owner,
      now: now.toISOString(),
      result: result.kind,
      status: result.status,
      error: failed,
      etag: result.kind === 'error' ? null : result.etag,
      lastModified: result.kind === 'error' ? null : result.lastModified,
      title: result.kind === 'ok' ? result.feed.title || null : null,
      nextPollAt: new Date(now.getTime() + delay).toISOString(),
    });
  } catch (err) {
    // The lease will expire and the feed be polled again; its items are already stored once.
    log.error({ feedId: feed.id, err: errorMessage(err) }, 'poll: could not record the poll outcome');
  }
  if (await feedHealthNotice(store, deps.ops, log, { before: feed, failed, now })) summary.noticesQueued++;
}
