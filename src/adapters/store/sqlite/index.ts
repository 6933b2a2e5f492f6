/**
 * @module adapters/store/sqlite — the embedded Store: one SQLite file (better-sqlite3, WAL, FTS5).
 *
 * SINGLE INSTANCE. Leases and claims are honoured by every connection to the file, so a second
 * process on the same machine (`tradewire poll --once` from cron beside the bot) is safe; but
 * SQLite locks a whole file and needs a local disk: several hosts, or a network filesystem, need
 * the PostgreSQL store. Opening the store applies pending migrations.
 *
 * better-sqlite3 is synchronous, which is the fast path for SQLite (no thread hops); each method is
 * still async to fit the port, and errors leave it as TradewireError (`store_…` codes).
 */
import { TradewireError } from '../../../core/errors.js';
import type { Log, Store } from '../../../ports.js';
import { migrate, openDatabase, translate } from './connection.js';
import { createFeedOps } from './feeds.js';
import { createIngestOps } from './ingest.js';
import { createLeaseOps } from './leases.js';
import { createOutboxOps } from './outbox.js';
import { createStoryOps } from './stories.js';
import { createSubscriptionOps } from './subscriptions.js';

export interface SqliteStoreOptions {
  /** Database file (its folder is created), or ':memory:' for a throwaway store. */
  path: string;
}

type AsyncStore = Omit<Store, 'driver'>;

export function createSqliteStore(options: SqliteStoreOptions, log?: Log): Store {
  const storeLog = log?.child({ room: 'store', driver: 'sqlite' });
  const db = openDatabase(options.path);
  try {
    migrate(db, storeLog);
  } catch (err) {
    db.close();
    throw err;
  }
  const ops = {
    ...createFeedOps(db),
    ...createIngestOps(db),
    ...createStoryOps(db),
    ...createSubscriptionOps(db),
    ...createOutboxOps(db),
    ...createLeaseOps(db),
  };
  let closed = false;

  /** One store call: refuses after close, translates whatever SQLite throws. */
  function call<R>(op: string, fn: () => R): Promise<R> {
    if (closed) return Promise.reject(new TradewireError('store_closed', `store: ${op} called after close`, { input: op }));
    try {
      return Promise.resolve(fn());
    } catch (err) {
      const translated = translate(op, err);
      storeLog?.debug({ op, code: translated.code, err: translated.message }, 'store: operation failed');
      return Promise.reject(translated);
    }
  }

  const methods: AsyncStore = {
    migrate: () => call('migrate', () => void migrate(db, storeLog)),
    ping: () => call('ping', () => void db.prepare('SELECT 1').get()),
    close: async () => {
      if (closed) return;
      closed = true;
      db.close();
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
  return { driver: 'sqlite', ...methods };
}
