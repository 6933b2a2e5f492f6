/**
 * Past 2,500 servers Discord requires sharding. In one process (the default, `shards: 'auto'`) the
 * client opens as many shards as `/gateway/bot` recommends; with `tradewire discord shards` a
 * discord.js ShardingManager runs one `tradewire discord gateway` process per shard. Either way
 * each server's `/trade` is answered by the shard that owns it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { shardOf } from '../harness/fake-discord-gateway.js';
import { startFakeDiscord, type FakeDiscord } from '../harness/fake-discord.js';
import { discordChat, tempStore, type TempStore } from './helpers.js';

const GUILD_A = String(123456790n << 22n); // shard 0 of 2
const GUILD_B = String(123456791n << 22n); // shard 1 of 2
const CH_A = '300000000000000031';
const CH_B = '300000000000000032';
let fake: FakeDiscord;
let t: TempStore;
let dir: string;
const children: ChildProcess[] = [];

beforeAll(async () => {
  expect([shardOf(GUILD_A, 2), shardOf(GUILD_B, 2)]).toEqual([0, 1]);
  fake = await startFakeDiscord({ shards: 2, guilds: [{ id: GUILD_A, channels: [CH_A] }, { id: GUILD_B, channels: [CH_B] }] });
  t = tempStore();
  dir = mkdtempSync(join(tmpdir(), 'tradewire-shards-'));
  cpSync('config/topics.yaml', join(dir, 'topics.yaml'));
  writeFileSync(join(dir, 'tradewire.yaml'), `log: {level: silent}\nstore: {driver: sqlite, path: ${JSON.stringify(t.path)}}\ndiscord: {gateway: false}\n`);
});
afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  await fake?.close();
  await t?.cleanup();
  if (dir) rmSync(dir, { recursive: true, force: true });
});
afterEach(() => fake.reset());

describe('sharding', () => {
  it('one process: opens the recommended number of shards, each server answered by its own shard', async () => {
    const chat = discordChat(fake, t.store, { clientOptions: { ws: { buildIdentifyThrottler: () => Promise.resolve({ waitForIdentify: () => Promise.resolve() }) } } });
    await chat.commands.start(() => Promise.resolve({ ephemeral: true, text: 'pong' }));
    try {
      expect(fake.gateway.identifies.map((i) => i.shard).sort()).toEqual([[0, 2], [1, 2]]);
      for (const channelId of [CH_A, CH_B]) {
        const i = fake.interact({ sub: 'help', channelId });
        expect((await i.answered()).body.content).toBe('pong');
        expect(i.callbacks).toHaveLength(1); // exactly one shard saw it
      }
    } finally {
      await chat.commands.stop();
    }
  });

  it('tradewire discord shards: one gateway process per shard, both answering /trade', async () => {
    const before = fake.gateway.identifies.length;
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'discord', 'shards', '--count', '2', '--delay', '100', '--config', dir], {
      env: { ...process.env, DISCORD_TOKEN: fake.token, DISCORD_API_URL: fake.apiUrl },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    children.push(child);
    let out = '';
    child.stdout!.on('data', (d: Buffer) => void (out += d.toString()));
    await fake.waitFor(() => fake.gateway.readyShards().length === 2, 60_000);
    expect(fake.gateway.identifies.slice(before).map((i) => i.shard).sort()).toEqual([[0, 2], [1, 2]]);
    for (const channelId of [CH_A, CH_B]) {
      const a = await fake.interact({ sub: 'topics', channelId }).answered();
      expect(JSON.stringify(a.body)).toContain('us-japan');
    }
    await fake.waitFor(() => out.includes('2 shards running'), 10_000);
    child.kill('SIGTERM');
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(0);
    await fake.waitFor(() => fake.gateway.ready() === 0, 10_000); // the shard processes went too
  }, 90_000);
});
