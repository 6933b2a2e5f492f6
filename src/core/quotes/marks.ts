/**
 * @module core/quotes/marks — finds quotation spans: straight and curly double quotes, Japanese 「」,
 * single marks in copy that uses them as outer marks (./single.ts),
 * nested marks, and quotations left open at the end of a paragraph (each paragraph's part is a span
 * of its own; ./index.ts joins a quotation that runs on into the next paragraph, reopened there).
 */

/** One quotation: `text.slice(start, end)` is exactly what stands between its marks. */
export interface QuoteSpan {
  /** Offset of the opening mark. */
  open: number;
  start: number;
  end: number;
  /** Offset of the closing mark, or -1 when the paragraph ended first. */
  close: number;
  /** Index of the paragraph (0-based) the quotation is in. */
  paragraph: number;
  /** 'ja' for 「」, 'en' for double quotes. */
  script: 'en' | 'ja';
}

/** A paragraph as offsets into the text it came from. */
export interface Paragraph {
  start: number;
  end: number;
}

import { singleQuoteSpans, usesSingleMarks } from './single.js';

const STRAIGHT = 0x22;
const CURLY_OPEN = 0x201c;
const CURLY_CLOSE = 0x201d;
const LOW_OPEN = 0x201e; // „
const JA_OPEN = 0x300c;
const JA_CLOSE = 0x300d;

/** Paragraphs of a body: runs of text between line breaks, trimmed. */
export function paragraphs(text: string): Paragraph[] {
  const out: Paragraph[] = [];
  let start = 0;
  // jump from line break to line break (indexOf is native and fast); the text's end closes the last
  let nl = text.indexOf('\n');
  let cr = text.indexOf('\r');
  for (;;) {
    const i = nl < 0 ? (cr < 0 ? text.length : cr) : cr < 0 || nl < cr ? nl : cr;
    if (i === nl) nl = text.indexOf('\n', i + 1);
    else if (i === cr) cr = text.indexOf('\r', i + 1);
    // A quoted phrase wrapped onto the next line ("we will take\nappropriate action,") goes on there:
    // a single line break inside an open quotation, with no mark opening the next line (a
    // quotation running over paragraphs opens each with a mark), is no paragraph break. Only a
    // single break is looked at, so bodies with blank lines between paragraphs cost nothing more.
    if (i < text.length && wrapsOn(text, i) && quotationOpen(text, start, i)) continue;
    let s = start;
    let e = i;
    while (s < e && isSpaceCode(text.charCodeAt(s))) s++;
    while (e > s && isSpaceCode(text.charCodeAt(e - 1))) e--;
    if (e > s) out.push({ start: s, end: e });
    if (i >= text.length) return out;
    start = i + 1;
  }
}

/** Whether text[from..to) leaves a quotation open: an odd number of straight double marks, or more “ (「) than ” (」). */
function quotationOpen(text: string, from: number, to: number): boolean {
  let straight = 0;
  let curly = 0;
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if (c === 0x22) straight ^= 1;
    else if (c === 0x201c || c === 0x300c) curly++;
    else if ((c === 0x201d || c === 0x300d) && curly > 0) curly--;
  }
  return straight === 1 || curly > 0;
}

/** The line break at `i` is a single one and the next line does not open with a quotation mark. */
function wrapsOn(text: string, i: number): boolean {
  let j = i + (text.charCodeAt(i) === 0x0d && text.charCodeAt(i + 1) === 0x0a ? 2 : 1);
  while (j < text.length && (text.charCodeAt(j) === 0x20 || text.charCodeAt(j) === 0x09)) j++;
  if (j >= text.length) return false;
  const next = text.charCodeAt(j);
  return next !== 0x0a && next !== 0x0d && next !== 0x22 && next !== 0x201c && next !== 0x300c && next !== 0x2018;
}

const isSpaceCode = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0xa0 || c === 0x3000 || (c >= 0x2000 && c <= 0x200a);
const isSpaceAt = (text: string, i: number): boolean => i < 0 || i >= text.length || isSpaceCode(text.charCodeAt(i));
const isDigitAt = (text: string, i: number): boolean => text.charCodeAt(i) >= 0x30 && text.charCodeAt(i) <= 0x39;
function isWordAt(text: string, i: number): boolean {
  if (i < 0 || i >= text.length) return false;
  const c = text.charCodeAt(i);
  if (c < 0x80) return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39);
  return /[\p{L}\p{N}]/u.test(text[i]!);
}

/**
 * Whether the straight quote at `i` reads as an opening mark: it follows a space (or an opening
 * bracket or dash) and a word or another opener follows it.
 */
function looksOpening(text: string, i: number, from: number): boolean {
  const before = i > from ? text.charCodeAt(i - 1) : 0x20;
  // a space, ( [ { — – - / :
  const opens = isSpaceCode(before) || before === 0x28 || before === 0x5b || before === 0x7b || before === 0x2014 || before === 0x2013 || before === 0x2d || before === 0x2f || before === 0x3a;
  return (opens || i === from) && !isSpaceAt(text, i + 1);
}

/** Whether the straight quote at `i` reads as a closing mark: after a non-space, before a space, end or punctuation. */
function looksClosing(text: string, i: number, to: number): boolean {
  if (isSpaceAt(text, i - 1)) return false;
  return i + 1 >= to || !isWordAt(text, i + 1);
}

function hasMark(text: string, para: Paragraph): boolean {
  for (const mark of ['"', '\u201c', '\u201d', '\u300c', '\u201e']) {
    const at = text.indexOf(mark, para.start);
    if (at >= 0 && at < para.end) return true;
  }
  return false;
}

/** Every mark quoteSpans acts on. */
const MARKS = /["\u201c\u201d\u201e\u300c\u300d]/g;

/** Quotation spans in one paragraph, outermost only, in order. */
export function quoteSpans(text: string, para: Paragraph, index: number): QuoteSpan[] {
  const out: QuoteSpan[] = [];
  if (!hasMark(text, para)) return out;
  // Open marks of the current nesting, outermost first; only the outermost becomes a span.
  const stack: { pos: number; kind: 'straight' | 'curly' | 'ja' }[] = [];
  const emit = (outer: { pos: number; kind: string }, close: number): void => {
    out.push({ open: outer.pos, start: outer.pos + 1, end: close, close, paragraph: index, script: outer.kind === 'ja' ? 'ja' : 'en' });
  };
  // jump from mark to mark (a native search) over the paragraph, not character by character
  const within = text.slice(para.start, para.end);
  MARKS.lastIndex = 0;
  while (MARKS.test(within)) {
    let i = para.start + MARKS.lastIndex - 1;
    const c = text.charCodeAt(i);
    if (c === STRAIGHT) {
      if (text.charCodeAt(i + 1) === STRAIGHT) {
        i++; // a doubled mark (`""it does not`) is one mark
        MARKS.lastIndex++;
      }
      // `Ecuador"s`: a stray apostrophe
      else if (isWordAt(text, i - 1) && isWordAt(text, i + 1) && !isDigitAt(text, i - 1)) continue;
      const top = stack[stack.length - 1];
      if (!top) {
        stack.push({ pos: i, kind: 'straight' });
        continue;
      }
      if (top.kind === 'straight' && !(looksOpening(text, i, para.start) && !looksClosing(text, i, para.end))) {
        const outer = stack[0]!;
        stack.pop();
        if (stack.length === 0) emit(outer, i);
      } else {
        stack.push({ pos: i, kind: 'straight' });
      }
    } else if (c === CURLY_OPEN || c === LOW_OPEN) {
      stack.push({ pos: i, kind: 'curly' });
    } else if (c === JA_OPEN) {
      stack.push({ pos: i, kind: 'ja' });
    } else if (c === CURLY_CLOSE || c === JA_CLOSE) {
      // Close the innermost open mark of this kind (and anything left open inside it).
      const at = lastIndexOfKind(stack, c === JA_CLOSE ? 'ja' : 'curly');
      if (at < 0) continue;
      const outer = stack[0]!;
      stack.length = at;
      if (stack.length === 0) emit(outer, i);
    }
  }
  if (stack.length > 0) {
    // Left open at the end of the paragraph: the quotation runs to the paragraph's end.
    const outer = stack[0]!;
    let end = para.end;
    while (end > outer.pos + 1 && /[\s"\u201d]/.test(text[end - 1]!)) end--;
    out.push({ open: outer.pos, start: outer.pos + 1, end, close: -1, paragraph: index, script: outer.kind === 'ja' ? 'ja' : 'en' });
  }
  return out;
}

function lastIndexOfKind(stack: { kind: string }[], kind: string): number {
  for (let i = stack.length - 1; i >= 0; i--) if (stack[i]!.kind === kind) return i;
  return -1;
}

/** Every quotation span of a body, paragraph by paragraph. */
export function findQuoteSpans(text: string, paras: Paragraph[] = paragraphs(text)): QuoteSpan[] {
  const out: QuoteSpan[] = [];
  const single = usesSingleMarks(text);
  paras.forEach((p, i) => {
    for (const s of single ? singleQuoteSpans(text, p, i) : quoteSpans(text, p, i)) out.push(s);
  });
  return out;
}

/** Whether `text` may hold a quotation at all (a cheap test before any scanning). */
export function hasQuoteMarks(text: string): boolean {
  return /["\u201c\u201d\u201e\u300c\u2018']/.test(text);
}

/**
 * A copy of `text` with every quotation's inside replaced by `·` (same length, so offsets still
 * hold): attribution reads the sentence around a quote without tripping on the words inside it.
 */
export function maskQuotes(text: string, spans: QuoteSpan[]): string {
  if (spans.length === 0) return text;
  let out = '';
  let at = 0;
  for (const s of spans) {
    // Keep a final stop or comma, so `"…." He left` still ends a sentence and `"…," he said` reads on.
    const last = s.end > s.start ? text[s.end - 1]! : '';
    const keep = /[.,!?。]/.test(last) ? 1 : 0;
    out += text.slice(at, s.start) + '\u00b7'.repeat(s.end - s.start - keep) + (keep ? last : '');
    at = s.end;
  }
  return out + text.slice(at);
}
