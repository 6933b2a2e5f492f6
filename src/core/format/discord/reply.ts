/**
 * @module core/format/discord/reply — a platform-neutral command reply (markup text, lines, alert
 * cards) → a Discord message: the text as content, the lines packed into embed descriptions, the
 * stories as alert embeds (compact when there are more than a few), all within Discord's limits;
 * whatever does not fit is counted in a "…and N more" line. Never pings anyone.
 */
import type { AlertView } from '../../types.js';
import { alertEmbed, type DiscordRenderOptions } from '../discord-embed.js';
import { NEUTRAL_COLOR } from './colors.js';
import { embedChars, fitMessage } from './fit.js';
import { markupToDiscord, truncateMarkdown } from './markdown.js';
import { DISCORD_LIMITS as L, type DiscordEmbed, type DiscordMessage } from './types.js';

/** Structurally a CommandReply (ports.ts) minus `ephemeral`, which decides the interaction flags. */
export interface DiscordReplyContent {
  text: string;
  lines?: string[];
  alerts?: AlertView[];
}

const TEXT_MAX = 1_900;
/** More stories than this are shown as compact cards (no quotes, short summary). */
const FULL_CARDS_MAX = 2;

export function discordReply(reply: DiscordReplyContent, options: DiscordRenderOptions = {}): DiscordMessage {
  const embeds: DiscordEmbed[] = [];
  let budget: number = L.total;
  const lines = (reply.lines ?? []).map((l) => truncateMarkdown(markupToDiscord(l), 1_000));
  let linesShown = 0;
  for (const chunk of pack(lines, lines.some((l) => l.includes('\n')) ? '\n\n' : '\n')) {
    if (embeds.length >= L.embeds || chunk.text.length > budget) break;
    embeds.push({ description: chunk.text, color: NEUTRAL_COLOR });
    budget -= chunk.text.length;
    linesShown += chunk.count;
  }
  const alerts = reply.alerts ?? [];
  const compact = alerts.length > FULL_CARDS_MAX;
  let alertsShown = 0;
  for (const alert of alerts) {
    if (embeds.length >= L.embeds) break;
    const left = alerts.length - alertsShown;
    // Share what is left evenly, so ten stories all show rather than the first eating the budget.
    const share = Math.floor(budget / Math.min(left, L.embeds - embeds.length));
    if (share < 60) break;
    const [card] = fitMessage({ embeds: [alertEmbed(alert, options, compact)], allowed_mentions: { parse: [] } }).embeds;
    const fitted = embedChars(card!) <= share ? card! : fitMessage({ embeds: [card!], allowed_mentions: { parse: [] } }, share).embeds[0]!;
    embeds.push(fitted);
    budget -= embedChars(fitted);
    alertsShown += 1;
  }
  const hidden = lines.length - linesShown + (alerts.length - alertsShown);
  const text = truncateMarkdown(markupToDiscord(reply.text), TEXT_MAX);
  const content = hidden > 0 ? `${text}\n…and ${hidden} more` : text;
  return fitMessage({ content: content.trim() ? content : 'tradewire', embeds, allowed_mentions: { parse: [] } });
}

/** Greedy packing of lines into description-sized chunks (multi-line entries get a blank line between). */
function pack(lines: string[], joiner: string): { text: string; count: number }[] {
  const chunks: { text: string; count: number }[] = [];
  let cur: { text: string; count: number } | null = null;
  for (const line of lines) {
    if (cur && cur.text.length + joiner.length + line.length <= L.description) {
      cur.text += `${joiner}${line}`;
      cur.count += 1;
      continue;
    }
    cur = { text: line, count: 1 };
    chunks.push(cur);
  }
  return chunks;
}
