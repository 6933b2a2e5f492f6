/**
 * @module core/rules/near — NEAR/n between two lists of places, in time linear in their sizes.
 *
 * Comparing every place on one side with every place on the other is quadratic: an article that
 * repeats both terms a few thousand times (a list, a table, a crafted page) would cost millions of
 * comparisons per topic. Instead the right side is sorted by position once, and each left place
 * looks only at the right places whose start lies in its window [pos0 − n − longest, pos1 + n]
 * (found by binary search); every pair `near` accepts lies in that window. Results come out in the
 * same order as the nested loops give (left order, then right order), so scores do not change.
 * Small lists (the usual case) still take the nested loops, which are cheaper there.
 */
import type { Span } from './evaluate.js';

/** Below this many pairs the nested loops are cheaper than sorting. */
const NESTED_MAX = 256;

/**
 * Two places at most `n` words apart. A word never counts as near itself: spans that share a hit
 * token are not near each other; spans that interleave ("U.S. Treasury … Japan" and "Treasury") are.
 */
export function near(a: Span, b: Span, n: number): boolean {
  if (a.stream !== b.stream) return false;
  if (a.seq0 <= b.seq1 && b.seq0 <= a.seq1 && sharesToken(a, b)) return false;
  const gap = Math.max(b.pos0 - a.pos1, a.pos0 - b.pos1);
  return gap <= n;
}

function sharesToken(a: Span, b: Span): boolean {
  for (const h of a.hits) {
    for (const g of b.hits) if (h.occ.seq0 <= g.occ.seq1 && g.occ.seq0 <= h.occ.seq1) return true;
  }
  return false;
}

/** The right side sorted by start, and its longest span: what the window search needs. */
interface Sorted {
  spans: Span[];
  /** Indices into `spans`, by `pos0` (ties in list order). */
  order: number[];
  longest: number;
}

function sortRight(right: Span[]): Sorted {
  const order = right.map((_, i) => i).sort((x, y) => right[x]!.pos0 - right[y]!.pos0 || x - y);
  let longest = 0;
  for (const b of right) longest = Math.max(longest, b.pos1 - b.pos0);
  return { spans: right, order, longest };
}

/** First index in `order` whose span starts at `pos` or later. */
function firstFrom(s: Sorted, pos: number): number {
  let lo = 0;
  let hi = s.order.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (s.spans[s.order[mid]!]!.pos0 < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Indices (into the right side, ascending) of the places near `a`; with `first`, at most the first
 * one found (any order).
 */
function nearOf(s: Sorted, a: Span, n: number, first: boolean, out: number[]): number[] {
  out.length = 0;
  const last = a.pos1 + n;
  for (let k = firstFrom(s, a.pos0 - n - s.longest); k < s.order.length; k++) {
    const j = s.order[k]!;
    const b = s.spans[j]!;
    if (b.pos0 > last) break;
    if (!near(a, b, n)) continue;
    out.push(j);
    if (first) return out;
  }
  if (out.length > 1) out.sort((x, y) => x - y);
  return out;
}

/** Every pair (a from `left`, b from `right`) near each other, left order then right order. */
export function nearPairs(left: Span[], right: Span[], n: number, emit: (a: Span, b: Span) => void): void {
  if (left.length * right.length <= NESTED_MAX) {
    for (const a of left) for (const b of right) if (near(a, b, n)) emit(a, b);
    return;
  }
  const sorted = sortRight(right);
  const found: number[] = [];
  for (const a of left) for (const j of nearOf(sorted, a, n, false, found)) emit(a, right[j]!);
}

/** The places of `left` with no place of `right` near them (NOT NEAR), in order. */
export function withoutNear(left: Span[], right: Span[], n: number): Span[] {
  if (left.length * right.length <= NESTED_MAX) return left.filter((a) => !right.some((b) => near(a, b, n)));
  const sorted = sortRight(right);
  const found: number[] = [];
  return left.filter((a) => nearOf(sorted, a, n, true, found).length === 0);
}
