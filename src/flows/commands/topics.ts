/**
 * @module flows/commands/topics — resolving what a user typed to a topic: the id (`us-japan`), the
 * name (`US–Japan`), either without punctuation (`usjapan`), any case.
 */
import type { TopicInfo } from './types.js';

const fold = (s: string): string => s.normalize('NFKD').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

export function findTopic(topics: readonly TopicInfo[], typed: string): TopicInfo | null {
  const t = typed.trim().toLowerCase();
  if (!t) return null;
  const exact = topics.find((x) => x.id === t);
  if (exact) return exact;
  const f = fold(t);
  return topics.find((x) => fold(x.id) === f || fold(x.name) === f) ?? null;
}
