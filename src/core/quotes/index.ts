/**
 * @module core/quotes — direct quotations with their speakers, and the few worth showing.
 */
import type { ArticleText, Quote, TopicMatch } from '../types.js';
import { englishQuotes, type Found } from './english.js';
import { japaneseQuotes } from './japanese.js';
import { pickKeyQuotes as pickKey } from './key.js';
import { findQuoteSpans, hasQuoteMarks, paragraphs } from './marks.js';


/** Every direct quotation of four words or more (8+ characters in Japanese), in article order. */
export function extractQuotes(article: ArticleText): Quote[] {
  const body = article.body ?? '';
  if (!hasQuoteMarks(body)) return [];
  const paras = paragraphs(body);
  const spans = findQuoteSpans(body, paras);
  const found: Found[] = [...englishQuotes(article.title ?? '', body, paras, spans), ...japaneseQuotes(body, paras, spans)];
  found.sort((a, b) => a.span.start - b.span.start);
  return found.map((f) => ({ text: body.slice(f.span.start, f.span.end), speaker: f.speaker }));
}

/** At most 3 quotes for display: complete statements, on the matched topics, no near-duplicates, main speakers first. */
export function pickKeyQuotes(quotes: Quote[], context: { article: ArticleText; topics: TopicMatch[] }): Quote[] {
  return pickKey(quotes, context);
}
