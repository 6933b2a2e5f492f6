/**
 * @module core/quotes — direct quotations with their speakers, and the few worth showing.
 */
import type { ArticleText, Quote, TopicMatch } from '../types.js';
import { englishQuotes, isQuotation, type Found } from './english.js';
import { isJapaneseQuotation, japaneseQuotes } from './japanese.js';
import { pickKeyQuotes as pickKey } from './key.js';
import { findQuoteSpans, hasQuoteMarks, paragraphs, type Paragraph, type QuoteSpan } from './marks.js';

/** Every direct quotation of four words or more (8+ characters in Japanese), in article order. */
export function extractQuotes(article: ArticleText): Quote[] {
  const body = article.body ?? '';
  if (!hasQuoteMarks(body)) return [];
  const paras = paragraphs(body);
  const spans = findQuoteSpans(body, paras);
  const found: Found[] = [...englishQuotes(article.title ?? '', body, paras, spans), ...japaneseQuotes(body, paras, spans)];
  found.sort((a, b) => a.span.start - b.span.start);
  return runOn(body, paras, found).map((f) => ({ text: body.slice(f.span.start, f.span.end), speaker: f.speaker }));
}

/**
 * A quotation that runs over paragraphs: its paragraph ends with it still open, and the next
 * paragraph opens with a mark (the typesetting convention for a long quotation). It is one
 * quotation, from its first opening mark to its last closing one; it belongs to whoever its last
 * part is attributed to (`"…," Ferrand said.`), else to whoever its first part is (`The ruling said,
 * "…`), else to the person last spoken of. Its first part opens
 * its paragraph or follows an introduction (`he said: "…`, `Shiratori said, "…`); one left open
 * after a sentence of narrative (`…, said James Crandell. "Apparently …`) is wire copy that dropped
 * its closing mark, and ends with its paragraph.
 */
function runOn(body: string, paras: Paragraph[], found: Found[]): Found[] {
  const out: Found[] = [];
  const opensParagraph = (f: Found): boolean => paras[f.span.paragraph]?.start === f.span.open;
  const introduced = (f: Found): boolean => /[:,]\s*$/.test(body.slice(Math.max(0, f.span.open - 3), f.span.open));
  let lastPart: Found | null = null;
  for (const f of found) {
    const prev = out[out.length - 1];
    const runsOn = lastPart && lastPart.span.close < 0 && (opensParagraph(lastPart) || introduced(lastPart));
    if (prev && runsOn && opensParagraph(f) && lastPart!.span.script === f.span.script && f.span.paragraph === lastPart!.span.paragraph + 1) {
      const by = f.attributed || !prev.attributed ? (f.speaker !== 'unknown' ? f : prev) : prev;
      out[out.length - 1] = { span: { ...prev.span, end: f.span.end, close: f.span.close }, speaker: by.speaker, attributed: by.attributed };
    } else out.push(f);
    lastPart = f;
  }
  return out;
}

/**
 * Whether a span between quotation marks is a direct quotation (what extractQuotes reports) rather
 * than scare quotes or the name of a thing (“reciprocal” tariffs, "Make America Wealthy Again").
 */
export function isDirectQuotation(body: string, span: QuoteSpan): boolean {
  return span.script === 'ja' ? isJapaneseQuotation(body, span) : isQuotation(body.slice(span.start, span.end));
}

/** At most 3 quotes for display: complete statements, on the matched topics, no near-duplicates, main speakers first. */
export function pickKeyQuotes(quotes: Quote[], context: { article: ArticleText; topics: TopicMatch[] }): Quote[] {
  return pickKey(quotes, context);
}
