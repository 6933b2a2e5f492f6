/**
 * @module flows/poll/items — from a parsed feed to stored articles: normalise, key, drop known,
 * decide alerts (backfill, age), fetch full text, analyse, find the story it repeats, ingest.
 */
import { analyze } from '../../core/analyze.js';
import { bestDuplicate, dedupeProfile, fingerprint, leadOf, MIN_SHARED_KEYS, type DedupeProfile } from '../../core/dedupe.js';
import { errorMessage } from '../../core/errors.js';
import { itemKey } from '../../core/identity.js';
import type { CompiledTopics } from '../../core/rules/index.js';
import type { FeedItem, ParsedFeed } from '../../core/types.js';
import type { FeedRecord, FeedSource, IngestOutcome, Log, NewArticle, Store, StoryCandidate } from '../../ports.js';
import { mapLimit } from './concurrency.js';

export interface ItemSettings {
  /** Items published longer ago than this are stored, never alerted. */
  maxItemAge: number;
  /** On fullText feeds, bodies shorter than this many characters are replaced by the page's text. */
  fullTextMinChars: number;
  /** How far back a story this item might repeat is looked for. */
  dedupeWindowMs: number;
}

export interface ItemsContext {
  store: Store;
  source: FeedSource;
  topics: CompiledTopics;
  log: Log;
  settings: ItemSettings;
  /** Candidate stories tokenised once per cycle (one story is a candidate for many items). */
  profiles: Map<string, DedupeProfile>;
}

export interface ItemsResult {
  outcomes: { outcome: IngestOutcome; topics: string[] }[];
  /** Items that could not be processed (their error); they are retried on the next poll. */
  failed: { key: string; message: string }[];
}

interface Candidate {
  key: string;
  item: FeedItem & { published: string };
  alert: boolean;
}

/** A date a feed gave that is missing, unreadable or in the future becomes the time first seen. */
function publishedAt(item: FeedItem, now: Date): string {
  const ms = item.published ? Date.parse(item.published) : Number.NaN;
  if (Number.isNaN(ms) || ms > now.getTime()) return now.toISOString();
  return new Date(ms).toISOString();
}

/** New items of the feed, oldest first, with their alert decision. */
async function freshItems(ctx: ItemsContext, feed: FeedRecord, items: FeedItem[], now: Date): Promise<Candidate[]> {
  const byKey = new Map<string, Candidate>();
  for (const item of items) {
    const key = itemKey(item);
    if (!byKey.has(key)) byKey.set(key, { key, item: { ...item, published: publishedAt(item, now) }, alert: true });
  }
  const all = [...byKey.values()];
  const known = await ctx.store.knownItems(feed.id, all.map((c) => ({ key: c.key, url: c.item.url })));
  // Oldest first, so a channel receives a feed's stories in the order they were published.
  const fresh = all.filter((c) => !known.has(c.key)).sort((a, b) => a.item.published.localeCompare(b.item.published));
  const oldest = now.getTime() - ctx.settings.maxItemAge;
  for (const c of fresh) c.alert = Date.parse(c.item.published) >= oldest;
  if (!feed.initialized) {
    // Adding a feed must not flood a channel: its first poll alerts on the newest `backfill` only.
    const allowed = new Set(fresh.slice(Math.max(0, fresh.length - feed.backfill)).map((c) => c.key));
    for (const c of fresh) c.alert &&= allowed.has(c.key);
  }
  return fresh;
}

async function withFullText(ctx: ItemsContext, feed: FeedRecord, fresh: Candidate[], signal: AbortSignal | undefined): Promise<void> {
  if (!feed.fullText) return;
  const short = fresh.filter((c) => c.item.url && c.item.body.length < ctx.settings.fullTextMinChars);
  await mapLimit(short, 3, async (c) => {
    const text = await ctx.source.fetchArticleText(c.item.url!, signal).catch(() => null);
    if (text && text.length > c.item.body.length) c.item = { ...c.item, body: text };
  });
}

/** Profiles kept per cycle (under 1 KB each): enough for a busy cycle's candidates, bounded for a first poll of thousands. */
const MAX_PROFILES = 2_000;

/** Adds a profile (if given) and drops the oldest past the bound. */
function remember(profiles: Map<string, DedupeProfile>, id?: string, profile?: DedupeProfile): void {
  if (id && profile) profiles.set(id, profile);
  for (const key of profiles.keys()) {
    if (profiles.size <= MAX_PROFILES) break;
    profiles.delete(key);
  }
}

function sourceName(feed: FeedRecord, parsed: ParsedFeed): string {
  return feed.name ?? (parsed.title.trim() || feed.title || feed.id);
}

/** Stores the feed's new items; one item's failure is recorded and the others go on. */
export async function ingestItems(ctx: ItemsContext, feed: FeedRecord, parsed: ParsedFeed, now: Date, signal?: AbortSignal): Promise<ItemsResult> {
  const fresh = await freshItems(ctx, feed, parsed.items, now);
  await withFullText(ctx, feed, fresh, signal);
  const source = sourceName(feed, parsed);
  const nowIso = now.toISOString();
  const since = new Date(now.getTime() - ctx.settings.dedupeWindowMs).toISOString();
  const result: ItemsResult = { outcomes: [], failed: [] };
  for (const c of fresh) {
    // Between items, not within one: an item is stored whole or not at all.
    if (signal?.aborted) {
      result.failed.push({ key: c.key, message: `not stored: ${errorMessage(signal.reason)}` });
      continue;
    }
    try {
      const { item } = c;
      const analysis = analyze(ctx.topics, { id: c.key, title: item.title, body: item.body, url: item.url, published: item.published });
      const text = { title: item.title, lead: leadOf(item.body) };
      const keys = fingerprint(text);
      const profile = dedupeProfile(text);
      // The store looks for the story this item repeats inside its ingest transaction, under the
      // lock copies of a story share: another feed's copy stored at this moment (by this instance
      // or another) is then seen, and the item joins that story instead of making a second one.
      const similar = {
        since,
        minShared: MIN_SHARED_KEYS,
        choose: (candidates: StoryCandidate[]) => bestDuplicate(profile, candidates, { keys, profiles: ctx.profiles })?.id ?? null,
      };
      const article: NewArticle = { key: c.key, feedId: feed.id, source, item, analysis, fingerprint: keys, duplicateOf: null, similar, alert: c.alert };
      const outcome = await ctx.store.ingest(article, nowIso);
      remember(ctx.profiles, outcome.status === 'new-story' ? (outcome.storyId ?? undefined) : undefined, profile);
      result.outcomes.push({ outcome, topics: analysis.topics.map((t) => t.id) });
    } catch (err) {
      ctx.log.error({ feedId: feed.id, key: c.key, err: errorMessage(err) }, 'poll: could not store an item');
      result.failed.push({ key: c.key, message: errorMessage(err) });
    }
  }
  return result;
}
