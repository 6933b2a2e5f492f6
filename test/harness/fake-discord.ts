/**
 * @module test/harness/fake-discord — a fake Discord on 127.0.0.1 for the real discord.js client
 * (`rest.api` / DISCORD_API_URL point at `apiUrl`), the Discord sink and the webhook sink.
 *
 * REST (v10, and version-less for webhooks): `/gateway/bot`, `/applications/…/commands` (global and
 * guild), `/channels/:id/messages` (+ PATCH edits), `/interactions/:id/:token/callback` (204 without a
 * content type, as discord.js needs; once per interaction, within 3 s), interaction webhooks
 * (`@original` edit/delete, follow-ups) and incoming webhooks (execute with `?wait=true`, edit, get).
 * Like Discord it enforces embed/content limits (400 + code 50035), dedupes (channel, nonce) when
 * `enforce_nonce` is set, answers 401/403/404 with Discord's JSON error codes, and rate limits with
 * the real headers (`Retry-After`, `X-RateLimit-*`, per route and global), either scripted or, with
 * `perChannel`, as Discord's 5 messages per 5 s per channel. The gateway is fake-discord-gateway.ts.
 */
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { discordPayloadProblems } from './discord-limits.js';
import { attachGateway, type Gateway, type GatewayGuild } from './fake-discord-gateway.js';
import { createInteractions, type FakeInteraction, type InteractionSpec } from './fake-discord-interactions.js';
import { waitFor } from './wait-for.js';

export type { FakeInteraction, InteractionSpec } from './fake-discord-interactions.js';

export interface RestCall {
  method: string;
  /** Path after `/api` and the optional `/v10`, e.g. `/channels/1/messages`. */
  path: string;
  query: URLSearchParams;
  body: unknown;
  auth: string | null;
  status: number;
  at: number;
}

export interface StoredMessage {
  id: string;
  channelId: string;
  guildId: string | null;
  /** The body as sent (content, embeds, allowed_mentions, nonce, message_reference, username …). */
  body: Record<string, unknown>;
  /** As it stands after edits. */
  current: { content: string; embeds: unknown[] };
  edits: Record<string, unknown>[];
  webhookId: string | null;
  at: number;
}

export interface RateLimitRule {
  /** Matched against `METHOD path`, e.g. /^POST \/channels\/\d+\/messages$/ */
  route: RegExp;
  /** Seconds, sent as `Retry-After` (Discord sends whole seconds; tests may use fractions to stay fast). */
  retryAfter: number;
  global?: boolean;
  times?: number;
}

export interface FaultRule {
  route: RegExp;
  status: number;
  code?: number;
  message?: string;
  times?: number;
  /** Create the message first, then answer with the fault: a response lost after Discord acted. */
  afterStore?: boolean;
}

export interface FakeDiscordOptions {
  token?: string;
  applicationId?: string;
  guilds?: { id: string; name?: string; channels: string[]; roles?: string[] }[];
  /** Enforce Discord's per-channel message limit (default off): `limit` messages per `windowMs`. */
  perChannel?: { limit: number; windowMs: number };
  heartbeatIntervalMs?: number;
  /** Shards `GET /gateway/bot` recommends (default 1). */
  shards?: number;
  /** How long an interaction may wait for its first callback (Discord: 3 s). */
  interactionDeadlineMs?: number;
}

export interface FakeDiscord {
  apiUrl: string;
  port: number;
  token: string;
  applicationId: string;
  gateway: Gateway;
  requests: RestCall[];
  messages: StoredMessage[];
  /** Registered application commands: `global` or a guild id → the last PUT body. */
  commands: Map<string, unknown[]>;
  rateLimited: { route: string; retryAfter: number; global: boolean; at: number }[];
  /** (channel, nonce) repeats answered with the existing message. */
  nonceHits: number;
  messagesIn(channelId: string): StoredMessage[];
  rateLimit(rule: RateLimitRule): void;
  fail(rule: FaultRule): void;
  /** Delay the answer to matching requests (after recording them). */
  delay(route: RegExp, ms: number): void;
  /** Make a channel unusable: unknown (10003), no access (50001) or missing permissions (50013). */
  breakChannel(channelId: string, how: 'unknown' | 'missing-access' | 'missing-permissions'): void;
  createWebhook(channelId: string): { id: string; token: string; url: string };
  /** Sends INTERACTION_CREATE for `/trade <sub>` (or an autocomplete) and tracks the answer. */
  interact(spec: InteractionSpec): FakeInteraction;
  waitFor<T>(probe: () => T | undefined | null | false, timeoutMs?: number): Promise<T>;
  reset(): void;
  close(): Promise<void>;
}

const EPOCH = 1_420_070_400_000n;
let counter = 0n;
export function snowflake(): string {
  counter += 1n;
  return String(((BigInt(Date.now()) - EPOCH) << 22n) + (counter % 4096n));
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
}

function apiError(res: ServerResponse, status: number, code: number, message: string, headers: Record<string, string> = {}): void {
  json(res, status, { message, code }, headers);
}

/** Discord's 50035 shape: nested `errors` keyed by path, each with `_errors`. */
function invalidFormBody(res: ServerResponse, problems: string[], headers: Record<string, string>): void {
  const errors: Record<string, unknown> = {};
  for (const p of problems) {
    const [path, ...rest] = p.split(': ');
    errors[path ?? 'body'] = { _errors: [{ code: 'BASE_TYPE_INVALID', message: rest.join(': ') || p }] };
  }
  json(res, 400, { message: 'Invalid Form Body', code: 50035, errors }, headers);
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const raw = Buffer.concat(chunks).toString('utf8');
  if (!raw) return null;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return { __unparsable: raw };
  }
}

export async function startFakeDiscord(opts: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  const token = opts.token ?? 'fake-bot-token';
  const applicationId = opts.applicationId ?? '100000000000000001';
  const guilds: GatewayGuild[] = (opts.guilds ?? [{ id: '200000000000000001', channels: ['300000000000000001', '300000000000000002'] }]).map((g) => ({
    id: g.id, name: g.name ?? `guild ${g.id}`, channels: g.channels, roles: g.roles ?? [],
  }));
  const requests: RestCall[] = [];
  const messages: StoredMessage[] = [];
  const commands = new Map<string, unknown[]>();
  const rateLimited: FakeDiscord['rateLimited'] = [];
  const limits: RateLimitRule[] = [];
  const faults: FaultRule[] = [];
  const delays: { route: RegExp; ms: number }[] = [];
  const broken = new Map<string, 'unknown' | 'missing-access' | 'missing-permissions'>();
  const webhooks = new Map<string, { token: string; channelId: string; guildId: string }>();
  const windows = new Map<string, { start: number; count: number }>();
  let globalUntil = 0;
  let port = 0;
  const state = { nonceHits: 0 };
  const listeners = new Set<() => void>();
  const changed = (): void => listeners.forEach((l) => l());

  const guildOf = (channelId: string): string | null => guilds.find((g) => g.channels.includes(channelId))?.id ?? null;
  const interactions = createInteractions({ applicationId, guildOf, deadlineMs: opts.interactionDeadlineMs ?? 3_000, changed, snowflake });

  const server: Server = createServer((req, res) => {
    void handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) json(res, 500, { message: `fake discord crashed: ${String(err)}`, code: 0 });
    });
  });
  const gateway = attachGateway(server, () => ({ token, applicationId, bot: { id: '100000000000000099', username: 'tradewire' }, guilds, heartbeatIntervalMs: opts.heartbeatIntervalMs ?? 41_250 }), () => `ws://127.0.0.1:${port}`, () => changed());

  /** Headers every reply of a route carries (one bucket per route, as Discord does). */
  function bucketHeaders(route: string, channelId: string | null): Record<string, string> {
    const bucket = route.replace(/\d{5,}/g, ':id');
    const h: Record<string, string> = { 'x-ratelimit-bucket': Buffer.from(bucket).toString('hex').slice(0, 32), 'x-ratelimit-limit': '5', 'x-ratelimit-remaining': '4', 'x-ratelimit-reset-after': '5.000', 'x-ratelimit-scope': 'user' };
    const pc = opts.perChannel;
    if (pc && channelId && /messages$/.test(route) && route.startsWith('POST')) {
      const w = windows.get(channelId);
      h['x-ratelimit-limit'] = String(pc.limit);
      h['x-ratelimit-remaining'] = String(Math.max(0, pc.limit - (w?.count ?? 0)));
      h['x-ratelimit-reset-after'] = (Math.max(0, (w ? w.start + pc.windowMs : Date.now() + pc.windowMs) - Date.now()) / 1000).toFixed(3);
    }
    return h;
  }

  /** Scripted 429s, the global block, and the per-channel window. Returns true when it answered. */
  function limited(route: string, channelId: string | null, botAuth: boolean, res: ServerResponse): boolean {
    const now = Date.now();
    const headers = bucketHeaders(route, channelId);
    const answer429 = (retryAfter: number, global: boolean, resetAfter = retryAfter): true => {
      rateLimited.push({ route, retryAfter, global, at: now });
      const h: Record<string, string> = { ...headers, 'retry-after': String(retryAfter), 'x-ratelimit-remaining': '0', 'x-ratelimit-reset-after': resetAfter.toFixed(3) };
      if (global) Object.assign(h, { 'x-ratelimit-global': 'true', 'x-ratelimit-scope': 'global' });
      json(res, 429, { message: 'You are being rate limited.', retry_after: retryAfter, global, code: global ? 0 : 20028 }, h);
      changed();
      return true;
    };
    if (botAuth && now < globalUntil) return answer429(Number(((globalUntil - now) / 1000).toFixed(3)), true);
    const rule = limits.find((r) => r.route.test(route));
    if (rule) {
      rule.times = (rule.times ?? 1) - 1;
      if (rule.times <= 0) limits.splice(limits.indexOf(rule), 1);
      if (rule.global) globalUntil = now + rule.retryAfter * 1000;
      return answer429(rule.retryAfter, rule.global ?? false);
    }
    const pc = opts.perChannel;
    if (pc && channelId && route.startsWith('POST') && route.endsWith('/messages')) {
      let w = windows.get(channelId);
      if (!w || now >= w.start + pc.windowMs) windows.set(channelId, (w = { start: now, count: 0 }));
      if (w.count >= pc.limit) {
        const reset = (w.start + pc.windowMs - now) / 1000;
        return answer429(Math.max(0.001, Number(reset.toFixed(3))), false, reset);
      }
      w.count += 1;
    }
    return false;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = decodeURIComponent(url.pathname).replace(/^\/api(\/v\d+)?/, '');
    const method = req.method ?? 'GET';
    const route = `${method} ${path}`;
    const body = await readBody(req);
    const auth = typeof req.headers.authorization === 'string' ? req.headers.authorization : null;
    const call: RestCall = { method, path, query: url.searchParams, body, auth, status: 0, at: Date.now() };
    requests.push(call);
    changed();
    const wait = delays.find((d) => d.route.test(route));
    if (wait) await new Promise((r) => setTimeout(r, wait.ms));
    res.on('finish', () => {
      call.status = res.statusCode;
      changed();
    });
    const channelId = /^\/channels\/(\d+)/.exec(path)?.[1] ?? null;
    const isWebhook = path.startsWith('/webhooks/') || path.startsWith('/interactions/');
    const headers = bucketHeaders(route, channelId);
    if (!isWebhook && path !== '/gateway/bot' && auth !== `Bot ${token}`) return apiError(res, 401, 0, '401: Unauthorized', headers);
    if (limited(route, channelId, !isWebhook, res)) return;
    const fault = takeFault(route, false);
    if (fault) return apiError(res, fault.status, fault.code ?? 0, fault.message ?? `fake fault ${fault.status}`, headers);
    if (route === 'GET /gateway/bot') {
      if (auth !== `Bot ${token}`) return apiError(res, 401, 0, '401: Unauthorized');
      return json(res, 200, { url: `ws://127.0.0.1:${port}/gateway`, shards: opts.shards ?? 1, session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 } }, headers);
    }
    if (route === 'GET /applications/@me') return json(res, 200, { id: applicationId, name: 'tradewire', description: '', bot_public: true, bot_require_code_grant: false, verify_key: 'x', flags: 0 }, headers);
    if (route === 'GET /users/@me') return json(res, 200, { id: '100000000000000099', username: 'tradewire', discriminator: '0', avatar: null, bot: true }, headers);
    const cmd = /^(PUT|GET) \/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/.exec(route);
    if (cmd) {
      if (cmd[2] !== applicationId) return apiError(res, 403, 50001, 'Missing Access', headers);
      const scope = cmd[3] ?? 'global';
      if (cmd[1] === 'GET') return json(res, 200, commands.get(scope) ?? [], headers);
      if (!Array.isArray(body)) return invalidFormBody(res, ['body: expected an array of commands'], headers);
      const saved = body.map((c) => ({ ...(c as object), id: snowflake(), application_id: applicationId, version: snowflake(), ...(cmd[3] ? { guild_id: cmd[3] } : {}) }));
      commands.set(scope, saved);
      changed();
      return json(res, 200, saved, headers);
    }
    if (channelId) return channelRoute(res, route, channelId, body as Record<string, unknown> | null, headers);
    if (path.startsWith('/interactions/') || path.startsWith('/webhooks/')) {
      if (interactions.handles(route)) return interactions.handle(res, route, body as Record<string, unknown> | null, url.searchParams, { json, apiError, invalidFormBody, headers });
      return webhookRoute(res, route, url.searchParams, body as Record<string, unknown> | null, headers);
    }
    apiError(res, 404, 0, '404: Not Found', headers);
  }

  function takeFault(route: string, afterStore: boolean): FaultRule | null {
    const fault = faults.find((f) => f.route.test(route) && Boolean(f.afterStore) === afterStore);
    if (!fault) return null;
    fault.times = (fault.times ?? 1) - 1;
    if (fault.times <= 0) faults.splice(faults.indexOf(fault), 1);
    return fault;
  }

  function storeMessage(channelId: string, body: Record<string, unknown>, webhookId: string | null): StoredMessage {
    const m: StoredMessage = { id: snowflake(), channelId, guildId: guildOf(channelId), body, current: { content: String(body.content ?? ''), embeds: (body.embeds as unknown[]) ?? [] }, edits: [], webhookId, at: Date.now() };
    messages.push(m);
    changed();
    return m;
  }

  function messageJson(m: StoredMessage): object {
    return {
      id: m.id, channel_id: m.channelId, ...(m.guildId ? { guild_id: m.guildId } : {}), type: m.body.message_reference ? 19 : 0,
      content: m.current.content, embeds: m.current.embeds, tts: false, mention_everyone: false, mentions: [], mention_roles: [], attachments: [], pinned: false, flags: 0, components: [],
      author: m.webhookId ? { id: m.webhookId, username: String(m.body.username ?? 'webhook'), discriminator: '0000', avatar: null, bot: true } : { id: '100000000000000099', username: 'tradewire', discriminator: '0', avatar: null, bot: true },
      timestamp: new Date(m.at).toISOString(), edited_timestamp: m.edits.length > 0 ? new Date().toISOString() : null,
      ...(m.body.nonce !== undefined ? { nonce: m.body.nonce } : {}), ...(m.webhookId ? { webhook_id: m.webhookId } : {}),
      ...(m.body.message_reference ? { message_reference: { ...(m.body.message_reference as object), channel_id: m.channelId } } : {}),
    };
  }

  function channelRoute(res: ServerResponse, route: string, channelId: string, body: Record<string, unknown> | null, headers: Record<string, string>): void {
    const b = broken.get(channelId);
    if (b === 'unknown' || !guildOf(channelId)) return apiError(res, 404, 10003, 'Unknown Channel', headers);
    if (b === 'missing-access') return apiError(res, 403, 50001, 'Missing Access', headers);
    if (b === 'missing-permissions') return apiError(res, 403, 50013, 'Missing Permissions', headers);
    if (route === `GET /channels/${channelId}`) return json(res, 200, { id: channelId, type: 0, guild_id: guildOf(channelId), name: 'channel', position: 0, permission_overwrites: [] }, headers);
    if (route === `POST /channels/${channelId}/messages`) {
      const problems = discordPayloadProblems(body);
      if (problems.length > 0) return invalidFormBody(res, problems, headers);
      const nonce = body!.nonce;
      if (body!.enforce_nonce === true && nonce !== undefined) {
        const existing = messages.find((m) => m.channelId === channelId && m.webhookId === null && m.body.nonce === nonce);
        if (existing) {
          state.nonceHits += 1;
          changed();
          return json(res, 200, messageJson(existing), headers);
        }
      }
      const stored = storeMessage(channelId, body!, null);
      const lost = takeFault(route, true);
      if (lost) return apiError(res, lost.status, lost.code ?? 0, lost.message ?? `fake fault ${lost.status} (message ${stored.id} was created)`, headers);
      return json(res, 200, messageJson(stored), headers);
    }
    const edit = new RegExp(`^PATCH /channels/${channelId}/messages/(\\d+)$`).exec(route);
    if (edit) return editMessage(res, messages.find((x) => x.id === edit[1] && x.channelId === channelId), body, headers);
    apiError(res, 404, 0, '404: Not Found', headers);
  }

  /** PATCH of a message (bot or webhook): Unknown Message, the limits, then the edit. */
  function editMessage(res: ServerResponse, m: StoredMessage | undefined, body: Record<string, unknown> | null, headers: Record<string, string>): void {
    if (!m) return apiError(res, 404, 10008, 'Unknown Message', headers);
    const problems = discordPayloadProblems(body, false);
    if (problems.length > 0) return invalidFormBody(res, problems, headers);
    m.edits.push(body!);
    if (body!.content !== undefined) m.current.content = String(body!.content ?? '');
    if (body!.embeds !== undefined) m.current.embeds = (body!.embeds as unknown[]) ?? [];
    changed();
    json(res, 200, messageJson(m), headers);
  }

  /** Incoming webhooks: execute (`?wait=true` returns the message), edit, get. No bot auth. */
  function webhookRoute(res: ServerResponse, route: string, query: URLSearchParams, body: Record<string, unknown> | null, headers: Record<string, string>): void {
    const m = /^(GET|POST|PATCH) \/webhooks\/(\d+)\/([^/]+)(?:\/messages\/(\d+))?$/.exec(route);
    const hook = m ? webhooks.get(m[2]!) : undefined;
    if (!m || !hook || hook.token !== m[3]) return apiError(res, 404, 10015, 'Unknown Webhook', headers);
    if (m[1] === 'GET' && !m[4]) return json(res, 200, { id: m[2], type: 1, channel_id: hook.channelId, guild_id: hook.guildId, name: 'hook', token: hook.token, application_id: null }, headers);
    if (m[1] === 'POST' && !m[4]) {
      const problems = discordPayloadProblems(body);
      if (body && typeof body.username === 'string' && (body.username.length > 80 || /discord|clyde/i.test(body.username))) problems.push('username: Username cannot contain "discord" or "clyde" and must be 80 or fewer in length.');
      if (body && body.nonce !== undefined) problems.push('nonce: not a webhook parameter');
      if (problems.length > 0) return invalidFormBody(res, problems, headers);
      const stored = storeMessage(hook.channelId, body!, m[2]!);
      if (query.get('wait') === 'true') return json(res, 200, messageJson(stored), headers);
      res.writeHead(204, headers).end();
      return;
    }
    if (m[1] === 'PATCH' && m[4]) return editMessage(res, messages.find((x) => x.id === m[4] && x.webhookId === m[2]), body, headers);
    apiError(res, 405, 0, '405: Method Not Allowed', headers);
  }

  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  port = (server.address() as AddressInfo).port;

  const fake: FakeDiscord = {
    apiUrl: `http://127.0.0.1:${port}/api`,
    port,
    token,
    applicationId,
    gateway,
    requests,
    messages,
    commands,
    rateLimited,
    get nonceHits() {
      return state.nonceHits;
    },
    messagesIn: (channelId) => messages.filter((m) => m.channelId === channelId),
    rateLimit: (rule) => void limits.push({ ...rule }),
    fail: (rule) => void faults.push({ ...rule }),
    delay: (route, ms) => void delays.push({ route, ms }),
    breakChannel: (channelId, how) => void broken.set(channelId, how),
    createWebhook(channelId) {
      const id = snowflake();
      const hookToken = `hook-${id}-secret`;
      webhooks.set(id, { token: hookToken, channelId, guildId: guildOf(channelId) ?? '0' });
      return { id, token: hookToken, url: `http://127.0.0.1:${port}/api/webhooks/${id}/${hookToken}` };
    },
    interact(spec) {
      const { interaction, payload } = interactions.create(spec);
      gateway.dispatch('INTERACTION_CREATE', payload, (payload.guild_id as string | undefined) ?? null);
      return interaction;
    },
    waitFor: <T>(probe: () => T | undefined | null | false, timeoutMs = 10_000): Promise<T> => waitFor(listeners, probe, timeoutMs, 'fake discord'),
    reset() {
      requests.length = 0;
      messages.length = 0;
      rateLimited.length = 0;
      limits.length = 0;
      faults.length = 0;
      delays.length = 0;
      broken.clear();
      windows.clear();
      globalUntil = 0;
      state.nonceHits = 0;
      interactions.reset();
    },
    async close() {
      await gateway.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return fake;
}
