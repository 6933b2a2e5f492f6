/**
 * Where the team's shared folder (labelled eval set, corpora) is: TRADEWIRE_SHARED_DIR, else
 * `../shared` beside the repository — beside the main checkout when this is a git worktree.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export function sharedDir(): string {
  if (process.env.TRADEWIRE_SHARED_DIR) return resolve(process.env.TRADEWIRE_SHARED_DIR);
  const beside = join(repoDir, '..', 'shared');
  if (existsSync(beside)) return beside;
  try {
    // a worktree's common git dir is the main checkout's .git
    const common = execFileSync('git', ['rev-parse', '--path-format=absolute', '--git-common-dir'], { cwd: repoDir, encoding: 'utf8' }).trim();
    const main = join(dirname(common), '..', 'shared');
    if (existsSync(main)) return main;
  } catch {
    // not a git checkout (an unpacked release): fall through to the plain answer
  }
  return beside;
}
