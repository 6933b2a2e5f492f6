/**
 * Graceful shutdown of `tradewire run` (a child process, real signals, PostgreSQL, the real Slack
 * client against the fake Slack): on SIGTERM it stops claiming work, lets the send in flight
 * finish, releases what it holds, closes the database and exits 0 — /readyz answers 503 meanwhile,
 * and another instance can take the remaining work at once. A second signal exits at once.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresStore } from '../../src/adapters/store/postgres/index.js';
import { startPostgres, type TestPostgres } from '../harness/embedded-postgres.js';
import { startFakeSlack, type FakeSlack } from '../harness/fake-slack.js';
import { killAll, spawnRun, type RunChild } from './run-child.js';

let db: TestPostgres;
let fake: FakeSlack;
let feeds: Server;
let feedUrl: string;
const children: RunChild[] = [];
const dirs: string[] = [];

const STORIES = ['Yen slides as tariff talks stall', 'Tariff deadline nears for autos', 'Tokyo weighs tariff retaliation'];

beforeAll(async () => {
  [db, fake] = await Promise.all([startPostgres(), startFakeSlack()]);
  const items = STORIES.map(
    (t, i) =>
      `<item><title>${t}</title><link>http://news.example/${i}</link><guid>s-${i}</guid><pubDate>${new Date(Date.now() - (i + 1) * 60_000).toUTCString()}</pubDate>` +
      `<description>${t}. Officials said tariffs on cars would rise.</description></item>`,
  );
  const rss = `<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><link>http://news.example/</link>${items.join('')}</channel></rss>`;
  feeds = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss));
  await new Promise<void>((r) => feeds.listen(0, '127.0.0.1', r));
  feedUrl = `http://127.0.0.1:${(feeds.address() as AddressInfo).port}/feed.xml`;
});
afterEach(async () => {
  await killAll(children.splice(0));
  fake.reset();
});
afterAll(async () => {
  feeds?.close();
  await fake?.close();
  await db?.stop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A config folder: one feed whose three stories all alert to one Slack channel. */
function configDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tradewire-shutdown-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'topics.yaml'), 'topics:\n  - {id: tariffs, rule: "tariff*", threshold: 1}\n');
  writeFileSync(
    join(dir, 'tradewire.yaml'),
    ['log: {level: warn}', 'http: {host: 127.0.0.1}', 'poll: {schedule: "0 0 1 1 *"}', 'fetch: {allowPrivateNetworks: true}', 'delivery: {interval: 100ms, leaseTtl: 2m}'].join('\n'),
  );
  writeFileSync(join(dir, 'feeds.yaml'), `feeds:\n  - {id: wire, url: "${feedUrl}", backfill: 10}\n`);
  writeFileSync(join(dir, 'subscriptions.yaml'), 'subscriptions:\n  - {platform: slack, channel: C1, topics: [tariffs]}\n');
  return dir;
}

async function rows<R extends object>(url: string, text: string): Promise<R[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<R>(text)).rows;
  } finally {
    await client.end();
  }
}

const postCalls = (): number => fake.calls.filter((c) => c.method === 'chat.postMessage').length;

/** A bot on a fresh database whose Slack answers posts after `sendMs`; returns once the first post is in flight. */
async function botWithSendInFlight(sendMs: number): Promise<{ child: RunChild; url: string }> {
  const url = await db.database();
  fake.setDelay('chat.postMessage', sendMs);
  const child = await spawnRun(configDir(), { DATABASE_URL: url, SLACK_BOT_TOKEN: 'xoxb-shutdown', SLACK_API_URL: fake.apiUrl });
  children.push(child);
  await child.ready();
  await fake.waitFor(() => postCalls() === 1, 20_000);
  return { child, url };
}

describe('tradewire run: shutdown on signals', () => {
  it('SIGTERM: finishes the send in flight, claims nothing more, releases its leases, exits 0', async () => {
    const { child, url } = await botWithSendInFlight(1_500); // the first alert is in flight (answered in 1.5 s)
    expect((await fetch(`${child.base}/readyz`)).status).toBe(200);

    const signalledAt = Date.now();
    child.process.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 300));
    const during = await fetch(`${child.base}/readyz`);
    expect(during.status).toBe(503);
    expect(await during.json()).toMatchObject({ status: 'stopping' });

    expect(await child.exited).toBe(0);
    // the send took 1.5 s; nothing else (a timer, a socket) may hold the process open after it
    expect(Date.now() - signalledAt).toBeLessThan(6_000);
    expect(child.stderr()).not.toMatch(/"level":(50|60)/); // no error or fatal lines
    expect(postCalls()).toBe(1); // nothing claimed after the signal
    expect(fake.posts).toHaveLength(1); // the one in flight was answered…
    const states = await rows<{ status: string; n: number }>(url, "SELECT status, COUNT(*)::int AS n FROM deliveries GROUP BY status ORDER BY status");
    expect(states).toEqual([
      { status: 'pending', n: 2 },
      { status: 'sent', n: 1 }, // …and recorded
    ]);
    expect(await rows(url, 'SELECT id FROM feeds WHERE lease_owner IS NOT NULL')).toEqual([]);
    expect(await rows(url, "SELECT pid FROM pg_stat_activity WHERE application_name = 'tradewire'")).toEqual([]); // pool closed

    // Nothing waits for a lease to expire: another instance takes the rest at once.
    const other = await createPostgresStore({ url, poolSize: 1 });
    const [batch] = await other.claimDeliveries({ now: new Date().toISOString(), limit: 5, leaseMs: 60_000, owner: 'next-instance' });
    expect(batch?.deliveries).toHaveLength(1);
    await other.close();
  }, 60_000);

  it('a second signal exits at once, without waiting for the send in flight', async () => {
    const { child } = await botWithSendInFlight(30_000);
    child.process.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 300));
    expect(child.process.exitCode).toBeNull(); // still waiting for the send (up to its stop timeout)
    const t0 = Date.now();
    child.process.kill('SIGINT');
    expect(await child.exited).toBe(130);
    expect(Date.now() - t0).toBeLessThan(3_000);
  }, 60_000);
});
