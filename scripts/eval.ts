/**
 * `npm run eval [-- --verbose]`: runs `tradewire analyze` (in-process, on the sources) over the
 * labelled articles in ../shared/eval and prints the scorer's figures.
 *
 * TRADEWIRE_EVAL_DIR overrides the labelled folder (default: eval/ in the shared folder, see
 * shared-dir.ts; TRADEWIRE_SHARED_DIR moves that);
 * TRADEWIRE_CONFIG_DIR the topics (default ./config). Other arguments go to the scorer (--verbose
 * lists every miss). The answers stay in .tmp/eval-answers.jsonl for a closer look.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import analyzeCommand from '../src/cli/analyze.js';
import { repoDir as repo, sharedDir } from './shared-dir.js';

const evalDir = resolve(process.env.TRADEWIRE_EVAL_DIR ?? join(sharedDir(), 'eval'));
if (!existsSync(join(evalDir, 'score.mjs'))) {
  console.error(`eval: no scorer at ${join(evalDir, 'score.mjs')} (set TRADEWIRE_EVAL_DIR to the labelled folder)`);
  process.exit(2);
}

/** The labelled files: articles/*.json, articles-ja/*.json, every .jsonl and .json at the top. */
function goldFiles(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...goldFiles(path));
    else if (/\.jsonl?$/.test(entry.name)) files.push(path);
  }
  return files;
}

const files = goldFiles(evalDir);
const lines: string[] = [];
const stdout = new Writable({
  write(chunk: Buffer, _enc, done) {
    lines.push(chunk.toString('utf8'));
    done();
  },
});
const started = performance.now();
const code = await analyzeCommand(files, { stdout, stderr: process.stderr, stdin: new PassThrough(), env: process.env });
const seconds = (performance.now() - started) / 1000;
if (code !== 0) console.error(`eval: analyze reported problems (exit ${code}); scoring what it produced`);

const answers = join(repo, '.tmp', 'eval-answers.jsonl');
mkdirSync(dirname(answers), { recursive: true });
writeFileSync(answers, lines.join(''));
console.log(`analysed ${files.length} files in ${seconds.toFixed(2)} s → ${answers}`);

// The files are named one by one: given the folder, the scorer reads only its top level and would
// leave out articles/ and articles-ja/.
const scored = spawnSync(process.execPath, [join(evalDir, 'score.mjs'), '--pred', answers, ...process.argv.slice(2), ...files], { stdio: 'inherit' });
process.exit(scored.status ?? 1);
