/**
 * `tradewire run` in a child process on SQLite, with real signals: SIGTERM during a poll cycle whose
 * feeds hang aborts their fetches, claims nothing more, records no failure, leaves no feed lease and
 * exits 0 well inside Docker's 10 s grace period — the next start polls those feeds. SIGTERM during
 * start-up (Slack's auth.test unanswered) exits 0 at once; an unreachable Discord gateway holds up
 * neither /healthz nor polling; a fresh console install says what it loaded and how to see an alert.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTcpServer, type Server as TcpServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFakeSlack, type FakeSlack } from '../harness/fake-slack.js';
import { killAll, spawnRun, type RunChild } from './run-child.js';

const FEEDS = ['alpha', 'beta', 'gamma'];
/** One distinct story per feed (similar headlines would be one story reported thrice). */
const HEADLINES: Record<string, string> = {
  alpha: 'Tokyo weighs tariff retaliation over steel',
  beta: 'Brussels delays tariff vote on electric cars',
  gamma: 'Ottawa drops dairy tariff quota dispute',
};
let feedServer: Server;
let feedBase: string;
/** 'hang': accept and never answer; 'serve': answer with one tariff story per feed. */
let mode: 'hang' | 'serve' = 'hang';
const requests: { path: string; aborted: boolean }[] = [];
let fake: FakeSlack;
let blackHole: TcpServer;
const holes: Socket[] = [];
const children: RunChild[] = [];
const dirs: string[] = [];

function answer(req: IncomingMessage, res: ServerResponse): void {
  const entry = { path: req.url ?? '', aborted: false };
  requests.push(entry);
  res.on('close', () => void (entry.aborted = !res.writableEnded));
  if (mode === 'hang') return;
  const id = (req.url ?? '').replace(/^\/|\.xml$/g, '');
  const item = `<item><title>${HEADLINES[id]}</title><link>http://news.example/${id}</link><guid>${id}</guid><pubDate>${new Date(Date.now() - 60_000).toUTCString()}</pubDate><description>Tariffs on ${id}.</description></item>`;
  res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(`<?xml version="1.0"?><rss version="2.0"><channel><title>${id}</title><link>http://news.example/</link>${item}</channel></rss>`);
}

beforeAll(async () => {
  feedServer = createServer(answer);
  await new Promise<void>((r) => feedServer.listen(0, '127.0.0.1', r));
  feedBase = `http://127.0.0.1:${(feedServer.address() as AddressInfo).port}`;
  fake = await startFakeSlack();
  // Accepts connections and never says a word: a platform that is unreachable in practice.
  blackHole = createTcpServer((s) => void holes.push(s));
  await new Promise<void>((r) => blackHole.listen(0, '127.0.0.1', r));
});
afterEach(async () => {
  await killAll(children.splice(0));
  fake.reset();
  mode = 'hang';
  requests.length = 0;
});
afterAll(async () => {
  feedServer?.closeAllConnections();
  feedServer?.close();
  for (const s of holes) s.destroy();
  blackHole?.close();
  await fake?.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function configDir(subscriptions = 'subscriptions:\n  - {platform: console, channel: stdout, topics: [tariffs]}\n'): { dir: string; db: string } {
  const dir = mkdtempSync(join(tmpdir(), 'tradewire-lifecycle-'));
  dirs.push(dir);
  const db = join(dir, 'tw.db');
  writeFileSync(join(dir, 'topics.yaml'), 'topics:\n  - {id: tariffs, rule: "tariff*", threshold: 1}\n');
  writeFileSync(
    join(dir, 'tradewire.yaml'),
    ['log: {level: info}', 'http: {host: 127.0.0.1}', `store: {driver: sqlite, path: "${db}"}`, 'poll: {schedule: "0 0 1 1 *", leaseTtl: 5m, perHostConcurrency: 4}', 'fetch: {allowPrivateNetworks: true, timeout: 2m}', 'delivery: {interval: 100ms}'].join('\n'),
  );
  writeFileSync(join(dir, 'feeds.yaml'), `feeds:\n${FEEDS.map((f) => `  - {id: ${f}, url: "${feedBase}/${f}.xml", backfill: 5}`).join('\n')}\n`);
  writeFileSync(join(dir, 'subscriptions.yaml'), subscriptions);
  return { dir, db };
}

interface FeedRow {
  id: string;
  lease_owner: string | null;
  last_result: string | null;
  consecutive_failures: number;
}

function feedRows(db: string): FeedRow[] {
  const conn = new Database(db, { readonly: true });
  try {
    return conn.prepare('SELECT id, lease_owner, last_result, consecutive_failures FROM feeds ORDER BY id').all() as FeedRow[];
  } finally {
    conn.close();
  }
}

/** Polls a probe (a file on disk, a child's output: nothing to subscribe to) until it holds. */
async function waitFor(probe: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function run(dir: string, env: Record<string, string> = {}): Promise<RunChild> {
  const child = await spawnRun(dir, env);
  children.push(child);
  return child;
}

describe('tradewire run: lifecycle', () => {
  it('SIGTERM during a poll cycle aborts the fetches, leaves no lease and no failure, exits 0 in budget; the next start polls the feeds', async () => {
    const { dir, db } = configDir();
    const first = await run(dir);
    await first.ready();
    await waitFor(() => requests.length === FEEDS.length, 20_000); // every feed's fetch hangs in flight
    expect(feedRows(db).every((f) => f.lease_owner !== null)).toBe(true);

    const signalledAt = Date.now();
    first.process.kill('SIGTERM');
    expect(await first.exited, first.stderr()).toBe(0);
    expect(Date.now() - signalledAt).toBeLessThan(5_000); // fetch timeout is 2 min: only the abort ends them
    expect(requests.every((r) => r.aborted)).toBe(true);
    expect(requests).toHaveLength(FEEDS.length); // nothing claimed or fetched after the signal
    expect(first.stderr()).not.toMatch(/"level":(40|50|60)/); // no warning: nothing outlived its budget
    expect(first.stderr()).toMatch(/"interrupted":3,"msg":"poll: cycle stopped for shutdown"/);
    expect(first.stderr()).not.toMatch(/abandoned/); // nothing in flight was left holding the process
    expect(feedRows(db)).toEqual(FEEDS.map((id) => ({ id, lease_owner: null, last_result: null, consecutive_failures: 0 })));

    mode = 'serve';
    const second = await run(dir);
    await second.ready();
    await waitFor(() => feedRows(db).every((f) => f.last_result === 'ok'), 20_000);
    await waitFor(() => FEEDS.every((f) => second.stdout().includes(HEADLINES[f]!)), 20_000);
    second.process.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  }, 90_000);

  it('SIGTERM during start-up (Slack auth.test unanswered) stops cleanly and exits 0 at once', async () => {
    const { dir } = configDir('subscriptions:\n  - {platform: slack, channel: C1, topics: [tariffs]}\n');
    fake.setDelay('auth.test', 60_000);
    const child = await run(dir, { SLACK_BOT_TOKEN: 'xoxb-start', SLACK_API_URL: fake.apiUrl });
    await fake.waitFor(() => fake.calls.some((c) => c.method === 'auth.test'), 20_000);
    const signalledAt = Date.now();
    child.process.kill('SIGTERM');
    expect(await child.exited, child.stderr()).toBe(0);
    expect(Date.now() - signalledAt).toBeLessThan(3_000);
    expect(child.stderr()).toMatch(/stopped during start-up/);
    expect(child.stderr()).not.toMatch(/"level":(50|60)/);
    expect(requests).toEqual([]); // it never got as far as polling
  }, 60_000);

  it('an unreachable Discord gateway holds up neither /healthz nor polling; SIGTERM then exits 0 in budget', async () => {
    mode = 'serve';
    const { dir, db } = configDir('subscriptions:\n  - {platform: console, channel: stdout, topics: [tariffs]}\n');
    const port = (blackHole.address() as AddressInfo).port;
    const child = await run(dir, { DISCORD_TOKEN: 'discord-token', DISCORD_API_URL: `http://127.0.0.1:${port}/api` });
    await child.ready(20_000);
    await waitFor(() => feedRows(db).every((f) => f.last_result === 'ok'), 20_000);
    expect(holes.length).toBeGreaterThan(0); // the gateway login is still waiting on the black hole
    expect((await fetch(`${child.base}/readyz`)).status).toBe(503); // not ready without its gateway
    const signalledAt = Date.now();
    child.process.kill('SIGTERM');
    expect(await child.exited, child.stderr()).toBe(0);
    expect(Date.now() - signalledAt).toBeLessThan(9_000);
  }, 60_000);
});
