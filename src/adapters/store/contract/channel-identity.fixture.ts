/**
 * @module adapters/store/contract/channel-identity.fixture — rows a version-1 database may hold
 * (one channel under two keys: with and without its guild / team id), and what schema version 2
 * (adapters/store/channel-identity-migration.ts) must leave. Shared by the SQLite and PostgreSQL tests.
 */

const sub = (platform: string, workspace: string, channel: string, topic: string, mode: string, createdBy: string, updatedAt: number): string =>
  `INSERT INTO subscriptions (platform, workspace, channel, dest_key, topic, mode, digest_time, digest_tz, created_by, created_at, updated_at)
   VALUES ('${platform}', '${workspace}', '${channel}', '${JSON.stringify([platform, workspace, channel])}', '${topic}', '${mode}',
           ${mode === 'digest' ? "'08:00', 'UTC'" : 'NULL, NULL'}, '${createdBy}', 1000, ${updatedAt});`;

const delivery = (dedupe: string, kind: string, platform: string, workspace: string, channel: string, status: string): string =>
  `INSERT INTO deliveries (dedupe_key, kind, platform, workspace, channel, dest_key, story_id, status, next_attempt_at, created_at, updated_at)
   VALUES ('${dedupe}', '${kind}', '${platform}', '${workspace}', '${channel}', '${JSON.stringify([platform, workspace, channel])}',
           ${kind === 'notice' ? 'NULL' : '1'}, '${status}', 1000, 1000, 1000);`;

const KEYS = ['["discord","","99"]', '["discord","G7","99"]', '["slack","T1","C1"]', '["slack","","C1"]', '["console","w","stdout"]'];

/** Version-1 rows; `driver` only for the story row (PostgreSQL's has a search column). */
export function version1Rows(driver: 'sqlite' | 'postgres'): string {
  const story =
    driver === 'postgres'
      ? `INSERT INTO stories (feed_id, source, title, body, lead, published_at, first_seen_at, analysis, fingerprint, search) VALUES ('f', 'S', 't', 'b', 'l', 1, 1, '{}', '[]', ''::tsvector);`
      : `INSERT INTO stories (feed_id, source, title, body, lead, published_at, first_seen_at, analysis, fingerprint) VALUES ('f', 'S', 't', 'b', 'l', 1, 1, '{}', '[]');`;
  return [
    sub('discord', '', '99', 'fx', 'instant', 'config', 1000), // seeded from a file entry without guild …
    sub('discord', 'G7', '99', 'fx', 'digest', 'U1', 2000), // … and /trade subscribe later, same channel: this one stays
    sub('discord', 'G7', '99', 'g20', 'instant', 'U1', 2000),
    sub('slack', 'T1', 'C1', 'fx', 'instant', 'config', 3000), // a file entry naming the workspace, changed last: stays
    sub('slack', '', 'C1', 'fx', 'instant', 'U2', 1000),
    sub('console', 'w', 'stdout', 'fx', 'instant', 'config', 1000),
    story,
    ...KEYS.map((k) => `INSERT INTO destinations (dest_key) VALUES ('${k}');`),
    delivery('a', 'alert', 'discord', '', '99', 'pending'),
    delivery('b', 'alert', 'discord', 'G7', '99', 'pending'), // the same story twice in one channel: dropped
    delivery('c', 'alert', 'slack', 'T1', 'C1', 'pending'), // the story already went out there (d): dropped
    delivery('d', 'alert', 'slack', '', 'C1', 'sent'),
    delivery('e', 'notice', 'discord', 'G7', '99', 'pending'),
  ].join('\n');
}

export const AFTER_VERSION_2 = {
  /** platform, workspace, channel, dest_key, topic, mode, created_by — ordered by platform, channel, topic. */
  subscriptions: [
    ['console', 'w', 'stdout', '["console","w","stdout"]', 'fx', 'instant', 'config'],
    ['discord', '', '99', '["discord","","99"]', 'fx', 'digest', 'U1'],
    ['discord', '', '99', '["discord","","99"]', 'g20', 'instant', 'U1'],
    ['slack', '', 'C1', '["slack","","C1"]', 'fx', 'instant', 'config'],
  ],
  /** dedupe_key, workspace, dest_key — ordered by id. */
  deliveries: [
    ['a', '', '["discord","","99"]'],
    ['d', '', '["slack","","C1"]'],
    ['e', '', '["discord","","99"]'],
  ],
  destinations: ['["console","w","stdout"]', '["discord","","99"]', '["slack","","C1"]'],
};

export const AFTER_QUERIES = {
  subscriptions: 'SELECT platform, workspace, channel, dest_key, topic, mode, created_by FROM subscriptions ORDER BY platform, channel, topic',
  deliveries: 'SELECT dedupe_key, workspace, dest_key FROM deliveries ORDER BY id',
  destinations: 'SELECT dest_key FROM destinations ORDER BY dest_key',
};
