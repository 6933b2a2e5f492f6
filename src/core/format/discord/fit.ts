/**
 * @module core/format/discord/fit — keeps a message within Discord's embed limits whatever the
 * input: each piece cut to its own limit, at most 10 embeds and 25 fields, and the 6,000-character
 * total shared out by "water-filling" (the longest pieces are cut first, down to a common cap), so
 * a huge summary shrinks before a headline does. Never throws; cut pieces end with "…".
 */
import { truncate } from '../text.js';
import { truncateMarkdown } from './markdown.js';
import { DISCORD_LIMITS as L, type DiscordEmbed, type DiscordMessage } from './types.js';

/** Characters Discord counts towards the 6,000 total of one embed. */
export function embedChars(e: DiscordEmbed): number {
  let n = (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.footer?.text.length ?? 0) + (e.author?.name.length ?? 0);
  for (const f of e.fields ?? []) n += f.name.length + f.value.length;
  return n;
}

export function totalChars(embeds: readonly DiscordEmbed[]): number {
  return embeds.reduce((n, e) => n + embedChars(e), 0);
}

interface Piece {
  length: number;
  cut(max: number): void;
}

const EMPTY_FIELD = '\u200B';

/** One embed within the per-piece limits (a copy); empty optional pieces dropped. */
function clampEmbed(e: DiscordEmbed): DiscordEmbed {
  const out: DiscordEmbed = { ...e };
  if (out.title !== undefined) out.title = truncateMarkdown(out.title, L.title);
  if (!out.title) delete out.title;
  if (!out.title) delete out.url;
  if (out.description !== undefined) out.description = truncateMarkdown(out.description, L.description);
  if (!out.description) delete out.description;
  if (out.footer) out.footer = { text: truncate(out.footer.text, L.footer) };
  if (out.footer && !out.footer.text) delete out.footer;
  if (out.author) out.author = { ...out.author, name: truncate(out.author.name, L.authorName) };
  if (out.author && !out.author.name) delete out.author;
  if (out.fields) {
    // Discord rejects an empty field name or value.
    out.fields = out.fields.slice(0, L.fields).map((f) => ({
      ...f,
      name: truncateMarkdown(f.name, L.fieldName) || EMPTY_FIELD,
      value: truncateMarkdown(f.value, L.fieldValue) || EMPTY_FIELD,
    }));
    if (out.fields.length === 0) delete out.fields;
  }
  return out;
}

function piecesOf(e: DiscordEmbed): Piece[] {
  const pieces: Piece[] = [];
  const md = (get: () => string, set: (v: string) => void): void =>
    void pieces.push({ length: get().length, cut: (max) => set(truncateMarkdown(get(), max) || EMPTY_FIELD) });
  if (e.title) md(() => e.title!, (v) => (e.title = v));
  if (e.description) md(() => e.description!, (v) => (e.description = v));
  for (const f of e.fields ?? []) {
    md(() => f.name, (v) => (f.name = v));
    md(() => f.value, (v) => (f.value = v));
  }
  if (e.footer) pieces.push({ length: e.footer.text.length, cut: (max) => (e.footer!.text = truncate(e.footer!.text, max)) });
  if (e.author) pieces.push({ length: e.author.name.length, cut: (max) => (e.author!.name = truncate(e.author!.name, max)) });
  return pieces;
}

/** The largest cap c such that Σ min(length, c) ≤ budget. */
function waterLevel(lengths: number[], budget: number): number {
  let lo = 1;
  let hi = Math.max(1, ...lengths);
  const used = (c: number): number => lengths.reduce((n, l) => n + Math.min(l, c), 0);
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (used(mid) <= budget) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** At most 10 embeds, each within its limits, all together within `budget` characters. */
export function fitEmbeds(embeds: readonly DiscordEmbed[], budget: number = L.total): DiscordEmbed[] {
  const out = embeds.slice(0, L.embeds).map(clampEmbed);
  if (totalChars(out) <= budget) return out;
  const pieces = out.flatMap(piecesOf);
  const cap = waterLevel(pieces.map((p) => p.length), budget);
  for (const p of pieces) if (p.length > cap) p.cut(cap);
  return out;
}

/** The whole message within limits: content ≤ 2,000, embeds as fitEmbeds (within `budget`). */
export function fitMessage(msg: DiscordMessage, budget: number = L.total): DiscordMessage {
  const out: DiscordMessage = { ...msg, embeds: fitEmbeds(msg.embeds, budget) };
  if (out.content !== undefined) out.content = truncateMarkdown(out.content, L.content);
  if (!out.content) delete out.content;
  return out;
}
