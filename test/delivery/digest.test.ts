/**
 * Digest subscriptions: stories collect until the subscription's daily slot, then go out as one
 * message per destination grouped by topic (real store, real Slack sink, fake Slack).
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { article } from '../../src/adapters/store/contract/fixtures.contract.js';
import { drainOutbox } from '../../src/flows/deliver.js';
import { slackPayloadProblems } from '../harness/slack-limits.js';
import { deps, slackSink, subscribe, testClock, useSlackAndStore } from './helpers.js';

const ctx = useSlackAndStore({ beforeAll, afterAll, beforeEach, afterEach });

/** "HH:MM" a few minutes from now in UTC (the next slot is then minutes away, not a day). */
function soon(minutes: number): string {
  const d = new Date(Date.now() + minutes * 60_000);
  return `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
}

describe('digest', () => {
  it('holds stories until the slot, then sends one message grouped by topic', async () => {
    const { fake, t } = ctx;
    const time = soon(3);
    await subscribe(t.store, 'CDIGEST', ['tariffs', 'fx'], { daily: { time, timezone: 'UTC' } });
    await subscribe(t.store, 'CLIVE', ['fx']);
    const clock = testClock();
    const d = deps(t.store, slackSink(fake), { clock });
    await t.store.ingest(article({ title: 'Tariff story A', topics: ['tariffs'], published: '2025-06-02T08:00:00.000Z' }), clock.now().toISOString());
    await t.store.ingest(article({ title: 'Yen story', topics: ['fx'], published: '2025-06-02T09:00:00.000Z' }), clock.now().toISOString());
    await t.store.ingest(article({ title: 'Tariff story B', topics: ['tariffs', 'fx'], published: '2025-06-02T10:00:00.000Z' }), clock.now().toISOString());
    const before = await drainOutbox(d, { maxWaitMs: 0 });
    expect(before).toMatchObject({ sent: 2, pending: 3 }); // the live channel got both fx stories at once
    expect(fake.postsIn('CDIGEST')).toHaveLength(0);

    clock.advance(5 * 60_000);
    const after = await drainOutbox(d, { maxWaitMs: 0 });
    expect(after).toMatchObject({ sent: 1, pending: 0 });
    const [digest] = fake.postsIn('CDIGEST');
    expect(digest!.text).toBe(`tradewire digest · ${time} UTC: 3 stories — Tariffs (2), FX / currency (1)`);
    const sections = digest!.blocks!.filter((b) => (b as { type: string }).type === 'section').map((b) => JSON.stringify(b));
    expect(sections[0]).toContain('*Tariffs*');
    expect(sections[0]!.indexOf('Tariff story B')).toBeLessThan(sections[0]!.indexOf('Tariff story A')); // newest first
    expect(sections[1]).toContain('*FX / currency*');
    expect(sections[1]).toContain('Yen story');
    expect(slackPayloadProblems({ text: digest!.text, blocks: digest!.blocks! })).toEqual([]);
    const rows = await t.store.listDeliveries({ status: 'sent' });
    expect(rows.filter((r) => r.kind === 'digest').every((r) => r.messageId === digest!.ts)).toBe(true);
  });
});
