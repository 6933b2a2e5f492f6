/**
 * @module flows/subscriptions/resume — the way back from a pause: subscribing again un-pauses, so a
 * paused subscription is resumed by writing it again with its own mode (its mention and creator are
 * kept). Used by `/trade subscribe` (the whole channel resumes) and `tradewire subs resume`.
 */
import { canonicalDestination } from '../../core/destination.js';
import type { Destination, Subscription } from '../../core/types.js';
import type { Store } from '../../ports.js';

export async function resumeSubscriptions(store: Store, subs: readonly Subscription[], now: string): Promise<number> {
  let n = 0;
  for (const s of subs) {
    if (s.pausedAt === null) continue;
    await store.subscribe({ destination: s.destination, topic: s.topic, mode: s.mode }, now);
    n++;
  }
  return n;
}

/** Paused subscriptions, all of them or those of one channel (any platform; the id or webhook URL). */
export async function pausedSubscriptions(store: Store, channel: string | null): Promise<Subscription[]> {
  const all = await store.listSubscriptions();
  return all.filter((s) => s.pausedAt !== null && (channel === null || s.destination.channel === channel));
}

export function sameDestination(a: Destination, b: Destination): boolean {
  const x = canonicalDestination(a);
  const y = canonicalDestination(b);
  return x.platform === y.platform && x.workspace === y.workspace && x.channel === y.channel;
}
