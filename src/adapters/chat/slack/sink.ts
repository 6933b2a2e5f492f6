/**
 * @module adapters/chat/slack/sink — ChatSink over chat.postMessage / chat.update.
 *
 * Alerts go out with blocks + a plain `text` fallback, link unfurling off (the card already says
 * what the link is) and `link_names` off; follow-ups as thread replies (`thread_ts`). Errors become
 * DeliveryErrors (errors.ts); the outbox paces each channel at `minIntervalMs`, matching Slack's
 * "about one message per second per channel", so 429s stay rare.
 */
import type { webApi } from '@slack/bolt';
import type { ChatSink, OutgoingMessage } from '../../../ports.js';
import type { Destination } from '../../../core/types.js';
import { DeliveryError } from '../delivery-error.js';
import { slackDeliveryError } from './errors.js';
import { renderOutgoing } from './render.js';

export const SLACK_MIN_INTERVAL_MS = 1_000;

export interface SlackSinkOptions {
  client: webApi.WebClient;
  minIntervalMs?: number;
}

export function createSlackSink(options: SlackSinkOptions): ChatSink {
  const { client } = options;
  return {
    platform: 'slack',
    minIntervalMs: options.minIntervalMs ?? SLACK_MIN_INTERVAL_MS,
    async send(destination: Destination, message: OutgoingMessage) {
      const payload = renderOutgoing(message);
      const threadTs = message.kind === 'followup' ? message.threadOf : undefined;
      let res: webApi.ChatPostMessageResponse;
      try {
        res = await client.chat.postMessage({
          channel: destination.channel,
          text: payload.text,
          blocks: payload.blocks,
          unfurl_links: false,
          unfurl_media: false,
          link_names: false,
          ...(threadTs ? { thread_ts: threadTs } : {}),
        } as webApi.ChatPostMessageArguments);
      } catch (err) {
        throw slackDeliveryError(err, `chat.postMessage to ${destination.channel}`);
      }
      if (!res.ts) throw new DeliveryError({ kind: 'transient', code: 'no_ts', message: `slack: chat.postMessage to ${destination.channel} returned no ts` });
      return { messageId: res.ts };
    },
    async update(destination: Destination, messageId: string, message: OutgoingMessage) {
      const payload = renderOutgoing(message);
      try {
        await client.chat.update({
          channel: destination.channel,
          ts: messageId,
          text: payload.text,
          blocks: payload.blocks,
        } as webApi.ChatUpdateArguments);
      } catch (err) {
        throw slackDeliveryError(err, `chat.update of ${messageId} in ${destination.channel}`);
      }
    },
  };
}
