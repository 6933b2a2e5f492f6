/**
 * A delivery worker in its own process, for the SIGKILL test: the real SQLite store file and the
 * real Discord sink against the fake Discord. argv: dbPath apiUrl token owner
 */
import { pino } from 'pino';
import { createDiscordSink, createSinkRest } from '../../src/adapters/chat/discord/index.js';
import { createSqliteStore } from '../../src/adapters/store/sqlite/index.js';
import { createDeliveryWorker } from '../../src/flows/deliver.js';

const [dbPath, apiUrl, token, owner] = process.argv.slice(2) as [string, string, string, string];
const store = createSqliteStore({ path: dbPath });
const worker = createDeliveryWorker({
  store,
  sinks: { discord: createDiscordSink({ rest: createSinkRest(token, { apiUrl }), minIntervalMs: 0 }) },
  clock: { now: () => new Date() },
  random: Math.random,
  log: pino({ level: 'silent' }),
  topicName: (id) => id,
  owner,
  settings: { concurrency: 8, maxAttempts: 10, maxBackoffMs: 500, baseBackoffMs: 50, pauseAfterFailures: 3, leaseTtlMs: 120_000, intervalMs: 50 },
});
await worker.start({ reclaimOnStart: true });
process.send?.('started');
process.on('SIGTERM', () => {
  void worker.stop().then(() => store.close()).then(() => process.exit(0));
});
