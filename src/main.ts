/**
 * @module main — the composition root: config → logger → store → feeds → chat adapters (Slack when
 * SLACK_BOT_TOKEN is set, the console otherwise and always for `console` destinations) → HTTP
 * server → cron poller + delivery worker + `/trade` command sources. `start()` returns `stop()`.
 */
import { hostname } from 'node:os';
import type { Readable, Writable } from 'node:stream';
import { createConsoleCommands, createConsoleSink } from './adapters/chat/console/index.js';
import { createDiscordChat, createDiscordSink, createSinkRest } from './adapters/chat/discord/index.js';
import { createWebhookSink } from './adapters/chat/webhook/index.js';
import { createSlackChat, createSlackSink, createSlackWebClient } from './adapters/chat/slack/index.js';
import { createHttpFeedSource } from './adapters/feeds/index.js';
import { createHttpServer } from './adapters/http/server.js';
import { mountOpsEndpoints } from './adapters/metrics/endpoints.js';
import { createPrometheusMetrics } from './adapters/metrics/prometheus.js';
import { createCronScheduler } from './adapters/scheduler/cron.js';
import { openStore } from './adapters/store/open.js';
import { deliverySettings, startApp, topicInfo, topicNamer, type RunningApp } from './app.js';
import { loadConfig, type Env } from './config/load.js';
import type { Config } from './config/schema.js';
import { TradewireError, errorMessage, isTradewireError } from './core/errors.js';
import { compileTopics, type CompiledTopics } from './core/rules/index.js';
import type { Platform } from './core/types.js';
import { createCommandHandler } from './flows/commands.js';
import { drainOutbox, type DeliverDeps, type DeliveryObserver } from './flows/deliver.js';
import { leaderOnly } from './flows/leader.js';
import { deliveryMetrics, recordPoll } from './flows/metrics.js';
import { feedDefs, ownerId } from './flows/poll/feed-defs.js';
import { seedSubscriptions } from './flows/poll/seed-subscriptions.js';
import { createLogger } from './log.js';
import { alertsOnlyToConsole, CONSOLE_BACKFILL, startupBanner } from './startup.js';
import { withinMs } from './timers.js';
import type { ChatSink, Clock, CommandSource, Log, Readiness, Store } from './ports.js';
import type { DeliverDue } from './cli/poll.js';

export interface StartOptions {
  /** Config folder (default TRADEWIRE_CONFIG_DIR, then ./config). */
  configDir?: string;
  env: Env;
  stdout: Writable;
  stdin?: Readable;
  /** Read `/trade …` lines from stdin in console mode (default: when stdin is a TTY). */
  consoleCommands?: boolean;
  clock?: Clock;
  random?: () => number;
  deliveryObserver?: DeliveryObserver;
  /**
   * Aborted by a signal during start-up: start() stops at the next step, cleans up what it started
   * and rejects with `start_aborted` (cli/run.ts installs its handlers before calling start()).
   */
  signal?: AbortSignal;
}

export interface Running {
  config: Config;
  store: Store;
  log: Log;
  app: RunningApp;
  /** Port the HTTP server listens on. */
  port: number;
  readiness: Readiness[];
  stop(): Promise<void>;
}

/**
 * The sinks for deliveries: Slack with a bot token, Discord with DISCORD_TOKEN (REST only: no
 * gateway needed to post), webhooks always, and the console for `console` destinations.
 */
export function buildSinks(config: Config, log: Log, out: Writable): Partial<Record<Platform, ChatSink>> {
  const { secrets, settings } = config;
  const render = { colors: topicColors(config) };
  const sinks: Partial<Record<Platform, ChatSink>> = { console: createConsoleSink({ out }), webhook: createWebhookSink({ settings: settings.webhooks, render }) };
  const token = secrets.slackBotToken;
  if (token) sinks.slack = createSlackSink({ client: createSlackWebClient(token, { apiUrl: secrets.slackApiUrl, log }) });
  if (secrets.discordToken) sinks.discord = createDiscordSink({ rest: createSinkRest(secrets.discordToken, { apiUrl: secrets.discordApiUrl }), render });
  return sinks;
}

/** topics.yaml `color` by topic id (Discord embeds). */
function topicColors(config: Config): Record<string, string | undefined> {
  return Object.fromEntries(config.topics.topics.map((t) => [t.id, t.color]));
}

/** `tradewire poll --once`: send what is due after the poll, waiting out short rate limits. */
export const deliverDue: DeliverDue = async ({ config, store, log, clock, owner, maxWaitMs }) => {
  const topics = compileTopics(config.topics);
  const report = await drainOutbox(
    { store, sinks: buildSinks(config, log, process.stdout), clock, random: Math.random, log, topicName: topicNamer(topics), owner, settings: deliverySettings(config), opsChannel: config.settings.ops.channel },
    { maxWaitMs },
  );
  return { sent: report.sent, failed: report.failed, pending: report.pending };
};

/** Throws `start_aborted` once the start-up signal has fired (checked between start-up steps). */
function checkAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new TradewireError('start_aborted', 'start: stopped by a signal during start-up', { input: String(signal.reason) });
}

/** Resolves when the signal fires (never without one): lets a start-up wait end early. */
function aborted(signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => signal?.addEventListener('abort', () => resolve(), { once: true }));
}

export async function start(options: StartOptions): Promise<Running> {
  const config = loadConfig({ ...(options.configDir ? { dir: options.configDir } : {}), env: options.env });
  const log = createLogger({ level: config.settings.log.level });
  const clock = options.clock ?? { now: () => new Date() };
  const random = options.random ?? Math.random;
  const topics = compileTopics(config.topics);
  if (config.settings.webhooks.testBaseUrl) log.warn({ testBaseUrl: config.settings.webhooks.testBaseUrl }, 'webhooks.testBaseUrl is set: webhook URLs on this loopback base are accepted (tests only)');
  checkAborted(options.signal);
  const store = await openStore(config, log);
  let running: Running | null = null;
  try {
    checkAborted(options.signal);
    running = await compose({ options, config, log, clock, random, topics, store });
    checkAborted(options.signal);
    return running;
  } catch (err) {
    if (running) await running.stop().catch(() => undefined);
    else await store.close().catch(() => undefined);
    if (isTradewireError(err, 'start_aborted')) log.info('stopped during start-up; everything started was closed');
    throw err;
  }
}

/** How long start-up waits for Slack's auth.test before going on without its answer. */
const SLACK_VERIFY_WAIT_MS = 5_000;

interface Parts {
  options: StartOptions;
  config: Config;
  log: Log;
  clock: Clock;
  random: () => number;
  topics: CompiledTopics;
  store: Store;
}

async function compose({ options, config, log, clock, random, topics, store }: Parts): Promise<Running> {
  const { settings, secrets } = config;
  const now = clock.now().toISOString();
  const consoleOnly = alertsOnlyToConsole(config);
  await store.syncFeeds(feedDefs(config.feeds, settings.poll.every, consoleOnly ? CONSOLE_BACKFILL : 0), now);
  await seedSubscriptions(store, config.subscriptions, now, { topicIds: topics.ids, log });
  checkAborted(options.signal);

  // SQLite is single-instance: a stable owner lets a restart release its predecessor's claims at
  // once. On PostgreSQL each instance is unique and a dead one's leases expire instead.
  const single = store.driver === 'sqlite';
  const owner = single ? `run@${hostname()}` : ownerId(hostname(), process.pid, random);
  const http = createHttpServer({ host: settings.http.host, port: settings.http.port, log });
  const sinks = buildSinks(config, log, options.stdout);
  const commandSources: CommandSource[] = [];
  const readiness: Readiness[] = [{ name: 'store', ready: () => store.ping().then(() => true, () => false) }];
  if (secrets.slackBotToken) {
    const slack = createSlackChat({
      botToken: secrets.slackBotToken,
      signingSecret: secrets.slackSigningSecret,
      appToken: secrets.slackAppToken,
      apiUrl: secrets.slackApiUrl,
      server: http,
      manageSubscriptions: settings.slack.manageSubscriptions,
      log,
    });
    // A bad token stops start-up; a Slack that does not answer soon does not hold up the rest.
    const verifying = slack.verify();
    let answered = false;
    verifying.then(() => void (answered = true), (err: unknown) => answered || log.error({ err: errorMessage(err) }, 'slack: token check failed after start-up'));
    await withinMs(Promise.race([verifying, aborted(options.signal)]), SLACK_VERIFY_WAIT_MS);
    if (!answered && !options.signal?.aborted) log.warn(`slack: auth.test has not answered within ${SLACK_VERIFY_WAIT_MS / 1000}s; starting anyway`);
    checkAborted(options.signal);
    sinks.slack = slack.sink;
    readiness.push(slack.readiness);
    if (slack.commands) commandSources.push(slack.commands);
    else log.warn('slack: no SLACK_SIGNING_SECRET or SLACK_APP_TOKEN, so /trade is off (alerts still post)');
  }
  if (secrets.discordToken) {
    const discord = createDiscordChat({
      token: secrets.discordToken,
      apiUrl: secrets.discordApiUrl,
      manageRole: settings.discord.manageRole,
      suggestions: { topics: topicInfo(config), speakers: (prefix, limit) => store.speakers({ prefix, limit }) },
      render: { colors: topicColors(config) },
      log,
    });
    sinks.discord = discord.sink;
    if (settings.discord.gateway) {
      // Every gateway session receives every interaction: with several instances, only the holder
      // of the lease connects (the others are ready without it and take over if it dies).
      const gateway = single ? null : leaderOnly(discord.commands, { store, name: 'discord-gateway', owner, ttlMs: 30_000, clock, log });
      readiness.push(gateway ? { name: 'discord', ready: () => (gateway.isLeader() ? discord.readiness.ready() : Promise.resolve(true)) } : discord.readiness);
      commandSources.push(gateway ?? discord.commands);
    } else log.info('discord: discord.gateway is false, so /trade is answered by `tradewire discord shards`; alerts still post');
  }
  if (!secrets.slackBotToken && !secrets.discordToken) log.info('no chat token set: alerts go to the console (set SLACK_BOT_TOKEN for Slack, DISCORD_TOKEN for Discord)');
  const stdin = options.stdin ?? process.stdin;
  // /readyz (database, chat connections; 503 once stopping) and /metrics beside /healthz.
  const metrics = createPrometheusMetrics({ outboxDepth: () => store.outboxDepth(), log });
  let stopping = false;
  mountOpsEndpoints(http, { readiness, metrics, stopping: () => stopping, log });
  const consoleCommands = options.consoleCommands ?? (!secrets.slackBotToken && !secrets.discordToken && (stdin as Readable & { isTTY?: boolean }).isTTY === true);
  if (consoleCommands) commandSources.push(createConsoleCommands({ input: stdin, out: options.stdout }));

  const source = createHttpFeedSource({ fetch: settings.fetch, concurrency: settings.poll.concurrency, perHostConcurrency: settings.poll.perHostConcurrency, log });
  const deliver: DeliverDeps = {
    store, sinks, clock, random, log, owner, topicName: topicNamer(topics), settings: deliverySettings(config),
    observer: deliveryMetrics(metrics, options.deliveryObserver), opsChannel: settings.ops.channel,
  };
  let app: RunningApp;
  try {
    app = await startApp({
      log,
      topics,
      poll: { store, source, topics, clock, random, log, owner, poll: settings.poll, ops: settings.ops },
      deliver,
      reclaimOnStart: single,
      commands: createCommandHandler({ store, topics: topicInfo(config), clock, log }),
      commandSources,
      scheduler: (job) => createCronScheduler({ schedule: settings.poll.schedule, name: 'poll', job, log }),
      http,
      onPoll: (summary) => recordPoll(metrics, summary),
    });
  } catch (err) {
    await source.close().catch(() => undefined);
    await http.close().catch(() => undefined);
    throw err;
  }
  await startupBanner({ config, store, log, out: options.stdout, consoleOnly, sinks: Object.keys(sinks) });
  return {
    config, store, log, app, readiness, port: http.port(),
    async stop() {
      stopping = true;
      await app.stop();
      await source.close().catch(() => undefined);
      await store.close();
    },
  };
}
