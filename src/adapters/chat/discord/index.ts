/**
 * @module adapters/chat/discord — the Discord adapter: a ChatSink over REST (sink.ts; needs only the
 * token) and a CommandSource over the gateway (discord.js Client, intent Guilds only: interactions
 * need no privileged intent). DISCORD_API_URL moves both: REST calls go there, and the gateway URL
 * is discovered through its `/gateway/bot`.
 */
import { Client, Events, GatewayIntentBits, type ClientOptions } from 'discord.js';
import { TradewireError, errorMessage } from '../../../core/errors.js';
import type { DiscordRenderOptions } from '../../../core/format/discord-embed.js';
import type { ChatSink, CommandSource, Log, Readiness } from '../../../ports.js';
import { DISCORD_API_VERSION, discordApiBase } from './api-url.js';
import type { Suggestions } from './autocomplete.js';
import { listenForTrade, type CommandHandler } from './commands.js';
import { createSinkRest } from './rest.js';
import { createDiscordSink } from './sink.js';

export { createDiscordSink } from './sink.js';
export { createSinkRest } from './rest.js';
export { tradeCommand } from './definition.js';
export type { Suggestions } from './autocomplete.js';

export interface DiscordChatOptions {
  token: string;
  /** DISCORD_API_URL (REST base; the gateway follows `/gateway/bot`). */
  apiUrl: string | null;
  /** settings.discord.manageRole: a role id that may manage subscriptions besides Manage Channels. */
  manageRole: string | null;
  suggestions: Suggestions;
  render?: DiscordRenderOptions;
  log: Log;
  minIntervalMs?: number;
  ackBudgetMs?: number;
  /** How long start() waits for the gateway's READY. */
  readyTimeoutMs?: number;
  /**
   * `auto` (default): this process opens as many gateway shards as Discord recommends (one below
   * 2,500 servers). `process`: this is one process of a ShardingManager, which set SHARDS and
   * SHARD_COUNT in its environment (discord.js reads them).
   */
  sharding?: 'auto' | 'process';
  /** Extra discord.js client options (tests: an identify throttler). */
  clientOptions?: Partial<ClientOptions>;
}

export interface DiscordChat {
  sink: ChatSink;
  commands: CommandSource;
  /** Ready while the gateway session is up (false before start and while reconnecting). */
  readiness: Readiness;
}

export const DEFAULT_READY_TIMEOUT_MS = 30_000;

export function createDiscordChat(options: DiscordChatOptions): DiscordChat {
  const log = options.log.child({ room: 'discord' });
  const sink = createDiscordSink({
    rest: createSinkRest(options.token, { apiUrl: options.apiUrl }),
    ...(options.render ? { render: options.render } : {}),
    ...(options.minIntervalMs !== undefined ? { minIntervalMs: options.minIntervalMs } : {}),
  });
  let client: Client | null = null;
  let connected = false;
  const down = new Set<number>();

  const commands: CommandSource = {
    platform: 'discord',
    async start(handle: CommandHandler) {
      const c = new Client({
        intents: [GatewayIntentBits.Guilds],
        rest: { api: discordApiBase(options.apiUrl), version: DISCORD_API_VERSION, timeout: 10_000 },
        ...(options.sharding === 'process' ? {} : { shards: 'auto' as const }),
        ...options.clientOptions,
      });
      client = c;
      c.on(Events.Error, (err) => log.error({ err: errorMessage(err) }, 'discord client error'));
      c.on(Events.Warn, (msg) => log.warn({ sdk: 'discord' }, msg));
      // Ready only while every shard of this process has its session up.
      c.on(Events.ShardReady, (id) => void down.delete(id));
      c.on(Events.ShardResume, (id) => void down.delete(id));
      c.on(Events.ShardDisconnect, (_event, id) => void down.add(id));
      c.on(Events.ShardReconnecting, (id) => void down.add(id));
      c.on(Events.Invalidated, () => void (connected = false));
      listenForTrade({ client: c, handle, suggestions: options.suggestions, manageRole: options.manageRole, log, ...pick(options) });
      const ready = waitReady(c, options.readyTimeoutMs ?? DEFAULT_READY_TIMEOUT_MS);
      try {
        await c.login(options.token);
        await ready.promise;
      } catch (err) {
        ready.cancel();
        client = null;
        await c.destroy().catch(() => undefined);
        if (/401|unauthori[sz]ed|invalid token/i.test(errorMessage(err))) {
          throw new TradewireError('discord_auth_failed', 'discord: DISCORD_TOKEN was refused; check the bot token in the Developer Portal', { cause: err });
        }
        throw new TradewireError('discord_connect_failed', `discord: could not connect: ${errorMessage(err)}`, { cause: err });
      }
      connected = true;
      log.info({ user: c.user?.tag, guilds: c.guilds.cache.size, shards: [...c.ws.shards.keys()] }, 'discord commands ready');
    },
    async stop() {
      connected = false;
      down.clear();
      const c = client;
      client = null;
      if (c) await c.destroy().catch((err: unknown) => log.warn({ err: errorMessage(err) }, 'discord: destroy failed'));
    },
  };

  return {
    sink,
    commands,
    readiness: { name: 'discord', ready: () => Promise.resolve(connected && down.size === 0) },
  };
}

function pick(options: DiscordChatOptions): { render?: DiscordRenderOptions; ackBudgetMs?: number } {
  const out: { render?: DiscordRenderOptions; ackBudgetMs?: number } = {};
  if (options.render) out.render = options.render;
  if (options.ackBudgetMs !== undefined) out.ackBudgetMs = options.ackBudgetMs;
  return out;
}

function waitReady(client: Client, timeoutMs: number): { promise: Promise<void>; cancel(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const promise = new Promise<void>((resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no READY from the gateway within ${timeoutMs} ms`)), timeoutMs);
    timer.unref();
    client.once(Events.ClientReady, () => {
      clearTimeout(timer);
      resolve();
    });
  });
  promise.catch(() => undefined); // awaited only after login succeeds; never an unhandled rejection
  return { promise, cancel: () => clearTimeout(timer) };
}
