/**
 * @module test/delivery/helpers — the real pieces wired for delivery tests: a temp SQLite store,
 * the real Slack sink (real WebClient) against the fake Slack, an adjustable clock.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { pino } from 'pino';
import { createSlackSink, createSlackWebClient } from '../../src/adapters/chat/slack/index.js';
import { createSqliteStore } from '../../src/adapters/store/sqlite/index.js';
import { fillTimes } from '../../src/cli/demo.js';
import type { Destination } from '../../src/core/types.js';
import type { DeliverDeps, DeliverySettings } from '../../src/flows/deliver.js';
import type { ChatSink, Clock, Store } from '../../src/ports.js';
import { startFakeSlack, type FakeSlack } from '../harness/fake-slack.js';

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

/** A fake Slack for the file and a fresh temp store per test, closed afterwards. */
export function useSlackAndStore(hooks: {
  beforeAll: (fn: () => Promise<void>) => void;
  afterAll: (fn: () => Promise<void>) => void;
  beforeEach: (fn: () => void) => void;
  afterEach: (fn: () => Promise<void>) => void;
}): { readonly fake: FakeSlack; readonly t: TempStore } {
  let fake: FakeSlack | null = null;
  let t: TempStore | null = null;
  hooks.beforeAll(async () => {
    fake = await startFakeSlack();
  });
  hooks.afterAll(() => fake!.close());
  hooks.beforeEach(() => {
    fake!.reset();
    t = tempStore();
  });
  hooks.afterEach(() => t!.cleanup());
  return {
    get fake() {
      return fake!;
    },
    get t() {
      return t!;
    },
  };
}

/** A writable that keeps what was written. */
export function capture(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  let buf = '';
  stream.on('data', (c: Buffer) => (buf += c.toString()));
  return { stream, text: () => buf };
}

/**
 * Serves the sample feeds (dates filled relative to now) on 127.0.0.1: /harbor.xml, /ledger.xml,
 * plus any `extra` documents by path. A path in `holdUntil` answers an empty Atom feed until its
 * condition holds (an outlet that publishes later).
 */
export async function sampleFeedServer(extra: Record<string, string> = {}, holdUntil: Record<string, () => boolean> = {}): Promise<{ base: string; close(): void }> {
  const now = new Date();
  const files: Record<string, string> = {
    '/harbor.xml': fillTimes(readFileSync('samples/feeds/harbor-wire.xml', 'utf8'), now, false),
    '/ledger.xml': fillTimes(readFileSync('samples/feeds/pacific-ledger.xml', 'utf8'), now, true),
    ...Object.fromEntries(Object.entries(extra).map(([k, v]) => [k, fillTimes(v, now, false)])),
  };
  const empty = `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Later</title><id>urn:later</id><updated>${now.toISOString()}</updated></feed>`;
  const server = createServer((req, res) => {
    const held = holdUntil[req.url ?? ''];
    const body = held && !held() ? empty : files[req.url ?? ''];
    if (body) res.writeHead(200, { 'content-type': 'application/xml' }).end(body);
    else res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => void server.close() };
}

/**
 * A config folder with the repo's topics.yaml and the given files; `tradewire.yaml` gets a store
 * path inside the folder, private networks allowed and silent logs, plus `settings` lines.
 */
export function tempConfig(files: { settings?: string[]; feeds: string; subscriptions: string }): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'tradewire-config-'));
  cpSync('config/topics.yaml', join(dir, 'topics.yaml'));
  const settings = ['log: {level: silent}', `store: {driver: sqlite, path: ${JSON.stringify(join(dir, 'tradewire.db'))}}`, 'fetch: {allowPrivateNetworks: true}', ...(files.settings ?? [])];
  writeFileSync(join(dir, 'tradewire.yaml'), `${settings.join('\n')}\n`);
  writeFileSync(join(dir, 'feeds.yaml'), files.feeds);
  writeFileSync(join(dir, 'subscriptions.yaml'), files.subscriptions);
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
