/**
 * @module core/rules/tokenize — splits text into the tokens rules match against, in one left-to-right
 * scan over char codes, walking the term trie as it reads each word: a word that leaves the trie
 * early is skipped without a string, a lookup or a call.
 *
 * Words are runs of letters, digits and combining marks, with these joins so that rules and articles
 * agree on what a word is:
 * - dotted abbreviations join: `U.S.` → `US`, `U.K.` → `UK` (a rule `US` matches both spellings);
 * - a single letter, a hyphen and digits join: `G-20` → `G20`, `G-7` → `G7`;
 * - digits with `.` or `,` between them join: `9.79`, `1,000`;
 * - an apostrophe (straight or curly) inside a word stays (`don't`, `O’Neill` → `o'neill`); a
 *   possessive `'s` is dropped (`Japan’s` → `japan`);
 * - fullwidth Latin letters and digits (`Ｇ２０`) read as ASCII.
 * Everything else (spaces, punctuation, dashes such as `US–Japan`) separates words.
 *
 * A sentence end (`.`, `!`, `?`, `;` before a space, `。`, a blank line) moves the word position
 * past any NEAR distance, so NEAR/n means "within n words in the same sentence" and phrases never
 * run across sentences.
 *
 * Japanese and Chinese text has no spaces. Each Han/kana character is its own token, so a rule term
 * such as 関税 is a two-character phrase that matches wherever those characters stand (相互関税,
 * 関税率). Word *positions* (what NEAR/n counts) come from `Intl.Segmenter`, so NEAR means words in
 * Japanese too.
 */
import { CJK, classAt, endsSentence, isAsciiLetter, isDigit, lowerOf, normalizeRaw, OTHER, SPECIAL, tokenKey, WORD } from './chars.js';
import { COLUMN, COLUMNS, finishTrie, ON_PATH, trieNode, walk, WORDS, type Trie, type TrieNode } from './trie.js';

export { normalizeRaw, tokenKey } from './chars.js';

/** ASCII characters that may end a sentence: . ! ? ; and a line break. */
const BREAKS = new Uint8Array(128);
for (const c of [46, 33, 63, 59, 10]) BREAKS[c] = 1;

/** Added to the word position at a sentence end: more than any NEAR distance (parse.ts MAX_NEAR). */
export const SENTENCE_GAP = 101;

export interface ScanState {
  /** Token index: phrases need consecutive `seq`. */
  seq: number;
  /** Word position: NEAR/n compares these. Equal to `seq` for spaced text; per word for Japanese. */
  pos: number;
}

/**
 * Called for each token that reached something in the trie (or for every token, see `scan`):
 * `node` is the deepest trie node the token's key reached, `whole` whether the key ended there.
 * Offsets are UTF-16 indices into the scanned text.
 */
export type TokenSink = (start: number, end: number, seq: number, pos: number, node: TrieNode, whole: boolean) => void;

let segmenter: Intl.Segmenter | null = null;

/** Word boundaries of a Japanese/Chinese run, as end offsets relative to the run. */
function wordEnds(run: string): number[] {
  segmenter ??= new Intl.Segmenter('ja', { granularity: 'word' });
  const ends: number[] = [];
  for (const s of segmenter.segment(run)) ends.push(s.index + s.segment.length);
  return ends;
}

const interesting = (n: TrieNode, whole: boolean): boolean => n.onPath !== null || (whole && n.words !== null);

/**
 * Scans `text` from `from`, advancing `state`. Each token walks `trie`; `sink` hears the tokens that
 * reached a word or prefix there (all tokens when `every`).
 */
export function scan(text: string, trie: Trie, sink: TokenSink, state: ScanState, from = 0, every = false): void {
  const { root, nodes, next: table, interest } = trie;
  const n = text.length;
  let i = from;
  let seq = state.seq;
  let pos = state.pos;
  let wordStart = 0;
  let wordEnd = 0;
  let broken = true; // a sentence break was already counted since the last token
  while (i < n) {
    const c0 = text.charCodeAt(i);
    if (c0 < 128 && COLUMN[c0]! < 0) {
      // ASCII between words (most separators): only . ! ? ; or a line break can end a sentence
      if (!broken && BREAKS[c0] === 1 && endsSentence(text, i, wordStart, wordEnd)) {
        pos += SENTENCE_GAP;
        seq += 1;
        broken = true;
      }
      i++;
      continue;
    }
    const k = c0 < 128 ? WORD : classAt(text, i);
    if (k === OTHER) {
      // of the other characters only a CJK full stop (and ！？) can end a sentence
      if (!broken && c0 >= 0x3000 && endsSentence(text, i, wordStart, wordEnd)) {
        pos += SENTENCE_GAP;
        seq += 1;
        broken = true;
      }
      i++;
      continue;
    }
    broken = false;
    if (k === CJK) {
      state.seq = seq;
      state.pos = pos;
      i = scanCjk(text, i, root, sink, state, every);
      seq = state.seq;
      pos = state.pos;
      continue;
    }
    const start = i;
    const acronymEnd = i + 1 < n && text.charCodeAt(i + 1) === 46 ? dottedAcronymEnd(text, i) : 0;
    if (acronymEnd > 0) {
      wordStart = wordEnd = start; // its own dots never end a sentence
      const w = walk(root, tokenKey(text, start, acronymEnd));
      if (every || interesting(w.node, w.whole)) sink(start, acronymEnd, seq, pos, w.node, w.whole);
      seq++;
      pos++;
      i = acronymEnd;
      continue;
    }
    // the common case: walk the trie with each lower-cased character as the word is read
    let plain = true; // the key is the lower-cased characters as they stand
    let possessive = false;
    let id = 0; // the root
    let alive = true;
    for (;;) {
      // fast path: ASCII letters and digits, one table read per step while the walk lasts
      let c = 0;
      while (alive && i < n) {
        const col = COLUMN[(c = text.charCodeAt(i))]!;
        if (col < 0) break;
        const to = table[id * COLUMNS + col]!;
        i++;
        if (to < 0) alive = false;
        else id = to;
      }
      // the rest of a word that left the trie: read to its end
      if (!alive) while (i < n && COLUMN[(c = text.charCodeAt(i))]! >= 0) i++;
      // the word ends at the end of the text or at ASCII punctuation other than ' , - . (the usual case)
      if (i >= n || (c < 128 && c !== 39 && c !== 44 && c !== 45 && c !== 46)) break;
      // a joining character, an apostrophe, a non-ASCII letter, or the word's end after all
      const lc = joinOrLower(text, i, start, c);
      if (lc === END) break;
      if (lc === POSSESSIVE) {
        possessive = true; // Japan's → japan
        break;
      }
      if (lc === JOIN || lc === SPECIAL) plain = false;
      else if (alive && plain) {
        const node = nodes[id]!;
        const next: TrieNode | undefined = lc < 128 ? (node.ascii === null ? undefined : node.ascii[lc]) : node.other === null ? undefined : node.other.get(lc);
        if (next === undefined) alive = false;
        else id = next.id;
      }
      i += c >= 0xd800 && c <= 0xdbff ? 2 : 1;
    }
    wordStart = start;
    wordEnd = i;
    if (plain || !alive) {
      // what the node holds, from a byte per node: most words end where nothing is
      const holds = interest[id]!;
      if (every || (holds & ON_PATH) !== 0 || (alive && (holds & WORDS) !== 0)) sink(start, i, seq, pos, nodes[id]!, alive);
    } else {
      // a joined token (9.79, G-20, fullwidth) walks again by its normalised key, unless its
      // characters had already left the trie (the key starts with them)
      const w = walk(root, tokenKey(text, start, i));
      if (every || interesting(w.node, w.whole)) sink(start, i, seq, pos, w.node, w.whole);
    }
    seq++;
    pos++;
    if (possessive) i += 2;
  }
  state.seq = seq;
  state.pos = pos;
}

const END = -1;
const POSSESSIVE = -2;
const JOIN = -3;

/**
 * What the character at `i` (not an ASCII letter or digit) does inside the word that began at
 * `start`: END it, start a POSSESSIVE 's, JOIN digit groups or G-20 (not part of the key), or
 * continue the word with this lower-case char code (SPECIAL: one without a one-unit lower case).
 */
function joinOrLower(text: string, i: number, start: number, c: number): number {
  const next = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
  if (c < 128) {
    if ((c === 46 || c === 44) && isDigit(text.charCodeAt(i - 1)) && isDigit(next)) return JOIN;
    if (c === 45 && i - start === 1 && isAsciiLetter(text.charCodeAt(start)) && isDigit(next)) return JOIN; // G-20
    if (c !== 39) return END;
  }
  if (c === 39 || c === 0x2019) {
    if (i + 1 >= text.length || classAt(text, i + 1) !== WORD) return END;
    if ((next === 115 || next === 83) && (i + 2 >= text.length || classAt(text, i + 2) !== WORD)) return POSSESSIVE;
    return 39; // an apostrophe inside a word; a curly one reads as straight
  }
  if (classAt(text, i) !== WORD) return END;
  return c >= 0xd800 && c <= 0xdbff ? SPECIAL : lowerOf(c);
}

/** End of a dotted abbreviation starting at `i` (`U.S.`, `U.S.A.`), or 0 if none starts there. */
function dottedAcronymEnd(text: string, i: number): number {
  let j = i;
  let letters = 0;
  // each letter stands alone between dots: "U.S." yes, "Inc." no
  while (isAsciiLetter(text.charCodeAt(j)) && text.charCodeAt(j + 1) === 46) {
    letters++;
    j += 2;
  }
  return letters < 2 ? 0 : j;
}

function scanCjk(text: string, from: number, root: TrieNode, sink: TokenSink, state: ScanState, every: boolean): number {
  let end = from;
  while (end < text.length && classAt(text, end) === CJK) end += text.charCodeAt(end) >= 0xd800 && text.charCodeAt(end) <= 0xdbff ? 2 : 1;
  const ends = wordEnds(text.slice(from, end));
  let w = 0;
  const base = state.pos;
  for (let i = from; i < end; ) {
    const width = text.charCodeAt(i) >= 0xd800 && text.charCodeAt(i) <= 0xdbff ? 2 : 1;
    while (w < ends.length - 1 && i - from >= ends[w]!) w++;
    const hit = walk(root, text.slice(i, i + width));
    if (every || interesting(hit.node, hit.whole)) sink(i, i + width, state.seq, base + w, hit.node, hit.whole);
    state.seq++;
    i += width;
  }
  state.pos = base + ends.length;
  return end;
}

const EMPTY = finishTrie(trieNode());

/** All tokens of a short text (rule terms, tests). */
export function tokenize(text: string): { key: string; raw: string; start: number; end: number; seq: number; pos: number }[] {
  const out: { key: string; raw: string; start: number; end: number; seq: number; pos: number }[] = [];
  const sink: TokenSink = (start, end, seq, pos) => out.push({ key: tokenKey(text, start, end), raw: normalizeRaw(text.slice(start, end)), start, end, seq, pos });
  scan(text, EMPTY, sink, { seq: 0, pos: 0 }, 0, true);
  return out;
}

/** True for a Han or kana character (matched inside words, without spaces). */
export function isCjkKey(key: string): boolean {
  return classAt(key, 0) === CJK;
}
