/**
 * @module core/format/text — platform-neutral text hygiene for untrusted feed text: control
 * characters out, whitespace folded, lengths cut with an ellipsis (never mid surrogate pair).
 */

export const ELLIPSIS = '…';

/**
 * C0 controls except tab and newline, DEL, C1 controls, and the bidi overrides/isolates that let a
 * headline render in a different order than it reads (Trojan-Source style spoofing).
 */
export function isUnsafeChar(code: number): boolean {
  if (code === 0x09 || code === 0x0a) return false;
  return code < 0x20 || (code >= 0x7f && code <= 0x9f) || (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069);
}

/** Removes unsafe characters and normalises line endings; keeps everything a reader would see. */
export function sanitize(text: string): string {
  const normalised = text.replace(/\r\n?/g, '\n');
  let out = '';
  let start = 0;
  for (let i = 0; i < normalised.length; i += 1) {
    if (!isUnsafeChar(normalised.charCodeAt(i))) continue;
    out += normalised.slice(start, i);
    start = i + 1;
  }
  return start === 0 ? normalised : out + normalised.slice(start);
}

/** One line: sanitised, every run of whitespace (newlines included) folded to one space, trimmed. */
export function oneLine(text: string): string {
  return sanitize(text).replace(/\s+/g, ' ').trim();
}

/**
 * At most `max` UTF-16 units (Slack and Discord count at least that many), cut with "…". Prefers a
 * word boundary when one is near the end, never splits a surrogate pair.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return '';
  if (max === 1) return ELLIPSIS;
  let cut = max - 1;
  if (isHighSurrogate(text.charCodeAt(cut - 1))) cut -= 1;
  const space = text.lastIndexOf(' ', cut);
  if (space > cut * 0.8) cut = space;
  return `${text.slice(0, cut).trimEnd()}${ELLIPSIS}`;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/** "2025-04-20 08:05 UTC": a fixed, unambiguous rendering of an ISO time for any platform. */
export function formatUtc(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return oneLine(iso);
  return `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** Only absolute http(s) URLs survive (no javascript:, data:, credentials); null otherwise. */
export function safeHttpUrl(url: string | null | undefined, maxLength = 2_000): string | null {
  if (!url) return null;
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  if (parsed.username || parsed.password) return null;
  // URL.href percent-encodes spaces and quotes; the characters that end a Slack link or a markdown
  // link are encoded too, so a URL can never close the link it sits in.
  const href = parsed.href.replace(/[|<>()[\]]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
  return href.length <= maxLength ? href : null;
}
