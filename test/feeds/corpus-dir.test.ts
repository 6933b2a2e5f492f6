/**
 * Where the corpus tests find the shared feed corpus (issue 3, L5): through scripts/shared-dir.ts,
 * so a clean clone with `../shared` beside it (CI) works, and a missing corpus fails loudly.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { repoDir } from '../../scripts/shared-dir.js';
import { corpusDir } from './corpus.js';

const tmp = mkdtempSync(join(tmpdir(), 'tradewire-corpus-dir-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A checkout at `<root>/repo` (not a git repository) with only scripts/shared-dir.ts in it. */
async function checkoutAt(root: string): Promise<() => string> {
  mkdirSync(join(root, 'repo', 'scripts'), { recursive: true });
  copyFileSync(join(repoDir, 'scripts', 'shared-dir.ts'), join(root, 'repo', 'scripts', 'shared-dir.ts'));
  const mod = (await import(pathToFileURL(join(root, 'repo', 'scripts', 'shared-dir.ts')).href)) as { sharedDir: () => string };
  return mod.sharedDir;
}

describe('the shared feed corpus', () => {
  it('is found in ../shared/feeds beside a clean checkout, as in CI', async () => {
    const root = join(tmp, 'ci');
    mkdirSync(join(root, 'shared', 'feeds'), { recursive: true });
    writeFileSync(join(root, 'shared', 'feeds', 'expected.jsonl'), '');
    const sharedDir = await checkoutAt(root);
    const saved = process.env.TRADEWIRE_SHARED_DIR;
    delete process.env.TRADEWIRE_SHARED_DIR;
    try {
      expect(corpusDir(sharedDir())).toBe(join(root, 'shared', 'feeds'));
    } finally {
      if (saved !== undefined) process.env.TRADEWIRE_SHARED_DIR = saved;
    }
  });

  it('fails with a message that says where it looked and how to fix it, never by skipping', async () => {
    const root = join(tmp, 'bare');
    const sharedDir = await checkoutAt(root);
    const saved = process.env.TRADEWIRE_SHARED_DIR;
    delete process.env.TRADEWIRE_SHARED_DIR;
    try {
      expect(() => corpusDir(sharedDir())).toThrow(
        `feed corpus not found: no ${join(root, 'shared', 'feeds', 'expected.jsonl')}. Put the shared folder beside the repository (../shared) or set TRADEWIRE_SHARED_DIR to it.`,
      );
    } finally {
      if (saved !== undefined) process.env.TRADEWIRE_SHARED_DIR = saved;
    }
  });
});
