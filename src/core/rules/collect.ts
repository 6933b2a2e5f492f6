/**
 * @module core/rules/collect — the one pass: scans an article's title and body once and records
 * every occurrence of every rule term of every topic.
 *
 * Each token is looked up once in the shared dictionary (a Map for whole words, a character trie for
 * prefixes), so the cost per token does not depend on how many topics there are. Phrases advance as
 * partial matches token by token, like an Aho–Corasick automaton over atoms.
 */
import type { ArticleText, HitField } from '../types.js';
import type { Dictionary } from './terms.js';
import { normalizeRaw, scan, type ScanState } from './tokenize.js';

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
  let from = 0;
  for (;;) {
    const m = /\n\s*\n/.exec(body.slice(from));
    const end = m ? from + m.index : body.length;
    // skip placeholder paragraphs ("[image: ]", a dateline) that carry no sentence
    if (body.slice(0, end).replace(/[^\p{L}\p{N}]/gu, '').length >= 40 || !m) {
      return end <= 500 ? end : sentenceEndNear(body, 300);
    }
    from = end + m[0].length;
  }
}

function sentenceEndNear(body: string, at: number): number {
  const m = /[.!?。](?=\s|$)/.exec(body.slice(at, at + 300));
  return m ? at + m.index + 1 : at;
}

/**
 * A dateline opening the body ("WASHINGTON —", "LOS ANGELES/LONDON —", "KANANASKIS, Alberta —")
 * says where the story was filed, not what it is about, so rules do not see it.
 */
const DATELINE = /^\s*\p{Lu}[\p{Lu} .'’]+\p{Lu}(?:\/\p{Lu}[\p{Lu} .'’]*\p{Lu})*(?:,[^\n—–]{1,40}?)?\s+(?:—|–|--|-)\s+/u;

export function datelineEnd(body: string): number {
  const m = DATELINE.exec(body.slice(0, 120));
  return m ? m[0].length : 0;
}

export function collect(dict: Dictionary, article: ArticleText): Collected {
  const { atoms, terms, exact, prefixes } = dict;
  const byTerm = new Map<number, Occurrence[]>();
  const matched: number[] = [];
  let partials: Partial[] = [];
  let text = '';
  let stream = 0;
  let lead = 0;

  const record = (term: number, start: number, end: number, pos0: number, pos1: number, seq0: number, seq1: number): void => {
    const field: HitField = stream === 0 ? 'title' : start < lead ? 'lead' : 'body';
    const occ: Occurrence = { term, field, stream, start, end, pos0, pos1, seq0, seq1 };
    const list = byTerm.get(term);
    if (list) list.push(occ);
    else byTerm.set(term, [occ]);
  };

  const sink = (key: string, start: number, end: number, seq: number, pos: number): void => {
    matched.length = 0;
    let raw: string | null = null;
    const consider = (a: number): void => {
      const atom = atoms[a]!;
      if (atom.exact !== null) {
        raw ??= normalizeRaw(text.slice(start, end));
        if (atom.prefix ? !raw.startsWith(atom.exact) : raw !== atom.exact) return;
      }
      matched.push(a);
    };
    const whole = exact.get(key);
    if (whole) for (const a of whole) consider(a);
    let node = prefixes.next.get(key.charCodeAt(0));
    for (let i = 1; node; i++) {
      for (const a of node.atoms) consider(a);
      node = i < key.length ? node.next.get(key.charCodeAt(i)) : undefined;
    }
    if (partials.length > 0) {
      let keep = 0;
      for (const p of partials) {
        const t = terms[p.term]!;
        if (p.next !== seq || !matched.includes(t.atoms[p.idx]!)) continue;
        p.idx++;
        p.next++;
        if (p.idx === t.atoms.length) record(p.term, p.start, end, p.pos0, pos, p.seq0, seq);
        else partials[keep++] = p;
      }
      partials.length = keep;
    }
    for (const a of matched) {
      for (const t of atoms[a]!.starts) {
        if (terms[t]!.atoms.length === 1) record(t, start, end, pos, pos, seq, seq);
        else partials.push({ term: t, idx: 1, next: seq + 1, start, pos0: pos, seq0: seq });
      }
    }
  };

  const state: ScanState = { seq: 0, pos: 0 };
  text = article.title;
  scan(text, sink, state);
  partials = [];
  // A gap wider than any NEAR distance, so no proximity is measured from the title into the body.
  state.pos += 1000;
  state.seq += 1;
  text = article.body;
  stream = 1;
  lead = leadEnd(text);
  scan(text, sink, state, datelineEnd(text));
  return { byTerm, title: article.title, body: article.body };
}
