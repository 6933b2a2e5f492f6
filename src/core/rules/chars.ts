/**
 * @module core/rules/chars — character classes, lower-casing and sentence ends, as the tokenizer
 * sees them. Tables are filled lazily per code point, so the scan loop reads a typed array.
 */

export const OTHER = 1;
export const WORD = 2;
export const CJK = 3;

const WORD_RE = /[\p{L}\p{N}\p{M}]/u;
/** Character classes for the BMP, filled lazily (0 = not yet classified). */
const classes = new Uint8Array(0x10000);
/** Classes of ASCII, filled up front for the hot loop. */
export const ASCII = new Uint8Array(128).map((_, c) => ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) ? WORD : OTHER));
/** Lower case of ASCII word characters. */
export const ASCII_LOWER = new Uint8Array(128).map((_, c) => (c >= 65 && c <= 90 ? c + 32 : c));

function isCjk(c: number): boolean {
  return (
    (c >= 0x3040 && c <= 0x30ff && c !== 0x30fb && c !== 0x30a0) || // hiragana, katakana (incl. ー, not ・)
    (c >= 0x3400 && c <= 0x4dbf) ||
    (c >= 0x4e00 && c <= 0x9fff) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0xff66 && c <= 0xff9f) || // halfwidth katakana
    c === 0x3005 || // 々
    c === 0x3006 ||
    c === 0x31f0
  );
}

function classify(c: number): number {
  let k = classes[c]!;
  if (k !== 0) return k;
  if (c < 128) k = ASCII[c]!;
  else if (isCjk(c)) k = CJK;
  else if (c >= 0xd800 && c <= 0xdbff) k = WORD; // astral: decided per code point by classAt
  else if ((c >= 0xff10 && c <= 0xff19) || (c >= 0xff21 && c <= 0xff3a) || (c >= 0xff41 && c <= 0xff5a)) k = WORD; // fullwidth
  else k = WORD_RE.test(String.fromCharCode(c)) ? WORD : OTHER;
  classes[c] = k;
  return k;
}

/** Class of the character at `i`, reading a surrogate pair as one code point. */
export function classAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  const k = classify(c);
  if (c < 0xd800 || c > 0xdbff) return k;
  const cp = text.codePointAt(i)!;
  if (cp >= 0x20000 && cp <= 0x3134f) return CJK; // CJK extension planes
  return WORD_RE.test(String.fromCodePoint(cp)) ? WORD : OTHER;
}

/** Lower case of one BMP char code, or SPECIAL when it has no one-unit lower case (İ, fullwidth). */
export const SPECIAL = 0xffff;
const lowers = new Uint16Array(0x10000);

export function lowerOf(c: number): number {
  const known = lowers[c]!;
  if (known !== 0) return known;
  let lc = SPECIAL;
  if (!(c >= 0xff01 && c <= 0xff5e) && !(c >= 0xd800 && c <= 0xdfff)) {
    const s = String.fromCharCode(c).toLowerCase();
    if (s.length === 1) lc = s.charCodeAt(0);
  }
  lowers[c] = lc;
  return lc;
}

export const isDigit = (c: number): boolean => c >= 48 && c <= 57;
export const isAsciiLetter = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 65 && c <= 90);

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

/** Lower case, character by character, exactly as the scan loop lower-cases. */
export function lowerChars(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const lc = c < 128 ? ASCII_LOWER[c]! : lowerOf(c);
    out += lc === SPECIAL ? s[i]!.toLowerCase() : String.fromCharCode(lc);
  }
  return out;
}

/** The lower-case key of the token `text[start, end)`: what rule atoms are looked up by. */
export function tokenKey(text: string, start: number, end: number): string {
  return lowerChars(normalizeRaw(text.slice(start, end)));
}

const ABBREVIATIONS = new Set(
  'mr mrs ms dr prof st jr sr no nos gov sen rep gen lt col sgt fr rev jan feb mar apr jun jul aug sep sept oct nov dec inc corp co ltd bros vs etc approx dept est fig vol'.split(' '),
);

/**
 * Whether the character at `i` (not a word character) ends a sentence: `.`, `!`, `?`, `;` before
 * a space, a closing quote or the end; `。！？`; a blank line. `word` is the word before it: a full
 * stop after a common abbreviation (Mr., Jan., No.) is no end.
 */
export function endsSentence(text: string, i: number, wordStart: number, wordEnd: number): boolean {
  const c = text.charCodeAt(i);
  if (c === 0x3002 || c === 0xff01 || c === 0xff1f) return true;
  if (c === 10) {
    for (let j = i + 1; j < text.length; j++) {
      const d = text.charCodeAt(j);
      if (d === 10) return true;
      if (d !== 32 && d !== 9 && d !== 13) return false;
    }
    return false;
  }
  if (c !== 46 && c !== 33 && c !== 63 && c !== 59) return false;
  const next = i + 1 < text.length ? text.charCodeAt(i + 1) : 32;
  if (!(next === 32 || next === 10 || next === 9 || next === 34 || next === 39 || next === 0x201d || next === 0x2019 || next === 41)) return false;
  return c !== 46 || wordEnd - wordStart > 5 || !ABBREVIATIONS.has(lowerChars(text.slice(wordStart, wordEnd)));
}
