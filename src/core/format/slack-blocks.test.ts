import { describe, expect, it } from 'vitest';
import { allStrings, slackPayloadProblems, specialTokens } from '../../../test/harness/slack-limits.js';
import { toAlertView } from './alert.js';
import { slackAlert, slackDigest, slackFollowup, slackNotice } from './slack-blocks.js';
import { slackReply } from './slack-reply.js';
import { hasUnsafeChars, hostileAlert, hostileText, sampleStory, seeded } from './test-fixtures.js';

const view = toAlertView(sampleStory(), { topics: ['tariffs', 'us-japan'], topicName: (id) => ({ tariffs: 'Tariffs', 'us-japan': 'US–Japan' })[id] ?? id });

describe('slackAlert', () => {
  it('shows the linked headline, source · time · topics, summary, quotes with speakers, also reported', () => {
    const msg = slackAlert({ ...view, mention: 'S0DESK' });
    expect(msg.blocks[0]).toEqual({ type: 'section', text: { type: 'mrkdwn', text: '<!subteam^S0DESK>', verbatim: true } });
    expect(msg.blocks[1]).toEqual({
      type: 'section',
      text: { type: 'mrkdwn', text: '*<https://news.example/japan-us-autos|Japan and US agree to cut auto tariffs to 15%>*', verbatim: true },
    });
    const ctx = JSON.stringify(msg.blocks[2]);
    expect(ctx).toContain('*Harbor Wire*');
    expect(ctx).toContain('<!date^1745136300^');
    expect(ctx).toContain('Tariffs · US–Japan');
    expect(msg.blocks[3]).toMatchObject({ type: 'section', text: { type: 'plain_text', text: view.summary } });
    const quotes = msg.blocks.filter((b) => b.type === 'rich_text');
    expect(quotes).toHaveLength(3);
    expect(JSON.stringify(quotes[0])).toContain('“This protects jobs on both sides of the Pacific”');
    expect(JSON.stringify(quotes[0])).toContain('— Ryosei Akazawa');
    expect(JSON.stringify(msg.blocks.at(-1))).toContain('Also reported by <https://ledger.example/a|Pacific Ledger>');
    expect(msg.text).toBe('<!subteam^S0DESK> [Tariffs · US–Japan] Japan and US agree to cut auto tariffs to 15% — Harbor Wire');
    expect(slackPayloadProblems(msg)).toEqual([]);
  });

  it('keeps quotes verbatim (plain characters are not look-alikes in rich_text)', () => {
    const msg = slackAlert({ ...view, keyQuotes: [{ text: 'rates *will* rise ~2% _soon_', speaker: 'Kato' }] });
    expect(JSON.stringify(msg.blocks)).toContain('“rates *will* rise ~2% _soon_”');
  });
});

describe('hostile and huge inputs (property-style, seeded)', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8])('seed %i: every message stays within limits and carries no feed-made mention', (seed) => {
    const random = seeded(seed);
    for (let i = 0; i < 25; i += 1) {
      const size = [10, 200, 5000, 60_000][i % 4]!;
      const alert = hostileAlert(random, size);
      const allowed = alert.mention === 'S0GOODID' ? ['<!subteam^S0GOODID>'] : [];
      const messages = [
        slackAlert(alert),
        slackFollowup(alert, { feedId: 'x', source: hostileText(random, size), title: hostileText(random, size), url: alert.url, seenAt: alert.published }),
        slackNotice(hostileText(random, size * 2)),
        slackDigest(hostileText(random, size), [
          { topic: { id: 'a', name: hostileText(random, 300) }, alerts: Array.from({ length: 120 }, () => hostileAlert(random, 300)) },
          { topic: { id: 'b', name: 'B' }, alerts: [alert] },
        ]),
        slackReply({ text: hostileText(random, size), lines: Array.from({ length: 80 }, () => hostileText(random, 200)), alerts: [alert, alert, alert, alert, alert, alert, alert, alert] }),
      ];
      for (const msg of messages) {
        expect(slackPayloadProblems(msg)).toEqual([]);
        expect(specialTokens(msg, allowed)).toEqual([]);
        expect(allStrings(msg).filter(hasUnsafeChars)).toEqual([]);
      }
    }
  });
});

describe('slackDigest', () => {
  it('groups by topic under one header and says how many did not fit', () => {
    const many = Array.from({ length: 2000 }, (_, i) => ({ ...view, title: `Story number ${i} with a reasonably long headline to fill sections` }));
    const msg = slackDigest('Daily digest · 08:00 Asia/Tokyo', [
      { topic: { id: 'tariffs', name: 'Tariffs' }, alerts: many },
      { topic: { id: 'fx', name: 'FX' }, alerts: [view] },
    ]);
    expect(msg.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: 'Daily digest · 08:00 Asia/Tokyo', emoji: false } });
    expect(msg.blocks.length).toBeLessThanOrEqual(50);
    const body = JSON.stringify(msg.blocks);
    expect(body).toContain('*Tariffs*');
    expect(body).toContain('Story number 0 with');
    const shownLines = (body.match(/• /g) ?? []).length;
    expect(shownLines).toBeGreaterThan(100);
    expect(body).toContain(`…and ${2001 - shownLines} more stories`);
    expect(msg.text).toContain('2001 stories');
    expect(slackPayloadProblems(msg)).toEqual([]);
  });
});
