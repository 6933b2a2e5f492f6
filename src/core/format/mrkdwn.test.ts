import { describe, expect, it } from 'vitest';
import { escapeMrkdwn, mentionMrkdwn, mrkdwnLink, neutralisePlain, slackDate, truncateMrkdwn } from './mrkdwn.js';
import { safeHttpUrl, truncate } from './text.js';

describe('escapeMrkdwn', () => {
  it.each([
    ['<!channel> look', '&lt;!channel&gt; look'],
    ['<@U123> and <!subteam^S1>', '&lt;@U123&gt; and &lt;!subteam^S1&gt;'],
    ['AT&T <b>', 'AT&amp;T &lt;b&gt;'],
    ['a *bold* _it_ ~5%~ `code`', 'a \u2217bold\u2217 \u02CDit\u02CD \u223C5%\u223C \u02CBcode\u02CB'],
    ['ping @channel now', 'ping @\u2060channel now'],
    ['bidi \u202Egnp.exe', 'bidi gnp.exe'],
    ['esc \u001b[31mred', 'esc [31mred'],
  ])('%j → %j', (input, expected) => {
    expect(escapeMrkdwn(input)).toBe(expected);
  });

  it('keeps ordinary text and non-Latin scripts unchanged', () => {
    expect(escapeMrkdwn('赤沢経済再生相「合意した」 — 15% tariff')).toBe('赤沢経済再生相「合意した」 — 15% tariff');
  });
});

describe('neutralisePlain', () => {
  it('splits special openers but keeps the visible text', () => {
    const out = neutralisePlain('hi <!here> <@U1> <#C9> a*b*c');
    expect(out).not.toMatch(/<[!@#]/);
    expect(out.replace(/[\u200B\u2060]/g, '')).toBe('hi <!here> <@U1> <#C9> a*b*c');
  });
});

describe('mrkdwnLink and safeHttpUrl', () => {
  it('links only http(s) URLs', () => {
    expect(mrkdwnLink('https://ex.com/a?b=1', 'Title')).toBe('<https://ex.com/a?b=1|Title>');
    expect(mrkdwnLink('javascript:alert(1)', 'Title')).toBe('Title');
    expect(mrkdwnLink('ftp://ex.com', 'Title')).toBe('Title');
    expect(mrkdwnLink('https://user:pw@ex.com/', 'Title')).toBe('Title');
    expect(mrkdwnLink(null, 'Title')).toBe('Title');
  });
  it('encodes characters that would end the link', () => {
    const url = safeHttpUrl('https://ex.com/a|b>c<d (e)');
    expect(url).toBe('https://ex.com/a%7Cb%3Ec%3Cd%20%28e%29');
  });
  it('drops absurdly long URLs', () => {
    expect(safeHttpUrl(`https://ex.com/${'a'.repeat(5000)}`)).toBeNull();
  });
});

describe('truncate / truncateMrkdwn', () => {
  it('never splits a surrogate pair and ends with an ellipsis', () => {
    const s = '😀'.repeat(100);
    const out = truncate(s, 11);
    expect(out.length).toBeLessThanOrEqual(11);
    expect(out.endsWith('…')).toBe(true);
    expect(out.slice(0, -1)).toBe('😀'.repeat(5));
  });
  it('does not cut inside an entity or a link', () => {
    expect(truncateMrkdwn('abc &amp; def', 7)).toBe('abc…');
    expect(truncateMrkdwn('see <https://ex.com/long|the story> now', 20)).toBe('see…');
    expect(truncateMrkdwn('short', 10)).toBe('short');
  });
});

describe('mentionMrkdwn', () => {
  it.each([
    ['S0123ABC', '<!subteam^S0123ABC>'],
    ['<!subteam^S0123ABC|trade-desk>', '<!subteam^S0123ABC>'],
    ['U0ABC', '<@U0ABC>'],
    ['here', '<!here>'],
    ['@channel', '<!channel>'],
    ['everyone <!channel>', null],
    ['trade desk', null],
    [null, null],
  ])('%j → %j', (input, expected) => {
    expect(mentionMrkdwn(input)).toBe(expected);
  });
});

describe('slackDate', () => {
  it('renders a date token with an escaped fallback', () => {
    expect(slackDate('2025-04-20T08:05:00.000Z', '2025-04-20 08:05 UTC')).toBe(
      '<!date^1745136300^{date_short_pretty} {time}|2025-04-20 08:05 UTC>',
    );
    expect(slackDate('not a date', '<x>')).toBe('&lt;x&gt;');
  });
});
