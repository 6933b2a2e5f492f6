/**
 * @module flows/metrics — what the poll and delivery flows did, reported through the Metrics port:
 * a poll cycle's summary becomes counters, and the outbox worker's observer hooks become delivery
 * counters and the publication-to-post histogram.
 */
import type { Metrics } from '../ports.js';
import type { DeliveryObserver } from './deliver.js';
import type { PollSummary } from './poll.js';

/** Records one poll cycle. */
export function recordPoll(metrics: Metrics, summary: PollSummary): void {
  for (let i = 0; i < summary.ok; i++) metrics.feedPolled('ok', null);
  for (let i = 0; i < summary.notModified; i++) metrics.feedPolled('not-modified', null);
  for (const f of summary.failures) metrics.feedPolled('error', f.code);
  metrics.articlesStored(summary.newArticles);
  for (const [topic, n] of Object.entries(summary.matchesPerTopic)) metrics.topicMatched(topic, n);
}

/** The outbox worker's observer that feeds `metrics` (and `also`, e.g. a test's observer). */
export function deliveryMetrics(metrics: Metrics, also: DeliveryObserver = {}): DeliveryObserver {
  return {
    sent: (e) => {
      metrics.deliverySent(e.batch.destination.platform, e.batch.kind, e.publishedToPostMs);
      also.sent?.(e);
    },
    retried: (e) => {
      metrics.deliveryRetried(e.batch.destination.platform, e.batch.kind, e.failure.code);
      also.retried?.(e);
    },
    failed: (e) => {
      metrics.deliveryFailed(e.batch.destination.platform, e.batch.kind, e.failure.code);
      also.failed?.(e);
    },
  };
}
