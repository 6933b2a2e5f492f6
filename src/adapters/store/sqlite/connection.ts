/**
 * @module adapters/store/sqlite/connection — opening the database file, pragmas, migrations, and
 * translating better-sqlite3 errors into TradewireError at the edge.
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { TradewireError, errorMessage } from '../../../core/errors.js';
import type { Log } from '../../../ports.js';
import { MIGRATIONS, type Migration } from './migrations.js';

export type Db = Database.Database;

export function openDatabase(path: string): Db {
  const inMemory = path === ':memory:';
  try {
    if (!inMemory) mkdirSync(dirname(resolve(path)), { recursive: true });
    const db = new Database(path);
    // WAL: readers never block the writer. synchronous=NORMAL is crash-safe for the process in WAL
    // mode (a power cut may drop the last commits, never corrupt). busy_timeout: a second process on
    // the same file (tradewire poll --once from cron beside the bot) waits instead of failing.
    if (!inMemory) db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 5000');
    db.pragma('foreign_keys = ON');
    return db;
  } catch (err) {
    throw new TradewireError('store_open_failed', `store: cannot open SQLite database ${path}: ${errorMessage(err)}`, { input: path, cause: err });
  }
}

/** Applies migrations newer than the recorded version, each in its own transaction. Returns how many. */
export function migrate(db: Db, log: Log | undefined, migrations: readonly Migration[] = MIGRATIONS): number {
  try {
    db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
    const row = db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null };
    const current = row.v ?? 0;
    const latest = migrations.at(-1)?.version ?? 0;
    if (current > latest) {
      throw new TradewireError('store_schema_newer', `store: the database is at schema version ${current}, newer than this tradewire (${latest}); upgrade tradewire`, {
        input: current,
      });
    }
    let applied = 0;
    for (const m of migrations) {
      if (m.version <= current) continue;
      db.transaction(() => {
        db.exec(m.sql);
        db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(m.version, m.name, new Date().toISOString());
      }).immediate();
      log?.info({ version: m.version, name: m.name }, 'store: migration applied');
      applied++;
    }
    return applied;
  } catch (err) {
    if (err instanceof TradewireError) throw err;
    throw new TradewireError('store_migrate_failed', `store: migration failed: ${errorMessage(err)}`, { cause: err });
  }
}

/**
 * Wraps a function in a write transaction begun with BEGIN IMMEDIATE: it takes the write lock at
 * the start, so two processes never both read and then deadlock upgrading to write (SQLITE_BUSY).
 */
export function writeTransaction(db: Db) {
  return <A extends unknown[], R>(fn: (...args: A) => R): ((...args: A) => R) => {
    const tx = db.transaction(fn);
    return (...args: A): R => tx.immediate(...args);
  };
}

interface SqliteError extends Error {
  code?: string;
}

/**
 * Wraps one store operation: TradewireErrors pass through; SQLite errors get a stable code —
 * `store_busy` (another process held the lock past busy_timeout: retry later), `store_constraint`,
 * `store_disk_full`, `store_corrupt`, `store_readonly`, else `store_<op>_failed`.
 */
export function translate(op: string, err: unknown): TradewireError {
  if (err instanceof TradewireError) return err;
  const code = (err as SqliteError).code ?? '';
  const detail = errorMessage(err);
  const mapped = code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')
    ? 'store_busy'
    : code.startsWith('SQLITE_CONSTRAINT')
      ? 'store_constraint'
      : code === 'SQLITE_FULL'
        ? 'store_disk_full'
        : code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB'
          ? 'store_corrupt'
          : code.startsWith('SQLITE_READONLY')
            ? 'store_readonly'
            : `store_${op.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}_failed`;
  return new TradewireError(mapped, `store: ${op} failed: ${detail}`, { cause: err });
}
