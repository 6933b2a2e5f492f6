/**
 * @module flows/commands/render — reply lines (markup) for stories, search hits, quotes, feeds.
 */
import { md, snippetMarkup } from '../../core/format/markup.js';
import { formatUtc, oneLine, truncate } from '../../core/format/text.js';
import type { Story } from '../../core/types.js';
import type { FeedRecord, QuoteHit, SearchHit } from '../../ports.js';
import type { TopicInfo } from './types.js';

export function storyLine(story: Story): string {
  return `${md.link(truncate(oneLine(story.title), 150) || 'Untitled', story.url)} — ${md.italic(oneLine(story.source))}, ${md.text(formatUtc(story.published))}`;
}

export function searchLine(hit: SearchHit): string {
  const snippet = hit.snippet.trim() ? `\n${snippetMarkup(truncate(oneLine(hit.snippet), 300))}` : '';
  return `${storyLine(hit.story)}${snippet}`;
}

export function quoteLine(hit: QuoteHit): string {
  const text = truncate(hit.quote.text.trim(), 500);
  return `${md.text(`“${text}”`)} — ${md.bold(oneLine(hit.quote.speaker))}\n${storyLine(hit.story)}`;
}

export function topicList(topics: readonly TopicInfo[]): string {
  return topics.map((t) => md.code(t.id)).join(', ');
}

export function feedLine(feed: FeedRecord, now: Date): string {
  const name = md.bold(oneLine(feed.name ?? feed.title ?? feed.id));
  const last = feed.lastPolledAt ? `last poll ${formatUtc(feed.lastPolledAt)} (${ago(feed.lastPolledAt, now)})` : 'not polled yet';
  if (!feed.enabled) return `${name} ${md.text('— disabled')}`;
  if (feed.consecutiveFailures > 0 && feed.lastError) {
    const since = feed.failingSince ? ` since ${formatUtc(feed.failingSince)}` : '';
    return `${name} ${md.text(`— failing${since} (${feed.consecutiveFailures}×): ${feed.lastError.code}: ${truncate(oneLine(feed.lastError.message), 200)}; ${last}`)}`;
  }
  const status = feed.lastResult === 'not-modified' ? 'ok (not modified)' : feed.lastResult === 'ok' ? 'ok' : 'waiting';
  return `${name} ${md.text(`— ${status}; ${last}; next ${formatUtc(feed.nextPollAt)}`)}`;
}

function ago(iso: string, now: Date): string {
  const s = Math.max(0, Math.round((now.getTime() - new Date(iso).getTime()) / 1000));
  if (s < 90) return `${s}s ago`;
  if (s < 5400) return `${Math.round(s / 60)} min ago`;
  if (s < 172_800) return `${Math.round(s / 3600)} h ago`;
  return `${Math.round(s / 86_400)} days ago`;
}
