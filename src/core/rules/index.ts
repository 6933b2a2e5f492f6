/**
 * @module core/rules — the topic rule language: compile topics.yaml once (`compileTopics`), then match
 * articles against every topic in one pass over their tokens (`matchTopics`), or explain the verdict
 * per topic (`explainTopics`). The language is documented in README.md, "Topic rules".
 */
export { compileTopics, DEFAULT_THRESHOLD, type CompiledTopic, type CompiledTopics, type RuleProblem } from './compile.js';
export { matchTopics } from './match.js';
export { explainTopics, type ClauseTrace, type TopicExplanation } from './explain.js';
export { FIELD_WEIGHTS } from './score.js';
