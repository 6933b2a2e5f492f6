/**
 * @module flows/poll/feed-defs — feeds.yaml entries as the store's feed definitions (defaults applied).
 */
import type { FeedEntry } from '../../core/types.js';
import type { FeedDef } from '../../ports.js';

/** `defaultBackfill` applies to feeds without a `backfill` (main.ts: non-zero only when alerts go to the console alone). */
export function feedDefs(feeds: readonly FeedEntry[], defaultEveryMs: number, defaultBackfill = 0): FeedDef[] {
  return feeds.map((f) => ({
    id: f.id,
    url: f.url,
    name: f.name ?? null,
    everyMs: f.every ?? defaultEveryMs,
    fullText: f.fullText,
    backfill: f.backfill ?? defaultBackfill,
    tags: [...f.tags],
  }));
}

/** A lease owner id unique to this process: host, pid and a random suffix (pids are reused). */
export function ownerId(host: string, pid: number, random: () => number): string {
  return `${host}:${pid}:${Math.floor(random() * 0xffffffff).toString(36)}`;
}
