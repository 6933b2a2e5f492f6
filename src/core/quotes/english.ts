/**
 * @module core/quotes/english — English quotations: which quoted spans are direct quotations, and
 * who said them.
 */
import { readDiscourse } from './discourse.js';
import { attribute } from './attribution.js';
import { maskQuotes, type Paragraph, type QuoteSpan } from './marks.js';
import { buildRegistry } from './names.js';
import { tokenize } from './tokens.js';

const WORD = /[\p{L}\p{N}]+(?:['’\-.][\p{L}\p{N}]+)*/gu;
const SMALL = new Set(['of', 'the', 'a', 'an', 'and', 'in', 'on', 'for', 'to', 'at', 'by', 'with', 'or', 'vs', 'from', 'versus']);

/**
 * Whether quoted words are a direct quotation: four words or more, and not the title-cased name of
 * a thing ("Make America Wealthy Again", "Godzilla Versus the Sea Monster").
 */
export function isQuotation(text: string): boolean {
  const words = text.match(WORD) ?? [];
  if (words.length < 4) return false;
  const titled = words.every((w) => SMALL.has(w) || /^[\p{Lu}\p{N}]/u.test(w));
  return !titled;
}

export interface Found {
  span: QuoteSpan;
  speaker: string;
}

/** Direct quotations among `spans` (all quotation spans of `body`) with their speakers. */
export function englishQuotes(title: string, body: string, paras: Paragraph[], spans: QuoteSpan[]): Found[] {
  const real = spans.filter((s) => s.script === 'en' && isQuotation(body.slice(s.start, s.end)));
  if (real.length === 0) return [];
  // Nothing after the last quotation's paragraph can tell who said it: read only up to there.
  const lastParagraph = real[real.length - 1]!.paragraph;
  const read = paras.slice(0, lastParagraph + 1);
  const masked = maskQuotes(body, spans);
  const tokens = tokenize(masked, 0, read[read.length - 1]!.end);
  const names = buildRegistry([tokenize(title), tokens]);
  const discourse = readDiscourse({ text: body, tokens, names }, masked, read);
  const speakers = attribute(discourse, real);
  return real.map((span, k) => ({ span, speaker: speakers[k]! }));
}
