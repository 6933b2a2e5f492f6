/**
 * @module flows/commands — the `/trade` subcommands, platform-neutral: a CommandRequest in, a
 * CommandReply (markup text, lines, alert cards) out. Slack, Discord and the console adapter
 * render the reply; nothing here knows a platform.
 */
import { isTradewireError } from '../core/errors.js';
import { md } from '../core/format/markup.js';
import type { CommandReply, CommandRequest } from '../ports.js';
import { help, unknownSubcommand } from './commands/help.js';
import { latest, quotes, search } from './commands/lookup.js';
import { feeds, test } from './commands/status.js';
import { subscribe, topics, unsubscribe } from './commands/subscriptions.js';
import type { CommandDeps } from './commands/types.js';

export type { CommandDeps, TopicInfo } from './commands/types.js';
export { SUBCOMMANDS } from './commands/help.js';
export { findTopic } from './commands/topics.js';

export type CommandHandler = (req: CommandRequest) => Promise<CommandReply>;

/** Lookups: private by default; `public` shows their results to the channel. */
const LOOKUPS = new Set(['', 'help', 'latest', 'search', 'quotes', 'topics', 'feeds']);

export function createCommandHandler(deps: CommandDeps): CommandHandler {
  const route = routeTo(deps);
  return async (req) => {
    const reply = await route(req);
    // Only results go public: an unknown topic or a usage hint is still for the asker alone.
    const results = (reply.alerts?.length ?? 0) > 0 || (reply.lines?.length ?? 0) > 0;
    return req.public && reply.ephemeral && results && LOOKUPS.has(req.sub) ? { ...reply, ephemeral: false } : reply;
  };
}

function routeTo(deps: CommandDeps): CommandHandler {
  return async (req) => {
    switch (req.sub) {
      case '':
      case 'help':
        return help(req.platform);
      case 'latest':
        return latest(deps, req.args);
      case 'search':
        return search(deps, req.args);
      case 'quotes':
        return quotes(deps, req.args);
      case 'subscribe':
        return subscribe(deps, req);
      case 'unsubscribe':
        return unsubscribe(deps, req);
      case 'topics':
        return topics(deps, req);
      case 'feeds':
        return feeds(deps);
      case 'test':
        return test(deps, req.args);
      default:
        return unknownSubcommand(req.sub, req.platform);
    }
  };
}

/**
 * A reply for a failure the handler did not expect (the adapters log the error itself): the code
 * to quote, never the error's message (it may name files, hosts or SQL).
 */
export function failureReply(sub: string, code: string): CommandReply {
  return {
    ephemeral: true,
    text: `${md.text(`Sorry, /trade ${sub || 'help'} failed (error code`)} ${md.code(code)}${md.text('). Please try again in a moment; if it keeps failing, give whoever runs tradewire this code.')}`,
  };
}

/** The stable code of an error a command hit: a TradewireError's code, else `internal`. */
export function failureCode(err: unknown): string {
  return isTradewireError(err) ? err.code : 'internal';
}
