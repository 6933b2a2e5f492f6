/**
 * @module adapters/chat/discord/errors — discord.js / @discordjs/rest errors → DeliveryError, once,
 * at the edge.
 *
 * The sink's REST client rejects on rate limits (`rejectOnRateLimit`) and retries nothing itself
 * (rest.ts), so every failure surfaces here at once and the outbox decides when to try again.
 * https://discord.com/developers/docs/topics/opcodes-and-status-codes#json
 */
import { DiscordAPIError, HTTPError, RateLimitError } from 'discord.js';
import { DeliveryError } from '../delivery-error.js';

/** The destination is unusable until a person acts: channel gone, bot removed or not allowed. */
const DESTINATION_CODES: Record<number, string> = {
  10003: 'unknown_channel',
  10015: 'unknown_webhook',
  50001: 'missing_access',
  50013: 'missing_permissions',
  10004: 'unknown_guild',
  50007: 'cannot_message_user',
};

/** Only this message is at fault: retrying the same payload cannot succeed. */
const MESSAGE_CODES: Record<number, string> = {
  10008: 'unknown_message',
  50035: 'invalid_form_body',
  50006: 'empty_message',
  50005: 'not_own_message',
  40005: 'request_too_large',
  160002: 'cannot_reply_without_history',
};

const MIN_RETRY_AFTER_MS = 50;
const NO_HINT_RETRY_MS = 1_000;

export function discordDeliveryError(err: unknown, what: string): DeliveryError {
  if (err instanceof DeliveryError) return err;
  if (err instanceof RateLimitError) {
    // retryAfter comes from Retry-After, timeToReset from X-RateLimit-Reset-After (or the global
    // reset); the longer one is when Discord will take the request again.
    const known = Math.ceil(Math.max(err.retryAfter, err.timeToReset, err.sublimitTimeout));
    // A 429 without rate-limit headers (a proxy's, say) says nothing about when: wait a second.
    const retryAfterMs = known > 0 ? Math.max(MIN_RETRY_AFTER_MS, known) : NO_HINT_RETRY_MS;
    const scope = err.global ? 'global' : `route ${err.route}`;
    return new DeliveryError({ kind: 'rate-limited', code: err.global ? 'rate_limited_global' : 'rate_limited', message: `discord: ${what}: rate limited (${scope}), retry after ${retryAfterMs} ms`, retryAfterMs }, { cause: err });
  }
  if (err instanceof DiscordAPIError) {
    const code = typeof err.code === 'number' ? err.code : Number(err.code);
    const detail = `discord: ${what}: ${err.status} ${err.message.split('\n')[0]} (${err.code})`;
    if (err.status === 401) return new DeliveryError({ kind: 'permanent', code: 'unauthorized', message: `${detail}; check DISCORD_TOKEN`, affects: 'destination' }, { cause: err });
    if (DESTINATION_CODES[code]) return new DeliveryError({ kind: 'permanent', code: DESTINATION_CODES[code], message: detail, affects: 'destination' }, { cause: err });
    if (MESSAGE_CODES[code]) return new DeliveryError({ kind: 'permanent', code: MESSAGE_CODES[code], message: detail, affects: 'message' }, { cause: err });
    if (err.status === 403 || err.status === 404) return new DeliveryError({ kind: 'permanent', code: `discord_${code}`, message: detail, affects: 'destination' }, { cause: err });
    if (err.status === 408 || err.status >= 500) return new DeliveryError({ kind: 'transient', code: `http_${err.status}`, message: detail }, { cause: err });
    return new DeliveryError({ kind: 'permanent', code: `discord_${code}`, message: detail, affects: 'message' }, { cause: err });
  }
  if (err instanceof HTTPError) {
    return new DeliveryError({ kind: 'transient', code: `http_${err.status}`, message: `discord: ${what}: HTTP ${err.status} ${err.message}` }, { cause: err });
  }
  const e = err as { name?: string; code?: string; message?: string; cause?: { code?: string } } | null;
  if (e?.name === 'AbortError' || e?.name === 'TimeoutError') return new DeliveryError({ kind: 'transient', code: 'timeout', message: `discord: ${what}: timed out` }, { cause: err });
  const netCode = e?.code ?? e?.cause?.code;
  const message = err instanceof Error ? err.message : String(err);
  return new DeliveryError({ kind: 'transient', code: netCode ? 'network' : 'unknown', message: `discord: ${what}: ${netCode ? `${netCode} ` : ''}${message}` }, { cause: err });
}
