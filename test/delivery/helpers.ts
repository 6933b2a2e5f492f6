/**
 * @module test/delivery/helpers — the real pieces wired for delivery tests: a temp SQLite store,
 * the real Slack sink (real WebClient) against the fake Slack, an adjustable clock.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { createSlackSink, createSlackWebClient } from '../../src/adapters/chat/slack/index.js';
import { createSqliteStore } from '../../src/adapters/store/sqlite/index.js';
import type { Destination } from '../../src/core/types.js';
import type { DeliverDeps, DeliverySettings } from '../../src/flows/deliver.js';
import type { ChatSink, Clock, Store } from '../../src/ports.js';
import type { FakeSlack } from '../harness/fake-slack.js';

export const log = pino({ level: process.env.TEST_LOG ?? 'silent' });

export interface TempStore {
  store: Store;
  path: string;
  reopen(): Store;
  cleanup(): Promise<void>;
}

export function tempStore(): TempStore {
  const dir = mkdtempSync(join(tmpdir(), 'tradewire-delivery-'));
  const path = join(dir, 'test.db');
  const opened: Store[] = [];
  const open = (): Store => {
    const s = createSqliteStore({ path });
    opened.push(s);
    return s;
  };
  return {
    store: open(),
    path,
    reopen: open,
    cleanup: async () => {
      for (const s of opened) await s.close().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Real time plus an offset the test can move forward (the fake Slack's own limits use real time). */
export function testClock(): Clock & { advance(ms: number): void } {
  let offset = 0;
  return { now: () => new Date(Date.now() + offset), advance: (ms) => void (offset += ms) };
}

export function slackSink(fake: FakeSlack, minIntervalMs = 0, token = 'xoxb-test'): ChatSink {
  return createSlackSink({ client: createSlackWebClient(token, { apiUrl: fake.apiUrl, log, timeoutMs: 5_000 }), minIntervalMs });
}

export const FAST: DeliverySettings = {
  concurrency: 8,
  maxAttempts: 5,
  maxBackoffMs: 200,
  baseBackoffMs: 20,
  pauseAfterFailures: 3,
  leaseTtlMs: 60_000,
  intervalMs: 50,
};

export const TOPIC_NAMES: Record<string, string> = { tariffs: 'Tariffs', 'us-japan': 'US–Japan', g20: 'G20', fx: 'FX / currency' };

export function deps(store: Store, sink: ChatSink, over: Partial<DeliverDeps> = {}): DeliverDeps {
  return {
    store,
    sinks: { [sink.platform]: sink },
    clock: { now: () => new Date() },
    random: () => 0.5,
    log,
    topicName: (id) => TOPIC_NAMES[id] ?? id,
    owner: 'test-worker',
    settings: FAST,
    ...over,
  };
}

export function slackDest(channel: string): Destination {
  return { platform: 'slack', workspace: '', channel };
}

export async function subscribe(store: Store, channel: string, topics: string[], over: { mention?: string | null; daily?: { time: string; timezone: string } } = {}): Promise<void> {
  for (const topic of topics) {
    const mode = over.daily ? ({ kind: 'digest', ...over.daily } as const) : ({ kind: 'instant' } as const);
    await store.subscribe({ destination: slackDest(channel), topic, mode, mention: over.mention ?? null }, new Date().toISOString());
  }
}

/** Top-level posts' story titles (from the fallback text), per channel, in arrival order. */
export function titlesIn(fake: FakeSlack, channel: string): string[] {
  return fake.postsIn(channel).filter((p) => p.threadTs === null).map((p) => p.text.replace(/^(<[^>]+> )?\[[^\]]*\] /, '').replace(/ — [^—]*$/, ''));
}
