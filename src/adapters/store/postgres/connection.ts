/**
 * @module adapters/store/postgres/connection — the pg pool, transactions with retry on deadlock and
 * serialization failures, and translating PostgreSQL errors into TradewireError at the edge.
 */
import pg from 'pg';
import { TradewireError, errorMessage } from '../../../core/errors.js';
import type { Log } from '../../../ports.js';

export type Queryable = Pick<pg.PoolClient, 'query'>;

/** A query runner: the pool for single statements, a client inside a transaction. */
export interface Sql {
  <R extends object = Record<string, unknown>>(text: string, params?: unknown[]): Promise<R[]>;
  /** Rows affected by the statement. */
  count(text: string, params?: unknown[]): Promise<number>;
}

/**
 * bigint (int8) columns hold epoch-ms times, ids and counts: all within 2^53, so they are parsed as
 * numbers for this pool only (pg's global type table is left alone).
 */
const INT8_OID = 20;
const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig['getTypeParser'],
};

/** The URL with its password hidden, safe for logs and error messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://(unparseable URL)';
  }
}

export function createPool(url: string, poolSize: number, log?: Log): pg.Pool {
  let pool: pg.Pool;
  try {
    pool = new pg.Pool({
      connectionString: url,
      max: poolSize,
      types,
      application_name: 'tradewire',
      // Fail fast when the server is unreachable instead of queueing forever; /readyz reports it.
      connectionTimeoutMillis: 10_000,
      idleTimeoutMillis: 30_000,
    });
  } catch (err) {
    throw new TradewireError('store_open_failed', `store: bad PostgreSQL URL ${redactUrl(url)}: ${errorMessage(err)}`, { input: redactUrl(url), cause: err });
  }
  // An idle client losing its connection (server restart, network) emits 'error' on the pool;
  // unhandled it would crash the process. The pool drops that client and opens a new one on demand.
  pool.on('error', (err) => log?.warn({ err: errorMessage(err) }, 'store: idle PostgreSQL connection lost'));
  return pool;
}

/** PostgreSQL text cannot hold U+0000, which hostile or broken feeds do contain: drop it. */
function clean(value: unknown): unknown {
  if (typeof value === 'string') return value.includes('\u0000') ? value.replaceAll('\u0000', '') : value;
  if (Array.isArray(value)) return value.map(clean);
  return value;
}

export function sqlOn(db: Queryable): Sql {
  const run = async <R extends object>(text: string, params: unknown[] = []): Promise<R[]> =>
    (await db.query<R>(text, params.map(clean))).rows;
  const sql = run as Sql;
  sql.count = async (text, params = []) => (await db.query(text, params.map(clean))).rowCount ?? 0;
  return sql;
}

const RETRYABLE = new Set(['40001', '40P01']); // serialization_failure, deadlock_detected

/**
 * Runs `fn` in one transaction (READ COMMITTED). With `lock`, the transaction first takes that
 * advisory lock; with `keyLocks`, the advisory locks (space, key) for each key, in ascending order so
 * two transactions wanting some of the same keys cannot deadlock on them. All are released at commit
 * and taken in the same round trip as BEGIN. A deadlock or serialization failure — another instance
 * touched the same rows — rolls back and runs `fn` again, up to three times.
 */
export async function transaction<R>(
  pool: pg.Pool,
  fn: (sql: Sql) => Promise<R>,
  options: { lock?: number; keyLocks?: { space: number; keys: readonly number[] } } = {},
): Promise<R> {
  // Keys are integers (LOCKS constants, int4 hashes), so they can be inlined into the simple query.
  const statements = ['BEGIN'];
  if (options.lock !== undefined) statements.push(`SELECT pg_advisory_xact_lock(${Math.trunc(options.lock)})`);
  if (options.keyLocks) {
    const space = Math.trunc(options.keyLocks.space);
    const keys = [...new Set(options.keyLocks.keys.map((k) => Math.trunc(k) | 0))].sort((a, b) => a - b);
    // One statement per lock: statements of a simple query run in order, so the order is certain.
    for (const key of keys) statements.push(`SELECT pg_advisory_xact_lock(${space}, ${key})`);
  }
  const begin = statements.join('; ');
  for (let attempt = 1; ; attempt++) {
    const client = await pool.connect();
    let broken = false;
    // A checked-out client whose connection drops (database restart, network) emits 'error' besides
    // failing its query; the pool listens only to idle clients, so unheard it would crash the process.
    // The failed query carries the error to the caller; here the client is only kept out of the pool.
    const onLost = (): void => {
      broken = true;
    };
    client.on('error', onLost);
    try {
      await client.query(begin);
      const result = await fn(sqlOn(client));
      await client.query('COMMIT');
      return result;
    } catch (err) {
      try {
        await client.query('ROLLBACK');
      } catch {
        broken = true; // the connection itself failed: do not return it to the pool
      }
      const code = (err as { code?: string }).code ?? '';
      if (!RETRYABLE.has(code) || attempt >= 3) throw err;
    } finally {
      client.off('error', onLost);
      client.release(broken);
    }
  }
}

/**
 * Advisory lock keys: `migrate` in the bigint namespace; the others are key spaces of the two-int4
 * form (space, key), a separate namespace in PostgreSQL.
 */
export const LOCKS = {
  /** Held while migrating, so instances starting together migrate once. */
  migrate: 7_265_626_001,
  /** Key space (int4) of the per-destination outbox locks (see insertDeliveries). */
  outboxDestinations: 72_656_002,
  /** Key space (int4) of the ingest locks: hashes of what near-duplicates share (see ingest-locks.ts). */
  ingestKeys: 72_656_003,
} as const;

interface PgError extends Error {
  code?: string;
}

/**
 * Wraps one store operation's failure: TradewireErrors pass through; PostgreSQL errors get a stable
 * code — `store_busy` (lock or statement timeout, deadlock: retry later), `store_unavailable`
 * (connection refused, lost, server shutting down), `store_bad_input`, `store_constraint`,
 * `store_disk_full`, else `store_<op>_failed`.
 */
export function translate(op: string, err: unknown): TradewireError {
  if (err instanceof TradewireError) return err;
  const code = (err as PgError).code ?? '';
  const detail = errorMessage(err);
  return new TradewireError(codeFor(op, code, detail), `store: ${op} failed: ${detail}`, { cause: err });
}

function codeFor(op: string, code: string, detail: string): string {
  if (code === '40001' || code === '40P01' || code === '55P03' || code === '57014') return 'store_busy';
  if (code.startsWith('08') || code === '57P01' || code === '57P02' || code === '57P03' || /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENOTFOUND|EPIPE)$/.test(code)) {
    return 'store_unavailable';
  }
  if (/timeout exceeded when trying to connect|Connection terminated/i.test(detail)) return 'store_unavailable';
  if (code.startsWith('22')) return 'store_bad_input';
  if (code.startsWith('23')) return 'store_constraint';
  if (code === '53100') return 'store_disk_full';
  return `store_${op.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}_failed`;
}
