import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { toAlertView } from '../../../core/format/alert.js';
import { sampleStory } from '../../../core/format/test-fixtures.js';
import { createConsoleCommands, createConsoleSink } from './index.js';

function capture(): { out: PassThrough; text: () => string } {
  const out = new PassThrough();
  let buf = '';
  out.on('data', (c: Buffer) => (buf += c.toString()));
  return { out, text: () => buf };
}

const alert = toAlertView(sampleStory(), { topics: [], topicName: (id) => id });
const dest = { platform: 'console' as const, workspace: '', channel: 'stdout' };

describe('console adapter', () => {
  it('prints alerts, follow-ups, updates and notices, with increasing message ids', async () => {
    const { out, text } = capture();
    const sink = createConsoleSink({ out, color: false });
    const a = await sink.send(dest, { kind: 'alert', alert }, { idempotencyKey: 'a' });
    const outlet = { feedId: 'l', source: 'Pacific Ledger', title: 'Auto deal', url: null, seenAt: alert.published };
    const b = await sink.send(dest, { kind: 'followup', alert, threadOf: a.messageId, outlet }, { idempotencyKey: 'b' });
    await sink.update(dest, a.messageId, { kind: 'alert', alert });
    await sink.send(dest, { kind: 'notice', text: 'Feed harbor failing since 08:00' }, { idempotencyKey: 'c' });
    expect([a.messageId, b.messageId]).toEqual(['console-1', 'console-2']);
    expect(text()).toContain('Japan and US agree to cut auto tariffs to 15%');
    expect(text()).toContain('Also reported by Pacific Ledger: Auto deal');
    expect(text()).toContain('console-1 updated — also reported by Pacific Ledger');
    expect(text()).toContain('⚠ Feed harbor failing since 08:00');
    expect(sink.minIntervalMs).toBe(0);
  });

  it('answers commands typed on stdin', async () => {
    const input = new PassThrough();
    const { out, text } = capture();
    const source = createConsoleCommands({ input, out, color: false });
    const seen: string[] = [];
    await source.start(async (req) => {
      seen.push(`${req.sub}|${req.args}|${req.channel}|${req.canManage}`);
      return { ephemeral: true, text: `*ok* ${req.sub}` };
    });
    input.write('/trade latest fx 3\n\nhelp\n');
    await new Promise((r) => setTimeout(r, 50));
    await source.stop();
    expect(seen).toEqual(['latest|fx 3|stdout|true', 'help||stdout|true']);
    expect(text()).toContain('ok latest');
  });
});
