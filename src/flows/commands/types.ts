/**
 * @module flows/commands/types — what the `/trade` handlers need.
 */
import type { Clock, Log, Store } from '../../ports.js';

export interface TopicInfo {
  id: string;
  name: string;
  description?: string;
}

export interface CommandDeps {
  store: Store;
  topics: readonly TopicInfo[];
  clock: Clock;
  log?: Log;
  /** Time zone for `subscribe <topic> daily HH:MM` without a zone; default UTC. */
  defaultTimeZone?: string;
}
