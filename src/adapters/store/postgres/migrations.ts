/**
 * @module adapters/store/postgres/migrations — the schema as ordered, versioned SQL, applied under
 * an advisory lock so several instances starting at once migrate exactly once. Append only: a
 * released migration is never edited; a change is a new version.
 *
 * It mirrors the SQLite schema (sqlite/migrations.ts) shape for shape: times are epoch-ms bigints,
 * JSON is text (exact round trip; jsonb would reorder keys and refuse "\u0000"), ids are identity
 * bigints exposed as strings. Differences: real booleans, a `tsvector` column with a GIN index for
 * full text (FTS5 there), `destinations` rows created with the first delivery (claims lock them
 * with FOR UPDATE SKIP LOCKED), and `articles.seq` (SQLite's rowid) for insertion order.
 */
import { TradewireError, errorMessage } from '../../../core/errors.js';
import type { Log } from '../../../ports.js';
import type pg from 'pg';
import type { Migration } from '../sqlite/migrations.js';
import { channelIdentitySql } from '../channel-identity-migration.js';
import { LOCKS, transaction } from './connection.js';

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'feeds, stories, subscriptions, outbox, leases',
    sql: `
CREATE TABLE feeds (
  id TEXT COLLATE "C" PRIMARY KEY,
  url TEXT NOT NULL,
  name TEXT,
  every_ms BIGINT NOT NULL,
  full_text BOOLEAN NOT NULL DEFAULT false,
  backfill INTEGER NOT NULL DEFAULT 0,
  tags TEXT NOT NULL DEFAULT '[]',
  enabled BOOLEAN NOT NULL DEFAULT true,
  title TEXT,
  etag TEXT,
  last_modified TEXT,
  last_result TEXT,
  last_status INTEGER,
  last_error_code TEXT,
  last_error_message TEXT,
  consecutive_failures INTEGER NOT NULL DEFAULT 0,
  failing_since BIGINT,
  last_polled_at BIGINT,
  last_success_at BIGINT,
  next_poll_at BIGINT NOT NULL,
  initialized BOOLEAN NOT NULL DEFAULT false,
  lease_owner TEXT,
  lease_until BIGINT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX feeds_due ON feeds (next_poll_at, id) WHERE enabled;

CREATE TABLE stories (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  feed_id TEXT NOT NULL,
  source TEXT NOT NULL,
  guid TEXT,
  url TEXT,
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  lead TEXT NOT NULL,
  author TEXT,
  published_at BIGINT NOT NULL,
  first_seen_at BIGINT NOT NULL,
  analysis TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  search TSVECTOR NOT NULL
);
CREATE INDEX stories_published ON stories (published_at, id);
CREATE INDEX stories_search ON stories USING GIN (search);

CREATE TABLE articles (
  feed_id TEXT NOT NULL,
  key TEXT NOT NULL,
  story_id BIGINT NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
  url TEXT,
  guid TEXT,
  title TEXT NOT NULL,
  source TEXT NOT NULL,
  published_at BIGINT NOT NULL,
  seen_at BIGINT NOT NULL,
  seq BIGINT GENERATED ALWAYS AS IDENTITY,
  PRIMARY KEY (feed_id, key)
);
CREATE INDEX articles_url ON articles (url) WHERE url IS NOT NULL;
CREATE INDEX articles_story ON articles (story_id, seen_at);

CREATE TABLE story_topics (
  story_id BIGINT NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
  topic TEXT NOT NULL,
  score DOUBLE PRECISION NOT NULL,
  published_at BIGINT NOT NULL,
  PRIMARY KEY (story_id, topic)
);
CREATE INDEX story_topics_latest ON story_topics (topic, published_at);

CREATE TABLE story_keys (
  key TEXT NOT NULL,
  story_id BIGINT NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
  first_seen_at BIGINT NOT NULL,
  PRIMARY KEY (key, story_id)
);

CREATE TABLE quotes (
  story_id BIGINT NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
  idx INTEGER NOT NULL,
  text TEXT NOT NULL,
  speaker TEXT COLLATE "C" NOT NULL,
  speaker_key TEXT COLLATE "C" NOT NULL,
  published_at BIGINT NOT NULL,
  PRIMARY KEY (story_id, idx)
);
CREATE INDEX quotes_published ON quotes (published_at);

CREATE TABLE subscriptions (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  platform TEXT COLLATE "C" NOT NULL,
  workspace TEXT COLLATE "C" NOT NULL,
  channel TEXT COLLATE "C" NOT NULL,
  dest_key TEXT NOT NULL,
  topic TEXT COLLATE "C" NOT NULL,
  mode TEXT NOT NULL CHECK (mode IN ('instant', 'digest')),
  digest_time TEXT,
  digest_tz TEXT,
  mention TEXT,
  paused_at BIGINT,
  paused_reason TEXT,
  created_by TEXT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  UNIQUE (dest_key, topic)
);
CREATE INDEX subscriptions_topic ON subscriptions (topic);

-- One row per destination that ever had a delivery: the per-destination failure count, and the
-- row a claimer locks (FOR UPDATE SKIP LOCKED) so two instances never work one channel at once.
CREATE TABLE destinations (
  dest_key TEXT PRIMARY KEY,
  consecutive_failures INTEGER NOT NULL DEFAULT 0,
  last_failure_at BIGINT,
  last_success_at BIGINT
);

CREATE TABLE deliveries (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  dedupe_key TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL CHECK (kind IN ('alert', 'followup', 'digest', 'notice')),
  platform TEXT NOT NULL,
  workspace TEXT NOT NULL,
  channel TEXT NOT NULL,
  dest_key TEXT NOT NULL REFERENCES destinations (dest_key),
  story_id BIGINT REFERENCES stories (id) ON DELETE CASCADE,
  article_key TEXT,
  topics TEXT NOT NULL DEFAULT '[]',
  mention TEXT,
  payload TEXT,
  digest_key TEXT,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at BIGINT NOT NULL,
  last_error_code TEXT,
  last_error_message TEXT,
  message_id TEXT,
  thread_of TEXT,
  lease_owner TEXT,
  lease_until BIGINT,
  created_at BIGINT NOT NULL,
  sent_at BIGINT,
  updated_at BIGINT NOT NULL
);
CREATE INDEX deliveries_open ON deliveries (dest_key, id) WHERE status IN ('pending', 'sending');
CREATE INDEX deliveries_due ON deliveries (next_attempt_at) WHERE status IN ('pending', 'sending');
CREATE INDEX deliveries_story ON deliveries (story_id, dest_key);
CREATE INDEX deliveries_lease ON deliveries (lease_owner) WHERE status = 'sending';

CREATE TABLE leases (
  name TEXT PRIMARY KEY,
  owner TEXT NOT NULL,
  until BIGINT NOT NULL
);
`,
  },
  { version: 2, name: 'slack and discord destinations keyed by channel', sql: channelIdentitySql('postgres') },
  {
    version: 3,
    name: 'digest messages keep the membership of their first send attempt',
    // The id of the first row of the digest message a row went out in (set at its first claim): a
    // retry resends exactly that set; items that arrive later form the next message.
    sql: 'ALTER TABLE deliveries ADD COLUMN digest_batch BIGINT;',
  },
];

/**
 * Applies migrations newer than the recorded version, each in its own transaction holding the
 * migration advisory lock (DDL is transactional in PostgreSQL: a failed migration leaves nothing).
 * An instance that waited for the lock re-reads the version and finds the work done. Returns how
 * many it applied.
 */
export async function migrate(pool: pg.Pool, log: Log | undefined, migrations: readonly Migration[] = MIGRATIONS): Promise<number> {
  const latest = migrations.at(-1)?.version ?? 0;
  let applied = 0;
  try {
    for (;;) {
      const step = await transaction(pool, async (sql) => {
        await sql('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())');
        const [row] = await sql<{ v: number | null }>('SELECT MAX(version) AS v FROM schema_migrations');
        const current = row?.v ?? 0;
        if (current > latest) {
          throw new TradewireError('store_schema_newer', `store: the database is at schema version ${current}, newer than this tradewire (${latest}); upgrade tradewire`, {
            input: current,
          });
        }
        const next = migrations.find((m) => m.version > current);
        if (!next) return null;
        await sql(next.sql);
        await sql('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [next.version, next.name]);
        return next;
      }, { lock: LOCKS.migrate });
      if (!step) return applied;
      log?.info({ version: step.version, name: step.name }, 'store: migration applied');
      applied++;
    }
  } catch (err) {
    if (err instanceof TradewireError) throw err;
    throw new TradewireError('store_migrate_failed', `store: migration failed: ${errorMessage(err)}`, { cause: err });
  }
}
