/**
 * The outbox worker on the real SQLite store, sending through the real Slack sink to the fake
 * Slack: content, order per channel, 429 and 5xx handling, permanent failures and pausing,
 * follow-ups in threads, mentions only from subscriptions.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { article } from '../../src/adapters/store/contract/fixtures.contract.js';
import { backoffDelay } from '../../src/core/backoff.js';
import { createDeliveryWorker, drainOutbox } from '../../src/flows/deliver.js';
import { allStrings, specialTokens } from '../harness/slack-limits.js';
import type { FakeSlack } from '../harness/fake-slack.js';
import { deps, FAST, slackDest, slackSink, subscribe, titlesIn, useSlackAndStore, type TempStore } from './helpers.js';

const ctx = useSlackAndStore({ beforeAll, afterAll, beforeEach, afterEach });
let fake: FakeSlack;
let t: TempStore;
beforeEach(() => ({ fake, t } = ctx));

const quote = { text: 'This protects jobs on both sides of the Pacific', speaker: 'Ryosei Akazawa' };
const now = (): string => new Date().toISOString();

async function ingest(title: string, topics: string[], over: Parameters<typeof article>[0] = {}) {
  return t.store.ingest(article({ title, topics, quotes: [quote], ...over }), now());
}

describe('delivering alerts', () => {
  it('posts one message per story and channel naming every followed topic, with summary and quotes, and records the ts', async () => {
    await subscribe(t.store, 'C1', ['tariffs', 'us-japan'], { mention: 'S0DESK' });
    await subscribe(t.store, 'C2', ['fx']);
    const out = await ingest('Japan and US cut auto tariffs', ['tariffs', 'us-japan']);
    const report = await drainOutbox(deps(t.store, slackSink(fake)));
    expect(report).toMatchObject({ sent: 1, failed: 0, pending: 0 });
    expect(fake.posts).toHaveLength(1);
    const post = fake.posts[0]!;
    expect(post.channel).toBe('C1');
    expect(post.text).toBe('<!subteam^S0DESK> [Tariffs · US–Japan] Japan and US cut auto tariffs — wire news');
    const body = JSON.stringify(post.blocks);
    expect(body).toContain('Tariffs · US–Japan');
    expect(body).toMatch(/"plain_text","text":"Summary \d+\."/);
    expect(body).toContain('“This protects jobs on both sides of the Pacific”');
    expect(body).toContain('— Ryosei Akazawa');
    const [row] = await t.store.listDeliveries({ storyId: out.storyId! });
    expect(row).toMatchObject({ status: 'sent', messageId: post.ts });
  });

  it('keeps each channel in order while channels proceed concurrently', async () => {
    for (const c of ['C1', 'C2', 'C3']) await subscribe(t.store, c, ['fx']);
    for (let i = 0; i < 6; i += 1) await ingest(`Story ${i}`, ['fx']);
    await drainOutbox(deps(t.store, slackSink(fake, 30)));
    for (const c of ['C1', 'C2', 'C3']) expect(titlesIn(fake, c)).toEqual(['Story 0', 'Story 1', 'Story 2', 'Story 3', 'Story 4', 'Story 5']);
    // pacing: 30 ms between two posts to one channel, but the channels interleave
    const c1 = fake.postsIn('C1').map((p) => p.at);
    for (let i = 1; i < c1.length; i += 1) expect(c1[i]! - c1[i - 1]!).toBeGreaterThanOrEqual(29);
    const first = fake.posts.slice(0, 3).map((p) => p.channel).sort();
    expect(first).toEqual(['C1', 'C2', 'C3']);
  });

  it('retries a 429 after Retry-After, keeps the channel in order, and lets other channels go on meanwhile', async () => {
    await subscribe(t.store, 'C1', ['fx']);
    await subscribe(t.store, 'C2', ['fx']);
    for (let i = 0; i < 3; i += 1) await ingest(`Story ${i}`, ['fx']);
    fake.fail('chat.postMessage', { status: 429, retryAfter: 1, channel: 'C1' });
    const started = Date.now();
    const report = await drainOutbox(deps(t.store, slackSink(fake)));
    expect(report).toMatchObject({ sent: 6, retried: 1, failed: 0, pending: 0 });
    expect(titlesIn(fake, 'C1')).toEqual(['Story 0', 'Story 1', 'Story 2']);
    expect(titlesIn(fake, 'C2')).toEqual(['Story 0', 'Story 1', 'Story 2']);
    // C2 was done long before C1's Retry-After ran out
    const c2Done = fake.postsIn('C2').at(-1)!.at;
    const c1First = fake.postsIn('C1')[0]!.at;
    expect(c1First - started).toBeGreaterThanOrEqual(950);
    expect(c2Done).toBeLessThan(c1First);
    expect(fake.calls.filter((c) => c.method === 'chat.postMessage' && c.params.channel === 'C1')).toHaveLength(4);
  });

  it('backs off exponentially (with the injected jitter) on 5xx, then delivers', async () => {
    await subscribe(t.store, 'C1', ['fx']);
    const out = await ingest('Story', ['fx']);
    fake.fail('chat.postMessage', { status: 503, times: 2 });
    const d = deps(t.store, slackSink(fake), { random: () => 0.9 });
    const first = await drainOutbox(d, { maxWaitMs: 0 });
    expect(first).toMatchObject({ sent: 0, retried: 1, pending: 1 });
    const [row] = await t.store.listDeliveries({ storyId: out.storyId! });
    const expected = backoffDelay(1, { baseMs: FAST.baseBackoffMs!, maxMs: FAST.maxBackoffMs, random: () => 0.9 });
    const delay = Date.parse(row!.nextAttemptAt) - Date.now();
    expect(delay).toBeLessThanOrEqual(expected);
    expect(delay).toBeGreaterThan(expected - 100);
    expect(row).toMatchObject({ attempts: 1, lastError: { code: 'http_503' } });
    const rest = await drainOutbox(d);
    expect(rest).toMatchObject({ sent: 1, retried: 1, pending: 0 });
    expect(fake.posts).toHaveLength(1);
  });

  it('never gives up on transient failures: reports once after maxAttempts (ops notice), then delivers', async () => {
    await subscribe(t.store, 'C1', ['fx']);
    await ingest('Story', ['fx']);
    fake.fail('chat.postMessage', { status: 500, channel: 'C1', times: 6 });
    const report = await drainOutbox(deps(t.store, slackSink(fake), { settings: { ...FAST, maxAttempts: 3 }, opsChannel: slackDest('C0OPS') }));
    expect(report).toMatchObject({ retried: 6, failed: 0, paused: 0, pending: 0 });
    expect(titlesIn(fake, 'C1')).toEqual(['Story']);
    const ops = fake.postsIn('C0OPS');
    expect(ops).toHaveLength(1);
    expect(ops[0]!.text).toMatch(/slack channel C1 have failed 3 times in a row: http.500 .*retried at least every 200 ms/);
    const [row] = await t.store.listDeliveries({ storyId: (await t.store.listDeliveries())[0]!.storyId! });
    expect(row).toMatchObject({ status: 'sent', attempts: 7 });
    expect((await t.store.listSubscriptions(slackDest('C1')))[0]!.pausedAt).toBeNull();
  });

  it('429 waits are not attempts: many Retry-Afters then one 5xx still deliver, with no stuck report', async () => {
    await subscribe(t.store, 'C1', ['fx']);
    const story = await ingest('Story', ['fx']);
    fake.fail('chat.postMessage', { status: 429, retryAfter: 0, channel: 'C1', times: 2 });
    fake.fail('chat.postMessage', { status: 503, channel: 'C1', times: 1 });
    const report = await drainOutbox(deps(t.store, slackSink(fake), { settings: { ...FAST, maxAttempts: 2 }, opsChannel: slackDest('C0OPS') }));
    expect(report).toMatchObject({ retried: 3, failed: 0, pending: 0 });
    expect(titlesIn(fake, 'C1')).toEqual(['Story']);
    expect(fake.postsIn('C0OPS')).toEqual([]);
    const [row] = await t.store.listDeliveries({ storyId: story.storyId! });
    expect(row).toMatchObject({ status: 'sent', attempts: 2 }); // the 503 and the post that worked
  });

  it('fails permanently with the reason, and pauses the channel after 3 permanent failures in a row', async () => {
    await subscribe(t.store, 'C1', ['fx']);
    await subscribe(t.store, 'C2', ['fx']);
    for (let i = 0; i < 4; i += 1) await ingest(`Story ${i}`, ['fx']);
    fake.archive('C1');
    const report = await drainOutbox(deps(t.store, slackSink(fake), { opsChannel: slackDest('C0OPS') }));
    expect(report).toMatchObject({ sent: 5, paused: 1 });
    // the ops channel is told once, with the way back
    const ops = fake.postsIn('C0OPS');
    expect(ops).toHaveLength(1);
    expect(ops[0]!.text).toMatch(/Paused deliveries to slack channel C1 \(1 subscription\) after 3 permanent failures in a row: is.archived/);
    expect(ops[0]!.text).toContain('tradewire subs resume');
    const failed = await t.store.listDeliveries({ status: 'failed' });
    expect(failed.length).toBeGreaterThanOrEqual(3);
    expect(failed[0]!.lastError).toMatchObject({ code: 'is_archived' });
    const [sub] = await t.store.listSubscriptions(slackDest('C1'));
    expect(sub!.pausedAt).not.toBeNull();
    expect(sub!.pausedReason).toContain('is_archived');
    expect((await t.store.listSubscriptions(slackDest('C2')))[0]!.pausedAt).toBeNull();
    // paused: a new story is no longer queued for C1
    await ingest('Story after pause', ['fx']);
    await drainOutbox(deps(t.store, slackSink(fake)));
    expect(titlesIn(fake, 'C2').at(-1)).toBe('Story after pause');
    expect(fake.postsIn('C1')).toHaveLength(0);
  });

  it('does not pause a channel for message-level rejections', async () => {
    await subscribe(t.store, 'C1', ['fx']);
    for (let i = 0; i < 4; i += 1) await ingest(`Story ${i}`, ['fx']);
    fake.fail('chat.postMessage', { status: 200, error: 'invalid_blocks', times: 3 });
    const report = await drainOutbox(deps(t.store, slackSink(fake)));
    expect(report).toMatchObject({ sent: 1, failed: 3, paused: 0 });
    expect(titlesIn(fake, 'C1')).toEqual(['Story 3']);
  });

  it('neutralises mentions and markup from feed text; only the subscription mention pings', async () => {
    await subscribe(t.store, 'C1', ['fx'], { mention: 'S0DESK' });
    const hostile = '<!channel> <!here> @everyone <@U0BOSS> <!subteam^S0EVIL> *bold* ```code``` <javascript:alert(1)|click>';
    await ingest(`Yen slides ${hostile}`, ['fx'], { body: hostile, source: `Evil <!everyone> Wire`, quotes: [{ text: `rates ${hostile}`, speaker: '<@U0BOSS> Kato' }] });
    await drainOutbox(deps(t.store, slackSink(fake)));
    const post = fake.posts[0]!;
    expect(specialTokens({ text: post.text, blocks: post.blocks }, ['<!subteam^S0DESK>'])).toEqual([]);
    expect(allStrings(post).join(' ')).toContain('&lt;!channel&gt;');
    expect(post.text.startsWith('<!subteam^S0DESK> ')).toBe(true);
  });

  it('sends notices', async () => {
    await t.store.enqueueNotice(slackDest('COPS'), 'Feed harbor failing since 08:00 (3×): timeout', 'feed-down:harbor:1', now());
    await drainOutbox(deps(t.store, slackSink(fake)));
    expect(fake.postsIn('COPS')[0]!.text).toContain('Feed harbor failing since 08:00');
  });

  it('holds deliveries for a platform without an adapter instead of failing them', async () => {
    await subscribe(t.store, 'C1', ['fx']);
    await ingest('Story', ['fx']);
    const report = await drainOutbox({ ...deps(t.store, slackSink(fake)), sinks: {} }, { maxWaitMs: 0 });
    expect(report).toMatchObject({ sent: 0, failed: 0, pending: 1 });
    const [row] = await t.store.listDeliveries({ status: 'pending' });
    expect(row!.lastError).toMatchObject({ code: 'no_adapter' });
    expect(Date.parse(row!.nextAttemptAt) - Date.now()).toBeGreaterThan(FAST.maxBackoffMs / 2);
  });

  it('sends deliveries that waited for a missing adapter as soon as a worker starts with it (a token was added)', async () => {
    await subscribe(t.store, 'C1', ['fx']);
    await ingest('Story', ['fx']);
    const hour = { ...FAST, maxBackoffMs: 3_600_000 };
    await drainOutbox({ ...deps(t.store, slackSink(fake)), sinks: {}, settings: hour }, { maxWaitMs: 0 });
    expect((await t.store.listDeliveries({ status: 'pending' }))[0]!.lastError).toMatchObject({ code: 'no_adapter' });
    const worker = createDeliveryWorker(deps(t.store, slackSink(fake), { settings: hour }));
    await worker.start();
    try {
      await fake.waitFor(() => (titlesIn(fake, 'C1').length > 0 ? true : null), 5_000);
      expect(titlesIn(fake, 'C1')).toEqual(['Story']);
    } finally {
      await worker.stop();
    }
  });
});

describe('follow-ups', () => {
  it('replies in the thread naming the new outlet and refreshes the original; never a new top-level post', async () => {
    await subscribe(t.store, 'C1', ['tariffs']);
    const first = await ingest('Japan and US cut auto tariffs', ['tariffs'], { feedId: 'harbor', source: 'Harbor Wire' });
    await drainOutbox(deps(t.store, slackSink(fake)));
    const dup = article({ title: 'Auto tariff deal struck', topics: ['tariffs'], feedId: 'ledger', source: 'Pacific Ledger', duplicateOf: first.storyId! });
    const out = await t.store.ingest(dup, now());
    expect(out.status).toBe('also-reported');
    await drainOutbox(deps(t.store, slackSink(fake)));
    const top = fake.postsIn('C1').filter((p) => p.threadTs === null);
    const replies = fake.postsIn('C1').filter((p) => p.threadTs !== null);
    expect(top).toHaveLength(1);
    expect(replies).toHaveLength(1);
    expect(replies[0]!.threadTs).toBe(top[0]!.ts);
    expect(replies[0]!.text).toContain('Also reported by Pacific Ledger: Auto tariff deal struck');
    expect(top[0]!.updates).toHaveLength(1);
    expect(JSON.stringify(top[0]!.current.blocks)).toContain('Pacific Ledger');
  });

  it('posts the thread reply even when the original was deleted', async () => {
    await subscribe(t.store, 'C1', ['tariffs']);
    const first = await ingest('Original', ['tariffs'], { feedId: 'harbor', source: 'Harbor Wire' });
    await drainOutbox(deps(t.store, slackSink(fake)));
    fake.fail('chat.update', { status: 200, error: 'message_not_found' });
    await t.store.ingest(article({ title: 'Dup', topics: ['tariffs'], feedId: 'ledger', source: 'Pacific Ledger', duplicateOf: first.storyId! }), now());
    const report = await drainOutbox(deps(t.store, slackSink(fake)));
    expect(report.sent).toBe(1);
    expect(fake.postsIn('C1').filter((p) => p.threadTs !== null)).toHaveLength(1);
  });
});

describe('the long-running worker', () => {
  it('delivers as work arrives, and on stop releases claims it still holds', async () => {
    await subscribe(t.store, 'C1', ['fx']);
    const worker = createDeliveryWorker(deps(t.store, slackSink(fake)));
    await worker.start();
    await ingest('Early', ['fx']);
    worker.wake();
    await fake.waitFor(() => fake.posts.length === 1);
    fake.setDelay('chat.postMessage', 300);
    await ingest('In flight at stop', ['fx']);
    worker.wake();
    await fake.waitFor(() => fake.calls.filter((c) => c.method === 'chat.postMessage').length === 2);
    await worker.stop(5_000);
    fake.setDelay('chat.postMessage', 0);
    expect(worker.tally()).toMatchObject({ sent: 2 });
    expect(await t.store.outboxDepth()).toBe(0);
  });

  it('reclaims its predecessor’s claims at start (same owner), without waiting for the lease', async () => {
    await subscribe(t.store, 'C1', ['fx']);
    await ingest('Claimed by a process that died', ['fx']);
    const dead = await t.store.claimDeliveries({ now: now(), limit: 10, leaseMs: 3_600_000, owner: 'test-worker' });
    expect(dead).toHaveLength(1);
    const worker = createDeliveryWorker(deps(t.store, slackSink(fake)));
    await worker.start({ reclaimOnStart: true });
    await fake.waitFor(() => fake.posts.length === 1);
    await worker.stop();
    expect(titlesIn(fake, 'C1')).toEqual(['Claimed by a process that died']);
  });
});
