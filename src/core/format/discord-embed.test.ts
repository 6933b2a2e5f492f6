import { describe, expect, it } from 'vitest';
import { allStrings, discordPayloadProblems, discordSpecialTokens, layoutBreakers } from '../../../test/harness/discord-limits.js';
import { toAlertView } from './alert.js';
import { topicColor } from './discord/colors.js';
import { totalChars } from './discord/fit.js';
import { discordReply } from './discord/reply.js';
import { discordHostileAlert, discordHostileText } from './discord/test-fixtures.js';
import { discordAlert, discordDigest, discordFollowup, discordNotice, roleMention } from './discord-embed.js';
import { hasUnsafeChars, sampleStory, seeded } from './test-fixtures.js';

const names: Record<string, string> = { tariffs: 'Tariffs', 'us-japan': 'US–Japan' };
const view = toAlertView(sampleStory(), { topics: ['tariffs', 'us-japan'], topicName: (id) => names[id] ?? id });
const ROLE = '123456789012345678';
const OUR_TIMESTAMPS = /^<t:\d+:f>$/;

describe('discordAlert', () => {
  it('linked title, summary, quotes as speaker fields, also reported, footer, timestamp, topic colour', () => {
    const msg = discordAlert(view, { colors: { tariffs: '#123abc' } });
    expect(msg.content).toBeUndefined();
    expect(msg.allowed_mentions).toEqual({ parse: [] });
    expect(msg.embeds).toHaveLength(1);
    const e = msg.embeds[0]!;
    expect(e.title).toBe('Japan and US agree to cut auto tariffs to 15%');
    expect(e.url).toBe('https://news.example/japan-us-autos');
    expect(e.description).toBe(view.summary);
    expect(e.fields?.slice(0, 3)).toEqual([
      { name: 'Ryosei Akazawa', value: '“This protects jobs on both sides of the Pacific”' },
      { name: 'Howard Lutnick', value: '“A fair deal for American workers”' },
      { name: 'a trade ministry official', value: '“We will watch implementation closely”' },
    ]);
    expect(e.fields?.[3]).toEqual({ name: 'Also reported by', value: '[Pacific Ledger](https://ledger.example/a)' });
    expect(e.footer?.text).toBe('Harbor Wire · Tariffs · US–Japan');
    expect(e.timestamp).toBe('2025-04-20T08:05:00.000Z');
    expect(e.color).toBe(0x123abc);
    expect(discordPayloadProblems(msg)).toEqual([]);
  });

  it('gives a topic without a configured colour a stable default, the same every time', () => {
    expect(discordAlert(view).embeds[0]!.color).toBe(topicColor('tariffs'));
    expect(topicColor('tariffs')).toBe(topicColor('tariffs'));
    expect(new Set(['tariffs', 'us-japan', 'g20', 'fx'].map((t) => topicColor(t))).size).toBeGreaterThan(1);
  });

  it('mentions only the configured role, allowed by id alone', () => {
    const msg = discordAlert({ ...view, mention: ROLE });
    expect(msg.content).toBe(`<@&${ROLE}>`);
    expect(msg.allowed_mentions).toEqual({ parse: [], roles: [ROLE] });
    expect(discordAlert({ ...view, mention: `<@&${ROLE}>` }).allowed_mentions.roles).toEqual([ROLE]);
    for (const junk of ['@everyone', 'here', '<@123456789012345678>', 'desk team', '12']) {
      const m = discordAlert({ ...view, mention: junk });
      expect(m.content).toBeUndefined();
      expect(m.allowed_mentions).toEqual({ parse: [] });
    }
    expect(roleMention(' 123456789012345678 ')).toBe(ROLE);
  });

  it('escapes feed markdown and mentions but keeps the words', () => {
    const hostile = { ...view, title: '@everyone *BREAKING* <@123456789012345678> ||x||', summary: '# Big\n> quoted\n1. one `code` [a](javascript:x)', keyQuotes: [{ text: 'we ~~never~~ said @here', speaker: '<@&987654321098765432>' }] };
    const msg = discordAlert(hostile);
    expect(discordSpecialTokens(msg)).toEqual([]);
    for (const s of [msg.embeds[0]!.title!, msg.embeds[0]!.description!, ...msg.embeds[0]!.fields!.map((f) => f.value)]) expect(layoutBreakers(s)).toEqual([]);
    // the words are still there for a reader (escapes and zero-width spaces aside)
    const shown = (s: string): string => s.replace(/\\(.)/g, '$1').replace(/\u200B/g, '');
    expect(shown(msg.embeds[0]!.title!)).toBe('@everyone *BREAKING* <@123456789012345678> ||x||');
    expect(shown(msg.embeds[0]!.description!)).toBe('# Big\n> quoted\n1. one `code` [a](javascript:x)');
  });

  it('drops links that are not http(s)', () => {
    const msg = discordAlert({ ...view, url: 'javascript:alert(1)', alsoReportedBy: [{ source: 'Evil', url: 'data:text/html,x' }] });
    expect(msg.embeds[0]!.url).toBeUndefined();
    expect(msg.embeds[0]!.fields!.at(-1)!.value).toBe('Evil');
  });

  it('cuts every piece to its limit with an ellipsis and keeps the total within 6,000', () => {
    const huge = 'x'.repeat(10_000);
    const msg = discordAlert({ ...view, title: huge, summary: huge, source: huge, keyQuotes: [1, 2, 3].map(() => ({ text: huge, speaker: huge })) });
    const e = msg.embeds[0]!;
    expect(e.title!.length).toBeLessThanOrEqual(256);
    expect(e.title!.endsWith('…')).toBe(true);
    expect(e.fields![0]!.value.endsWith('…”') || e.fields![0]!.value.endsWith('…')).toBe(true);
    expect(totalChars(msg.embeds)).toBeLessThanOrEqual(6000);
    expect(discordPayloadProblems(msg)).toEqual([]);
    // the water-filling cuts the long summary before the short headline of a normal story
    const long = discordAlert({ ...view, summary: huge, keyQuotes: [1, 2, 3].map(() => ({ text: 'y'.repeat(2000), speaker: 'Kato' })) });
    expect(long.embeds[0]!.title).toBe(view.title);
    expect(totalChars(long.embeds)).toBeLessThanOrEqual(6000);
  });
});

describe('follow-ups, notices, digests', () => {
  it('a follow-up replies to the original, names the outlet, never pings the replied user', () => {
    const msg = discordFollowup(view, { feedId: 'l', source: 'Pacific Ledger', title: 'Auto deal', url: 'https://ledger.example/a', seenAt: '2025-04-20T08:20:00Z' }, '555');
    expect(msg.message_reference).toEqual({ message_id: '555', fail_if_not_exists: false });
    expect(msg.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(msg.embeds[0]!.description).toBe('Also reported by **Pacific Ledger**: [Auto deal](https://ledger.example/a)');
  });

  it('a notice is one warning embed', () => {
    const msg = discordNotice('Feed reuters failing since 08:00 (3×): timeout');
    expect(msg.embeds[0]!.description).toBe('⚠️ Feed reuters failing since 08:00 (3×): timeout');
  });

  it('a digest: title as content, one embed per topic with linked lines; overflow counted', () => {
    const msg = discordDigest('Daily digest — 20 Apr', [
      { topic: { id: 'tariffs', name: 'Tariffs' }, alerts: [view, view] },
      { topic: { id: 'fx', name: 'FX' }, alerts: [view] },
    ]);
    expect(msg.content).toBe('**Daily digest — 20 Apr** — 3 stories');
    expect(msg.embeds.map((e) => e.title)).toEqual(['Tariffs', 'FX']);
    expect(msg.embeds[0]!.description).toBe(`• [${view.title}](${view.url}) — Harbor Wire · <t:1745136300:f>\n• [${view.title}](${view.url}) — Harbor Wire · <t:1745136300:f>`);
    const many = discordDigest('D', Array.from({ length: 14 }, (_, i) => ({ topic: { id: `t${i}`, name: `T${i}` }, alerts: Array.from({ length: 30 }, () => view) })));
    expect(discordPayloadProblems(many)).toEqual([]);
    const shown = many.embeds.reduce((n, e) => n + (e.description?.split('\n').length ?? 0), 0);
    expect(many.embeds.at(-1)!.footer!.text).toBe(`…and ${14 * 30 - shown} more stories`);
  });
});

describe('command replies', () => {
  it('text as content, lines as description, stories as cards', () => {
    const msg = discordReply({ text: '*Latest* (2)', alerts: [view, view] });
    expect(msg.content).toBe('**Latest** (2)');
    expect(msg.embeds).toHaveLength(2);
    expect(msg.embeds[0]!.fields?.length).toBe(4);
    const list = discordReply({ text: 'x', alerts: Array.from({ length: 12 }, () => view) });
    expect(list.embeds).toHaveLength(10);
    expect(list.embeds[0]!.fields).toBeUndefined(); // compact cards
    expect(list.content).toBe('x\n…and 2 more');
    const lines = discordReply({ text: 'Topics', lines: ['`fx` *FX*', '`g20` *G20*'] });
    expect(lines.embeds[0]!.description).toBe('`fx` **FX**\n`g20` **G20**');
  });
});

describe('hostile and huge inputs (property-style, seeded)', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8])('seed %i: every message stays within limits, pings nobody, breaks no layout', (seed) => {
    const random = seeded(seed);
    for (let i = 0; i < 12; i += 1) {
      const size = [10, 200, 5000, 60_000][i % 4]!;
      const alert = discordHostileAlert(random, size);
      // the subscription's configured role (a role id, or <@&id>) is the one mention allowed
      const configured = /^(?:<@&)?(\d{15,22})>?$/.exec(alert.mention ?? '');
      const role = configured ? [`<@&${configured[1]}>`] : [];
      const outlet = { feedId: 'x', source: discordHostileText(random, size), title: discordHostileText(random, size), url: alert.url, seenAt: alert.published };
      const messages = [
        { msg: discordAlert(alert), allowed: role },
        { msg: discordFollowup(alert, outlet, '1'), allowed: [] },
        { msg: discordNotice(discordHostileText(random, size * 2)), allowed: [] },
        { msg: discordDigest(discordHostileText(random, size), [{ topic: { id: 'a', name: discordHostileText(random, 300) }, alerts: Array.from({ length: 60 }, () => discordHostileAlert(random, 300)) }, { topic: { id: 'b', name: 'B' }, alerts: [alert] }]), allowed: [OUR_TIMESTAMPS] },
        { msg: discordReply({ text: discordHostileText(random, size), lines: Array.from({ length: 40 }, () => discordHostileText(random, 200)), alerts: Array.from({ length: 8 }, () => alert) }), allowed: [] },
      ];
      for (const { msg, allowed } of messages) {
        expect(discordPayloadProblems(msg)).toEqual([]);
        expect(discordSpecialTokens(msg, allowed)).toEqual([]);
        expect(allStrings(msg).filter(hasUnsafeChars)).toEqual([]);
        expect(msg.allowed_mentions.parse).toEqual([]);
        if (msg !== messages[0]!.msg) expect(msg.allowed_mentions.roles).toBeUndefined();
      }
      const e = messages[0]!.msg.embeds[0]!;
      for (const s of [e.title ?? '', e.description ?? '', ...(e.fields ?? []).flatMap((f) => [f.name, f.value])]) expect(layoutBreakers(s)).toEqual([]);
    }
  });
});
