/**
 * @module adapters/chat/webhook/discord — posting to a Discord webhook: the same embeds as the bot
 * (core/format/discord-embed.ts), the configured username and avatar, `?wait=true` so Discord
 * returns the message and its id.
 *
 * With the id, a follow-up edits the original (`PATCH /webhooks/{id}/{token}/messages/{mid}`) to
 * refresh "also reported by". A webhook cannot reply to a message, so the follow-up itself is a
 * short post linking the earlier alert — inside the thread when the URL names one (`?thread_id=`).
 * Webhooks take no nonce: a resend after a crash can post once more (the outbox bounds this to one
 * duplicate per message in flight).
 */
import type { DiscordMessage, DiscordRenderOptions } from '../../../core/format/discord-embed.js';
import { discordFollowup } from '../../../core/format/discord-embed.js';
import type { OutgoingMessage } from '../../../ports.js';
import { renderOutgoing } from '../discord/render.js';
import { DeliveryError } from '../delivery-error.js';
import { webhookError } from './errors.js';
import { sendJson } from './http.js';
import type { WebhookTarget } from './url.js';

export interface DiscordHookIdentity {
  /** Name shown on the posts (≤ 80 characters); null: the webhook's own name. */
  username: string | null;
  avatarUrl: string | null;
}

function withQuery(target: WebhookTarget, path = '', wait = false): URL {
  const url = new URL(`${target.url.href.replace(/\/+$/, '')}${path}`);
  if (wait) url.searchParams.set('wait', 'true');
  if (target.threadId) url.searchParams.set('thread_id', target.threadId);
  return url;
}

export function createDiscordHook(identity: DiscordHookIdentity, render: DiscordRenderOptions, timeoutMs?: number) {
  /** guild and channel of a webhook, for links to its messages (asked once per webhook). */
  const places = new Map<string, Promise<{ guild: string; channel: string } | null>>();

  function placeOf(target: WebhookTarget): Promise<{ guild: string; channel: string } | null> {
    let p = places.get(target.id!);
    if (!p) {
      p = sendJson('GET', withQuery(target), undefined, timeoutMs).then((res) => {
        if (res.status !== 200) return null;
        const j = JSON.parse(res.text) as { guild_id?: unknown; channel_id?: unknown };
        return typeof j.guild_id === 'string' && typeof j.channel_id === 'string' ? { guild: j.guild_id, channel: j.channel_id } : null;
      }, () => null);
      places.set(target.id!, p);
    }
    return p;
  }

  async function body(target: WebhookTarget, message: OutgoingMessage): Promise<DiscordMessage & { username?: string; avatar_url?: string }> {
    let msg: DiscordMessage;
    if (message.kind === 'followup') {
      const place = target.threadId ? null : await placeOf(target);
      const link = place ? `https://discord.com/channels/${place.guild}/${target.threadId ?? place.channel}/${message.threadOf}` : undefined;
      msg = discordFollowup(message.alert, message.outlet, null, render, link);
    } else msg = renderOutgoing(message, render);
    return { ...msg, ...(identity.username ? { username: identity.username } : {}), ...(identity.avatarUrl ? { avatar_url: identity.avatarUrl } : {}) };
  }

  return {
    async send(target: WebhookTarget, message: OutgoingMessage): Promise<{ messageId: string }> {
      const res = await sendJson('POST', withQuery(target, '', true), await body(target, message), timeoutMs);
      if (res.status !== 200) throw webhookError(target, res, 'execute');
      const id = (JSON.parse(res.text) as { id?: unknown }).id;
      if (typeof id !== 'string') throw new DeliveryError({ kind: 'transient', code: 'no_id', message: `webhook ${target.redacted}: execute returned no message id` });
      return { messageId: id };
    },
    async update(target: WebhookTarget, messageId: string, message: OutgoingMessage): Promise<void> {
      const { content, embeds, allowed_mentions } = renderOutgoing(message, render);
      const res = await sendJson('PATCH', withQuery(target, `/messages/${encodeURIComponent(messageId)}`), { ...(content !== undefined ? { content } : {}), embeds, allowed_mentions }, timeoutMs);
      if (res.status !== 200) throw webhookError(target, res, `edit message ${messageId}`);
    },
  };
}
