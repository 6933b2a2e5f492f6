/**
 * @module adapters/store/channel-identity-migration — schema version 2 for both stores: Slack and
 * Discord destinations keyed by channel alone (core/destination.ts).
 *
 * Before it, a Discord channel seeded from subscriptions.yaml without `guild` (workspace '') and the
 * same channel subscribed with `/trade subscribe` (workspace = guild id) were two destinations, so
 * every story was posted there twice; the same for Slack when the file named a workspace. This
 * rewrites stored rows to workspace '' and the channel-only key:
 *   - of two subscriptions that now coincide (same channel and topic), the one changed last stays;
 *   - outbox rows move to the channel's key (their de-duplication keys stay as written); of two
 *     pending alert/digest rows for one story in one channel, only the first is kept, and none when
 *     the story already went out there;
 *   - per-destination failure counts of the old keys are dropped (PostgreSQL's outbox rows reference
 *     a `destinations` row, so the channel's row is created first).
 * Slack and Discord channel ids are letters and digits, so the key is built by concatenation in SQL
 * exactly as `JSON.stringify([platform, '', channel])` builds it.
 */

const KEY = `'["' || platform || '","","' || channel || '"]'`;
const CHAT = `platform IN ('slack', 'discord')`;

export function channelIdentitySql(driver: 'sqlite' | 'postgres'): string {
  const insertDestinations =
    driver === 'sqlite'
      ? `INSERT OR IGNORE INTO destinations (dest_key) SELECT DISTINCT ${KEY} FROM deliveries WHERE ${CHAT} AND workspace <> ''`
      : `INSERT INTO destinations (dest_key) SELECT DISTINCT ${KEY} FROM deliveries WHERE ${CHAT} AND workspace <> '' ON CONFLICT DO NOTHING`;
  return `
DELETE FROM subscriptions WHERE ${CHAT} AND id IN (
  SELECT s.id FROM subscriptions s JOIN subscriptions o
    ON o.platform = s.platform AND o.channel = s.channel AND o.topic = s.topic AND o.id <> s.id
  WHERE (o.updated_at > s.updated_at OR (o.updated_at = s.updated_at AND o.id < s.id))
);
UPDATE subscriptions SET workspace = '', dest_key = ${KEY} WHERE ${CHAT} AND workspace <> '';
${insertDestinations};
UPDATE deliveries SET workspace = '', dest_key = ${KEY} WHERE ${CHAT} AND workspace <> '';
DELETE FROM deliveries WHERE ${CHAT} AND status = 'pending' AND kind IN ('alert', 'digest') AND story_id IS NOT NULL AND EXISTS (
  SELECT 1 FROM deliveries o
  WHERE o.story_id = deliveries.story_id AND o.dest_key = deliveries.dest_key AND o.kind IN ('alert', 'digest')
    AND o.id <> deliveries.id AND (o.status <> 'pending' OR o.id < deliveries.id)
);
DELETE FROM destinations WHERE (dest_key LIKE '["slack",%' OR dest_key LIKE '["discord",%')
  AND dest_key NOT LIKE '["slack","",%' AND dest_key NOT LIKE '["discord","",%'
  AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.dest_key = destinations.dest_key);
`;
}
