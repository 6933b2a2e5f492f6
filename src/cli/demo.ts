/**
 * @module cli/demo — `tradewire demo`: the whole pipeline in ten seconds, with no account and no
 * internet. Two sample feeds (samples/feeds, written for the project) are served on 127.0.0.1 by
 * the demo itself and go through the real feeds adapter, analysis, a throwaway SQLite store and the
 * outbox, into the console adapter. The second feed carries a rewrite of a story from the first,
 * which shows up as a follow-up, not a second alert.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createConsoleSink } from '../adapters/chat/console/index.js';
import { createHttpFeedSource } from '../adapters/feeds/index.js';
import { createSqliteStore } from '../adapters/store/sqlite/index.js';
import { loadConfig } from '../config/load.js';
import { errorMessage } from '../core/errors.js';
import { compileTopics } from '../core/rules/index.js';
import { drainOutbox } from '../flows/deliver.js';
import { pollDue } from '../flows/poll.js';
import { createLogger } from '../log.js';
import { deliverySettings, topicNamer } from '../app.js';
import type { FeedDef, Store } from '../ports.js';
import { writeLine, type CliIO } from './io.js';

const SAMPLES = fileURLToPath(new URL('../../samples/feeds/', import.meta.url));
const BUNDLED_CONFIG = fileURLToPath(new URL('../../config/', import.meta.url));
const FEEDS = [
  { id: 'harbor-wire', file: 'harbor-wire.xml', type: 'application/rss+xml' },
  { id: 'pacific-ledger', file: 'pacific-ledger.xml', type: 'application/atom+xml' },
] as const;

/** Fills `{{ago:N}}` with the time N minutes before `now` (RFC 822 for RSS, ISO for Atom). */
export function fillTimes(xml: string, now: Date, atom: boolean): string {
  return xml.replace(/\{\{ago:(\d+)\}\}/g, (_m, n: string) => {
    const t = new Date(now.getTime() - Number(n) * 60_000);
    return atom ? t.toISOString() : t.toUTCString();
  });
}

async function serveSamples(now: Date): Promise<{ server: Server; base: string }> {
  const bodies = new Map(FEEDS.map((f) => [`/${f.file}`, { type: f.type, body: fillTimes(readFileSync(join(SAMPLES, f.file), 'utf8'), now, f.type.includes('atom')) }]));
  const server = createServer((req, res) => {
    const hit = bodies.get(req.url ?? '');
    if (!hit) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': `${hit.type}; charset=utf-8` }).end(hit.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

function parseArgs(argv: string[]): { config?: string } | string {
  const out: { config?: string } = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--config' && argv[i + 1]) out.config = argv[++i]!;
    else if (a.startsWith('--config=')) out.config = a.slice('--config='.length);
    else return a === '--help' || a === '-h' ? '' : `unknown argument ${a}`;
  }
  return out;
}

export default async function demo(argv: string[], io: CliIO): Promise<number> {
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    const usage = 'usage: tradewire demo [--config DIR]   (topics from DIR/topics.yaml; default: the bundled config)';
    await writeLine(args ? io.stderr : io.stdout, args ? `tradewire demo: ${args}\n${usage}` : usage);
    return args ? 2 : 0;
  }
  const dir = mkdtempSync(join(tmpdir(), 'tradewire-demo-'));
  let store: Store | null = null;
  let server: Server | null = null;
  try {
    const config = loadConfig({ dir: args.config ?? BUNDLED_CONFIG, env: {} });
    const log = createLogger({ level: io.env.LOG_LEVEL === undefined ? 'warn' : config.settings.log.level });
    const topics = compileTopics(config.topics);
    const clock = { now: () => new Date() };
    const served = await serveSamples(clock.now());
    server = served.server;
    store = createSqliteStore({ path: join(dir, 'demo.db') });
    const { poll, fetch } = config.settings;
    const source = createHttpFeedSource({ fetch: { ...fetch, allowPrivateNetworks: true }, concurrency: 2, perHostConcurrency: 2, log });
    const sink = createConsoleSink({ out: io.stdout });
    const owner = 'demo';
    const console = { platform: 'console' as const, workspace: '', channel: 'demo' };
    for (const topic of topics.ids) await store.subscribe({ destination: console, topic, mode: { kind: 'instant' } }, clock.now().toISOString());
    const defs: FeedDef[] = FEEDS.map((f) => ({ id: f.id, url: `${served.base}/${f.file}`, name: null, everyMs: 60_000, fullText: false, backfill: 10, tags: [] }));
    const deliver = { store, sinks: { console: sink }, clock, random: Math.random, log, owner, topicName: topicNamer(topics), settings: deliverySettings(config) };
    await writeLine(io.stdout, `tradewire demo — sample feeds served on ${served.base}, a throwaway SQLite store, alerts to this terminal.\n`);
    const totals = { stories: 0, alerts: 0, outlets: 0 };
    for (let round = 1; round <= defs.length; round++) {
      await store.syncFeeds(defs.slice(0, round), clock.now().toISOString());
      await writeLine(io.stdout, `▸ polling ${defs[round - 1]!.id} (${defs[round - 1]!.url})\n`);
      const summary = await pollDue({ store, source, topics, clock, random: Math.random, log, owner, poll, ops: { channel: null, failureThreshold: 3 } });
      for (const f of summary.failures) await writeLine(io.stderr, `  feed ${f.feedId} failed: ${f.code}: ${f.message}`);
      const sent = await drainOutbox(deliver, { maxWaitMs: 5_000 });
      totals.stories += summary.newStories;
      totals.outlets += summary.alsoReported;
      totals.alerts += sent.sent;
    }
    const unmatched = (await store.latest({ limit: 100 })).filter((s) => s.analysis.topics.length === 0).length;
    await writeLine(io.stdout, `Done: ${totals.stories} stories stored (${unmatched} matched no topic), ${totals.outlets} reported by a second outlet, ${totals.alerts} messages sent.`);
    await writeLine(io.stdout, 'Next: `npm start` runs the bot on config/feeds.yaml; README "Slack" connects it to a workspace.');
    await source.close();
    return 0;
  } catch (err) {
    await writeLine(io.stderr, `tradewire demo: ${errorMessage(err)}`);
    return 1;
  } finally {
    await store?.close().catch(() => undefined);
    server?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
