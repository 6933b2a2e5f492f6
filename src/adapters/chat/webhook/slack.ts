/**
 * @module adapters/chat/webhook/slack — posting to a Slack incoming webhook: the same Block Kit
 * message as the bot (core/format/slack-blocks.ts), link unfurling off.
 *
 * Slack's incoming webhooks answer "ok" and no message id, so tradewire can neither edit an alert
 * posted this way nor reply in its thread. Follow-ups ("also reported by") are therefore not posted
 * to Slack webhooks — a new top-level post per extra outlet would be the repeat tradewire promises
 * never to make; the alert names the outlets known when it was sent. Updates are no-ops. No nonce
 * either: a resend after a crash can post once more (bounded by the outbox to one per message).
 */
import { createHash } from 'node:crypto';
import type { OutgoingMessage } from '../../../ports.js';
import { renderOutgoing } from '../slack/render.js';
import { webhookError } from './errors.js';
import { sendJson } from './http.js';
import type { WebhookTarget } from './url.js';

/** The stand-in message id: Slack returns none; stable per delivery so logs can match it. */
function localId(key: string): string {
  return `slack-webhook:${createHash('sha256').update(key).digest('hex').slice(0, 16)}`;
}

export function createSlackHook(timeoutMs?: number) {
  return {
    async send(target: WebhookTarget, message: OutgoingMessage, idempotencyKey: string): Promise<{ messageId: string }> {
      if (message.kind === 'followup') return { messageId: `${localId(idempotencyKey)}:followup-not-posted` };
      const payload = renderOutgoing(message);
      const res = await sendJson('POST', target.url, { text: payload.text, blocks: payload.blocks, unfurl_links: false, unfurl_media: false }, timeoutMs);
      if (res.status !== 200) throw webhookError(target, res, 'post');
      return { messageId: localId(idempotencyKey) };
    },
  };
}
