/**
 * @module flows/commands/help — the subcommand list, `help`, and the reply to an unknown subcommand.
 */
import { md } from '../../core/format/markup.js';
import type { CommandReply } from '../../ports.js';
import { closest } from './suggest.js';

export const SUBCOMMANDS: readonly { name: string; usage: string; does: string }[] = [
  { name: 'latest', usage: 'latest [topic] [n]', does: 'the newest stories, optionally for one topic' },
  { name: 'search', usage: 'search <words>', does: 'full-text search, best matches first' },
  { name: 'quotes', usage: 'quotes <speaker> [topic]', does: 'what a person was quoted saying, newest first' },
  { name: 'subscribe', usage: 'subscribe <topic> [instant|daily HH:MM [tz]]', does: 'post this topic here, at once or as a daily digest' },
  { name: 'unsubscribe', usage: 'unsubscribe <topic|all>', does: 'stop posting a topic (or everything) here' },
  { name: 'topics', usage: 'topics', does: 'all topics, and what this channel follows' },
  { name: 'feeds', usage: 'feeds', does: 'feed health: last poll, errors' },
  { name: 'test', usage: 'test [topic]', does: 'post a sample alert here' },
  { name: 'help', usage: 'help', does: 'this list' },
];

export function helpLines(): string[] {
  return SUBCOMMANDS.map((s) => `${md.code(`/trade ${s.usage}`)} — ${md.text(s.does)}`);
}

export function help(): CommandReply {
  return { ephemeral: true, text: `${md.bold('tradewire')} ${md.text('— trade-policy news alerts. Commands:')}`, lines: helpLines() };
}

export function unknownSubcommand(sub: string): CommandReply {
  const guess = closest(sub, SUBCOMMANDS.map((s) => s.name));
  const hint = guess ? ` Did you mean ${md.code(`/trade ${guess}`)}?` : '';
  return {
    ephemeral: true,
    text: `${md.text(`Unknown subcommand “${sub}”.`)}${hint} ${md.text('Valid subcommands:')}`,
    lines: helpLines(),
  };
}
