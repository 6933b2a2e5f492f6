/**
 * The operations endpoints of a running tradewire (start(), PostgreSQL, the real Slack client
 * against the fake Slack): /healthz, /readyz following the database through an outage and back,
 * /metrics counting the poll and the alerts it caused.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { start, type Running } from '../../src/main.js';
import { startPostgres, type TestPostgres } from '../harness/embedded-postgres.js';
import { startFakeSlack, type FakeSlack } from '../harness/fake-slack.js';

let db: TestPostgres;
let fake: FakeSlack;
let feeds: Server;
let dir: string;
let url: string;
let running: Running;
let base: string;

const STORIES = ['Tariff talks resume in Tokyo', 'Yen weakens past 150 on rate outlook', 'Tariff relief for car parts'];

beforeAll(async () => {
  [db, fake] = await Promise.all([startPostgres(), startFakeSlack()]);
  url = await db.database();
  const published = new Date(Date.now() - 90_000).toUTCString();
  const items = STORIES.map((t, i) => `<item><title>${t}</title><link>http://news.example/${i}</link><guid>e-${i}</guid><pubDate>${published}</pubDate><description>${t}.</description></item>`);
  const rss = `<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><link>http://news.example/</link>${items.join('')}</channel></rss>`;
  feeds = createServer((req, res) => {
    if (req.url === '/broken.xml') res.writeHead(500).end();
    else res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss);
  });
  await new Promise<void>((r) => feeds.listen(0, '127.0.0.1', r));
  const feedBase = `http://127.0.0.1:${(feeds.address() as AddressInfo).port}`;
  dir = mkdtempSync(join(tmpdir(), 'tradewire-ops-'));
  writeFileSync(join(dir, 'topics.yaml'), 'topics:\n  - {id: tariffs, rule: "tariff*", threshold: 1}\n  - {id: fx, rule: "yen", threshold: 1}\n');
  writeFileSync(join(dir, 'tradewire.yaml'), 'log: {level: silent}\nhttp: {port: 0, host: 127.0.0.1}\npoll: {schedule: "0 0 1 1 *"}\nfetch: {allowPrivateNetworks: true}\ndelivery: {interval: 50ms}\n');
  writeFileSync(join(dir, 'feeds.yaml'), `feeds:\n  - {id: wire, url: "${feedBase}/wire.xml", backfill: 10}\n  - {id: broken, url: "${feedBase}/broken.xml"}\n`);
  writeFileSync(join(dir, 'subscriptions.yaml'), 'subscriptions:\n  - {platform: slack, channel: C1, topics: [tariffs, fx]}\n');
  running = await start({ configDir: dir, env: { DATABASE_URL: url, SLACK_BOT_TOKEN: 'xoxb-ops', SLACK_API_URL: fake.apiUrl }, stdout: new PassThrough(), consoleCommands: false });
  base = `http://127.0.0.1:${running.port}`;
});

afterAll(async () => {
  await running?.stop();
  feeds?.close();
  await fake?.close();
  await db?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function sample(text: string, series: string): number | null {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : null;
}

/** Runs SQL as the cluster's superuser on the maintenance database. */
async function admin(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: db.url('postgres') });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

async function until(probe: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('operations endpoints on PostgreSQL', () => {
  it('counts the poll, the matches and the posts on /metrics, with the publish-to-post time', async () => {
    await fake.waitFor(() => fake.posts.length === 3, 15_000);
    let text = '';
    await until(async () => {
      text = await (await fetch(`${base}/metrics`)).text();
      return sample(text, 'tradewire_deliveries_sent_total{platform="slack",kind="alert"}') === 3 && sample(text, 'tradewire_outbox_depth') === 0;
    });
    expect(sample(text, 'tradewire_polls_total{result="ok"}')).toBe(1);
    expect(sample(text, 'tradewire_polls_total{result="error"}')).toBe(1);
    expect(sample(text, 'tradewire_fetch_errors_total{code="status"}')).toBe(1);
    expect(sample(text, 'tradewire_articles_new_total')).toBe(3);
    expect(sample(text, 'tradewire_topic_matches_total{topic="tariffs"}')).toBe(2);
    expect(sample(text, 'tradewire_topic_matches_total{topic="fx"}')).toBe(1);
    // published 90 s before the test began: every post lands between 60 s and 300 s
    expect(sample(text, 'tradewire_publish_to_post_seconds_bucket{le="60",platform="slack"}')).toBe(0);
    expect(sample(text, 'tradewire_publish_to_post_seconds_bucket{le="300",platform="slack"}')).toBe(3);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });

  it('reports the database on /readyz through an outage and its recovery', async () => {
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', checks: { store: true, slack: true } });

    const name = new URL(url).pathname.slice(1);
    await admin(`ALTER DATABASE ${name} ALLOW_CONNECTIONS false`);
    await admin(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${name}'`);
    try {
      await until(async () => (await fetch(`${base}/readyz`)).status === 503);
      const down = await fetch(`${base}/readyz`);
      expect(await down.json()).toEqual({ status: 'not ready', checks: { store: false, slack: true } });
      expect((await fetch(`${base}/healthz`)).status).toBe(200); // alive all along
      expect((await fetch(`${base}/metrics`)).status).toBe(200); // the gauge is skipped, the rest served
    } finally {
      await admin(`ALTER DATABASE ${name} ALLOW_CONNECTIONS true`);
    }
    await until(async () => (await fetch(`${base}/readyz`)).status === 200);
  });
});
