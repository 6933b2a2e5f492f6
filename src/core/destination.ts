/**
 * @module core/destination — one identity per chat channel, whichever way a subscription was made.
 *
 * Slack and Discord channel ids identify a channel on their own (Discord snowflakes are globally
 * unique; one Slack bot token is one workspace, and a channel shared across workspaces keeps its
 * id). So a Slack or Discord destination is its platform and channel: the workspace (team id or
 * guild id) is dropped. Otherwise a subscriptions.yaml entry without `guild` and `/trade subscribe`
 * in the same channel (which knows the guild) would be two destinations and every story would be
 * posted twice. Console and webhook destinations keep their workspace as given.
 */
import type { Destination } from './types.js';

/** Whether the platform's channel ids are unique without the workspace. */
export function channelIsIdentity(platform: Destination['platform']): boolean {
  return platform === 'slack' || platform === 'discord';
}

/** The destination as stored and compared: Slack and Discord carry workspace ''. */
export function canonicalDestination(d: Destination): Destination {
  if (!channelIsIdentity(d.platform) || d.workspace === '') return d;
  return { platform: d.platform, workspace: '', channel: d.channel };
}
