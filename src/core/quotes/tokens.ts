/**
 * @module core/quotes/tokens — words and punctuation of (quote-masked) article text, with offsets,
 * for the attribution parser. A hand-written scanner (no Unicode regex per token): attribution runs
 * on every article that quotes someone.
 */

export interface Token {
  /** The word without a possessive `'s` ("Japan" for "Japan's"); the character for punctuation. */
  text: string;
  lower: string;
  start: number;
  end: number;
  kind: 'word' | 'punct' | 'quote';
  /** Starts with a capital letter (or is an acronym like U.S.). */
  cap: boolean;
  /** Ended in a possessive `'s` / `’s` / `s'`. */
  poss: boolean;
}

/** Abbreviations whose stop belongs to the word: "Mr.", "Sen.", "Corp.", "No.". */
const ABBREVIATIONS = new Set(['Mr', 'Mrs', 'Ms', 'Dr', 'Sen', 'Rep', 'Gov', 'Gen', 'Lt', 'Col', 'St', 'Prof', 'Jr', 'Sr', 'Adm', 'Capt', 'Messrs', 'Dept', 'Corp', 'Inc', 'Co', 'Ltd', 'No']);

const MASK = 0xb7; // the · that masks a quotation's inside
const LETTER = /[\p{L}\p{N}\p{M}]/u;

// ASCII classes by table: the scanner looks at every character of every article that quotes someone.
const LOWER = 1;
const UPPER = 2;
const DIGIT = 3;
const SPACE = 4;
const ASCII = new Uint8Array(128);
for (let c = 0x61; c <= 0x7a; c++) ASCII[c] = LOWER;
for (let c = 0x41; c <= 0x5a; c++) ASCII[c] = UPPER;
for (let c = 0x30; c <= 0x39; c++) ASCII[c] = DIGIT;
for (const c of [0x20, 0x0a, 0x0d, 0x09]) ASCII[c] = SPACE;

function isWordChar(c: number): boolean {
  if (c < 0x80) return ASCII[c]! !== 0 && ASCII[c]! !== SPACE;
  return c !== MASK && c !== 0x2019 && c !== 0xa0 && LETTER.test(String.fromCharCode(c));
}
function isUpperAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 0x80) return ASCII[c] === UPPER;
  return (c >= 0xc0 && c <= 0xde && c !== 0xd7) || (c > 0xff && /\p{Lu}/u.test(text[i] ?? ''));
}
const isSpace = (c: number): boolean => (c < 0x80 ? ASCII[c] === SPACE : c === 0xa0 || c === 0x3000);
/** Characters that join word pieces when a word character follows: O'Reilly, Chao-Ming, U.S, 2.5, AT&T. */
const isJoiner = (c: number): boolean => c === 0x27 || c === 0x2019 || c === 0x2d || c === 0x2e || c === 0x26;
const isApostrophe = (c: number): boolean => c === 0x27 || c === 0x2019;

/** Length of a possessive ending ('s, ’s, or the ' of "dlrs'"), 0 when there is none. */
function possessiveLength(raw: string): number {
  const n = raw.length;
  if (n <= 2) return 0;
  if (raw.charCodeAt(n - 1) === 0x73 && isApostrophe(raw.charCodeAt(n - 2))) return 2;
  return isApostrophe(raw.charCodeAt(n - 1)) ? 1 : 0;
}

function hasUpper(word: string): boolean {
  for (let k = 1; k < word.length; k++) {
    const c = word.charCodeAt(k);
    if (c >= 0x80 || ASCII[c] === UPPER) return true;
  }
  return false;
}

/** "U.S", "A.B.M", "E.O": capital letters joined by stops (its final stop is then part of the word). */
function isDottedCapitals(raw: string): boolean {
  if (raw.length < 3 || raw.length % 2 === 0) return false;
  for (let k = 0; k < raw.length; k++) {
    const c = raw.charCodeAt(k);
    if (k % 2 === 0 ? !(c < 0x80 && ASCII[c] === UPPER) : c !== 0x2e) return false;
  }
  return true;
}

/** Tokens of `text.slice(from, to)`, offsets into `text`. */
export function tokenize(text: string, from = 0, to = text.length): Token[] {
  const out: Token[] = [];
  let i = from;
  while (i < to) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) {
      i++;
      continue;
    }
    if (c === MASK) {
      let j = i + 1;
      while (j < to && text.charCodeAt(j) === MASK) j++;
      const raw = text.slice(i, j);
      out.push({ text: raw, lower: raw, start: i, end: j, kind: 'quote', cap: false, poss: false });
      i = j;
      continue;
    }
    if (!isWordChar(c)) {
      const ch = text[i]!;
      out.push({ text: ch, lower: ch, start: i, end: i + 1, kind: 'punct', cap: false, poss: false });
      i++;
      continue;
    }
    let j = i + 1;
    for (;;) {
      while (j < to && isWordChar(text.charCodeAt(j))) j++;
      if (j + 1 < to && isJoiner(text.charCodeAt(j)) && isWordChar(text.charCodeAt(j + 1))) {
        j += 2;
        continue;
      }
      break;
    }
    let raw = text.slice(i, j);
    const cap = isUpperAt(text, i);
    if (j < to && text.charCodeAt(j) === 0x2e) {
      // Keep the stop of "U.S.", "A.B.M.", "Mr.", and of an initial before a name ("John F. Kennedy").
      const next = j + 1 < to ? text.charCodeAt(j + 1) : 0x20;
      const keep =
        (cap && isDottedCapitals(raw)) ||
        (cap && isSpace(next) && ABBREVIATIONS.has(raw)) ||
        (raw.length === 1 && cap && isSpace(next) && isUpperAt(text, j + 2));
      if (keep) {
        j++;
        raw += '.';
      }
    } else if (j < to && isApostrophe(text.charCodeAt(j)) && raw.charCodeAt(raw.length - 1) === 0x73) {
      j++; // "dlrs'": a plural possessive
      raw += text[j - 1];
    }
    const cut = possessiveLength(raw);
    const word = cut ? raw.slice(0, raw.length - cut) : raw;
    // Most words are lower-case already: no copy for them.
    const lower = cap || hasUpper(word) ? word.toLowerCase() : word;
    out.push({ text: word, lower, start: i, end: j, kind: 'word', cap, poss: cut > 0 });
    i = j;
  }
  return out;
}

export const isWord = (t: Token | undefined): t is Token => t !== undefined && t.kind === 'word';
export const isPunct = (t: Token | undefined, chars?: string): boolean =>
  t !== undefined && t.kind === 'punct' && (chars === undefined || chars.includes(t.text));
