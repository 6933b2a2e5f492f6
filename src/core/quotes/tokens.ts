/**
 * @module core/quotes/tokens — words and punctuation of (quote-masked) article text, with offsets,
 * for the attribution parser.
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

// A masked quotation (·…·), an acronym or initials (U.S., A.B.M.), a title abbreviation, an initial
// before a name (John F. Kennedy), a word (O'Reilly, Chao-Ming, D-Ill, 2.5, Japan's), or one mark.
const TOKEN =
  /(\u00b7+)|((?:\p{Lu}\.){2,}|(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|St|Prof|Jr|Sr|Adm|Capt|Messrs|Dept|Corp|Inc|Co|Ltd|No)\.(?=\s)|\p{Lu}\.(?=\s+\p{Lu})|[\p{L}\p{N}\p{M}]+(?:['’\-.&][\p{L}\p{N}\p{M}]+)*(?:['’]s?)?)|(\S)/gu;

const POSSESSIVE = /['’]s?$/u;
const CAPITAL = /^\p{Lu}/u;

/** Tokens of `text.slice(from, to)`, offsets into `text`. */
export function tokenize(text: string, from = 0, to = text.length): Token[] {
  const out: Token[] = [];
  TOKEN.lastIndex = from;
  const slice = to === text.length ? text : text.slice(0, to);
  for (let m = TOKEN.exec(slice); m; m = TOKEN.exec(slice)) {
    const raw = m[0];
    const start = m.index;
    if (m[1]) {
      out.push({ text: raw, lower: raw, start, end: start + raw.length, kind: 'quote', cap: false, poss: false });
    } else if (m[2]) {
      const poss = POSSESSIVE.test(raw) && raw.length > 2;
      const word = poss ? raw.replace(POSSESSIVE, '') : raw;
      out.push({ text: word, lower: word.toLowerCase(), start, end: start + raw.length, kind: 'word', cap: CAPITAL.test(word), poss });
    } else {
      out.push({ text: raw, lower: raw, start, end: start + raw.length, kind: 'punct', cap: false, poss: false });
    }
  }
  return out;
}

export const isWord = (t: Token | undefined): t is Token => t !== undefined && t.kind === 'word';
export const isPunct = (t: Token | undefined, chars?: string): boolean =>
  t !== undefined && t.kind === 'punct' && (chars === undefined || chars.includes(t.text));
