/**
 * The shared feed corpus: every real file through parseFeed, compared with the independent oracle
 * (≥ 98 % must agree, and the disagreements must be exactly those listed in DISAGREEMENTS.md, so a
 * regression and a fix both show); every crafted hostile file against its `expect` and `checks`.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parseFeed, type ParseResult } from '../../src/adapters/feeds/parse/index.js';
import { corpusDir, loadExpected, runCorpus, type Expected } from './corpus.js';

const dir = corpusDir();
const expected = loadExpected(dir);
const here = dirname(fileURLToPath(import.meta.url));

/** The files listed in the first column of the table in DISAGREEMENTS.md. */
function listedDisagreements(): string[] {
  const text = readFileSync(join(here, 'DISAGREEMENTS.md'), 'utf8');
  return text
    .split('\n')
    .filter((l) => /^\|\s*`[^`]+`\s*\|/.test(l))
    .map((l) => /^\|\s*`([^`]+)`/.exec(l)?.[1] ?? '')
    .sort();
}

describe('real feeds agree with the oracle (feedparser)', () => {
  it('agrees on at least 98 % of the files, and disagrees exactly where DISAGREEMENTS.md says', async () => {
    const results = await runCorpus(dir);
    const real = expected.filter((e) => !e.crafted);
    expect(results).toHaveLength(real.length);
    const disagreeing = results.filter((r) => !r.agrees);
    const agreement = (results.length - disagreeing.length) / results.length;
    const report = disagreeing.map((r) => `${r.file}: ${r.differences.join('; ')}`).join('\n');
    expect(disagreeing.map((r) => r.file).sort(), `disagreements:\n${report}`).toEqual(listedDisagreements());
    expect(agreement).toBeGreaterThanOrEqual(0.98);
  });
});

/** Every string value anywhere in a parse result. */
function strings(result: ParseResult): string[] {
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === 'string') out.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(result);
  return out;
}

async function timed(bytes: Uint8Array): Promise<{ result: ParseResult; seconds: number }> {
  const started = performance.now();
  const result = await parseFeed(bytes);
  return { result, seconds: (performance.now() - started) / 1000 };
}

/** Listens on the host:port of `url` when possible, so a fetch of it would be seen. */
async function watch(url: string): Promise<{ hits: () => number; port: number; close: () => Promise<void> } | null> {
  const u = new URL(url);
  let hits = 0;
  const server = createServer((_req, res) => {
    hits++;
    res.end('<!ENTITY ext "FETCHED">');
  });
  const ok = await new Promise<boolean>((resolve) => {
    server.once('error', () => resolve(false));
    server.listen(Number(u.port || 80), u.hostname, () => resolve(true));
  });
  const port = ok ? (server.address() as { port: number }).port : 0;
  return ok ? { hits: () => hits, port, close: () => new Promise((r) => server.close(() => r())) } : null;
}

function checkCrafted(e: Expected, result: ParseResult, seconds: number): void {
  const checks = e.checks ?? {};
  const entries = result.ok ? result.feed.items.length : 0;
  if (e.expect === 'error') {
    expect(result.ok, `${e.file} must be refused`).toBe(false);
  }
  if (typeof checks.entries === 'number') expect(entries).toBe(checks.entries);
  if (!checks.error_allowed && e.expect !== 'error') expect(result.ok, `${e.file}: ${JSON.stringify(result)}`).toBe(true);
  const all = strings(result);
  for (const needle of (checks.must_not_contain as string[] | undefined) ?? []) {
    expect(all.filter((s) => s.includes(needle)), `${e.file} leaks "${needle}"`).toEqual([]);
  }
  for (const file of (checks.no_local_file_contents as string[] | undefined) ?? []) {
    const content = readFileSync(file, 'utf8').split('\n').find((l) => l.length > 8);
    if (content) expect(all.some((s) => s.includes(content))).toBe(false);
  }
  if (typeof checks.max_field_chars === 'number') expect(Math.max(0, ...all.map((s) => s.length))).toBeLessThanOrEqual(checks.max_field_chars);
  if (typeof checks.time_limit_s === 'number') expect(seconds).toBeLessThan(checks.time_limit_s);
  if (result.ok && typeof checks.if_parsed_entries === 'number') expect(entries).toBe(checks.if_parsed_entries);
  if (result.ok && typeof checks.if_parsed_first_title === 'string') expect(result.feed.items[0]?.title).toBe(checks.if_parsed_first_title);
  if (result.ok && typeof checks.max_entries === 'number') {
    expect(entries).toBeLessThanOrEqual(checks.max_entries);
    expect(entries).toBeGreaterThanOrEqual(Number(checks.complete_entries ?? 0));
    if (entries > 0 && typeof checks.if_entries_first_title === 'string') expect(result.feed.items[0]?.title).toBe(checks.if_entries_first_title);
  }
  if (typeof checks.autodiscovery_href === 'string') {
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toContain(checks.autodiscovery_href);
  }
}

describe('crafted hostile files meet their expectations', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'tw-huge-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  for (const e of expected.filter((x) => x.crafted)) {
    it(`${e.file} (${e.expect})`, async () => {
      if (e.generator) {
        // The generator writes its default (~50 MB) feed; it must be refused fast, not parsed.
        const out = join(tmp, 'huge.xml');
        execFileSync('sh', [join(dir, e.file), out]);
        expect(statSync(out).size).toBeGreaterThan(10 * 1024 * 1024);
        const { result, seconds } = await timed(readFileSync(out));
        expect(result.ok).toBe(false);
        if (!result.ok) expect(result.error.code).toBe('too-large');
        expect(seconds).toBeLessThan(2);
        return;
      }
      const bytes = readFileSync(join(dir, e.file));
      const fetchWatch = await Promise.all(((e.checks?.must_not_fetch as string[] | undefined) ?? []).map(async (url) => ({ url, watcher: await watch(url) })));
      // When the named port cannot be taken here, the document is pointed at a port that can.
      let doc = bytes;
      for (const w of fetchWatch.filter((x) => !x.watcher)) {
        const local = await watch('http://127.0.0.1:0/');
        expect(local, 'a local server for must_not_fetch').not.toBeNull();
        w.watcher = local;
        doc = Buffer.from(doc.toString('latin1').replace(w.url, `http://127.0.0.1:${local?.port ?? 0}/feed.dtd`), 'latin1');
      }
      const { result, seconds } = await timed(doc);
      checkCrafted(e, result, seconds);
      for (const w of fetchWatch) {
        expect(w.watcher?.hits(), `${w.url} must never be requested`).toBe(0);
        await w.watcher?.close();
      }
    });
  }
});
