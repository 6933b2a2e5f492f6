/**
 * @module adapters/chat/discord/definition — the `/trade` application command as Discord wants it
 * registered: one chat-input command with typed subcommands and options (autocomplete for topics,
 * speakers and time zones; choices for the mode; 1–10 for `n`), usable in servers only.
 * `tradewire discord register` PUTs exactly this; commands.ts reads the same names back. The
 * subcommands are those of flows/commands (a test keeps the two lists equal).
 */
import { ApplicationCommandOptionType as T, ApplicationCommandType, ApplicationIntegrationType, InteractionContextType, PermissionFlagsBits, type RESTPutAPIApplicationCommandsJSONBody } from 'discord.js';

export const TRADE_COMMAND = 'trade';
export const LATEST_MAX = 10;

type Option = {
  type: T.String | T.Integer | T.Boolean;
  name: string;
  description: string;
  required?: boolean;
  autocomplete?: boolean;
  choices?: { name: string; value: string }[];
  min_value?: number;
  max_value?: number;
  max_length?: number;
};

/** On lookups: answers are only for the asker unless they ask to show the channel. */
const PUBLIC: Option = { type: T.Boolean, name: 'public', description: 'Show the answer to the whole channel (default: only you see it)' };

const topic = (description: string, required = false): Option => ({ type: T.String, name: 'topic', description, required, autocomplete: true, max_length: 100 });

/** The subcommands, in help order, with Discord's ≤ 100-character descriptions. */
export const SUBCOMMAND_DESCRIPTIONS: readonly [string, string][] = [
  ['latest', 'The newest stories, optionally for one topic'],
  ['search', 'Full-text search, best matches first'],
  ['quotes', 'What a person was quoted saying, newest first'],
  ['subscribe', 'Post a topic in this channel, at once or as a daily digest'],
  ['unsubscribe', 'Stop posting a topic (or everything) in this channel'],
  ['topics', 'All topics, and what this channel follows'],
  ['feeds', 'Feed health: last poll, errors'],
  ['test', 'Post a sample alert here'],
  ['help', 'What /trade can do'],
];

/** Typed options per subcommand; a subcommand missing here takes no options. */
export const OPTIONS: Record<string, Option[]> = {
  latest: [topic('Only stories on this topic'), { type: T.Integer, name: 'n', description: `How many stories (1-${LATEST_MAX}, default 5)`, min_value: 1, max_value: LATEST_MAX }, PUBLIC],
  search: [{ type: T.String, name: 'query', description: 'Words to look for, e.g. akazawa tariffs', required: true, max_length: 200 }, PUBLIC],
  quotes: [{ type: T.String, name: 'speaker', description: 'Who was quoted, e.g. Akazawa', required: true, autocomplete: true, max_length: 100 }, topic('Only quotes from stories on this topic'), PUBLIC],
  subscribe: [
    topic('The topic to post in this channel', true),
    { type: T.String, name: 'mode', description: 'Each story at once, or a daily digest', choices: [{ name: 'instant', value: 'instant' }, { name: 'daily digest', value: 'daily' }] },
    { type: T.String, name: 'time', description: 'Daily digest time, HH:MM (24 h)', max_length: 5 },
    { type: T.String, name: 'timezone', description: 'Time zone of the digest, e.g. Asia/Tokyo (default UTC)', autocomplete: true, max_length: 64 },
  ],
  unsubscribe: [topic('The topic to stop posting here, or "all"', true)],
  test: [topic('Show a story from this topic')],
  topics: [PUBLIC],
  feeds: [PUBLIC],
  help: [PUBLIC],
};

/** The command body for `PUT /applications/{app}/commands` (or `/guilds/{guild}/commands`). */
export function tradeCommand(): RESTPutAPIApplicationCommandsJSONBody {
  return [
    {
      type: ApplicationCommandType.ChatInput,
      name: TRADE_COMMAND,
      description: 'Trade-policy news: latest stories, search, quotes, channel subscriptions',
      contexts: [InteractionContextType.Guild],
      integration_types: [ApplicationIntegrationType.GuildInstall],
      // Everyone may use /trade; subscribe/unsubscribe check Manage Channels (or the configured role) themselves.
      default_member_permissions: null,
      options: SUBCOMMAND_DESCRIPTIONS.map(([name, description]) => ({ type: T.Subcommand, name, description, options: OPTIONS[name] ?? [] })),
    },
  ] as RESTPutAPIApplicationCommandsJSONBody;
}

/** Whether a member may change this channel's subscriptions. */
export const MANAGE_PERMISSION = PermissionFlagsBits.ManageChannels;
