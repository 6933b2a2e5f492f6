/**
 * @module core/rules/score — how strongly an article is about a topic, from the places that made its
 * rule true. Each place is one unit of evidence: a term's occurrence, or one NEAR match however many
 * terms it joins. A unit in the title weighs 3, in the lead 2, deeper in the body 1, and each further
 * unit with the same label (the same term, or the same NEAR clause) adds half its weight. So one
 * passing mention deep in the body stays below the default threshold of 2, while the same words in
 * the headline or lead, or a story that keeps returning to them, pass.
 */
import type { HitField, TopicHit } from '../types.js';
import type { Hit, Span } from './evaluate.js';

export const FIELD_WEIGHTS: Record<HitField, number> = { title: 3, lead: 2, body: 1 };
/** Each further unit with the same label counts this share of its weight. */
export const REPEAT_FACTOR = 0.5;

interface Unit {
  label: string;
  weight: number;
}

function toUnit(span: Span): Unit {
  let weight = 0;
  for (const h of span.hits) weight = Math.max(weight, FIELD_WEIGHTS[h.occ.field]);
  return { label: span.unit ?? span.hits[0]!.label, weight };
}

/**
 * The score of the spans that satisfied a rule, and their distinct hits in text order. Units that
 * share a word are one place (the same words found through two clauses, or a NEAR pair found with
 * two partners) and count once, at their highest weight.
 */
export function scoreSpans(spans: Span[]): { score: number; hits: Hit[] } {
  const places = mergePlaces(spans.map(toUnit), spans);
  const byLabel = new Map<string, number[]>();
  for (const p of places) {
    const list = byLabel.get(p.label);
    if (list) list.push(p.weight);
    else byLabel.set(p.label, [p.weight]);
  }
  let score = 0;
  for (const weights of byLabel.values()) {
    weights.sort((a, b) => b - a);
    weights.forEach((w, i) => (score += i === 0 ? w : w * REPEAT_FACTOR));
  }
  return { score: Math.round(score * 100) / 100, hits: distinctHits(spans) };
}

/** Union of units that share a hit word; each group keeps its heaviest unit's label and weight. */
function mergePlaces(units: Unit[], spans: Span[]): Unit[] {
  const parent = units.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  // a token's seq is unique in the article (the body's continue after the title's)
  const byWord = new Map<number, number>();
  spans.forEach((span, i) => {
    for (const h of span.hits) {
      const key = h.occ.seq0;
      const j = byWord.get(key);
      if (j === undefined) byWord.set(key, i);
      else parent[find(i)] = find(j);
    }
  });
  const best = new Map<number, Unit>();
  units.forEach((u, i) => {
    const root = find(i);
    const cur = best.get(root);
    if (!cur || u.weight > cur.weight) best.set(root, u);
  });
  return [...best.values()];
}

function distinctHits(spans: Span[]): Hit[] {
  const seen = new Set<number>();
  const hits: Hit[] = [];
  for (const span of spans) {
    for (const h of span.hits) {
      if (seen.has(h.occ.seq0)) continue;
      seen.add(h.occ.seq0);
      hits.push(h);
    }
  }
  return hits.sort((a, b) => a.occ.stream - b.occ.stream || a.occ.start - b.occ.start);
}

export function toTopicHit(h: Hit, title: string, body: string): TopicHit {
  const text = h.occ.stream === 0 ? title : body;
  return { term: h.label, text: text.slice(h.occ.start, h.occ.end), field: h.occ.field, offset: h.occ.start };
}
