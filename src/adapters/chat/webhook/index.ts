/**
 * @module adapters/chat/webhook — a ChatSink for subscriptions that post through a webhook instead
 * of a bot (`platform: webhook`, `channel`: the URL, usually `env:NAME` in subscriptions.yaml): Slack
 * incoming webhooks and Discord webhooks, told apart by their URL (url.ts), through the same outbox,
 * renderers and limits as the bots.
 *
 * Pacing: Discord allows a webhook about 5 requests per 2 s and 30 messages a minute per channel;
 * Slack about one message per second. One message per 2 s per webhook honours both, so 429s stay rare.
 */
import type { DiscordRenderOptions } from '../../../core/format/discord-embed.js';
import type { Destination } from '../../../core/types.js';
import type { ChatSink, OutgoingMessage, SendOptions } from '../../../ports.js';
import { DeliveryError } from '../delivery-error.js';
import { createDiscordHook, type DiscordHookIdentity } from './discord.js';
import { createSlackHook } from './slack.js';
import { checkTestBase, parseWebhookUrl, type WebhookTarget } from './url.js';

export { parseWebhookUrl, redactWebhookUrl, redactDestination, checkTestBase } from './url.js';

export const WEBHOOK_MIN_INTERVAL_MS = 2_000;

export interface WebhookSinkOptions {
  /** settings.webhooks: the Discord username/avatar, and the test-only loopback base. */
  settings: DiscordHookIdentity & { testBaseUrl: string | null };
  render?: DiscordRenderOptions;
  minIntervalMs?: number;
  timeoutMs?: number;
}

export function createWebhookSink(options: WebhookSinkOptions): ChatSink {
  const testBase = checkTestBase(options.settings.testBaseUrl);
  const discord = createDiscordHook(options.settings, options.render ?? {}, options.timeoutMs);
  const slack = createSlackHook(options.timeoutMs);

  /** A URL that is not a webhook is the destination's fault: permanent, counts towards pausing it. */
  function target(destination: Destination): WebhookTarget {
    try {
      return parseWebhookUrl(destination.channel, testBase);
    } catch (err) {
      throw new DeliveryError({ kind: 'permanent', code: 'webhook_bad_url', message: (err as Error).message, affects: 'destination' }, { cause: err });
    }
  }

  return {
    platform: 'webhook',
    minIntervalMs: options.minIntervalMs ?? WEBHOOK_MIN_INTERVAL_MS,
    async send(destination: Destination, message: OutgoingMessage, sendOptions: SendOptions) {
      const t = target(destination);
      return t.kind === 'slack' ? slack.send(t, message, sendOptions.idempotencyKey) : discord.send(t, message);
    },
    async update(destination: Destination, messageId: string, message: OutgoingMessage) {
      const t = target(destination);
      if (t.kind === 'discord') await discord.update(t, messageId, message);
      // Slack incoming webhooks cannot edit (slack.ts).
    },
  };
}

/**
 * Checks every webhook subscription's URL at start, so a typo is a config error with the file
 * position rather than a paused subscription later. Returns the problems (URLs redacted).
 */
export function webhookProblems(subscriptions: readonly { platform: string; channel: string }[], testBaseUrl: string | null): string[] {
  const problems: string[] = [];
  let base: URL | null = null;
  try {
    base = checkTestBase(testBaseUrl);
  } catch (err) {
    return [(err as Error).message];
  }
  subscriptions.forEach((s, i) => {
    if (s.platform !== 'webhook') return;
    try {
      parseWebhookUrl(s.channel, base);
    } catch (err) {
      problems.push(`subscriptions.${i}.channel: ${(err as Error).message}`);
    }
  });
  return problems;
}
