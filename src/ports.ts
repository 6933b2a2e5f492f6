/**
 * @module ports — the interfaces flows depend on. Adapters implement them; flows see nothing else.
 *
 * Every method that touches I/O is async, so the SQLite and PostgreSQL stores fit the same shape.
 * Times cross ports as ISO 8601 UTC strings; `now` is always passed in (flows own the clock).
 */
import type {
  AlertView,
  AlsoReported,
  Analysis,
  Destination,
  DigestGroup,
  FeedItem,
  ParsedFeed,
  Quote,
  Story,
  Subscription,
  SubscriptionMode,
} from './core/types.js';

// ───────────────────────────── time, randomness, logging ─────────────────────────────

export interface Clock {
  now(): Date;
}

/** Returns a number in [0, 1); injected so backoff jitter is testable. */
export type Random = () => number;

/** The subset of pino's Logger that flows and adapters use. */
export interface Log {
  debug(obj: object | string, msg?: string): void;
  info(obj: object | string, msg?: string): void;
  warn(obj: object | string, msg?: string): void;
  error(obj: object | string, msg?: string): void;
  child(bindings: Record<string, unknown>): Log;
}

// ───────────────────────────── feeds ─────────────────────────────

/** A feed as configured in feeds.yaml, after defaults. */
export interface FeedDef {
  id: string;
  url: string;
  /** Human name shown as the alert's source; defaults to the feed's own title, then the id. */
  name: string | null;
  /** Poll interval in milliseconds. */
  everyMs: number;
  fullText: boolean;
  /** On the first poll, alert on the newest N items (default 0: store all, alert on none). */
  backfill: number;
  tags: string[];
}

export type FetchErrorCode =
  | 'bad-url' // not an absolute http(s) URL
  | 'blocked-address' // SSRF guard: resolves to loopback/private/link-local/CGNAT/metadata
  | 'dns' // name did not resolve
  | 'network' // connection refused/reset
  | 'tls'
  | 'timeout'
  | 'too-many-redirects'
  | 'too-large' // body over fetch.maxBytes (aborted mid-stream)
  | 'status' // HTTP status other than 2xx/304
  | 'empty' // zero-byte body
  | 'not-a-feed' // HTML page, JSON that is not a JSON Feed, or garbage
  | 'parse' // looked like a feed but could not be parsed
  | 'hostile' // DTD entity declarations / external entities refused
  | 'internal'; // tradewire failed processing a fetched feed (analysis or store error): not the feed's fault

export interface FetchError {
  code: FetchErrorCode;
  message: string;
}

export interface FeedFetchRequest {
  feedId: string;
  url: string;
  etag: string | null;
  lastModified: string | null;
}

interface FetchCommon {
  /** Final URL after redirects. */
  finalUrl: string;
  /** Minimum delay before the next poll, from Retry-After or Cache-Control max-age (ms), or null. */
  retryFloorMs: number | null;
}

export type FeedFetchResult =
  | (FetchCommon & { kind: 'not-modified'; status: 304; etag: string | null; lastModified: string | null })
  | (FetchCommon & { kind: 'ok'; status: number; etag: string | null; lastModified: string | null; feed: ParsedFeed })
  | (FetchCommon & { kind: 'error'; status: number | null; error: FetchError });

export interface FeedSource {
  /** Never throws for a feed's own failures: they come back as `kind: 'error'`. */
  fetchFeed(req: FeedFetchRequest, signal?: AbortSignal): Promise<FeedFetchResult>;
  /** Main text of an article page (readability), or null on any failure (the caller falls back). */
  fetchArticleText(url: string, signal?: AbortSignal): Promise<string | null>;
}

/** A feed row: its definition plus the poller's state. */
export interface FeedRecord extends FeedDef {
  enabled: boolean;
  /** Title the feed itself gives (from the last successful parse). */
  title: string | null;
  etag: string | null;
  lastModified: string | null;
  /** 'ok' | 'not-modified' | 'error', or null before the first poll. */
  lastResult: 'ok' | 'not-modified' | 'error' | null;
  lastStatus: number | null;
  lastError: FetchError | null;
  consecutiveFailures: number;
  /** When the current run of failures began, or null. */
  failingSince: string | null;
  lastPolledAt: string | null;
  lastSuccessAt: string | null;
  nextPollAt: string;
  /** False until the first successful poll (which alerts on at most `backfill` items). */
  initialized: boolean;
}

export interface FeedPollUpdate {
  feedId: string;
  /** The lease owner that claimed the feed; the update is ignored if the lease was lost. */
  owner: string;
  now: string;
  result: 'ok' | 'not-modified' | 'error';
  status: number | null;
  error: FetchError | null;
  etag: string | null;
  lastModified: string | null;
  title: string | null;
  nextPollAt: string;
}

// ───────────────────────────── articles and stories ─────────────────────────────

/** An article ready to store: normalised item, its analysis, and the flow's decisions about it. */
export interface NewArticle {
  /** Stable key (core/identity: guid → canonical URL → content hash), unique per feed. */
  key: string;
  feedId: string;
  /** Source name shown in alerts. */
  source: string;
  item: FeedItem & { published: string };
  analysis: Analysis;
  /** Near-duplicate keys (core/dedupe), used by findSimilarStories. */
  fingerprint: string[];
  /** Story this article repeats (chosen by the flow from findSimilarStories), or null for a new story. */
  duplicateOf: string | null;
  /**
   * Lets the store choose the story this article repeats inside the ingest transaction, under the
   * lock that near-duplicates share (the one correct way across instances: a lookup made before
   * ingest cannot see a near-duplicate that another instance is storing at that moment). The store
   * runs `findSimilarStories(fingerprint, since, minShared)` there and hands the candidates to
   * `choose`, which returns the id of the story repeated or null; its answer replaces `duplicateOf`.
   * `choose` is synchronous and runs while the lock is held: keep it to comparing texts.
   */
  similar?: { since: string; minShared?: number; choose: (candidates: StoryCandidate[]) => string | null };
  /** False for items suppressed by backfill or age: stored, searchable, never alerted. */
  alert: boolean;
}

export type IngestStatus =
  /** Already stored (same feed + guid/key, or same canonical URL): nothing written. */
  | 'known'
  /** Stored as a new story; deliveries written for matching subscriptions when `alert`. */
  | 'new-story'
  /** Stored as another outlet of `storyId`; follow-ups written for channels that got the story. */
  | 'also-reported';

export interface IngestOutcome {
  key: string;
  status: IngestStatus;
  storyId: string | null;
  /** Deliveries (alerts, digest items and follow-ups) written in the same transaction. */
  deliveries: number;
}

export interface StoryCandidate {
  id: string;
  title: string;
  lead: string;
  fingerprint: string[];
  firstSeen: string;
}

export interface SearchHit {
  story: Story;
  /** A short excerpt around the match with the matched words marked `*like this*`. */
  snippet: string;
  /** Relevance, higher is better (comparable only within one result list). */
  rank: number;
}

export interface QuoteHit {
  quote: Quote;
  story: Story;
}

// ───────────────────────────── outbox ─────────────────────────────

export type DeliveryKind =
  /** A new story to a channel (one per story and channel, naming every topic the channel follows). */
  | 'alert'
  /** Another outlet reported a story already alerted: thread reply + update of the original. */
  | 'followup'
  /** A story held for a digest subscription; sent grouped with the other digest items. */
  | 'digest'
  /** A text notice (feed health) for the ops channel. */
  | 'notice';

export type DeliveryStatus = 'pending' | 'sending' | 'sent' | 'failed';

export interface Delivery {
  id: string;
  kind: DeliveryKind;
  destination: Destination;
  storyId: string | null;
  /** followup: the article key of the outlet that also reported it. */
  articleKey: string | null;
  /** Topics the destination follows that the story matched. */
  topics: string[];
  mention: string | null;
  /**
   * notice: `{ text }`; digest: `{ digestKey }` (the subscription's schedule, e.g. "08:00 Asia/Tokyo");
   * followup: `{ outlet }`, the AlsoReported entry of the outlet that joined the story.
   */
  payload: Record<string, unknown> | null;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: string;
  lastError: { code: string; message: string } | null;
  /** Platform message id once sent (Slack ts, Discord message id). */
  messageId: string | null;
  /**
   * followup: the message id of the story's alert in this destination (the thread to reply in).
   * Filled in when the follow-up is claimed if the alert was still in flight when it was written.
   */
  threadOf: string | null;
  createdAt: string;
}

/**
 * Deliveries claimed together: one alert/followup/notice, or every due digest item of one
 * destination and digest key (sent as one message).
 */
export interface DeliveryBatch {
  destination: Destination;
  kind: DeliveryKind;
  deliveries: Delivery[];
}

// ───────────────────────────── the store ─────────────────────────────

export interface SubscriptionInput {
  destination: Destination;
  topic: string;
  mode: SubscriptionMode;
  mention?: string | null;
  createdBy?: string | null;
}

/**
 * Everything tradewire keeps. One contract suite (`adapters/store/store.contract.ts`) runs against
 * every implementation. SQLite is single-instance; PostgreSQL supports several instances (leases with
 * `FOR UPDATE SKIP LOCKED`).
 *
 * Ids (stories, subscriptions, deliveries) are opaque strings. Errors are TradewireErrors with
 * `store_…` codes: `store_closed` (called after close), `store_bad_input` (e.g. a time that is not
 * ISO 8601), `store_busy` (the database stayed locked: retry later), `store_unavailable`
 * (PostgreSQL: the server went away; calls work again once it is back), `store_open_failed`,
 * `store_schema_newer`, and `store_<operation>_failed` for anything else.
 */
export interface Store {
  readonly driver: 'sqlite' | 'postgres';
  /** Applies pending versioned migrations. Idempotent. */
  migrate(): Promise<void>;
  /** Cheap round trip, for /readyz. Throws when the database is unreachable. */
  ping(): Promise<void>;
  close(): Promise<void>;

  // feeds
  /** Inserts new feeds (due now, not initialized), updates changed ones, disables feeds no longer configured. */
  syncFeeds(feeds: FeedDef[], now: string): Promise<void>;
  /**
   * Claims up to `limit` enabled feeds with `nextPollAt <= now` whose lease is free or expired,
   * oldest due first; a claimed feed is leased to `owner` until `now + leaseMs`.
   * `dueBy` (optional, ≤ now) narrows it to feeds due by then: a poll cycle passes its start time so
   * a feed it already polled, due again a moment later, waits for the next cycle.
   */
  claimDueFeeds(args: { now: string; limit: number; leaseMs: number; owner: string; dueBy?: string }): Promise<FeedRecord[]>;
  /**
   * Records a poll's outcome and releases the lease. An 'ok' or 'not-modified' result marks the
   * feed initialized (its first poll's items are stored) and resets its failure count; an 'error'
   * increments it. Ignored when `owner` no longer holds the lease.
   */
  finishPoll(update: FeedPollUpdate): Promise<void>;
  listFeeds(): Promise<FeedRecord[]>;
  getFeed(id: string): Promise<FeedRecord | null>;

  // articles and stories
  /**
   * Of the given items, the keys of those this store already has: the key stored for this feed, or
   * the canonical URL stored for any feed.
   */
  knownItems(feedId: string, items: { key: string; url: string | null }[]): Promise<Set<string>>;
  /**
   * Stories first seen since `since` sharing at least `minShared` (default 1) fingerprint keys:
   * those sharing the most keys first (then oldest first), at most 50.
   */
  findSimilarStories(fingerprint: string[], since: string, minShared?: number): Promise<StoryCandidate[]>;
  /**
   * Stores one article in one transaction with everything it causes: the story (or the
   * also-reported link), and the outbox rows — one `alert` per destination whose active instant
   * subscriptions follow a matched topic, `digest` items for digest subscriptions (due at the
   * subscription's next slot), `followup` rows for destinations that already got the story.
   * Unique keys make a repeated call a no-op ('known').
   *
   * Precisely: at most one alert-or-digest row per (story, destination). A destination with any
   * instant subscription among the matched topics gets an `alert`; one with only digest
   * subscriptions gets one `digest` row due at the earliest of their next slots. `topics` lists every
   * matched topic the destination follows, best first; `mention` is that of the best-matching
   * subscription that has one. A `followup` is written for each destination whose alert for the
   * story is sent or in flight (a pending alert will show the new outlet itself) and that still has
   * an active subscription. Another item from the story's own outlet, or from an outlet already
   * listed, is linked as 'also-reported' silently (no entry, no follow-up). Nothing is queued when
   * `alert` is false. A `duplicateOf` naming no stored story is stored as a new story.
   */
  ingest(article: NewArticle, now: string): Promise<IngestOutcome>;
  getStory(id: string): Promise<Story | null>;
  /** Newest first (by published time), optionally only stories matching `topic`. */
  latest(args: { topic?: string; limit: number }): Promise<Story[]>;
  /** Full-text search over title and body, best first. */
  search(args: { query: string; topic?: string; limit: number }): Promise<SearchHit[]>;
  /** Quotes whose speaker matches `speaker` (case-insensitive, any name word), newest first. */
  quotesBy(args: { speaker: string; topic?: string; limit: number }): Promise<QuoteHit[]>;
  /** Distinct speaker names starting with (any word of) `prefix`, most quoted first (autocomplete). */
  speakers(args: { prefix: string; limit: number }): Promise<string[]>;

  // subscriptions
  /** Upserts on (destination, topic): a second subscribe changes the mode/mention and un-pauses. */
  subscribe(input: SubscriptionInput, now: string): Promise<Subscription>;
  /** Removes the destination's subscription to `topic`, or all of them; returns how many. */
  unsubscribe(destination: Destination, topic: string | null): Promise<number>;
  listSubscriptions(destination?: Destination): Promise<Subscription[]>;
  /**
   * Pauses every subscription of a destination (after repeated permanent failures). Returns how
   * many this call paused (already-paused ones are not counted), so the worker reports a pause once.
   */
  pauseDestination(destination: Destination, reason: string, now: string): Promise<number>;

  // outbox
  /** Writes a notice for a destination; `dedupeKey` makes it at most once (e.g. "feed-down:reuters:2025-…"). */
  enqueueNotice(destination: Destination, text: string, dedupeKey: string, now: string): Promise<boolean>;
  /**
   * Claims due work, at most one batch per destination, and none for a destination with a batch in
   * flight (a valid lease). Per destination, alerts, follow-ups and notices go strictly in creation
   * order: the oldest unsent one is claimed only when due, and while it waits nothing behind it is
   * sent. Digest items are claimed together per (destination, digest key) once due. Expired leases
   * (a crashed instance) make rows claimable again.
   */
  claimDeliveries(args: { now: string; limit: number; leaseMs: number; owner: string }): Promise<DeliveryBatch[]>;
  markSent(ids: string[], messageId: string, now: string): Promise<void>;
  /**
   * Back to pending, due at `nextAttemptAt`; counts an attempt unless `countAttempt: false` (a wait
   * that is no failure of the message: a 429's Retry-After, no adapter for its platform).
   */
  markRetry(ids: string[], nextAttemptAt: string, error: { code: string; message: string }, now: string, options?: { countAttempt?: boolean }): Promise<void>;
  /**
   * Permanently failed. Returns the destination's consecutive permanent failures (reset by markSent),
   * so the flow can pause its subscriptions past a limit.
   */
  markFailed(ids: string[], error: { code: string; message: string }, now: string): Promise<number>;
  /**
   * Makes pending deliveries for `platforms` that were put off with error `code` due at `now`
   * (only those due later; claimed rows are untouched). Start-up uses it with 'no_adapter': alerts
   * that waited for a platform without a token are sent at once when the token is added. Returns
   * how many. (Added for issue #5; the attempt count is not changed.)
   */
  retryParked(args: { platforms: Destination['platform'][]; code: string; now: string }): Promise<number>;
  /**
   * Releases this owner's in-flight claims (graceful shutdown): they become due again now. Feed
   * leases held by `owner` are released too (those feeds stay due; their polls never finished).
   */
  releaseClaims(owner: string, now: string): Promise<void>;
  /** Pending + sending rows. */
  outboxDepth(): Promise<number>;
  listDeliveries(args?: { storyId?: string; status?: DeliveryStatus }): Promise<Delivery[]>;

  // singletons across instances
  /** Takes or renews the named lease for `owner` until `now + ttlMs`; false if another owner holds it. */
  acquireLease(name: string, owner: string, ttlMs: number, now: string): Promise<boolean>;
  releaseLease(name: string, owner: string): Promise<void>;
}

// ───────────────────────────── chat ─────────────────────────────

export type OutgoingMessage =
  | { kind: 'alert'; alert: AlertView }
  /** Reply in the thread of `threadOf` naming the new outlet; `alert` is the updated original. */
  | { kind: 'followup'; alert: AlertView; threadOf: string; outlet: AlsoReported }
  | { kind: 'digest'; title: string; groups: DigestGroup[] }
  | { kind: 'notice'; text: string };

export interface SendOptions {
  /**
   * Stable per delivery (a batch: its oldest row, whatever the batch size). Discord sends it as
   * `nonce` + `enforce_nonce`, so a resend within Discord's few-minute window is not posted twice.
   */
  idempotencyKey: string;
}

export type DeliveryErrorKind = 'rate-limited' | 'transient' | 'permanent';

/** What a ChatSink throws. Adapters translate platform errors into this at the edge. */
export interface DeliveryFailure {
  kind: DeliveryErrorKind;
  code: string;
  message: string;
  /** rate-limited: how long the platform asked us to wait. */
  retryAfterMs?: number;
  /**
   * permanent: whether the destination is unusable (channel gone, bot removed, bad token — the
   * default) or only this message is (rejected payload, original message deleted). Only
   * destination failures count towards pausing a destination's subscriptions.
   */
  affects?: 'message' | 'destination';
}

export interface ChatSink {
  readonly platform: Destination['platform'];
  /** Sends one message. Returns the platform message id. Throws a DeliveryError (see adapters). */
  send(destination: Destination, message: OutgoingMessage, options: SendOptions): Promise<{ messageId: string }>;
  /** Replaces a sent alert (to refresh "also reported by"). Platforms that cannot edit may no-op. */
  update(destination: Destination, messageId: string, message: OutgoingMessage): Promise<void>;
  /** Minimum spacing between two messages to one destination (Slack: ~1 s per channel). */
  readonly minIntervalMs: number;
}

/** A `/trade …` request, platform-neutral. */
export interface CommandRequest {
  platform: Destination['platform'];
  workspace: string;
  channel: string;
  userId: string;
  userName: string | null;
  /** Subcommand (`latest`, `search`, …), lower-case; '' for none. */
  sub: string;
  /** The rest of the text after the subcommand, trimmed. */
  args: string;
  /** Whether the user may change this channel's subscriptions (platform permission, or config). */
  canManage: boolean;
  /**
   * Discord's `public` option: show a lookup's results (latest, search, quotes, topics, feeds, help)
   * to the whole channel instead of only the asker. Refusals and usage hints stay private.
   */
  public?: boolean;
}

/** A platform-neutral reply; adapters render it (Slack blocks, Discord embeds). */
export interface CommandReply {
  /** Only the requesting user sees it. */
  ephemeral: boolean;
  /**
   * Always set (also the notification fallback). Platform-neutral markup, defined in
   * core/format/markup.ts: `*bold*`, `_italic_`, `` `code` ``, `[label](https://url)`, and a
   * backslash makes any of `\ * _ ` [ ] ( )` literal. Flows build it with `md.*`, which escapes
   * untrusted text; adapters parse it (`parseMarkup`) and render with their own safety layer
   * (Slack: `markupToMrkdwn`; console: `markupToConsole`).
   */
  text: string;
  /** Stories to show as alert cards. */
  alerts?: AlertView[];
  /** Search results / quotes as lines under the text (same markup; a line may hold a newline). */
  lines?: string[];
}

export interface CommandSource {
  readonly platform: Destination['platform'];
  /** Starts receiving commands; each goes to `handle`. */
  start(handle: (req: CommandRequest) => Promise<CommandReply>): Promise<void>;
  stop(): Promise<void>;
}

/** Used by the health endpoint (/readyz). */
export interface Readiness {
  name: string;
  ready(): Promise<boolean>;
}

// ───────────────────────────── metrics ─────────────────────────────

/**
 * What the flows report for `GET /metrics`. An adapter (adapters/metrics, prom-client) implements
 * it; flows see only this interface. Every method is cheap and never throws. Label values are
 * bounded sets (results, error codes, topic ids, platforms, delivery kinds), never feed text.
 */
export interface Metrics {
  /** One feed poll finished; `errorCode` is the FetchErrorCode when `result` is 'error'. */
  feedPolled(result: 'ok' | 'not-modified' | 'error', errorCode: string | null): void;
  /** Articles stored by a poll (new stories and other outlets of known ones). */
  articlesStored(count: number): void;
  /** New stories that matched `topic`. */
  topicMatched(topic: string, count: number): void;
  /** A message posted; `publishedToPostMs` is the time from the story's publication to the post. */
  deliverySent(platform: Destination['platform'], kind: DeliveryKind, publishedToPostMs: number | null): void;
  deliveryRetried(platform: Destination['platform'], kind: DeliveryKind, code: string): void;
  deliveryFailed(platform: Destination['platform'], kind: DeliveryKind, code: string): void;
}
