/**
 * @module flows/poll/summary — what one poll cycle did, for logs, metrics and `tradewire poll --once`.
 */
import type { ItemsResult } from './items.js';

export interface PollSummary {
  startedAt: string;
  finishedAt: string;
  feedsPolled: number;
  /** Feeds that answered with a feed (200). */
  ok: number;
  /** Feeds that answered 304 Not Modified. */
  notModified: number;
  errors: number;
  /** Items stored this cycle: new stories plus other outlets of known stories. */
  newArticles: number;
  newStories: number;
  alsoReported: number;
  /** New stories per matched topic. */
  matchesPerTopic: Record<string, number>;
  /** Outbox rows written (alerts, digest items, follow-ups). */
  deliveriesQueued: number;
  noticesQueued: number;
  /** Feeds claimed whose poll was cut short by shutdown (nothing recorded; they stay due). */
  interrupted: number;
  failures: { feedId: string; code: string; message: string; status: number | null }[];
}

export function emptySummary(startedAt: string): PollSummary {
  return {
    startedAt,
    finishedAt: startedAt,
    feedsPolled: 0,
    ok: 0,
    notModified: 0,
    errors: 0,
    newArticles: 0,
    newStories: 0,
    alsoReported: 0,
    matchesPerTopic: {},
    deliveriesQueued: 0,
    noticesQueued: 0,
    interrupted: 0,
    failures: [],
  };
}

export function addItems(summary: PollSummary, items: ItemsResult): void {
  for (const { outcome, topics } of items.outcomes) {
    summary.deliveriesQueued += outcome.deliveries;
    if (outcome.status === 'known') continue;
    summary.newArticles++;
    if (outcome.status === 'also-reported') {
      summary.alsoReported++;
      continue;
    }
    summary.newStories++;
    for (const t of topics) summary.matchesPerTopic[t] = (summary.matchesPerTopic[t] ?? 0) + 1;
  }
}

/** Human-readable lines (the CLI prints them). */
export function formatSummary(summary: PollSummary, topicIds: readonly string[] = []): string[] {
  const seconds = ((Date.parse(summary.finishedAt) - Date.parse(summary.startedAt)) / 1000).toFixed(1);
  const topics = [...new Set([...topicIds, ...Object.keys(summary.matchesPerTopic)])];
  const lines = [
    `feeds polled: ${summary.feedsPolled} (200: ${summary.ok}, 304: ${summary.notModified}, errors: ${summary.errors}) in ${seconds}s`,
    `new articles: ${summary.newArticles} (new stories: ${summary.newStories}, also reported: ${summary.alsoReported})`,
    `matches: ${topics.length === 0 ? 'none' : topics.map((t) => `${t} ${summary.matchesPerTopic[t] ?? 0}`).join(', ')}`,
    `deliveries queued: ${summary.deliveriesQueued}${summary.noticesQueued ? `, feed-health notices: ${summary.noticesQueued}` : ''}`,
  ];
  for (const f of summary.failures) lines.push(`  error ${f.feedId}: ${f.code}${f.status ? ` (HTTP ${f.status})` : ''}: ${f.message}`);
  return lines;
}
