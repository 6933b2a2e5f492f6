/**
 * @module core/summary/candidates — the body's sentences that may stand in a summary: real
 * sentences (not list lines, headings or fragments), not mostly direct quotation, with a dateline taken off
 * the first ("WASHINGTON — President …" → "President …", still a verbatim piece of the body).
 */
import { isDirectQuotation } from '../quotes/index.js';
import { findQuoteSpans, hasQuoteMarks } from '../quotes/marks.js';
import { splitSentences, type Span } from '../text/sentences.js';

export interface Candidate {
  text: string;
  /** Position among the body's sentences. */
  index: number;
  /** Offsets into the body. */
  start: number;
  end: number;
  /** Index of the paragraph it is in. */
  paragraph: number;
  /** Set by scoring. */
  score: number;
}

/**
 * Share of a sentence inside quotation marks above which it counts as a quotation. A sentence that
 * opens with a quotation ('"…," said X, an analyst at Y.') is one too, whatever its share: the
 * summary says what happened; the key quotes carry who said what.
 */
const MAX_QUOTED = 0.35;
/**
 * Sentences read from the top of a long article: the gist of news copy is in its first paragraphs,
 * and reading no further keeps the summariser fast on long stories.
 */
export const MAX_CANDIDATES = 40;

const DATELINE = /^(?:[\p{Lu}][\p{Lu}\s./'’-]*(?:,\s*[\p{L}\s.]+?\d{0,2})?(?:\s*\([\p{L}\s]+\))?\s*[—–-]{1,2}\s+)/u;

export function candidates(body: string, cjk: boolean): Candidate[] {
  // sentences and quotations found once, for both readings
  const spans = splitSentences(body, MAX_CANDIDATES);
  const quoted = spans.length ? quotedRanges(body.slice(0, spans[spans.length - 1]!.end)) : [];
  const strict = pick(body, cjk, true, spans, quoted);
  // Tables and lists ("Shr 1.10 dlrs vs 1.00 dlrs") have no sentence in the strict sense: take
  // their first real line rather than say nothing.
  return strict.length ? strict : pick(body, cjk, false, spans, quoted).slice(0, 1);
}

function pick(body: string, cjk: boolean, strict: boolean, spans: Span[], quoted: [number, number][]): Candidate[] {
  let q = 0;
  const out: Candidate[] = [];
  let paragraph = 0;
  let lastEnd = 0;
  spans.forEach((s, index) => {
    const gap = body.indexOf('\n', lastEnd);
    if (gap >= 0 && gap < s.start) paragraph++;
    lastEnd = s.end;
    let start = s.start;
    if (index === 0) {
      const raw = body.slice(s.start, s.end);
      const m = DATELINE.exec(raw);
      if (m && m[0].length < raw.length / 2) start += m[0].length;
    }
    if (strict ? !usable(body, start, s.end, cjk) : s.end - start < 20) return;
    while (q < quoted.length && quoted[q]![1] <= start) q++;
    if (quoted[q] !== undefined && quoted[q]![0] <= start) return; // opens with (or sits inside) a quotation
    if (quotedShare(quoted, q, start, s.end) > MAX_QUOTED) return;
    out.push({ text: body.slice(start, s.end), index, start, end: s.end, paragraph, score: 0 });
  });
  return out;
}

const isUpperOrDigit = (c: number): boolean => (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || (c >= 0xc0 && c <= 0xde);
const isOpening = (c: number): boolean => c === 0x22 || c === 0x201c || c === 0x2018 || c === 0x28;
const isStop = (c: number): boolean => c === 0x2e || c === 0x21 || c === 0x3f;
const isClosing = (c: number): boolean => c === 0x22 || c === 0x201d || c === 0x2019 || c === 0x29;
const isJaEnd = (c: number): boolean => c === 0x3002 || c === 0xff01 || c === 0xff1f || c === 0x300d;

/** A real sentence: long enough, starts with a capital (not a fragment or a "- …" list line), ends with a stop. */
function usable(body: string, start: number, end: number, cjk: boolean): boolean {
  if (end - start < (cjk ? 10 : 25)) return false;
  const last = body.charCodeAt(end - 1);
  if (cjk) return isJaEnd(last);
  let first = body.charCodeAt(start);
  if (isOpening(first)) first = body.charCodeAt(start + 1);
  if (!isUpperOrDigit(first)) return false;
  // Headings and "Quotes included -" lines have no stop.
  return isStop(last) || (isClosing(last) && isStop(body.charCodeAt(end - 2)));
}

/**
 * The body's direct quotations (as the quote extractor judges them), marks included, as sorted
 * [start, end) ranges. Scare quotes and names (“reciprocal” tariffs) are part of what happened,
 * not someone speaking: a sentence holding them may stand in a summary.
 */
function quotedRanges(body: string): [number, number][] {
  if (!hasQuoteMarks(body)) return [];
  return findQuoteSpans(body)
    .filter((s) => isDirectQuotation(body, s))
    .map((s) => [s.open, s.close < 0 ? s.end : s.close + 1]);
}

/** Share of [start, end) inside quotations; `from` is the first range that may overlap it. */
function quotedShare(ranges: [number, number][], from: number, start: number, end: number): number {
  let n = 0;
  for (let k = from; k < ranges.length && ranges[k]![0] < end; k++) {
    n += Math.max(0, Math.min(end, ranges[k]![1]) - Math.max(start, ranges[k]![0]));
  }
  return end > start ? n / (end - start) : 0;
}
