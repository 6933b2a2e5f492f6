/**
 * @module app — binds the flows to their triggers: the cron tick polls (then wakes the delivery
 * worker), the worker drains the outbox, command sources answer `/trade`. Everything arrives built
 * (main.ts does the SDKs); `start()` returns `stop()`, which shuts down in order: no new polls,
 * in-flight deliveries finished or released (with a timeout), chat clients, then the HTTP server.
 * The store is closed by main.ts after.
 */
import { errorMessage } from './core/errors.js';
import type { Config } from './config/schema.js';
import type { CompiledTopics } from './core/rules/index.js';
import type { CommandHandler, TopicInfo } from './flows/commands.js';
import { createDeliveryWorker, type DeliverDeps, type DeliverySettings, type DeliveryWorker } from './flows/deliver.js';
import { pollDue, type PollDeps, type PollSummary } from './flows/poll.js';
import type { CommandSource, Log } from './ports.js';
import { withinMs } from './timers.js';

export interface Scheduler {
  start(): void;
  /** Runs the job now (unless it is running); used once at start so feeds due now need not wait for the first tick. */
  tick?(): Promise<unknown>;
  stop(timeoutMs?: number): Promise<boolean>;
}

export interface AppDeps {
  log: Log;
  topics: CompiledTopics;
  /** Everything pollDue needs. */
  poll: PollDeps;
  /** Everything the outbox worker needs. */
  deliver: DeliverDeps;
  /** True on single-instance SQLite: release a crashed predecessor's claims (same owner) at start. */
  reclaimOnStart: boolean;
  commands: CommandHandler;
  commandSources: CommandSource[];
  /** Builds the cron scheduler around the poll job (adapters/scheduler/cron.ts in production). */
  scheduler: (job: () => Promise<unknown>) => Scheduler;
  http?: { listen(): Promise<unknown>; close(): Promise<void> };
  /** Shutdown budget for in-flight deliveries. */
  stopTimeoutMs?: number;
  /** Called after every poll cycle (metrics, tests). */
  onPoll?: (summary: PollSummary) => void;
}

export interface RunningApp {
  worker: DeliveryWorker;
  stop(): Promise<void>;
}

/** Retries a command source that could not start (Slack unreachable) without holding up alerts. */
const SOURCE_RETRY_MS = 30_000;

/**
 * Shutdown budgets, together well inside Docker's 10 s grace period (cli/run.ts exits anyway at
 * 9 s): an interrupted poll cycle has 2 s to wind down, in-flight deliveries 5 s, each chat client
 * and the HTTP server what is left.
 */
export const STOP_BUDGET = { pollMs: 2_000, deliveriesMs: 5_000, sourceMs: 1_500 } as const;

export async function startApp(deps: AppDeps): Promise<RunningApp> {
  const log = deps.log.child({ room: 'app' });
  const worker = createDeliveryWorker(deps.deliver);
  // Aborted at stop: the cycle in flight claims nothing more and aborts its fetches.
  const stopPolls = new AbortController();
  const scheduler = deps.scheduler(async () => {
    const summary = await pollDue({ ...deps.poll, signal: stopPolls.signal });
    deps.onPoll?.(summary);
    worker.wake();
  });
  const pending = new Set<ReturnType<typeof setTimeout>>();
  const started = new Set<CommandSource>();
  const starting = new Map<CommandSource, Promise<void>>();
  let stopping = false;

  const startSource = async (source: CommandSource): Promise<void> => {
    try {
      await source.start(deps.commands);
      if (stopping) await source.stop().catch(() => undefined); // connected after shutdown began
      else started.add(source);
    } catch (err) {
      if (stopping) return;
      log.error({ platform: source.platform, err: errorMessage(err) }, `commands on ${source.platform} could not start; retrying in ${SOURCE_RETRY_MS / 1000}s (alerts keep flowing)`);
      const timer = setTimeout(() => {
        pending.delete(timer);
        launch(source);
      }, SOURCE_RETRY_MS);
      pending.add(timer);
    }
  };
  // In the background: a slow or unreachable platform never holds up polls, deliveries or /healthz.
  const launch = (source: CommandSource): void => {
    const run = startSource(source).finally(() => starting.delete(source));
    starting.set(source, run);
  };

  await deps.http?.listen();
  await worker.start({ reclaimOnStart: deps.reclaimOnStart });
  for (const source of deps.commandSources) launch(source);
  scheduler.start();
  void scheduler.tick?.();
  log.info('tradewire is running');

  return {
    worker,
    async stop() {
      if (stopping) return;
      stopping = true;
      for (const t of pending) clearTimeout(t);
      stopPolls.abort(new Error('shutting down'));
      await scheduler.stop(STOP_BUDGET.pollMs);
      await worker.stop(deps.stopTimeoutMs ?? STOP_BUDGET.deliveriesMs);
      // Sources still connecting are stopped too (Discord's stop cuts a login short).
      const sources = [...started, ...starting.keys()];
      await Promise.all(
        sources.map((source) =>
          withinMs(source.stop(), STOP_BUDGET.sourceMs).catch((err: unknown) => log.warn({ platform: source.platform, err: errorMessage(err) }, 'command source stop failed')),
        ),
      );
      await withinMs(Promise.allSettled([...starting.values()]), STOP_BUDGET.sourceMs);
      await deps.http?.close();
      log.info('stopped');
    },
  };
}

/** `settings.delivery` (tradewire.yaml) as the outbox worker's settings. */
export function deliverySettings(config: Config): DeliverySettings {
  const d = config.settings.delivery;
  return { concurrency: d.concurrency, maxAttempts: d.maxAttempts, maxBackoffMs: d.maxBackoff, pauseAfterFailures: d.pauseAfterFailures, leaseTtlMs: d.leaseTtl, intervalMs: d.interval };
}

/** The topics as `/trade` shows them. */
export function topicInfo(config: Config): TopicInfo[] {
  return config.topics.topics.map((t) => ({ id: t.id, name: t.name ?? t.id, ...(t.description ? { description: t.description } : {}) }));
}

/** Topic id → display name (topics.yaml `name`, else the id). */
export function topicNamer(topics: CompiledTopics): (id: string) => string {
  return (id) => topics.names.get(id) ?? id;
}
