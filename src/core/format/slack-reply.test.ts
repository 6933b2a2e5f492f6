import { describe, expect, it } from 'vitest';
import { slackPayloadProblems, specialTokens } from '../../../test/harness/slack-limits.js';
import { md, snippetMarkup } from './markup.js';
import { markupToMrkdwn, slackReply } from './slack-reply.js';

describe('markupToMrkdwn', () => {
  it('renders markup and escapes the text inside it', () => {
    expect(markupToMrkdwn(`${md.bold(' Top <!here> ')}${md.link('a|b', 'https://ex.com/')} ${md.text('*x*')}`)).toBe(
      ' *Top &lt;!here&gt;* <https://ex.com/|a¦b> ∗x∗',
    );
    expect(markupToMrkdwn(snippetMarkup('the *tariff* rose'))).toBe('the *tariff* rose');
  });

  it('keeps code exactly as typed (Slack formats nothing inside it), except a backtick or a mention', () => {
    expect(markupToMrkdwn(md.code('store_closed'))).toBe('`store_closed`');
    expect(markupToMrkdwn(md.code('a*b~c`d <!here>'))).toBe('`a*b~cˋd &lt;!here&gt;`');
  });
});

describe('slackReply', () => {
  it('packs many lines into sections and stays within limits', () => {
    const lines = Array.from({ length: 1500 }, (_, i) => `${md.bold(`#${i}`)} ${md.text('x'.repeat(200))}`);
    const msg = slackReply({ text: md.text('Results'), lines });
    expect(slackPayloadProblems(msg)).toEqual([]);
    expect(specialTokens(msg)).toEqual([]);
    expect(msg.text).toBe('Results');
    expect(JSON.stringify(msg.blocks.at(-1))).toMatch(/…and \d+ more/);
  });
});
