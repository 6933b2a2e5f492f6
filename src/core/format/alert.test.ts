import { describe, expect, it } from 'vitest';
import { toAlertView } from './alert.js';
import { sampleStory } from './test-fixtures.js';

const names: Record<string, string> = { tariffs: 'Tariffs', 'us-japan': 'US–Japan', fx: 'FX' };
const topicName = (id: string): string => names[id] ?? id;

describe('toAlertView', () => {
  it('names the followed topics in match order, keeps 3 key quotes with speakers, dedupes outlets', () => {
    const view = toAlertView(sampleStory(), { topics: ['us-japan', 'tariffs'], topicName, mention: 'S1' });
    expect(view.topics).toEqual([
      { id: 'tariffs', name: 'Tariffs' },
      { id: 'us-japan', name: 'US–Japan' },
    ]);
    expect(view.keyQuotes.map((q) => q.speaker)).toEqual(['Ryosei Akazawa', 'Howard Lutnick', 'a trade ministry official']);
    expect(view.alsoReportedBy).toEqual([{ source: 'Pacific Ledger', url: 'https://ledger.example/a' }]);
    expect(view.mention).toBe('S1');
    expect(view.summary).toContain('15%');
  });

  it('drops only the trailing comma English puts inside the closing quotation mark', () => {
    const story = sampleStory();
    story.analysis.keyQuotes = [{ text: 'We will watch, closely,', speaker: 'A' }, { text: '  ', speaker: 'B' }];
    expect(toAlertView(story, { topics: [], topicName }).keyQuotes).toEqual([{ text: 'We will watch, closely', speaker: 'A' }]);
  });

  it('falls back to every matched topic when none are given', () => {
    const view = toAlertView(sampleStory(), { topics: [], topicName });
    expect(view.topics.map((t) => t.id)).toEqual(['tariffs', 'us-japan']);
    expect(view.mention).toBeNull();
  });

  it('keeps a followed topic the analysis no longer lists (renamed rules) at the end', () => {
    const view = toAlertView(sampleStory(), { topics: ['fx', 'us-japan'], topicName });
    expect(view.topics.map((t) => t.id)).toEqual(['us-japan', 'fx']);
  });
});
