/**
 * @module core/format/alert — Story → AlertView: what any platform shows for one story. Data only;
 * rendering and escaping happen per platform (slack-blocks.ts, console.ts, Discord embeds).
 */
import type { AlertView, Quote, Story } from '../types.js';

export interface AlertOptions {
  /** Topic ids this destination follows that the story matched; empty → every matched topic. */
  topics: readonly string[];
  /** Display name of a topic id (config `name`, else the id). */
  topicName: (id: string) => string;
  /** The subscription's configured group/role to notify, never anything from the feed. */
  mention?: string | null;
}

export const MAX_KEY_QUOTES = 3;

export function toAlertView(story: Story, options: AlertOptions): AlertView {
  const matched = story.analysis.topics.map((t) => t.id);
  const ids = options.topics.length > 0 ? orderLike(options.topics, matched) : matched;
  return {
    storyId: story.id,
    title: story.title,
    url: story.url,
    source: story.source,
    published: story.published,
    topics: ids.map((id) => ({ id, name: options.topicName(id) })),
    summary: story.analysis.summary,
    keyQuotes: keyQuotes(story.analysis.keyQuotes),
    alsoReportedBy: alsoReported(story),
    mention: options.mention ?? null,
  };
}

/** The requested ids, best match first (the story's own topic order), unknown ones last. */
function orderLike(ids: readonly string[], matched: string[]): string[] {
  const rank = (id: string): number => {
    const i = matched.indexOf(id);
    return i === -1 ? Number.MAX_SAFE_INTEGER : i;
  };
  return [...new Set(ids)].sort((a, b) => rank(a) - rank(b));
}

/**
 * The quote's words exactly as stored, minus the comma English puts before the closing mark
 * ("…certainty they asked for," he said): shown alone, that comma reads as a cut.
 */
function keyQuotes(quotes: Quote[]): Quote[] {
  return quotes
    .map((q) => ({ ...q, text: q.text.trim().replace(/\s*,$/, '') }))
    .filter((q) => q.text.length > 0)
    .slice(0, MAX_KEY_QUOTES);
}

/** Other outlets, one entry per source name, in the order they reported; never the story's own source. */
function alsoReported(story: Story): AlertView['alsoReportedBy'] {
  const seen = new Set([story.source.trim().toLowerCase()]);
  const out: AlertView['alsoReportedBy'] = [];
  for (const r of story.alsoReportedBy) {
    const key = r.source.trim().toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ source: r.source, url: r.url });
  }
  return out;
}
