/**
 * @module core/rules/collect — the one pass: scans an article's title and body once and records
 * every occurrence of every rule term of every topic.
 *
 * Each token is looked up once in the shared dictionary (one character trie for whole words and
 * prefixes), so the cost per token does not depend on how many topics there are. Phrases advance as
 * partial matches token by token, like an Aho–Corasick automaton over atoms.
 */
import type { ArticleText, HitField } from '../types.js';
import type { Dictionary } from './terms.js';
import { normalizeRaw, scan, type ScanState } from './tokenize.js';
import { COLUMN, type TrieNode } from './trie.js';

/** One place where a term stands in the article. Offsets are into the title or the body. */
export interface Occurrence {
  term: number;
  field: HitField;
  /** 0 for the title, 1 for the body: NEAR never measures across the two. */
  stream: number;
  start: number;
  end: number;
  pos0: number;
  pos1: number;
  seq0: number;
  seq1: number;
}

export interface Collected {
  /** Occurrences per term id, in text order. */
  byTerm: Map<number, Occurrence[]>;
  title: string;
  body: string;
}

interface Partial {
  term: number;
  /** Index of the next atom the phrase needs. */
  idx: number;
  /** The token index it needs it at (a sentence end skips one, so phrases stop there). */
  next: number;
  start: number;
  pos0: number;
  seq0: number;
}

/** Where the lead ends: the first paragraph with some substance, at most ~500 characters. */
export function leadEnd(body: string): number {
  let letters = 0;
  let i = 0;
  for (;;) {
    const end = paragraphEnd(body, i);
    // skip placeholder paragraphs ("[image: ]", a dateline alone) that carry no sentence
    for (; i < end && letters < 40; i++) {
      const c = body.charCodeAt(i);
      if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c > 127) letters++;
    }
    if (letters >= 40 || end >= body.length) return end <= 500 ? end : sentenceEndNear(body, 300);
    i = end + 1; // past the line break; the blank line after it holds no letters
  }
}

/** End of the paragraph that contains `from`: the next blank line, or the end of the text. */
function paragraphEnd(body: string, from: number): number {
  for (let nl = body.indexOf('\n', from); nl >= 0; nl = body.indexOf('\n', nl + 1)) {
    let j = nl + 1;
    while (j < body.length && (body.charCodeAt(j) === 32 || body.charCodeAt(j) === 9 || body.charCodeAt(j) === 13)) j++;
    if (body.charCodeAt(j) === 10) return nl;
  }
  return body.length;
}

function sentenceEndNear(body: string, at: number): number {
  const m = /[.!?。](?=\s|$)/.exec(body.slice(at, at + 300));
  return m ? at + m.index + 1 : at;
}

/**
 * A dateline opening the body ("WASHINGTON —", "LOS ANGELES/LONDON —", "KANANASKIS, Alberta —")
 * says where the story was filed, not what it is about, so rules do not see it.
 */
const PLACE = String.raw`\p{Lu}[\p{Lu}.'’]{2,}(?: \p{Lu}[\p{Lu}.'’]*){0,3}`;
/** One to four words in capitals (a place, or places joined by "/"), an optional ", Region" or date, a dash. */
const DATELINE = new RegExp(String.raw`^\s*${PLACE}(?:/${PLACE})*(?:,[^\n—–]{1,40}?)?\s+(?:—|–|--|-)\s+`, 'u');

export function datelineEnd(body: string): number {
  const m = DATELINE.exec(body.slice(0, 120));
  return m ? m[0].length : 0;
}

/** Whether an exact-case atom accepts the token `text[start, end)` (`US` accepts "U.S.", not "us"). */
function exactCaseMatches(exact: string, prefix: boolean, text: string, start: number, end: number): boolean {
  // the usual token is ASCII letters and digits, which normalizeRaw keeps as they are: compare in place
  let plain = true;
  for (let i = start; i < end && plain; i++) plain = COLUMN[text.charCodeAt(i)]! >= 0;
  if (!plain) {
    const raw = normalizeRaw(text.slice(start, end));
    return prefix ? raw.startsWith(exact) : raw === exact;
  }
  if (prefix ? end - start < exact.length : end - start !== exact.length) return false;
  for (let k = 0; k < exact.length; k++) if (text.charCodeAt(start + k) !== exact.charCodeAt(k)) return false;
  return true;
}

export function collect(dict: Dictionary, article: ArticleText): Collected {
  const { atoms, terms, scanner } = dict;
  const byTerm = new Map<number, Occurrence[]>();
  // Scratch reused for every token (no allocation per token): atoms the token matched, and the
  // phrases under way.
  const matched: number[] = [];
  const partials: Partial[] = [];
  let partialCount = 0;
  let text = '';
  let stream = 0;
  let lead = 0;

  /** Adds the atoms of `list` the token satisfies (exact-case atoms check the token's case) to `matched`. */
  const consider = (list: number[], prefix: boolean, n: number, start: number, end: number): number => {
    for (let k = 0; k < list.length; k++) {
      const exactForm = atoms[list[k]!]!.exact;
      if (exactForm === null || exactCaseMatches(exactForm, prefix, text, start, end)) matched[n++] = list[k]!;
    }
    return n;
  };

  const record = (term: number, start: number, end: number, pos0: number, pos1: number, seq0: number, seq1: number): void => {
    const field: HitField = stream === 0 ? 'title' : start < lead ? 'lead' : 'body';
    const occ: Occurrence = { term, field, stream, start, end, pos0, pos1, seq0, seq1 };
    const list = byTerm.get(term);
    if (list) list.push(occ);
    else byTerm.set(term, [occ]);
  };

  const sink = (start: number, end: number, seq: number, pos: number, node: TrieNode, whole: boolean): void => {
    // the atoms this token matches: prefixes on its trie path, and whole words ending where it ends
    let n = 0;
    if (node.onPath !== null) n = consider(node.onPath, true, n, start, end);
    if (whole && node.words !== null) n = consider(node.words, false, n, start, end);
    if (partialCount > 0) {
      let keep = 0;
      for (let k = 0; k < partialCount; k++) {
        const p = partials[k]!;
        const t = terms[p.term]!;
        if (p.next !== seq || !includes(matched, n, t.atoms[p.idx]!)) continue;
        p.idx++;
        p.next++;
        if (p.idx === t.atoms.length) record(p.term, p.start, end, p.pos0, pos, p.seq0, seq);
        else partials[keep++] = p;
      }
      partialCount = keep;
    }
    for (let k = 0; k < n; k++) {
      const starts = atoms[matched[k]!]!.starts;
      for (let j = 0; j < starts.length; j++) {
        const t = starts[j]!;
        if (terms[t]!.atoms.length === 1) record(t, start, end, pos, pos, seq, seq);
        else partials[partialCount++] = { term: t, idx: 1, next: seq + 1, start, pos0: pos, seq0: seq };
      }
    }
  };

  const state: ScanState = { seq: 0, pos: 0 };
  text = article.title;
  scan(text, scanner, sink, state);
  partialCount = 0;
  // A gap wider than any NEAR distance, so no proximity is measured from the title into the body.
  state.pos += 1000;
  state.seq += 1;
  text = article.body;
  stream = 1;
  lead = leadEnd(text);
  scan(text, scanner, sink, state, datelineEnd(text));
  return { byTerm, title: article.title, body: article.body };
}

function includes(list: number[], n: number, value: number): boolean {
  for (let k = 0; k < n; k++) if (list[k] === value) return true;
  return false;
}
