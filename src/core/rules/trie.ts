/**
 * @module core/rules/trie — the character trie of every atom key (whole words and prefixes). The
 * scanner walks it while it reads a word's characters, so a word that cannot match any rule term
 * costs no lookup, no string and no call. For ASCII letters and digits (nearly every character of
 * English copy) the finished trie is also a flat transition table, so each step is one typed-array
 * read rather than two object reads.
 */

export interface TrieNode {
  /**
   * Children by char code below 128 (most keys), else by map. An ASCII letter's child sits under
   * both its lower- and its upper-case code, so the scanner indexes with the character as read.
   */
  ascii: (TrieNode | undefined)[] | null;
  other: Map<number, TrieNode> | null;
  /** Whole-word atoms whose key ends here. */
  words: number[] | null;
  /** Prefix atoms whose key ends here. */
  prefixes: number[] | null;
  /** Prefix atoms ending here or on the way here: what a word reaching this node matches. */
  onPath: number[] | null;
  /** Index in `Trie.nodes` (set by finishTrie). */
  id: number;
}

export const trieNode = (): TrieNode => ({ ascii: null, other: null, words: null, prefixes: null, onPath: null, id: 0 });

/** A finished trie: its nodes by id (the root is 0) and their transitions on ASCII letters and digits. */
export interface Trie {
  root: TrieNode;
  nodes: TrieNode[];
  /** `next[id * COLUMNS + COLUMN[c]]`: the child's id, or -1. */
  next: Int32Array;
  /** Per node id: ON_PATH when it has `onPath` atoms, WORDS when it has `words`. */
  interest: Uint8Array;
}

export const ON_PATH = 1;
export const WORDS = 2;

/** Columns of the transition table: a–z (either case), then 0–9. */
export const COLUMNS = 36;
/** The column of each char code, -1 for everything but ASCII letters and digits. */
export const COLUMN = new Int8Array(0x10000).fill(-1);
for (let c = 0; c < 26; c++) COLUMN[97 + c] = COLUMN[65 + c] = c;
for (let d = 0; d < 10; d++) COLUMN[48 + d] = 26 + d;

/** The child of `n` for char code `c`, or undefined. */
function child(n: TrieNode, c: number): TrieNode | undefined {
  if (c < 128) return n.ascii === null ? undefined : n.ascii[c];
  return n.other === null ? undefined : n.other.get(c);
}

/** Adds an atom's key; `prefix` atoms match every word that starts with the key. */
export function addKey(root: TrieNode, key: string, atom: number, prefix: boolean): void {
  let at = root;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    let next = child(at, c);
    if (!next) {
      next = trieNode();
      if (c < 128) {
        at.ascii ??= new Array<TrieNode | undefined>(128).fill(undefined);
        at.ascii[c] = next;
        if (c >= 97 && c <= 122) at.ascii[c - 32] = next; // keys are lower case; text is not
      } else (at.other ??= new Map()).set(c, next);
    }
    at = next;
  }
  if (prefix) (at.prefixes ??= []).push(atom);
  else (at.words ??= []).push(atom);
}

/** Fills `onPath` top-down, numbers the nodes and builds the transition table; call once all keys are in. */
export function finishTrie(root: TrieNode): Trie {
  const nodes: TrieNode[] = [];
  const visit = (node: TrieNode, above: number[] | null): void => {
    node.id = nodes.length;
    nodes.push(node);
    node.onPath = node.prefixes === null ? above : above === null ? node.prefixes : [...above, ...node.prefixes];
    // each child once (an ASCII letter's child is listed under both cases)
    for (const c of new Set(node.ascii ?? [])) if (c) visit(c, node.onPath);
    for (const c of node.other?.values() ?? []) visit(c, node.onPath);
  };
  visit(root, null);
  const next = new Int32Array(nodes.length * COLUMNS).fill(-1);
  for (const node of nodes) {
    if (node.ascii === null) continue;
    for (let c = 0; c < 128; c++) {
      const child = node.ascii[c];
      if (child !== undefined && COLUMN[c]! >= 0) next[node.id * COLUMNS + COLUMN[c]!] = child.id;
    }
  }
  const interest = new Uint8Array(nodes.length);
  for (const node of nodes) interest[node.id] = (node.onPath !== null ? ON_PATH : 0) | (node.words !== null ? WORDS : 0);
  return { root, nodes, next, interest };
}

/** Walks `key` from the root: the deepest node reached and whether the whole key was consumed. */
export function walk(root: TrieNode, key: string): { node: TrieNode; whole: boolean } {
  let node = root;
  for (let i = 0; i < key.length; i++) {
    const next = child(node, key.charCodeAt(i));
    if (next === undefined) return { node, whole: false };
    node = next;
  }
  return { node, whole: true };
}
