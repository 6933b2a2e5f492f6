/**
 * @module adapters/chat/slack/commands — the `/trade` slash command: Slack payload →
 * CommandRequest → the platform-neutral handler → Block Kit reply.
 *
 * Slack wants an answer within 3 s. A reply ready within `ackBudgetMs` goes back in the ack itself;
 * anything slower is acknowledged empty at the budget and answered through `respond()` (the
 * response_url), which Slack accepts for 30 minutes.
 */
import type { App, webApi } from '@slack/bolt';
import { errorMessage } from '../../../core/errors.js';
import { failureCode, failureReply } from '../../../flows/commands.js';
import type { CommandReply, CommandRequest, Log } from '../../../ports.js';
import { renderReply } from './render.js';
import { delay } from '../../../timers.js';

export const TRADE_COMMAND = '/trade';
export const DEFAULT_ACK_BUDGET_MS = 2_000;
const ADMIN_CACHE_MS = 5 * 60_000;
const MANAGE_SUBCOMMANDS = new Set(['subscribe', 'unsubscribe']);

export type CommandHandler = (req: CommandRequest) => Promise<CommandReply>;

export interface TradeCommandOptions {
  app: App;
  client: webApi.WebClient;
  handle: CommandHandler;
  manageSubscriptions: 'anyone' | 'admins';
  log: Log;
  ackBudgetMs?: number;
  nowMs?: () => number;
}

/** "Search  Akazawa tariffs" → { sub: "search", args: "Akazawa tariffs" }. */
export function splitCommandText(text: string): { sub: string; args: string } {
  const trimmed = text.trim();
  const space = trimmed.search(/\s/);
  if (space === -1) return { sub: trimmed.toLowerCase(), args: '' };
  return { sub: trimmed.slice(0, space).toLowerCase(), args: trimmed.slice(space).trim() };
}

export function registerTradeCommand(options: TradeCommandOptions): void {
  const { app, log } = options;
  const budget = options.ackBudgetMs ?? DEFAULT_ACK_BUDGET_MS;
  const canManage = adminCheck(options);

  app.command(TRADE_COMMAND, async ({ command, ack, respond }) => {
    const { sub, args } = splitCommandText(command.text ?? '');
    const started = Date.now();
    const work = (async (): Promise<CommandReply> => {
      const req: CommandRequest = {
        platform: 'slack',
        // One bot token is one workspace: destinations carry workspace '' (as subscriptions.yaml
        // entries without `workspace` do), so a channel's seeded and chat-made subscriptions are one.
        workspace: '',
        channel: command.channel_id,
        userId: command.user_id,
        userName: command.user_name ?? null,
        sub,
        args,
        canManage: MANAGE_SUBCOMMANDS.has(sub) ? await canManage(command.user_id) : false,
      };
      return options.handle(req);
    })().catch((err: unknown): CommandReply => {
      // The user gets the code to quote; the details (which may name internals) stay in the log.
      const code = failureCode(err);
      log.error({ err, sub, code }, 'command failed');
      return failureReply(sub, code);
    });
    // budget ≤ 0: always acknowledge empty at once and answer through respond().
    const quick = budget > 0 ? await Promise.race([work, delay(budget).then(() => null)]) : null;
    if (quick) {
      await ack(renderReply(quick));
      log.debug({ sub, ms: Date.now() - started }, 'command answered in ack');
      return;
    }
    await ack();
    const reply = await work;
    try {
      await respond({ ...renderReply(reply), replace_original: false });
      log.debug({ sub, ms: Date.now() - started }, 'command answered via respond()');
    } catch (err) {
      log.error({ err, sub }, 'respond() failed');
    }
  });
}


/** Who may change subscriptions: anyone, or workspace admins/owners (users.info, cached 5 min). */
function adminCheck(options: TradeCommandOptions): (userId: string) => Promise<boolean> {
  if (options.manageSubscriptions === 'anyone') return () => Promise.resolve(true);
  const now = options.nowMs ?? Date.now;
  const cache = new Map<string, { admin: boolean; at: number }>();
  return async (userId) => {
    const hit = cache.get(userId);
    if (hit && now() - hit.at < ADMIN_CACHE_MS) return hit.admin;
    try {
      const res = await options.client.users.info({ user: userId });
      const u = res.user;
      const admin = Boolean(u?.is_admin || u?.is_owner || u?.is_primary_owner);
      cache.set(userId, { admin, at: now() });
      return admin;
    } catch (err) {
      options.log.warn({ err: errorMessage(err), userId }, 'users.info failed; treating the user as not an admin');
      return false;
    }
  };
}
