/**
 * The Discord gateway with several instances: every gateway session receives every interaction,
 * so only the instance holding the `discord-gateway` lease connects (two start() instances on one
 * PostgreSQL, the real discord.js client against the fake Discord). Both report ready; `/trade` is
 * answered; when the leader stops, the other connects.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { start, type Running } from '../../src/main.js';
import { startPostgres, type TestPostgres } from '../harness/embedded-postgres.js';
import { startFakeDiscord, type FakeDiscord } from '../harness/fake-discord.js';

const GUILD = '200000000000000001';
const DESK = '300000000000000001';

let db: TestPostgres;
let discord: FakeDiscord;
let dir: string;
const running: Running[] = [];

beforeAll(async () => {
  [db, discord] = await Promise.all([startPostgres(), startFakeDiscord({ guilds: [{ id: GUILD, channels: [DESK], roles: [] }] })]);
  dir = mkdtempSync(join(tmpdir(), 'tradewire-leader-'));
  writeFileSync(join(dir, 'topics.yaml'), 'topics:\n  - {id: tariffs, rule: "tariff*"}\n');
  writeFileSync(join(dir, 'tradewire.yaml'), 'log: {level: silent}\nhttp: {port: 0, host: 127.0.0.1}\npoll: {schedule: "0 0 1 1 *"}\n');
});

afterAll(async () => {
  for (const r of running) await r.stop().catch(() => undefined);
  await discord?.close();
  await db?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('Discord gateway on one instance at a time', () => {
  it('connects once across two instances, answers /trade, and moves to the other when the leader stops', async () => {
    const env = { DATABASE_URL: await db.database(), DISCORD_TOKEN: discord.token, DISCORD_API_URL: discord.apiUrl };
    for (let i = 0; i < 2; i++) running.push(await start({ configDir: dir, env, stdout: new PassThrough(), consoleCommands: false }));
    await discord.waitFor(() => discord.gateway.ready() === 1, 20_000);
    for (const r of running) {
      const res = await fetch(`http://127.0.0.1:${r.port}/readyz`);
      expect(res.status).toBe(200); // the follower is ready without a gateway connection
      expect(await res.json()).toMatchObject({ checks: { store: true, discord: true } });
    }
    const help = discord.interact({ sub: 'help', channelId: DESK });
    expect(await help.answered(10_000)).toBeTruthy();
    expect(help.callbacks).toHaveLength(1); // answered once
    expect(discord.gateway.identifies).toHaveLength(1);

    // The first instance started first, so it took the lease. It stops (releasing the lease); the
    // other takes over at its next round (every 10 s).
    await running.shift()!.stop();
    await discord.waitFor(() => discord.gateway.identifies.length === 2 && discord.gateway.ready() === 1, 15_000);
    const again = discord.interact({ sub: 'help', channelId: DESK });
    expect(await again.answered(10_000)).toBeTruthy();
    expect(again.callbacks).toHaveLength(1); // answered once
  }, 60_000);
});
