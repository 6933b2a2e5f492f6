/**
 * @module adapters/chat/slack/receiver — a Bolt Receiver mounted on tradewire's own HTTP server
 * (`POST /slack/events`), so Slack shares one port with /healthz, /readyz and /metrics.
 *
 * It does what Bolt's HTTPReceiver does (signature check, ssl_check, url_verification, ack
 * semantics via HTTPResponseAck) plus one thing Bolt does not: a request timestamped more than
 * five minutes in the *future* is refused as well as a stale one, so a captured request cannot be
 * replayed later by forging a future timestamp window.
 */
import { HTTPModuleFunctions as http, HTTPResponseAck, type App, type Receiver } from '@slack/bolt';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Log } from '../../../ports.js';
import type { HttpServer } from '../../http/server.js';
import { slackLogger } from './logger.js';

export const SLACK_EVENTS_PATH = '/slack/events';
const MAX_SKEW_SECONDS = 5 * 60;

export interface SlackReceiverOptions {
  server: HttpServer;
  signingSecret: string;
  log: Log;
  /** Milliseconds since the epoch; injected for tests. */
  nowMs?: () => number;
  /** Hold the HTTP answer until the listener finishes (tests); production acks as soon as ack() is called. */
  processBeforeResponse?: boolean;
}

export function createSlackReceiver(options: SlackReceiverOptions): Receiver {
  const log = options.log.child({ room: 'slack-receiver' });
  const logger = slackLogger(log);
  const nowMs = options.nowMs ?? Date.now;
  let app: App | null = null;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const skew = timestampSkew(req, nowMs());
    if (skew === null || Math.abs(skew) > MAX_SKEW_SECONDS) {
      log.warn({ skew }, 'refused a Slack request: timestamp missing or more than 5 minutes from now');
      http.buildNoBodyResponse(res, 401);
      return;
    }
    let buffered;
    try {
      buffered = await http.parseAndVerifyHTTPRequest({ enabled: true, signingSecret: options.signingSecret, nowMilliseconds: nowMs, logger }, req);
    } catch (err) {
      if (http.isRawBodyError(err) && (err.type === 'entity.too.large' || err.statusCode === 413)) {
        http.buildNoBodyResponse(res, 413);
        return;
      }
      log.warn({ reason: (err as Error).message }, 'refused a Slack request: bad signature');
      http.buildNoBodyResponse(res, 401);
      return;
    }
    let body: Record<string, unknown>;
    try {
      body = http.parseHTTPRequestBody(buffered) as Record<string, unknown>;
    } catch {
      http.buildNoBodyResponse(res, 400);
      return;
    }
    if (body.ssl_check === '1') return http.buildSSLCheckResponse(res);
    if (body.type === 'url_verification') return http.buildUrlVerificationResponse(res, body);
    const ack = new HTTPResponseAck({
      logger,
      processBeforeResponse: options.processBeforeResponse ?? false,
      httpRequest: buffered,
      httpRequestBody: body,
      httpResponse: res,
    });
    try {
      if (!app) throw new Error('slack receiver: no app');
      await app.processEvent({ body, ack: ack.bind(), retryNum: http.extractRetryNumFromHTTPRequest(req), retryReason: http.extractRetryReasonFromHTTPRequest(req) });
      if (ack.storedResponse !== undefined) http.buildContentResponse(res, ack.storedResponse);
    } catch (error) {
      const handled = await http.defaultProcessEventErrorHandler({ error: error as Error, logger, request: req, response: res, storedResponse: ack.storedResponse });
      if (handled) ack.ack();
    }
  }

  return {
    init(a: App) {
      app = a;
      options.server.route('POST', SLACK_EVENTS_PATH, handle);
    },
    // The HTTP server's lifecycle belongs to main.ts; the receiver only mounts a route.
    start: () => Promise.resolve(),
    stop: () => Promise.resolve(),
  };
}

/** Seconds between the request's timestamp and now (positive: from the past), or null if unusable. */
function timestampSkew(req: IncomingMessage, nowMs: number): number | null {
  const raw = req.headers['x-slack-request-timestamp'];
  if (typeof raw !== 'string' || !/^\d{1,12}$/.test(raw)) return null;
  return Math.floor(nowMs / 1000) - Number(raw);
}
