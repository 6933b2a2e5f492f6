/**
 * @module core/rules/terms — the dictionary every topic shares: rule terms broken into atoms (one
 * article token each), deduplicated across topics, indexed for the one-pass matcher.
 *
 * An atom is a lower-case key plus, for exact-case atoms (`US`, `FX`, `G20`, `=Fed`), the exact form,
 * and a prefix flag (`tariff*`). A term is a sequence of atoms (one for a word, several for a phrase).
 * All keys sit in one character trie (trie.ts) that the scanner walks as it reads each word.
 */
import { isCjkKey, tokenize } from './tokenize.js';
import { addKey, finishTrie, trieNode, type Trie, type TrieNode } from './trie.js';
import { RuleSyntaxError } from './parse.js';

export interface Atom {
  /** Lower-case key as the tokenizer produces it. */
  key: string;
  /** Exact form an exact-case atom must equal (or start with, for a prefix), else null. */
  exact: string | null;
  prefix: boolean;
  /** Terms whose first atom this is. */
  starts: number[];
}

export interface Term {
  atoms: number[];
  /** Indices of the topics whose rules use this term. */
  topics: number[];
}

export interface Dictionary {
  atoms: Atom[];
  terms: Term[];
  /** The keys as they are added. */
  trie: TrieNode;
  /** The finished trie the scanner walks (rebuilt by `finishDictionary` once every key is in). */
  scanner: Trie;
}

export function createDictionary(): Dictionary {
  const trie = trieNode();
  return { atoms: [], terms: [], trie, scanner: finishTrie(trie) };
}

/** Prepares the dictionary for scanning; call once every term is in. */
export function finishDictionary(dict: Dictionary): void {
  dict.scanner = finishTrie(dict.trie);
}

/** Written in capitals (at least two characters, a capital letter, no lower-case): an acronym. */
function looksLikeAcronym(raw: string): boolean {
  return raw.length >= 2 && /\p{Lu}/u.test(raw) && !/\p{Ll}/u.test(raw);
}

interface AtomSpec {
  key: string;
  exact: string | null;
  prefix: boolean;
}

/**
 * Breaks a term as written (`tariff*`, `U.S.`, `"import dut*"`, `関税`) into atoms. Throws
 * RuleSyntaxError with an offset relative to the term text.
 */
export function termAtoms(text: string, exactCase: boolean): AtomSpec[] {
  const atoms: AtomSpec[] = [];
  const wordRe = /\S+/g;
  for (let m = wordRe.exec(text); m; m = wordRe.exec(text)) {
    let word = m[0];
    const star = word.indexOf('*');
    const prefix = star >= 0;
    if (prefix && star !== word.length - 1) throw new RuleSyntaxError('expected "*" only at the end of a word (a prefix wildcard such as tariff*)', m.index + star);
    if (prefix) word = word.slice(0, -1);
    const tokens = tokenize(word);
    if (tokens.length === 0) {
      throw new RuleSyntaxError(`expected a word with letters or digits, found "${m[0]}"`, m.index);
    }
    tokens.forEach((tok, i) => {
      const isPrefix = prefix && i === tokens.length - 1;
      if (isPrefix && isCjkKey(tok.key)) throw new RuleSyntaxError('expected no "*" after Japanese/Chinese text: it matches inside words already', m!.index + star);
      if (isPrefix && tok.key.length < 2) throw new RuleSyntaxError('expected at least two letters before "*"', m!.index);
      const exact = exactCase || looksLikeAcronym(tok.raw) ? tok.raw : null;
      atoms.push({ key: tok.key, exact, prefix: isPrefix });
    });
  }
  if (atoms.length === 0) throw new RuleSyntaxError('expected a word with letters or digits, found an empty phrase', 0);
  return atoms;
}

function atomId(dict: Dictionary, spec: AtomSpec, index: Map<string, number>): number {
  const id = `${spec.exact === null ? spec.key : `=${spec.exact}`}${spec.prefix ? '*' : ''}`;
  const known = index.get(id);
  if (known !== undefined) return known;
  const n = dict.atoms.length;
  dict.atoms.push({ key: spec.key, exact: spec.exact, prefix: spec.prefix, starts: [] });
  index.set(id, n);
  addKey(dict.trie, spec.key, n, spec.prefix);
  return n;
}

/** Adds a term (deduplicated) and returns its id. */
export function internTerm(dict: Dictionary, specs: AtomSpec[], atomIndex: Map<string, number>, termIndex: Map<string, number>): number {
  const atoms = specs.map((s) => atomId(dict, s, atomIndex));
  const key = atoms.join(' ');
  const known = termIndex.get(key);
  if (known !== undefined) return known;
  const id = dict.terms.length;
  dict.terms.push({ atoms, topics: [] });
  termIndex.set(key, id);
  dict.atoms[atoms[0]!]!.starts.push(id);
  return id;
}
