/**
 * @module adapters/store/sqlite/migrations — the schema as ordered, versioned SQL. Append only:
 * a released migration is never edited; a change is a new version.
 *
 * Portable shapes on purpose (the PostgreSQL store mirrors them): times are epoch-ms integers
 * (bigint there), JSON is text (jsonb there), booleans are 0/1, ids are integer keys exposed as
 * strings. Only the full-text index is SQLite-specific (FTS5 here, tsvector + GIN there).
 */
import { channelIdentitySql } from '../channel-identity-migration.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'feeds, stories, subscriptions, outbox, leases',
    sql: `
CREATE TABLE feeds (
  id TEXT PRIMARY KEY,
  url TEXT NOT NULL,
  name TEXT,
  every_ms INTEGER NOT NULL,
  full_text INTEGER NOT NULL DEFAULT 0,
  backfill INTEGER NOT NULL DEFAULT 0,
  tags TEXT NOT NULL DEFAULT '[]',
  enabled INTEGER NOT NULL DEFAULT 1,
  title TEXT,
  etag TEXT,
  last_modified TEXT,
  last_result TEXT,
  last_status INTEGER,
  last_error_code TEXT,
  last_error_message TEXT,
  consecutive_failures INTEGER NOT NULL DEFAULT 0,
  failing_since INTEGER,
  last_polled_at INTEGER,
  last_success_at INTEGER,
  next_poll_at INTEGER NOT NULL,
  initialized INTEGER NOT NULL DEFAULT 0,
  lease_owner TEXT,
  lease_until INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX feeds_due ON feeds (next_poll_at) WHERE enabled = 1;

CREATE TABLE stories (
  id INTEGER PRIMARY KEY,
  feed_id TEXT NOT NULL,
  source TEXT NOT NULL,
  guid TEXT,
  url TEXT,
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  lead TEXT NOT NULL,
  author TEXT,
  published_at INTEGER NOT NULL,
  first_seen_at INTEGER NOT NULL,
  analysis TEXT NOT NULL,
  fingerprint TEXT NOT NULL
);
CREATE INDEX stories_published ON stories (published_at, id);

-- Every stored item, the story's first outlet and each outlet that also reported it.
CREATE TABLE articles (
  feed_id TEXT NOT NULL,
  key TEXT NOT NULL,
  story_id INTEGER NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
  url TEXT,
  guid TEXT,
  title TEXT NOT NULL,
  source TEXT NOT NULL,
  published_at INTEGER NOT NULL,
  seen_at INTEGER NOT NULL,
  PRIMARY KEY (feed_id, key)
);
CREATE INDEX articles_url ON articles (url) WHERE url IS NOT NULL;
CREATE INDEX articles_story ON articles (story_id, seen_at);

CREATE TABLE story_topics (
  story_id INTEGER NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
  topic TEXT NOT NULL,
  score REAL NOT NULL,
  published_at INTEGER NOT NULL,
  PRIMARY KEY (story_id, topic)
);
CREATE INDEX story_topics_latest ON story_topics (topic, published_at);

-- Near-duplicate lookup keys (core/dedupe fingerprints).
CREATE TABLE story_keys (
  key TEXT NOT NULL,
  story_id INTEGER NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
  first_seen_at INTEGER NOT NULL,
  PRIMARY KEY (key, story_id)
);

CREATE TABLE quotes (
  story_id INTEGER NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
  idx INTEGER NOT NULL,
  text TEXT NOT NULL,
  speaker TEXT NOT NULL,
  speaker_key TEXT NOT NULL,
  published_at INTEGER NOT NULL,
  PRIMARY KEY (story_id, idx)
);
CREATE INDEX quotes_published ON quotes (published_at);

CREATE VIRTUAL TABLE story_search USING fts5 (
  title, body, content = 'stories', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TABLE subscriptions (
  id INTEGER PRIMARY KEY,
  platform TEXT NOT NULL,
  workspace TEXT NOT NULL,
  channel TEXT NOT NULL,
  dest_key TEXT NOT NULL,
  topic TEXT NOT NULL,
  mode TEXT NOT NULL CHECK (mode IN ('instant', 'digest')),
  digest_time TEXT,
  digest_tz TEXT,
  mention TEXT,
  paused_at INTEGER,
  paused_reason TEXT,
  created_by TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE (dest_key, topic)
);
CREATE INDEX subscriptions_topic ON subscriptions (topic);

-- The outbox. AUTOINCREMENT: ids never reused, so id order is creation order per destination.
CREATE TABLE deliveries (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  dedupe_key TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL CHECK (kind IN ('alert', 'followup', 'digest', 'notice')),
  platform TEXT NOT NULL,
  workspace TEXT NOT NULL,
  channel TEXT NOT NULL,
  dest_key TEXT NOT NULL,
  story_id INTEGER REFERENCES stories (id) ON DELETE CASCADE,
  article_key TEXT,
  topics TEXT NOT NULL DEFAULT '[]',
  mention TEXT,
  payload TEXT,
  digest_key TEXT,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  last_error_code TEXT,
  last_error_message TEXT,
  message_id TEXT,
  thread_of TEXT,
  lease_owner TEXT,
  lease_until INTEGER,
  created_at INTEGER NOT NULL,
  sent_at INTEGER,
  updated_at INTEGER NOT NULL
);
CREATE INDEX deliveries_open ON deliveries (dest_key, id) WHERE status IN ('pending', 'sending');
CREATE INDEX deliveries_due ON deliveries (next_attempt_at) WHERE status IN ('pending', 'sending');
CREATE INDEX deliveries_story ON deliveries (story_id, dest_key);

-- Per destination: permanent failures in a row (markFailed), reset by a success.
CREATE TABLE destinations (
  dest_key TEXT PRIMARY KEY,
  consecutive_failures INTEGER NOT NULL DEFAULT 0,
  last_failure_at INTEGER,
  last_success_at INTEGER
);

CREATE TABLE leases (
  name TEXT PRIMARY KEY,
  owner TEXT NOT NULL,
  until INTEGER NOT NULL
);
`,
  },
  { version: 2, name: 'slack and discord destinations keyed by channel', sql: channelIdentitySql('sqlite') },
  {
    version: 3,
    name: 'digest messages keep the membership of their first send attempt',
    // The id of the first row of the digest message a row went out in (set at its first claim): a
    // retry resends exactly that set; items that arrive later form the next message.
    sql: 'ALTER TABLE deliveries ADD COLUMN digest_batch INTEGER;',
  },
];
