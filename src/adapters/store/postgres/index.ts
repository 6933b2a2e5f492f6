/**
 * @module adapters/store/postgres — the Store on PostgreSQL (pg): several tradewire instances on one
 * database share the work. Feeds and deliveries are claimed with FOR UPDATE SKIP LOCKED under
 * leases that a dead instance's successor takes over when they expire; named leases elect one
 * instance for singletons; migrations run once under an advisory lock however many instances start.
 *
 * Behaviour is the SQLite store's, command for command: both pass `runStoreContract`. Errors leave
 * as TradewireError (`store_…` codes, see connection.ts `translate`); the URL's password never
 * appears in a message.
 */
import { TradewireError, errorMessage } from '../../../core/errors.js';
import type { Log, Store } from '../../../ports.js';
import { createPool, redactUrl, translate } from './connection.js';
import { createFeedOps } from './feeds.js';
import { createIngestOps } from './ingest.js';
import { createLeaseOps } from './leases.js';
import { migrate } from './migrations.js';
import { createOutboxOps } from './outbox.js';
import { createStoryOps } from './stories.js';
import { createSubscriptionOps } from './subscriptions.js';

export interface PostgresStoreOptions {
  /** postgres://user:password@host:port/database (DATABASE_URL); a secret. */
  url: string;
  /** Connections per instance (settings.store.poolSize). */
  poolSize: number;
}

type AsyncStore = Omit<Store, 'driver'>;

/** Connects, applies pending migrations (once across instances), and returns the store. */
export async function createPostgresStore(options: PostgresStoreOptions, log?: Log): Promise<Store> {
  const storeLog = log?.child({ room: 'store', driver: 'postgres' });
  const pool = createPool(options.url, options.poolSize, storeLog);
  try {
    await pool.query('SELECT 1');
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw new TradewireError('store_open_failed', `store: cannot connect to PostgreSQL at ${redactUrl(options.url)}: ${errorMessage(err)}`, {
      input: redactUrl(options.url),
      cause: err,
    });
  }
  try {
    await migrate(pool, storeLog);
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw err;
  }

  const ops = {
    ...createFeedOps(pool),
    ...createIngestOps(pool),
    ...createStoryOps(pool),
    ...createSubscriptionOps(pool),
    ...createOutboxOps(pool),
    ...createLeaseOps(pool),
  };
  let closed = false;
  const inFlight = new Set<Promise<unknown>>();

  /** One store call: refuses after close, translates whatever pg throws, and is awaited by close(). */
  function call<R>(op: string, fn: () => Promise<R>): Promise<R> {
    if (closed) return Promise.reject(new TradewireError('store_closed', `store: ${op} called after close`, { input: op }));
    const p = (async () => {
      try {
        return await fn();
      } catch (err) {
        const translated = translate(op, err);
        storeLog?.debug({ op, code: translated.code, err: translated.message }, 'store: operation failed');
        throw translated;
      }
    })();
    inFlight.add(p);
    const forget = (): void => void inFlight.delete(p);
    p.then(forget, forget);
    return p;
  }

  const methods: AsyncStore = {
    migrate: () => call('migrate', async () => void (await migrate(pool, storeLog))),
    ping: () => call('ping', async () => void (await pool.query('SELECT 1'))),
    close: async () => {
      if (closed) return;
      closed = true;
      // Calls already under way finish first (a shutdown releasing its claims, say).
      await Promise.allSettled([...inFlight]);
      await pool.end();
    },

    syncFeeds: (feeds, now) => call('syncFeeds', () => ops.syncFeeds(feeds, now)),
    claimDueFeeds: (args) => call('claimDueFeeds', () => ops.claimDueFeeds(args)),
    finishPoll: (update) => call('finishPoll', () => ops.finishPoll(update)),
    listFeeds: () => call('listFeeds', () => ops.listFeeds()),
    getFeed: (id) => call('getFeed', () => ops.getFeed(id)),

    knownItems: (feedId, items) => call('knownItems', () => ops.knownItems(feedId, items)),
    findSimilarStories: (fingerprint, since, minShared) => call('findSimilarStories', () => ops.findSimilarStories(fingerprint, since, minShared)),
    ingest: (article, now) => call('ingest', () => ops.ingest(article, now)),
    getStory: (id) => call('getStory', () => ops.getStory(id)),
    latest: (args) => call('latest', () => ops.latest(args)),
    search: (args) => call('search', () => ops.search(args)),
    quotesBy: (args) => call('quotesBy', () => ops.quotesBy(args)),
    speakers: (args) => call('speakers', () => ops.speakers(args)),

    subscribe: (input, now) => call('subscribe', () => ops.subscribe(input, now)),
    unsubscribe: (destination, topic) => call('unsubscribe', () => ops.unsubscribe(destination, topic)),
    listSubscriptions: (destination) => call('listSubscriptions', () => ops.listSubscriptions(destination)),
    pauseDestination: (destination, reason, now) => call('pauseDestination', () => ops.pauseDestination(destination, reason, now)),

    enqueueNotice: (destination, text, dedupeKey, now) => call('enqueueNotice', () => ops.enqueueNotice(destination, text, dedupeKey, now)),
    claimDeliveries: (args) => call('claimDeliveries', () => ops.claimDeliveries(args)),
    markSent: (ids, messageId, now) => call('markSent', () => ops.markSent(ids, messageId, now)),
    markRetry: (ids, next, error, now) => call('markRetry', () => ops.markRetry(ids, next, error, now)),
    markFailed: (ids, error, now) => call('markFailed', () => ops.markFailed(ids, error, now)),
    releaseClaims: (owner, now) => call('releaseClaims', () => ops.releaseClaims(owner, now)),
    outboxDepth: () => call('outboxDepth', () => ops.outboxDepth()),
    listDeliveries: (args) => call('listDeliveries', () => ops.listDeliveries(args)),

    acquireLease: (name, owner, ttlMs, now) => call('acquireLease', () => ops.acquireLease(name, owner, ttlMs, now)),
    releaseLease: (name, owner) => call('releaseLease', () => ops.releaseLease(name, owner)),
  };
  return { driver: 'postgres', ...methods };
}
