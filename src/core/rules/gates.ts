/**
 * @module core/rules/gates — which topics are worth evaluating for an article, decided from the
 * terms it contains alone, at the cost of a few array reads per term found.
 *
 * A topic's rule implies a conjunction of "gates": sets of terms of which at least one must occur
 * (`a AND (b OR c) AND NOT d` has the gates {a} and {b, c}). Each found term ticks its gates; a
 * topic becomes a candidate when all its gates are ticked. With 1,000 topics most touched topics
 * miss a gate and are never evaluated.
 */
import type { Node } from './compile.js';

export interface Gates {
  /** Gate ids per term id. */
  byTerm: number[][];
  /** The topic (index) of each gate. */
  topicOf: number[];
  /** How many gates each topic has. */
  countOf: number[];
  /**
   * Scratch for `candidates`, all zero between calls: gates ticked, gates ticked per topic. Typed
   * arrays reused for every article instead of a Set and a Map allocated for each.
   */
  ticked: Uint8Array;
  counts: Uint32Array;
}

const MAX_GATES = 8;

/** The gates a node implies; null when it requires no term (a NOT). */
function gatesOf(node: Node): number[][] | null {
  switch (node.kind) {
    case 'term':
      return [[node.term]];
    case 'not':
      return null;
    case 'and': {
      const out: number[][] = [];
      for (const item of node.items) out.push(...(gatesOf(item) ?? []));
      return out;
    }
    case 'near':
      return [...(gatesOf(node.left) ?? []), ...((node.negated ? null : gatesOf(node.right)) ?? [])];
    case 'or': {
      // Whichever alternative holds, all its gates hold; so for any choice of one gate per
      // alternative, their union holds. Every such union is a gate (`(a AND b) OR c` gives {a, c}
      // and {b, c}), up to MAX_GATES of them.
      let out: number[][] = [[]];
      for (const item of node.items) {
        const mine = gatesOf(item);
        if (!mine || mine.length === 0) return null;
        const next: number[][] = [];
        for (const g of out) for (const h of mine) if (next.length < MAX_GATES) next.push([...g, ...h]);
        out = next;
      }
      return out;
    }
  }
}

export function buildGates(roots: Node[], termCount: number): Gates {
  const gates: Gates = { byTerm: Array.from({ length: termCount }, () => []), topicOf: [], countOf: [], ticked: new Uint8Array(0), counts: new Uint32Array(0) };
  roots.forEach((root, topic) => {
    const list = gatesOf(root) ?? [];
    gates.countOf.push(list.length);
    for (const terms of list) {
      const id = gates.topicOf.length;
      gates.topicOf.push(topic);
      for (const t of new Set(terms)) gates.byTerm[t]!.push(id);
    }
  });
  gates.ticked = new Uint8Array(gates.topicOf.length);
  gates.counts = new Uint32Array(roots.length);
  return gates;
}

/** Topics (indices, in file order) whose every gate has a term among `found`. */
export function candidates(gates: Gates, found: Iterable<number>): number[] {
  const { ticked, counts, topicOf, countOf } = gates;
  const out: number[] = [];
  const touched: number[] = [];
  for (const term of found) {
    for (const g of gates.byTerm[term]!) {
      if (ticked[g] === 1) continue;
      ticked[g] = 1;
      touched.push(g);
      const topic = topicOf[g]!;
      const n = (counts[topic] = counts[topic]! + 1);
      if (n === countOf[topic]) out.push(topic);
    }
  }
  // leave the scratch all zero for the next article
  for (const g of touched) {
    ticked[g] = 0;
    counts[topicOf[g]!] = 0;
  }
  return out.sort((a, b) => a - b);
}
