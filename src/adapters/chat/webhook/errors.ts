/**
 * @module adapters/chat/webhook/errors — webhook HTTP answers → DeliveryError, per platform.
 *
 * Slack incoming webhooks answer with a status and a short text code
 * (https://docs.slack.dev/messaging/sending-messages-using-incoming-webhooks#handling_errors):
 * 400 invalid_payload / invalid_blocks (this message), 403 action_prohibited, 404 channel_not_found
 * / no_service, 410 channel_is_archived (the destination), 429 with Retry-After, 5xx (try again).
 * Discord answers JSON `{code, message}` like its bot API; 429 carries Retry-After (seconds) and
 * X-RateLimit-Global. The URL never appears: only its redacted form.
 */
import { DeliveryError } from '../delivery-error.js';
import { header, type HookResponse } from './http.js';
import type { WebhookTarget } from './url.js';

const MIN_RETRY_MS = 1_000;

function retryAfterMs(res: HookResponse): number {
  const h = Number(header(res, 'retry-after'));
  let body = Number.NaN;
  try {
    body = Number((JSON.parse(res.text) as { retry_after?: unknown }).retry_after);
  } catch {
    // Slack answers plain text
  }
  const seconds = Number.isFinite(h) && h > 0 ? h : Number.isFinite(body) && body > 0 ? body : 0;
  return Math.max(MIN_RETRY_MS, Math.ceil(seconds * 1000));
}

function discordCode(res: HookResponse): { code: number | null; message: string } {
  try {
    const j = JSON.parse(res.text) as { code?: unknown; message?: unknown };
    return { code: typeof j.code === 'number' ? j.code : null, message: typeof j.message === 'string' ? j.message : res.text.slice(0, 200) };
  } catch {
    return { code: null, message: res.text.slice(0, 200) };
  }
}

export function webhookError(target: WebhookTarget, res: HookResponse, what: string): DeliveryError {
  const where = `webhook ${target.redacted}: ${what}`;
  if (res.status === 0) return new DeliveryError({ kind: 'transient', code: res.error?.code === 'timeout' ? 'timeout' : 'network', message: `${where}: ${res.error?.code ?? 'network'} ${res.error?.message ?? ''}`.trim() });
  if (res.status === 429) {
    const global = header(res, 'x-ratelimit-global') === 'true';
    const ms = retryAfterMs(res);
    return new DeliveryError({ kind: 'rate-limited', code: global ? 'rate_limited_global' : 'rate_limited', message: `${where}: rate limited, retry after ${ms} ms`, retryAfterMs: ms });
  }
  if (res.status >= 500 || res.status === 408) return new DeliveryError({ kind: 'transient', code: `http_${res.status}`, message: `${where}: HTTP ${res.status} ${res.text.slice(0, 100)}`.trim() });
  if (target.kind === 'slack') {
    const code = res.text.trim().slice(0, 60) || `http_${res.status}`;
    const affects = res.status === 400 ? 'message' : 'destination';
    return new DeliveryError({ kind: 'permanent', code, message: `${where}: HTTP ${res.status} ${code}`, affects });
  }
  const { code, message } = discordCode(res);
  const name = code === 10015 ? 'unknown_webhook' : code === 50027 ? 'invalid_webhook_token' : code === 10008 ? 'unknown_message' : code === 50035 ? 'invalid_form_body' : `discord_${code ?? res.status}`;
  const affects = res.status === 400 || code === 10008 ? 'message' : 'destination';
  return new DeliveryError({ kind: 'permanent', code: name, message: `${where}: HTTP ${res.status} ${message} (${code ?? '-'})`, affects });
}
