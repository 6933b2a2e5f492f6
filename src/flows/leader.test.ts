import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSqliteStore } from '../adapters/store/sqlite/index.js';
import type { CommandReply, CommandSource, Store } from '../ports.js';
import { leaderOnly, type LeaderSource } from './leader.js';

const quiet = { debug() {}, info() {}, warn() {}, error() {}, child: () => quiet };
const TTL = 30_000;

/** A command source that records whether it runs; `failStart` makes its next start throw. */
function fakeSource(): CommandSource & { running: boolean; starts: number; failStart: boolean } {
  const s = {
    platform: 'discord' as const,
    running: false,
    starts: 0,
    failStart: false,
    async start() {
      if (s.failStart) throw new Error('gateway unreachable');
      s.running = true;
      s.starts++;
    },
    async stop() {
      s.running = false;
    },
  };
  return s;
}

let dir: string;
const stores: Store[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Two instances (two connections to one SQLite file) with a clock the test moves. */
function setup() {
  dir = mkdtempSync(join(tmpdir(), 'tradewire-leader-'));
  let t = Date.parse('2025-06-02T09:00:00.000Z');
  const clock = { now: () => new Date(t) };
  const make = (owner: string): { leader: LeaderSource; inner: ReturnType<typeof fakeSource>; store: Store } => {
    const store = createSqliteStore({ path: join(dir, 'leader.db') });
    stores.push(store);
    const inner = fakeSource();
    const leader = leaderOnly(inner, { store, name: 'discord-gateway', owner, ttlMs: TTL, clock, log: quiet, every: () => () => undefined });
    return { leader, inner, store };
  };
  return { a: make('A'), b: make('B'), advance: (ms: number) => void (t += ms) };
}

const handle = async (): Promise<CommandReply> => ({ ephemeral: true, text: 'ok' });

describe('leaderOnly', () => {
  it('runs the source on one instance; the other takes over when the leader stops', async () => {
    const { a, b, advance } = setup();
    await a.leader.start(handle);
    await b.leader.start(handle);
    expect([a.inner.running, b.inner.running]).toEqual([true, false]);
    expect([a.leader.isLeader(), b.leader.isLeader()]).toEqual([true, false]);

    advance(10_000);
    await Promise.all([a.leader.tick(), b.leader.tick()]); // renewals keep it where it is
    expect([a.inner.running, b.inner.running]).toEqual([true, false]);

    await a.leader.stop(); // a graceful stop hands over at once
    expect(a.inner.running).toBe(false);
    await b.leader.tick();
    expect(b.inner.running).toBe(true);
  });

  it('takes over from a dead leader only once its lease has expired', async () => {
    const { a, b, advance } = setup();
    await a.leader.start(handle);
    await b.leader.start(handle);
    // a dies: it renews no more
    advance(TTL - 1);
    await b.leader.tick();
    expect(b.inner.running).toBe(false);
    advance(1);
    await b.leader.tick();
    expect(b.inner.running).toBe(true);
    // a comes back (a paused process): it finds the lease taken and steps down
    await a.leader.tick();
    expect([a.inner.running, b.inner.running]).toEqual([false, true]);
  });

  it('stops its source when it cannot renew before the lease could pass to another', async () => {
    const { a, advance } = setup();
    await a.leader.start(handle);
    await a.store.close(); // the database is unreachable from here on
    advance(TTL * 0.5);
    await a.leader.tick();
    expect(a.inner.running).toBe(true); // still inside its lease
    advance(TTL * 0.3);
    await a.leader.tick();
    expect(a.inner.running).toBe(false);
  });

  it('releases the lease when the source fails to start, so another instance can try', async () => {
    const { a, b } = setup();
    a.inner.failStart = true;
    await a.leader.start(handle);
    expect(a.leader.isLeader()).toBe(false);
    await b.leader.start(handle);
    expect(b.inner.running).toBe(true);
  });
});
