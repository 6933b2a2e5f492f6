/**
 * A bad rule is a config problem: `tradewire` start-up (loadConfig) reports it with the other
 * problems, naming the file, the topic, the rule, the column and what was expected.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, loadTopics } from '../../src/config/load.js';
import { isTradewireError } from '../../src/core/errors.js';

function configDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'tw-rules-config-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (err) {
    if (isTradewireError(err, 'config_invalid')) return err.input as string[];
    throw err;
  }
  throw new Error('expected a config error');
}

const BAD_TOPICS = [
  'aliases:',
  '  japan: [Japan, "Tokyo OR"]',
  'topics:',
  '  - id: fx',
  '    rule: yen NEAR dollar',
  '  - id: us-japan',
  '    rule: "@japan AND @usa"',
  '  - id: g20',
  '    rule: G20',
  '',
].join('\n');

describe('rules at config load', () => {
  it('lists every bad rule among the start-up problems, with the other files’ problems', () => {
    const dir = configDir({ 'topics.yaml': BAD_TOPICS, 'tradewire.yaml': 'poll:\n  concurrency: 0\n' });
    const problems = problemsOf(() => loadConfig({ dir, env: {} }));
    const topics = join(dir, 'topics.yaml');
    expect(problems).toContain(`${topics}: aliases.japan.1: alias @japan: entry "Tokyo OR" at column 9: expected a term, a "phrase", an @alias or "(" after "OR", found the end of the rule`);
    expect(problems).toContain(`${topics}: topics.0.rule: topic "fx": rule "yen NEAR dollar" at column 5: expected NEAR/n with a distance n from 1 to 100 (words), e.g. NEAR/5, found "NEAR"`);
    expect(problems.some((p) => p.startsWith(`${join(dir, 'tradewire.yaml')}: poll.concurrency`))).toBe(true);
    // @japan's own problem is reported once, against the alias; @usa is unknown
    expect(problems.filter((p) => p.includes('topics.1.rule'))).toEqual([
      `${topics}: topics.1.rule: topic "us-japan": rule "@japan AND @usa" at column 12: expected a defined alias, found @usa (aliases in this file: @japan)`,
    ]);
  });

  it('loadTopics reads topics.yaml alone, with the same checks', () => {
    expect(loadTopics({ dir: configDir({ 'topics.yaml': 'topics:\n  - id: a\n    rule: tariff*\n' }), env: {} }).topics[0]!.id).toBe('a');
    const problems = problemsOf(() => loadTopics({ dir: configDir({ 'topics.yaml': BAD_TOPICS, 'feeds.yaml': 'not: [valid' }), env: {} }));
    expect(problems).toHaveLength(3);
  });
});
