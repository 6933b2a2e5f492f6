/**
 * @module adapters/store/postgres/subscriptions — who follows which topic, how (instant or a daily
 * digest), and pausing a destination after repeated permanent failures.
 */
import type pg from 'pg';
import { canonicalDestination } from '../../../core/destination.js';
import type { Destination, Subscription } from '../../../core/types.js';
import type { SubscriptionInput } from '../../../ports.js';
import { destKey } from '../keys.js';
import { checkSubscriptionMode, subscriptionFromRow, type SubscriptionRow } from '../rows.js';
import { toMs } from '../time.js';
import { sqlOn } from './connection.js';

// $1 platform … $3 channel, $4 dest key, $5 topic, $6 mode, $7 time, $8 zone, $9 mention,
// $10 keep the stored mention (mention not given), $11 created by, $12 now.
// A second subscribe changes the mode (and the mention when given) and un-pauses; who created
// the subscription stays as it was. The destination's permanent failures in a row start again
// from 0 (resuming must not leave it one failure away from the next pause).
const UPSERT = `
WITH reset AS (UPDATE destinations SET consecutive_failures = 0 WHERE dest_key = $4)
INSERT INTO subscriptions AS s (platform, workspace, channel, dest_key, topic, mode, digest_time, digest_tz, mention, created_by, created_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $11, $12, $12)
ON CONFLICT (dest_key, topic) DO UPDATE SET
  mode = excluded.mode, digest_time = excluded.digest_time, digest_tz = excluded.digest_tz,
  mention = CASE WHEN $10 THEN s.mention ELSE excluded.mention END,
  paused_at = NULL, paused_reason = NULL, updated_at = excluded.updated_at
RETURNING *`;

export function createSubscriptionOps(pool: pg.Pool) {
  const sql = sqlOn(pool);
  return {
    async subscribe(input: SubscriptionInput, nowIso: string): Promise<Subscription> {
      const now = toMs(nowIso, 'now');
      checkSubscriptionMode(input.mode);
      const d = canonicalDestination(input.destination);
      const digest = input.mode.kind === 'digest' ? input.mode : null;
      const [row] = await sql<SubscriptionRow>(UPSERT, [
        d.platform,
        d.workspace,
        d.channel,
        destKey(d),
        input.topic,
        input.mode.kind,
        digest?.time ?? null,
        digest?.timezone ?? null,
        input.mention ?? null, // undefined = leave the mention as it is; null = clear it
        input.mention === undefined,
        input.createdBy ?? null,
        now,
      ]);
      return subscriptionFromRow(row!);
    },

    async unsubscribe(destination: Destination, topic: string | null): Promise<number> {
      const key = destKey(destination);
      return topic === null
        ? sql.count('DELETE FROM subscriptions WHERE dest_key = $1', [key])
        : sql.count('DELETE FROM subscriptions WHERE dest_key = $1 AND topic = $2', [key, topic]);
    },

    async listSubscriptions(destination?: Destination): Promise<Subscription[]> {
      const rows = destination
        ? await sql<SubscriptionRow>('SELECT * FROM subscriptions WHERE dest_key = $1 ORDER BY topic', [destKey(destination)])
        : await sql<SubscriptionRow>('SELECT * FROM subscriptions ORDER BY platform, workspace, channel, topic');
      return rows.map(subscriptionFromRow);
    },

    async pauseDestination(destination: Destination, reason: string, nowIso: string): Promise<number> {
      const now = toMs(nowIso, 'now');
      return sql.count('UPDATE subscriptions SET paused_at = $1, paused_reason = $2, updated_at = $1 WHERE dest_key = $3 AND paused_at IS NULL', [
        now,
        reason,
        destKey(destination),
      ]);
    },
  };
}
