/**
 * @module flows/commands/sample — the sample story `/trade test` shows when nothing matching has
 * been stored yet. Written for the project (fictional outlet), so it cannot be mistaken for news.
 */
import type { Story } from '../../core/types.js';

export function sampleStory(topicId: string | null, now: string): Story {
  return {
    id: 'sample',
    feedId: 'sample',
    source: 'tradewire sample',
    guid: null,
    url: 'https://github.com/',
    title: '[Sample] Negotiators report progress on auto tariffs ahead of G20 talks',
    body: '',
    author: null,
    published: now,
    firstSeen: now,
    analysis: {
      topics: topicId ? [{ id: topicId, score: 1, hits: [] }] : [],
      summary:
        'This is a sample alert. Real alerts carry a three-sentence summary taken verbatim from the article, the topics it matched, and up to three key quotes with the people who said them.',
      quotes: [],
      keyQuotes: [
        { text: 'We made real progress on the auto tariff schedule today', speaker: 'a sample trade minister' },
        { text: 'Nothing is agreed until everything is agreed', speaker: 'a sample negotiator' },
      ],
    },
    alsoReportedBy: [],
  };
}
