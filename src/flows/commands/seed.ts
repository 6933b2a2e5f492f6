/**
 * @module flows/commands/seed — subscriptions from config/subscriptions.yaml, applied at start.
 *
 * Config is the seed, chat is the steering wheel: a missing subscription is created; one created
 * from config is updated when the file changed its mode or mention; one made or changed in chat
 * (`/trade subscribe`) is left alone, so a restart never undoes what users did.
 */
import { parseSubscriptionMode } from '../../core/schedule.js';
import type { Destination, Platform, SubscriptionMode } from '../../core/types.js';
import type { Log, Store } from '../../ports.js';

export const SEEDED_BY = 'config';

export interface SeedEntry {
  platform: Platform;
  channel: string;
  workspace?: string | undefined;
  guild?: string | undefined;
  topics: readonly string[];
  mode: string;
  mention: string | null;
}

export interface SeedOptions {
  store: Store;
  log: Log;
  now: string;
  /** Topic ids that exist; others are skipped with a warning. */
  topicIds: readonly string[];
  /** The workspace to use when the entry names none (the Slack bot's team id), by platform. */
  defaultWorkspace?: (platform: Platform) => string | null;
  defaultTimeZone?: string;
}

const sameMode = (a: SubscriptionMode, b: SubscriptionMode): boolean => JSON.stringify(a) === JSON.stringify(b);

/** Returns how many subscriptions were created or updated. */
export async function seedSubscriptions(entries: readonly SeedEntry[], options: SeedOptions): Promise<number> {
  const { store, log } = options;
  let changed = 0;
  for (const entry of entries) {
    const destination: Destination = {
      platform: entry.platform,
      workspace: entry.workspace ?? entry.guild ?? options.defaultWorkspace?.(entry.platform) ?? '',
      channel: entry.channel,
    };
    const mode = parseSubscriptionMode(entry.mode, options.defaultTimeZone ?? 'UTC');
    const existing = new Map((await store.listSubscriptions(destination)).map((s) => [s.topic, s]));
    for (const topic of entry.topics) {
      if (!options.topicIds.includes(topic)) {
        log.warn({ topic, platform: entry.platform }, `subscriptions.yaml: unknown topic "${topic}" skipped (topics: ${options.topicIds.join(', ')})`);
        continue;
      }
      const current = existing.get(topic);
      if (current && (current.createdBy !== SEEDED_BY || (sameMode(current.mode, mode) && current.mention === entry.mention))) continue;
      await store.subscribe({ destination, topic, mode, mention: entry.mention, createdBy: SEEDED_BY }, options.now);
      changed += 1;
    }
  }
  if (changed > 0) log.info({ changed }, 'subscriptions seeded from config');
  return changed;
}
