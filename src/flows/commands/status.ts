/**
 * @module flows/commands/status — `feeds` (feed health) and `test` (a sample alert, posted in the
 * channel so everyone sees what subscribing gives).
 */
import { toAlertView } from '../../core/format/alert.js';
import { md } from '../../core/format/markup.js';
import type { CommandReply } from '../../ports.js';
import { topicNameOf, unknownTopic } from './lookup.js';
import { feedLine } from './render.js';
import { sampleStory } from './sample.js';
import { findTopic } from './topics.js';
import type { CommandDeps, TopicInfo } from './types.js';

export async function feeds(deps: CommandDeps): Promise<CommandReply> {
  const list = await deps.store.listFeeds();
  if (list.length === 0) return { ephemeral: true, text: md.text('No feeds are configured (config/feeds.yaml).') };
  const now = deps.clock.now();
  const failing = list.filter((f) => f.enabled && f.consecutiveFailures > 0).length;
  const sorted = [...list].sort((a, b) => b.consecutiveFailures - a.consecutiveFailures || a.id.localeCompare(b.id));
  const summary = failing === 0 ? 'all healthy' : `${failing} failing`;
  return { ephemeral: true, text: `${md.bold(`Feeds (${list.length})`)} ${md.text(`— ${summary}`)}`, lines: sorted.map((f) => feedLine(f, now)) };
}

/** `test [topic]`: the newest stored story for the topic as this channel would get it, else a sample. */
export async function test(deps: CommandDeps, args: string): Promise<CommandReply> {
  let topic: TopicInfo | null = null;
  if (args.trim()) {
    topic = findTopic(deps.topics, args);
    if (!topic) return unknownTopic(deps, args.trim());
  }
  const [stored] = await deps.store.latest({ ...(topic ? { topic: topic.id } : {}), limit: 1 });
  const story = stored ?? sampleStory(topic?.id ?? deps.topics[0]?.id ?? null, deps.clock.now().toISOString());
  const alert = toAlertView(story, { topics: topic ? [topic.id] : [], topicName: topicNameOf(deps), mention: null });
  const what = topic ? `a subscription to ${topic.name}` : 'a subscription';
  const kind = stored ? 'the newest matching story' : 'a sample story';
  return { ephemeral: false, text: md.italic(`Test alert (${kind}): this is what ${what} posts here.`), alerts: [alert] };
}
