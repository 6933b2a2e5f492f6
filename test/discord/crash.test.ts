/**
 * Crash safety on Discord: a worker process SIGKILLed while messages are in flight (Discord has
 * the request and creates the message, the answer never arrives), then restarted with the same
 * owner (single-instance SQLite reclaims at once). Every alert arrives, in order per channel, and
 * — unlike Slack, which has no idempotency key — none twice: the resend carries the same nonce and
 * Discord returns the message it already created.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { article } from '../../src/adapters/store/contract/fixtures.contract.js';
import { startFakeDiscord, type FakeDiscord } from '../harness/fake-discord.js';
import { GUILD, tempStore, type TempStore } from './helpers.js';

const CHILD = fileURLToPath(new URL('./crash-child.ts', import.meta.url));
const CHANNELS = ['300000000000000021', '300000000000000022', '300000000000000023'];
const STORIES = 20;
const expected = Array.from({ length: STORIES }, (_, i) => `S${String(i).padStart(2, '0')}`);
let fake: FakeDiscord;
let t: TempStore;
const children: ChildProcess[] = [];

beforeAll(async () => {
  fake = await startFakeDiscord({ guilds: [{ id: GUILD, channels: CHANNELS }] });
});
afterAll(() => fake.close());
beforeEach(async () => {
  fake.reset();
  fake.delay(/^POST \/channels\/\d+\/messages$/, 40);
  t = tempStore();
  for (const c of CHANNELS) await t.store.subscribe({ destination: { platform: 'discord', workspace: GUILD, channel: c }, topic: 'fx', mode: { kind: 'instant' } }, new Date().toISOString());
  for (const title of expected) await t.store.ingest(article({ title, topics: ['fx'] }), new Date().toISOString());
});
afterEach(async () => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  await t.cleanup();
});

async function spawnWorker(owner: string): Promise<ChildProcess> {
  const child = fork(CHILD, [t.path, fake.apiUrl, fake.token, owner], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  children.push(child);
  await once(child, 'message');
  return child;
}

const posts = (): number => fake.requests.filter((r) => r.method === 'POST').length;
const answered = (): number => fake.requests.filter((r) => r.method === 'POST' && r.status > 0).length;
const titles = (channel: string): string[] => fake.messagesIn(channel).map((m) => (m.body.embeds as { title: string }[])[0]!.title);

describe('SIGKILL mid-delivery, then restart (Discord)', () => {
  it('nothing lost, nothing posted twice, order kept', async () => {
    const first = await spawnWorker('run@test-host');
    await fake.waitFor(() => posts() >= STORIES && posts() > answered(), 20_000);
    first.kill('SIGKILL');
    const inFlight = posts() - answered();
    await once(first, 'exit');
    expect(inFlight).toBeGreaterThan(0);
    const second = await spawnWorker('run@test-host');
    await fake.waitFor(() => CHANNELS.every((c) => fake.messagesIn(c).length >= STORIES), 30_000);
    second.kill('SIGTERM');
    await once(second, 'exit');
    for (const c of CHANNELS) expect(titles(c)).toEqual(expected);
    // the messages in flight at the kill were created by "Discord" and resent with the same nonce
    expect(fake.nonceHits).toBeGreaterThanOrEqual(1);
    expect(await t.store.outboxDepth()).toBe(0);
  });
});
