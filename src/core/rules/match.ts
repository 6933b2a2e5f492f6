/**
 * @module core/rules/match — matches an article against every topic: one pass to collect term
 * occurrences, then only the topics whose required terms all occurred (gates.ts) are evaluated
 * and scored.
 */
import type { ArticleText, TopicMatch } from '../types.js';
import { collect } from './collect.js';
import type { CompiledTopics } from './compile.js';
import { evaluate } from './evaluate.js';
import { candidates } from './gates.js';
import { scoreSpans, toTopicHit } from './score.js';

/** Indices of the topics that use at least one term found in the article, in file order. */
export function touchedTopics(compiled: CompiledTopics, found: Iterable<number>): number[] {
  // a Set over small integers stays cheap with 1,000 topics; no per-article array of them all
  const touched = new Set<number>();
  for (const term of found) for (const t of compiled.dict.terms[term]!.topics) touched.add(t);
  return [...touched].sort((a, b) => a - b);
}

/** Topics whose rule matched and whose score reached the threshold, best first. */
export function matchTopics(compiled: CompiledTopics, article: ArticleText): TopicMatch[] {
  const { byTerm, title, body } = collect(compiled.dict, article);
  if (byTerm.size === 0) return [];
  const out: TopicMatch[] = [];
  for (const i of candidates(compiled.gates, byTerm.keys())) {
    const topic = compiled.topics[i]!;
    const value = evaluate(topic.root, byTerm, null);
    if (!value) continue;
    const { score, hits } = scoreSpans(value);
    if (score < topic.threshold) continue;
    out.push({ id: topic.id, score, hits: hits.map((h) => toTopicHit(h, title, body)) });
  }
  return out.sort((a, b) => b.score - a.score);
}
