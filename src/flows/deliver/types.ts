/**
 * @module flows/deliver/types — what the outbox worker needs and what it reports.
 */
import type { Destination, Platform } from '../../core/types.js';
import type { ChatSink, Clock, DeliveryBatch, DeliveryFailure, Log, Random, Store } from '../../ports.js';

export interface DeliverySettings {
  /** Most sends in flight at once (across destinations). */
  concurrency: number;
  /**
   * Transient failures (5xx, network) in a row after which a delivery is reported (log error, ops
   * notice). It is never given up: only permanent errors fail a delivery.
   */
  maxAttempts: number;
  /** Longest back-off between transient retries. */
  maxBackoffMs: number;
  /** First back-off; doubles per attempt (± jitter). Default 2 s. */
  baseBackoffMs?: number;
  /** Pause a destination's subscriptions after this many permanent failures in a row. */
  pauseAfterFailures: number;
  /** How long a claim is leased; a crashed worker's claims become claimable after it. */
  leaseTtlMs: number;
  /** How often the long-running worker looks for due work when nothing woke it. */
  intervalMs: number;
  /** Claimed batches held at once (waiting for pace or a send slot). Default max(16, 4 × concurrency). */
  maxHeld?: number;
}

/** Hooks for metrics (prom-client counters and the publication→post histogram live in an adapter). */
export interface DeliveryObserver {
  sent?(event: { batch: DeliveryBatch; messageId: string; publishedToPostMs: number | null }): void;
  retried?(event: { batch: DeliveryBatch; failure: DeliveryFailure; nextAttemptAt: string }): void;
  failed?(event: { batch: DeliveryBatch; failure: DeliveryFailure; paused: boolean }): void;
}

export interface DeliverDeps {
  store: Store;
  /** One sink per platform; deliveries for a platform without one are retried later (and logged). */
  sinks: Partial<Record<Platform, ChatSink>>;
  clock: Clock;
  random: Random;
  log: Log;
  /** Display name of a topic id. */
  topicName: (id: string) => string;
  /** Lease owner: stable per single-instance SQLite process (so a restart reclaims), unique per instance on PostgreSQL. */
  owner: string;
  settings: DeliverySettings;
  observer?: DeliveryObserver;
  /** settings.ops.channel: told when a destination is paused (it is the only trace outside the logs). */
  opsChannel?: Destination | null;
}

export interface DeliveryTally {
  sent: number;
  retried: number;
  failed: number;
  paused: number;
}

export function emptyTally(): DeliveryTally {
  return { sent: 0, retried: 0, failed: 0, paused: 0 };
}
