/**
 * @module test/harness/fake-slack — a fake Slack Web API on 127.0.0.1 for the real WebClient and
 * Bolt app (SLACK_API_URL / clientOptions.slackApiUrl point here). It answers like Slack: form
 * bodies with JSON-string `blocks`, `{ok:false, error}` for platform errors, 429 + Retry-After
 * (whole seconds) for rate limits. It enforces Slack's limits: Block Kit limits → `invalid_blocks`,
 * and, when `perChannelMs` is set, one chat.postMessage per channel per interval → 429.
 * Threads and edits: a `thread_ts` must be the ts of a top-level message in that channel
 * (`thread_not_found` otherwise — real Slack accepts such a reply and nobody ever sees it, so the
 * fake refuses it to make that bug loud); chat.update needs `ts` of a message in that channel
 * (`message_not_found`), keeps its thread, and is rate limited like Slack's Tier 3
 * (`updatesPerMinute`, default 50 per minute for the workspace → 429 + Retry-After).
 * Also: `POST /response/<id>` records respond() bodies; `apps.connections.open` + a WebSocket for
 * Socket Mode (see fake-slack-socket.ts).
 */
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { slackPayloadProblems } from './slack-limits.js';
import { attachSocketMode, type SocketMode } from './fake-slack-socket.js';
import { waitFor } from './wait-for.js';

export interface SlackCall {
  method: string;
  params: Record<string, unknown>;
  token: string | null;
  at: number;
}

export interface SlackPost {
  channel: string;
  ts: string;
  text: string;
  blocks: unknown[] | null;
  threadTs: string | null;
  /** Every chat.update applied to this message, oldest first. */
  updates: { text: string; blocks: unknown[] | null }[];
  /** The message as it stands now (after updates). */
  current: { text: string; blocks: unknown[] | null };
  at: number;
}

export interface Fault {
  /** HTTP status: 429 (with Retry-After), 5xx, or 200 with `error` (ok:false). */
  status: number;
  retryAfter?: number;
  error?: string;
  /** Only for this channel (chat.* methods). */
  channel?: string;
  /** How many calls this fault answers (default 1). */
  times?: number;
}

export interface FakeSlackOptions {
  /** Enforce one chat.postMessage per channel per this many ms (429 + Retry-After otherwise). */
  perChannelMs?: number;
  /** Valid bot tokens (default any `xoxb-` token). */
  tokens?: string[];
  /** users.info answers, by user id. */
  users?: Record<string, { is_admin?: boolean; is_owner?: boolean; name?: string }>;
  /** Channels that exist; default: every channel exists. */
  channels?: string[];
  /** Delay every answer to these methods (ms), after recording the call. */
  delays?: Record<string, number>;
  team?: { id: string; name: string };
  /** chat.update calls allowed per rolling minute (Slack's Tier 3: 50+); default 50. */
  updatesPerMinute?: number;
}

export interface FakeSlack {
  url: string;
  apiUrl: string;
  port: number;
  calls: SlackCall[];
  posts: SlackPost[];
  /** respond() bodies by response id (POST /response/<id>). */
  responses: { id: string; body: Record<string, unknown>; at: number }[];
  rateLimited: { channel: string; retryAfter: number; at: number }[];
  socket: SocketMode;
  fail(method: string, fault: Fault): void;
  archive(channel: string): void;
  revokeToken(token: string): void;
  setDelay(method: string, ms: number): void;
  /** Posts to one channel (top-level and thread replies), in arrival order. */
  postsIn(channel: string): SlackPost[];
  responseUrl(id: string): string;
  waitFor<T>(probe: () => T | undefined | null | false, timeoutMs?: number): Promise<T>;
  reset(): void;
  close(): Promise<void>;
}

interface State {
  opts: FakeSlackOptions;
  faults: Map<string, Fault[]>;
  archived: Set<string>;
  revoked: Set<string>;
  lastPost: Map<string, number>;
  tsCounter: number;
  socketUrl: string;
  /** Times of recent chat.update calls (Tier 3 window). */
  updates: number[];
}

export async function startFakeSlack(opts: FakeSlackOptions = {}): Promise<FakeSlack> {
  const state: State = { opts: { ...opts, delays: { ...opts.delays } }, faults: new Map(), archived: new Set(), revoked: new Set(), lastPost: new Map(), tsCounter: 0, socketUrl: '', updates: [] };
  const calls: SlackCall[] = [];
  const posts: SlackPost[] = [];
  const responses: FakeSlack['responses'] = [];
  const rateLimited: FakeSlack['rateLimited'] = [];
  const listeners = new Set<() => void>();
  const changed = (): void => listeners.forEach((l) => l());

  const server: Server = createServer((req, res) => {
    void handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) json(res, 500, { ok: false, error: 'fake_slack_crashed', detail: String(err) });
    });
  });
  const socket = attachSocketMode(server);

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const raw = await readBody(req);
    if (req.method === 'POST' && url.pathname.startsWith('/response/')) {
      responses.push({ id: url.pathname.slice('/response/'.length), body: JSON.parse(raw) as Record<string, unknown>, at: Date.now() });
      changed();
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      return;
    }
    if (req.method !== 'POST' || !url.pathname.startsWith('/api/')) {
      res.writeHead(404).end();
      return;
    }
    const method = url.pathname.slice('/api/'.length);
    const params = parseParams(raw, req.headers['content-type'] ?? '');
    const auth = req.headers.authorization;
    const token = auth?.startsWith('Bearer ') ? auth.slice(7) : typeof params.token === 'string' ? params.token : null;
    const call: SlackCall = { method, params, token, at: Date.now() };
    calls.push(call);
    changed();
    const delay = state.opts.delays?.[method];
    if (delay) await new Promise((r) => setTimeout(r, delay));
    const answer = respond(state, method, params, token, posts, rateLimited);
    changed();
    if (answer.retryAfter !== undefined) res.setHeader('Retry-After', String(answer.retryAfter));
    json(res, answer.status, answer.body);
  }

  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;
  state.socketUrl = socket.setBaseUrl(`ws://127.0.0.1:${port}`);

  return {
    url,
    apiUrl: `${url}/api/`,
    port,
    calls,
    posts,
    responses,
    rateLimited,
    socket,
    fail: (method, fault) => state.faults.set(method, [...(state.faults.get(method) ?? []), { times: 1, ...fault }]),
    archive: (channel) => state.archived.add(channel),
    revokeToken: (token) => state.revoked.add(token),
    setDelay: (method, ms) => {
      state.opts.delays = { ...state.opts.delays, [method]: ms };
    },
    postsIn: (channel) => posts.filter((p) => p.channel === channel),
    responseUrl: (id) => `${url}/response/${id}`,
    waitFor: (probe, timeoutMs = 10_000) => waitFor(listeners, probe, timeoutMs, 'fake-slack'),
    reset: () => {
      calls.length = 0;
      posts.length = 0;
      responses.length = 0;
      rateLimited.length = 0;
      state.faults.clear();
      state.archived.clear();
      state.revoked.clear();
      state.lastPost.clear();
      state.updates.length = 0;
    },
    close: async () => {
      await socket.close();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

interface Answer {
  status: number;
  body: Record<string, unknown>;
  retryAfter?: number;
}

function respond(state: State, method: string, p: Record<string, unknown>, token: string | null, posts: SlackPost[], limited: FakeSlack['rateLimited']): Answer {
  const channel = typeof p.channel === 'string' ? p.channel : '';
  const fault = takeFault(state, method, channel);
  if (fault) {
    if (fault.status === 429) return { status: 429, body: { ok: false, error: 'ratelimited' }, retryAfter: fault.retryAfter ?? 1 };
    if (fault.status >= 500) return { status: fault.status, body: { ok: false, error: 'internal_error' } };
    return { status: 200, body: { ok: false, error: fault.error ?? 'fatal_error' } };
  }
  if (method === 'apps.connections.open') {
    return { status: 200, body: token?.startsWith('xapp-') ? { ok: true, url: state.socketUrl } : { ok: false, error: 'invalid_auth' } };
  }
  const authError = checkToken(state, token);
  if (authError) return { status: 200, body: { ok: false, error: authError } };
  const team = state.opts.team ?? { id: 'T0FAKE', name: 'Fake Team' };
  switch (method) {
    case 'auth.test':
      return { status: 200, body: { ok: true, url: 'https://fake.slack.com/', team: team.name, user: 'tradewire', team_id: team.id, user_id: 'U0BOT', bot_id: 'B0BOT' } };
    case 'users.info': {
      const user = state.opts.users?.[String(p.user)];
      if (!user) return { status: 200, body: { ok: false, error: 'user_not_found' } };
      return { status: 200, body: { ok: true, user: { id: p.user, name: user.name ?? String(p.user), is_admin: !!user.is_admin, is_owner: !!user.is_owner } } };
    }
    case 'chat.postMessage':
    case 'chat.postEphemeral':
    case 'chat.update':
      return chatMethod(state, method, p, channel, posts, limited);
    default:
      return { status: 200, body: { ok: false, error: 'unknown_method' } };
  }
}

function chatMethod(state: State, method: string, p: Record<string, unknown>, channel: string, posts: SlackPost[], limited: FakeSlack['rateLimited']): Answer {
  if (!channel || (state.opts.channels && !state.opts.channels.includes(channel))) return { status: 200, body: { ok: false, error: 'channel_not_found' } };
  if (state.archived.has(channel)) return { status: 200, body: { ok: false, error: 'is_archived' } };
  const text = typeof p.text === 'string' ? p.text : '';
  const blocks = Array.isArray(p.blocks) ? (p.blocks as unknown[]) : null;
  if (text.length > 40_000) return { status: 200, body: { ok: false, error: 'msg_too_long' } };
  const problems = slackPayloadProblems({ text, blocks: blocks ?? undefined });
  if (problems.length > 0) return { status: 200, body: { ok: false, error: 'invalid_blocks', errors: problems } };
  if (method === 'chat.update') {
    const now = Date.now();
    state.updates = state.updates.filter((at) => now - at < 60_000);
    if (state.updates.length >= (state.opts.updatesPerMinute ?? 50)) {
      const retryAfter = Math.max(1, Math.ceil((60_000 - (now - state.updates[0]!)) / 1000));
      limited.push({ channel, retryAfter, at: now });
      return { status: 429, body: { ok: false, error: 'ratelimited' }, retryAfter };
    }
    state.updates.push(now);
    const post = typeof p.ts === 'string' ? posts.find((m) => m.channel === channel && m.ts === p.ts) : undefined;
    if (!post) return { status: 200, body: { ok: false, error: 'message_not_found' } };
    post.updates.push({ text, blocks });
    post.current = { text, blocks };
    return { status: 200, body: { ok: true, channel, ts: post.ts, text } };
  }
  if (method === 'chat.postMessage' && state.opts.perChannelMs) {
    const now = Date.now();
    const last = state.lastPost.get(channel);
    if (last !== undefined && now - last < state.opts.perChannelMs) {
      const retryAfter = Math.max(1, Math.ceil((state.opts.perChannelMs - (now - last)) / 1000));
      limited.push({ channel, retryAfter, at: now });
      return { status: 429, body: { ok: false, error: 'ratelimited' }, retryAfter };
    }
    state.lastPost.set(channel, now);
  }
  state.tsCounter += 1;
  const ts = `${1_700_000_000 + state.tsCounter}.${String(state.tsCounter).padStart(6, '0')}`;
  if (method === 'chat.postEphemeral') return { status: 200, body: { ok: true, message_ts: ts } };
  const threadTs = typeof p.thread_ts === 'string' ? p.thread_ts : null;
  if (threadTs !== null && !posts.some((m) => m.channel === channel && m.ts === threadTs && m.threadTs === null)) {
    state.tsCounter -= 1;
    return { status: 200, body: { ok: false, error: 'thread_not_found' } };
  }
  posts.push({ channel, ts, text, blocks, threadTs, updates: [], current: { text, blocks }, at: Date.now() });
  return { status: 200, body: { ok: true, channel, ts, message: { type: 'message', text, ts, bot_id: 'B0BOT' } } };
}

function checkToken(state: State, token: string | null): string | null {
  if (!token) return 'not_authed';
  if (state.revoked.has(token)) return 'token_revoked';
  if (state.opts.tokens ? !state.opts.tokens.includes(token) : !token.startsWith('xoxb-')) return 'invalid_auth';
  return null;
}

function takeFault(state: State, method: string, channel: string): Fault | null {
  const list = state.faults.get(method);
  const i = list?.findIndex((f) => !f.channel || f.channel === channel) ?? -1;
  if (!list || i === -1) return null;
  const fault = list[i]!;
  fault.times = (fault.times ?? 1) - 1;
  if (fault.times <= 0) list.splice(i, 1);
  return fault;
}

function parseParams(raw: string, contentType: string): Record<string, unknown> {
  if (!raw) return {};
  if (contentType.includes('application/json')) return JSON.parse(raw) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(raw)) {
    out[k] = (k === 'blocks' || k === 'attachments' || k === 'metadata') && v.startsWith('[') ? JSON.parse(v) : v;
  }
  return out;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
}
