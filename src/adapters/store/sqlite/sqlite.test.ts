import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Store } from '../../../ports.js';
import { runStoreContract } from '../store.contract.js';
import { AFTER_QUERIES, AFTER_VERSION_2, version1Rows } from '../contract/channel-identity.fixture.js';
import { migrate } from './connection.js';
import { createSqliteStore } from './index.js';
import { MIGRATIONS } from './migrations.js';

const dir = mkdtempSync(join(tmpdir(), 'tradewire-sqlite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const paths = new WeakMap<Store, string>();
let n = 0;

/** A fresh file per call; given a store, another connection to that store's file. */
async function makeStore(sameDatabaseAs?: Store): Promise<Store> {
  const path = sameDatabaseAs ? paths.get(sameDatabaseAs)! : join(dir, `store-${++n}.db`);
  const store = createSqliteStore({ path });
  paths.set(store, path);
  return store;
}

runStoreContract('sqlite (temp file)', makeStore);

describe('sqlite store specifics', () => {
  it('opens in WAL mode with foreign keys on and records the schema version', async () => {
    const path = join(dir, 'pragmas.db');
    const store = createSqliteStore({ path });
    await store.close();
    const { default: Database } = await import('better-sqlite3');
    const db = new Database(path, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get()).toEqual({ v: MIGRATIONS.at(-1)!.version });
    db.close();
  });

  it('migrates version-1 rows to Slack and Discord destinations keyed by channel (one subscription, one pending alert per channel)', async () => {
    const path = join(dir, 'v1.db');
    const { default: Database } = await import('better-sqlite3');
    const v1 = new Database(path);
    migrate(v1, undefined, MIGRATIONS.slice(0, 1));
    v1.exec(version1Rows('sqlite'));
    v1.close();
    const store = createSqliteStore({ path });
    expect((await store.listSubscriptions({ platform: 'discord', workspace: 'G7', channel: '99' })).map((x) => x.topic)).toEqual(['fx', 'g20']);
    await store.close();
    const db = new Database(path, { readonly: true });
    const rows = (sql: string): unknown[][] => db.prepare(sql).raw().all() as unknown[][];
    expect(rows(AFTER_QUERIES.subscriptions)).toEqual(AFTER_VERSION_2.subscriptions);
    expect(rows(AFTER_QUERIES.deliveries)).toEqual(AFTER_VERSION_2.deliveries);
    expect(rows(AFTER_QUERIES.destinations).flat()).toEqual(AFTER_VERSION_2.destinations);
    db.close();
  });

  it('refuses a database from a newer tradewire', async () => {
    const path = join(dir, 'newer.db');
    await createSqliteStore({ path }).close();
    const { default: Database } = await import('better-sqlite3');
    const db = new Database(path);
    db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'future', '2030-01-01')").run();
    db.close();
    expect(() => createSqliteStore({ path })).toThrow(expect.objectContaining({ code: 'store_schema_newer' }));
  });

  it('names a file it cannot open', () => {
    const file = join(dir, 'plain-file');
    writeFileSync(file, 'not a folder');
    // a database under a regular file cannot be created
    expect(() => createSqliteStore({ path: join(file, 'inner.db') })).toThrow(expect.objectContaining({ code: 'store_open_failed', input: join(file, 'inner.db') }));
    // a file that is not a database
    expect(() => createSqliteStore({ path: file })).toThrow(expect.objectContaining({ code: 'store_open_failed', message: expect.stringMatching(/not a database/) }));
  });
});
