/**
 * @module adapters/chat/discord/shards — discord.js ShardingManager for very large bots: one child
 * process per gateway shard, each answering `/trade` for its share of the servers
 * ((guild_id >> 22) % shard count). Posting alerts needs no gateway (REST), so the shards only
 * carry commands; `tradewire run` keeps polling and delivering with `discord.gateway: false`.
 *
 * The shard count comes from `GET {DISCORD_API_URL}/v10/gateway/bot` (discord.js's own "auto" would
 * ask discord.com directly, ignoring DISCORD_API_URL).
 */
import { REST, Routes, ShardingManager, type RESTGetAPIGatewayBotResult } from 'discord.js';
import { errorMessage } from '../../../core/errors.js';
import type { Log } from '../../../ports.js';
import { DISCORD_API_VERSION, discordApiBase } from './api-url.js';

export async function recommendedShards(token: string, apiUrl: string | null): Promise<number> {
  const rest = new REST({ api: discordApiBase(apiUrl), version: DISCORD_API_VERSION }).setToken(token);
  const info = (await rest.get(Routes.gatewayBot())) as RESTGetAPIGatewayBotResult;
  return Math.max(1, info.shards);
}

export interface ShardOptions {
  /** The script each shard runs (the tradewire CLI entry) and its arguments. */
  file: string;
  args: string[];
  execArgv: string[];
  token: string;
  count: number;
  /** Between two shard starts: Discord allows one IDENTIFY per 5 s per max_concurrency bucket. */
  delayMs: number;
  /** How long a shard may take to become ready. */
  timeoutMs: number;
  log: Log;
}

export interface RunningShards {
  count: number;
  stop(): Promise<void>;
}

export async function startShards(o: ShardOptions): Promise<RunningShards> {
  const manager = new ShardingManager(o.file, { token: o.token, totalShards: o.count, shardArgs: o.args, execArgv: o.execArgv, mode: 'process', respawn: true });
  manager.on('shardCreate', (shard) => {
    o.log.info({ shard: shard.id, of: o.count }, 'discord shard starting');
    shard.on('ready', () => o.log.info({ shard: shard.id }, 'discord shard ready'));
    shard.on('death', () => o.log.warn({ shard: shard.id }, 'discord shard process exited; respawning'));
    shard.on('error', (err) => o.log.error({ shard: shard.id, err: errorMessage(err) }, 'discord shard error'));
  });
  await manager.spawn({ amount: o.count, delay: o.delayMs, timeout: o.timeoutMs });
  return {
    count: o.count,
    async stop() {
      manager.respawn = false;
      const exits = [...manager.shards.values()].map((shard) => {
        const child = shard.process;
        if (!child || child.exitCode !== null) return Promise.resolve();
        return new Promise<void>((resolve) => {
          // A shard that does not stop within 10 s is killed: shutdown must not hang.
          const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
          child.once('exit', () => {
            clearTimeout(timer);
            resolve();
          });
          child.kill('SIGTERM');
        });
      });
      await Promise.all(exits);
    },
  };
}
