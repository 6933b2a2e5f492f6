/**
 * @module adapters/chat/discord/sink — ChatSink over Discord's REST API (`POST /channels/{id}/messages`,
 * `PATCH …/messages/{id}`), no gateway needed: `tradewire poll --once` posts with the token alone.
 *
 * Every create carries a `nonce` derived from the delivery's idempotency key with
 * `enforce_nonce: true`, so a resend after a crash or a lost response returns the message already
 * posted instead of posting it twice. Follow-ups reply to the original (`message_reference`), and
 * the original is edited to refresh "also reported by". Errors become DeliveryErrors (errors.ts);
 * rate limits are the outbox's to wait out (rest.ts). Discord allows 5 messages per 5 s per
 * channel: pacing one per second per channel keeps 429s rare.
 */
import { Routes, type REST } from 'discord.js';
import type { DiscordRenderOptions } from '../../../core/format/discord-embed.js';
import type { Destination } from '../../../core/types.js';
import type { ChatSink, OutgoingMessage, SendOptions } from '../../../ports.js';
import { DeliveryError } from '../delivery-error.js';
import { discordDeliveryError } from './errors.js';
import { nonceFor } from './nonce.js';
import { renderOutgoing } from './render.js';

export const DISCORD_MIN_INTERVAL_MS = 1_000;

export interface DiscordSinkOptions {
  rest: REST;
  render?: DiscordRenderOptions;
  minIntervalMs?: number;
}

export function createDiscordSink(options: DiscordSinkOptions): ChatSink {
  const { rest } = options;
  return {
    platform: 'discord',
    minIntervalMs: options.minIntervalMs ?? DISCORD_MIN_INTERVAL_MS,
    async send(destination: Destination, message: OutgoingMessage, sendOptions: SendOptions) {
      const body = { ...renderOutgoing(message, options.render), nonce: nonceFor(sendOptions.idempotencyKey), enforce_nonce: true };
      let res: { id?: unknown };
      try {
        res = (await rest.post(Routes.channelMessages(destination.channel), { body })) as { id?: unknown };
      } catch (err) {
        throw discordDeliveryError(err, `create message in ${destination.channel}`);
      }
      if (typeof res.id !== 'string') throw new DeliveryError({ kind: 'transient', code: 'no_id', message: `discord: create message in ${destination.channel} returned no id` });
      return { messageId: res.id };
    },
    async update(destination: Destination, messageId: string, message: OutgoingMessage) {
      const { content, embeds, allowed_mentions } = renderOutgoing(message, options.render);
      try {
        await rest.patch(Routes.channelMessage(destination.channel, messageId), { body: { ...(content !== undefined ? { content } : {}), embeds, allowed_mentions } });
      } catch (err) {
        throw discordDeliveryError(err, `edit message ${messageId} in ${destination.channel}`);
      }
    },
  };
}
