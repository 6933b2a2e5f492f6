import { describe, expect, it } from 'vitest';
import type { Config } from './config/schema.js';
import { feedDefs } from './flows/poll/feed-defs.js';
import { alertsOnlyToConsole, CONSOLE_BACKFILL } from './startup.js';

const base = { secrets: { slackBotToken: null, discordToken: null }, subscriptions: [{ platform: 'console' }] };
const config = (o: { secrets?: Partial<Config['secrets']>; subscriptions?: { platform: string }[] }): Config =>
  ({ ...base, ...o, secrets: { ...base.secrets, ...o.secrets } }) as unknown as Config;

describe('alertsOnlyToConsole (the default backfill never floods a chat channel)', () => {
  it('is true with no chat token and console subscriptions only', () => {
    expect(alertsOnlyToConsole(config({}))).toBe(true);
    expect(alertsOnlyToConsole(config({ subscriptions: [] }))).toBe(true);
  });
  it('is false with a Slack or Discord token, or a webhook or chat subscription', () => {
    expect(alertsOnlyToConsole(config({ secrets: { slackBotToken: 'xoxb-1' } }))).toBe(false);
    expect(alertsOnlyToConsole(config({ secrets: { discordToken: 'd' } }))).toBe(false);
    expect(alertsOnlyToConsole(config({ subscriptions: [{ platform: 'console' }, { platform: 'webhook' }] }))).toBe(false);
    expect(alertsOnlyToConsole(config({ subscriptions: [{ platform: 'slack' }] }))).toBe(false);
  });
});

describe('feedDefs backfill', () => {
  const feed = { id: 'a', url: 'https://x.example/feed', fullText: false, tags: [] };
  it('applies the default only to feeds without one; an explicit 0 stays 0', () => {
    const defs = feedDefs([feed, { ...feed, id: 'b', backfill: 0 }, { ...feed, id: 'c', backfill: 7 }], 60_000, CONSOLE_BACKFILL);
    expect(defs.map((d) => d.backfill)).toEqual([3, 0, 7]);
    expect(feedDefs([feed], 60_000).map((d) => d.backfill)).toEqual([0]);
  });
});
