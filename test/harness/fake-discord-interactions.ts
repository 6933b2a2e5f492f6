/**
 * @module test/harness/fake-discord-interactions — slash-command and autocomplete interactions for
 * the fake Discord: builds INTERACTION_CREATE payloads the way Discord sends them (typed options,
 * member permissions and roles, `authorizing_integration_owners`, whose absence crashes discord.js),
 * and serves the interaction endpoints: the callback (once, within the deadline; 204 without a
 * content type), `@original` edit/delete and follow-ups — checking every reply against Discord's limits.
 */
import type { ServerResponse } from 'node:http';
import { discordPayloadProblems } from './discord-limits.js';

export interface InteractionSpec {
  sub: string;
  options?: Record<string, string | number | boolean>;
  /** Autocomplete (type 4): the option being typed; its value is the partial text. */
  focused?: string;
  channelId: string;
  /** Default: the guild that has the channel; null for a DM. */
  guildId?: string | null;
  userId?: string;
  userName?: string;
  /** Member permissions bitfield (decimal string); default none. */
  permissions?: bigint;
  roles?: string[];
  command?: string;
}

export interface Answer {
  kind: 'reply' | 'edit' | 'followup' | 'autocomplete';
  deferred: boolean;
  ephemeral: boolean;
  body: Record<string, unknown>;
  /** ms from INTERACTION_CREATE to the first callback. */
  firstCallbackMs: number;
}

export interface FakeInteraction {
  id: string;
  token: string;
  payload: Record<string, unknown>;
  callbacks: { type: number; data: Record<string, unknown> | null; at: number }[];
  originalEdits: Record<string, unknown>[];
  followups: Record<string, unknown>[];
  deleted: boolean;
  createdAt: number;
  /** Resolves with the answer the user finally sees (a deferred reply: once edited or followed up). */
  answered(timeoutMs?: number): Promise<Answer>;
}

interface Helpers {
  json(res: ServerResponse, status: number, body: unknown, headers?: Record<string, string>): void;
  apiError(res: ServerResponse, status: number, code: number, message: string, headers?: Record<string, string>): void;
  invalidFormBody(res: ServerResponse, problems: string[], headers: Record<string, string>): void;
  headers: Record<string, string>;
}

const EPHEMERAL = 64;
const OPTION_TYPE = { string: 3, integer: 4, boolean: 5, number: 10 } as const;

function optionsOf(spec: InteractionSpec): object[] {
  return Object.entries(spec.options ?? {}).map(([name, value]) => ({
    name,
    type: typeof value === 'boolean' ? OPTION_TYPE.boolean : typeof value === 'number' ? (Number.isInteger(value) ? OPTION_TYPE.integer : OPTION_TYPE.number) : OPTION_TYPE.string,
    value,
    ...(spec.focused === name ? { focused: true, type: OPTION_TYPE.string, value: String(value) } : {}),
  }));
}

export function createInteractions(ctx: { applicationId: string; guildOf: (channel: string) => string | null; deadlineMs: number; changed: () => void; snowflake: () => string }) {
  const all = new Map<string, FakeInteraction & { waiters: (() => void)[] }>();
  const byToken = new Map<string, string>();

  function answerOf(i: FakeInteraction): Answer | null {
    const first = i.callbacks[0];
    if (!first) return null;
    const firstCallbackMs = first.at - i.createdAt;
    const flags = Number(first.data?.flags ?? 0);
    if (first.type === 4) return { kind: 'reply', deferred: false, ephemeral: (flags & EPHEMERAL) !== 0, body: first.data ?? {}, firstCallbackMs };
    if (first.type === 8) return { kind: 'autocomplete', deferred: false, ephemeral: true, body: first.data ?? {}, firstCallbackMs };
    if (first.type !== 5) return null;
    const followup = i.followups[0];
    if (i.deleted && followup) return { kind: 'followup', deferred: true, ephemeral: (Number(followup.flags ?? 0) & EPHEMERAL) !== 0, body: followup, firstCallbackMs };
    const edit = i.originalEdits.at(-1);
    if (!i.deleted && edit) return { kind: 'edit', deferred: true, ephemeral: (flags & EPHEMERAL) !== 0, body: edit, firstCallbackMs };
    if (!i.deleted && followup) return { kind: 'followup', deferred: true, ephemeral: (flags & EPHEMERAL) !== 0, body: followup, firstCallbackMs };
    return null;
  }

  function create(spec: InteractionSpec): { interaction: FakeInteraction; payload: Record<string, unknown> } {
    const id = ctx.snowflake();
    const token = `itok-${id}`;
    const guildId = spec.guildId === undefined ? ctx.guildOf(spec.channelId) : spec.guildId;
    const user = { id: spec.userId ?? '400000000000000001', username: spec.userName ?? 'analyst', discriminator: '0', avatar: null, global_name: null };
    const payload: Record<string, unknown> = {
      id, application_id: ctx.applicationId, type: spec.focused ? 4 : 2, token, version: 1,
      data: { id: '500000000000000001', name: spec.command ?? 'trade', type: 1, options: [{ type: 1, name: spec.sub, options: optionsOf(spec) }] },
      channel: { id: spec.channelId, type: guildId ? 0 : 1 }, channel_id: spec.channelId,
      app_permissions: '0', locale: 'en-US', entitlements: [], context: guildId ? 0 : 1,
      authorizing_integration_owners: guildId ? { 0: guildId } : { 1: user.id },
      ...(guildId
        ? { guild_id: guildId, guild_locale: 'en-US', member: { user, roles: spec.roles ?? [], joined_at: new Date(0).toISOString(), permissions: String(spec.permissions ?? 0n), deaf: false, mute: false, flags: 0, nick: null, avatar: null } }
        : { user }),
    };
    const interaction: FakeInteraction & { waiters: (() => void)[] } = {
      id, token, payload, callbacks: [], originalEdits: [], followups: [], deleted: false, createdAt: Date.now(), waiters: [],
      answered(timeoutMs = 10_000) {
        return new Promise<Answer>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`fake discord: /${spec.command ?? 'trade'} ${spec.sub} not answered within ${timeoutMs} ms`)), timeoutMs);
          const check = (): void => {
            const a = answerOf(interaction);
            if (!a) return void interaction.waiters.push(check);
            clearTimeout(timer);
            resolve(a);
          };
          check();
        });
      },
    };
    all.set(id, interaction);
    byToken.set(token, id);
    return { interaction, payload };
  }

  const notify = (i: FakeInteraction & { waiters: (() => void)[] }): void => {
    const w = i.waiters.splice(0);
    for (const f of w) f();
    ctx.changed();
  };

  function handles(route: string): boolean {
    if (/ \/interactions\//.test(route)) return true;
    const m = / \/webhooks\/(\d+)\/([^/]+)/.exec(route);
    return Boolean(m && m[1] === ctx.applicationId && byToken.has(m[2]!));
  }

  function handle(res: ServerResponse, route: string, body: Record<string, unknown> | null, _query: URLSearchParams, h: Helpers): void {
    const cb = /^POST \/interactions\/(\d+)\/([^/]+)\/callback$/.exec(route);
    if (cb) {
      const i = all.get(cb[1]!);
      if (!i || i.token !== cb[2]) return h.apiError(res, 404, 10062, 'Unknown interaction', h.headers);
      if (i.callbacks.length > 0) return h.apiError(res, 400, 40060, 'Interaction has already been acknowledged.', h.headers);
      if (Date.now() - i.createdAt > ctx.deadlineMs) return h.apiError(res, 404, 10062, 'Unknown interaction', h.headers);
      const type = Number(body?.type);
      const data = (body?.data as Record<string, unknown> | undefined) ?? null;
      if (type === 4) {
        const problems = discordPayloadProblems(data ?? {});
        if (problems.length > 0) return h.invalidFormBody(res, problems, h.headers);
      }
      if (type === 8) {
        const choices = (data?.choices as { name: string; value: unknown }[] | undefined) ?? [];
        if (choices.length > 25 || choices.some((c) => typeof c.name !== 'string' || c.name.length < 1 || c.name.length > 100 || String(c.value).length > 100)) {
          return h.invalidFormBody(res, ['data.choices: at most 25 choices, names and values 1-100 characters'], h.headers);
        }
      }
      i.callbacks.push({ type, data, at: Date.now() });
      // discord.js parses any JSON content type: a 204 must carry none.
      res.writeHead(204, h.headers).end();
      notify(i);
      return;
    }
    const wh = /^(GET|POST|PATCH|DELETE) \/webhooks\/\d+\/([^/]+)(?:\/messages\/(@original|\d+))?$/.exec(route);
    const i = wh ? all.get(byToken.get(wh[2]!) ?? '') : undefined;
    if (!wh || !i) return h.apiError(res, 404, 10015, 'Unknown Webhook', h.headers);
    if (i.callbacks.length === 0) return h.apiError(res, 400, 40060, 'Interaction has not been acknowledged.', h.headers);
    const message = (b: Record<string, unknown>): object => ({ id: ctx.snowflake(), channel_id: String((i.payload.channel as { id: string }).id), type: 20, content: String(b.content ?? ''), embeds: b.embeds ?? [], flags: Number(b.flags ?? 0), author: { id: ctx.applicationId, username: 'tradewire', discriminator: '0', avatar: null, bot: true }, timestamp: new Date().toISOString(), edited_timestamp: null, tts: false, mention_everyone: false, mentions: [], mention_roles: [], attachments: [], pinned: false, components: [] });
    if (wh[1] === 'DELETE' && wh[3] === '@original') {
      i.deleted = true;
      res.writeHead(204, h.headers).end();
      notify(i);
      return;
    }
    if (wh[1] === 'GET' && wh[3] === '@original') return h.json(res, 200, message(i.originalEdits.at(-1) ?? i.callbacks[0]?.data ?? {}), h.headers);
    const problems = discordPayloadProblems(body ?? {}, wh[1] === 'POST');
    if (problems.length > 0) return h.invalidFormBody(res, problems, h.headers);
    if (wh[1] === 'PATCH' && wh[3] === '@original') i.originalEdits.push(body ?? {});
    else if (wh[1] === 'POST' && !wh[3]) i.followups.push(body ?? {});
    else return h.apiError(res, 405, 0, '405: Method Not Allowed', h.headers);
    h.json(res, 200, message(body ?? {}), h.headers);
    notify(i);
  }

  return {
    create,
    handles,
    handle,
    reset: () => {
      all.clear();
      byToken.clear();
    },
  };
}
