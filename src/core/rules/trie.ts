/**
 * @module core/rules/trie — the character trie of every atom key (whole words and prefixes). The
 * scanner walks it while it reads a word's characters, so a word that cannot match any rule term
 * costs no lookup, no string and no call.
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
}

export const trieNode = (): TrieNode => ({ ascii: null, other: null, words: null, prefixes: null, onPath: null });

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

/** Fills `onPath` top-down; call once all keys are in. */
export function finishTrie(node: TrieNode, above: number[] | null = null): void {
  node.onPath = node.prefixes === null ? above : above === null ? node.prefixes : [...above, ...node.prefixes];
  // each child once (an ASCII letter's child is listed under both cases)
  for (const c of new Set(node.ascii ?? [])) if (c) finishTrie(c, node.onPath);
  for (const c of node.other?.values() ?? []) finishTrie(c, node.onPath);
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
