/**
 * Crash safety: a worker process SIGKILLed while messages are in flight, then restarted, delivers
 * every alert, in order per channel, with at most one duplicate per message that was in flight.
 * Restarted with the same owner (single-instance SQLite) it reclaims its predecessor's claims at
 * once; with another owner (another instance) it waits for the lease to expire.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { article } from '../../src/adapters/store/contract/fixtures.contract.js';
import { startFakeSlack, type FakeSlack } from '../harness/fake-slack.js';
import { subscribe, tempStore, titlesIn, type TempStore } from './helpers.js';

const CHILD = fileURLToPath(new URL('./crash-child.ts', import.meta.url));
const CHANNELS = ['C1', 'C2', 'C3'];
const STORIES = 20;
let fake: FakeSlack;
let t: TempStore;
const children: ChildProcess[] = [];

beforeAll(async () => {
  fake = await startFakeSlack({ delays: { 'chat.postMessage': 40 } });
});
afterAll(() => fake.close());
beforeEach(async () => {
  fake.reset();
  t = tempStore();
  for (const c of CHANNELS) await subscribe(t.store, c, ['fx']);
  for (let i = 0; i < STORIES; i += 1) await t.store.ingest(article({ title: `S${String(i).padStart(2, '0')}`, topics: ['fx'] }), new Date().toISOString());
});
afterEach(async () => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  await t.cleanup();
});

async function spawnWorker(owner: string, leaseMs: number): Promise<ChildProcess> {
  const child = fork(CHILD, [t.path, fake.apiUrl, owner, String(leaseMs)], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  children.push(child);
  await once(child, 'message');
  return child;
}

const posts = (): number => fake.calls.filter((c) => c.method === 'chat.postMessage').length;
const answered = (): number => fake.posts.length;

/** Returns how many requests had arrived unanswered at the kill. */
async function killMidDelivery(child: ChildProcess): Promise<number> {
  // kill once a third is through and a request is certainly in flight (arrived, not yet answered)
  await fake.waitFor(() => posts() >= STORIES && posts() > answered(), 20_000);
  child.kill('SIGKILL');
  const inFlight = posts() - answered();
  await once(child, 'exit');
  return inFlight;
}

/**
 * Every alert arrived in order in every channel. A repeat can only be a message that was in flight
 * at the kill (posted, but not yet recorded as sent): one destination has one message in flight at
 * a time, so each channel holds at most one repeat, right after its first copy. Returns the repeats.
 */
function check(): { channel: string; title: string; at: number }[] {
  const expected = Array.from({ length: STORIES }, (_, i) => `S${String(i).padStart(2, '0')}`);
  const repeats: { channel: string; title: string; at: number }[] = [];
  for (const c of CHANNELS) {
    const top = fake.postsIn(c).filter((p) => p.threadTs === null);
    const titles = titlesIn(fake, c);
    const deduped = titles.filter((x, i) => titles[i - 1] !== x);
    expect(deduped).toEqual(expected);
    titles.forEach((x, i) => {
      if (titles[i - 1] === x) repeats.push({ channel: c, title: x, at: top[i]!.at });
    });
    expect(titles.length - deduped.length).toBeLessThanOrEqual(1);
  }
  return repeats;
}

describe('SIGKILL mid-delivery, then restart', () => {
  it('same owner (single-instance SQLite): reclaims at start; nothing lost, duplicates ≤ in-flight', async () => {
    const first = await spawnWorker('run@test-host', 120_000);
    const inFlight = await killMidDelivery(first);
    expect(inFlight).toBeGreaterThan(0);
    const started = Date.now();
    const second = await spawnWorker('run@test-host', 120_000);
    await fake.waitFor(() => CHANNELS.every((c) => new Set(titlesIn(fake, c)).size === STORIES), 30_000);
    expect(Date.now() - started).toBeLessThan(20_000); // did not wait for the 120 s lease
    second.kill('SIGTERM');
    await once(second, 'exit');
    const repeats = check();
    expect(repeats.length).toBeGreaterThanOrEqual(1); // the request in flight at the kill was posted, then resent
    expect(await t.reopen().outboxDepth()).toBe(0);
  });

  it('another owner (another instance): takes over once the dead lease expires', async () => {
    const first = await spawnWorker('instance-a', 1_500);
    await killMidDelivery(first);
    const killedAt = Date.now();
    const second = await spawnWorker('instance-b', 1_500);
    await fake.waitFor(() => CHANNELS.every((c) => new Set(titlesIn(fake, c)).size === STORIES), 30_000);
    second.kill('SIGTERM');
    await once(second, 'exit');
    const repeats = check();
    expect(repeats.length).toBeGreaterThanOrEqual(1);
    // a message in flight at the kill is resent only once its lease (1.5 s from the claim) ran out
    for (const r of repeats) expect(r.at - killedAt).toBeGreaterThanOrEqual(1_000);
  });
});
