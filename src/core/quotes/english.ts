/**
 * @module core/quotes/english — English quotations: which quoted spans are direct quotations, and
 * who said them.
 */
import { readDiscourse } from './discourse.js';
import { attribute } from './attribution.js';
import { maskQuotes, type Paragraph, type QuoteSpan } from './marks.js';
import { buildRegistry, joinOfficialNames } from './names.js';
import { tokenize } from './tokens.js';

const SMALL = new Set(['of', 'the', 'a', 'an', 'and', 'in', 'on', 'for', 'to', 'at', 'by', 'with', 'or', 'vs', 'from', 'versus']);
const LETTER = /[\p{L}\p{N}]/u;

function isWordChar(c: number, text: string, i: number): boolean {
  if (c < 0x80) return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39);
  return LETTER.test(text[i]!);
}
const isLowerStart = (c: number, text: string, i: number): boolean => (c < 0x80 ? c >= 0x61 && c <= 0x7a : text[i] !== text[i]!.toUpperCase());

/**
 * Whether quoted words are a direct quotation: four words or more, and not the title-cased name of
 * a thing ("Make America Wealthy Again", "Godzilla Versus the Sea Monster"). One pass over the
 * characters: it runs on every quoted span of every article.
 */
export function isQuotation(text: string): boolean {
  let words = 0;
  let titled = true;
  for (let i = 0; i < text.length; ) {
    const c = text.charCodeAt(i);
    if (!isWordChar(c, text, i)) {
      i++;
      continue;
    }
    const start = i;
    i++;
    for (;;) {
      while (i < text.length && isWordChar(text.charCodeAt(i), text, i)) i++;
      const j = text.charCodeAt(i);
      if ((j === 0x27 || j === 0x2019 || j === 0x2d || j === 0x2e) && i + 1 < text.length && isWordChar(text.charCodeAt(i + 1), text, i + 1)) i += 2;
      else break;
    }
    words++;
    if (titled && isLowerStart(c, text, start) && !SMALL.has(text.slice(start, i))) titled = false;
  }
  return words >= 4 && !titled;
}

export interface Found {
  span: QuoteSpan;
  speaker: string;
  /** The speaker is named by the quotation's own sentence or paragraph, not only by what came before. */
  attributed?: boolean;
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
  joinOfficialNames(tokens, names);
  const discourse = readDiscourse({ text: body, tokens, names }, masked, read);
  const speakers = attribute(discourse, real);
  return real.map((span, k) => ({ span, speaker: speakers[k]!.name, attributed: speakers[k]!.attributed }));
}
