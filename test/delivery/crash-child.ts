/**
 * A delivery worker in its own process, for the SIGKILL test: the real SQLite store file and the
 * real Slack sink against the fake Slack. argv: dbPath apiUrl owner leaseMs
 */
import { pino } from 'pino';
import { createSlackSink, createSlackWebClient } from '../../src/adapters/chat/slack/index.js';
import { createSqliteStore } from '../../src/adapters/store/sqlite/index.js';
import { createDeliveryWorker } from '../../src/flows/deliver.js';

const [dbPath, apiUrl, owner, leaseMs] = process.argv.slice(2) as [string, string, string, string];
const log = pino({ level: 'silent' });
const store = createSqliteStore({ path: dbPath });
const sink = createSlackSink({ client: createSlackWebClient('xoxb-crash', { apiUrl, log }), minIntervalMs: 0 });
const worker = createDeliveryWorker({
  store,
  sinks: { slack: sink },
  clock: { now: () => new Date() },
  random: Math.random,
  log,
  topicName: (id) => id,
  owner,
  settings: { concurrency: 8, maxAttempts: 10, maxBackoffMs: 500, baseBackoffMs: 50, pauseAfterFailures: 3, leaseTtlMs: Number(leaseMs), intervalMs: 50 },
});
await worker.start({ reclaimOnStart: true });
process.send?.('started');
process.on('SIGTERM', () => {
  void worker.stop().then(() => store.close()).then(() => process.exit(0));
});
