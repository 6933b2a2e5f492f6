/**
 * @module core/format/discord/markdown — the Discord markdown safety layer. Feed text is untrusted:
 * after these functions nothing from a feed can become a mention (`@everyone`, `@here`, `<@…>`,
 * `<@&…>`, `<#…>`), a custom emoji, a timestamp or slash-command token, a masked link to anything
 * but http(s), or markdown that breaks the layout (headers, block quotes, lists, spoilers, code).
 *
 * Discord's parser (simple-markdown based) treats a backslash before any ASCII punctuation as an
 * escape and hides the backslash, so escaping costs nothing visible. Footers and author names are
 * not markdown at all: they get `plainSafe`, which adds no backslashes.
 * `allowed_mentions: {parse: []}` already stops pings server-side; this layer is defence in depth
 * and keeps the text looking like what the feed said.
 */
import { parseMarkup, splitEdges, type Run } from '../markup.js';
import { ELLIPSIS, oneLine, safeHttpUrl, sanitize, truncate } from '../text.js';

const ZWSP = '\u200B';
/** Special anywhere in a line. */
const INLINE = /[\\*_~`|[\]<>]/g;
/** Special at the start of a line: headers (`#`, `-#`), quotes (`>`), lists (`-`, `+`, `1.`). */
const LINE_START = /^(\s*)([#>+-]|\d+\.)/gm;

/** `@everyone`/`@here` split by a zero-width space, and `<` kept from opening a mention/emoji/timestamp. */
function breakMentions(text: string): string {
  return text.replace(/@(everyone|here)\b/gi, `@${ZWSP}$1`).replace(/<(?=[@#:/!]|a:|t:)/gi, `<${ZWSP}`);
}

/** Untrusted text → markdown that shows exactly this text and does nothing else. */
export function escapeMarkdown(text: string): string {
  const escaped = sanitize(text)
    .replace(INLINE, (c) => `\\${c}`)
    // A backslash escapes punctuation only: "1." becomes "1\." (the dot), "#" becomes "\#".
    .replace(LINE_START, (_m, lead: string, marker: string) => (marker.endsWith('.') ? `${lead}${marker.slice(0, -1)}\\.` : `${lead}\\${marker}`));
  return breakMentions(escaped);
}

/**
 * Untrusted text escaped and cut to `max` characters. The raw text is cut first (escaping only
 * lengthens it), so a 100 kB summary costs no more than a short one.
 */
export function escapeCut(text: string, max: number, line = false): string {
  const raw = line ? oneLine(text.length > max * 4 ? text.slice(0, max * 4) : text) : text;
  return truncateMarkdown(escapeMarkdown(truncate(raw, max)), max);
}

/** One line of untrusted text, escaped. */
export function escapeLine(text: string): string {
  return escapeMarkdown(oneLine(text));
}

/** For places Discord shows literally (footer, author name): no backslashes, mentions still broken. */
export function plainSafe(text: string): string {
  return breakMentions(oneLine(text));
}

/** `[label](url)` when the URL is http(s); the escaped label alone otherwise. `label` is untrusted text. */
export function mdLink(label: string, url: string | null | undefined): string {
  const safe = safeHttpUrl(url);
  const text = escapeLine(label);
  return safe && text ? `[${text}](${safe})` : text;
}

/**
 * Cuts markdown to at most `max` characters with "…", never leaving a dangling escape backslash,
 * half a masked link, half a `<t:…>` token or half a surrogate pair.
 */
export function truncateMarkdown(md: string, max: number): string {
  if (md.length <= max) return md;
  if (max <= 1) return max === 1 ? ELLIPSIS : '';
  let cut = max - 1;
  cut = Math.min(cut, linkStartBefore(md, cut));
  const angle = md.lastIndexOf('<', cut - 1);
  if (angle !== -1 && !isEscaped(md, angle) && closesAtOrAfter(md, '>', angle, cut)) cut = angle;
  const code = md.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  let slashes = 0;
  while (cut - 1 - slashes >= 0 && md[cut - 1 - slashes] === '\\') slashes += 1;
  if (slashes % 2 === 1) cut -= 1;
  return `${md.slice(0, cut).trimEnd()}${ELLIPSIS}`;
}

/** Longest masked link we build: an escaped label plus a URL of at most 2,000 characters. */
const LINK_REACH = 4_000;

/** If `cut` falls inside an unescaped `[label](url)`, the index of its `[`; else `cut`. */
function linkStartBefore(md: string, cut: number): number {
  const floor = Math.max(0, cut - LINK_REACH);
  for (let open = md.lastIndexOf('[', cut - 1); open >= floor; open = open > 0 ? md.lastIndexOf('[', open - 1) : -1) {
    if (isEscaped(md, open)) continue;
    const mid = md.indexOf('](', open);
    if (mid === -1) return cut;
    const close = md.indexOf(')', mid);
    return close === -1 || close >= cut ? open : cut;
  }
  return cut;
}

function isEscaped(md: string, at: number): boolean {
  let n = 0;
  while (at - 1 - n >= 0 && md[at - 1 - n] === '\\') n += 1;
  return n % 2 === 1;
}

function closesAtOrAfter(text: string, closer: string, from: number, cut: number): boolean {
  const close = text.indexOf(closer, from);
  return close === -1 || close >= cut;
}

/** Platform-neutral reply markup (core/format/markup.ts) → Discord markdown, every run escaped. */
export function markupToDiscord(markup: string): string {
  return parseMarkup(markup).map(runToDiscord).join('');
}

function runToDiscord(run: Run): string {
  const { lead, core, trail } = splitEdges(run.text);
  if (!core) return escapeMarkdown(run.text);
  // Inside a code span Discord shows backslashes literally; a backtick would end the span early.
  let out = run.code ? `\`${breakMentions(sanitize(core).replace(/`/g, '\u02CB'))}\`` : escapeMarkdown(core);
  if (run.italic) out = `_${out}_`;
  if (run.bold) out = `**${out}**`;
  const safe = run.url ? safeHttpUrl(run.url) : null;
  if (safe) out = `[${out}](${safe})`;
  return `${escapeMarkdown(lead)}${out}${escapeMarkdown(trail)}`;
}
