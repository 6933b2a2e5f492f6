/**
 * @module flows/commands/lookup — `latest`, `search`, `quotes`: read-only questions, answered to
 * the asking user only.
 */
import { toAlertView } from '../../core/format/alert.js';
import { md } from '../../core/format/markup.js';
import type { CommandReply } from '../../ports.js';
import { quoteLine, searchLine, topicList } from './render.js';
import { closest } from './suggest.js';
import { findTopic } from './topics.js';
import type { CommandDeps, TopicInfo } from './types.js';

export const LATEST_DEFAULT = 5;
export const LATEST_MAX = 10;
const SEARCH_LIMIT = 8;
const QUOTES_LIMIT = 8;

export function unknownTopic(deps: CommandDeps, typed: string): CommandReply {
  const guess = closest(typed, deps.topics.map((t) => t.id));
  return {
    ephemeral: true,
    text: `${md.text(`Unknown topic “${typed}”.`)}${guess ? ` Did you mean ${md.code(guess)}?` : ''} ${md.text('Topics:')} ${topicList(deps.topics)}`,
  };
}

export function topicNameOf(deps: CommandDeps): (id: string) => string {
  return (id) => deps.topics.find((t) => t.id === id)?.name ?? id;
}

/** `latest [topic] [n]` — n from 1 to 10, default 5. */
export async function latest(deps: CommandDeps, args: string): Promise<CommandReply> {
  const words = args.split(/\s+/).filter(Boolean);
  let n = LATEST_DEFAULT;
  if (words.length > 0 && /^\d+$/.test(words.at(-1)!)) n = Math.min(LATEST_MAX, Math.max(1, Number(words.pop())));
  let topic: TopicInfo | null = null;
  if (words.length > 0) {
    topic = findTopic(deps.topics, words.join(' '));
    if (!topic) return unknownTopic(deps, words.join(' '));
  }
  const stories = await deps.store.latest({ ...(topic ? { topic: topic.id } : {}), limit: n });
  const about = topic ? ` on ${topic.name}` : '';
  if (stories.length === 0) {
    return { ephemeral: true, text: md.text(`No stories${about} yet. New ones are posted as feeds report them; /trade feeds shows what is polled.`) };
  }
  const topicName = topicNameOf(deps);
  return {
    ephemeral: true,
    text: `${md.bold(`Latest${about}`)} ${md.text(`(${stories.length})`)}`,
    alerts: stories.map((s) => toAlertView(s, { topics: topic ? [topic.id] : [], topicName, mention: null })),
  };
}

/** `search <words>` — ranked full-text hits with the matched words marked in a snippet. */
export async function search(deps: CommandDeps, args: string): Promise<CommandReply> {
  const query = args.trim();
  if (!query) return { ephemeral: true, text: `${md.text('Usage:')} ${md.code('/trade search <words>')} ${md.text('— for example')} ${md.code('/trade search akazawa tariffs')}` };
  const hits = await deps.store.search({ query, limit: SEARCH_LIMIT });
  if (hits.length === 0) return { ephemeral: true, text: md.text(`No stories match “${query}”.`) };
  return { ephemeral: true, text: `${md.bold(`Search: ${query}`)} ${md.text(`(${hits.length} best matches)`)}`, lines: hits.map(searchLine) };
}

/** `quotes <speaker> [topic]` — newest first; suggests known speakers when nobody matches. */
export async function quotes(deps: CommandDeps, args: string): Promise<CommandReply> {
  const words = args.split(/\s+/).filter(Boolean);
  if (words.length === 0) return { ephemeral: true, text: `${md.text('Usage:')} ${md.code('/trade quotes <speaker> [topic]')} ${md.text('— for example')} ${md.code('/trade quotes akazawa tariffs')}` };
  let topic: TopicInfo | null = null;
  if (words.length > 1) {
    topic = findTopic(deps.topics, words.at(-1)!);
    if (topic) words.pop();
  }
  const speaker = words.join(' ');
  const hits = await deps.store.quotesBy({ speaker, ...(topic ? { topic: topic.id } : {}), limit: QUOTES_LIMIT });
  const about = topic ? ` on ${topic.name}` : '';
  if (hits.length === 0) {
    const known = await deps.store.speakers({ prefix: words[0]!, limit: 5 });
    const hint = known.length > 0 ? ` ${md.text('Known speakers:')} ${known.map((k) => md.bold(k)).join(', ')}` : '';
    return { ephemeral: true, text: `${md.text(`No quotes from “${speaker}”${about}.`)}${hint}` };
  }
  return { ephemeral: true, text: `${md.bold(`Quotes: ${speaker}${about}`)} ${md.text(`(newest first, ${hits.length})`)}`, lines: hits.map(quoteLine) };
}
