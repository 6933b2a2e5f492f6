/**
 * @module core/format/mrkdwn — the Slack mrkdwn safety layer. Feed text is untrusted: after these
 * functions nothing from a feed can become a mention (`<!channel>`, `<!here>`, `<!everyone>`,
 * `<@U…>`, `<!subteam^…>`), a channel link (`<#C…>`), a link to anything but http(s), or
 * formatting that swallows the rest of a message (a stray `` ``` `` or `~`).
 *
 * Slack has no backslash escape for `*`, `_`, `~`, `` ` ``: the only way to show them literally in
 * mrkdwn is a look-alike character. We use look-alikes in mrkdwn only; quotes and summaries go out
 * as `plain_text` / `rich_text`, where the characters stay verbatim.
 */
import { ELLIPSIS, oneLine, safeHttpUrl, sanitize } from './text.js';

const LOOKALIKE: Record<string, string> = {
  '*': '\u2217', // ∗ asterisk operator
  _: '\u02CD', // ˍ modifier letter low macron
  '~': '\u223C', // ∼ tilde operator
  '`': '\u02CB', // ˋ modifier letter grave accent
};

const WORD_JOINER = '\u2060';
const ZERO_WIDTH_SPACE = '\u200B';

/** Bare `@channel` etc. do not notify with `parse: none`, but defence in depth costs nothing. */
function breakBroadcastWords(text: string): string {
  return text.replace(/@(channel|here|everyone)\b/gi, `@${WORD_JOINER}$1`);
}

/** Untrusted text → mrkdwn that shows exactly this text (modulo look-alikes) and does nothing else. */
export function escapeMrkdwn(text: string): string {
  const escaped = sanitize(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[*_~`]/g, (c) => LOOKALIKE[c] ?? c);
  return breakBroadcastWords(escaped);
}

/**
 * Untrusted text inside inline code (`` `…` ``): Slack formats nothing there, so `*`, `_`, `~` stay
 * as typed (an error code like `store_closed` is shown exactly, and can be searched for); only a
 * backtick, which would end the span, becomes its look-alike.
 */
export function escapeMrkdwnCode(text: string): string {
  const escaped = sanitize(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/`/g, LOOKALIKE['`']!);
  return breakBroadcastWords(escaped);
}

/**
 * Untrusted text for `plain_text` and `rich_text` fields, which Slack shows literally: kept verbatim
 * except that the openers of Slack's special syntax (`<!`, `<@`, `<#`, `<scheme:`) are split by a zero-width space,
 * so even a client that did parse them would see nothing special.
 */
export function neutralisePlain(text: string): string {
  return breakBroadcastWords(sanitize(text).replace(/<(?=[!@#a-zA-Z])/g, `<${ZERO_WIDTH_SPACE}`));
}

/** `<url|label>` when the URL is http(s); otherwise the label alone. `label` must be escaped mrkdwn. */
export function mrkdwnLink(url: string | null | undefined, label: string): string {
  const safe = safeHttpUrl(url);
  if (!safe) return label;
  // escapeMrkdwn already encoded ">" in the label; a "|" would read as a second separator, so it
  // becomes a look-alike (¦) inside links only.
  return `<${safe}|${label.replace(/\|/g, '\u00A6')}>`;
}

/** One-line untrusted text, cut to `max` source characters, then escaped. */
export function escapeLine(text: string, max: number): string {
  const line = oneLine(text);
  return escapeMrkdwn(line.length > max ? `${line.slice(0, Math.max(0, max - 1)).trimEnd()}${ELLIPSIS}` : line);
}

/**
 * Cuts already-built mrkdwn to `max` characters without splitting an entity (`&amp;`) or a
 * `<…>` link/mention, then appends "…".
 */
export function truncateMrkdwn(mrkdwn: string, max: number): string {
  if (mrkdwn.length <= max) return mrkdwn;
  if (max <= 1) return max === 1 ? ELLIPSIS : '';
  let cut = max - 1;
  const open = mrkdwn.lastIndexOf('<', cut - 1);
  if (open !== -1 && endsAtOrAfter(mrkdwn, '>', open, cut)) cut = open;
  const amp = mrkdwn.lastIndexOf('&', cut - 1);
  if (amp !== -1 && endsAtOrAfter(mrkdwn, ';', amp, cut)) cut = amp;
  const code = mrkdwn.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  return `${mrkdwn.slice(0, cut).trimEnd()}${ELLIPSIS}`;
}

function endsAtOrAfter(text: string, closer: string, from: number, cut: number): boolean {
  const close = text.indexOf(closer, from);
  return close === -1 || close >= cut;
}

/**
 * A subscription's configured mention, validated: a user group id (`S…`, rendered `<!subteam^S…>`),
 * a user id (`U…`/`W…`), or the words `here` / `channel`, which a person chose on purpose. Anything
 * else is dropped: a mention is never built from free text.
 */
export function mentionMrkdwn(mention: string | null | undefined): string | null {
  if (!mention) return null;
  const m = mention.trim().replace(/^<!subteam\^(S[A-Z0-9]+)(?:\|[^>]*)?>$/, '$1').replace(/^<@([UW][A-Z0-9]+)>$/, '$1');
  if (/^S[A-Z0-9]{2,}$/.test(m)) return `<!subteam^${m}>`;
  if (/^[UW][A-Z0-9]{2,}$/.test(m)) return `<@${m}>`;
  if (/^@?(here|channel)$/.test(m)) return `<!${m.replace('@', '')}>`;
  return null;
}

/** Slack's date token: renders in each reader's time zone, with a UTC fallback label. */
export function slackDate(iso: string, fallback: string): string {
  const ms = new Date(iso).getTime();
  if (Number.isNaN(ms)) return escapeMrkdwn(fallback);
  return `<!date^${Math.floor(ms / 1000)}^{date_short_pretty} {time}|${escapeMrkdwn(fallback)}>`;
}
