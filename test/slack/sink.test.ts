/**
 * The Slack ChatSink with the real WebClient against the fake Slack: payloads, thread replies,
 * updates, and every failure class translated once, with no retries hidden inside the client.
 */
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { createSlackSink, createSlackWebClient } from '../../src/adapters/chat/slack/index.js';
import { toAlertView } from '../../src/core/format/alert.js';
import { sampleStory } from '../../src/core/format/test-fixtures.js';
import type { Destination } from '../../src/core/types.js';
import { startFakeSlack } from '../harness/fake-slack.js';

const log = pino({ level: 'silent' });
const fake = await startFakeSlack();
const client = createSlackWebClient('xoxb-test', { apiUrl: fake.apiUrl, log });
const sink = createSlackSink({ client });
const dest: Destination = { platform: 'slack', workspace: '', channel: 'C0ALERTS' };
const alert = toAlertView(sampleStory(), { topics: ['tariffs'], topicName: (id) => (id === 'tariffs' ? 'Tariffs' : id), mention: 'S0DESK' });
const options = { idempotencyKey: 'd1' };

beforeEach(() => fake.reset());
afterAll(() => fake.close());

describe('slack sink', () => {
  it('posts blocks with a text fallback, unfurling off, and returns the ts', async () => {
    const { messageId } = await sink.send(dest, { kind: 'alert', alert }, options);
    const call = fake.calls.find((c) => c.method === 'chat.postMessage')!;
    expect(call.token).toBe('xoxb-test');
    expect(call.params).toMatchObject({ channel: 'C0ALERTS', unfurl_links: 'false', unfurl_media: 'false', link_names: 'false' });
    expect(fake.posts[0]!.ts).toBe(messageId);
    expect(fake.posts[0]!.text).toContain('<!subteam^S0DESK>');
    expect(JSON.stringify(fake.posts[0]!.blocks)).toContain('— Ryosei Akazawa');
    expect(sink.minIntervalMs).toBe(1000);
  });

  it('replies in the thread and updates the original', async () => {
    const { messageId } = await sink.send(dest, { kind: 'alert', alert }, options);
    const outlet = { feedId: 'l', source: 'Pacific Ledger', title: 'Auto deal', url: 'https://ledger.example/a', seenAt: alert.published };
    const updated = { ...alert, alsoReportedBy: [{ source: 'Pacific Ledger', url: 'https://ledger.example/a' }] };
    await sink.send(dest, { kind: 'followup', alert: updated, threadOf: messageId, outlet }, { idempotencyKey: 'd2' });
    await sink.update(dest, messageId, { kind: 'alert', alert: updated });
    expect(fake.posts).toHaveLength(2);
    expect(fake.posts[1]!.threadTs).toBe(messageId);
    expect(fake.posts[1]!.text).toContain('Also reported by Pacific Ledger');
    expect(JSON.stringify(fake.posts[0]!.current.blocks)).toContain('Also reported by <https://ledger.example/a|Pacific Ledger>');
  });

  it.each([
    [{ status: 429, retryAfter: 7 }, { kind: 'rate-limited', code: 'ratelimited', retryAfterMs: 7000 }],
    [{ status: 503 }, { kind: 'transient', code: 'http_503' }],
    [{ status: 200, error: 'internal_error' }, { kind: 'transient', code: 'internal_error' }],
    [{ status: 200, error: 'channel_not_found' }, { kind: 'permanent', code: 'channel_not_found', affects: 'destination' }],
    [{ status: 200, error: 'not_in_channel' }, { kind: 'permanent', code: 'not_in_channel', affects: 'destination' }],
    [{ status: 200, error: 'missing_scope' }, { kind: 'permanent', code: 'missing_scope', affects: 'destination' }],
    [{ status: 200, error: 'invalid_blocks' }, { kind: 'permanent', code: 'invalid_blocks', affects: 'message' }],
  ])('translates %j at once, without client retries', async (fault, expected) => {
    fake.fail('chat.postMessage', fault);
    await expect(sink.send(dest, { kind: 'alert', alert }, options)).rejects.toMatchObject(expected);
    expect(fake.calls.filter((c) => c.method === 'chat.postMessage')).toHaveLength(1);
  });

  it('reports archived channels and revoked tokens as permanent', async () => {
    fake.archive('C0ALERTS');
    await expect(sink.send(dest, { kind: 'alert', alert }, options)).rejects.toMatchObject({ kind: 'permanent', code: 'is_archived' });
    fake.revokeToken('xoxb-test');
    await expect(sink.send({ ...dest, channel: 'C0OTHER' }, { kind: 'alert', alert }, options)).rejects.toMatchObject({ kind: 'permanent', code: 'token_revoked' });
  });

  it('reports an unreachable Slack as a transient network error', async () => {
    const dead = createSlackSink({ client: createSlackWebClient('xoxb-test', { apiUrl: 'http://127.0.0.1:9/api/', log, timeoutMs: 2000 }) });
    await expect(dead.send(dest, { kind: 'notice', text: 'x' }, options)).rejects.toMatchObject({ kind: 'transient', code: 'network' });
  });

  it('a thread reply needs a top-level message of that channel (Slack would hide it otherwise)', async () => {
    const { messageId } = await sink.send(dest, { kind: 'alert', alert }, options);
    const outlet = { feedId: 'l', source: 'Pacific Ledger', title: 'Auto deal', url: 'https://ledger.example/a', seenAt: alert.published };
    const reply = (threadOf: string, channel = dest.channel) => sink.send({ ...dest, channel }, { kind: 'followup', alert, threadOf, outlet }, { idempotencyKey: 'd3' });
    await expect(reply('1700000000.999999')).rejects.toMatchObject({ kind: 'permanent', code: 'thread_not_found', affects: 'message' });
    await expect(reply(messageId, 'C0OTHER')).rejects.toMatchObject({ code: 'thread_not_found' }); // another channel's message
    const { messageId: replyTs } = await reply(messageId);
    await expect(reply(replyTs)).rejects.toMatchObject({ code: 'thread_not_found' }); // a reply is not a thread
    expect(fake.posts.map((p) => p.threadTs)).toEqual([null, messageId]);
  });

  it('chat.update is rate limited like Slack (Tier 3) and answered with Retry-After', async () => {
    const tier = await startFakeSlack({ updatesPerMinute: 2 });
    try {
      const s2 = createSlackSink({ client: createSlackWebClient('xoxb-test', { apiUrl: tier.apiUrl, log }) });
      const { messageId } = await s2.send(dest, { kind: 'alert', alert }, options);
      await s2.update(dest, messageId, { kind: 'alert', alert });
      await s2.update(dest, messageId, { kind: 'alert', alert });
      await expect(s2.update(dest, messageId, { kind: 'alert', alert })).rejects.toMatchObject({ kind: 'rate-limited', code: 'ratelimited' });
      expect(tier.posts[0]!.updates).toHaveLength(2);
    } finally {
      await tier.close();
    }
  });

  it('a message deleted before its update is a message-level failure', async () => {
    await expect(sink.update(dest, '123.456', { kind: 'alert', alert })).rejects.toMatchObject({ kind: 'permanent', code: 'message_not_found', affects: 'message' });
  });
});
