/**
 * @module cli/discord — `tradewire discord register [--guild ID]` registers the `/trade` command
 * (typed subcommands and options, adapters/chat/discord/definition.ts) for the application, globally
 * or in one server (a guild's commands update at once: handy while trying tradewire out);
 * `tradewire discord invite` prints the URL that adds the bot to a server with the permissions it
 * needs. Uses DISCORD_TOKEN, DISCORD_APPLICATION_ID (asked from Discord when unset) and
 * DISCORD_API_URL. Exit 0 done, 1 Discord refused or config/env problem, 2 usage.
 */
import { REST, Routes, type RESTGetCurrentApplicationResult } from 'discord.js';
import { DISCORD_API_VERSION, discordApiBase } from '../adapters/chat/discord/api-url.js';
import { tradeCommand } from '../adapters/chat/discord/definition.js';
import { loadConfig } from '../config/load.js';
import { errorMessage, isTradewireError } from '../core/errors.js';
import { runGateway, runShards } from './discord-shards.js';
import { writeLine, type CliIO } from './io.js';

const USAGE = `usage: tradewire discord register [--guild ID] [--config DIR]
       tradewire discord invite [--config DIR]
       tradewire discord shards [--count N] [--delay MS] [--config DIR]

register  registers the /trade slash command: globally (every server the bot is in), or with
          --guild in one server only (updates at once; use it while trying things out).
invite    prints the OAuth2 URL that adds the bot to a server (scopes bot + applications.commands,
          permissions: View Channel, Send Messages, Embed Links, Read Message History).
shards    runs the /trade gateway as one process per shard (discord.js ShardingManager) for bots
          in very many servers; --count defaults to Discord's recommendation, --delay (5500 ms)
          spaces the shard starts. Run tradewire run alongside with discord.gateway: false.
Needs DISCORD_TOKEN; DISCORD_APPLICATION_ID is looked up with the token when unset;
DISCORD_API_URL overrides the REST base (default https://discord.com/api).`;

/** View Channel | Send Messages | Embed Links | Read Message History (replies reference the original). */
export const BOT_PERMISSIONS = (1n << 10n) | (1n << 11n) | (1n << 14n) | (1n << 16n);

interface Options {
  action: 'register' | 'invite' | 'shards' | 'gateway';
  guild: string | null;
  config: string | undefined;
  count: number | null;
  delayMs: number;
}

const ACTIONS = ['register', 'invite', 'shards', 'gateway'] as const;

function parseArgs(argv: string[]): Options | string {
  const [action, ...rest] = argv;
  if (action === '--help' || action === '-h' || action === 'help') return '';
  if (!ACTIONS.includes(action as Options['action'])) return action ? `unknown action "${action}"` : 'no action given';
  const opts: Options = { action: action as Options['action'], guild: null, config: undefined, count: null, delayMs: 5_500 };
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    const value = (name: string): string | null => (a === name ? (rest[++i] ?? null) : a.startsWith(`${name}=`) ? a.slice(name.length + 1) : null);
    if (a === '--guild' || a.startsWith('--guild=')) {
      const g = value('--guild');
      if (!g || !/^\d{15,22}$/.test(g)) return `--guild needs a server (guild) id, a number like 123456789012345678${g ? `, found "${g}"` : ''}`;
      if (action !== 'register') return '--guild is for register';
      opts.guild = g;
    } else if (a === '--config' || a.startsWith('--config=')) {
      const c = value('--config');
      if (!c) return '--config needs a folder';
      opts.config = c;
    } else if ((a === '--count' || a.startsWith('--count=')) && action === 'shards') {
      const c = value('--count');
      if (c !== 'auto' && !/^[1-9]\d{0,4}$/.test(c ?? '')) return `--count needs a number of shards or auto${c ? `, found "${c}"` : ''}`;
      opts.count = c === 'auto' ? null : Number(c);
    } else if ((a === '--delay' || a.startsWith('--delay=')) && action === 'shards') {
      const d = value('--delay');
      if (!/^\d{1,6}$/.test(d ?? '')) return `--delay needs milliseconds${d ? `, found "${d}"` : ''}`;
      opts.delayMs = Number(d);
    } else if (a === '--help' || a === '-h') return '';
    else return `unknown argument ${a}`;
  }
  return opts;
}

export function inviteUrl(applicationId: string): string {
  return `https://discord.com/oauth2/authorize?client_id=${applicationId}&scope=bot%20applications.commands&permissions=${BOT_PERMISSIONS}`;
}

export default async function discord(argv: string[], io: CliIO): Promise<number> {
  const opts = parseArgs(argv);
  if (typeof opts === 'string') {
    await writeLine(opts ? io.stderr : io.stdout, opts ? `tradewire discord: ${opts}\n\n${USAGE}` : USAGE);
    return opts ? 2 : 0;
  }
  if (opts.action === 'gateway') return runGateway(opts.config, io);
  if (opts.action === 'shards') return runShards({ config: opts.config, count: opts.count, delayMs: opts.delayMs }, io);
  try {
    const { secrets } = loadConfig({ ...(opts.config ? { dir: opts.config } : {}), env: io.env });
    if (!secrets.discordToken) {
      await writeLine(io.stderr, 'tradewire discord: DISCORD_TOKEN is not set (the bot token from the Developer Portal, Bot tab)');
      return 1;
    }
    const rest = new REST({ api: discordApiBase(secrets.discordApiUrl), version: DISCORD_API_VERSION, retries: 2, timeout: 15_000 }).setToken(secrets.discordToken);
    const appId = secrets.discordApplicationId ?? ((await rest.get(Routes.currentApplication())) as RESTGetCurrentApplicationResult).id;
    if (opts.action === 'invite') {
      await writeLine(io.stdout, inviteUrl(appId));
      return 0;
    }
    const route = opts.guild ? Routes.applicationGuildCommands(appId, opts.guild) : Routes.applicationCommands(appId);
    const saved = (await rest.put(route, { body: tradeCommand() })) as { name: string; options?: unknown[] }[];
    const subs = saved[0]?.options?.length ?? 0;
    const where = opts.guild ? `in server ${opts.guild}` : 'globally (all servers the bot is in)';
    await writeLine(io.stdout, `registered /${saved[0]?.name ?? 'trade'} with ${subs} subcommands ${where} for application ${appId}`);
    return 0;
  } catch (err) {
    const code = isTradewireError(err) ? ` [${err.code}]` : '';
    const hint = /Missing Access|50001/.test(errorMessage(err)) && opts.guild ? ' — is the bot in that server, invited with the applications.commands scope?' : /401|Unauthorized/i.test(errorMessage(err)) ? ' — check DISCORD_TOKEN' : '';
    await writeLine(io.stderr, `tradewire discord ${opts.action}: ${errorMessage(err)}${code}${hint}`);
    return 1;
  }
}
