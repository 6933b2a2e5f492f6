import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { article } from '../store/contract/fixtures.contract.js';
import { createSqliteStore } from '../store/sqlite/index.js';
import type { DeliveryBatch, Store } from '../../ports.js';
import { deliveryMetrics, recordPoll } from '../../flows/metrics.js';
import { emptySummary } from '../../flows/poll/summary.js';
import { createHttpServer, type HttpServer } from '../http/server.js';
import { mountOpsEndpoints } from './endpoints.js';
import { createPrometheusMetrics } from './prometheus.js';

const log = pino({ level: 'silent' });
let server: HttpServer | null = null;
let store: Store | null = null;
afterEach(async () => {
  await server?.close();
  await store?.close();
  server = null;
  store = null;
});

async function serve(mount: (http: HttpServer) => void): Promise<string> {
  server = createHttpServer({ host: '127.0.0.1', port: 0, log });
  mount(server);
  const { port } = await server.listen();
  return `http://127.0.0.1:${port}`;
}

/** The value of one sample line (`name{labels} value`) in exposition text, or null. */
function sample(text: string, series: string): number | null {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : null;
}

describe('GET /readyz', () => {
  it('is ready when every check passes, and names the ones that fail or hang', async () => {
    store = createSqliteStore({ path: ':memory:' });
    const s = store;
    let slackUp = true;
    let stopping = false;
    const base = await serve((http) =>
      mountOpsEndpoints(http, {
        readiness: [
          { name: 'store', ready: () => s.ping().then(() => true, () => false) },
          { name: 'slack', ready: async () => slackUp },
        ],
        stopping: () => stopping,
        checkTimeoutMs: 200,
      }),
    );
    const ok = await fetch(`${base}/readyz`);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ status: 'ready', checks: { store: true, slack: true } });

    slackUp = false;
    const down = await fetch(`${base}/readyz`);
    expect(down.status).toBe(503);
    expect(await down.json()).toEqual({ status: 'not ready', checks: { store: true, slack: false } });

    slackUp = true;
    await s.close(); // the database goes away: ping throws
    expect(await (await fetch(`${base}/readyz`)).json()).toMatchObject({ checks: { store: false, slack: true } });

    stopping = true;
    const stop = await fetch(`${base}/readyz`);
    expect(stop.status).toBe(503);
    expect(await stop.json()).toMatchObject({ status: 'stopping' });
  });

  it('counts a check that hangs or throws as not ready, without waiting for it', async () => {
    const base = await serve((http) =>
      mountOpsEndpoints(http, {
        readiness: [
          { name: 'hangs', ready: () => new Promise<boolean>(() => undefined) },
          { name: 'throws', ready: () => Promise.reject(new Error('boom')) },
        ],
        checkTimeoutMs: 100,
      }),
    );
    const t0 = Date.now();
    const res = await fetch(`${base}/readyz`);
    expect(Date.now() - t0).toBeLessThan(2_000);
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ status: 'not ready', checks: { hangs: false, throws: false } });
  });
});

describe('GET /metrics', () => {
  it('exposes poll and delivery counters, the outbox depth read from the store, and the latency histogram', async () => {
    store = createSqliteStore({ path: ':memory:' });
    const s = store;
    await s.subscribe({ destination: { platform: 'slack', workspace: 'T1', channel: 'C1' }, topic: 'fx', mode: { kind: 'instant' } }, '2025-06-02T09:00:00.000Z');
    for (let i = 0; i < 3; i++) await s.ingest(article({ topics: ['fx'] }), '2025-06-02T09:00:00.000Z');
    const metrics = createPrometheusMetrics({ outboxDepth: () => s.outboxDepth(), processMetrics: false });
    const base = await serve((http) => mountOpsEndpoints(http, { readiness: [], metrics }));

    recordPoll(metrics, {
      ...emptySummary('2025-06-02T09:00:00.000Z'),
      feedsPolled: 5,
      ok: 2,
      notModified: 1,
      errors: 2,
      newArticles: 7,
      matchesPerTopic: { fx: 3, tariffs: 1 },
      failures: [
        { feedId: 'a', code: 'timeout', message: 'x', status: null },
        { feedId: 'b', code: 'status', message: 'HTTP 500', status: 500 },
      ],
    });
    const observer = deliveryMetrics(metrics);
    const batch = (kind: DeliveryBatch['kind']): DeliveryBatch => ({ destination: { platform: 'slack', workspace: 'T1', channel: 'C1' }, kind, deliveries: [] });
    observer.sent!({ batch: batch('alert'), messageId: '1', publishedToPostMs: 40_000 });
    observer.sent!({ batch: batch('alert'), messageId: '2', publishedToPostMs: 900_000 });
    observer.retried!({ batch: batch('alert'), failure: { kind: 'rate-limited', code: 'ratelimited', message: '429' }, nextAttemptAt: '2025-06-02T09:01:00.000Z' });
    observer.failed!({ batch: batch('followup'), failure: { kind: 'permanent', code: 'channel_not_found', message: 'gone' }, paused: false });

    const res = await fetch(`${base}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await res.text();
    expect(sample(text, 'tradewire_polls_total{result="ok"}')).toBe(2);
    expect(sample(text, 'tradewire_polls_total{result="not_modified"}')).toBe(1);
    expect(sample(text, 'tradewire_polls_total{result="error"}')).toBe(2);
    expect(sample(text, 'tradewire_fetch_errors_total{code="timeout"}')).toBe(1);
    expect(sample(text, 'tradewire_articles_new_total')).toBe(7);
    expect(sample(text, 'tradewire_topic_matches_total{topic="fx"}')).toBe(3);
    expect(sample(text, 'tradewire_deliveries_sent_total{platform="slack",kind="alert"}')).toBe(2);
    expect(sample(text, 'tradewire_deliveries_retried_total{platform="slack",kind="alert",code="ratelimited"}')).toBe(1);
    expect(sample(text, 'tradewire_deliveries_failed_total{platform="slack",kind="followup",code="channel_not_found"}')).toBe(1);
    expect(sample(text, 'tradewire_outbox_depth')).toBe(3);
    // 40 s falls in the 60 s bucket, 15 min in the 1800 s bucket
    expect(sample(text, 'tradewire_publish_to_post_seconds_bucket{le="30",platform="slack"}')).toBe(0);
    expect(sample(text, 'tradewire_publish_to_post_seconds_bucket{le="60",platform="slack"}')).toBe(1);
    expect(sample(text, 'tradewire_publish_to_post_seconds_bucket{le="1800",platform="slack"}')).toBe(2);
    expect(sample(text, 'tradewire_publish_to_post_seconds_sum{platform="slack"}')).toBe(940);

    // the gauge follows the store on each scrape
    const [b] = await s.claimDeliveries({ now: '2025-06-02T09:00:01.000Z', limit: 1, leaseMs: 60_000, owner: 'w' });
    await s.markSent([b!.deliveries[0]!.id], 'm', '2025-06-02T09:00:02.000Z');
    expect(sample(await (await fetch(`${base}/metrics`)).text(), 'tradewire_outbox_depth')).toBe(2);
  });

  it('keeps serving when the outbox depth cannot be read', async () => {
    const metrics = createPrometheusMetrics({ outboxDepth: () => Promise.reject(new Error('db down')), processMetrics: true });
    const base = await serve((http) => mountOpsEndpoints(http, { readiness: [], metrics }));
    const res = await fetch(`${base}/metrics`);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toMatch(/^process_cpu_seconds_total /m);
    expect(sample(text, 'tradewire_outbox_depth')).toBe(0);
  });
});
