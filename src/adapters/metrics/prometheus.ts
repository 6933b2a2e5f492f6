/**
 * @module adapters/metrics/prometheus — the Metrics port on prom-client, in a Registry of its own
 * (nothing global: two apps in one process, as in tests, never share counters).
 *
 * Counters for polls by result, fetch errors by code, new articles, matches per topic, deliveries
 * sent / retried / failed; the outbox depth as a gauge read from the store when scraped; a
 * histogram of the time from a story's publication to its post; Node's process metrics.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { errorMessage } from '../../core/errors.js';
import type { Log, Metrics } from '../../ports.js';

export interface PrometheusMetricsOptions {
  /** Read on every scrape (store.outboxDepth); a failure leaves the gauge unset for that scrape. */
  outboxDepth?: () => Promise<number>;
  /** Node process metrics (CPU, memory, event loop lag, GC). Default true. */
  processMetrics?: boolean;
  log?: Log;
}

export interface PrometheusMetrics extends Metrics {
  readonly registry: Registry;
  /** The exposition text for GET /metrics. */
  render(): Promise<string>;
  readonly contentType: string;
}

/** Seconds from publication to post: minutes matter for a trade desk, a day-old story is a miss. */
const LATENCY_BUCKETS = [5, 15, 30, 60, 120, 300, 600, 1_800, 3_600, 7_200, 21_600, 86_400];

export function createPrometheusMetrics(options: PrometheusMetricsOptions = {}): PrometheusMetrics {
  const registry = new Registry();
  const registers = [registry];
  if (options.processMetrics ?? true) collectDefaultMetrics({ register: registry });

  const polls = new Counter({ name: 'tradewire_polls_total', help: 'Feed polls by result (ok, not_modified, error).', labelNames: ['result'], registers });
  const fetchErrors = new Counter({ name: 'tradewire_fetch_errors_total', help: 'Failed feed polls by error code.', labelNames: ['code'], registers });
  const articles = new Counter({ name: 'tradewire_articles_new_total', help: 'Articles stored (new stories and other outlets of known stories).', registers });
  const matches = new Counter({ name: 'tradewire_topic_matches_total', help: 'New stories matching each topic.', labelNames: ['topic'], registers });
  const sent = new Counter({ name: 'tradewire_deliveries_sent_total', help: 'Messages posted.', labelNames: ['platform', 'kind'], registers });
  const retried = new Counter({ name: 'tradewire_deliveries_retried_total', help: 'Sends that will be retried (rate limits, transient errors).', labelNames: ['platform', 'kind', 'code'], registers });
  const failed = new Counter({ name: 'tradewire_deliveries_failed_total', help: 'Deliveries given up as permanently failed.', labelNames: ['platform', 'kind', 'code'], registers });
  const latency = new Histogram({
    name: 'tradewire_publish_to_post_seconds',
    help: "Time from a story's publication (as its feed dates it) to its post.",
    labelNames: ['platform'],
    buckets: LATENCY_BUCKETS,
    registers,
  });
  const outboxDepth = options.outboxDepth;
  new Gauge({
    name: 'tradewire_outbox_depth',
    help: 'Deliveries pending or in flight (all instances on this database).',
    registers,
    async collect() {
      if (!outboxDepth) return;
      try {
        this.set(await outboxDepth());
      } catch (err) {
        options.log?.warn({ err: errorMessage(err) }, 'metrics: outbox depth unavailable for this scrape');
      }
    },
  });

  return {
    registry,
    contentType: registry.contentType,
    render: () => registry.metrics(),
    feedPolled(result, errorCode) {
      polls.inc({ result: result.replace('-', '_') });
      if (result === 'error') fetchErrors.inc({ code: errorCode ?? 'unknown' });
    },
    articlesStored(count) {
      if (count > 0) articles.inc(count);
    },
    topicMatched(topic, count) {
      if (count > 0) matches.inc({ topic }, count);
    },
    deliverySent(platform, kind, publishedToPostMs) {
      sent.inc({ platform, kind });
      // A feed dating its story in the future (clock skew) would give a negative time: clamp.
      if (publishedToPostMs !== null && Number.isFinite(publishedToPostMs)) latency.observe({ platform }, Math.max(0, publishedToPostMs) / 1000);
    },
    deliveryRetried(platform, kind, code) {
      retried.inc({ platform, kind, code });
    },
    deliveryFailed(platform, kind, code) {
      failed.inc({ platform, kind, code });
    },
  };
}
