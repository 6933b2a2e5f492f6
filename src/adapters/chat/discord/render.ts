/**
 * @module adapters/chat/discord/render — ports' OutgoingMessage / CommandReply → Discord message
 * bodies, via the pure renderers in core/format.
 */
import { discordAlert, discordDigest, discordFollowup, discordNotice, type DiscordMessage, type DiscordRenderOptions } from '../../../core/format/discord-embed.js';
import { discordReply } from '../../../core/format/discord/reply.js';
import type { CommandReply, OutgoingMessage } from '../../../ports.js';

export function renderOutgoing(message: OutgoingMessage, options: DiscordRenderOptions = {}): DiscordMessage {
  switch (message.kind) {
    case 'alert':
      return discordAlert(message.alert, options);
    case 'followup':
      return discordFollowup(message.alert, message.outlet, message.threadOf, options);
    case 'digest':
      return discordDigest(message.title, message.groups, options);
    case 'notice':
      return discordNotice(message.text);
  }
}

/** An interaction reply body (discord.js options): embeds, no pings, ephemeral flag when asked. */
export function renderReply(reply: CommandReply, options: DiscordRenderOptions = {}): { content?: string; embeds: DiscordMessage['embeds']; allowedMentions: { parse: [] }; ephemeral: boolean } {
  const msg = discordReply(reply, options);
  return { ...(msg.content ? { content: msg.content } : {}), embeds: msg.embeds, allowedMentions: { parse: [] }, ephemeral: reply.ephemeral };
}
