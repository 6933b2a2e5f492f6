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

export async function startApp(deps: AppDeps): Promise<RunningApp> {
  const log = deps.log.child({ room: 'app' });
  const worker = createDeliveryWorker(deps.deliver);
  // Aborted by stop(): a running cycle ends between items instead of finishing every due feed.
  const stopPolls = new AbortController();
  const scheduler = deps.scheduler(async () => {
    const summary = await pollDue({ ...deps.poll, signal: stopPolls.signal });
    deps.onPoll?.(summary);
    worker.wake();
  });
  const pending = new Set<ReturnType<typeof setTimeout>>();
  const started: CommandSource[] = [];
  let stopping = false;

  const startSource = async (source: CommandSource): Promise<void> => {
    try {
      await source.start(deps.commands);
      started.push(source);
    } catch (err) {
      if (stopping) return;
      log.error({ platform: source.platform, err: errorMessage(err) }, `commands on ${source.platform} could not start; retrying in ${SOURCE_RETRY_MS / 1000}s (alerts keep flowing)`);
      const timer = setTimeout(() => {
        pending.delete(timer);
        void startSource(source);
      }, SOURCE_RETRY_MS);
      pending.add(timer);
    }
  };

  await deps.http?.listen();
  await worker.start({ reclaimOnStart: deps.reclaimOnStart });
  for (const source of deps.commandSources) await startSource(source);
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
      await scheduler.stop(30_000);
      await worker.stop(deps.stopTimeoutMs ?? 10_000);
      for (const source of started) {
        await source.stop().catch((err: unknown) => log.warn({ platform: source.platform, err: errorMessage(err) }, 'command source stop failed'));
      }
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
