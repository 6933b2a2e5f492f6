/**
 * @module adapters/store/contract/fixtures — builders shared by the store contract suite.
 */
import type { Destination, Quote, TopicMatch } from '../../../core/types.js';
import type { FeedDef, NewArticle, Store } from '../../../ports.js';

export type MakeStore = (sameDatabaseAs?: Store) => Promise<Store>;

export const T0 = '2025-06-02T09:00:00.000Z';

/** `T0` plus `ms` milliseconds, as ISO. */
export function at(ms: number, base = T0): string {
  return new Date(Date.parse(base) + ms).toISOString();
}

export const SEC = 1_000;
export const MIN = 60_000;
export const HOUR = 3_600_000;

export function feed(id: string, over: Partial<FeedDef> = {}): FeedDef {
  return { id, url: `https://${id}.example/feed.xml`, name: null, everyMs: 5 * MIN, fullText: false, backfill: 0, tags: [], ...over };
}

export function dest(channel: string, platform: Destination['platform'] = 'slack', workspace = ''): Destination {
  return { platform, workspace, channel };
}

export function topic(id: string, score = 1): TopicMatch {
  return { id, score, hits: [{ term: id, text: id, field: 'title', offset: 0 }] };
}

let seq = 0;

export interface ArticleOptions {
  feedId?: string;
  key?: string;
  guid?: string | null;
  url?: string | null;
  title?: string;
  body?: string;
  author?: string | null;
  published?: string;
  source?: string;
  topics?: string[];
  quotes?: Quote[];
  fingerprint?: string[];
  duplicateOf?: string | null;
  alert?: boolean;
}

/** A NewArticle with distinct defaults per call; topics listed best first. */
export function article(o: ArticleOptions = {}): NewArticle {
  const n = ++seq;
  const feedId = o.feedId ?? 'wire';
  const key = o.key ?? `g:item-${n}`;
  const topics = (o.topics ?? []).map((t, i) => topic(t, 10 - i));
  const quotes = o.quotes ?? [];
  return {
    key,
    feedId,
    source: o.source ?? `${feedId} news`,
    item: {
      guid: o.guid === undefined ? key.replace(/^g:/, '') : o.guid,
      url: o.url === undefined ? `https://${feedId}.example/story/${n}` : o.url,
      title: o.title ?? `Story number ${n}`,
      body: o.body ?? `Body of story ${n}.\n\nSecond paragraph.`,
      author: o.author ?? null,
      published: o.published ?? T0,
    },
    analysis: { topics, summary: `Summary ${n}.`, quotes, keyQuotes: quotes.slice(0, 3) },
    fingerprint: o.fingerprint ?? [`fp-${n}-a`, `fp-${n}-b`],
    duplicateOf: o.duplicateOf ?? null,
    alert: o.alert ?? true,
  };
}

/** Awaits a promise expected to reject with a TradewireError of `code`. */
export async function rejectsWithCode(p: Promise<unknown>, code: string): Promise<void> {
  try {
    await p;
  } catch (err) {
    if ((err as { code?: string }).code === code) return;
    throw new Error(`expected error code ${code}, got ${(err as { code?: string }).code ?? String(err)}`, { cause: err });
  }
  throw new Error(`expected error code ${code}, but it resolved`);
}

/**
 * Opens a fresh store before each test and closes everything after. `another()` opens a second
 * connection to the same database (another instance); `restart()` closes the store and reopens it.
 */
export function useStores(makeStore: MakeStore, hooks: { beforeEach: (fn: () => Promise<void>) => void; afterEach: (fn: () => Promise<void>) => void }) {
  const opened: Store[] = [];
  let current: Store | null = null;
  hooks.beforeEach(async () => {
    current = await makeStore();
    opened.push(current);
  });
  hooks.afterEach(async () => {
    for (const s of opened.splice(0)) await s.close();
    current = null;
  });
  return {
    get store(): Store {
      if (!current) throw new Error('no store open');
      return current;
    },
    async another(): Promise<Store> {
      const s = await makeStore(this.store);
      opened.push(s);
      return s;
    },
    async restart(): Promise<Store> {
      const old = this.store;
      await old.close();
      current = await makeStore(old);
      opened.push(current);
      return current;
    },
  };
}
