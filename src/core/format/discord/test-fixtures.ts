/**
 * @module core/format/discord/test-fixtures — Discord-specific hostile inputs for the embed tests:
 * mention, emoji, timestamp and command tokens, and markdown that would break a layout. Deterministic
 * (seeded by the caller's PRNG).
 */
import type { AlertView } from '../../types.js';
import { HOSTILE_PIECES, hostileAlert } from '../test-fixtures.js';

export const DISCORD_HOSTILE_PIECES = [
  '@everyone', '@here', '<@123456789012345678>', '<@!123456789012345678>', '<@&987654321098765432>', '<#111111111111111111>',
  '<:pepe:222222222222222222>', '<a:dance:333333333333333333>', '</trade latest:444444444444444444>', '<t:0:R>', '<t:1745136300>',
  '||spoiler||', '# Header', '\n# Header', '\n> quote', '\n>>> all quoted', '\n-# subtext', '\n- item', '\n1. item', '```js\nx\n```',
  '**bold**', '__under__', '~~gone~~', '[phish](https://evil.example)', '[x](javascript:alert(1))', '\\', '\\\\', '\\*',
  '<https://ex.com>', 'https://ex.com/a_b*c', '\u200B', '＠everyone',
];

function pieces(random: () => number, length: number): string {
  const all = [...DISCORD_HOSTILE_PIECES, ...HOSTILE_PIECES];
  let out = '';
  while (out.length < length) out += all[Math.floor(random() * all.length)]!;
  return out;
}

export function discordHostileText(random: () => number, length: number): string {
  return pieces(random, length);
}

/** A hostile alert whose text fields mix the Discord pieces in; mention: a good role id or junk. */
export function discordHostileAlert(random: () => number, size: number): AlertView {
  const base = hostileAlert(random, size);
  const n = (max: number): number => Math.floor(random() * max);
  return {
    ...base,
    title: pieces(random, size),
    summary: pieces(random, size * 4),
    source: pieces(random, n(size)),
    keyQuotes: Array.from({ length: n(6) }, () => ({ text: pieces(random, size * 2), speaker: pieces(random, n(size)) })),
    alsoReportedBy: Array.from({ length: n(40) }, () => ({ source: pieces(random, n(300)), url: random() < 0.5 ? 'https://ok.example/x' : 'javascript:alert(1)' })),
    mention: random() < 0.5 ? '123456789012345678' : pieces(random, 20),
  };
}
