import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Store } from '../../../ports.js';
import { runStoreContract } from '../store.contract.js';
import { createSqliteStore } from './index.js';

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
    expect(db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get()).toEqual({ v: 1 });
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
