/**
 * @module adapters/scheduler/cron — node-cron wakes a job (the poll cycle) on a cron schedule; a
 * run never overlaps the previous one: a tick that finds the job still running is skipped (logged at
 * debug). Per-feed intervals are not timers here: the job asks the store what is due (miniflux style).
 */
import cron from 'node-cron';
import { TradewireError, errorMessage } from '../../core/errors.js';
import type { Log } from '../../ports.js';

export type TickResult = 'ran' | 'skipped' | 'failed';

export interface CronScheduler {
  /** Starts ticking on the schedule. Idempotent. */
  start(): void;
  /** What a tick does: runs the job unless a run is in flight; resolves when this tick is done. */
  tick(): Promise<TickResult>;
  /**
   * Stops ticking and waits for the in-flight run, at most `timeoutMs` (default 30 s). Resolves
   * true when nothing is left running, false when the run was still going at the timeout.
   */
  stop(timeoutMs?: number): Promise<boolean>;
  /** Whether a run is in flight. */
  readonly busy: boolean;
}

export interface CronSchedulerOptions {
  /** node-cron expression (5 fields, or 6 with seconds). */
  schedule: string;
  /** Names the job in logs. */
  name: string;
  job: () => Promise<unknown>;
  log: Log;
  /** IANA zone the expression is read in (default: the process's). */
  timezone?: string;
}

export function createCronScheduler(options: CronSchedulerOptions): CronScheduler {
  const { schedule, name, job } = options;
  const log = options.log.child({ room: 'scheduler', job: name });
  if (!cron.validate(schedule)) {
    throw new TradewireError('scheduler_bad_schedule', `scheduler: "${schedule}" is not a cron expression (e.g. "* * * * *" for every minute)`, {
      input: schedule,
    });
  }
  let inFlight: Promise<TickResult> | null = null;
  let task: ReturnType<typeof cron.createTask> | null = null;

  function tick(): Promise<TickResult> {
    if (inFlight) {
      log.debug('scheduler: previous run still in flight; tick skipped');
      return Promise.resolve('skipped');
    }
    const started = Date.now();
    const run = job().then(
      (): TickResult => {
        log.debug({ ms: Date.now() - started }, 'scheduler: run finished');
        return 'ran';
      },
      (err: unknown): TickResult => {
        log.error({ err: errorMessage(err), ms: Date.now() - started }, 'scheduler: run failed');
        return 'failed';
      },
    );
    inFlight = run.finally(() => {
      inFlight = null;
    });
    return inFlight;
  }

  return {
    start(): void {
      if (task) return;
      const logger = {
        info: (m: string) => log.debug(`node-cron: ${m}`),
        warn: (m: string) => log.warn(`node-cron: ${m}`),
        error: (m: string | Error) => log.error(`node-cron: ${String(m)}`),
        debug: (m: string | Error) => log.debug(`node-cron: ${String(m)}`),
      };
      task = cron.createTask(
        schedule,
        () => {
          void tick();
        },
        { name, logger, ...(options.timezone ? { timezone: options.timezone } : {}) },
      );
      void task.start();
      log.info({ schedule }, 'scheduler: started');
    },

    tick,

    async stop(timeoutMs = 30_000): Promise<boolean> {
      if (task) {
        await task.destroy();
        task = null;
      }
      const running = inFlight;
      if (!running) return true;
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), timeoutMs);
      });
      const outcome = await Promise.race([running, timedOut]);
      clearTimeout(timer);
      if (outcome === 'timeout') log.warn({ timeoutMs }, 'scheduler: stopped while a run was still in flight');
      return outcome !== 'timeout';
    },

    get busy(): boolean {
      return inFlight !== null;
    },
  };
}
