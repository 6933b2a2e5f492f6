/**
 * @module core/format/discord-embed — alerts, follow-ups, digests and notices as Discord embeds.
 *
 * An alert is one embed: the headline linked as title, the summary as description, each key quote
 * as a field named for its speaker, "also reported by" as a last field, a footer with the source
 * and topics, the publication time as timestamp, and the first topic's colour. Every message is
 * cut to Discord's limits (fit.ts) and carries `allowed_mentions: {parse: []}`; the only mention
 * ever added is the subscription's configured role, allowed by id alone.
 */
import type { AlertView, AlsoReported, DigestGroup } from '../types.js';
import { topicColor, WARNING_COLOR, type TopicColors } from './discord/colors.js';
import { fitMessage } from './discord/fit.js';
import { escapeCut, escapeLine, mdLink, plainSafe } from './discord/markdown.js';
import { DISCORD_LIMITS, type DiscordAllowedMentions, type DiscordEmbed, type DiscordEmbedField, type DiscordMessage } from './discord/types.js';
import { formatUtc, oneLine, safeHttpUrl, truncate } from './text.js';

export type { DiscordEmbed, DiscordMessage } from './discord/types.js';
export { DISCORD_LIMITS } from './discord/types.js';
export type { TopicColors } from './discord/colors.js';

export interface DiscordRenderOptions {
  /** topics.yaml colours by topic id. */
  colors?: TopicColors;
}

const HEADLINE_MAX = 150;
const SOURCE_MAX = 80;
const MAX_OUTLETS_SHOWN = 8;
const MAX_QUOTES = 3;
const COMPACT_SUMMARY_MAX = 280;

/** A subscription's role, validated: a snowflake id or `<@&id>`. Anything else is dropped. */
export function roleMention(mention: string | null | undefined): string | null {
  if (!mention) return null;
  const id = mention.trim().replace(/^<@&(\d+)>$/, '$1');
  return /^\d{15,22}$/.test(id) ? id : null;
}

export function allowedMentions(roleId: string | null): DiscordAllowedMentions {
  return roleId ? { parse: [], roles: [roleId] } : { parse: [] };
}

/** ISO 8601 when `iso` is a real time, else undefined (Discord rejects a bad timestamp). */
function validTimestamp(iso: string): string | undefined {
  const ms = new Date(iso).getTime();
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

/** Discord's `<t:…>` token: each reader sees the time in their own zone. */
export function discordTime(iso: string): string {
  const ms = new Date(iso).getTime();
  return Number.isNaN(ms) ? escapeLine(formatUtc(iso)) : `<t:${Math.floor(ms / 1000)}:f>`;
}

function footerText(alert: AlertView): string {
  const topics = alert.topics.map((t) => oneLine(t.name)).join(' · ');
  const source = truncate(oneLine(alert.source), SOURCE_MAX) || 'unknown source';
  return plainSafe(truncate(topics ? `${source} · ${topics}` : source, 400));
}

function quoteField(text: string, speaker: string): DiscordEmbedField {
  // Cut the quote inside its quotation marks, so a long quote still reads as one.
  const body = escapeCut(text.trim(), DISCORD_LIMITS.fieldValue - 2);
  return { name: escapeCut(speaker, DISCORD_LIMITS.fieldName, true) || 'unknown', value: `“${body}”` };
}

/** "[A](…), [B](…) and 3 more", within one field value. */
export function outletsValue(outlets: AlertView['alsoReportedBy']): string | null {
  if (outlets.length === 0) return null;
  const parts: string[] = [];
  let length = 0;
  for (const o of outlets.slice(0, MAX_OUTLETS_SHOWN)) {
    const link = mdLink(truncate(oneLine(o.source), SOURCE_MAX) || 'unknown', o.url);
    if (length + link.length + 2 > DISCORD_LIMITS.fieldValue - 20) break;
    parts.push(link);
    length += link.length + 2;
  }
  const more = outlets.length - parts.length;
  return `${parts.join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
}

/** One story as an embed; `compact` (lists of stories) leaves out quotes and shortens the summary. */
export function alertEmbed(alert: AlertView, options: DiscordRenderOptions = {}, compact = false): DiscordEmbed {
  const embed: DiscordEmbed = {
    title: escapeCut(alert.title, DISCORD_LIMITS.title, true) || 'Untitled',
    color: topicColor(alert.topics[0]?.id, options.colors),
    footer: { text: footerText(alert) },
  };
  const url = safeHttpUrl(alert.url, DISCORD_LIMITS.url);
  if (url) embed.url = url;
  const summary = compact ? escapeCut(alert.summary, COMPACT_SUMMARY_MAX, true) : escapeCut(alert.summary.trim(), DISCORD_LIMITS.description);
  if (summary) embed.description = summary;
  const fields: DiscordEmbedField[] = compact ? [] : alert.keyQuotes.slice(0, MAX_QUOTES).filter((q) => q.text.trim()).map((q) => quoteField(q.text, q.speaker));
  const also = outletsValue(alert.alsoReportedBy);
  if (also && !compact) fields.push({ name: 'Also reported by', value: also });
  if (fields.length > 0) embed.fields = fields;
  const ts = validTimestamp(alert.published);
  if (ts) embed.timestamp = ts;
  return embed;
}

export function discordAlert(alert: AlertView, options: DiscordRenderOptions = {}): DiscordMessage {
  const role = roleMention(alert.mention);
  return fitMessage({ ...(role ? { content: `<@&${role}>` } : {}), embeds: [alertEmbed(alert, options)], allowed_mentions: allowedMentions(role) });
}

/**
 * A reply to the original alert (`replyTo`) naming the outlet that also reported it. Never pings.
 * Where a reply is impossible (webhooks), `originalUrl` links the alert instead.
 */
export function discordFollowup(alert: AlertView, outlet: AlsoReported, replyTo: string | null, options: DiscordRenderOptions = {}, originalUrl?: string): DiscordMessage {
  const headline = truncate(oneLine(outlet.title || alert.title), HEADLINE_MAX);
  const original = originalUrl ? ` · ${mdLink('earlier alert', originalUrl)}` : '';
  const msg: DiscordMessage = {
    embeds: [{ description: `Also reported by **${escapeLine(truncate(oneLine(outlet.source), SOURCE_MAX)) || 'another outlet'}**: ${mdLink(headline, outlet.url) || 'Untitled'}${original}`, color: topicColor(alert.topics[0]?.id, options.colors) }],
    allowed_mentions: { parse: [], replied_user: false },
  };
  if (replyTo) msg.message_reference = { message_id: replyTo, fail_if_not_exists: false };
  return fitMessage(msg);
}

export function discordNotice(text: string): DiscordMessage {
  return fitMessage({ embeds: [{ title: 'tradewire', description: `⚠️ ${escapeCut(text.trim(), DISCORD_LIMITS.description - 3)}`, color: WARNING_COLOR }], allowed_mentions: { parse: [] } });
}

function digestLine(alert: AlertView): string {
  return `• ${mdLink(truncate(oneLine(alert.title), HEADLINE_MAX) || 'Untitled', alert.url)} — ${escapeLine(truncate(oneLine(alert.source), SOURCE_MAX))} · ${discordTime(alert.published)}`;
}

/** Room kept for the "…and N more stories" footer. */
const MORE_RESERVE = 60;

/**
 * The title as content, then one embed per topic (its colour, its stories as linked lines), packed
 * within 10 embeds, 4,096 per description and 6,000 in all; what does not fit is counted in a
 * "…and N more stories" footer.
 */
export function discordDigest(title: string, groups: DigestGroup[], options: DiscordRenderOptions = {}): DiscordMessage {
  const total = groups.reduce((n, g) => n + g.alerts.length, 0);
  const embeds: DiscordEmbed[] = [];
  let budget: number = DISCORD_LIMITS.total - MORE_RESERVE;
  let shown = 0;
  for (const group of groups) {
    if (embeds.length >= DISCORD_LIMITS.embeds) break;
    const embed: DiscordEmbed = { title: escapeCut(group.topic.name, 200, true) || 'Topic', color: topicColor(group.topic.id, options.colors) };
    budget -= embed.title!.length;
    const lines: string[] = [];
    let length = 0;
    for (const alert of group.alerts) {
      const line = digestLine(alert);
      const added = line.length + (lines.length > 0 ? 1 : 0);
      if (length + added > DISCORD_LIMITS.description || added > budget) break;
      lines.push(line);
      length += added;
      budget -= added;
    }
    if (lines.length === 0) break;
    embed.description = lines.join('\n');
    embeds.push(embed);
    shown += lines.length;
    if (lines.length < group.alerts.length) break;
  }
  const hidden = total - shown;
  if (hidden > 0 && embeds.length > 0) embeds.at(-1)!.footer = { text: `…and ${hidden} more ${hidden === 1 ? 'story' : 'stories'}` };
  const heading = `**${escapeCut(title, 200, true) || 'Digest'}** — ${total} ${total === 1 ? 'story' : 'stories'}`;
  if (embeds.length === 0) embeds.push({ description: `${hidden} ${hidden === 1 ? 'story' : 'stories'} (too long to show)` });
  return fitMessage({ content: heading, embeds, allowed_mentions: { parse: [] } });
}
