/**
 * @module adapters/store/open — opens the Store the configuration names (the composition roots
 * call this: `tradewire run`, `tradewire poll --once`).
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
  throw new TradewireError('store_driver_unavailable', 'store: the PostgreSQL store is not built into this version yet; use store.driver: sqlite', {
    input: store.driver,
  });
}
