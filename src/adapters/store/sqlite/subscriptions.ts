/**
 * @module adapters/store/sqlite/subscriptions — who follows which topic, how (instant or a daily
 * digest), and pausing a destination after repeated permanent failures.
 */
import { canonicalDestination } from '../../../core/destination.js';
import type { Destination, Subscription } from '../../../core/types.js';
import type { SubscriptionInput } from '../../../ports.js';
import { destKey } from '../keys.js';
import { checkSubscriptionMode, subscriptionFromRow, type SubscriptionRow } from '../rows.js';
import { toMs } from '../time.js';
import { writeTransaction, type Db } from './connection.js';

export function createSubscriptionOps(db: Db) {
  const immediate = writeTransaction(db);
  const upsert = db.prepare(
    `INSERT INTO subscriptions (platform, workspace, channel, dest_key, topic, mode, digest_time, digest_tz, mention, created_by, created_at, updated_at)
     VALUES (@platform, @workspace, @channel, @destKey, @topic, @mode, @time, @tz, @mention, @createdBy, @now, @now)
     ON CONFLICT (dest_key, topic) DO UPDATE SET
       mode = excluded.mode, digest_time = excluded.digest_time, digest_tz = excluded.digest_tz,
       mention = CASE WHEN @keepMention = 1 THEN mention ELSE excluded.mention END,
       paused_at = NULL, paused_reason = NULL, updated_at = excluded.updated_at`,
  );
  const one = db.prepare<[string, string], SubscriptionRow>('SELECT * FROM subscriptions WHERE dest_key = ? AND topic = ?');
  const removeOne = db.prepare('DELETE FROM subscriptions WHERE dest_key = ? AND topic = ?');
  const removeAll = db.prepare('DELETE FROM subscriptions WHERE dest_key = ?');
  const listAll = db.prepare<[], SubscriptionRow>('SELECT * FROM subscriptions ORDER BY platform, workspace, channel, topic');
  const listDest = db.prepare<[string], SubscriptionRow>('SELECT * FROM subscriptions WHERE dest_key = ? ORDER BY topic');
  // (Re)subscribing is the way back from a pause: the destination starts again from no failures,
  // so one more permanent failure does not pause it again at once.
  const resetFailures = db.prepare('UPDATE destinations SET consecutive_failures = 0 WHERE dest_key = ?');
  const pause = db.prepare('UPDATE subscriptions SET paused_at = ?, paused_reason = ?, updated_at = ? WHERE dest_key = ? AND paused_at IS NULL');

  return {
    subscribe: immediate((input: SubscriptionInput, nowIso: string): Subscription => {
      const now = toMs(nowIso, 'now');
      checkSubscriptionMode(input.mode);
      const key = destKey(input.destination);
      upsert.run({
        ...canonicalDestination(input.destination),
        destKey: key,
        topic: input.topic,
        mode: input.mode.kind,
        time: input.mode.kind === 'digest' ? input.mode.time : null,
        tz: input.mode.kind === 'digest' ? input.mode.timezone : null,
        // undefined = leave the mention as it is; null = clear it
        mention: input.mention ?? null,
        keepMention: input.mention === undefined ? 1 : 0,
        createdBy: input.createdBy ?? null,
        now,
      });
      resetFailures.run(key);
      return subscriptionFromRow(one.get(key, input.topic)!);
    }),

    unsubscribe(destination: Destination, topic: string | null): number {
      const key = destKey(destination);
      return (topic === null ? removeAll.run(key) : removeOne.run(key, topic)).changes;
    },

    listSubscriptions(destination?: Destination): Subscription[] {
      return (destination ? listDest.all(destKey(destination)) : listAll.all()).map(subscriptionFromRow);
    },

    pauseDestination(destination: Destination, reason: string, nowIso: string): number {
      const now = toMs(nowIso, 'now');
      return pause.run(now, reason, now, destKey(destination)).changes;
    },
  };
}
