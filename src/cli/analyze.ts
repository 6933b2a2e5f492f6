/**
 * @module cli/analyze — `tradewire analyze [--config DIR] [--explain] FILE...`: topics, summary and
 * quotes of articles, one JSON object per article per line on stdout.
 *
 * stdout carries only article results. A file or record that cannot be read goes to stderr as one
 * JSON line `{"source", "line"?, "index"?, "error": {"code", "message"}}`; the other inputs are still
 * analysed and the exit status is 1. Exit 2: usage or config problem (nothing analysed).
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Writable } from 'node:stream';
import { loadTopics } from '../config/load.js';
import { analyze } from '../core/analyze.js';
import { errorMessage, isTradewireError } from '../core/errors.js';
import { compileTopics, explainTopics, type CompiledTopics } from '../core/rules/index.js';
import { readInput } from './analyze-inputs.js';
import { writeLine, type CliIO } from './io.js';

const USAGE = `usage: tradewire analyze [--config DIR] [--explain] FILE...

FILE: .json (an article {id?, title, body, url?, published?} or an array of them), .jsonl/.ndjson
(one per line), .txt/.text (title on the first line), .html/.htm (an article page; pages and text
files are decoded by their charset), or - for stdin.
Prints one JSON line per article: {"id", "topics", "summary", "quotes", "keyQuotes"} (--explain adds
"explain": why each topic with a hit matched or not). Unreadable inputs are reported on stderr as
JSON lines; the exit status is then 1.`;

interface Options {
  config: string | null;
  explain: boolean;
  files: string[];
}

function parseArgs(argv: string[]): Options | string {
  const opts: Options = { config: null, explain: false, files: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      opts.files.push(...argv.slice(i + 1));
      break;
    }
    if (a === '--explain') opts.explain = true;
    else if (a === '--config') {
      const dir = argv[++i];
      if (!dir) return '--config needs a folder';
      opts.config = dir;
    } else if (a.startsWith('--config=')) opts.config = a.slice('--config='.length);
    else if (a === '--help' || a === '-h') return '';
    else if (a.startsWith('-') && a !== '-') return `unknown option ${a}`;
    else opts.files.push(a);
  }
  if (opts.files.length === 0) return 'no FILE given';
  return opts;
}

/**
 * The config folder: --config, else TRADEWIRE_CONFIG_DIR, else ./config, else the default topics
 * shipped with the package (so `tradewire analyze` works from any folder).
 */
function configDir(opts: Options, env: CliIO['env']): string {
  if (opts.config) return opts.config;
  if (env.TRADEWIRE_CONFIG_DIR) return env.TRADEWIRE_CONFIG_DIR;
  if (existsSync(join('config', 'topics.yaml'))) return 'config';
  return resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'config');
}

/** Buffers output lines and writes them in chunks, waiting when the stream asks (backpressure). */
function lineBuffer(stream: Writable): { push(line: string): Promise<void>; flush(): Promise<void> } {
  let buf = '';
  const flush = async (): Promise<void> => {
    if (buf === '') return;
    const chunk = buf;
    buf = '';
    await new Promise<void>((res, rej) => stream.write(chunk, (err) => (err ? rej(err) : res())));
  };
  return {
    async push(line) {
      buf += `${line}\n`;
      if (buf.length >= 1 << 16) await flush();
    },
    flush,
  };
}

export default async function analyzeCommand(argv: string[], io: CliIO): Promise<number> {
  const opts = parseArgs(argv);
  if (typeof opts === 'string') {
    await writeLine(opts === '' ? io.stdout : io.stderr, opts === '' ? USAGE : `tradewire analyze: ${opts}\n\n${USAGE}`);
    return opts === '' ? 0 : 2;
  }
  let topics: CompiledTopics;
  try {
    topics = compileTopics(loadTopics({ dir: configDir(opts, io.env), env: io.env }));
  } catch (err) {
    if (!isTradewireError(err)) throw err;
    await writeLine(io.stderr, `tradewire analyze: ${err.message}`);
    return 2;
  }
  const out = lineBuffer(io.stdout);
  let failed = 0;
  for (const file of opts.files) {
    for await (const item of readInput(file, io.stdin)) {
      if (!item.ok) {
        failed++;
        const { source, code, message, ...place } = item.error;
        await out.flush(); // keep stdout and stderr in input order for a reader of both
        await writeLine(io.stderr, JSON.stringify({ source, ...place, error: { code, message } }));
        continue;
      }
      try {
        const result = analyze(topics, item.article);
        const line: Record<string, unknown> = { id: item.id, ...result };
        if (opts.explain) line.explain = explainTopics(topics, item.article);
        await out.push(JSON.stringify(line));
      } catch (err) {
        // an analyser bug on one article must not lose the others
        failed++;
        await out.flush();
        await writeLine(io.stderr, JSON.stringify({ source: file, id: item.id, error: { code: 'analyze_failed', message: `${item.id}: ${errorMessage(err)}` } }));
      }
    }
  }
  await out.flush();
  return failed > 0 ? 1 : 0;
}
