/**
 * @module adapters/store/store.contract — the one behaviour suite every Store implementation passes
 * (SQLite here, PostgreSQL later). Collected through its callers, e.g. sqlite/sqlite.test.ts.
 *
 * `makeStore()` returns a fresh, empty, migrated store. `makeStore(existing)` returns another store
 * on the same database as `existing` (which may be closed): the suite uses it for restarts and for
 * a second instance claiming work beside the first.
 */
import { describe } from 'vitest';
import type { Store } from '../../ports.js';
import { articleContract } from './contract/articles.contract.js';
import { concurrencyContract } from './contract/concurrency.contract.js';
import { feedContract } from './contract/feeds.contract.js';
import { lifecycleContract } from './contract/lifecycle.contract.js';
import { lookupContract } from './contract/lookups.contract.js';
import { outboxContract } from './contract/outbox.contract.js';
import { subscriptionContract } from './contract/subscriptions.contract.js';

export function runStoreContract(name: string, makeStore: (sameDatabaseAs?: Store) => Promise<Store>): void {
  describe(`Store contract: ${name}`, () => {
    lifecycleContract(makeStore);
    feedContract(makeStore);
    articleContract(makeStore);
    lookupContract(makeStore);
    subscriptionContract(makeStore);
    outboxContract(makeStore);
    concurrencyContract(makeStore);
  });
}
