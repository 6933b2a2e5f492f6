/**
 * @module core/quotes/single — quotations in single marks (‘…’ or '…'), for copy that uses them as
 * its outer marks (British style). Only read when an article has no double marks at all, since
 * elsewhere single marks are nested quotes, scare quotes or apostrophes.
 */
import type { Paragraph, QuoteSpan } from './marks.js';

const LEFT = 0x2018;
const RIGHT = 0x2019;

const isSpace = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0xa0 || c === 0x0a || c === 0x0d;
function isWord(c: number, text: string, i: number): boolean {
  if (c < 0x80) return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39);
  return /[\p{L}\p{N}]/u.test(text[i] ?? '');
}

/** Whether `text` uses single marks as its outer quotation marks: no double marks anywhere. */
export function usesSingleMarks(text: string): boolean {
  return !/["\u201c\u201d\u201e\u300c]/.test(text) && /[\u2018']/.test(text);
}

const SINGLE_MARKS = /['\u2018\u2019]/g;

/** Single-mark quotation spans of one paragraph; a mark left open is dropped (it is likelier an apostrophe). */
export function singleQuoteSpans(text: string, para: Paragraph, index: number): QuoteSpan[] {
  const out: QuoteSpan[] = [];
  let open = -1;
  // jump from mark to mark (a native search) over the paragraph, not character by character
  const within = text.slice(para.start, para.end);
  SINGLE_MARKS.lastIndex = 0;
  while (SINGLE_MARKS.test(within)) {
    const i = para.start + SINGLE_MARKS.lastIndex - 1;
    const c = text.charCodeAt(i);
    const prev = i > para.start ? text.charCodeAt(i - 1) : 0x20;
    const next = i + 1 < para.end ? text.charCodeAt(i + 1) : 0x20;
    const wordBefore = i > para.start && isWord(prev, text, i - 1);
    const wordAfter = i + 1 < para.end && isWord(next, text, i + 1);
    if (wordBefore && wordAfter) continue; // don't, Japan’s, O'Reilly
    const opensHere = c !== RIGHT && !wordBefore && (wordAfter || next === 0x22) && (isSpace(prev) || i === para.start || '([\u2014\u2013-'.includes(String.fromCharCode(prev)));
    if (open < 0 || c === LEFT) {
      if (opensHere) open = i;
      continue;
    }
    // A closing mark follows a word or a stop and comes before a space or punctuation.
    if (!isSpace(prev) && !wordAfter) {
      out.push({ open, start: open + 1, end: i, close: i, paragraph: index, script: 'en' });
      open = -1;
    }
  }
  return out;
}
