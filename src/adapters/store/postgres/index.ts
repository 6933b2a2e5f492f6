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
import { bindStoreMethods } from '../methods.js';
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
  function call<R>(op: string, fn: () => R | Promise<R>): Promise<R> {
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

  return {
    driver: 'postgres',
    migrate: () => call('migrate', async () => void (await migrate(pool, storeLog))),
    ping: () => call('ping', async () => void (await pool.query('SELECT 1'))),
    close: async () => {
      if (closed) return;
      closed = true;
      // Calls already under way finish first (a shutdown releasing its claims, say).
      await Promise.allSettled([...inFlight]);
      await pool.end();
    },
    ...bindStoreMethods(ops, call),
  };
}
