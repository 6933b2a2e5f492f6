/**
 * `tradewire subs list | resume`: the way back for a paused subscription no one can run
 * `/trade subscribe` for (a webhook, an unchanged subscriptions.yaml entry), on the real SQLite store.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSqliteStore } from '../../src/adapters/store/sqlite/index.js';
import { runSubs } from '../../src/cli/subs.js';
import { capture, slackDest, tempConfig } from './helpers.js';

const T0 = '2025-06-02T09:00:00.000Z';
let cleanup: (() => void) | null = null;
afterEach(() => cleanup?.());

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const stdout = capture();
  const stderr = capture();
  const code = await runSubs(argv, { stdout: stdout.stream, stderr: stderr.stream, stdin: process.stdin, env: {} }, { now: () => new Date(T0) });
  return { code, out: stdout.text(), err: stderr.text() };
}

describe('tradewire subs', () => {
  it('lists subscriptions with where they came from, and resumes the paused ones of one channel', async () => {
    const cfg = tempConfig({ feeds: 'feeds: []\n', subscriptions: 'subscriptions: []\n' });
    cleanup = cfg.cleanup;
    const store = createSqliteStore({ path: join(cfg.dir, 'tradewire.db') });
    const hook = { platform: 'webhook' as const, workspace: '', channel: 'https://hooks.slack.com/services/T1/B1/secret' };
    await store.subscribe({ destination: slackDest('C1'), topic: 'fx', mode: { kind: 'instant' }, createdBy: 'config' }, T0);
    await store.subscribe({ destination: slackDest('C1'), topic: 'g20', mode: { kind: 'digest', time: '08:00', timezone: 'Asia/Tokyo' }, mention: 'S1', createdBy: 'U1' }, T0);
    await store.subscribe({ destination: hook, topic: 'fx', mode: { kind: 'instant' }, createdBy: 'config' }, T0);
    await store.pauseDestination(slackDest('C1'), 'is_archived: channel archived', T0);
    await store.pauseDestination(hook, 'webhook_gone: 404', T0);
    await store.close();

    const list = await run(['list', '--config', cfg.dir]);
    expect(list.code).toBe(0);
    expect(list.out).toContain('slack channel C1  fx  instant  (subscriptions.yaml)  PAUSED since 2025-06-02T09:00:00.000Z: is_archived');
    expect(list.out).toContain('a webhook on hooks.slack.com  fx');
    expect(list.out).not.toContain('secret'); // a webhook URL is a secret

    const resumed = await run(['resume', '--channel', 'C1', '--config', cfg.dir]);
    expect(resumed).toMatchObject({ code: 0, err: '' });
    expect(resumed.out).toContain('resumed 2 subscriptions');
    const again = createSqliteStore({ path: join(cfg.dir, 'tradewire.db') });
    const subs = await again.listSubscriptions();
    expect(subs.map((s) => [s.destination.platform, s.topic, s.pausedAt === null, s.mention, s.mode.kind])).toEqual([
      ['slack', 'fx', true, null, 'instant'],
      ['slack', 'g20', true, 'S1', 'digest'], // its own mode and mention kept
      ['webhook', 'fx', false, null, 'instant'],
    ]);
    await again.close();
    expect((await run(['resume', '--config', cfg.dir])).out).toContain('resumed 1 subscription');
    expect((await run(['resume', '--config', cfg.dir])).out).toContain('nothing paused');
  });

  it('explains its usage', async () => {
    const r = await run(['pause']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('usage: tradewire subs list');
  });
});
