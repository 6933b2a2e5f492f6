/**
 * @module core/format/test-fixtures — deterministic hostile inputs for the formatting tests
 * (seeded PRNG, no Math.random): mentions, markup, control characters, huge strings, odd URLs.
 */
import type { AlertView, Story } from '../types.js';
import { isUnsafeChar } from './text.js';

/** True when the text holds a control or bidi-override character. */
export function hasUnsafeChars(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) if (isUnsafeChar(text.charCodeAt(i))) return true;
  return false;
}

export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const HOSTILE_PIECES = [
  '<!channel>', '<!here>', '<!everyone>', '<@U0123ABCD>', '<!subteam^S0BADBAD>', '<#C0123ABC>', '<!subteam^S0BADBAD|@desk>',
  '@channel', '@here', '&', '&amp;', '<', '>', '|', '*', '_', '~', '`', '```', '> quoted', '\n', '\r\n', '\t',
  '\u202E', '\u2066', '\u001b[2J', '\u0007', '\u0000', '😀', '🇯🇵', '関税', 'ü', ' ', ' ', 'tariff', 'yen',
  '<javascript:alert(1)|click>', '<https://evil.example/|safe>', 'https://ex.com/x', '[x](https://y)', '\\', '\u200B',
];

export function hostileText(random: () => number, length: number): string {
  let out = '';
  while (out.length < length) out += HOSTILE_PIECES[Math.floor(random() * HOSTILE_PIECES.length)]!;
  return out;
}

export function hostileUrl(random: () => number): string | null {
  const options = [null, 'javascript:alert(1)', 'https://ex.com/a|b>c', `https://ex.com/${'x'.repeat(3000)}`, 'https://ex.com/ok', 'data:text/html,hi', 'not a url'];
  return options[Math.floor(random() * options.length)] ?? null;
}

export function hostileAlert(random: () => number, size: number): AlertView {
  const n = (max: number): number => Math.floor(random() * max);
  return {
    storyId: 's1',
    title: hostileText(random, size),
    url: hostileUrl(random),
    source: hostileText(random, n(size)),
    published: random() < 0.1 ? 'garbage' : '2025-04-20T08:05:00.000Z',
    topics: Array.from({ length: n(30) }, (_, i) => ({ id: `t${i}`, name: hostileText(random, n(200)) })),
    summary: hostileText(random, size * 4),
    keyQuotes: Array.from({ length: n(6) }, () => ({ text: hostileText(random, size * 2), speaker: hostileText(random, n(size)) })),
    alsoReportedBy: Array.from({ length: n(40) }, () => ({ source: hostileText(random, n(300)), url: hostileUrl(random) })),
    mention: random() < 0.5 ? 'S0GOODID' : hostileText(random, 20),
  };
}

export function sampleStory(overrides: Partial<Story> = {}): Story {
  return {
    id: 'story-1',
    feedId: 'harbor',
    source: 'Harbor Wire',
    guid: 'g1',
    url: 'https://news.example/japan-us-autos',
    title: 'Japan and US agree to cut auto tariffs to 15%',
    body: 'Body.',
    author: null,
    published: '2025-04-20T08:05:00.000Z',
    firstSeen: '2025-04-20T08:06:00.000Z',
    analysis: {
      topics: [
        { id: 'tariffs', score: 9, hits: [] },
        { id: 'us-japan', score: 7, hits: [] },
      ],
      summary: 'Japan and the United States agreed to cut tariffs on Japanese cars to 15%.',
      quotes: [],
      keyQuotes: [
        { text: 'This protects jobs on both sides of the Pacific', speaker: 'Ryosei Akazawa' },
        { text: 'A fair deal for American workers', speaker: 'Howard Lutnick' },
        { text: 'We will watch implementation closely', speaker: 'a trade ministry official' },
        { text: 'A fourth quote is never shown', speaker: 'Someone Else' },
      ],
    },
    alsoReportedBy: [
      { feedId: 'ledger', source: 'Pacific Ledger', title: 'Auto tariff deal', url: 'https://ledger.example/a', seenAt: '2025-04-20T08:20:00.000Z' },
      { feedId: 'harbor2', source: 'harbor wire', title: 'dup', url: null, seenAt: '2025-04-20T08:21:00.000Z' },
    ],
    ...overrides,
  };
}
