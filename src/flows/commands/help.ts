/**
 * @module flows/commands/help — the subcommand list, `help`, and the reply to an unknown subcommand,
 * in each platform's own syntax: Slack's `/trade` takes words (`/trade subscribe fx daily 08:00`),
 * Discord's takes typed options (`/trade subscribe topic:fx mode:daily time:08:00`).
 */
import { md } from '../../core/format/markup.js';
import type { Platform } from '../../core/types.js';
import type { CommandReply } from '../../ports.js';
import { closest } from './suggest.js';

interface Subcommand {
  name: string;
  /** Slack (and console): the words after the subcommand. */
  usage: string;
  /** Discord: the typed options, as Discord's command picker shows them. */
  discord: string;
  does: string;
}

export const SUBCOMMANDS: readonly Subcommand[] = [
  { name: 'latest', usage: 'latest [topic] [n]', discord: 'latest [topic:…] [n:1-10] [public:True]', does: 'the newest stories, optionally for one topic' },
  { name: 'search', usage: 'search <words>', discord: 'search query:<words> [public:True]', does: 'full-text search, best matches first' },
  { name: 'quotes', usage: 'quotes <speaker> [topic]', discord: 'quotes speaker:<name> [topic:…] [public:True]', does: 'what a person was quoted saying, newest first' },
  {
    name: 'subscribe',
    usage: 'subscribe <topic> [instant|daily HH:MM [tz]]',
    discord: 'subscribe topic:<topic> [mode:instant|daily digest] [time:HH:MM] [timezone:…]',
    does: 'post this topic here, at once or as a daily digest',
  },
  { name: 'unsubscribe', usage: 'unsubscribe <topic|all>', discord: 'unsubscribe topic:<topic|all>', does: 'stop posting a topic (or everything) here' },
  { name: 'topics', usage: 'topics', discord: 'topics [public:True]', does: 'all topics, and what this channel follows' },
  { name: 'feeds', usage: 'feeds', discord: 'feeds [public:True]', does: 'feed health: last poll, errors' },
  { name: 'test', usage: 'test [topic]', discord: 'test [topic:…]', does: 'post a sample alert here' },
  { name: 'help', usage: 'help', discord: 'help [public:True]', does: 'this list' },
];

/** `/trade …` for a subcommand with its arguments, in the platform's syntax (markup-free text). */
export function tradeCall(platform: Platform, sub: string, args: readonly [option: string, value: string][]): string {
  const parts = args.map(([option, value]) => (platform === 'discord' ? `${option}:${value}` : value));
  return ['/trade', sub, ...parts].join(' ');
}

export function helpLines(platform: Platform = 'slack'): string[] {
  return SUBCOMMANDS.map((s) => `${md.code(`/trade ${platform === 'discord' ? s.discord : s.usage}`)} — ${md.text(s.does)}`);
}

export function help(platform: Platform = 'slack'): CommandReply {
  const note = platform === 'discord' ? ' Answers are only for you unless you set public:True.' : '';
  return { ephemeral: true, text: `${md.bold('tradewire')} ${md.text(`— trade-policy news alerts.${note} Commands:`)}`, lines: helpLines(platform) };
}

export function unknownSubcommand(sub: string, platform: Platform = 'slack'): CommandReply {
  const guess = closest(sub, SUBCOMMANDS.map((s) => s.name));
  const hint = guess ? ` Did you mean ${md.code(`/trade ${guess}`)}?` : '';
  return {
    ephemeral: true,
    text: `${md.text(`Unknown subcommand “${sub}”.`)}${hint} ${md.text('Valid subcommands:')}`,
    lines: helpLines(platform),
  };
}
