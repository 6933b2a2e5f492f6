/**
 * @module core/types — the plain data that flows through tradewire. No behaviour, no I/O.
 *
 * Times are ISO 8601 strings in UTC (`2025-04-20T08:00:00.000Z`) wherever data crosses a port,
 * so the same value round-trips through SQLite, PostgreSQL and JSON unchanged.
 */

/** An article as the analyser reads it (from a feed item, a file or a chat command). */
export interface ArticleText {
  /** Caller's id; the analyser does not use it. */
  id?: string;
  title: string;
  /** Plain text; paragraphs separated by one blank line (`\n\n`). */
  body: string;
  url?: string | null;
  published?: string | null;
}

/** Where in the article a rule term hit. `lead` is the first paragraph (or first ~300 chars) of the body. */
export type HitField = 'title' | 'lead' | 'body';

export interface TopicHit {
  /** The rule term as written in topics.yaml (`"trade talks"`, `tariff*`, `@japan`). */
  term: string;
  /** The text it matched, as it stands in the article. */
  text: string;
  field: HitField;
  /** Character offset into the field. */
  offset: number;
}

export interface TopicMatch {
  id: string;
  score: number;
  hits: TopicHit[];
}

export interface Quote {
  /** Exactly the characters between the quotation marks. */
  text: string;
  /** Fullest name the article gives, an unnamed source as described ("a trade ministry official"), or "unknown". */
  speaker: string;
}

export interface Analysis {
  /** Topics whose rule matched and whose score reached the threshold, best first. */
  topics: TopicMatch[];
  /** At most 3 sentences, at most 400 characters, copied verbatim from the article. */
  summary: string;
  /** Every direct quotation of four words or more, in article order. */
  quotes: Quote[];
  /** At most 3 quotes chosen for display. */
  keyQuotes: Quote[];
}

/** One item of a parsed feed, normalised: plain-text title and body, absolute canonical URL. */
export interface FeedItem {
  /** guid / Atom id / JSON Feed id as given by the feed, or null. */
  guid: string | null;
  /** Canonical absolute URL (tracking parameters removed), or null. */
  url: string | null;
  title: string;
  /** Plain text, paragraphs separated by one blank line. */
  body: string;
  author: string | null;
  /** ISO 8601 UTC, or null when the feed gives no parseable date. */
  published: string | null;
}

export type FeedFormat = 'rss' | 'rss090' | 'rss091' | 'rss092' | 'rss10' | 'rss20' | 'atom' | 'atom10' | 'json1' | 'json11';

export interface ParsedFeed {
  format: FeedFormat;
  title: string;
  /** Site link of the feed, when it gives one. */
  link: string | null;
  items: FeedItem[];
  /** RSS `<ttl>` in minutes, when given (a floor on the poll interval). */
  ttlMinutes?: number | null;
}

/** Where an alert goes. `workspace` is the Slack team id / Discord guild id, '' when not applicable. */
export type Platform = 'slack' | 'discord' | 'console' | 'webhook';

export interface Destination {
  platform: Platform;
  workspace: string;
  /** Channel id; for `webhook`, the webhook URL (a secret: never logged in full). */
  channel: string;
}

export type SubscriptionMode =
  | { kind: 'instant' }
  /** One message a day at `time` (HH:MM, 24 h) in `timezone` (IANA, e.g. Asia/Tokyo). */
  | { kind: 'digest'; time: string; timezone: string };

export interface Subscription {
  id: string;
  destination: Destination;
  topic: string;
  mode: SubscriptionMode;
  /** A user group / role to mention on a match, configured by a person (Slack `S…` id, Discord role id). */
  mention: string | null;
  /** Set after repeated permanent delivery failures; a paused subscription receives nothing. */
  pausedAt: string | null;
  pausedReason: string | null;
  createdBy: string | null;
  createdAt: string;
}

/** Another outlet that carried the same story. */
export interface AlsoReported {
  feedId: string;
  source: string;
  title: string;
  url: string | null;
  seenAt: string;
}

/** A stored story: the first outlet's article, its analysis, and the outlets that also reported it. */
export interface Story {
  id: string;
  feedId: string;
  /** Human name of the source (feed title or configured name). */
  source: string;
  guid: string | null;
  url: string | null;
  title: string;
  body: string;
  author: string | null;
  published: string;
  firstSeen: string;
  analysis: Analysis;
  alsoReportedBy: AlsoReported[];
}

/** What a chat message shows for one story; built by core/format from a Story. */
export interface AlertView {
  storyId: string;
  title: string;
  url: string | null;
  source: string;
  published: string;
  topics: { id: string; name: string }[];
  summary: string;
  keyQuotes: Quote[];
  alsoReportedBy: { source: string; url: string | null }[];
  /** Group/role to notify, from a subscription (never from feed text). */
  mention: string | null;
}

/** One topic's stories in a digest message (a story appears under its first followed topic). */
export interface DigestGroup {
  topic: { id: string; name: string };
  alerts: AlertView[];
}

/*
 * The config entries core/ and flows/ read, as plain types (config/schema.ts validates the YAML and
 * checks at compile time that what it produces fits these; core/ and flows/ never import config/).
 */

/** One topic of topics.yaml. */
export interface TopicDefinition {
  id: string;
  name?: string | undefined;
  description?: string | undefined;
  /** The rule, in the rule language (README, "Topic rules"). */
  rule: string;
  threshold?: number | undefined;
  /** Discord embed colour "#rrggbb". */
  color?: string | undefined;
}

/** topics.yaml: named term lists (`@name`) and the topics. */
export interface TopicsDefinition {
  aliases: Record<string, string[]>;
  topics: TopicDefinition[];
}

/** One feed of feeds.yaml. */
export interface FeedEntry {
  id: string;
  url: string;
  name?: string | undefined;
  /** Poll interval (ms); default poll.every. */
  every?: number | undefined;
  fullText: boolean;
  /** First poll: alert on the newest N items; unset means the caller's default. */
  backfill?: number | undefined;
  tags: string[];
}

/** One entry of subscriptions.yaml. */
export interface SubscriptionEntry {
  platform: Platform;
  channel: string;
  workspace?: string | undefined;
  guild?: string | undefined;
  topics: string[];
  /** `instant` or `daily HH:MM [zone]`. */
  mode: string;
  mention: string | null;
}
