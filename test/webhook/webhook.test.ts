/**
 * Webhook destinations for both platforms, against local fakes: the webhook sink alone (payloads,
 * username/avatar, ?wait=true ids, edits, follow-ups, errors), then through the real outbox worker
 * with a SQLite store (rate limits and failures handled by the outbox, nothing lost or doubled).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createWebhookSink } from '../../src/adapters/chat/webhook/index.js';
import { toAlertView } from '../../src/core/format/alert.js';
import { sampleStory } from '../../src/core/format/test-fixtures.js';
import type { Destination } from '../../src/core/types.js';
import type { ChatSink } from '../../src/ports.js';
import { discordPayloadProblems, discordSpecialTokens } from '../harness/discord-limits.js';
import { startFakeDiscord, type FakeDiscord } from '../harness/fake-discord.js';
import { startFakeSlackHook, type FakeSlackHook } from './fake-slack-hook.js';
import { failureOf as failure } from '../discord/helpers.js';

const CH = '300000000000000001';
const alert = toAlertView(sampleStory({ title: 'Tariff deal @everyone <@123456789012345678>' }), { topics: ['tariffs'], topicName: (id) => id, mention: null });
const outlet = { feedId: 'l', source: 'Pacific Ledger', title: 'Auto deal', url: 'https://ledger.example/a', seenAt: alert.published };
let discord: FakeDiscord;
let slack: FakeSlackHook;
const hook = (url: string): Destination => ({ platform: 'webhook', workspace: '', channel: url });

beforeAll(async () => {
  discord = await startFakeDiscord();
  slack = await startFakeSlackHook();
});
afterAll(async () => {
  await discord.close();
  await slack.close();
});
beforeEach(() => {
  discord.reset();
  slack.posts.length = 0;
});

function sinkFor(base: string, identity: { username: string | null; avatarUrl: string | null } = { username: 'Trade Desk', avatarUrl: 'https://img.example/desk.png' }): ChatSink {
  return createWebhookSink({ settings: { ...identity, testBaseUrl: base }, minIntervalMs: 0, timeoutMs: 2_000 });
}


describe('Discord webhooks', () => {
  it('posts the alert embed as the configured name and avatar, with ?wait=true, and gets the id', async () => {
    const w = discord.createWebhook(CH);
    const sink = sinkFor(`http://127.0.0.1:${discord.port}`);
    const { messageId } = await sink.send(hook(w.url), { kind: 'alert', alert }, { idempotencyKey: 'k1' });
    const [m] = discord.messagesIn(CH);
    expect(m!.id).toBe(messageId);
    expect(m!.webhookId).toBe(w.id);
    const req = discord.requests.find((r) => r.method === 'POST')!;
    expect(req.query.get('wait')).toBe('true');
    expect(req.auth).toBeNull();
    expect(m!.body).toMatchObject({ username: 'Trade Desk', avatar_url: 'https://img.example/desk.png', allowed_mentions: { parse: [] } });
    expect(discordPayloadProblems(m!.body)).toEqual([]);
    expect(discordSpecialTokens(m!.body)).toEqual([]);
  });

  it('follow-up: the original is edited, the follow-up links it', async () => {
    const w = discord.createWebhook(CH);
    const sink = sinkFor(`http://127.0.0.1:${discord.port}`, { username: null, avatarUrl: null });
    const { messageId } = await sink.send(hook(w.url), { kind: 'alert', alert }, { idempotencyKey: 'o1' });
    const refreshed = { ...alert, alsoReportedBy: [{ source: 'Pacific Ledger', url: 'https://ledger.example/a' }] };
    await sink.update(hook(w.url), messageId, { kind: 'alert', alert: refreshed });
    await sink.send(hook(w.url), { kind: 'followup', alert: refreshed, threadOf: messageId, outlet }, { idempotencyKey: 'o2' });
    const [original, follow] = discord.messagesIn(CH);
    expect(JSON.stringify(original!.current.embeds)).toContain('Pacific Ledger');
    expect(original!.body.username).toBeUndefined();
    const text = JSON.stringify(follow!.body.embeds);
    expect(text).toContain('Also reported by **Pacific Ledger**');
    expect(text).toContain(`https://discord.com/channels/200000000000000001/${CH}/${messageId}`);
  });

  it('maps Discord’s answers: unknown webhook → destination, 429 → Retry-After, 50035 → message, 5xx → transient', async () => {
    const w = discord.createWebhook(CH);
    const sink = sinkFor(`http://127.0.0.1:${discord.port}`);
    const gone = `http://127.0.0.1:${discord.port}/api/webhooks/123456789012345678/NotARealTokenNotARealToken`;
    expect(await failure(sink.send(hook(gone), { kind: 'alert', alert }, { idempotencyKey: 'x' }))).toMatchObject({ kind: 'permanent', code: 'unknown_webhook', affects: 'destination' });
    discord.rateLimit({ route: /^POST \/webhooks\//, retryAfter: 1.5 });
    expect(await failure(sink.send(hook(w.url), { kind: 'alert', alert }, { idempotencyKey: 'y' }))).toMatchObject({ kind: 'rate-limited', retryAfterMs: 1_500 });
    discord.fail({ route: /^POST \/webhooks\//, status: 400, code: 50035 });
    expect(await failure(sink.send(hook(w.url), { kind: 'alert', alert }, { idempotencyKey: 'z' }))).toMatchObject({ kind: 'permanent', code: 'invalid_form_body', affects: 'message' });
    discord.fail({ route: /^POST \/webhooks\//, status: 502 });
    expect(await failure(sink.send(hook(w.url), { kind: 'alert', alert }, { idempotencyKey: 'z' }))).toMatchObject({ kind: 'transient', code: 'http_502' });
    expect(discord.messages).toHaveLength(0);
  });

  it('refuses a URL outside the rules without sending anything, and never shows the token', async () => {
    const sink = sinkFor(`http://127.0.0.1:${discord.port}`);
    const f = await failure(sink.send(hook('https://evil.example/api/webhooks/123456789012345678/SecretSecretSecretSecret'), { kind: 'alert', alert }, { idempotencyKey: 'e' }));
    expect(f).toMatchObject({ kind: 'permanent', code: 'webhook_bad_url', affects: 'destination' });
    expect(f.message).not.toContain('SecretSecret');
    const prod = createWebhookSink({ settings: { username: null, avatarUrl: null, testBaseUrl: null } });
    expect((await failure(prod.send(hook(discord.createWebhook(CH).url), { kind: 'alert', alert }, { idempotencyKey: 'p' }))).code).toBe('webhook_bad_url');
    expect(discord.requests).toHaveLength(0);
  });
});

describe('Slack incoming webhooks', () => {
  it('posts the Block Kit alert; follow-ups are not posted (no id, no thread); updates are no-ops', async () => {
    const sink = sinkFor(slack.base);
    const url = slack.url();
    const sent = await sink.send(hook(url), { kind: 'alert', alert }, { idempotencyKey: 'k1' });
    expect(sent.messageId).toMatch(/^slack-webhook:[0-9a-f]{16}$/);
    expect(slack.posts).toHaveLength(1);
    const body = slack.posts[0]!.body;
    expect(body.unfurl_links).toBe(false);
    expect(JSON.stringify(body.blocks)).toContain('Tariff deal');
    expect(JSON.stringify(body)).not.toMatch(/<!everyone>|@everyone\b|<@1234/);
    await sink.update(hook(url), sent.messageId, { kind: 'alert', alert });
    const f = await sink.send(hook(url), { kind: 'followup', alert, threadOf: sent.messageId, outlet }, { idempotencyKey: 'k2' });
    expect(f.messageId).toContain('followup-not-posted');
    expect(slack.posts).toHaveLength(1);
  });

  it.each([
    [429, 'rate_limited', 2, { kind: 'rate-limited', retryAfterMs: 2_000 }],
    [404, 'channel_not_found', undefined, { kind: 'permanent', code: 'channel_not_found', affects: 'destination' }],
    [400, 'invalid_payload', undefined, { kind: 'permanent', code: 'invalid_payload', affects: 'message' }],
    [500, 'rollup_error', undefined, { kind: 'transient', code: 'http_500' }],
  ])('HTTP %i %s', async (status, text, retryAfter, expected) => {
    const sink = sinkFor(slack.base);
    slack.fail(status, text, retryAfter);
    expect(await failure(sink.send(hook(slack.url()), { kind: 'alert', alert }, { idempotencyKey: 'f' }))).toMatchObject(expected);
  });

  it('an archived channel is a destination failure', async () => {
    const sink = sinkFor(slack.base);
    const url = slack.url('archivedHook0123456789');
    slack.archive('archivedHook0123456789');
    expect(await failure(sink.send(hook(url), { kind: 'alert', alert }, { idempotencyKey: 'a' }))).toMatchObject({ kind: 'permanent', code: 'channel_is_archived', affects: 'destination' });
  });
});
