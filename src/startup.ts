/**
 * @module startup — what `tradewire run` says when it starts: what it loaded and why the first
 * minutes may be quiet (a feed's first poll stores its items without alerting), so `npm start` on a
 * fresh clone never looks stuck.
 */
import { resolve } from 'node:path';
import type { Writable } from 'node:stream';
import type { Config } from './config/schema.js';
import type { Log, Store } from './ports.js';

/**
 * Feeds without a `backfill` alert on their newest 3 items at their first poll when every alert
 * goes to the console: a fresh clone shows alerts within a minute. Never with a chat platform: a
 * feed added there must not flood a channel (its stories before the first poll stay silent).
 */
export const CONSOLE_BACKFILL = 3;

/** True when no chat platform can receive alerts: no Slack/Discord token, no webhook subscription. */
export function alertsOnlyToConsole(config: Config): boolean {
  const { secrets, subscriptions } = config;
  return !secrets.slackBotToken && !secrets.discordToken && subscriptions.every((s) => s.platform === 'console');
}

export interface BannerArgs {
  config: Config;
  store: Store;
  log: Log;
  /** The console sink's stream: the human lines go there in console-only mode. */
  out: Writable;
  consoleOnly: boolean;
  /** Platforms alerts can go to. */
  sinks: string[];
}

/** Logs what was loaded (always) and, in console-only mode, prints it for the person at the terminal. */
export async function startupBanner({ config, store, log, out, consoleOnly, sinks }: BannerArgs): Promise<void> {
  const { settings, feeds, topics } = config;
  const subscriptions = await store.listSubscriptions().then((l) => l.length, () => null);
  const storeText = settings.store.driver === 'sqlite' ? `sqlite ${settings.store.path === ':memory:' ? ':memory:' : resolve(settings.store.path)}` : 'postgres (DATABASE_URL)';
  const chat = sinks.filter((p) => p !== 'console' && p !== 'webhook');
  const topicIds = topics.topics.map((t) => t.id);
  log.info(
    { feeds: feeds.length, topics: topicIds, subscriptions, store: storeText, chat, configDir: config.dir, consoleBackfill: consoleOnly ? CONSOLE_BACKFILL : 0 },
    'tradewire: loaded; a feed\'s first poll stores its items without alerting (except its newest `backfill`)',
  );
  if (!consoleOnly) return;
  const backfilled = feeds.filter((f) => f.backfill === undefined).length;
  const lines = [
    `tradewire: loaded ${feeds.length} feed(s), ${topicIds.length} topic(s) (${topicIds.join(', ')}), ${subscriptions ?? '?'} subscription(s) from ${config.dir}`,
    `tradewire: store ${storeText}; alerts go to this console (no SLACK_BOT_TOKEN or DISCORD_TOKEN set)`,
    `tradewire: a feed's first poll stores what it already lists without alerting, except its newest \`backfill\` items` +
      (backfilled > 0 ? ` (${CONSOLE_BACKFILL} for the ${backfilled} feed(s) without one, on the console only)` : '') +
      `; after that each new matching story is alerted as it appears, polled every ${Math.round(settings.poll.every / 60_000)} min by default`,
    'tradewire: to see an alert now, run `tradewire demo` in another terminal (in a clone: `node dist/cli.js demo`)',
  ];
  await new Promise<void>((done) => out.write(`${lines.join('\n')}\n`, () => done()));
}
