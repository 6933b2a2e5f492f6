/**
 * @module core/quotes — direct quotations with their speakers. PLACEHOLDER until the quotes work lands.
 */
import type { ArticleText, Quote, TopicMatch } from '../types.js';

/** Every direct quotation of four words or more (8+ characters in Japanese), in article order. */
export function extractQuotes(_article: ArticleText): Quote[] {
  return [];
}

/** At most 3 quotes for display: complete statements, on the matched topics, main speakers first. */
export function pickKeyQuotes(quotes: Quote[], _context: { article: ArticleText; topics: TopicMatch[] }): Quote[] {
  return quotes.slice(0, 3);
}
