/**
 * @module cli/discord-shards — `tradewire discord shards` (a ShardingManager: one process per
 * gateway shard) and `tradewire discord gateway` (what each shard process runs: the `/trade`
 * command source alone, on the shared store; no polling, no delivery, no HTTP server).
 */
import { createDiscordChat } from '../adapters/chat/discord/index.js';
import { recommendedShards, startShards } from '../adapters/chat/discord/shards.js';
import { openStore } from '../adapters/store/open.js';
import { topicInfo } from '../app.js';
import { loadConfig } from '../config/load.js';
import { createCommandHandler } from '../flows/commands.js';
import { createLogger } from '../log.js';
import { writeLine, type CliIO } from './io.js';

export interface ShardArgs {
  config: string | undefined;
  /** null: as many as Discord recommends. */
  count: number | null;
  delayMs: number;
}

/** Resolves on the first SIGTERM/SIGINT, or when the parent (the ShardingManager) goes away. */
function stopSignal(): Promise<string> {
  return new Promise((resolve) => {
    const done = (why: string) => (): void => resolve(why);
    process.once('SIGTERM', done('SIGTERM'));
    process.once('SIGINT', done('SIGINT'));
    if (process.send) process.once('disconnect', done('parent gone'));
  });
}

/** One shard process (spawned by `discord shards`; SHARDS and SHARD_COUNT come from the manager). */
export async function runGateway(config: string | undefined, io: CliIO): Promise<number> {
  const cfg = loadConfig({ ...(config ? { dir: config } : {}), env: io.env });
  const log = createLogger({ level: cfg.settings.log.level }).child({ cmd: 'discord-gateway', shard: io.env.SHARDS ?? null });
  const token = cfg.secrets.discordToken;
  if (!token) {
    await writeLine(io.stderr, 'tradewire discord gateway: DISCORD_TOKEN is not set');
    return 1;
  }
  const store = await openStore(cfg, log);
  const clock = { now: () => new Date() };
  const topics = topicInfo(cfg);
  const chat = createDiscordChat({
    token,
    apiUrl: cfg.secrets.discordApiUrl,
    manageRole: cfg.settings.discord.manageRole,
    suggestions: { topics, speakers: (prefix, limit) => store.speakers({ prefix, limit }) },
    render: { colors: Object.fromEntries(cfg.topics.topics.map((t) => [t.id, t.color])) },
    log,
    sharding: 'process',
  });
  try {
    await chat.commands.start(createCommandHandler({ store, topics, clock, log }));
    const why = await stopSignal();
    log.info({ why }, 'discord shard stopping');
    return 0;
  } finally {
    await chat.commands.stop();
    await store.close().catch(() => undefined);
    // discord.js keeps the IPC channel to the manager open, which would keep this process alive.
    if (process.connected) process.disconnect();
  }
}

/** The manager: spawns `tradewire discord gateway` once per shard and keeps them running. */
export async function runShards(args: ShardArgs, io: CliIO): Promise<number> {
  const cfg = loadConfig({ ...(args.config ? { dir: args.config } : {}), env: io.env });
  const log = createLogger({ level: cfg.settings.log.level }).child({ cmd: 'discord-shards' });
  const token = cfg.secrets.discordToken;
  if (!token) {
    await writeLine(io.stderr, 'tradewire discord shards: DISCORD_TOKEN is not set');
    return 1;
  }
  if (cfg.settings.discord.gateway) log.warn('discord.gateway is true: `tradewire run` also connects to the gateway; set it to false when the shards answer /trade');
  const count = args.count ?? (await recommendedShards(token, cfg.secrets.discordApiUrl));
  const entry = process.argv[1];
  if (!entry) throw new Error('cannot tell which script to run for each shard');
  const shards = await startShards({
    file: entry,
    args: ['discord', 'gateway', ...(args.config ? ['--config', args.config] : [])],
    execArgv: process.execArgv,
    token,
    count,
    delayMs: args.delayMs,
    timeoutMs: 60_000,
    log,
  });
  await writeLine(io.stdout, `tradewire discord shards: ${count} shard${count === 1 ? '' : 's'} running`);
  const why = await stopSignal();
  log.info({ why }, 'stopping shards');
  await shards.stop();
  return 0;
}
