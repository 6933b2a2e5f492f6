/**
 * @module core/rules/explain — why a topic matched or not: every clause of its rule with its truth
 * value and hit count, the hits behind the score, and the verdict (`tradewire analyze --explain`).
 */
import type { ArticleText, TopicHit } from '../types.js';
import { collect } from './collect.js';
import type { CompiledTopics, Node } from './compile.js';
import { evaluate, type Trace } from './evaluate.js';
import { touchedTopics } from './match.js';
import { scoreSpans, toTopicHit } from './score.js';

export interface ClauseTrace {
  /** The clause as written in the rule (an alias shows as `@name`). */
  clause: string;
  result: boolean;
  /** Places in the text that make the clause true (0 when false; 0 for a true NOT). */
  hits: number;
  /** Sub-clauses. Of an OR (and of an alias list) only the alternatives that are true. */
  items?: ClauseTrace[];
  /** For an OR: how many alternatives had no hit (left out of `items`). */
  without?: number;
}

export interface TopicExplanation {
  id: string;
  rule: string;
  threshold: number;
  score: number;
  matched: boolean;
  /** "matched", "rule not satisfied", or "score 1.5 below threshold 2". */
  verdict: string;
  hits: TopicHit[];
  clauses: ClauseTrace;
}

/** Explains every topic that has at least one of its terms in the article (`all`: every topic). */
export function explainTopics(compiled: CompiledTopics, article: ArticleText, options: { all?: boolean } = {}): TopicExplanation[] {
  const { byTerm, title, body } = collect(compiled.dict, article);
  const indices = options.all ? compiled.topics.map((_, i) => i) : touchedTopics(compiled, byTerm.keys());
  return indices.map((i) => {
    const topic = compiled.topics[i]!;
    const trace: Trace = new Map();
    const value = evaluate(topic.root, byTerm, trace);
    const { score, hits } = value ? scoreSpans(value) : { score: 0, hits: [] };
    const matched = value !== null && score >= topic.threshold;
    const verdict = matched ? 'matched' : value === null ? 'rule not satisfied' : `score ${score} below threshold ${topic.threshold}`;
    return {
      id: topic.id,
      rule: topic.rule,
      threshold: topic.threshold,
      score,
      matched,
      verdict,
      hits: hits.map((h) => toTopicHit(h, title, body)),
      clauses: clauseTrace(topic.root, trace),
    };
  });
}

function clauseTrace(node: Node, trace: Trace): ClauseTrace {
  const value = trace.get(node) ?? null;
  const hits = value ? new Set(value.flatMap((s) => s.hits.map((h) => h.occ))).size : 0;
  const out: ClauseTrace = { clause: node.src, result: value !== null, hits };
  if (node.kind === 'or') {
    const items = node.items.filter((n) => trace.get(n));
    if (items.length > 0) out.items = items.map((n) => clauseTrace(n, trace));
    if (items.length < node.items.length) out.without = node.items.length - items.length;
  } else if (node.kind === 'and') out.items = node.items.map((n) => clauseTrace(n, trace));
  else if (node.kind === 'not') out.items = [clauseTrace(node.item, trace)];
  else if (node.kind === 'near') out.items = [clauseTrace(node.left, trace), clauseTrace(node.right, trace)];
  return out;
}
