/**
 * @module flows/poll/seed-subscriptions — makes the store's subscriptions match subscriptions.yaml.
 *
 * Rows seeded from the file are marked `createdBy: 'config'`: they follow the file (added, changed,
 * removed with it), while subscriptions people made with `/trade subscribe` are left alone. An
 * unchanged entry is not rewritten, so running this at every start (or every `poll --once` from
 * cron) never un-pauses a destination that was paused for failing; a changed entry is rewritten,
 * which un-pauses it (editing the file is one way back from a pause, README "Paused subscriptions").
 * Destinations are canonical (core/destination): a Discord entry with or without `guild`, or a
 * Slack entry with or without `workspace`, is the same channel `/trade subscribe` writes to.
 */
import { canonicalDestination } from '../../core/destination.js';
import { formatSubscriptionMode, parseSubscriptionMode } from '../../core/schedule.js';
import type { Destination, Subscription, SubscriptionEntry as SubscriptionConfig, SubscriptionMode } from '../../core/types.js';
import type { Log, Store } from '../../ports.js';

export const CONFIG_CREATOR = 'config';

export interface SeedResult {
  added: number;
  updated: number;
  removed: number;
  /** Topic ids named in the file that topics.yaml does not define (still seeded; they match nothing). */
  unknownTopics: string[];
}

interface Wanted {
  destination: Destination;
  topic: string;
  mode: SubscriptionMode;
  mention: string | null;
}

const keyOf = (d: Destination, topic: string): string => {
  const c = canonicalDestination(d);
  return JSON.stringify([c.platform, c.workspace, c.channel, topic]);
};

export async function seedSubscriptions(
  store: Store,
  entries: readonly SubscriptionConfig[],
  now: string,
  options: { topicIds?: readonly string[]; log?: Log } = {},
): Promise<SeedResult> {
  const wanted = new Map<string, Wanted>();
  for (const e of entries) {
    const destination: Destination = canonicalDestination({ platform: e.platform, workspace: e.workspace ?? e.guild ?? '', channel: e.channel });
    const mode = parseSubscriptionMode(e.mode);
    for (const topic of e.topics) wanted.set(keyOf(destination, topic), { destination, topic, mode, mention: e.mention ?? null });
  }
  const existing = new Map<string, Subscription>((await store.listSubscriptions()).map((s) => [keyOf(s.destination, s.topic), s]));
  const result: SeedResult = { added: 0, updated: 0, removed: 0, unknownTopics: [] };
  const known = options.topicIds ? new Set(options.topicIds) : null;

  for (const [key, w] of wanted) {
    if (known && !known.has(w.topic) && !result.unknownTopics.includes(w.topic)) result.unknownTopics.push(w.topic);
    const have = existing.get(key);
    if (have && formatSubscriptionMode(have.mode) === formatSubscriptionMode(w.mode) && have.mention === w.mention) continue;
    await store.subscribe({ destination: w.destination, topic: w.topic, mode: w.mode, mention: w.mention, createdBy: CONFIG_CREATOR }, now);
    if (have) result.updated++;
    else result.added++;
  }
  for (const [key, s] of existing) {
    if (s.createdBy !== CONFIG_CREATOR || wanted.has(key)) continue;
    result.removed += await store.unsubscribe(s.destination, s.topic);
  }
  if (result.unknownTopics.length > 0) {
    options.log?.warn({ topics: result.unknownTopics }, 'subscriptions.yaml names topics that topics.yaml does not define; they will match nothing');
  }
  return result;
}
