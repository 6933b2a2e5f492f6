/**
 * `tradewire poll --once`: config folder in, summary out, exit status — in process, and once as the
 * built command in a child process.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSqliteStore } from '../../src/adapters/store/sqlite/index.js';
import { runPollOnce } from '../../src/cli/poll.js';
import type { CliIO } from '../../src/cli/io.js';
import { startServer, type TestServer } from '../feeds/server.js';
import { rssDoc, serveWithEtag } from './harness.js';

let server: TestServer;
let dir: string;

function writeConfig(folder: string, feedsYaml: string): void {
  writeFileSync(
    join(folder, 'tradewire.yaml'),
    `log: {level: silent}\nstore: {driver: sqlite, path: ${JSON.stringify(join(folder, 'data', 'tw.db'))}}\nfetch: {allowPrivateNetworks: true, timeout: 2s}\n`,
  );
  writeFileSync(join(folder, 'topics.yaml'), 'topics:\n  - id: tariffs\n    rule: "tariff* OR duties"\n  - id: fx\n    rule: "yen OR currency"\n');
  writeFileSync(join(folder, 'feeds.yaml'), feedsYaml);
  writeFileSync(join(folder, 'subscriptions.yaml'), 'subscriptions:\n  - {platform: console, channel: stdout, topics: [tariffs, fx]}\n');
}

function captureIO(env: Record<string, string> = {}): CliIO & { out: () => string; err: () => string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => (out += c.toString()));
  stderr.on('data', (c: Buffer) => (err += c.toString()));
  return { stdout, stderr, stdin: new PassThrough(), env, out: () => out, err: () => err };
}

beforeAll(async () => {
  server = await startServer();
  dir = mkdtempSync(join(tmpdir(), 'tradewire-cli-'));
  serveWithEtag(server, '/wire', () =>
    rssDoc('Wire', [
      { guid: 'w1', title: 'US raises tariffs on steel', link: 'https://wire.example/1', body: 'New duties take effect.', published: new Date(Date.now() - 60_000).toISOString() },
      { guid: 'w2', title: 'Yen weakens past 160', link: 'https://wire.example/2', body: 'The currency slid.', published: new Date(Date.now() - 30_000).toISOString() },
    ]),
  );
  server.route('/broken', (_req, res) => res.writeHead(500).end());
  writeConfig(dir, `feeds:\n  - {id: wire, url: "${server.url('/wire')}", backfill: 5}\n  - {id: broken, url: "${server.url('/broken')}"}\n`);
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('tradewire poll --once', () => {
  it('runs one cycle, prints the summary and exits 0 even when a feed fails', async () => {
    const io = captureIO();
    expect(await runPollOnce(['--once', '--config', dir], io, { deliverDue: null })).toBe(0);
    expect(io.out()).toMatch(/feeds polled: 2 \(200: 1, 304: 0, errors: 1\)/);
    expect(io.out()).toMatch(/new articles: 2 \(new stories: 2, also reported: 0\)/);
    expect(io.out()).toMatch(/matches: tariffs 1, fx 1/);
    expect(io.out()).toMatch(/error broken: status \(HTTP 500\)/);
    expect(io.out()).toMatch(/deliveries waiting in the outbox: 2/);
    const store = createSqliteStore({ path: join(dir, 'data', 'tw.db') });
    expect((await store.listSubscriptions()).map((s) => [s.destination.platform, s.topic, s.createdBy])).toEqual([
      ['console', 'fx', 'config'],
      ['console', 'tariffs', 'config'],
    ]);
    await store.close();
  });

  it('hands the due deliveries to the delivery hook', async () => {
    const io = captureIO();
    let outbox = -1;
    const code = await runPollOnce(['--once', `--config=${dir}`], io, {
      deliverDue: async ({ store, maxWaitMs }) => {
        outbox = await store.outboxDepth();
        expect(maxWaitMs).toBe(30_000);
        return { sent: outbox, failed: 0, pending: 0 };
      },
    });
    expect(code).toBe(0);
    expect(outbox).toBe(2);
    expect(io.out()).toMatch(/deliveries sent: 2, failed: 0, still queued: 0/);
  });

  it('exits 1 with the reason when the cycle cannot run, 2 on a usage error', async () => {
    const bad = mkdtempSync(join(tmpdir(), 'tradewire-cli-bad-'));
    writeConfig(bad, 'feeds:\n  - {id: Bad Id, url: "not a url"}\n');
    const io = captureIO();
    expect(await runPollOnce(['--once', '--config', bad], io, { deliverDue: null })).toBe(1);
    expect(io.err()).toMatch(/config_invalid/);
    rmSync(bad, { recursive: true, force: true });
    const usage = captureIO();
    expect(await runPollOnce([], usage, { deliverDue: null })).toBe(2);
    expect(usage.err()).toMatch(/needs --once/);
  });

  it('works as the built command: a second run finds nothing due', async () => {
    const own = mkdtempSync(join(tmpdir(), 'tradewire-cli-bin-'));
    writeConfig(own, `feeds:\n  - {id: wire, url: "${server.url('/wire')}"}\n`);
    const run = () => promisify(execFile)(process.execPath, [resolve('dist/cli.js'), 'poll', '--once'], { env: { ...process.env, TRADEWIRE_CONFIG_DIR: own, LOG_LEVEL: 'silent' } });
    expect((await run()).stdout).toMatch(/feeds polled: 1 \(200: 1[\s\S]*new articles: 2/);
    expect((await run()).stdout).toMatch(/feeds polled: 0/);
    rmSync(own, { recursive: true, force: true });
  });
});
