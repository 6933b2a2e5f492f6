/**
 * @module adapters/store/fanout — which outbox rows a new story causes, from the active
 * subscriptions that follow its topics. Shared by every store so they fan out identically.
 *
 * One row per (story, destination): a destination with an instant subscription to any matched topic
 * gets one `alert` naming every matched topic it follows; one with only digest subscriptions gets
 * one `digest` item, due at the earliest of their next slots.
 */
import { digestKey, nextDailySlot } from '../../core/schedule.js';
import type { Destination, Subscription } from '../../core/types.js';
import { dedupeKeys, destKey } from './keys.js';

export interface PlannedDelivery {
  kind: 'alert' | 'digest';
  destination: Destination;
  /** Matched topics the destination follows, in the story's order (best first). */
  topics: string[];
  mention: string | null;
  nextAttemptAt: number;
  digestKey: string | null;
  payload: Record<string, unknown> | null;
  dedupeKey: string;
}

/**
 * @param topics the story's matched topic ids, best first
 * @param subscriptions active (unpaused) subscriptions to any of those topics
 */
export function planStoryDeliveries(storyId: string, topics: string[], subscriptions: Subscription[], nowMs: number): PlannedDelivery[] {
  const rank = new Map(topics.map((t, i) => [t, i]));
  const byDest = new Map<string, Subscription[]>();
  for (const sub of subscriptions) {
    if (sub.pausedAt !== null || !rank.has(sub.topic)) continue;
    const key = destKey(sub.destination);
    const list = byDest.get(key);
    if (list) list.push(sub);
    else byDest.set(key, [sub]);
  }
  const planned: PlannedDelivery[] = [];
  for (const subs of byDest.values()) {
    subs.sort((a, b) => rank.get(a.topic)! - rank.get(b.topic)!);
    const destination = subs[0]!.destination;
    const followed = subs.map((s) => s.topic);
    const instant = subs.filter((s) => s.mode.kind === 'instant');
    // A person chose the mention on a subscription; the best-matching topic's choice wins.
    const mention = (instant.length > 0 ? instant : subs).find((s) => s.mention)?.mention ?? null;
    const dedupeKey = dedupeKeys.story(storyId, destination);
    if (instant.length > 0) {
      planned.push({ kind: 'alert', destination, topics: followed, mention, nextAttemptAt: nowMs, digestKey: null, payload: null, dedupeKey });
      continue;
    }
    let best: { at: number; key: string } | null = null;
    for (const s of subs) {
      if (s.mode.kind !== 'digest') continue;
      const at = nextDailySlot(s.mode.time, s.mode.timezone, new Date(nowMs)).getTime();
      if (!best || at < best.at) best = { at, key: digestKey(s.mode) };
    }
    if (!best) continue;
    planned.push({
      kind: 'digest',
      destination,
      topics: followed,
      mention,
      nextAttemptAt: best.at,
      digestKey: best.key,
      payload: { digestKey: best.key },
      dedupeKey,
    });
  }
  return planned;
}

/** One row of the outbox as both stores write it (JSON columns as text, times in epoch ms). */
export interface OutboxRow {
  dedupeKey: string;
  kind: 'alert' | 'followup' | 'digest' | 'notice';
  destination: Destination;
  storyId: number | null;
  articleKey: string | null;
  topics: string;
  mention: string | null;
  payload: string | null;
  digestKey: string | null;
  nextAttemptAt: number;
  threadOf: string | null;
}

/** The outbox rows a new story causes ({@link planStoryDeliveries}), ready for either store to insert. */
export function storyOutboxRows(storyId: number, topics: string[], subscriptions: Subscription[], nowMs: number): OutboxRow[] {
  return planStoryDeliveries(String(storyId), topics, subscriptions, nowMs).map((p) => ({
    dedupeKey: p.dedupeKey,
    kind: p.kind,
    destination: p.destination,
    storyId,
    articleKey: null,
    topics: JSON.stringify(p.topics),
    mention: p.mention,
    payload: p.payload ? JSON.stringify(p.payload) : null,
    digestKey: p.digestKey,
    nextAttemptAt: p.nextAttemptAt,
    threadOf: null,
  }));
}
