/**
 * @module adapters/store/open — opens the Store the configuration names (the composition roots
 * call this: `tradewire run`, `tradewire poll --once`). DATABASE_URL selects PostgreSQL
 * (config/load.ts sets `store.driver: postgres`); otherwise the embedded SQLite file.
 */
import { resolve } from 'node:path';
import type { Settings, Secrets } from '../../config/schema.js';
import { TradewireError } from '../../core/errors.js';
import type { Log, Store } from '../../ports.js';
import { createSqliteStore } from './sqlite/index.js';

/** SQLite paths are relative to the working directory, like every other path a user types. */
export async function openStore(config: { settings: Pick<Settings, 'store'>; secrets: Pick<Secrets, 'databaseUrl'> }, log?: Log): Promise<Store> {
  const store = config.settings.store;
  if (store.driver === 'sqlite') return createSqliteStore({ path: store.path === ':memory:' ? store.path : resolve(store.path) }, log);
  const url = config.secrets.databaseUrl;
  if (!url) throw new TradewireError('store_open_failed', 'store: store.driver is postgres but DATABASE_URL (or DATABASE_URL_FILE) is not set', { input: store.driver });
  // Loaded only when used, so a SQLite install never loads pg.
  const { createPostgresStore } = await import('./postgres/index.js');
  return createPostgresStore({ url, poolSize: store.poolSize }, log);
}
