/**
 * `tradewire demo` in-process: sample feeds on 127.0.0.1 → real feeds adapter → analysis → SQLite →
 * outbox → console. The rewrite from the second outlet is a follow-up, not a second alert.
 */
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import demo, { fillTimes } from '../../src/cli/demo.js';
import { capture } from './helpers.js';

describe('tradewire demo', () => {
  it('fills {{ago:N}} relative to now, RFC 822 for RSS and ISO for Atom', () => {
    const now = new Date('2025-06-03T10:00:00.000Z');
    expect(fillTimes('<pubDate>{{ago:14}}</pubDate>', now, false)).toBe('<pubDate>Tue, 03 Jun 2025 09:46:00 GMT</pubDate>');
    expect(fillTimes('<updated>{{ago:90}}</updated>', now, true)).toBe('<updated>2025-06-03T08:30:00.000Z</updated>');
  });

  it('prints the sample alerts with topics and summaries, and the duplicate as a follow-up', async () => {
    const out = capture();
    const err = capture();
    const code = await demo([], { stdout: out.stream, stderr: err.stream, stdin: new PassThrough(), env: {} });
    const text = out.text();
    expect(err.text()).toBe('');
    expect(code).toBe(0);
    expect(text).toContain('━━ Tariffs · US–Japan ━');
    expect(text).toContain('━━ FX / currency ━');
    expect(text).toContain('Japan and US agree to cut auto tariffs to 15% in phased deal\nHarbor Wire · ');
    expect(text).toContain('agreed on Tuesday to cut U.S. tariffs on Japanese cars to 15%');
    expect(text).toMatch(/“This agreement protects jobs on both sides of the Pacific[^”]*”\n\s+— Kenji Morita/);
    expect(text).toContain('EU readies counter-tariffs on US steel after talks stall');
    expect(text).not.toContain('Port of Rotterdam'); // matches no topic
    // the rewrite joins the original as a follow-up; it is never a second alert
    expect(text).toContain('Also reported by Pacific Ledger: Japan, US agree to cut auto tariffs to 15% in phased deal');
    expect(text.match(/^Japan,? (and )?US agree/gm)).toHaveLength(1);
    expect(text).toContain('Done: 5 stories stored (1 matched no topic), 1 reported by a second outlet, 5 messages sent.');
  });
});
