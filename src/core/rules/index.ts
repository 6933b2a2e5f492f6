/**
 * @module core/rules — compiles topics.yaml into a matcher and matches articles against every topic
 * in one pass. PLACEHOLDER until the rules work lands: matches nothing.
 */
import type { TopicsFile } from '../../config/schema.js';
import type { ArticleText, TopicMatch } from '../types.js';

export interface CompiledTopics {
  readonly ids: readonly string[];
  /** Display name per topic id. */
  readonly names: ReadonlyMap<string, string>;
}

export function compileTopics(file: TopicsFile): CompiledTopics {
  return { ids: file.topics.map((t) => t.id), names: new Map(file.topics.map((t) => [t.id, t.name ?? t.id])) };
}

/** Topics whose rule matched and whose score reached the threshold, best first. */
export function matchTopics(_compiled: CompiledTopics, _article: ArticleText): TopicMatch[] {
  return [];
}
