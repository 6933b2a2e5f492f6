/**
 * @module core/summary — extractive summary. PLACEHOLDER until the summary work lands.
 */
import type { ArticleText, TopicMatch } from '../types.js';

/** At most 3 sentences and 400 characters, verbatim from the article, chosen for gist and topics. */
export function summarise(article: ArticleText, _context: { topics: TopicMatch[] }): string {
  return article.body.split('\n\n')[0]?.slice(0, 400) ?? '';
}
