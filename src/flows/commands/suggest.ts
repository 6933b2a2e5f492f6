/**
 * @module flows/commands/suggest — "did you mean …": the closest valid choice to a mistyped word
 * (Damerau–Levenshtein distance, with prefix matches preferred).
 */

export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i += 1) {
    for (let j = 1; j < cols; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

/** The best candidate within a typo's reach (≤ 1 edit for short words, ≤ 2 or a third of the length), or null. */
export function closest(word: string, candidates: readonly string[]): string | null {
  const w = word.toLowerCase();
  if (!w) return null;
  const prefixed = candidates.filter((c) => c.toLowerCase().startsWith(w));
  if (prefixed.length === 1) return prefixed[0]!;
  let best: { c: string; d: number } | null = null;
  for (const c of candidates) {
    const dist = editDistance(w, c.toLowerCase());
    if (!best || dist < best.d) best = { c, d: dist };
  }
  if (!best) return null;
  const reach = w.length <= 4 ? 1 : Math.max(2, Math.floor(w.length / 3));
  return best.d <= reach ? best.c : null;
}
