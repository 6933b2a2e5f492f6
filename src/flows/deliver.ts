/**
 * @module flows/deliver — the outbox worker: claim due deliveries, render, send through the
 * destination's ChatSink, record the platform message id; retries, back-off, pausing (outcome.ts),
 * per-channel pacing (pacing.ts), concurrency across destinations (engine.ts).
 *
 * Guarantees (with the store's): a delivery is recorded sent only after the platform answered, so
 * a crash between send and `markSent` resends it once — at most one duplicate per message in
 * flight. Start-up reclaims a dead predecessor's claims at once on single-instance SQLite (same
 * `owner`, `reclaimOnStart`), and after the lease expires on PostgreSQL (unique owners).
 */
import { createEngine, retryParkedForAdapters, type Engine } from './deliver/engine.js';
import { delay } from './deliver/pacing.js';
import { emptyTally, type DeliverDeps, type DeliveryTally } from './deliver/types.js';

export type { DeliverDeps, DeliverySettings, DeliveryObserver, DeliveryTally } from './deliver/types.js';
export { asFailure } from './deliver/outcome.js';

export interface DeliveryWorker {
  /** Releases this owner's leftover claims (a crashed predecessor's, same owner), then works continuously. */
  start(options?: { reclaimOnStart?: boolean }): Promise<void>;
  /** Looks for due work now (e.g. right after a poll stored new stories). */
  wake(): void;
  /**
   * Stops claiming, lets sends under way finish (up to `timeoutMs`), and releases every claim still
   * held so it is due again at once (for the next start, or another instance).
   */
  stop(timeoutMs?: number): Promise<void>;
  tally(): DeliveryTally;
}

export function createDeliveryWorker(deps: DeliverDeps): DeliveryWorker {
  const engine = createEngine(deps, emptyTally());
  const log = deps.log.child({ room: 'deliver' });
  let timer: ReturnType<typeof setTimeout> | null = null;
  let running = false;
  let ticking = false;
  let again = false;

  const schedule = (ms: number): void => {
    if (!running) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void tick(), ms);
  };

  async function tick(): Promise<void> {
    timer = null;
    if (!running) return;
    if (ticking) {
      again = true;
      return;
    }
    ticking = true;
    try {
      do {
        again = false;
        await engine.claim();
      } while (again && running);
    } catch (err) {
      log.error({ err }, 'claiming deliveries failed; will try again');
    } finally {
      ticking = false;
      schedule(deps.settings.intervalMs);
    }
  }

  // A finished batch usually means that destination's next message is due: look at once.
  engine.onIdleSlot(() => schedule(0));

  return {
    async start(options = {}) {
      if (options.reclaimOnStart) await deps.store.releaseClaims(deps.owner, deps.clock.now().toISOString());
      await retryParkedForAdapters(deps);
      running = true;
      schedule(0);
    },
    wake: () => schedule(0),
    async stop(timeoutMs = 10_000) {
      running = false;
      if (timer) clearTimeout(timer);
      timer = null;
      engine.abortWaits();
      const left = await engine.settle(timeoutMs);
      if (left > 0) log.warn({ inFlight: left }, 'sends still in flight at shutdown; their claims are released and they may be sent again');
      await deps.store.releaseClaims(deps.owner, deps.clock.now().toISOString());
    },
    tally: () => ({ ...engine.tally }),
  };
}

export interface DrainOptions {
  /**
   * Wait for deliveries that come due within this long (Retry-After, pacing, a short back-off)
   * before returning; longer waits are left for the next run. Default 30 s.
   */
  maxWaitMs?: number;
}

export interface DrainReport extends DeliveryTally {
  /** Deliveries still pending afterwards (due later, e.g. digests or long back-offs). */
  pending: number;
}

/**
 * Sends everything due now and whatever comes due within `maxWaitMs`, then returns
 * (`tradewire poll --once`, `tradewire demo`).
 */
export async function drainOutbox(deps: DeliverDeps, options: DrainOptions = {}): Promise<DrainReport> {
  const maxWaitMs = options.maxWaitMs ?? 30_000;
  const engine = createEngine(deps, emptyTally());
  await retryParkedForAdapters(deps);
  try {
    for (;;) {
      await claimUntilIdle(engine);
      const next = await nextDue(deps);
      if (next === null) break;
      const wait = next - deps.clock.now().getTime();
      if (wait > maxWaitMs) break;
      await delay(Math.max(wait, 0) + 5);
    }
  } finally {
    await engine.settle();
  }
  const pending = (await deps.store.listDeliveries({ status: 'pending' })).length;
  return { ...engine.tally, pending };
}

/** Claims and works batches until nothing more is claimable right now. */
async function claimUntilIdle(engine: Engine): Promise<void> {
  for (;;) {
    const claimed = await engine.claim();
    if (claimed === 0 && engine.held() === 0) return;
    if (claimed === 0) await engine.nextFinish();
  }
}

/** Epoch ms of the earliest pending delivery, or null when none is pending. */
async function nextDue(deps: DeliverDeps): Promise<number | null> {
  const pending = await deps.store.listDeliveries({ status: 'pending' });
  let min: number | null = null;
  for (const d of pending) {
    const t = new Date(d.nextAttemptAt).getTime();
    if (min === null || t < min) min = t;
  }
  return min;
}
