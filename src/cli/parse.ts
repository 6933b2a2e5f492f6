/**
 * @module cli/parse — `tradewire parse [--config DIR] FILE|URL...`: parse feed documents, one JSON
 * line per source on stdout (README "tradewire parse", shared CONTRACTS.md):
 *
 *   {"source", "ok": true, "format", "title", "items": [{"id", "key", "title", "link", "published", "author"}]}
 *
 * `key` is the item's key in the store; `id` its guid, or that key when it has none.
 *   {"source", "ok": false, "error": {"code", "message"}}
 *
 * `source` is the argument exactly as given. URLs go through the same fetcher as polling (SSRF guard
 * on, limits from `fetch.*` in tradewire.yaml when a config folder is there, else defaults). Exit 0
 * only when every source parsed; 1 when any failed; 2 for a usage or config problem.
 */
import { readFileSync, statSync } from 'node:fs';
import { loadSettings } from '../config/load.js';
import { createLogger } from '../log.js';
import { settingsSchema, type Settings } from '../config/schema.js';
import { errorMessage, isTradewireError } from '../core/errors.js';
import { itemKey } from '../core/identity.js';
import type { ParsedFeed } from '../core/types.js';
import type { FetchError } from '../ports.js';
import { createHttpFeedSource, parseFeed, type HttpFeedSource } from '../adapters/feeds/index.js';
import { writeLine, type CliIO } from './io.js';

const USAGE = `usage: tradewire parse [--config DIR] FILE|URL...

Parses feed documents (RSS 0.9x/1.0/2.0, Atom, JSON Feed) from files, http(s) URLs or - (stdin).
Prints one JSON line per source: {"source", "ok": true, "format", "title", "items": [{"id", "key",
"title", "link", "published", "author"}]} or {"source", "ok": false, "error": {"code", "message"}}.
"key" is the item's key in the store; "id" its guid, or that key when it has none.
Exit status 0 only when every source parsed.`;

type Outcome = { ok: true; feed: ParsedFeed } | { ok: false; error: FetchError | { code: string; message: string } };

function parseArgs(argv: string[]): { config: string | null; sources: string[] } | string {
  const out = { config: null as string | null, sources: [] as string[] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (a === '--') {
      out.sources.push(...argv.slice(i + 1));
      break;
    }
    if (a === '--config') {
      const dir = argv[++i];
      if (!dir) return '--config needs a folder';
      out.config = dir;
    } else if (a.startsWith('--config=')) out.config = a.slice('--config='.length);
    else if (a === '--help' || a === '-h') return '';
    else if (a.startsWith('-') && a !== '-') return `unknown option ${a}`;
    else out.sources.push(a);
  }
  return out.sources.length ? out : 'no FILE or URL given';
}

/** Settings from the config folder when there is one; the defaults when there is none. */
function settingsFor(config: string | null, env: CliIO['env']): Settings {
  try {
    return loadSettings({ dir: config ?? undefined, env });
  } catch (err) {
    if (isTradewireError(err, 'config_missing')) return settingsSchema.parse({});
    throw err;
  }
}

async function readStdin(io: CliIO, maxBytes: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of io.stdin) {
    const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += b.length;
    if (size > maxBytes) return null;
    chunks.push(b);
  }
  return Buffer.concat(chunks);
}

async function parseLocal(source: string, io: CliIO, maxBytes: number): Promise<Outcome> {
  let bytes: Buffer | null;
  try {
    if (source === '-') {
      bytes = await readStdin(io, maxBytes);
    } else {
      const size = statSync(source).size;
      // Refused before reading: a 50 MB file never enters memory.
      bytes = size > maxBytes ? null : readFileSync(source);
    }
  } catch (err) {
    return { ok: false, error: { code: 'io', message: `cannot read ${source}: ${errorMessage(err)}` } };
  }
  if (!bytes) return { ok: false, error: { code: 'too-large', message: `over the ${maxBytes}-byte limit (fetch.maxBytes); not parsed` } };
  const result = await parseFeed(bytes, { maxBytes });
  return result.ok ? { ok: true, feed: result.feed } : { ok: false, error: result.error };
}

function line(source: string, outcome: Outcome): string {
  if (!outcome.ok) return JSON.stringify({ source, ok: false, error: { code: outcome.error.code, message: outcome.error.message } });
  const { feed } = outcome;
  return JSON.stringify({
    source,
    ok: true,
    format: feed.format,
    title: feed.title,
    items: feed.items.map((i) => {
      // The store's key (core/identity): "g:" + guid, else "u:" + canonical URL, else "h:" + content hash.
      const key = itemKey(i);
      // `id` is the feed's own guid when it has one, else that same stable key — never null.
      return { id: i.guid?.trim() || key, key, title: i.title, link: i.url, published: i.published, author: i.author };
    }),
  });
}

export default async function parse(argv: string[], io: CliIO): Promise<number> {
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    await writeLine(args ? io.stderr : io.stdout, args ? `tradewire parse: ${args}\n\n${USAGE}` : USAGE);
    return args ? 2 : 0;
  }
  let settings: Settings;
  try {
    settings = settingsFor(args.config, io.env);
  } catch (err) {
    await writeLine(io.stderr, `tradewire parse: ${errorMessage(err)}`);
    return 2;
  }
  let http: HttpFeedSource | null = null;
  let failures = 0;
  try {
    for (const source of args.sources) {
      let outcome: Outcome;
      if (/^https?:\/\//i.test(source)) {
        http ??= createHttpFeedSource({
          fetch: settings.fetch,
          concurrency: settings.poll.concurrency,
          perHostConcurrency: settings.poll.perHostConcurrency,
          // Per-source results go to stdout as JSON; the fetcher's debug lines are not wanted here.
          log: createLogger({ level: 'silent' }),
        });
        const r = await http.fetchFeed({ feedId: 'cli', url: source, etag: null, lastModified: null });
        outcome = r.kind === 'ok' ? { ok: true, feed: r.feed } : r.kind === 'error' ? { ok: false, error: r.error } : { ok: false, error: { code: 'status', message: 'HTTP 304 without a conditional request' } };
      } else {
        outcome = await parseLocal(source, io, settings.fetch.maxBytes);
      }
      if (!outcome.ok) failures++;
      await writeLine(io.stdout, line(source, outcome));
    }
  } finally {
    await http?.close();
  }
  return failures === 0 ? 0 : 1;
}
