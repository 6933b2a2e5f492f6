import { describe, expect, it } from 'vitest';
import { toAlertView } from './alert.js';
import { markupToConsole, renderAlert, renderDigest, renderFollowup, renderReply, wrap } from './console.js';
import { md } from './markup.js';
import { hasUnsafeChars, sampleStory } from './test-fixtures.js';

const view = toAlertView(sampleStory(), { topics: [], topicName: (id) => ({ tariffs: 'Tariffs', 'us-japan': 'US–Japan' })[id] ?? id });

describe('console rendering', () => {
  it('shows topics, headline, source and time, URL, summary, quotes with speakers, also reported', () => {
    const out = renderAlert(view, { color: false, width: 80 });
    const lines = out.split('\n');
    expect(lines[0]).toMatch(/^━━ Tariffs · US–Japan ━+$/);
    expect(lines[1]).toBe('Japan and US agree to cut auto tariffs to 15%');
    expect(lines[2]).toBe('Harbor Wire · 2025-04-20 08:05 UTC');
    expect(lines[3]).toBe('https://news.example/japan-us-autos');
    expect(out).toContain('  Japan and the United States agreed to cut tariffs on Japanese cars to 15%.');
    expect(out).toContain('  “This protects jobs on both sides of the Pacific”\n      — Ryosei Akazawa');
    expect(out).not.toContain('A fourth quote');
    expect(out).toContain('Also reported by: Pacific Ledger');
    expect(out).not.toContain('\u001b');
  });

  it('strips terminal control sequences from feed text; colour codes come only from the renderer', () => {
    const hostile = { ...view, title: 'Evil\u001b]0;pwned\u0007 \u001b[2Jtitle', summary: 'sum\u001b[31mred' };
    const plain = renderAlert(hostile, { color: false });
    expect(hasUnsafeChars(plain)).toBe(false);
    const coloured = renderAlert(hostile, { color: true });
    const escapes = coloured.split('\u001b').slice(1);
    expect(escapes.length).toBeGreaterThan(0);
    for (const rest of escapes) expect(rest).toMatch(/^\[[\d;]+m/);
    expect(coloured).not.toContain('\u001b[2J');
    expect(coloured).not.toContain('\u001b]0');
  });

  it('renders follow-ups, digests and replies', () => {
    const outlet = { feedId: 'l', source: 'Pacific Ledger', title: 'Auto deal', url: 'https://ledger.example/a', seenAt: view.published };
    expect(renderFollowup(view, outlet, { color: false })).toContain('Also reported by Pacific Ledger: Auto deal');
    const digest = renderDigest('Digest 08:00 UTC', [{ topic: { id: 't', name: 'Tariffs' }, alerts: [view] }], { color: false });
    expect(digest).toContain('Tariffs\n  • Japan and US agree');
    const reply = renderReply({ text: `${md.bold('3 stories')} for ${md.code('fx')}`, lines: [md.link('A [story]', 'https://x.example/')] }, { color: false });
    expect(reply).toBe('3 stories for fx\n  A [story] (https://x.example/)');
    expect(markupToConsole(md.text('*not bold*'), { color: true })).toBe('*not bold*');
  });

  it('wraps with a hanging indent', () => {
    expect(wrap('one two three four five', 12, '  ')).toEqual(['  one two', '  three four', '  five']);
  });
});
