import { describe, expect, it } from 'vitest';
import { sampleStory } from '../core/format/test-fixtures.js';
import type { Delivery } from '../ports.js';
import { buildDigest } from './digest.js';

function delivery(id: string, storyId: string, topics: string[]): Delivery {
  return {
    id, kind: 'digest', destination: { platform: 'slack', workspace: 'T', channel: 'C' }, storyId, articleKey: null, topics, mention: 'S0IGNORED',
    payload: { digestKey: '08:00 Asia/Tokyo' }, status: 'sending', attempts: 0, nextAttemptAt: '', lastError: null, messageId: null, threadOf: null, createdAt: '',
  };
}

describe('buildDigest', () => {
  it('groups by first followed topic, newest first, skipping missing stories and repeats', () => {
    const a = sampleStory({ id: 'a', title: 'A', published: '2025-06-02T08:00:00.000Z' });
    const b = sampleStory({ id: 'b', title: 'B', published: '2025-06-02T09:00:00.000Z' });
    const c0 = sampleStory({ id: 'c', title: 'C', published: '2025-06-02T07:00:00.000Z' });
    const c = { ...c0, analysis: { ...c0.analysis, topics: [...c0.analysis.topics].reverse() } }; // best match: us-japan
    const stories = new Map([a, b, c].map((s) => [s.id, s]));
    const msg = buildDigest({
      deliveries: [delivery('1', 'a', ['tariffs']), delivery('2', 'c', ['us-japan', 'tariffs']), delivery('3', 'b', ['tariffs']), delivery('4', 'gone', ['fx']), delivery('5', 'a', ['tariffs'])],
      stories,
      topicName: (id) => id.toUpperCase(),
    })!;
    expect(msg.title).toBe('tradewire digest · 08:00 Asia/Tokyo');
    expect(msg.groups.map((g) => [g.topic.name, g.alerts.map((x) => x.title)])).toEqual([
      ['TARIFFS', ['B', 'A']],
      ['US-JAPAN', ['C']],
    ]);
    expect(msg.groups[0]!.alerts.every((x) => x.mention === null)).toBe(true);
  });

  it('returns null when no story is left', () => {
    expect(buildDigest({ deliveries: [delivery('1', 'gone', ['fx'])], stories: new Map(), topicName: (id) => id })).toBeNull();
  });
});
