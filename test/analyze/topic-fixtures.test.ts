/**
 * The shipped topics (config/topics.yaml) on the hand-written articles in test/fixtures/articles
 * that carry `expected.topics`: one article per pattern from LABELING.md (a story about another pair
 * of countries, a price plan called a tariff, FX market wording, …), with the topics it must get.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTopics } from '../../src/config/load.js';
import { compileTopics, matchTopics } from '../../src/core/rules/index.js';

interface Fixture {
  title: string;
  body: string;
  expected: { topics?: string[] };
}

const root = join(import.meta.dirname, '../fixtures/articles');
const fixtures: [string, Fixture][] = readdirSync(root, { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => [f, JSON.parse(readFileSync(join(root, f), 'utf8')) as Fixture] as [string, Fixture])
  .filter(([, a]) => Array.isArray(a.expected.topics));

const topics = compileTopics(loadTopics({ dir: 'config', env: {} }));

describe('default topics on the fixture articles', () => {
  it('finds fixtures to run', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(4);
  });

  it.each(fixtures)('%s', (_file, article) => {
    const got = matchTopics(topics, article).map((m) => m.id).sort();
    expect(got).toEqual([...article.expected.topics!].sort());
  });
});
