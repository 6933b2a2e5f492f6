/**
 * @module test/harness/discord-limits — an independent check of a Discord message payload against
 * Discord's documented limits (https://discord.com/developers/docs/resources/message#embed-object-embed-limits
 * and #create-message), and a scan for mention syntax that must never come from feed text. Used by
 * the fake Discord (which answers 400 + code 50035 like Discord) and by the formatting tests.
 * Written from Discord's docs, not from src/, so a bug cannot hide in both.
 */

import { allStrings } from './slack-limits.js';

export const DISCORD_DOC_LIMITS = { content: 2000, embeds: 10, title: 256, description: 4096, fields: 25, fieldName: 256, fieldValue: 1024, footer: 2048, author: 256, total: 6000 };

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/**
 * Problems Discord would reject the message body for, as `path: reason` (the shape of Discord's
 * 50035 "Invalid Form Body" errors); [] when valid. `needsBody`: content or embeds required
 * (create message), false for edits.
 */
export function discordPayloadProblems(body: unknown, needsBody = true): string[] {
  if (!isObj(body)) return ['body: not an object'];
  const problems: string[] = [];
  const content = body.content;
  if (content !== undefined && content !== null && typeof content !== 'string') problems.push('content: not a string');
  if (typeof content === 'string' && content.length > DISCORD_DOC_LIMITS.content) problems.push(`content: Must be ${DISCORD_DOC_LIMITS.content} or fewer in length.`);
  const embeds = body.embeds ?? [];
  if (!Array.isArray(embeds)) return [...problems, 'embeds: not an array'];
  if (embeds.length > DISCORD_DOC_LIMITS.embeds) problems.push(`embeds: Must be ${DISCORD_DOC_LIMITS.embeds} or fewer in length.`);
  let total = 0;
  embeds.forEach((e, i) => {
    const at = `embeds.${i}`;
    if (!isObj(e)) return void problems.push(`${at}: not an object`);
    const check = (key: string, value: unknown, max: number): void => {
      const s = str(value);
      if (value === undefined) return;
      if (s === null) return void problems.push(`${at}.${key}: not a string`);
      if (s.length > max) problems.push(`${at}.${key}: Must be ${max} or fewer in length.`);
      total += s.length;
    };
    check('title', e.title, DISCORD_DOC_LIMITS.title);
    check('description', e.description, DISCORD_DOC_LIMITS.description);
    if (e.footer !== undefined) {
      if (!isObj(e.footer) || !str(e.footer.text)) problems.push(`${at}.footer.text: This field is required`);
      else check('footer.text', e.footer.text, DISCORD_DOC_LIMITS.footer);
    }
    if (e.author !== undefined) {
      if (!isObj(e.author) || !str(e.author.name)) problems.push(`${at}.author.name: This field is required`);
      else check('author.name', e.author.name, DISCORD_DOC_LIMITS.author);
    }
    const fields = e.fields ?? [];
    if (!Array.isArray(fields)) problems.push(`${at}.fields: not an array`);
    else {
      if (fields.length > DISCORD_DOC_LIMITS.fields) problems.push(`${at}.fields: Must be ${DISCORD_DOC_LIMITS.fields} or fewer in length.`);
      fields.forEach((f, j) => {
        if (!isObj(f) || !str(f.name) || !str(f.value)) return void problems.push(`${at}.fields.${j}: name and value are required and must not be empty`);
        check(`fields.${j}.name`, f.name, DISCORD_DOC_LIMITS.fieldName);
        check(`fields.${j}.value`, f.value, DISCORD_DOC_LIMITS.fieldValue);
      });
    }
    for (const key of ['url'] as const) {
      const u = e[key];
      if (u !== undefined && (typeof u !== 'string' || !/^https?:\/\/\S+$/.test(u))) problems.push(`${at}.${key}: Not a well formed URL.`);
    }
    if (e.color !== undefined && (!Number.isInteger(e.color) || (e.color as number) < 0 || (e.color as number) > 0xffffff)) problems.push(`${at}.color: invalid colour`);
    if (e.timestamp !== undefined && (typeof e.timestamp !== 'string' || Number.isNaN(Date.parse(e.timestamp)))) problems.push(`${at}.timestamp: Could not parse`);
    if (Object.keys(e).filter((k) => ['title', 'description', 'fields', 'footer', 'author', 'image', 'thumbnail'].includes(k)).length === 0) problems.push(`${at}: empty embed`);
  });
  if (total > DISCORD_DOC_LIMITS.total) problems.push(`embeds: Embed size exceeds maximum size of ${DISCORD_DOC_LIMITS.total} (${total})`);
  const hasContent = typeof content === 'string' && content.length > 0;
  if (needsBody && !hasContent && embeds.length === 0) problems.push('Cannot send an empty message (50006)');
  const am = body.allowed_mentions;
  if (am !== undefined) {
    if (!isObj(am)) problems.push('allowed_mentions: not an object');
    else if (Array.isArray(am.parse) && Array.isArray(am.roles) && am.parse.includes('roles')) problems.push('allowed_mentions: parse roles and roles list are mutually exclusive');
  }
  if (body.nonce !== undefined && (typeof body.nonce === 'string' ? body.nonce.length > 25 : !Number.isInteger(body.nonce))) problems.push('nonce: Must be 25 or fewer in length.');
  return problems;
}

export { allStrings };

/**
 * Discord syntax that notifies people or renders as a mention/emoji/command/timestamp, anywhere in
 * the payload's strings: `<@id>`, `<@!id>`, `<@&id>`, `<#id>`, `<:name:id>`, `<a:name:id>`,
 * `</cmd:id>`, `<t:…>` (except those in `allowed`), and bare @everyone / @here. A token preceded by a
 * backslash is escaped and shows literally.
 */
export function discordSpecialTokens(payload: unknown, allowed: readonly (string | RegExp)[] = []): string[] {
  const found: string[] = [];
  const ok = (t: string): boolean => allowed.some((a) => (typeof a === 'string' ? a === t : a.test(t)));
  for (const s of allStrings(payload)) {
    for (const m of s.matchAll(/(\\?)<(@[!&]?\d+|#\d+|a?:\w+:\d+|\/[^<>:]+:\d+|t:-?\d+(?::[tTdDfFR])?)>/g)) {
      if (m[1] === '\\' || ok(m[0].replace(/^\\/, ''))) continue;
      found.push(m[0]);
    }
    for (const m of s.matchAll(/@(everyone|here)\b/gi)) found.push(m[0]);
  }
  return found;
}

/**
 * Markdown that would break the layout if it came from feed text: unescaped `||` (spoilers), a
 * backtick (code), `#`/`>`/`-#` opening a line (header, quote, subtext), `[label](url)` with a
 * non-http(s) target. Only for strings that hold nothing but feed text and our own links.
 */
export function layoutBreakers(text: string): string[] {
  const found: string[] = [];
  const unescaped = (re: RegExp): void => {
    for (const m of text.matchAll(re)) if (!isEscapedAt(text, m.index)) found.push(m[0]);
  };
  unescaped(/\|\|/g);
  unescaped(/`/g);
  for (const m of text.matchAll(/^[ \t]*(#{1,3} |-# |> |>>> )/gm)) found.push(m[0]);
  for (const m of text.matchAll(/\]\(([^)]*)\)/g)) if (!isEscapedAt(text, m.index) && !/^https?:\/\//.test(m[1]!)) found.push(m[0]);
  return found;
}

function isEscapedAt(text: string, at: number): boolean {
  let n = 0;
  while (at - 1 - n >= 0 && text[at - 1 - n] === '\\') n += 1;
  return n % 2 === 1;
}
