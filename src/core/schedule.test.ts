import { describe, expect, it } from 'vitest';
import { isTradewireError } from './errors.js';
import { digestKey, formatSubscriptionMode, isValidTimeZone, nextDailySlot, parseSubscriptionMode, zonedTimeToUtc } from './schedule.js';

const at = (iso: string): Date => new Date(iso);

describe('nextDailySlot', () => {
  it.each([
    // zone without DST: 08:00 Tokyo is 23:00Z the day before
    ['08:00', 'Asia/Tokyo', '2025-04-20T10:00:00.000Z', '2025-04-20T23:00:00.000Z'],
    ['08:00', 'Asia/Tokyo', '2025-04-19T22:59:59.999Z', '2025-04-19T23:00:00.000Z'],
    // exactly at the slot: strictly after, so the next day
    ['08:00', 'Asia/Tokyo', '2025-04-19T23:00:00.000Z', '2025-04-20T23:00:00.000Z'],
    ['08:00', 'UTC', '2025-04-20T07:59:00.000Z', '2025-04-20T08:00:00.000Z'],
    // New York in winter (UTC-5) and in summer (UTC-4)
    ['09:15', 'America/New_York', '2025-01-15T12:00:00.000Z', '2025-01-15T14:15:00.000Z'],
    ['09:15', 'America/New_York', '2025-07-15T12:00:00.000Z', '2025-07-15T13:15:00.000Z'],
    // the evening before spring forward (2025-03-09): the next 08:00 is already EDT
    ['08:00', 'America/New_York', '2025-03-09T01:00:00.000Z', '2025-03-09T12:00:00.000Z'],
    // the evening before fall back (2025-11-02): the next 08:00 is EST again
    ['08:00', 'America/New_York', '2025-11-02T01:00:00.000Z', '2025-11-02T13:00:00.000Z'],
    // London: BST starts 2025-03-30
    ['07:30', 'Europe/London', '2025-03-29T08:00:00.000Z', '2025-03-30T06:30:00.000Z'],
    // Lord Howe Island shifts by 30 minutes (UTC+11 in summer, +10:30 in winter)
    ['06:00', 'Australia/Lord_Howe', '2025-01-10T00:00:00.000Z', '2025-01-10T19:00:00.000Z'],
    ['06:00', 'Australia/Lord_Howe', '2025-07-10T00:00:00.000Z', '2025-07-10T19:30:00.000Z'],
    // midnight slot rolls into the next local day
    ['00:00', 'Asia/Kolkata', '2025-05-01T18:29:00.000Z', '2025-05-01T18:30:00.000Z'],
  ])('%s in %s after %s → %s', (time, zone, after, expected) => {
    expect(nextDailySlot(time, zone, at(after)).toISOString()).toBe(expected);
  });

  it('moves a time skipped by spring forward forward by the gap', () => {
    // 02:30 does not exist in New York on 2025-03-09; the slot is 03:30 EDT = 07:30Z.
    expect(nextDailySlot('02:30', 'America/New_York', at('2025-03-09T05:00:00.000Z')).toISOString()).toBe('2025-03-09T07:30:00.000Z');
  });

  it('takes the first of a time repeated by fall back, once', () => {
    // 01:30 happens at 05:30Z (EDT) and again at 06:30Z (EST) on 2025-11-02.
    const first = nextDailySlot('01:30', 'America/New_York', at('2025-11-02T04:00:00.000Z'));
    expect(first.toISOString()).toBe('2025-11-02T05:30:00.000Z');
    // after the first, the next slot is the following day, not the repeat an hour later
    expect(nextDailySlot('01:30', 'America/New_York', first).toISOString()).toBe('2025-11-03T06:30:00.000Z');
  });

  it('gives one slot per day across a year of DST changes', () => {
    let t = at('2025-01-01T00:00:00.000Z');
    const days = new Set<string>();
    for (let i = 0; i < 365; i++) {
      const next = nextDailySlot('08:00', 'Europe/Berlin', t);
      expect(next.getTime()).toBeGreaterThan(t.getTime());
      const local = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Berlin', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(next);
      expect(local).toBe('08:00');
      days.add(next.toISOString().slice(0, 10));
      t = next;
    }
    expect(days.size).toBe(365);
  });

  it('rejects a bad time and an unknown zone with codes', () => {
    expect(() => nextDailySlot('25:00', 'UTC', at('2025-01-01T00:00:00Z'))).toThrow(/HH:MM/);
    try {
      nextDailySlot('08:00', 'Mars/Olympus', at('2025-01-01T00:00:00Z'));
      expect.unreachable();
    } catch (err) {
      expect(isTradewireError(err, 'schedule_bad_timezone')).toBe(true);
    }
  });
});

describe('zonedTimeToUtc', () => {
  it('maps a wall time to the instant', () => {
    expect(zonedTimeToUtc({ year: 2025, month: 12, day: 31, hour: 23, minute: 59 }, 'Asia/Tokyo').toISOString()).toBe('2025-12-31T14:59:00.000Z');
  });
});

describe('subscription modes', () => {
  it.each([
    ['instant', { kind: 'instant' }],
    ['daily 08:00', { kind: 'digest', time: '08:00', timezone: 'UTC' }],
    ['daily 8:05 Asia/Tokyo', { kind: 'digest', time: '08:05', timezone: 'Asia/Tokyo' }],
    ['  DAILY 17:30   Europe/London ', { kind: 'digest', time: '17:30', timezone: 'Europe/London' }],
  ])('parses %j', (text, mode) => {
    expect(parseSubscriptionMode(text)).toEqual(mode);
  });

  it('uses the given default zone', () => {
    expect(parseSubscriptionMode('daily 08:00', 'America/Chicago')).toEqual({ kind: 'digest', time: '08:00', timezone: 'America/Chicago' });
  });

  it.each(['hourly', 'daily', 'daily 8', 'daily 24:00 UTC', 'daily 08:00 Nowhere/Land', 'instant now'])('rejects %j', (text) => {
    expect(() => parseSubscriptionMode(text)).toThrow(/schedule:/);
  });

  it('round-trips through the words and names the digest key', () => {
    const mode = parseSubscriptionMode('daily 08:00 Asia/Tokyo');
    expect(parseSubscriptionMode(formatSubscriptionMode(mode))).toEqual(mode);
    expect(formatSubscriptionMode({ kind: 'instant' })).toBe('instant');
    expect(digestKey({ time: '08:00', timezone: 'Asia/Tokyo' })).toBe('08:00 Asia/Tokyo');
    expect(isValidTimeZone('Asia/Tokyo')).toBe(true);
    expect(isValidTimeZone('Asia/Nowhere')).toBe(false);
  });
});
