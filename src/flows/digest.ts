/**
 * @module flows/digest — digest items of one destination and slot → one message grouped by topic.
 * A story sits under the first topic the destination follows (its best match), newest first.
 */
import { toAlertView } from '../core/format/alert.js';
import type { AlertView, DigestGroup, Story } from '../core/types.js';
import type { Delivery, OutgoingMessage } from '../ports.js';

export interface DigestInput {
  deliveries: Delivery[];
  /** Stories by id; items whose story is missing are left out. */
  stories: ReadonlyMap<string, Story>;
  topicName: (id: string) => string;
}

export function digestKeyOf(d: Delivery): string {
  const key = d.payload?.digestKey;
  return typeof key === 'string' && key ? key : 'daily';
}

export function buildDigest(input: DigestInput): Extract<OutgoingMessage, { kind: 'digest' }> | null {
  const groups = new Map<string, AlertView[]>();
  const seen = new Set<string>();
  for (const d of input.deliveries) {
    const story = d.storyId ? input.stories.get(d.storyId) : undefined;
    if (!story || seen.has(story.id)) continue;
    seen.add(story.id);
    const alert = toAlertView(story, { topics: d.topics, topicName: input.topicName, mention: null });
    const topic = alert.topics[0]?.id ?? 'other';
    groups.set(topic, [...(groups.get(topic) ?? []), alert]);
  }
  if (groups.size === 0) return null;
  const out: DigestGroup[] = [...groups].map(([id, alerts]) => ({
    topic: { id, name: id === 'other' ? 'Other' : input.topicName(id) },
    alerts: alerts.sort((a, b) => b.published.localeCompare(a.published)),
  }));
  const first = input.deliveries[0];
  return { kind: 'digest', title: `tradewire digest · ${first ? digestKeyOf(first) : 'daily'}`, groups: out };
}
