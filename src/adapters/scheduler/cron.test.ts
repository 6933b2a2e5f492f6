import { describe, expect, it } from 'vitest';
import type { Log } from '../../ports.js';
import { createCronScheduler } from './cron.js';

interface Line {
  level: string;
  msg: string;
}

/** A Log that records lines and lets a test await one. */
function recordingLog() {
  const lines: Line[] = [];
  const waiters: { match: (l: Line) => boolean; resolve: () => void }[] = [];
  const write = (level: string) => (obj: object | string, msg?: string) => {
    const line = { level, msg: typeof obj === 'string' ? obj : (msg ?? '') };
    lines.push(line);
    for (const w of waiters.filter((w) => w.match(line))) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve();
    }
  };
  const log: Log = { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error'), child: () => log };
  const waitFor = (match: (l: Line) => boolean) => new Promise<void>((resolve) => waiters.push({ match, resolve }));
  return { log, lines, waitFor };
}

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('cron scheduler', () => {
  it('skips a tick while the previous run is in flight, logging it at debug', async () => {
    const { log, lines } = recordingLog();
    const gate = deferred();
    let runs = 0;
    const s = createCronScheduler({ schedule: '* * * * *', name: 'poll', log, job: async () => { runs++; await gate.promise; } });
    const first = s.tick();
    expect(s.busy).toBe(true);
    expect(await s.tick()).toBe('skipped');
    expect(await s.tick()).toBe('skipped');
    expect(lines.filter((l) => l.level === 'debug' && /skipped/.test(l.msg))).toHaveLength(2);
    gate.resolve();
    expect(await first).toBe('ran');
    expect(s.busy).toBe(false);
    expect(await s.tick()).toBe('ran');
    expect(runs).toBe(2);
  });

  it('logs a failed run and runs again on the next tick', async () => {
    const { log, lines } = recordingLog();
    let n = 0;
    const s = createCronScheduler({ schedule: '* * * * *', name: 'poll', log, job: async () => { if (++n === 1) throw new Error('database locked'); } });
    expect(await s.tick()).toBe('failed');
    expect(lines.some((l) => l.level === 'error' && /run failed/.test(l.msg))).toBe(true);
    expect(await s.tick()).toBe('ran');
  });

  it('stop waits for the run in flight, or gives up at the timeout', async () => {
    const { log } = recordingLog();
    const gate = deferred();
    let finished = false;
    const s = createCronScheduler({ schedule: '* * * * *', name: 'poll', log, job: async () => { await gate.promise; finished = true; } });
    void s.tick();
    expect(await s.stop(20)).toBe(false);
    const stopping = s.stop(5_000);
    gate.resolve();
    expect(await stopping).toBe(true);
    expect(finished).toBe(true);
    expect(await s.stop(10)).toBe(true); // nothing left
  });

  it('refuses an expression that is not cron', () => {
    const { log } = recordingLog();
    expect(() => createCronScheduler({ schedule: 'every minute', name: 'poll', log, job: async () => undefined })).toThrow(
      expect.objectContaining({ code: 'scheduler_bad_schedule', input: 'every minute' }),
    );
  });

  it('fires on the real node-cron schedule and never overlaps a slow run', async () => {
    const { log, waitFor } = recordingLog();
    let running = 0;
    let maxRunning = 0;
    let runs = 0;
    const gate = deferred();
    const s = createCronScheduler({
      schedule: '* * * * * *', // every second
      name: 'poll',
      log,
      job: async () => {
        runs++;
        running++;
        maxRunning = Math.max(maxRunning, running);
        if (runs === 1) await gate.promise;
        running--;
      },
    });
    const skipped = waitFor((l) => /skipped/.test(l.msg));
    s.start();
    s.start(); // idempotent
    await skipped; // a second tick came while the first run was held
    gate.resolve();
    await waitFor((l) => /run finished/.test(l.msg));
    expect(await s.stop(5_000)).toBe(true);
    expect(maxRunning).toBe(1);
    expect(runs).toBeGreaterThanOrEqual(1);
  }, 10_000);
});
