/**
 * @module adapters/chat/slack/web-client — the WebClient options tradewire uses everywhere.
 *
 * Left to its defaults the WebClient pauses its whole queue on one 429 and retries for ~30 minutes
 * (tenRetriesInAboutThirtyMinutes), holding every other channel's posts behind it. The outbox owns
 * retries instead: 429s are rejected at once (`rejectRateLimitedCalls`), nothing is retried inside
 * the client, and a hung request times out.
 */
import { webApi } from '@slack/bolt';
import type { Log } from '../../../ports.js';
import { slackLogger } from './logger.js';

export const DEFAULT_SLACK_API_URL = 'https://slack.com/api/';
export const SLACK_REQUEST_TIMEOUT_MS = 10_000;

export interface SlackClientOptions {
  /** SLACK_API_URL; default https://slack.com/api/ */
  apiUrl?: string | null;
  log: Log;
  timeoutMs?: number;
}

/** Options for `new WebClient(token, …)` and Bolt's `clientOptions` (the same object). */
export function slackClientOptions(options: SlackClientOptions) {
  return {
    slackApiUrl: options.apiUrl || DEFAULT_SLACK_API_URL,
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 0 },
    timeout: options.timeoutMs ?? SLACK_REQUEST_TIMEOUT_MS,
    logger: slackLogger(options.log.child({ room: 'slack' })),
  };
}

export function createSlackWebClient(token: string, options: SlackClientOptions): webApi.WebClient {
  return new webApi.WebClient(token, slackClientOptions(options));
}
