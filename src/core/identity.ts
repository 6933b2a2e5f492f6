/**
 * @module core/identity — the stable key of a feed item: guid → canonical URL → content hash.
 *
 * The same item polled again yields the same key, so the store can tell it is known. The guid wins
 * because publishers keep it when they fix a typo in a title or move a link; the URL is next (the
 * feeds adapter has already canonicalised it: tracking parameters dropped); items with neither are
 * keyed by a hash of their normalised title and body.
 */
import type { FeedItem } from './types.js';

/** Longest guid or URL kept verbatim in a key; longer ones are hashed (index-friendly keys). */
const MAX_VERBATIM = 300;

export function itemKey(item: Pick<FeedItem, 'guid' | 'url' | 'title' | 'body'>): string {
  const guid = item.guid?.trim();
  if (guid) return `g:${boundedKey(guid)}`;
  const url = item.url?.trim();
  if (url) return `u:${boundedKey(url)}`;
  return `h:${contentHash(`${normaliseForHash(item.title)}\n${normaliseForHash(item.body)}`)}`;
}

function boundedKey(value: string): string {
  return value.length <= MAX_VERBATIM ? value : `#${contentHash(value)}`;
}

/** Case, whitespace and Unicode-form differences do not make a different item. */
function normaliseForHash(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** A 106-bit non-cryptographic hash as 28 hex chars (two independent 53-bit cyrb53 lanes). */
export function contentHash(text: string): string {
  return hex53(cyrb53(text, 0x9e3779b1)) + hex53(cyrb53(text, 0x85ebca6b));
}

function hex53(n: number): string {
  return n.toString(16).padStart(14, '0');
}

/** cyrb53 (bryc, public domain): fast, well-mixed 53-bit string hash. */
export function cyrb53(text: string, seed = 0): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}
