/**
 * @module flows/commands/subscriptions — `subscribe`, `unsubscribe`, `topics`: what this channel
 * follows. Changes are announced in the channel (everyone there is affected), refusals only to the
 * user who asked.
 *
 * Subscriptions from config/subscriptions.yaml belong to the file: `unsubscribe` leaves them (the
 * next start would seed them again) and says so; `subscribe` on one changes it and resumes it when
 * paused, until the file entry itself changes.
 */
import { md } from '../../core/format/markup.js';
import { formatSubscriptionMode, parseSubscriptionMode } from '../../core/schedule.js';
import { canonicalDestination } from '../../core/destination.js';
import { isTradewireError } from '../../core/errors.js';
import type { Destination, Platform, Subscription } from '../../core/types.js';
import type { CommandReply, CommandRequest } from '../../ports.js';
import { CONFIG_CREATOR } from '../poll/seed-subscriptions.js';
import { resumeSubscriptions } from '../subscriptions/resume.js';
import { tradeCall } from './help.js';
import { unknownTopic } from './lookup.js';
import { topicList } from './render.js';
import { findTopic } from './topics.js';
import type { CommandDeps } from './types.js';

/** The channel's destination, keyed the way subscriptions.yaml entries are (core/destination). */
export function destinationOf(req: CommandRequest): Destination {
  return canonicalDestination({ platform: req.platform, workspace: req.workspace, channel: req.channel });
}

const FROM_FILE = 'config/subscriptions.yaml';

const NOT_ALLOWED: CommandReply = {
  ephemeral: true,
  text: md.text("You are not allowed to change this channel's subscriptions. Ask a workspace admin (or whoever runs tradewire) to do it."),
};

function who(req: CommandRequest): string {
  return req.userName ? `@${req.userName}` : 'Someone';
}

/** `subscribe <topic> [instant|daily HH:MM [tz]]` */
export async function subscribe(deps: CommandDeps, req: CommandRequest): Promise<CommandReply> {
  const [typed, ...rest] = req.args.split(/\s+/).filter(Boolean);
  if (!typed) {
    return { ephemeral: true, text: `${md.text('Usage:')} ${md.code('/trade subscribe <topic> [instant|daily HH:MM [time zone]]')} ${md.text('— topics:')} ${topicList(deps.topics)}` };
  }
  if (!req.canManage) return NOT_ALLOWED;
  const topic = findTopic(deps.topics, typed);
  if (!topic) return unknownTopic(deps, typed);
  let mode;
  try {
    mode = parseSubscriptionMode(rest.length > 0 ? rest.join(' ') : 'instant', deps.defaultTimeZone ?? 'UTC');
  } catch (err) {
    if (!isTradewireError(err)) throw err;
    const example = tradeCall(req.platform, 'subscribe', [['topic', topic.id], ['mode', 'daily'], ['time', '08:00'], ['timezone', 'Asia/Tokyo']]);
    return { ephemeral: true, text: `${md.text(err.message.replace(/^schedule: /, ''))}. ${md.text('For example')} ${md.code(example)}` };
  }
  const destination = destinationOf(req);
  const now = deps.clock.now().toISOString();
  const paused = (await deps.store.listSubscriptions(destination)).filter((s) => s.pausedAt !== null);
  // The channel was paused as a whole; someone subscribing there again (the documented way back)
  // resumes all of it. First, so the new mode below is the one that stays.
  await resumeSubscriptions(deps.store, paused, now);
  const sub = await deps.store.subscribe({ destination, topic: topic.id, mode, createdBy: req.userId }, now);
  const how = sub.mode.kind === 'instant' ? 'each story as it is reported' : `a daily digest at ${sub.mode.time} ${sub.mode.timezone}`;
  const resumed = paused.length > 0 ? ` Deliveries here had been paused after failures; ${paused.length === 1 ? 'the paused subscription is' : `all ${paused.length} paused subscriptions are`} resumed.` : '';
  return { ephemeral: false, text: `${md.text(`${who(req)} subscribed this channel to`)} ${md.bold(topic.name)}${md.text(`: ${how}.${resumed}`)}` };
}

/** `unsubscribe <topic|all>`; subscriptions from the file stay (see the module comment). */
export async function unsubscribe(deps: CommandDeps, req: CommandRequest): Promise<CommandReply> {
  const typed = req.args.trim();
  if (!typed) return { ephemeral: true, text: `${md.text('Usage:')} ${md.code(tradeCall(req.platform, 'unsubscribe', [['topic', '<topic|all>']]))}` };
  if (!req.canManage) return NOT_ALLOWED;
  const all = typed.toLowerCase() === 'all';
  const topic = all ? null : findTopic(deps.topics, typed);
  if (!all && !topic) return unknownTopic(deps, typed);
  const destination = destinationOf(req);
  const subs = (await deps.store.listSubscriptions(destination)).filter((s) => all || s.topic === topic!.id);
  if (subs.length === 0) return { ephemeral: true, text: md.text(all ? 'This channel follows no topics.' : `This channel does not follow ${topic!.name}.`) };
  const fromFile = subs.filter((s) => s.createdBy === CONFIG_CREATOR);
  let n = 0;
  for (const s of subs) if (s.createdBy !== CONFIG_CREATOR) n += await deps.store.unsubscribe(destination, s.topic);
  const kept = fromFile.length === 0 ? '' : `${fromFile.map((s) => topicName(deps, s.topic)).join(', ')} ${fromFile.length === 1 ? 'is' : 'are'} set for this channel in ${FROM_FILE}, so ${fromFile.length === 1 ? 'it stays' : 'they stay'}: whoever runs tradewire can remove ${fromFile.length === 1 ? 'it' : 'them'} there.`;
  if (n === 0) return { ephemeral: true, text: md.text(kept) };
  const what = all ? `all ${n} topic${n === 1 ? '' : 's'}` : topic!.name;
  return { ephemeral: false, text: md.text(`${who(req)} unsubscribed this channel from ${what}.${kept ? ` ${kept}` : ''}`) };
}

function topicName(deps: CommandDeps, id: string): string {
  return deps.topics.find((t) => t.id === id)?.name ?? id;
}

function modeText(s: Subscription, platform: Platform): string {
  const mode = formatSubscriptionMode(s.mode);
  const paused = s.pausedAt ? ` — PAUSED (${s.pausedReason ?? 'delivery failures'}); ${tradeCall(platform, 'subscribe', [['topic', s.topic]])} resumes` : '';
  const file = s.createdBy === CONFIG_CREATOR ? `, set in ${FROM_FILE}` : '';
  return `${mode}${s.mention ? `, notifies ${s.mention}` : ''}${file}${paused}`;
}

/** `topics` — every topic, marking the ones this channel follows and how. */
export async function topics(deps: CommandDeps, req: CommandRequest): Promise<CommandReply> {
  const subs = await deps.store.listSubscriptions(destinationOf(req));
  const byTopic = new Map(subs.map((s) => [s.topic, s]));
  const lines = deps.topics.map((t) => {
    const s = byTopic.get(t.id);
    const desc = t.description ? ` — ${md.text(t.description)}` : '';
    const here = s ? ` ${md.italic(`followed here: ${modeText(s, req.platform)}`)}` : '';
    return `${md.code(t.id)} ${md.bold(t.name)}${desc}${here}`;
  });
  for (const s of subs) if (!deps.topics.some((t) => t.id === s.topic)) lines.push(`${md.code(s.topic)} ${md.italic(`followed here, but no longer configured: ${modeText(s, req.platform)}`)}`);
  const follows = subs.length === 0 ? 'This channel follows no topics yet.' : `This channel follows ${subs.length}.`;
  return { ephemeral: true, text: `${md.bold(`Topics (${deps.topics.length})`)} ${md.text(`— ${follows} Subscribe with ${tradeCall(req.platform, 'subscribe', [['topic', '<topic>']])}.`)}`, lines };
}
