/**
 * @module adapters/chat/discord/commands — `/trade` interactions → the platform-neutral handler →
 * embeds, answered within Discord's 3-second window.
 *
 * A reply ready within `ackBudgetMs` goes out as the interaction's reply; anything slower is
 * deferred at the budget ("thinking…") and the reply edited in later (interaction tokens last
 * 15 minutes). Lookups are ephemeral — only the asker sees them — and a deferral guesses the same
 * way per subcommand; if the reply turns out to differ (a refusal of `subscribe`), the public
 * placeholder is deleted and the reply sent as an ephemeral follow-up. Changing subscriptions needs
 * Manage Channels or the configured role; anyone else gets a clear ephemeral reply.
 */
import { Events, MessageFlags, type ChatInputCommandInteraction, type Client, type Interaction, type InteractionReplyOptions } from 'discord.js';
import type { DiscordRenderOptions } from '../../../core/format/discord-embed.js';
import { errorMessage } from '../../../core/errors.js';
import { md } from '../../../core/format/markup.js';
import { failureCode, failureReply } from '../../../flows/commands.js';
import type { CommandReply, CommandRequest, Log } from '../../../ports.js';
import { answerAutocomplete, type Suggestions } from './autocomplete.js';
import { TRADE_COMMAND } from './definition.js';
import { toCommandRequest } from './interaction-request.js';
import { renderReply } from './render.js';
import { delay } from '../../../timers.js';

export const DEFAULT_ACK_BUDGET_MS = 2_000;
const MANAGE_SUBCOMMANDS = new Set(['subscribe', 'unsubscribe']);
/** Replies that go to the whole channel when they succeed; everything else is for the asker only. */
const PUBLIC_SUBCOMMANDS = new Set(['subscribe', 'unsubscribe', 'test']);

export type CommandHandler = (req: CommandRequest) => Promise<CommandReply>;

export interface DiscordCommandOptions {
  client: Client;
  handle: CommandHandler;
  suggestions: Suggestions;
  manageRole: string | null;
  log: Log;
  render?: DiscordRenderOptions;
  ackBudgetMs?: number;
}

/** The refusal; `roleName` is the configured manager role's name (or id) when there is one. */
export function notAllowed(roleName: string | null): CommandReply {
  const role = roleName ? ` or the ${md.bold(roleName)} role` : '';
  return {
    ephemeral: true,
    text: `${md.text('You need the')} ${md.bold('Manage Channels')} ${md.text('permission')}${role} ${md.text('to change what this channel follows. Ask a server moderator to run /trade subscribe or /trade unsubscribe here.')}`,
  };
}

function roleName(interaction: ChatInputCommandInteraction, roleId: string | null): string | null {
  if (!roleId) return null;
  return interaction.guild?.roles.cache.get(roleId)?.name ?? `role ${roleId}`;
}

function replyOptions(reply: CommandReply, render: DiscordRenderOptions | undefined): InteractionReplyOptions {
  const { ephemeral, ...body } = renderReply(reply, render);
  return { ...body, ...(ephemeral ? { flags: MessageFlags.Ephemeral } : {}) };
}

/** Listens for `/trade` and its autocomplete on `client`; returns the listener's remover. */
export function listenForTrade(options: DiscordCommandOptions): () => void {
  const { client, log } = options;
  const budget = options.ackBudgetMs ?? DEFAULT_ACK_BUDGET_MS;

  async function onCommand(interaction: ChatInputCommandInteraction): Promise<void> {
    const started = Date.now();
    const req = toCommandRequest(interaction, options.manageRole);
    const work =
      MANAGE_SUBCOMMANDS.has(req.sub) && !req.canManage
        ? Promise.resolve(notAllowed(roleName(interaction, options.manageRole)))
        : options.handle(req).catch((err: unknown): CommandReply => {
            const code = failureCode(err);
            log.error({ err, sub: req.sub, code }, 'command failed');
            return failureReply(req.sub, code);
          });
    const quick = budget > 0 ? await Promise.race([work, delay(budget).then(() => null)]) : null;
    if (quick) {
      await interaction.reply(replyOptions(quick, options.render));
      log.debug({ sub: req.sub, ms: Date.now() - started }, 'command answered');
      return;
    }
    // A lookup asked with `public: true` is guessed public too (an unknown topic then moves to a private follow-up).
    const guessEphemeral = (!PUBLIC_SUBCOMMANDS.has(req.sub) && !req.public) || (MANAGE_SUBCOMMANDS.has(req.sub) && !req.canManage);
    await interaction.deferReply(guessEphemeral ? { flags: MessageFlags.Ephemeral } : {});
    const reply = await work;
    const body = replyOptions(reply, options.render);
    if (reply.ephemeral && !guessEphemeral) {
      // A deferred public reply cannot become ephemeral: remove the placeholder, answer privately.
      await interaction.deleteReply();
      await interaction.followUp(body);
    } else {
      // (A public reply after an ephemeral deferral stays visible to the asker only.)
      const { flags: _flags, ...edit } = body;
      await interaction.editReply(edit);
    }
    log.debug({ sub: req.sub, ms: Date.now() - started }, 'command answered after deferring');
  }

  const listener = (interaction: Interaction): void => {
    if (interaction.isAutocomplete() && interaction.commandName === TRADE_COMMAND) {
      answerAutocomplete(interaction, options.suggestions).catch((err: unknown) => log.warn({ err: errorMessage(err) }, 'autocomplete failed'));
      return;
    }
    if (!interaction.isChatInputCommand() || interaction.commandName !== TRADE_COMMAND) return;
    onCommand(interaction).catch((err: unknown) => log.error({ err: errorMessage(err) }, 'could not answer /trade'));
  };
  client.on(Events.InteractionCreate, listener);
  return () => void client.off(Events.InteractionCreate, listener);
}

