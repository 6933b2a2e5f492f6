/**
 * @module adapters/store/postgres/ingest-locks — the advisory locks an ingest takes: one per thing
 * that two copies of a story can share, so copies are stored one after the other while unrelated
 * stories are stored in parallel; and one per destination it writes outbox rows for.
 *
 * Why these keys are enough: an article is "known" through its (feed, key) or its URL, and it is
 * found as a near-duplicate only through fingerprint keys shared with a stored story (a story's
 * keys are the fingerprints of its own articles, each written under that article's locks). So two
 * transactions whose outcomes could depend on each other always want a common lock; the second to
 * get it reads (READ COMMITTED: each statement sees what committed before it) what the first wrote.
 */
import { cyrb53 } from '../../../core/identity.js';
import type { NewArticle } from '../../../ports.js';

/** int4 lock keys (32-bit hashes: a rare collision only makes two ingests wait for each other). */
export function ingestLockKeys(a: Pick<NewArticle, 'feedId' | 'key' | 'item' | 'fingerprint'>): number[] {
  const names = [`a:${a.feedId}\n${a.key}`, ...(a.item.url ? [`u:${a.item.url}`] : []), ...a.fingerprint.map((k) => `f:${k}`)];
  return names.map((n) => cyrb53(n) | 0);
}

/** int4 outbox lock keys of destinations (by dest_key), ascending and distinct: the order to take them in. */
export function destinationLockKeys(destKeys: readonly string[]): number[] {
  return [...new Set(destKeys.map((k) => cyrb53(k) | 0))].sort((a, b) => a - b);
}
