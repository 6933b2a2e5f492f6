/**
 * @module core/rules/tokenize — splits text into the tokens rules match against, in one left-to-right
 * scan over char codes (no regex per token, no array of tokens: each token goes to a callback).
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
 * run across sentences. A full stop after a common abbreviation (Mr., Jan., No.) is not an end.
 *
 * Japanese and Chinese text has no spaces. Each Han/kana character is its own token, so a rule term
 * such as 関税 is a two-character phrase that matches wherever those characters stand (相互関税,
 * 関税率). Word *positions* (what NEAR/n counts) come from `Intl.Segmenter`, so NEAR means words in
 * Japanese too.
 */

/** What the scanner reports for each token. Offsets are UTF-16 indices into the scanned text. */
export type TokenSink = (key: string, start: number, end: number, seq: number, pos: number) => void;

/** Where a scan leaves off, so the body can continue the title's counters. */
/** Added to the word position at a sentence end: more than any NEAR distance (parse.ts MAX_NEAR). */
export const SENTENCE_GAP = 101;

export interface ScanState {
  /** Token index: phrases need consecutive `seq`. */
  seq: number;
  /** Word position: NEAR/n compares these. Equal to `seq` for spaced text; per word for Japanese. */
  pos: number;
}

const OTHER = 1;
const WORD = 2;
const CJK = 3;
const WORD_RE = /[\p{L}\p{N}\p{M}]/u;
/** Character classes for the BMP, filled lazily (0 = not yet classified). */
const classes = new Uint8Array(0x10000);

function isCjk(c: number): boolean {
  return (
    (c >= 0x3040 && c <= 0x30ff && c !== 0x30fb && c !== 0x30a0) || // hiragana, katakana (incl. ー, not ・)
    (c >= 0x3400 && c <= 0x4dbf) ||
    (c >= 0x4e00 && c <= 0x9fff) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0xff66 && c <= 0xff9f) || // halfwidth katakana
    c === 0x3005 || // 々
    c === 0x3006 ||
    c === 0x31f0 // small katakana extensions start
  );
}

function classify(c: number): number {
  let k = classes[c]!;
  if (k !== 0) return k;
  if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57)) k = WORD;
  else if (c < 128) k = OTHER;
  else if (isCjk(c)) k = CJK;
  else if (c >= 0xd800 && c <= 0xdbff) k = WORD; // astral: decided per code point by the caller
  else if ((c >= 0xff10 && c <= 0xff19) || (c >= 0xff21 && c <= 0xff3a) || (c >= 0xff41 && c <= 0xff5a)) k = WORD;
  else k = WORD_RE.test(String.fromCharCode(c)) ? WORD : OTHER;
  classes[c] = k;
  return k;
}

/** Class of the character at `i`, reading a surrogate pair as one code point. */
function classAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  const k = classify(c);
  if (c < 0xd800 || c > 0xdbff) return k;
  const cp = text.codePointAt(i)!;
  if (cp >= 0x20000 && cp <= 0x3134f) return CJK; // CJK extension planes
  return WORD_RE.test(String.fromCodePoint(cp)) ? WORD : OTHER;
}

const isApostrophe = (c: number): boolean => c === 39 || c === 0x2019;
const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isAsciiLetter = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 65 && c <= 90);

/**
 * The token's text as a rule compares it in exact case: dots and joining hyphens dropped, curly
 * apostrophes straightened, fullwidth characters read as ASCII. (`U.S.` → `US`, `G-20` → `G20`.)
 */
export function normalizeRaw(raw: string): string {
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c === 46 || c === 45 || c === 44) {
      // "." and "-" join abbreviations; in numbers ("9.79", "1,000") they separate digit groups
      if (isDigit(raw.charCodeAt(i - 1)) && isDigit(raw.charCodeAt(i + 1))) out += c === 44 ? '' : '.';
      continue;
    }
    if (c === 0x2019) out += "'";
    else if (c >= 0xff01 && c <= 0xff5e) out += String.fromCharCode(c - 0xfee0);
    else out += raw[i];
  }
  return out;
}

/** Lower-case key of a token whose characters need more than `toLowerCase` (see normalizeRaw). */
function slowKey(text: string, start: number, end: number): string {
  return normalizeRaw(text.slice(start, end)).toLowerCase();
}

const ABBREVIATIONS = new Set(
  'mr mrs ms dr prof st jr sr no nos gov sen rep gen lt col sgt fr rev jan feb mar apr jun jul aug sep sept oct nov dec inc corp co ltd bros vs etc approx dept est fig vol'.split(' '),
);

/** Whether the character at `i` (not a word character) ends a sentence. */
function endsSentence(text: string, i: number, lastKey: string): boolean {
  const c = text.charCodeAt(i);
  if (c === 0x3002 || c === 0xff01 || c === 0xff1f) return true; // 。！？
  if (c === 10) {
    // a blank line (paragraph break)
    for (let j = i + 1; j < text.length; j++) {
      const d = text.charCodeAt(j);
      if (d === 10) return true;
      if (d !== 32 && d !== 9 && d !== 13) return false;
    }
    return false;
  }
  if (c !== 46 && c !== 33 && c !== 63 && c !== 59) return false;
  const next = i + 1 < text.length ? text.charCodeAt(i + 1) : 32;
  // before a space, a closing quote or bracket, or the end
  if (!(next === 32 || next === 10 || next === 9 || next === 34 || next === 39 || next === 0x201d || next === 0x2019 || next === 41)) return false;
  return c !== 46 || !ABBREVIATIONS.has(lastKey);
}

let segmenter: Intl.Segmenter | null = null;

/** Word boundaries of a Japanese/Chinese run, as end offsets relative to the run. */
function wordEnds(run: string): number[] {
  segmenter ??= new Intl.Segmenter('ja', { granularity: 'word' });
  const ends: number[] = [];
  for (const s of segmenter.segment(run)) ends.push(s.index + s.segment.length);
  return ends;
}

/**
 * Scans `text` and calls `sink` once per token with its lower-case key. `state` is advanced in place.
 * Keys are what rule atoms are looked up by; `normalizeRaw(text.slice(start, end))` is the exact-case form.
 */
export function scan(text: string, sink: TokenSink, state: ScanState, from = 0): void {
  const lower = text.toLowerCase();
  // A few characters change length when lower-cased (İ); then offsets would drift, so go per token.
  const aligned = lower.length === text.length;
  const n = text.length;
  let i = from;
  let lastKey = '';
  let broken = true; // a sentence break was already counted since the last token
  while (i < n) {
    const k = classAt(text, i);
    if (k === OTHER) {
      if (!broken && endsSentence(text, i, lastKey)) {
        state.pos += SENTENCE_GAP;
        state.seq += 1;
        broken = true;
      }
      i++;
      continue;
    }
    broken = false;
    if (k === CJK) {
      i = scanCjk(text, i, sink, state);
      continue;
    }
    const start = i;
    let plain = aligned; // whether lower.slice(start, end) is already the key
    let possessive = false;
    const acronymEnd = dottedAcronymEnd(text, i);
    if (acronymEnd > 0) {
      lastKey = slowKey(text, start, acronymEnd);
      sink(lastKey, start, acronymEnd, state.seq++, state.pos++);
      i = acronymEnd;
      continue;
    }
    while (i < n) {
      const c = text.charCodeAt(i);
      const ck = classAt(text, i);
      if (ck === WORD) {
        if (c >= 0xff01 && c <= 0xff5e) plain = false;
        i += c >= 0xd800 && c <= 0xdbff ? 2 : 1;
        continue;
      }
      const next = i + 1 < n ? text.charCodeAt(i + 1) : 0;
      if ((c === 46 || c === 44) && isDigit(text.charCodeAt(i - 1)) && isDigit(next)) {
        plain = false;
        i++;
        continue;
      }
      if (c === 45 && i - start === 1 && isAsciiLetter(text.charCodeAt(start)) && isDigit(next)) {
        plain = false; // G-20
        i++;
        continue;
      }
      if (isApostrophe(c) && i + 1 < n && classAt(text, i + 1) === WORD) {
        if ((next === 115 || next === 83) && (i + 2 >= n || classAt(text, i + 2) !== WORD)) {
          possessive = true; // Japan's → japan
          break;
        }
        if (c === 0x2019) plain = false;
        i++;
        continue;
      }
      break;
    }
    const key = plain ? lower.slice(start, i) : slowKey(text, start, i);
    lastKey = key;
    sink(key, start, i, state.seq++, state.pos++);
    if (possessive) i += 2;
  }
}

/** End of a dotted abbreviation starting at `i` (`U.S.`, `U.S.A.`), or 0 if none starts there. */
function dottedAcronymEnd(text: string, i: number): number {
  let j = i;
  let letters = 0;
  for (;;) {
    const c = text.charCodeAt(j);
    // each letter stands alone between dots: "U.S." yes, "Inc." no
    if (!isAsciiLetter(c) || text.charCodeAt(j + 1) !== 46) break;
    letters++;
    j += 2;
  }
  return letters < 2 ? 0 : j;
}

function scanCjk(text: string, from: number, sink: TokenSink, state: ScanState): number {
  let end = from;
  while (end < text.length && classAt(text, end) === CJK) end += text.charCodeAt(end) >= 0xd800 && text.charCodeAt(end) <= 0xdbff ? 2 : 1;
  const ends = wordEnds(text.slice(from, end));
  let w = 0;
  const base = state.pos;
  for (let i = from; i < end; ) {
    const width = text.charCodeAt(i) >= 0xd800 && text.charCodeAt(i) <= 0xdbff ? 2 : 1;
    while (w < ends.length - 1 && i - from >= ends[w]!) w++;
    sink(text.slice(i, i + width), i, i + width, state.seq++, base + w);
    i += width;
  }
  state.pos = base + ends.length;
  return end;
}

/** All tokens of a short text (rule terms, tests). */
export function tokenize(text: string): { key: string; raw: string; start: number; end: number; seq: number; pos: number }[] {
  const out: { key: string; raw: string; start: number; end: number; seq: number; pos: number }[] = [];
  scan(text, (key, start, end, seq, pos) => out.push({ key, raw: normalizeRaw(text.slice(start, end)), start, end, seq, pos }), { seq: 0, pos: 0 });
  return out;
}

/** True for a Han or kana character (matched inside words, without spaces). */
export function isCjkKey(key: string): boolean {
  return classAt(key, 0) === CJK;
}
