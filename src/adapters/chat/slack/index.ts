/**
 * @module adapters/chat/slack — the Slack adapter: a ChatSink (chat.postMessage/update) and a
 * CommandSource (`/trade`) over one Bolt app. HTTP mode mounts `POST /slack/events` on the shared
 * HTTP server; Socket Mode (SLACK_APP_TOKEN) connects out and needs no public URL.
 */
import { App, SocketModeReceiver } from '@slack/bolt';
import { TradewireError, errorMessage } from '../../../core/errors.js';
import type { ChatSink, CommandSource, Log, Readiness } from '../../../ports.js';
import type { HttpServer } from '../../http/server.js';
import { registerTradeCommand, type CommandHandler } from './commands.js';
import { slackDeliveryError } from './errors.js';
import { slackLogger } from './logger.js';
import { createSlackReceiver } from './receiver.js';
import { createSlackSink } from './sink.js';
import { createSlackWebClient, slackClientOptions } from './web-client.js';
import { delay } from '../../../timers.js';

export { createSlackSink } from './sink.js';
export { createSlackWebClient } from './web-client.js';

export interface SlackChatOptions {
  botToken: string;
  /** Required for HTTP mode. */
  signingSecret: string | null;
  /** Set → Socket Mode. */
  appToken: string | null;
  /** SLACK_API_URL. */
  apiUrl: string | null;
  /** HTTP mode mounts its route here. */
  server: HttpServer | null;
  manageSubscriptions: 'anyone' | 'admins';
  log: Log;
  nowMs?: () => number;
  ackBudgetMs?: number;
  processBeforeResponse?: boolean;
  minIntervalMs?: number;
  /**
   * Socket Mode: how long the client waits for a pong, which also spaces its reconnection attempts
   * (Slack's SDK default, 5 s; tests shorten it).
   */
  socketPingTimeoutMs?: number;
}

export interface SlackChat {
  sink: ChatSink;
  /** Null when neither a signing secret nor an app token is set (alerts only, no commands). */
  commands: CommandSource | null;
  readiness: Readiness;
  /** The workspace (team id) of the bot token, once auth.test has answered. */
  teamId(): string | null;
  /** Checks the token (auth.test); throws `slack_auth_failed` for a bad one, tolerates an unreachable Slack. */
  verify(): Promise<void>;
}

export function createSlackChat(options: SlackChatOptions): SlackChat {
  const log = options.log.child({ room: 'slack' });
  const client = createSlackWebClient(options.botToken, { apiUrl: options.apiUrl, log });
  const sink = createSlackSink({ client, ...(options.minIntervalMs !== undefined ? { minIntervalMs: options.minIntervalMs } : {}) });
  let identity: { teamId: string; botId: string; botUserId: string } | null = null;
  let built: BuiltApp | null = null;
  let connected = false;
  // Socket Mode: whether the WebSocket session is up (false while the client reconnects).
  let socketUp = true;

  async function verify(): Promise<void> {
    try {
      const res = await client.auth.test();
      identity = { teamId: String(res.team_id ?? ''), botId: String(res.bot_id ?? ''), botUserId: String(res.user_id ?? '') };
      log.info({ team: res.team, teamId: identity.teamId }, 'slack token verified');
    } catch (err) {
      const failure = slackDeliveryError(err, 'auth.test');
      if (failure.kind === 'permanent') {
        throw new TradewireError('slack_auth_failed', `slack: SLACK_BOT_TOKEN was refused (${failure.code}); check the token and the app's installation`, { cause: err });
      }
      log.warn({ err: failure.message }, 'slack: auth.test failed; starting anyway, will verify on each request');
    }
  }

  const commands: CommandSource | null =
    options.appToken || options.signingSecret
      ? {
          platform: 'slack',
          async start(handle: CommandHandler) {
            if (!identity) await verify();
            built = buildApp(options, log, identity);
            const { app, socket } = built;
            if (socket) watchSocket(socket);
            registerTradeCommand({ app, client, handle, manageSubscriptions: options.manageSubscriptions, log, ...pick(options) });
            await app.init();
            await app.start();
            connected = true;
            log.info({ mode: options.appToken ? 'socket' : 'http' }, 'slack commands ready');
          },
          async stop() {
            connected = false;
            if (!built) return;
            const { app, socket } = built;
            built = null;
            try {
              // Bolt's stop() does not wait for the Socket Mode close handshake; wait for it (briefly),
              // so a restart does not overlap the old connection.
              const closed = socket ? Promise.race([new Promise<void>((r) => socket.client.once('disconnected', () => r())), delay(3_000)]) : Promise.resolve();
              await app.stop();
              await closed;
            } catch (err) {
              log.warn({ err: errorMessage(err) }, 'slack: stop failed');
            }
          },
        }
      : null;

  /**
   * The Socket Mode client reconnects by itself after a drop (announcing `close`, then `reconnecting`
   * and `connecting`) and is back on Slack's `hello` (`connected`): readiness follows it, so /readyz
   * says false while no command can arrive.
   */
  function watchSocket(socket: SocketModeReceiver): void {
    socketUp = false;
    const down = (state: string) => (): void => {
      if (socketUp && connected) log.warn({ state }, 'slack: Socket Mode connection lost; reconnecting');
      socketUp = false;
    };
    for (const state of ['close', 'disconnected', 'reconnecting', 'connecting']) socket.client.on(state, down(state));
    socket.client.on('connected', () => {
      if (!socketUp && connected) log.info('slack: Socket Mode connection back');
      socketUp = true;
    });
  }

  return {
    sink,
    commands,
    teamId: () => identity?.teamId ?? null,
    verify,
    readiness: { name: 'slack', ready: () => Promise.resolve(commands === null || (connected && socketUp)) },
  };
}

function pick(options: SlackChatOptions): { ackBudgetMs?: number; nowMs?: () => number } {
  const out: { ackBudgetMs?: number; nowMs?: () => number } = {};
  if (options.ackBudgetMs !== undefined) out.ackBudgetMs = options.ackBudgetMs;
  if (options.nowMs !== undefined) out.nowMs = options.nowMs;
  return out;
}


interface BuiltApp {
  app: App;
  socket: SocketModeReceiver | null;
}

function buildApp(options: SlackChatOptions, log: Log, identity: { botId: string; botUserId: string } | null): BuiltApp {
  const clientOptions = slackClientOptions({ apiUrl: options.apiUrl, log });
  const logger = slackLogger(log);
  // verify() already called auth.test: with the bot's ids given and verification off, Bolt makes no
  // further call; if Slack was unreachable at start, Bolt asks auth.test on each request instead.
  const known = identity?.botId && identity.botUserId ? { botId: identity.botId, botUserId: identity.botUserId } : {};
  const common = { token: options.botToken, clientOptions, logger, deferInitialization: true, tokenVerificationEnabled: false, ...known };
  if (options.appToken) {
    const ping = options.socketPingTimeoutMs !== undefined ? { clientPingTimeout: options.socketPingTimeoutMs } : {};
    const socket = new SocketModeReceiver({ appToken: options.appToken, logger, installerOptions: { clientOptions }, ...ping });
    return { app: new App({ ...common, receiver: socket }), socket };
  }
  if (!options.signingSecret || !options.server) {
    throw new TradewireError('slack_config', 'slack: HTTP mode needs SLACK_SIGNING_SECRET (or set SLACK_APP_TOKEN for Socket Mode)');
  }
  const receiver = createSlackReceiver({
    server: options.server,
    signingSecret: options.signingSecret,
    log,
    ...(options.nowMs ? { nowMs: options.nowMs } : {}),
    ...(options.processBeforeResponse !== undefined ? { processBeforeResponse: options.processBeforeResponse } : {}),
  });
  return { app: new App({ ...common, receiver }), socket: null };
}
