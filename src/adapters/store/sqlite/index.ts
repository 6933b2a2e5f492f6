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
import { bindStoreMethods } from '../methods.js';
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
  function call<R>(op: string, fn: () => R | Promise<R>): Promise<R> {
    if (closed) return Promise.reject(new TradewireError('store_closed', `store: ${op} called after close`, { input: op }));
    try {
      return Promise.resolve(fn());
    } catch (err) {
      const translated = translate(op, err);
      storeLog?.debug({ op, code: translated.code, err: translated.message }, 'store: operation failed');
      return Promise.reject(translated);
    }
  }

  return {
    driver: 'sqlite',
    migrate: () => call('migrate', () => void migrate(db, storeLog)),
    ping: () => call('ping', () => void db.prepare('SELECT 1').get()),
    close: async () => {
      if (closed) return;
      closed = true;
      db.close();
    },
    ...bindStoreMethods(ops, call),
  };
}
