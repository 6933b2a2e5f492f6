/**
 * @module core/format/discord/colors — an embed colour per topic: topics.yaml `color` ("#rrggbb"),
 * else a stable colour from a fixed palette chosen by hashing the topic id (the same topic keeps
 * its colour across restarts and instances).
 */

/** Distinct, readable on Discord's dark and light themes. */
const PALETTE = [0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728, 0x9467bd, 0x8c564b, 0xe377c2, 0x17becf, 0xbcbd22, 0x7f7f7f] as const;

/** Neutral grey-blue for messages about no topic (notices, replies). */
export const NEUTRAL_COLOR = 0x5865f2;
export const WARNING_COLOR = 0xf0b232;

/** Topic id → "#rrggbb" from topics.yaml. */
export type TopicColors = Readonly<Record<string, string | undefined>>;

function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

export function topicColor(topicId: string | undefined, colors: TopicColors = {}): number {
  if (!topicId) return NEUTRAL_COLOR;
  const configured = colors[topicId];
  if (configured && /^#[0-9a-fA-F]{6}$/.test(configured)) return Number.parseInt(configured.slice(1), 16);
  return PALETTE[fnv1a(topicId) % PALETTE.length]!;
}
