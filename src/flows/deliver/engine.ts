/**
 * @module flows/deliver/engine — claims due batches and works them concurrently across
 * destinations, strictly one at a time per destination (the store never hands out a second batch
 * for a destination with one in flight, and it orders each destination's queue).
 */
import type { Destination, Platform } from '../../core/types.js';
import type { DeliveryBatch } from '../../ports.js';
import { planBatch } from './message.js';
import { asFailure, recordFailure } from './outcome.js';
import { createPacer, createSlots, createWaits } from './pacing.js';
import type { DeliverDeps, DeliveryTally } from './types.js';

export interface Engine {
  /** Claims what fits and starts working it; resolves with how many batches were claimed. */
  claim(): Promise<number>;
  /** Batches claimed and not finished. */
  held(): number;
  /** Resolves when every held batch has finished (or `timeoutMs` passed); returns how many remain. */
  settle(timeoutMs?: number): Promise<number>;
  /**
   * Shutdown: no more claims, and batches still waiting for pace return unsent (the caller
   * releases their claims). Sends already under way finish.
   */
  abortWaits(): void;
  /** Called after each batch finishes. */
  onIdleSlot(listener: () => void): void;
  /** Resolves when the next batch finishes. */
  nextFinish(): Promise<void>;
  tally: DeliveryTally;
}

/** The error code of deliveries put off because their platform has no adapter (no token). */
export const NO_ADAPTER = 'no_adapter';

/**
 * Deliveries put off for a missing adapter wait up to `maxBackoffMs` (1 h by default): at start,
 * those for platforms that now have one are made due at once (a token was added and the bot restarted).
 */
export async function retryParkedForAdapters(deps: DeliverDeps): Promise<void> {
  const platforms = (Object.keys(deps.sinks) as Platform[]).filter((p) => deps.sinks[p]);
  const n = await deps.store.retryParked({ platforms, code: NO_ADAPTER, now: deps.clock.now().toISOString() });
  if (n > 0) deps.log.info({ deliveries: n, platforms }, 'deliveries that waited for a chat adapter are due now');
}

const destKey = (d: Destination): string => `${d.platform}\u0000${d.workspace}\u0000${d.channel}`;

export function createEngine(deps: DeliverDeps, tally: DeliveryTally): Engine {
  const { settings } = deps;
  const maxHeld = settings.maxHeld ?? Math.max(16, settings.concurrency * 4);
  const slots = createSlots(settings.concurrency);
  const pacer = createPacer();
  const inFlight = new Map<string, Promise<void>>();
  const listeners: (() => void)[] = [];
  let finishWaiters: (() => void)[] = [];
  const warnedPlatforms = new Set<string>();
  const waits = createWaits();
  let claiming: Promise<number> | null = null;

  async function work(batch: DeliveryBatch, claimedAt: number): Promise<void> {
    const key = destKey(batch.destination);
    const sink = deps.sinks[batch.destination.platform];
    const log = deps.log.child({ destination: batch.destination.channel.slice(0, 64), kind: batch.kind });
    if (!sink) {
      // Not the destination's fault: wait (without ever giving up) until its adapter is configured.
      const platform = batch.destination.platform;
      if (!warnedPlatforms.has(platform)) log.warn({ platform }, `deliveries for ${platform} are waiting: no ${platform} adapter is configured (token not set?)`);
      warnedPlatforms.add(platform);
      const failure = { kind: 'rate-limited' as const, code: NO_ADAPTER, message: `no ${platform} adapter is configured`, retryAfterMs: settings.maxBackoffMs };
      await recordFailure({ deps, batch, tally, failure, holdDestination: () => undefined });
      return;
    }
    const wait = pacer.notBefore(key) - deps.clock.now().getTime();
    if (wait > 0) await waits.sleep(wait);
    if (waits.cancelled) return; // released by the caller (shutdown)
    // A batch held past its lease may already be someone else's (several instances): leave it.
    if (deps.clock.now().getTime() > claimedAt + settings.leaseTtlMs * 0.9) {
      log.warn('claim held too long; leaving it for the next claim');
      return;
    }
    const release = await slots.acquire();
    try {
      await sendBatch(batch, sink, log);
    } finally {
      pacer.holdUntil(key, deps.clock.now().getTime() + sink.minIntervalMs);
      release();
    }
  }

  async function sendBatch(batch: DeliveryBatch, sink: NonNullable<DeliverDeps['sinks']['slack']>, log: DeliverDeps['log']): Promise<void> {
    const ids = batch.deliveries.map((d) => d.id);
    // The batch's first (oldest) row names it. A digest's rows are frozen by the store at its first
    // attempt, so a retry (same nonce: Discord answers with the one already posted) is exactly the
    // same message; items that joined its slot later go out in the next one.
    const options = { idempotencyKey: `tw-${ids[0]}` };
    const hold = (untilMs: number): void => pacer.holdUntil(destKey(batch.destination), untilMs);
    let publishedAt: string | null;
    let messageId: string;
    try {
      const plan = await planBatch(batch, deps.store, deps.topicName);
      if (plan.kind === 'unsendable') {
        await recordFailure({ deps, batch, tally, holdDestination: hold, failure: { kind: 'permanent', code: plan.code, message: plan.message, affects: 'message' } });
        return;
      }
      publishedAt = plan.publishedAt;
      if (plan.kind === 'followup') await refreshOriginal(plan.threadOf, plan.update);
      messageId = (await sink.send(batch.destination, plan.message, options)).messageId;
    } catch (err) {
      await recordFailure({ deps, batch, tally, holdDestination: hold, failure: asFailure(err) });
      return;
    }
    const now = deps.clock.now();
    await deps.store.markSent(ids, messageId, now.toISOString());
    tally.sent += 1;
    const publishedToPostMs = publishedAt ? now.getTime() - new Date(publishedAt).getTime() : null;
    log.debug({ ids, messageId }, 'sent');
    deps.observer?.sent?.({ batch, messageId, publishedToPostMs: Number.isFinite(publishedToPostMs) ? publishedToPostMs : null });

    /** The original's "also reported by" is refreshed first: an update is idempotent, a reply is not. */
    async function refreshOriginal(threadOf: string, update: Parameters<typeof sink.update>[2]): Promise<void> {
      try {
        await sink.update(batch.destination, threadOf, update);
      } catch (err) {
        const failure = asFailure(err);
        if (failure.kind === 'permanent' && failure.affects === 'message') {
          log.warn({ code: failure.code }, 'could not refresh the original alert; posting the thread reply anyway');
          return;
        }
        throw err;
      }
    }
  }

  function track(batch: DeliveryBatch, claimedAt: number): void {
    const key = destKey(batch.destination);
    const p = work(batch, claimedAt)
      .catch((err: unknown) => {
        // A store error while recording: the lease expires and the batch is claimed again.
        deps.log.error({ err, destination: batch.destination.channel.slice(0, 64) }, 'delivery bookkeeping failed; the claim will expire and be retried');
      })
      .finally(() => {
        inFlight.delete(key);
        for (const l of listeners) l();
        const waiters = finishWaiters;
        finishWaiters = [];
        for (const w of waiters) w();
      });
    inFlight.set(key, p);
  }

  async function claimOnce(): Promise<number> {
    const room = maxHeld - inFlight.size;
    if (room <= 0 || waits.cancelled) return 0;
    const now = deps.clock.now();
    const batches = await deps.store.claimDeliveries({ now: now.toISOString(), limit: room, leaseMs: settings.leaseTtlMs, owner: deps.owner });
    for (const batch of batches) track(batch, now.getTime());
    return batches.length;
  }

  return {
    tally,
    held: () => inFlight.size,
    // Claims never overlap: a second caller shares the running claim.
    claim: () => {
      claiming ??= claimOnce().finally(() => {
        claiming = null;
      });
      return claiming;
    },
    settle: async (timeoutMs = Number.POSITIVE_INFINITY) => {
      // One budget timer for the whole wait (no clock reads in a flow), cancelled when done: left
      // running, it would hold the process open for the whole budget.
      const budget = createWaits();
      let spent = false;
      const timer = Number.isFinite(timeoutMs) ? budget.sleep(timeoutMs).then(() => void (spent = true)) : new Promise<void>(() => undefined);
      // Sends that finish may make room for ones tracked meanwhile: wait until none is left.
      while (inFlight.size > 0 && !spent) await Promise.race([Promise.allSettled([...inFlight.values()]), timer]);
      budget.cancelAll();
      return inFlight.size;
    },
    abortWaits: () => waits.cancelAll(),
    onIdleSlot: (l) => void listeners.push(l),
    nextFinish: () => new Promise<void>((resolve) => void finishWaiters.push(resolve)),
  };
}
