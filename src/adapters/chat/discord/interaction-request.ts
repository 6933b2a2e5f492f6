/**
 * @module adapters/chat/discord/interaction-request — a `/trade` interaction → the platform-neutral
 * CommandRequest: the typed options are written back as the argument text the shared handlers parse
 * (the same words a Slack user types), and the member's right to manage subscriptions is read from
 * the interaction itself (Manage Channels, Administrator, or the configured role).
 */
import { GuildMember, type ChatInputCommandInteraction } from 'discord.js';
import type { CommandRequest } from '../../../ports.js';
import { MANAGE_PERMISSION } from './definition.js';

type Options = Pick<ChatInputCommandInteraction['options'], 'getString' | 'getInteger'>;

/** Typed options → "latest fx 3", "subscribe g20 daily 08:00 Asia/Tokyo", … */
export function argsFor(sub: string, o: Options): string {
  const words = (...w: (string | number | null | undefined)[]): string => w.filter((x) => x !== null && x !== undefined && String(x).trim() !== '').map((x) => String(x).trim()).join(' ');
  switch (sub) {
    case 'latest':
      return words(o.getString('topic'), o.getInteger('n'));
    case 'search':
      return words(o.getString('query'));
    case 'quotes':
      return words(o.getString('speaker'), o.getString('topic'));
    case 'subscribe': {
      const time = o.getString('time');
      const mode = o.getString('mode') ?? (time ? 'daily' : null);
      return mode === 'daily' ? words(o.getString('topic'), 'daily', time, o.getString('timezone')) : words(o.getString('topic'), mode);
    }
    case 'unsubscribe':
    case 'test':
      return words(o.getString('topic'));
    default:
      return '';
  }
}

/** Manage Channels (Administrator implies it) from the interaction's member permissions, or the configured role. */
export function canManage(interaction: Pick<ChatInputCommandInteraction, 'memberPermissions' | 'member'>, manageRole: string | null): boolean {
  if (interaction.memberPermissions?.has(MANAGE_PERMISSION, true)) return true;
  if (!manageRole || !interaction.member) return false;
  const member = interaction.member;
  return member instanceof GuildMember ? member.roles.cache.has(manageRole) : member.roles.includes(manageRole);
}

export function toCommandRequest(interaction: ChatInputCommandInteraction, manageRole: string | null): CommandRequest {
  const sub = interaction.options.getSubcommand(false) ?? '';
  return {
    platform: 'discord',
    workspace: interaction.guildId ?? '',
    channel: interaction.channelId,
    userId: interaction.user.id,
    userName: interaction.user.username,
    sub,
    args: argsFor(sub, interaction.options),
    canManage: canManage(interaction, manageRole),
    public: interaction.options.getBoolean('public') ?? false,
  };
}
