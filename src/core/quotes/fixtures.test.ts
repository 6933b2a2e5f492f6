/**
 * Quotation extraction against the hand-written articles in test/fixtures/articles: one article per
 * attribution pattern and per false friend of quoting, each with the quotes and speakers it must give.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractQuotes } from './index.js';

interface Fixture {
  id: string;
  title: string;
  body: string;
  expected: { quotes: { text: string; speaker: string }[] };
}

const root = join(import.meta.dirname, '../../../test/fixtures/articles');
const fixtures: [string, Fixture][] = readdirSync(root, { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => [f, JSON.parse(readFileSync(join(root, f), 'utf8')) as Fixture]);

describe('extractQuotes on the fixture articles', () => {
  it('finds fixtures to run', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(12);
  });

  it.each(fixtures)('%s', (_file, article) => {
    expect(extractQuotes(article)).toEqual(article.expected.quotes);
  });
});
