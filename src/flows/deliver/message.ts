/**
 * @module flows/deliver/message — a claimed batch → what to send: the story read back from the
 * store and rendered as an AlertView, a follow-up (thread reply + refreshed original), a digest,
 * or a notice.
 */
import { toAlertView } from '../../core/format/alert.js';
import type { AlsoReported, Story } from '../../core/types.js';
import type { Delivery, DeliveryBatch, OutgoingMessage, Store } from '../../ports.js';
import { buildDigest } from '../digest.js';

export type Planned =
  | { kind: 'send'; message: OutgoingMessage; publishedAt: string | null }
  /** A follow-up: refresh the original (`update`), then reply in its thread (`message`). */
  | { kind: 'followup'; message: Extract<OutgoingMessage, { kind: 'followup' }>; update: OutgoingMessage; threadOf: string; publishedAt: string }
  /** Nothing can be sent (the story is gone): fail the batch with this reason. */
  | { kind: 'unsendable'; code: string; message: string };

export async function planBatch(batch: DeliveryBatch, store: Store, topicName: (id: string) => string): Promise<Planned> {
  const first = batch.deliveries[0]!;
  if (batch.kind === 'notice') {
    const text = typeof first.payload?.text === 'string' ? first.payload.text : '';
    if (!text) return { kind: 'unsendable', code: 'empty_notice', message: 'deliver: notice without text' };
    return { kind: 'send', message: { kind: 'notice', text }, publishedAt: null };
  }
  if (batch.kind === 'digest') {
    const stories = new Map<string, Story>();
    for (const d of batch.deliveries) {
      const story = d.storyId ? await store.getStory(d.storyId) : null;
      if (story) stories.set(story.id, story);
    }
    const message = buildDigest({ deliveries: batch.deliveries, stories, topicName });
    if (!message) return { kind: 'unsendable', code: 'story_missing', message: 'deliver: no story of this digest is stored any more' };
    return { kind: 'send', message, publishedAt: null };
  }
  const story = first.storyId ? await store.getStory(first.storyId) : null;
  if (!story) return { kind: 'unsendable', code: 'story_missing', message: `deliver: story ${first.storyId ?? '(none)'} is not stored` };
  const alert = toAlertView(story, { topics: first.topics, topicName, mention: first.mention });
  if (batch.kind === 'followup' && first.threadOf) {
    const outlet = outletOf(first, story);
    return {
      kind: 'followup',
      message: { kind: 'followup', alert, threadOf: first.threadOf, outlet },
      update: { kind: 'alert', alert },
      threadOf: first.threadOf,
      publishedAt: outlet.seenAt,
    };
  }
  // An alert — or a follow-up whose original never went out (it failed): then the story has not
  // reached this channel at all, and it goes out as an alert naming every outlet.
  return { kind: 'send', message: { kind: 'alert', alert }, publishedAt: story.published };
}

/** The outlet a follow-up announces: its payload (`{ outlet }`), else the story's newest outlet. */
function outletOf(d: Delivery, story: Story): AlsoReported {
  const p = d.payload?.outlet as Partial<AlsoReported> | undefined;
  if (p && typeof p.source === 'string') {
    return { feedId: String(p.feedId ?? ''), source: p.source, title: String(p.title ?? story.title), url: typeof p.url === 'string' ? p.url : null, seenAt: String(p.seenAt ?? story.firstSeen) };
  }
  return story.alsoReportedBy.at(-1) ?? { feedId: story.feedId, source: story.source, title: story.title, url: story.url, seenAt: story.firstSeen };
}
