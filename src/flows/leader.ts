/**
 * @module flows/leader — runs a command source on one instance at a time (the holder of a named
 * store lease), for sources every instance must not run at once: each Discord gateway session
 * receives every interaction, so three instances connected would all try to answer each `/trade`.
 *
 * The holder renews the lease every third of its TTL; when it dies, another instance takes the
 * lease once it expires and starts the source. An instance that cannot renew (database away) stops
 * its source once the lease may have passed to another, so two never run it at once.
 */
import { errorMessage } from '../core/errors.js';
import type { Clock, CommandReply, CommandRequest, CommandSource, Log, Store } from '../ports.js';

export interface LeaderOptions {
  store: Store;
  /** The lease's name, one per singleton ("discord-gateway"). */
  name: string;
  /** This instance's lease owner id. */
  owner: string;
  ttlMs: number;
  clock: Clock;
  log: Log;
  /** Runs `tick` every `ms` and returns a cancel function; default setInterval (tests drive ticks by hand). */
  every?: (tick: () => void, ms: number) => () => void;
}

export interface LeaderSource extends CommandSource {
  /** Whether this instance holds the lease and runs the source. */
  isLeader(): boolean;
  /** One round: take or renew the lease, start or stop the source to match. */
  tick(): Promise<void>;
}

function interval(tick: () => void, ms: number): () => void {
  const timer = setInterval(tick, ms);
  timer.unref?.();
  return () => clearInterval(timer);
}

export function leaderOnly(inner: CommandSource, options: LeaderOptions): LeaderSource {
  const { store, name, owner, ttlMs, clock } = options;
  const log = options.log.child({ room: 'leader', lease: name });
  let handle: ((req: CommandRequest) => Promise<CommandReply>) | null = null;
  let running = false;
  let renewedAt = Number.NEGATIVE_INFINITY;
  let cancel: (() => void) | null = null;
  let ticking: Promise<void> | null = null;

  async function stopInner(why: string): Promise<void> {
    if (!running) return;
    running = false;
    log.info({ why }, `${inner.platform}: stepping down`);
    await inner.stop().catch((err: unknown) => log.warn({ err: errorMessage(err) }, 'stopping the source failed'));
  }

  async function round(): Promise<void> {
    const now = clock.now();
    let held: boolean;
    try {
      held = await store.acquireLease(name, owner, ttlMs, now.toISOString());
    } catch (err) {
      log.warn({ err: errorMessage(err) }, 'cannot renew the lease');
      // Another instance may take it once it expires: stop before that could happen.
      if (now.getTime() - renewedAt >= ttlMs * 0.8) await stopInner('lease not renewed');
      return;
    }
    if (!held) return stopInner('another instance holds the lease');
    renewedAt = now.getTime();
    if (running || !handle) return;
    try {
      await inner.start(handle);
      running = true;
      log.info(`${inner.platform}: this instance leads`);
    } catch (err) {
      // Let another instance try rather than holding a lease for a source that will not start.
      log.warn({ err: errorMessage(err) }, 'the source did not start; releasing the lease');
      await store.releaseLease(name, owner).catch(() => undefined);
    }
  }

  const tick = (): Promise<void> => {
    ticking ??= round().finally(() => {
      ticking = null;
    });
    return ticking;
  };

  return {
    platform: inner.platform,
    isLeader: () => running,
    tick,
    async start(h) {
      handle = h;
      await tick();
      cancel = (options.every ?? interval)(() => void tick(), Math.max(1_000, Math.floor(ttlMs / 3)));
    },
    async stop() {
      cancel?.();
      cancel = null;
      handle = null;
      await ticking;
      await stopInner('shutting down');
      await store.releaseLease(name, owner).catch(() => undefined);
    },
  };
}
