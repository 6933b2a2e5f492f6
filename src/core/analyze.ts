/**
 * @module core/analyze — the three judgements about one article: topics, summary, quotes.
 */
import type { Analysis, ArticleText } from './types.js';
import { matchTopics, type CompiledTopics } from './rules/index.js';
import { extractQuotes, pickKeyQuotes } from './quotes/index.js';
import { summarise } from './summary/index.js';

export function analyze(topics: CompiledTopics, article: ArticleText): Analysis {
  const matched = matchTopics(topics, article);
  const quotes = extractQuotes(article);
  return {
    topics: matched,
    summary: summarise(article, { topics: matched }),
    quotes,
    keyQuotes: pickKeyQuotes(quotes, { article, topics: matched }),
  };
}
