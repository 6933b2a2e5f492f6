import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgres, type TestPostgres } from '../../../../test/harness/embedded-postgres.js';
import type { Store } from '../../../ports.js';
import { article, T0 } from '../contract/fixtures.contract.js';
import { openStore } from '../open.js';
import { runStoreContract } from '../store.contract.js';
import { createPostgresStore } from './index.js';
import { AFTER_QUERIES, AFTER_VERSION_2, version1Rows } from '../contract/channel-identity.fixture.js';
import { createPool, sqlOn, transaction } from './connection.js';
import type { OutboxRow } from '../fanout.js';
import { insertDeliveries } from './ingest.js';
import { MIGRATIONS, migrate } from './migrations.js';

let server: TestPostgres;
/** The contract runs in one database, emptied before each test's fresh store. */
let contractUrl: string;
beforeAll(async () => {
  server = await startPostgres();
  contractUrl = await server.database();
});
afterAll(async () => {
  await server?.stop();
});

const urls = new WeakMap<Store, string>();

/** A fresh (emptied) migrated database per call; given a store, another instance (own pool) on its database. */
async function makeStore(sameDatabaseAs?: Store): Promise<Store> {
  const url = sameDatabaseAs ? urls.get(sameDatabaseAs)! : contractUrl;
  if (!sameDatabaseAs) await server.truncate(url);
  const store = await createPostgresStore({ url, poolSize: 4 });
  urls.set(store, url);
  return store;
}

runStoreContract('postgres (embedded-postgres)', makeStore);

async function query<R extends object>(url: string, text: string, params: unknown[] = []): Promise<R[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<R>(text, params)).rows;
  } finally {
    await client.end();
  }
}

describe('postgres store specifics', () => {
  it('migrates once when several instances start together on an empty database', async () => {
    const url = await server.emptyDatabase();
    const stores = await Promise.all(Array.from({ length: 4 }, () => createPostgresStore({ url, poolSize: 2 })));
    await Promise.all(stores.map((s) => s.close()));
    const rows = await query<{ version: number }>(url, 'SELECT version FROM schema_migrations ORDER BY version');
    expect(rows.map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version));
  });

  it('migrates version-1 rows to Slack and Discord destinations keyed by channel (one subscription, one pending alert per channel)', async () => {
    const url = await server.emptyDatabase();
    const pool = new pg.Pool({ connectionString: url, max: 1 });
    try {
      await migrate(pool, undefined, MIGRATIONS.slice(0, 1));
      await pool.query(version1Rows('postgres'));
    } finally {
      await pool.end();
    }
    const store = await createPostgresStore({ url, poolSize: 1 });
    expect((await store.listSubscriptions({ platform: 'discord', workspace: 'G7', channel: '99' })).map((x) => x.topic)).toEqual(['fx', 'g20']);
    await store.close();
    const rows = async (sql: string): Promise<unknown[][]> => (await query<Record<string, unknown>>(url, sql)).map((r) => Object.values(r));
    expect(await rows(AFTER_QUERIES.subscriptions)).toEqual(AFTER_VERSION_2.subscriptions);
    expect(await rows(AFTER_QUERIES.deliveries)).toEqual(AFTER_VERSION_2.deliveries);
    expect((await rows(AFTER_QUERIES.destinations)).flat()).toEqual(AFTER_VERSION_2.destinations);
  });

  it('refuses a database from a newer tradewire', async () => {
    const url = await server.database();
    await query(url, "INSERT INTO schema_migrations (version, name) VALUES (999, 'future')");
    await expect(createPostgresStore({ url, poolSize: 1 })).rejects.toMatchObject({ code: 'store_schema_newer' });
  });

  it('names an unreachable server without its password', async () => {
    const url = server.url('tw_template').replace(`:${server.port}/`, ':1/');
    const err = await createPostgresStore({ url, poolSize: 1 }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'store_open_failed', input: expect.stringContaining('127.0.0.1:1') });
    expect(String((err as Error).message)).not.toContain('tradewire-test');
    expect(String((err as Error).message)).toContain('***');
  });

  it('names a missing database', async () => {
    await expect(createPostgresStore({ url: server.url('no_such_db'), poolSize: 1 })).rejects.toMatchObject({
      code: 'store_open_failed',
      message: expect.stringMatching(/no_such_db/),
    });
  });

  it('stores text holding NUL characters (PostgreSQL text cannot) by dropping them', async () => {
    const store = await createPostgresStore({ url: await server.database(), poolSize: 1 });
    try {
      const out = await store.ingest(article({ title: 'Tariff\u0000 talks', body: 'Body\u0000 text.' }), T0);
      expect((await store.getStory(out.storyId!))!.title).toBe('Tariff talks');
      expect((await store.search({ query: 'tariff', limit: 5 })).map((h) => h.story.id)).toEqual([out.storyId]);
    } finally {
      await store.close();
    }
  });

  it('keeps a channel in creation order when an older outbox write commits after a newer one', async () => {
    const url = await server.database();
    const store = await createPostgresStore({ url, poolSize: 2 });
    const destination = { platform: 'slack' as const, workspace: 'T1', channel: 'C1' };
    const other = new pg.Client({ connectionString: url });
    await other.connect();
    try {
      await store.subscribe({ destination, topic: 'fx', mode: { kind: 'instant' } }, T0);
      // C1 has had a message before (its destination row exists, as for any channel in use).
      await store.enqueueNotice(destination, 'first', 'first', T0);
      const [earlier] = await store.claimDeliveries({ now: T0, limit: 10, leaseMs: 60_000, owner: 'w' });
      await store.markSent(earlier!.deliveries.map((d) => d.id), 'm0', T0);
      // Another instance mid-transaction: its notice for C1 is written (the older id), not yet committed.
      await other.query('BEGIN');
      const notice: OutboxRow = {
        dedupeKey: 'older', kind: 'notice', destination, storyId: null, articleKey: null, topics: '[]', mention: null,
        payload: '{"text":"older"}', digestKey: null, nextAttemptAt: Date.parse(T0), threadOf: null,
      };
      expect(await insertDeliveries(sqlOn(other), [notice], Date.parse(T0))).toBe(1);
      // This instance stores a story alerting C1 meanwhile; nothing of C1 may be sent before the older notice.
      const later = store.ingest(article({ topics: ['fx'] }), T0);
      const waiting = async (): Promise<boolean> =>
        (await query<{ n: number }>(url, "SELECT COUNT(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock'"))[0]!.n > 0;
      let settled = false;
      void later.finally(() => (settled = true));
      while (!settled && !(await waiting()));
      expect(await store.claimDeliveries({ now: T0, limit: 10, leaseMs: 60_000, owner: 'w' })).toEqual([]);
      await other.query('COMMIT');
      expect((await later).deliveries).toBe(1);
      const first = await store.claimDeliveries({ now: T0, limit: 10, leaseMs: 60_000, owner: 'w' });
      expect(first.map((b) => b.kind)).toEqual(['notice']);
      await store.markSent(first[0]!.deliveries.map((d) => d.id), 'm1', T0);
      expect((await store.claimDeliveries({ now: T0, limit: 10, leaseMs: 60_000, owner: 'w' })).map((b) => b.kind)).toEqual(['alert']);
    } finally {
      await other.end();
      await store.close();
    }
  });

  it('indexes search vectors with GIN and answers lookups through them', async () => {
    const url = await server.database();
    const rows = await query<{ indexdef: string }>(url, "SELECT indexdef FROM pg_indexes WHERE indexname = 'stories_search'");
    expect(rows[0]?.indexdef).toMatch(/USING gin \(search\)/);
  });

  it('survives a connection dropped in the middle of a transaction: the transaction fails, the process does not', async () => {
    // Unheard, the checked-out client's 'error' event is an uncaught exception: vitest fails the run.
    const url = await server.database();
    const pool = createPool(url, 2);
    try {
      const dropped = transaction(pool, async (sql) => {
        const [row] = await sql<{ pid: number }>('SELECT pg_backend_pid() AS pid');
        await query(url, 'SELECT pg_terminate_backend($1)', [row!.pid]);
        // Between statements: the server's goodbye arrives with no query running to receive it.
        for (let i = 0; i < 100; i++) {
          const left = await query<{ n: string }>(url, 'SELECT count(*) AS n FROM pg_stat_activity WHERE pid = $1', [row!.pid]);
          if (left[0]!.n === '0') break;
          await new Promise((r) => setTimeout(r, 20));
        }
        await new Promise((r) => setTimeout(r, 50));
        return sql('SELECT 1 AS one');
      });
      await expect(dropped).rejects.toThrow(/terminat|Connection/i);
      await expect(transaction(pool, (sql) => sql<{ one: number }>('SELECT 1 AS one'))).resolves.toEqual([{ one: 1 }]);
    } finally {
      await pool.end();
    }
  });

  it('reports an unreachable database on ping as store_unavailable once the server is gone', async () => {
    const other = await startPostgres();
    const url = await other.database();
    const store = await createPostgresStore({ url, poolSize: 1 });
    await expect(store.ping()).resolves.toBeUndefined();
    await other.stop();
    await expect(store.ping()).rejects.toMatchObject({ code: 'store_unavailable' });
    await store.close();
  });
});

describe('openStore (the composition roots’ factory)', () => {
  it('opens PostgreSQL when the config names it with a DATABASE_URL', async () => {
    const store = await openStore({ settings: { store: { driver: 'postgres', poolSize: 2 } }, secrets: { databaseUrl: await server.database() } });
    expect(store.driver).toBe('postgres');
    await expect(store.ping()).resolves.toBeUndefined();
    await store.close();
  });

  it('refuses postgres without a URL', async () => {
    await expect(openStore({ settings: { store: { driver: 'postgres', poolSize: 2 } }, secrets: { databaseUrl: null } })).rejects.toMatchObject({
      code: 'store_open_failed',
    });
  });
});
