/**
 * The Discord sink (real @discordjs/rest) against the fake Discord: embeds and nonce on the wire,
 * duplicate sends collapsed by the nonce, rate limits and errors translated for the outbox.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDiscordSink } from '../../src/adapters/chat/discord/sink.js';
import { createSinkRest } from '../../src/adapters/chat/discord/rest.js';
import { toAlertView } from '../../src/core/format/alert.js';
import { sampleStory } from '../../src/core/format/test-fixtures.js';
import type { ChatSink, OutgoingMessage } from '../../src/ports.js';
import { discordPayloadProblems } from '../harness/discord-limits.js';
import { startFakeDiscord, type FakeDiscord } from '../harness/fake-discord.js';
import { failureOf as failure } from './helpers.js';

const CH = '300000000000000001';
const CH2 = '300000000000000002';
const dest = (channel = CH) => ({ platform: 'discord' as const, workspace: '200000000000000001', channel });
const alert = toAlertView(sampleStory(), { topics: ['tariffs'], topicName: (id) => id });
const msg: OutgoingMessage = { kind: 'alert', alert: { ...alert, mention: '777777777777777777' } };
let fake: FakeDiscord;
let sink: ChatSink;

beforeAll(async () => {
  fake = await startFakeDiscord();
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.reset();
  sink = createDiscordSink({ rest: createSinkRest(fake.token, { apiUrl: `${fake.apiUrl}/v10/`, timeoutMs: 2_000 }), minIntervalMs: 0 });
});


describe('Discord sink', () => {
  it('posts the alert embed with a stable nonce, enforce_nonce and no pings but the role', async () => {
    const { messageId } = await sink.send(dest(), msg, { idempotencyKey: 'tw-d1-1' });
    const [posted] = fake.messagesIn(CH);
    expect(posted!.id).toBe(messageId);
    const body = posted!.body;
    expect(body.enforce_nonce).toBe(true);
    expect(typeof body.nonce === 'string' && body.nonce.length <= 25).toBe(true);
    expect(body.allowed_mentions).toEqual({ parse: [], roles: ['777777777777777777'] });
    expect(body.content).toBe('<@&777777777777777777>');
    expect((body.embeds as { title: string }[])[0]!.title).toBe(alert.title);
    expect(discordPayloadProblems(body)).toEqual([]);
    expect(fake.requests[0]!.auth).toBe(`Bot ${fake.token}`);
  });

  it('a resend with the same idempotency key returns the message already posted', async () => {
    const a = await sink.send(dest(), msg, { idempotencyKey: 'tw-d2-1' });
    const b = await sink.send(dest(), msg, { idempotencyKey: 'tw-d2-1' });
    const c = await sink.send(dest(), msg, { idempotencyKey: 'tw-d3-1' });
    expect(b.messageId).toBe(a.messageId);
    expect(c.messageId).not.toBe(a.messageId);
    expect(fake.messagesIn(CH)).toHaveLength(2);
    expect(fake.nonceHits).toBe(1);
  });

  it('a per-route 429 is handed to the outbox at once with Retry-After, nothing posted, no hidden retry', async () => {
    fake.rateLimit({ route: /^POST \/channels\/\d+\/messages$/, retryAfter: 2.5 });
    const f = await failure(sink.send(dest(), msg, { idempotencyKey: 'k1' }));
    expect(f.kind).toBe('rate-limited');
    expect(f.code).toBe('rate_limited');
    expect(f.retryAfterMs).toBeGreaterThanOrEqual(2_500);
    expect(fake.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
    expect(fake.messages).toHaveLength(0);
  });

  it('a global 429 holds every channel until it passes (refused client-side, not sent)', async () => {
    fake.rateLimit({ route: /^POST \/channels\/\d+\/messages$/, retryAfter: 0.6, global: true });
    const f = await failure(sink.send(dest(CH), msg, { idempotencyKey: 'g1' }));
    expect(f.code).toBe('rate_limited_global');
    const g = await failure(sink.send(dest(CH2), msg, { idempotencyKey: 'g2' }));
    expect(g.kind).toBe('rate-limited');
    expect(g.retryAfterMs).toBeGreaterThan(0);
    expect(fake.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
    await new Promise((r) => setTimeout(r, (g.retryAfterMs ?? 0) + 50));
    await sink.send(dest(CH2), msg, { idempotencyKey: 'g2' });
    expect(fake.messagesIn(CH2)).toHaveLength(1);
  });

  it.each([
    [500, 0, 'transient', 'http_500', undefined],
    [404, 10003, 'permanent', 'unknown_channel', 'destination'],
    [403, 50001, 'permanent', 'missing_access', 'destination'],
    [403, 50013, 'permanent', 'missing_permissions', 'destination'],
    [401, 0, 'permanent', 'unauthorized', 'destination'],
    [400, 50035, 'permanent', 'invalid_form_body', 'message'],
  ])('HTTP %i code %i → %s %s', async (status, code, kind, expected, affects) => {
    fake.fail({ route: /^POST \/channels\/\d+\/messages$/, status, code });
    const f = await failure(sink.send(dest(), msg, { idempotencyKey: `f${status}${code}` }));
    expect({ kind: f.kind, code: f.code, affects: f.affects }).toEqual({ kind, code: expected, affects });
    expect(fake.requests.filter((r) => r.method === 'POST')).toHaveLength(1); // no retries inside the client
  });

  it('a broken channel and a wrong token are permanent; a network failure is transient', async () => {
    fake.breakChannel(CH2, 'missing-permissions');
    expect((await failure(sink.send(dest(CH2), msg, { idempotencyKey: 'b' }))).code).toBe('missing_permissions');
    const bad = createDiscordSink({ rest: createSinkRest('wrong-token', { apiUrl: fake.apiUrl }) });
    expect(await failure(bad.send(dest(), msg, { idempotencyKey: 'w' }))).toMatchObject({ kind: 'permanent', code: 'unauthorized' });
    const down = createDiscordSink({ rest: createSinkRest('t', { apiUrl: 'http://127.0.0.1:1/api' }) });
    expect(await failure(down.send(dest(), msg, { idempotencyKey: 'n' }))).toMatchObject({ kind: 'transient', code: 'network' });
  });

  it('follow-up: edits the original, replies referencing it', async () => {
    const { messageId } = await sink.send(dest(), msg, { idempotencyKey: 'o1' });
    const outlet = { feedId: 'l', source: 'Pacific Ledger', title: 'Auto deal', url: 'https://ledger.example/a', seenAt: alert.published };
    const refreshed = { ...alert, alsoReportedBy: [...alert.alsoReportedBy, { source: 'Pacific Ledger 2', url: null }] };
    await sink.update(dest(), messageId, { kind: 'alert', alert: refreshed });
    await sink.send(dest(), { kind: 'followup', alert: refreshed, threadOf: messageId, outlet }, { idempotencyKey: 'o2' });
    const [original, reply] = fake.messagesIn(CH);
    expect(JSON.stringify(original!.current.embeds)).toContain('Pacific Ledger 2');
    expect(reply!.body.message_reference).toEqual({ message_id: messageId, fail_if_not_exists: false });
    expect(reply!.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(await failure(sink.update(dest(), '999', { kind: 'alert', alert }))).toMatchObject({ kind: 'permanent', code: 'unknown_message', affects: 'message' });
  });
});
