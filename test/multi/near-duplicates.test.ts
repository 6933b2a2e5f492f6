/**
 * The same wire story in several outlets, polled by three instances on one PostgreSQL at the same
 * moment: each round every outlet publishes one copy (its own URL, guid and dateline), and the three
 * instances poll the outlets concurrently. However the feeds fall between instances, each round makes
 * exactly one story, the other copies are listed as also reporting it, and the channel gets one
 * alert per story. (The near-duplicate lookup runs inside the ingest transaction, under the locks
 * copies share; looked up before ingest, two instances would each miss the other's copy.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpFeedSource, type HttpFeedSource } from '../../src/adapters/feeds/index.js';
import { createPostgresStore } from '../../src/adapters/store/postgres/index.js';
import { compileTopics } from '../../src/core/rules/index.js';
import { pollDue, type PollSummary } from '../../src/flows/poll.js';
import type { Store } from '../../src/ports.js';
import { startPostgres, type TestPostgres } from '../harness/embedded-postgres.js';
import { quietLog, startServer, type TestServer } from '../feeds/server.js';
import { manualClock, rssDoc } from '../poll/harness.js';

const OUTLETS = 6;
const INSTANCES = 3;
const ROUNDS = 12;
const MIN = 60_000;

const topics = compileTopics({ aliases: {}, topics: [{ id: 'trade', rule: 'tariff*', threshold: 1 }] });
const VOCAB = ['steel', 'quota', 'lumber', 'dairy', 'chips', 'solar', 'rice', 'wine', 'autos', 'copper', 'wheat', 'pork', 'salmon', 'cotton', 'nickel', 'beef'];
const PLACES = ['Canada', 'Mexico', 'Brazil', 'Vietnam', 'India', 'Chile', 'Norway', 'Kenya', 'Peru', 'Egypt', 'Ghana', 'Oman'];

/** Round r's wire story: words no other round shares in that order, so rounds never look alike. */
function wire(r: number): { title: string; lead: string } {
  const pick = (i: number): string => VOCAB[(r * 7 + i * 3) % VOCAB.length]!;
  const place = PLACES[r % PLACES.length]!;
  return {
    title: `${place} sets tariff on ${pick(0)} and ${pick(1)} imports from round ${r} partners`,
    lead: `${place} will impose a tariff on ${pick(0)}, ${pick(1)} and ${pick(2)} imports starting next month, its trade ministry said on Tuesday, citing a surge of shipments in batch ${r}.`,
  };
}

let db: TestPostgres;
let server: TestServer;
let round = 0;
const stores: Store[] = [];
const sources: HttpFeedSource[] = [];

beforeAll(async () => {
  [db, server] = await Promise.all([startPostgres(), startServer()]);
  for (let o = 0; o < OUTLETS; o++) {
    server.route(`/outlet${o}`, (_req, res) => {
      const { title, lead } = wire(round);
      const item = { guid: `o${o}-r${round}`, link: `https://outlet${o}.example/news/${round}`, title, body: `CITY${o} (Outlet ${o}) — ${lead}\n\nMore to come.` };
      res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssDoc(`Outlet ${o}`, [item]));
    });
  }
});

afterAll(async () => {
  await Promise.all(sources.map((s) => s.close()));
  await Promise.all(stores.map((s) => s.close()));
  await server?.close();
  await db?.stop();
});

describe('near-duplicates across instances', () => {
  it('makes one story per wire story however the outlets fall between instances polling at once', async () => {
    const url = await db.database();
    const clock = manualClock('2025-06-02T09:00:00.000Z');
    for (let i = 0; i < INSTANCES; i++) {
      stores.push(await createPostgresStore({ url, poolSize: 4 }));
      sources.push(
        createHttpFeedSource({
          fetch: { timeout: 5_000, maxBytes: 1_000_000, maxRedirects: 5, userAgent: null, allowPrivateNetworks: true },
          concurrency: 8,
          perHostConcurrency: 8,
          log: quietLog,
        }),
      );
    }
    const store = stores[0]!;
    const feeds = Array.from({ length: OUTLETS }, (_, o) => ({ id: `outlet${o}`, url: server.url(`/outlet${o}`), name: null, everyMs: MIN, fullText: false, backfill: 1, tags: [] }));
    await store.syncFeeds(feeds, clock.now().toISOString());
    const destination = { platform: 'slack' as const, workspace: 'T1', channel: 'C1' };
    await store.subscribe({ destination, topic: 'trade', mode: { kind: 'instant' } }, clock.now().toISOString());
    // concurrency 1: each instance claims two feeds at a time, so the outlets spread over instances.
    const poll = { concurrency: 1, jitter: 0, maxBackoff: 3_600_000, maxItemAge: 72 * 3_600_000, leaseTtl: MIN / 2 };

    let splitRounds = 0;
    for (round = 0; round < ROUNDS; round++) {
      clock.advance(2 * MIN); // every outlet due again
      const summaries: PollSummary[] = await Promise.all(
        stores.map((st, i) => pollDue({ store: st, source: sources[i]!, topics, clock, random: () => 0.5, log: quietLog, owner: `i${i}`, poll, ops: { channel: null, failureThreshold: 3 } })),
      );
      expect(summaries.reduce((n, s) => n + s.feedsPolled, 0), `round ${round}: every outlet polled once`).toBe(OUTLETS);
      if (summaries.filter((s) => s.newArticles > 0).length > 1) splitRounds++;
      const newStories = summaries.reduce((n, s) => n + s.newStories, 0);
      const also = summaries.reduce((n, s) => n + s.alsoReported, 0);
      expect({ newStories, also }, `round ${round}`).toEqual({ newStories: 1, also: OUTLETS - 1 });
    }
    // The copies did land on several instances at once (else this test proves nothing).
    expect(splitRounds).toBeGreaterThan(ROUNDS / 2);

    const stories = await store.latest({ limit: 100 });
    expect(stories).toHaveLength(ROUNDS);
    for (const s of stories) expect([s.source, ...s.alsoReportedBy.map((o) => o.source)].sort(), s.title).toEqual(feeds.map((_, o) => `Outlet ${o}`).sort());
    const deliveries = await store.listDeliveries();
    expect(deliveries.map((d) => d.kind)).toEqual(Array<string>(ROUNDS).fill('alert'));
    expect(new Set(deliveries.map((d) => d.storyId))).toEqual(new Set(stories.map((s) => s.id)));
  }, 60_000);
});
