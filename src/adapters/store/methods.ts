/**
 * @module adapters/store/methods — turns a store's operations into the async Store methods, each
 * through the store's `call` wrapper (refuse after close, translate errors at the edge). Shared by
 * the SQLite store (synchronous operations) and the PostgreSQL store (asynchronous ones).
 */
import type { Store } from '../../ports.js';

/** The Store methods that read or write data (migrate, ping and close are each store's own). */
export type DataMethods = Omit<Store, 'driver' | 'migrate' | 'ping' | 'close'>;

/** The same methods, answering directly or through a promise. */
export type StoreOps = {
  [K in keyof DataMethods]: (...args: Parameters<DataMethods[K]>) => Awaited<ReturnType<DataMethods[K]>> | ReturnType<DataMethods[K]>;
};

export type CallWrapper = <R>(op: string, fn: () => R | Promise<R>) => Promise<R>;

const NAMES = [
  'syncFeeds',
  'claimDueFeeds',
  'finishPoll',
  'listFeeds',
  'getFeed',
  'knownItems',
  'findSimilarStories',
  'ingest',
  'getStory',
  'latest',
  'search',
  'quotesBy',
  'speakers',
  'subscribe',
  'unsubscribe',
  'listSubscriptions',
  'pauseDestination',
  'enqueueNotice',
  'claimDeliveries',
  'markSent',
  'markRetry',
  'markFailed',
  'retryParked',
  'releaseClaims',
  'outboxDepth',
  'listDeliveries',
  'acquireLease',
  'releaseLease',
] as const satisfies readonly (keyof DataMethods)[];

// Compile-time check that NAMES covers every data method of the port.
type Missing = Exclude<keyof DataMethods, (typeof NAMES)[number]>;
const complete: [Missing] extends [never] ? true : Missing = true;
void complete;

export function bindStoreMethods(ops: StoreOps, call: CallWrapper): DataMethods {
  const methods: Record<string, (...args: unknown[]) => Promise<unknown>> = {};
  for (const name of NAMES) {
    const op = ops[name] as (...args: unknown[]) => unknown;
    methods[name] = (...args) => call(name, () => op(...args));
  }
  return methods as unknown as DataMethods;
}
