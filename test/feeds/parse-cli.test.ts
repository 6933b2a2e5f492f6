/**
 * `tradewire parse` in-process (captured stdout/stderr) and once through the built binary: one JSON
 * line per source, `source` exactly as given, exit 0 only when every source parsed, URLs through the
 * fetcher with the SSRF guard on unless the config folder allows private networks.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { promisify } from 'node:util';
import { itemKey } from '../../src/core/identity.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import { corpusDir } from './corpus.js';
import { rss, startServer, type TestServer } from './server.js';

const corpus = corpusDir();
let server: TestServer;
let tmp: string;

beforeAll(async () => {
  server = await startServer();
  server.route('/feed.xml', (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss([{ title: 'Yen slides', link: 'https://e.org/yen', guid: 'g-1' }], 'FX desk')));
  tmp = mkdtempSync(join(tmpdir(), 'tw-parse-'));
  const allow = join(tmp, 'allow');
  mkdirSync(allow);
  writeFileSync(join(allow, 'tradewire.yaml'), 'fetch:\n  allowPrivateNetworks: true\n  timeout: 5s\n');
  writeFileSync(join(allow, 'topics.yaml'), 'topics:\n  - id: fx\n    rule: yen\n');
});
afterAll(async () => {
  await server.close();
  rmSync(tmp, { recursive: true, force: true });
});

async function run(args: string[], env: Record<string, string> = {}, stdin = ''): Promise<{ code: number; lines: Record<string, unknown>[]; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  stderr.on('data', (d: Buffer) => (err += d.toString()));
  const code = await runCli(['parse', ...args], { stdout, stderr, stdin: Readable.from([stdin]), env: { TRADEWIRE_CONFIG_DIR: join(tmp, 'none'), ...env } });
  return { code, lines: out.trim() ? out.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>) : [], stderr: err };
}

describe('tradewire parse', () => {
  it('prints one line per file with the contract fields, and exits 0 when all parsed', async () => {
    const file = join(corpus, 'feed-rs/atom_example_1.xml');
    const { code, lines } = await run([file, join(corpus, 'netnewswire/curt.json')]);
    expect(code).toBe(0);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toEqual({
      source: file,
      ok: true,
      format: 'atom',
      title: 'dive into mark',
      items: [{ id: 'tag:example.org,2003:3.2397', key: 'g:tag:example.org,2003:3.2397', title: 'Atom draft-07 snapshot', link: 'http://example.org/2005/04/02/atom', published: '2003-12-13T12:29:29.000Z', author: 'Mark Pilgrim' }],
    });
    expect(lines[1]).toMatchObject({ ok: true, format: 'json1' });
  });

  it('reports each failing source and exits 1, keeping the source exactly as given', async () => {
    const args = [join(corpus, 'crafted/html-instead-of-feed.html'), 'missing-file.xml', join(corpus, 'newsboat/rss.xml')];
    const { code, lines } = await run(args);
    expect(code).toBe(1);
    expect(lines.map((l) => l.source)).toEqual(args);
    expect(lines.map((l) => l.ok)).toEqual([false, false, true]);
    expect(lines[0]).toMatchObject({ error: { code: 'not-a-feed', message: expect.stringContaining('https://news.example.org/feed.xml') } });
    expect(lines[1]).toMatchObject({ error: { code: 'io' } });
  });

  it('reads - from stdin', async () => {
    const { code, lines } = await run(['-'], {}, rss([{ title: 'From stdin', link: 'https://e.org/s' }]));
    expect(code).toBe(0);
    expect(lines[0]).toMatchObject({ source: '-', ok: true, items: [{ title: 'From stdin', link: 'https://e.org/s' }] });
  });

  it('gives an item without guid the store’s stable key as its id, never null', async () => {
    const doc = `<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>
      <item><title>Linked</title><link>https://e.org/a?utm_source=rss&amp;id=3</link></item>
      <item><title>Bare</title><description>Only text.</description></item></channel></rss>`;
    const first = await run(['-'], {}, doc);
    const again = await run(['-'], {}, doc);
    const items = first.lines[0]!.items as { id: string; key: string; title: string }[];
    expect(items.map((i) => i.id)).toEqual(['u:https://e.org/a?id=3', expect.stringMatching(/^h:[0-9a-f]{28}$/)]);
    expect(items.map((i) => i.key)).toEqual(items.map((i) => i.id));
    // The key the store would give the same item (core/identity), and the same on every run.
    expect(items[1]!.id).toBe(itemKey({ guid: null, url: null, title: 'Bare', body: 'Only text.' }));
    expect(again.lines[0]!.items).toEqual(items);
  });

  it('fetches URLs with the SSRF guard on by default, and as configured with --config', async () => {
    const url = server.url('/feed.xml');
    const guarded = await run([url]);
    expect(guarded.code).toBe(1);
    expect(guarded.lines[0]).toMatchObject({ source: url, ok: false, error: { code: 'blocked-address' } });
    const allowed = await run(['--config', join(tmp, 'allow'), url]);
    expect(allowed.code).toBe(0);
    expect(allowed.lines[0]).toMatchObject({ source: url, ok: true, format: 'rss20', title: 'FX desk', items: [{ id: 'g-1', title: 'Yen slides', link: 'https://e.org/yen' }] });
  });

  it('is usage error 2 with no source or an unknown option', async () => {
    expect((await run([])).code).toBe(2);
    expect((await run(['--bogus', 'x'])).code).toBe(2);
  });

  it('works through the built binary', async () => {
    const bin = resolve('dist/cli.js');
    expect(existsSync(bin), 'npm test builds dist/ first').toBe(true);
    const { stdout } = await promisify(execFile)(process.execPath, [bin, 'parse', join(corpus, 'newsboat/rss091_1.xml')], { env: { ...process.env, TRADEWIRE_CONFIG_DIR: join(tmp, 'none') } });
    expect(JSON.parse(stdout)).toMatchObject({ ok: true, format: 'rss091', items: [{ title: '1 < 2' }] });
  });
});
