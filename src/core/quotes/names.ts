/**
 * @module core/quotes/names — people's names in an article: capitalised runs with their titles
 * stripped ("Treasury Secretary Scott Bessent" → "Scott Bessent"), and a registry that turns a
 * surname-only or given-name-only mention into the fullest name the article gives
 * ("Ishiba" → "Shigeru Ishiba", "Mao" → "Mao Ning").
 */
import { NOT_NAMES, ORG_WORDS, PERSON_NOUNS, BODY_NOUNS, TITLE_WORDS } from './lexicon.js';
import { isWord, type Token } from './tokens.js';

/** Lower-case particles inside names: "Ursula von der Leyen", "Herman de Croo". */
const PARTICLES = new Set(['von', 'van', 'der', 'den', 'de', 'da', 'di', 'du', 'la', 'le', 'bin', 'al', 'el', 'dos', 'das', 'del']);

/** A run of capitalised words: tokens[from..to). */
export interface CapRun {
  from: number;
  to: number;
}

/** Capitalised runs in tokens[from..to): consecutive capitalised words, particles allowed inside. */
export function capRuns(tokens: Token[], from = 0, to = tokens.length): CapRun[] {
  const out: CapRun[] = [];
  let i = from;
  while (i < to) {
    if (!isCapWord(tokens[i])) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < to && !tokens[j - 1]!.poss) {
      const t = tokens[j]!;
      if (isCapWord(t) && adjacent(tokens[j - 1]!, t)) {
        j++;
        continue;
      }
      // "von der Leyen", "de la Madrid": particles, then a capitalised word.
      let k = j;
      while (k < to && isWord(tokens[k]) && PARTICLES.has(tokens[k]!.text) && adjacent(tokens[k - 1]!, tokens[k]!)) k++;
      if (k > j && k < to && isCapWord(tokens[k]) && adjacent(tokens[k - 1]!, tokens[k]!)) j = k + 1;
      else break;
    }
    out.push({ from: i, to: j });
    i = j;
  }
  return out;
}

const isCapWord = (t: Token | undefined): boolean => isWord(t) && t.cap;
/** Separated by spaces only (no punctuation between). */
const adjacent = (a: Token, b: Token): boolean => b.start - a.end <= 1;

/** An acronym written without stops (MITI, IBM, ASEAN) is an organisation, not a name part. */
function isAcronym(w: string): boolean {
  if (w.length < 2) return false;
  for (let k = 0; k < w.length; k++) {
    const c = w.charCodeAt(k);
    if (c === 0x2e || !((c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x26 || c === 0x2d)) return false;
  }
  return /[A-Z].*[A-Z]|[A-Z]{2}/.test(w);
}

/**
 * The name at the end of a run, after its titles and organisation words: the longest tail of words
 * that are neither. Returns token indices [from, to) or null when nothing is left.
 */
export function nameTail(tokens: Token[], run: CapRun): CapRun | null {
  let from = run.to;
  while (from > run.from) {
    const t = tokens[from - 1]!;
    if (TITLE_WORDS.has(t.text) || ORG_WORDS.has(t.text) || isAcronym(t.text)) break;
    from--;
  }
  while (from < run.to && NOT_NAMES.has(tokens[from]!.text) && run.to - from > 1) from++;
  // "Secretary of War Pete Hegseth", "Governor of Hokkaido Naomichi Suzuki": the word after an
  // office's "of" names the office, not the person.
  if (from === run.from && run.to - from > 1 && afterOfficeOf(tokens, run.from)) from++;
  if (from >= run.to) return null;
  if (NOT_NAMES.has(tokens[from]!.text)) return null;
  return { from, to: run.to };
}

/** Offices named "<office> of <department>" ("President of Toyota Motor" names a firm, not an office). */
const OFFICES = new Set(['Secretary', 'Minister', 'Chancellor', 'Governor', 'Commissioner', 'Undersecretary', 'Under-Secretary']);

/** Whether tokens[at] follows "<office> of" or "<office> of the" ("Minister of", "Chancellor of the"). */
function afterOfficeOf(tokens: Token[], at: number): boolean {
  let k = at - 1;
  if (isWord(tokens[k]) && tokens[k]!.lower === 'the') k--;
  return isWord(tokens[k]) && tokens[k]!.lower === 'of' && isWord(tokens[k - 1]) && OFFICES.has(tokens[k - 1]!.text);
}

export const runText = (text: string, tokens: Token[], run: CapRun): string =>
  text.slice(tokens[run.from]!.start, tokens[run.to - 1]!.start + tokens[run.to - 1]!.text.length);

/** Role words before and inside a run: "Foreign Ministry spokesman Lin Jian" → {spokesman, ministry, foreign}. */
export function rolesAround(tokens: Token[], run: CapRun, tail: CapRun): Set<string> {
  const roles = new Set<string>();
  for (let i = run.from; i < tail.from; i++) roles.add(tokens[i]!.lower);
  for (let i = run.from - 1, n = 0; i >= 0 && n < 3 && isWord(tokens[i]) && !tokens[i]!.cap; i--, n++) {
    const w = tokens[i]!.lower;
    if (LINKS.has(w)) break; // "an aide to Lyng": the aide is someone else
    if (PERSON_NOUNS.has(w) || BODY_NOUNS.has(w)) roles.add(w);
  }
  return roles;
}

/** Words that tie a name to a description of someone else: "an aide to X", "a critic of X". */
const LINKS = new Set(['to', 'of', 'for', 'at', 'with', 'from', 'by', 'and', 'or', 'than']);

/** Generational suffixes: "Charles Siess Jr" is found as "Siess". */
const SUFFIXES = new Set(['Jr', 'Jr.', 'Sr', 'Sr.', 'II', 'III', 'IV']);

/** Every person's name the article gives, and the fullest form of each surname and given name. */
export interface NameRegistry {
  /** Fullest name for a name or a single name word; the input when the article gives no fuller one. */
  resolve(name: string): string;
  /** Whether a single word or a name is known as a person's (a multi-word name, or a titled surname). */
  isPerson(name: string): boolean;
}

export function buildRegistry(texts: Token[][]): NameRegistry {
  const full: string[] = [];
  const titled = new Set<string>();
  for (const tokens of texts) for (const run of capRuns(tokens)) {
    const tail = nameTail(tokens, run);
    if (!tail) continue;
    const words = tokens.slice(tail.from, tail.to).map((t) => t.text);
    if (words.length >= 2 && words.length <= 5 && personLike(words)) full.push(words.join(' '));
    else if (words.length === 1 && tail.from > run.from && HONORIFICS.has(tokens[tail.from - 1]!.text)) titled.add(words[0]!);
  }
  const byLast = new Map<string, string>();
  const byFirst = new Map<string, string>();
  const better = (a: string | undefined, b: string): boolean => a === undefined || b.length > a.length;
  for (const name of full) {
    const words = name.split(' ').filter((w) => !SUFFIXES.has(w));
    const last = words[words.length - 1]!;
    if (better(byLast.get(last), name)) byLast.set(last, name);
    // "Juan Lechin Oquendo" is "Lechin" too; "Mao Ning" is "Mao" (family name first).
    if (words.length === 3 && better(byLast.get(words[1]!), name) && !byLast.has(words[1]!)) byLast.set(words[1]!, name);
    if (words.length === 2 && better(byFirst.get(words[0]!), name)) byFirst.set(words[0]!, name);
  }
  const people = new Map<string, boolean>();
  const fullest = (name: string): string => {
    let best = name;
    for (const f of full) if (f.length > best.length && f.endsWith(` ${name}`)) best = f;
    return best;
  };
  return {
    resolve(name) {
      const words = name.split(' ');
      if (words.length > 1) return fullest(name);
      return byLast.get(name) ?? byFirst.get(name) ?? name;
    },
    isPerson(name) {
      if (!name.includes(' ')) return byLast.has(name) || byFirst.has(name) || titled.has(name);
      let known = people.get(name);
      if (known === undefined) people.set(name, (known = personLike(name.split(' '))));
      return known;
    },
  };
}

function personLike(words: string[]): boolean {
  return words.every((w, k) => (k === 0 && w === 'He' && words.length > 1) || (k > 0 && k < words.length - 1 && PARTICLES.has(w)) ||
    (w.length > 1 && !NOT_NAMES.has(w) && !ORG_WORDS.has(w) && !isAcronym(w) && !TITLE_WORDS.has(w) && isCapital(w) && (!/-\p{Ll}/u.test(w) || hyphenatedGiven(w))));
}

/** Lower-case second halves that make a hyphenated word an adjective ("Japan-based", "State-run"), not a name. */
const HYPHEN_ADJECTIVES = new Set('based owned run led made born listed backed funded style era wide level type related linked focused born bound driven'.split(' '));

/** A hyphenated given name with a lower-case second part: "Hye-jin", "Seung-hoon", "Min-ji". */
function hyphenatedGiven(w: string): boolean {
  const m = /^\p{Lu}\p{Ll}{1,6}-(\p{Ll}{2,6})$/u.exec(w);
  return m !== null && !HYPHEN_ADJECTIVES.has(m[1]!);
}

/** Starts with a capital letter (ASCII fast path). */
function isCapital(w: string): boolean {
  const c = w.charCodeAt(0);
  if (c < 0x80) return c >= 0x41 && c <= 0x5a;
  return /^\p{Lu}/u.test(w);
}

/** Titles that mark the next word as a person's surname: "President Reagan", "Sen. Domenici". */
const HONORIFICS = new Set(('Mr Mr. Mrs Mrs. Ms Ms. Dr Dr. Prof Prof. Sen Sen. Rep Rep. Gov Gov. Gen Gen. President Minister ' +
  'Secretary Premier Chancellor Governor Chairman Ambassador Judge Mayor King Queen Prince Pope Senator Congressman ' +
  'Representative Spokesman Director Commissioner Undersecretary Sir Lord Lady Dame').split(' '));

/** Offices whose official names list their portfolios: "Ministry of Economy, Trade and Industry". */
const LISTING_OFFICES = new Set(['Ministry', 'Department', 'Office', 'Agency', 'Bureau', 'Commission', 'Committee', 'Council', 'Minister', 'Secretary', 'Board']);

/**
 * Official names with commas inside ("the Ministry of Agriculture, Forestry and Fisheries", "the
 * Department of Agriculture, Water and the Environment") are one name: their commas become joins
 * (like the "&" of "Procter & Gamble") and a "the" inside counts as part of the name, so the phrase
 * readers do not cut the name at a comma ("Trade and Industry said"). Printed names come from the
 * text, so they keep their commas. A portfolio that is a person's name ("at the Ministry of Finance,
 * Kato and Ono met") ends the name. Changes `tokens` in place.
 */
export function joinOfficialNames(tokens: Token[], names: NameRegistry): void {
  for (let k = 0; k + 2 < tokens.length; k++) {
    if (!(isCapWord(tokens[k]) && LISTING_OFFICES.has(tokens[k]!.text) && tokens[k + 1]!.lower === 'of')) continue;
    const commas: number[] = [];
    const thes: number[] = [];
    const portfolio = (at: number): number => portfolioEnd(tokens, at, thes, names);
    let j = portfolio(k + 2);
    while (j > 0 && tokens[j]?.kind === 'punct' && tokens[j]!.text === ',') {
      const next = portfolio(j + 1);
      if (next < 0) break;
      commas.push(j);
      j = next;
    }
    if (commas.length === 0 || !isWord(tokens[j]) || tokens[j]!.lower !== 'and' || portfolio(j + 1) < 0) continue;
    for (const c of commas) tokens[c] = { ...tokens[c]!, text: '&', lower: '&' };
    for (const t of thes) tokens[t] = { ...tokens[t]!, cap: true };
    k = j;
  }
}

/** One portfolio of an official name at tokens[at]: ["the"] capitalised words, not a person's name; the index after it, or -1. */
function portfolioEnd(tokens: Token[], at: number, thes: number[], names: NameRegistry): number {
  let j = at;
  const the = isWord(tokens[j]) && tokens[j]!.lower === 'the' && isCapWord(tokens[j + 1]);
  if (the) j++;
  if (!isCapWord(tokens[j])) return -1;
  const from = j;
  while (isCapWord(tokens[j]) && !tokens[j]!.poss) j++;
  if (j === from || names.isPerson(tokens.slice(from, j).map((t) => t.text).join(' '))) return -1;
  if (the) thes.push(from - 1);
  return j;
}
