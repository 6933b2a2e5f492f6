/**
 * @module core/rules/score — how strongly an article is about a topic, from the hits that made its
 * rule true. A hit in the title weighs most, then the lead, then the rest of the body; a term that
 * recurs adds less each time. So one passing mention deep in the body stays below the default
 * threshold, while the same word in the headline, or a story that keeps returning to it, passes.
 */
import type { HitField, TopicHit } from '../types.js';
import type { Hit } from './evaluate.js';

export const FIELD_WEIGHTS: Record<HitField, number> = { title: 3, lead: 2, body: 1 };
/** Each further hit of the same term counts this share of its weight. */
export const REPEAT_FACTOR = 0.5;

/** Distinct hits (one per place in the text) and their score. */
export function scoreHits(all: Hit[]): { score: number; hits: Hit[] } {
  const seen = new Set<string>();
  const hits: Hit[] = [];
  for (const h of all) {
    const key = `${h.occ.stream}:${h.occ.seq0}`;
    if (seen.has(key)) continue;
    seen.add(key);
    hits.push(h);
  }
  const byLabel = new Map<string, number[]>();
  for (const h of hits) {
    const w = FIELD_WEIGHTS[h.occ.field];
    const list = byLabel.get(h.label);
    if (list) list.push(w);
    else byLabel.set(h.label, [w]);
  }
  let score = 0;
  for (const weights of byLabel.values()) {
    weights.sort((a, b) => b - a);
    score += weights[0]!;
    for (let i = 1; i < weights.length; i++) score += weights[i]! * REPEAT_FACTOR;
  }
  hits.sort((a, b) => a.occ.stream - b.occ.stream || a.occ.start - b.occ.start);
  return { score: Math.round(score * 100) / 100, hits };
}

export function toTopicHit(h: Hit, title: string, body: string): TopicHit {
  const text = h.occ.stream === 0 ? title : body;
  return { term: h.label, text: text.slice(h.occ.start, h.occ.end), field: h.occ.field, offset: h.occ.start };
}
