/**
 * @module flows/deliver/outcome — what a failed send does to the outbox: 429 (and no adapter) →
 * retry at Retry-After, not counted as an attempt; transient → exponential back-off with jitter,
 * capped at `maxBackoffMs`, never given up (reported once after `maxAttempts`); permanent → failed
 * with the reason, and the destination paused after `pauseAfterFailures` in a row.
 */
import { backoffDelay } from '../../core/backoff.js';
import { canonicalDestination } from '../../core/destination.js';
import { errorMessage } from '../../core/errors.js';
import type { Destination } from '../../core/types.js';
import { sameDestination } from '../subscriptions/resume.js';
import type { DeliveryBatch, DeliveryErrorKind, DeliveryFailure } from '../../ports.js';
import type { DeliverDeps, DeliveryTally } from './types.js';

const KINDS: readonly DeliveryErrorKind[] = ['rate-limited', 'transient', 'permanent'];
const DEFAULT_BASE_BACKOFF_MS = 2_000;
const DEFAULT_RETRY_AFTER_MS = 1_000;

/** Anything a sink threw, as a DeliveryFailure; unknown errors are transient (retrying is safe). */
export function asFailure(err: unknown): DeliveryFailure {
  const e = err as Partial<DeliveryFailure> | null;
  if (e && typeof e === 'object' && KINDS.includes(e.kind as DeliveryErrorKind) && typeof e.code === 'string') {
    const failure: DeliveryFailure = { kind: e.kind!, code: e.code, message: typeof e.message === 'string' ? e.message : e.code };
    if (typeof e.retryAfterMs === 'number') failure.retryAfterMs = e.retryAfterMs;
    if (e.affects === 'message' || e.affects === 'destination') failure.affects = e.affects;
    return failure;
  }
  return { kind: 'transient', code: 'unexpected', message: errorMessage(err) };
}

export interface FailureContext {
  deps: DeliverDeps;
  batch: DeliveryBatch;
  failure: DeliveryFailure;
  tally: DeliveryTally;
  /** Called with the epoch ms before which the destination must not be sent to again. */
  holdDestination(untilMs: number): void;
}

export async function recordFailure(ctx: FailureContext): Promise<void> {
  const { deps, batch, failure, tally } = ctx;
  const ids = batch.deliveries.map((d) => d.id);
  const now = deps.clock.now();
  const error = { code: failure.code, message: failure.message };
  const log = deps.log.child({ destination: batch.destination, kind: batch.kind, ids });

  if (failure.kind === 'rate-limited') {
    const waitMs = Math.max(failure.retryAfterMs ?? DEFAULT_RETRY_AFTER_MS, 0);
    const next = new Date(now.getTime() + waitMs).toISOString();
    ctx.holdDestination(now.getTime() + waitMs);
    // A wait, not a failure of the message: it never brings a delivery nearer to being reported stuck.
    await deps.store.markRetry(ids, next, error, now.toISOString(), { countAttempt: false });
    tally.retried += 1;
    log.warn({ code: failure.code, retryAfterMs: waitMs }, 'rate limited; retrying after Retry-After');
    deps.observer?.retried?.({ batch, failure, nextAttemptAt: next });
    return;
  }

  if (failure.kind === 'transient') {
    // Never given up: a 5xx or network error says nothing against the message, and dropping it
    // would miss a story. The back-off is capped, so it is tried at least every maxBackoffMs.
    const attempts = Math.max(...batch.deliveries.map((d) => d.attempts)) + 1;
    const delay = backoffDelay(attempts, { baseMs: deps.settings.baseBackoffMs ?? DEFAULT_BASE_BACKOFF_MS, maxMs: deps.settings.maxBackoffMs, random: deps.random });
    const next = new Date(now.getTime() + delay).toISOString();
    await deps.store.markRetry(ids, next, error, now.toISOString());
    tally.retried += 1;
    log.warn({ code: failure.code, err: failure.message, attempts, retryInMs: delay }, 'send failed; will retry');
    deps.observer?.retried?.({ batch, failure, nextAttemptAt: next });
    if (attempts === deps.settings.maxAttempts) await reportStuck(ctx, attempts, log);
    return;
  }
  await fail(ctx, ids, log);
}

const duration = (ms: number): string => (ms < 1_000 ? `${ms} ms` : ms < 120_000 ? `${Math.round(ms / 1_000)} s` : `${Math.round(ms / 60_000)} min`);

/** Once per delivery, at `maxAttempts` failed tries: an error in the log and a notice to ops. */
async function reportStuck(ctx: FailureContext, attempts: number, log: DeliverDeps['log']): Promise<void> {
  const { deps, batch, failure } = ctx;
  log.error({ code: failure.code, err: failure.message, attempts }, `still failing after ${attempts} attempts; retrying at least every ${duration(deps.settings.maxBackoffMs)}, never given up`);
  const ops = deps.opsChannel;
  if (!ops || sameDestination(ops, batch.destination)) return;
  const now = deps.clock.now().toISOString();
  const text =
    `Deliveries to ${describeDestination(batch.destination)} have failed ${attempts} times in a row: ${failure.code} (${failure.message}). ` +
    `They are kept and retried at least every ${duration(deps.settings.maxBackoffMs)} until the platform answers.`;
  try {
    await deps.store.enqueueNotice(ops, text, `stuck:${batch.deliveries[0]!.id}`, now);
  } catch (err) {
    deps.log.warn({ err: errorMessage(err) }, 'could not queue the still-failing notice for the ops channel');
  }
}

async function fail(ctx: FailureContext, ids: string[], log: DeliverDeps['log']): Promise<void> {
  const { deps, batch, failure, tally } = ctx;
  const now = deps.clock.now().toISOString();
  const inARow = await deps.store.markFailed(ids, { code: failure.code, message: failure.message }, now);
  tally.failed += 1;
  log.error({ code: failure.code, err: failure.message, failuresInARow: inARow }, 'delivery failed permanently');
  const destinationBroken = failure.affects !== 'message';
  let paused = false;
  if (destinationBroken && inARow >= deps.settings.pauseAfterFailures) {
    // Counts only subscriptions this call paused, so later failures of queued rows do not pause again.
    const n = await deps.store.pauseDestination(batch.destination, `${failure.code}: ${failure.message}`, now);
    if (n > 0) {
      paused = true;
      tally.paused += 1;
      log.error({ code: failure.code, subscriptions: n }, `paused this destination after ${inARow} permanent failures in a row; /trade subscribe un-pauses`);
      await tellOps(deps, batch.destination, { subscriptions: n, inARow, failure, now });
    }
  }
  deps.observer?.failed?.({ batch, failure, paused });
}

/** A webhook destination's channel is its URL, a secret: shown by host only. */
export function describeDestination(d: Destination): string {
  if (d.platform === 'webhook') {
    const host = /^https?:\/\/([^/?#]+)/i.exec(d.channel)?.[1] ?? 'unknown host';
    return `a webhook on ${host}`;
  }
  return `${d.platform} channel ${d.channel}`;
}

/**
 * Notices the ops channel (once per pause) that a destination was paused and how to resume it.
 * Not when the ops channel is the paused destination itself: that notice could not arrive.
 */
async function tellOps(deps: DeliverDeps, destination: Destination, what: { subscriptions: number; inARow: number; failure: DeliveryFailure; now: string }): Promise<void> {
  const ops = deps.opsChannel;
  if (!ops) return;
  if (sameDestination(ops, destination)) return;
  const b = canonicalDestination(destination);
  const text =
    `Paused deliveries to ${describeDestination(destination)} (${what.subscriptions} subscription${what.subscriptions === 1 ? '' : 's'}) after ` +
    `${what.inARow} permanent failures in a row: ${what.failure.code} (${what.failure.message}). Fix the cause, then resume with ` +
    `/trade subscribe in that channel, or tradewire subs resume on the server (a changed subscriptions.yaml entry resumes too).`;
  try {
    await deps.store.enqueueNotice(ops, text, `paused:${b.platform}:${b.workspace}:${b.channel}:${what.now}`, what.now);
  } catch (err) {
    deps.log.warn({ err: errorMessage(err) }, 'could not queue the pause notice for the ops channel');
  }
}
