/**
 * @module cli/poll — `tradewire poll --once [--config DIR]`: one full cycle, then exit. For an
 * external cron or a Kubernetes CronJob: sync feeds.yaml, seed subscriptions.yaml, poll every due
 * feed, store what is new, queue its deliveries, send what is due, print a summary.
 *
 * Exit 0 when the cycle ran (feeds that failed are in the summary and on the feed rows); 1 when the
 * cycle itself could not run (config, database); 2 on a usage error.
 */
import { hostname } from 'node:os';
import { loadConfig } from '../config/load.js';
import type { Config } from '../config/schema.js';
import { errorMessage, isTradewireError } from '../core/errors.js';
import { compileTopics } from '../core/rules/index.js';
import { pollDue } from '../flows/poll.js';
import { feedDefs, ownerId } from '../flows/poll/feed-defs.js';
import { seedSubscriptions } from '../flows/poll/seed-subscriptions.js';
import { formatSummary } from '../flows/poll/summary.js';
import { createHttpFeedSource } from '../adapters/feeds/index.js';
import { openStore } from '../adapters/store/open.js';
import { createLogger } from '../log.js';
import type { Clock, Log, Store } from '../ports.js';
import { writeLine, type CliIO } from './io.js';

/** What the delivery worker reports after sending the due deliveries. */
export interface DeliverReport {
  sent: number;
  failed: number;
  /** Still queued (not due yet, or waiting out a long rate limit). */
  pending: number;
}

/**
 * Sends the deliveries that are due, waiting out short rate limits (Retry-After up to `maxWaitMs`),
 * then returns. Built by the delivery side (outbox worker + chat sinks from `config`).
 */
export type DeliverDue = (ctx: { config: Config; store: Store; log: Log; clock: Clock; owner: string; maxWaitMs: number }) => Promise<DeliverReport>;

/**
 * The hook that sends after the poll (main.ts: drainOutbox through the configured chat sinks).
 * Loaded lazily so `poll --once` pulls in the chat SDKs only when it gets to sending.
 */
export const DELIVER_AFTER_POLL: DeliverDue | null = async (ctx) => (await import('../main.js')).deliverDue(ctx);

const USAGE = `usage: tradewire poll --once [--config DIR]

One full cycle: sync feeds.yaml and subscriptions.yaml into the store, poll every feed that is due,
store new articles and queue their alerts, send the alerts that are due, print a summary, exit.
Exit status 0 when the cycle ran (failing feeds are listed), 1 when it could not run.`;

interface Options {
  config: string | undefined;
}

function parseArgs(argv: string[]): Options | string {
  let once = false;
  let config: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--once') once = true;
    else if (a === '--config') {
      config = argv[++i];
      if (!config) return '--config needs a folder';
    } else if (a.startsWith('--config=')) config = a.slice('--config='.length);
    else if (a === '--help' || a === '-h') return '';
    else return `unknown argument ${a}`;
  }
  if (!once) return 'poll runs one cycle and needs --once (the long-running poller is `tradewire run`)';
  return { config };
}

export interface PollOnceHooks {
  deliverDue: DeliverDue | null;
  clock?: Clock;
  random?: () => number;
}

export async function runPollOnce(argv: string[], io: CliIO, hooks: PollOnceHooks): Promise<number> {
  const opts = parseArgs(argv);
  if (typeof opts === 'string') {
    await writeLine(opts ? io.stderr : io.stdout, opts ? `tradewire poll: ${opts}\n\n${USAGE}` : USAGE);
    return opts ? 2 : 0;
  }
  const clock = hooks.clock ?? { now: () => new Date() };
  const random = hooks.random ?? Math.random;
  let store: Store | null = null;
  let closeSource: (() => Promise<void>) | null = null;
  try {
    const config = loadConfig({ dir: opts.config, env: io.env });
    const log = createLogger({ level: config.settings.log.level }).child({ cmd: 'poll' });
    const topics = compileTopics(config.topics);
    store = await openStore(config, log);
    const now = clock.now().toISOString();
    await store.syncFeeds(feedDefs(config.feeds, config.settings.poll.every), now);
    await seedSubscriptions(store, config.subscriptions, now, { topicIds: topics.ids, log });
    const { poll, fetch, ops } = config.settings;
    const source = createHttpFeedSource({ fetch, concurrency: poll.concurrency, perHostConcurrency: poll.perHostConcurrency, log });
    closeSource = () => source.close();
    const owner = ownerId(hostname(), process.pid, random);
    const summary = await pollDue({ store, source, topics, clock, random, log, owner, poll, ops });
    for (const line of formatSummary(summary, topics.ids)) await writeLine(io.stdout, line);
    if (hooks.deliverDue) {
      const sent = await hooks.deliverDue({ config, store, log, clock, owner, maxWaitMs: 30_000 });
      await writeLine(io.stdout, `deliveries sent: ${sent.sent}, failed: ${sent.failed}, still queued: ${sent.pending}`);
    } else {
      await writeLine(io.stdout, `deliveries waiting in the outbox: ${await store.outboxDepth()}`);
    }
    return 0;
  } catch (err) {
    const code = isTradewireError(err) ? ` [${err.code}]` : '';
    await writeLine(io.stderr, `tradewire poll: ${errorMessage(err)}${code}`);
    return 1;
  } finally {
    await closeSource?.().catch(() => undefined);
    await store?.close().catch(() => undefined);
  }
}

export default function poll(argv: string[], io: CliIO): Promise<number> {
  return runPollOnce(argv, io, { deliverDue: DELIVER_AFTER_POLL });
}
