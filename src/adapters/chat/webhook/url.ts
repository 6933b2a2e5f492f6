/**
 * @module adapters/chat/webhook/url — which webhook URLs tradewire will post to, and how they are
 * shown in logs.
 *
 * A webhook URL is a secret (anyone holding it can post) and an SSRF vector (a subscription could
 * point tradewire anywhere), so only two shapes are accepted:
 *   - Slack incoming webhooks: `https://hooks.slack.com/services/T…/B…/…`
 *   - Discord webhooks: `https://discord.com/api[/v10]/webhooks/{id}/{token}` (also discordapp.com,
 *     ptb. and canary.), optionally `?thread_id=…` to post into a thread.
 * Nothing else — no other host, no http, no credentials, no other query. Tests point webhooks at a
 * local fake through `webhooks.testBaseUrl` (tradewire.yaml), which must itself be a loopback URL:
 * it adds one local base, it never loosens the production rules.
 */
import { TradewireError } from '../../../core/errors.js';

export interface WebhookTarget {
  kind: 'slack' | 'discord';
  /** Where to POST (thread_id kept for Discord; nothing else in the query). */
  url: URL;
  /** For logs and errors: the token replaced by ***. */
  redacted: string;
  /** Discord: webhook id and token (for edits and `GET /webhooks/{id}/{token}`). */
  id?: string;
  token?: string;
  threadId?: string;
}

const DISCORD_HOSTS = new Set(['discord.com', 'discordapp.com', 'ptb.discord.com', 'canary.discord.com', 'ptb.discordapp.com', 'canary.discordapp.com']);
const SLACK_PATH = /^\/services\/(T[A-Z0-9]+)\/(B[A-Z0-9]+)\/([A-Za-z0-9]+)$/;
const DISCORD_PATH = /^\/api(?:\/v\d+)?\/webhooks\/(\d{15,22})\/([A-Za-z0-9_-]{20,})$/;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** `webhooks.testBaseUrl` checked: a loopback http(s) origin (optionally with a path prefix), or an error. */
export function checkTestBase(base: string | null | undefined): URL | null {
  if (!base) return null;
  let u: URL;
  try {
    u = new URL(base);
  } catch {
    throw new TradewireError('webhook_config', `webhooks.testBaseUrl: not a URL: "${base}"`, { input: base });
  }
  if (!/^https?:$/.test(u.protocol) || !LOOPBACK.has(u.hostname) || u.username || u.password || u.search) {
    throw new TradewireError('webhook_config', `webhooks.testBaseUrl is for tests only and must be a loopback URL such as http://127.0.0.1:8080, found "${base}"`, { input: base });
  }
  return u;
}

function bad(raw: string, why: string): TradewireError {
  return new TradewireError('webhook_bad_url', `webhook: ${redactWebhookUrl(raw)} is not a Slack or Discord webhook URL (${why})`, { input: redactWebhookUrl(raw) });
}

export function parseWebhookUrl(raw: string, testBase: URL | null = null): WebhookTarget {
  let u: URL;
  try {
    u = new URL(raw.trim());
  } catch {
    throw bad(raw, 'not a URL');
  }
  if (u.username || u.password) throw bad(raw, 'credentials in the URL');
  let path = u.pathname.replace(/\/+$/, '');
  const local = testBase !== null && u.origin === testBase.origin && path.startsWith(testBase.pathname.replace(/\/+$/, ''));
  if (local) path = path.slice(testBase.pathname.replace(/\/+$/, '').length);
  else if (u.protocol !== 'https:') throw bad(raw, 'not https');
  const query = [...u.searchParams.keys()];
  const slack = SLACK_PATH.exec(path);
  if (slack && (local || u.hostname === 'hooks.slack.com')) {
    if (query.length > 0) throw bad(raw, 'Slack webhook URLs take no query');
    const url = new URL(u.href);
    url.hash = '';
    return { kind: 'slack', url, redacted: redactWebhookUrl(url.href) };
  }
  const discord = DISCORD_PATH.exec(path);
  if (discord && (local || DISCORD_HOSTS.has(u.hostname))) {
    if (query.some((k) => k !== 'thread_id')) throw bad(raw, 'only ?thread_id= is allowed');
    const threadId = u.searchParams.get('thread_id') ?? undefined;
    if (threadId !== undefined && !/^\d{15,22}$/.test(threadId)) throw bad(raw, 'thread_id is not a Discord id');
    const url = new URL(u.href);
    url.search = '';
    url.hash = '';
    return { kind: 'discord', url, redacted: redactWebhookUrl(url.href), id: discord[1]!, token: discord[2]!, ...(threadId ? { threadId } : {}) };
  }
  throw bad(raw, local ? 'unknown path under webhooks.testBaseUrl' : `host ${u.hostname} is not hooks.slack.com or discord.com`);
}

/**
 * A webhook URL with its secret part replaced: `https://discord.com/api/webhooks/123/***`,
 * `https://hooks.slack.com/services/T1/B2/***`. Anything else that looks like a URL loses its path
 * beyond the first segment and its query; other strings pass unchanged.
 */
export function redactWebhookUrl(value: string): string {
  let u: URL;
  try {
    u = new URL(value.trim());
  } catch {
    return value;
  }
  const d = /^(.*\/webhooks\/\d+)\/[^/]+/.exec(u.pathname);
  if (d) return `${u.origin}${d[1]}/***`;
  const s = /^(.*\/services\/[^/]+\/[^/]+)\/[^/]+/.exec(u.pathname);
  if (s) return `${u.origin}${s[1]}/***`;
  const first = u.pathname.split('/').filter(Boolean)[0];
  return `${u.origin}/${first ? `${first}/***` : ''}`;
}

/** For log redaction: a destination (object or channel string) with any webhook URL redacted. */
export function redactDestination(value: unknown): unknown {
  if (typeof value === 'string') return /^https?:\/\//i.test(value.trim()) ? redactWebhookUrl(value) : value;
  if (value && typeof value === 'object' && typeof (value as { channel?: unknown }).channel === 'string') {
    const v = value as { channel: string };
    return { ...v, channel: redactDestination(v.channel) };
  }
  return value;
}
