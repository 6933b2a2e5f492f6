/**
 * Rate limits against a fake Slack that enforces one message per channel per interval: pacing at
 * the platform's rate gives no 429s at all; pacing too fast (a 429 storm) still delivers every
 * message exactly once, in order per channel.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { article } from '../../src/adapters/store/contract/fixtures.contract.js';
import { drainOutbox } from '../../src/flows/deliver.js';
import { startFakeSlack, type FakeSlack } from '../harness/fake-slack.js';
import { deps, slackSink, subscribe, tempStore, titlesIn, type TempStore } from './helpers.js';

const CHANNELS = ['C1', 'C2', 'C3'];
let fake: FakeSlack;
let t: TempStore;
beforeEach(async () => {
  fake = await startFakeSlack({ perChannelMs: 250 });
  t = tempStore();
  for (const c of CHANNELS) await subscribe(t.store, c, ['fx']);
});
afterEach(async () => {
  await fake.close();
  await t.cleanup();
});

async function stories(n: number): Promise<string[]> {
  const titles = Array.from({ length: n }, (_, i) => `Story ${i}`);
  for (const title of titles) await t.store.ingest(article({ title, topics: ['fx'] }), new Date().toISOString());
  return titles;
}

describe('rate limits', () => {
  it('pacing at the platform rate: no 429 at all, every channel in order', async () => {
    const titles = await stories(5);
    const report = await drainOutbox(deps(t.store, slackSink(fake, 250)));
    expect(report).toMatchObject({ sent: 15, retried: 0, failed: 0 });
    expect(fake.rateLimited).toEqual([]);
    for (const c of CHANNELS) expect(titlesIn(fake, c)).toEqual(titles);
  });

  it('a 429 storm (pacing too fast, plus forced 429s): nothing lost, nothing twice, order kept', async () => {
    const titles = await stories(4);
    fake.fail('chat.postMessage', { status: 429, retryAfter: 1, channel: 'C2', times: 2 });
    const report = await drainOutbox(deps(t.store, slackSink(fake, 20)));
    expect(fake.rateLimited.length).toBeGreaterThan(0); // the fake's own per-channel limit answered 429
    expect(report.retried).toBeGreaterThanOrEqual(fake.rateLimited.length + 2);
    expect(report).toMatchObject({ sent: 12, failed: 0, pending: 0 });
    for (const c of CHANNELS) expect(titlesIn(fake, c)).toEqual(titles);
    expect(fake.posts).toHaveLength(12);
  });
});
