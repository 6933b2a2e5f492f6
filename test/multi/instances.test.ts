/**
 * Several instances on one PostgreSQL: three `tradewire run` processes (the real CLI), 200 feeds on
 * a local server, the real Slack client against the fake Slack (which enforces one message per
 * channel per second, answering 429 otherwise). Mid-run one instance is SIGKILLed. Then:
 * every story is posted, to its channel, with repeats only for messages that were in flight at the
 * kill; no feed is requested twice inside its interval except a poll the kill cut off (bounded like
 * the repeats); all three instances shared the work; the survivors stop cleanly on SIGTERM,
 * leaving nothing claimed.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgres, type TestPostgres } from '../harness/embedded-postgres.js';
import { startFakeSlack, type FakeSlack } from '../harness/fake-slack.js';
import { killAll, spawnRun, type RunChild } from '../ops/run-child.js';
import { startFeedFarm, type FeedFarm } from './feed-farm.js';

const FEEDS = 200;
const CHANNELS = 40; // feed i posts to channel C<i % 40> through topic t<i % 40>
const INTERVAL_MS = 6_000; // every feed's poll interval
// A feed lease runs from the claim, the interval from the previous request: a second longer covers
// the time between a claim and its request, so a takeover never polls inside the interval.
const LEASE_MS = INTERVAL_MS + 1_000;
const CONCURRENCY = 8; // delivery.concurrency: at most this many sends in flight per instance

let db: TestPostgres;
let fake: FakeSlack;
let farm: FeedFarm;
/** One config folder per instance: the same files, but each fetches with its own User-Agent. */
const dirs: string[] = [];
const children: RunChild[] = [];

const pad = (n: number): string => String(n).padStart(2, '0');

beforeAll(async () => {
  [db, fake, farm] = await Promise.all([
    startPostgres(),
    startFakeSlack({ perChannelMs: 1_000, delays: { 'chat.postMessage': 150 } }),
    startFeedFarm({ feeds: FEEDS, topics: CHANNELS, newItems: 2, firstNewAfterMs: 1_000, periodMs: 8_000 }),
  ]);
  const topics = Array.from({ length: CHANNELS }, (_, t) => `  - {id: t${pad(t)}, rule: "kw${pad(t)}", threshold: 1}`);
  const feeds = Array.from({ length: FEEDS }, (_, i) => `  - {id: f${i}, url: "${farm.url(i)}"}`);
  const subs = Array.from({ length: CHANNELS }, (_, c) => `  - {platform: slack, channel: C${pad(c)}, topics: [t${pad(c)}]}`);
  for (let n = 0; n < 3; n++) {
    const dir = mkdtempSync(join(tmpdir(), 'tradewire-multi-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'topics.yaml'), `topics:\n${topics.join('\n')}\n`);
    writeFileSync(join(dir, 'feeds.yaml'), `feeds:\n${feeds.join('\n')}\n`);
    writeFileSync(join(dir, 'subscriptions.yaml'), `subscriptions:\n${subs.join('\n')}\n`);
    writeFileSync(
      join(dir, 'tradewire.yaml'),
      [
        'log: {level: warn}',
        'http: {host: 127.0.0.1}',
        `poll: {schedule: "* * * * * *", every: ${INTERVAL_MS}ms, jitter: 0, leaseTtl: ${LEASE_MS}ms, concurrency: 16, perHostConcurrency: 16}`,
        `fetch: {allowPrivateNetworks: true, timeout: 4s, userAgent: instance-${n}}`,
        `delivery: {interval: 200ms, leaseTtl: 5s, concurrency: ${CONCURRENCY}, maxAttempts: 50}`,
      ].join('\n'),
    );
  }
});

afterAll(async () => {
  await killAll(children);
  await farm?.close();
  await fake?.close();
  await db?.stop();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function metric(child: RunChild, series: string): Promise<number> {
  const text = await (await fetch(`${child.base}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

/** Top-level posts per story marker: channel and arrival time of each copy. */
function postsByMarker(): Map<string, { channel: string; at: number }[]> {
  const out = new Map<string, { channel: string; at: number }[]>();
  for (const p of fake.posts) {
    if (p.threadTs !== null) continue;
    const marker = /zq\d+x\d+/.exec(p.text)?.[0];
    if (!marker) continue;
    out.set(marker, [...(out.get(marker) ?? []), { channel: p.channel, at: p.at }]);
  }
  return out;
}

describe('three instances on one PostgreSQL, one killed mid-run', () => {
  it('posts every story once (repeats only for sends in flight at the kill) and never polls a feed twice inside its interval', async () => {
    const url = await db.emptyDatabase(); // the three instances migrate it together
    // One token per instance, so the fake Slack tells who sent each message.
    const token = (n: number): string => `xoxb-multi-${n}`;
    for (const [n, dir] of dirs.entries()) children.push(await spawnRun(dir, { DATABASE_URL: url, SLACK_BOT_TOKEN: token(n), SLACK_API_URL: fake.apiUrl }));
    await Promise.all(children.map((c) => c.ready(60_000)));
    const [a, b, victim] = children as [RunChild, RunChild, RunChild];

    // Publishing starts once every feed was polled once; kill one instance while stories flow.
    await farm.allPolled();
    await fake.waitFor(() => fake.posts.length >= 60, 40_000);
    const victimSent = await metric(victim, 'tradewire_deliveries_sent_total{platform="slack",kind="alert"}');
    const inFlightAtKill = fake.calls.filter((c) => c.method === 'chat.postMessage').length - fake.posts.length - fake.rateLimited.length;
    victim.process.kill('SIGKILL');
    const killedAt = Date.now();
    expect(await victim.exited).toBe('SIGKILL');

    // Wait for every story published to be posted.
    await farm.allPublished();
    const expected = farm.published();
    expect(expected).toHaveLength(FEEDS * 2);
    await fake.waitFor(() => expected.every((m) => postsByMarker().has(m)), 60_000).catch(() => undefined);
    const byMarker = postsByMarker();
    const missing = expected.filter((m) => !byMarker.has(m));
    expect(missing, 'stories never posted').toEqual([]);

    // Each story in its own channel; a repeat only for a message in flight at the kill: the victim
    // sent it first (its request reached Slack before any survivor's), and a survivor sent it again
    // once the victim's lease ran out.
    const repeats: string[] = [];
    const postCalls = fake.calls.filter((c) => c.method === 'chat.postMessage');
    for (const [marker, copies] of byMarker) {
      const feed = Number(/zq(\d+)x/.exec(marker)![1]);
      expect(new Set(copies.map((c) => c.channel))).toEqual(new Set([`C${pad(feed % CHANNELS)}`]));
      if (copies.length > 1) {
        repeats.push(marker);
        expect(copies).toHaveLength(2);
        const calls = postCalls.filter((c) => typeof c.params.text === 'string' && c.params.text.includes(marker));
        const firstBy = (who: (t: string | null) => boolean): number => Math.min(...calls.filter((c) => who(c.token)).map((c) => c.at));
        expect(firstBy((t) => t === token(2)), `${marker}: first sent by the victim`).toBeLessThan(firstBy((t) => t !== token(2)));
      }
    }
    expect(repeats.length).toBeLessThanOrEqual(CONCURRENCY);
    expect(byMarker.size).toBe(expected.length);

    // No feed requested twice inside its interval. The one exception is a poll the victim had
    // under way when it died: it never recorded its outcome, so the feed is polled again when its
    // lease runs out — counted from the victim's claim, which may have come a moment before its
    // request. Those are bounded like repeated messages: at most the victim's poll workers.
    const gaps: number[] = [];
    const inside: { gap: number; cutOff: boolean }[] = [];
    farm.requests.forEach((reqs) =>
      reqs.slice(1).forEach((r, i) => {
        const prev = reqs[i]!;
        gaps.push(r.at - prev.at);
        if (r.at - prev.at >= INTERVAL_MS) return;
        const victimsLast = prev.agent === 'instance-2' && prev.at <= killedAt && !reqs.slice(i + 1).some((x) => x.agent === 'instance-2');
        inside.push({ gap: r.at - prev.at, cutOff: victimsLast && prev.at > killedAt - LEASE_MS });
      }),
    );
    expect(inside.filter((x) => !x.cutOff), 'polls inside the interval other than those cut off by the kill').toEqual([]);
    expect(inside.length).toBeLessThanOrEqual(2 * 16); // poll.concurrency × 2 workers of the victim
    // …and every feed was polled again after the kill (the victim's leased feeds were taken over).
    expect(farm.requests.map((reqs, f) => [f, reqs.at(-1)!.at] as const).filter(([, last]) => last <= killedAt)).toEqual([]);
    // Every instance fetched feeds (the work was shared).
    expect(new Set(farm.requests.flat().map((r) => r.agent))).toEqual(new Set(['instance-0', 'instance-1', 'instance-2']));

    // The survivors shared the work, and the victim had done its part before it died.
    for (const c of [a, b]) {
      expect(await metric(c, 'tradewire_polls_total{result="ok"}')).toBeGreaterThan(0);
      expect(await metric(c, 'tradewire_deliveries_sent_total{platform="slack",kind="alert"}')).toBeGreaterThan(0);
    }
    expect(victimSent).toBeGreaterThan(0);

    // SIGTERM: both survivors stop cleanly and leave nothing claimed.
    a.process.kill('SIGTERM');
    b.process.kill('SIGTERM');
    expect(await Promise.all([a.exited, b.exited])).toEqual([0, 0]);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const open = await client.query("SELECT status, lease_owner FROM deliveries WHERE status IN ('pending', 'sending')");
      expect(open.rows).toEqual([]);
      const leased = await client.query('SELECT id FROM feeds WHERE lease_owner IS NOT NULL AND lease_until > $1', [Date.now()]);
      expect(leased.rows).toEqual([]);
    } finally {
      await client.end();
    }
    console.log(
      `multi: ${expected.length} stories, ${fake.posts.length} posts, ${repeats.length} repeat(s) (${inFlightAtKill} send(s) in flight across instances at the kill), ` +
        `${fake.rateLimited.length} 429s, shortest gap between polls of a feed ${Math.min(...gaps)} ms, ` +
        `${inside.length} poll(s) cut off by the kill re-polled inside the interval (shortest gap ${inside.length ? Math.min(...inside.map((x) => x.gap)) : '-'} ms)`,
    );
  }, 150_000);
});
