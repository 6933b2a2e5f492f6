/**
 * @module core/format/discord/types — the subset of Discord's message JSON tradewire emits (plain
 * types: core/ cannot import discord.js) and Discord's documented limits.
 */

export interface DiscordEmbedField {
  name: string;
  value: string;
  inline?: boolean;
}

export interface DiscordEmbed {
  title?: string;
  /** Makes the title a link (http(s) only). */
  url?: string;
  description?: string;
  /** 0xRRGGBB */
  color?: number;
  /** ISO 8601; Discord shows it in each reader's time zone. */
  timestamp?: string;
  footer?: { text: string };
  author?: { name: string; url?: string };
  fields?: DiscordEmbedField[];
}

/**
 * `parse: []` always: nothing in the text can notify anyone. A subscription's configured role is
 * the only exception, and only that role id is listed.
 */
export interface DiscordAllowedMentions {
  parse: [];
  roles?: string[];
  replied_user?: boolean;
}

export interface DiscordMessage {
  content?: string;
  embeds: DiscordEmbed[];
  allowed_mentions: DiscordAllowedMentions;
  /** A reply to an earlier message (follow-ups); still posted if the original was deleted. */
  message_reference?: { message_id: string; fail_if_not_exists: false };
}

/**
 * https://discord.com/developers/docs/resources/message#embed-object-embed-limits — enforced by
 * test/harness/fake-discord.ts too (400 + code 50035 like Discord).
 */
export const DISCORD_LIMITS = {
  content: 2_000,
  embeds: 10,
  title: 256,
  description: 4_096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1_024,
  footer: 2_048,
  authorName: 256,
  /** Sum of title, description, field names and values, footer and author name over all embeds of a message. */
  total: 6_000,
  url: 2_048,
} as const;
