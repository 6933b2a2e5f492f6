/**
 * @module test/harness/slack-sign — slash-command requests signed exactly as Slack signs them:
 * `v0=` + hex HMAC-SHA256(signing secret, "v0:{timestamp}:{raw body}"), the timestamp in
 * `x-slack-request-timestamp`, and a form body with Content-Type exactly
 * `application/x-www-form-urlencoded` (Bolt answers 400 to a charset suffix).
 */
import { createHmac } from 'node:crypto';

export interface CommandFields {
  text: string;
  command?: string;
  user_id?: string;
  user_name?: string;
  channel_id?: string;
  channel_name?: string;
  team_id?: string;
  team_domain?: string;
  response_url: string;
  trigger_id?: string;
}

export interface SignedRequest {
  body: string;
  headers: Record<string, string>;
}

export function sign(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export function commandBody(fields: CommandFields): string {
  const all: Record<string, string> = {
    token: 'deprecated-verification-token',
    team_id: 'T0FAKE',
    team_domain: 'fake',
    channel_id: 'C0ALERTS',
    channel_name: 'alerts',
    user_id: 'U0USER',
    user_name: 'analyst',
    command: '/trade',
    api_app_id: 'A0FAKE',
    is_enterprise_install: 'false',
    trigger_id: '1.2.3',
    ...fields,
  };
  return new URLSearchParams(all).toString();
}

/** A signed request; `timestamp` (unix seconds) defaults to now, `secret` may be wrong on purpose. */
export function signedCommand(secret: string, fields: CommandFields, timestamp = Math.floor(Date.now() / 1000)): SignedRequest {
  const body = commandBody(fields);
  return {
    body,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': sign(secret, timestamp, body),
    },
  };
}

/** POSTs to `/slack/events` on 127.0.0.1:port; returns the status and the parsed body (if any). */
export async function postToBolt(port: number, req: SignedRequest): Promise<{ status: number; body: unknown; ms: number }> {
  const started = Date.now();
  const res = await fetch(`http://127.0.0.1:${port}/slack/events`, { method: 'POST', headers: req.headers, body: req.body });
  const text = await res.text();
  let body: unknown = text;
  if ((res.headers.get('content-type') ?? '').includes('json') && text) body = JSON.parse(text);
  return { status: res.status, body, ms: Date.now() - started };
}
