/**
 * @module adapters/store/keys — the keys every store implementation derives the same way:
 * destination keys, outbox de-duplication keys, and the speaker key behind `quotesBy`/`speakers`.
 */
import { canonicalDestination } from '../../core/destination.js';
import type { Destination } from '../../core/types.js';

/**
 * One text key per destination (unambiguous even when a webhook URL holds separators). Slack and
 * Discord destinations are keyed by channel alone (core/destination), so a guild or team id given
 * one way and not the other never makes a second destination.
 */
export function destKey(d: Destination): string {
  const c = canonicalDestination(d);
  return JSON.stringify([c.platform, c.workspace, c.channel]);
}

export function destinationOf(row: { platform: string; workspace: string; channel: string }): Destination {
  return { platform: row.platform as Destination['platform'], workspace: row.workspace, channel: row.channel };
}

/**
 * Outbox unique keys. An alert or digest item is one per (story, destination), whatever the kind,
 * so a story never reaches a channel twice; a follow-up is one per (story, outlet, destination).
 */
export const dedupeKeys = {
  story: (storyId: string, dest: Destination): string => JSON.stringify(['story', storyId, destKey(dest)]),
  followup: (storyId: string, feedId: string, articleKey: string, dest: Destination): string =>
    JSON.stringify(['followup', storyId, feedId, articleKey, destKey(dest)]),
  notice: (dedupeKey: string, dest: Destination): string => JSON.stringify(['notice', dedupeKey, destKey(dest)]),
};

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

function nameWords(text: string): string[] {
  return (
    text
      .normalize('NFKD')
      .replace(/\p{M}+/gu, '')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? []
  );
}

/**
 * A speaker name as stored for matching: folded words between single spaces, with a space at each
 * end (" ryosei akazawa "), so `LIKE '% akazawa %'` matches a whole name word in either database.
 */
export function speakerKey(speaker: string): string {
  return ` ${nameWords(speaker).join(' ')} `;
}

/**
 * LIKE patterns a speaker key must all match for `quotesBy(speaker)`: each word of the query as a
 * whole name word, case- and accent-insensitive. Names in scripts written without spaces (赤沢亮正)
 * match as substrings. `prefix` makes the last word match the start of a name word (`speakers`).
 */
export function speakerPatterns(query: string, options: { prefix?: boolean } = {}): string[] {
  const words = nameWords(query);
  return words.map((w, i) => {
    if (CJK.test(w)) return `%${w}%`;
    const open = options.prefix && i === words.length - 1;
    return open ? `% ${w}%` : `% ${w} %`;
  });
}
