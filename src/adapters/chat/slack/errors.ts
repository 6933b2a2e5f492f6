/**
 * @module adapters/chat/slack/errors — Slack Web API errors → DeliveryError, once, at the edge.
 *
 * The WebClient runs with `rejectRateLimitedCalls: true` and no retries (web-client.ts), so every
 * failure surfaces here at once and the outbox decides when to try again.
 */
import { webApi } from '@slack/bolt';
import { DeliveryError } from '../delivery-error.js';

/** The destination is unusable until a person acts: channel gone, bot removed, token bad. */
const DESTINATION_ERRORS = new Set([
  'channel_not_found',
  'not_in_channel',
  'is_archived',
  'channel_is_archived',
  'account_inactive',
  'invalid_auth',
  'not_authed',
  'token_revoked',
  'token_expired',
  'no_permission',
  'missing_scope',
  'not_allowed_token_type',
  'restricted_action',
  'restricted_action_read_only_channel',
  'restricted_action_thread_only_channel',
  'restricted_action_non_threadable_channel',
  'team_access_not_granted',
  'ekm_access_denied',
  'org_login_required',
  'two_factor_setup_required',
  'access_denied',
  'team_not_found',
  'enterprise_is_restricted',
]);

/** Only this message is at fault: retrying the same payload cannot succeed. */
const MESSAGE_ERRORS = new Set([
  'invalid_blocks',
  'invalid_blocks_format',
  'msg_too_long',
  'too_many_attachments',
  'invalid_arguments',
  'invalid_arg_name',
  'invalid_array_arg',
  'invalid_charset',
  'invalid_form_data',
  'invalid_post_type',
  'missing_post_type',
  'no_text',
  'message_not_found',
  'cant_update_message',
  'edit_window_closed',
  'thread_not_found',
  'invalid_metadata_format',
  'invalid_metadata_schema',
  'metadata_too_large',
  'duplicate_message_not_found',
]);

const DEFAULT_RETRY_AFTER_MS = 1_000;

export function slackDeliveryError(err: unknown, what: string): DeliveryError {
  if (err instanceof DeliveryError) return err;
  if (err instanceof webApi.WebAPIRateLimitedError) {
    const retryAfterMs = Math.max(DEFAULT_RETRY_AFTER_MS, err.retryAfter * 1_000);
    return new DeliveryError({ kind: 'rate-limited', code: 'ratelimited', message: `slack: ${what}: rate limited, retry after ${err.retryAfter}s`, retryAfterMs }, { cause: err });
  }
  if (err instanceof webApi.WebAPIPlatformError) {
    const code = err.data.error;
    if (code === 'ratelimited' || code === 'rate_limited') {
      return new DeliveryError({ kind: 'rate-limited', code, message: `slack: ${what}: ${code}`, retryAfterMs: DEFAULT_RETRY_AFTER_MS }, { cause: err });
    }
    if (DESTINATION_ERRORS.has(code)) return new DeliveryError({ kind: 'permanent', code, message: `slack: ${what}: ${code}`, affects: 'destination' }, { cause: err });
    if (MESSAGE_ERRORS.has(code)) return new DeliveryError({ kind: 'permanent', code, message: `slack: ${what}: ${code}`, affects: 'message' }, { cause: err });
    // internal_error, fatal_error, service_unavailable, request_timeout and anything new: try again later.
    return new DeliveryError({ kind: 'transient', code, message: `slack: ${what}: ${code}` }, { cause: err });
  }
  if (err instanceof webApi.WebAPIHTTPError) {
    return new DeliveryError({ kind: 'transient', code: `http_${err.statusCode}`, message: `slack: ${what}: HTTP ${err.statusCode} ${err.statusMessage}` }, { cause: err });
  }
  if (err instanceof webApi.WebAPIRequestError) {
    return new DeliveryError({ kind: 'transient', code: 'network', message: `slack: ${what}: ${err.original?.message ?? err.message}` }, { cause: err });
  }
  const message = err instanceof Error ? err.message : String(err);
  return new DeliveryError({ kind: 'transient', code: 'unknown', message: `slack: ${what}: ${message}` }, { cause: err });
}
