/**
 * @module core/schedule — digest slot times: the next `daily HH:MM` in an IANA time zone, DST-correct.
 *
 * Pure: the wall clock of a zone comes from `Intl.DateTimeFormat` (the ICU data Node ships), never
 * from the machine's zone. Around DST changes a slot follows the wall clock: a time that does not
 * exist that day (spring forward, 02:30 in New York) moves forward by the gap (03:30); a time that
 * exists twice (fall back, 01:30) is taken at its first occurrence.
 */
import { TradewireError } from './errors.js';
import type { SubscriptionMode } from './types.js';

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Cached per zone: building a DateTimeFormat costs far more than using one. */
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch (err) {
      throw new TradewireError('schedule_bad_timezone', `schedule: unknown time zone "${timeZone}" (expected an IANA name such as Asia/Tokyo)`, {
        input: timeZone,
        cause: err,
      });
    }
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when `timeZone` is an IANA zone this runtime knows. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

interface WallTime {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallTime(epochMs: number, timeZone: string): WallTime {
  const parts = formatterFor(timeZone).formatToParts(new Date(epochMs));
  const get = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour') % 24, minute: get('minute'), second: get('second') };
}

/** The zone's offset from UTC at an instant, in ms (Tokyo: +9 h). */
function offsetAt(epochMs: number, timeZone: string): number {
  const w = wallTime(epochMs, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - (epochMs - (((epochMs % 1000) + 1000) % 1000));
}

/**
 * The instant at which the zone's wall clock reads the given local date and time. A time skipped by
 * a DST change resolves forward by the gap; a repeated time resolves to its first occurrence.
 */
export function zonedTimeToUtc(local: { year: number; month: number; day: number; hour: number; minute: number }, timeZone: string): Date {
  const naive = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute);
  // The offset a few hours either side of the naive instant brackets any DST change on that day.
  const before = offsetAt(naive - 12 * 3_600_000, timeZone);
  const after = offsetAt(naive + 12 * 3_600_000, timeZone);
  const candidates = [naive - before, naive - after].sort((a, b) => a - b);
  for (const t of candidates) {
    const w = wallTime(t, timeZone);
    if (w.hour === local.hour && w.minute === local.minute && w.day === local.day) return new Date(t);
  }
  // Not on the wall clock at all (spring-forward gap): keep the pre-change offset, which lands the
  // same distance past the gap as the wanted time was into it.
  return new Date(naive - before);
}

const TIME = /^([01]?\d|2[0-3]):([0-5]\d)$/;

function parseTime(time: string): { hour: number; minute: number } {
  const m = TIME.exec(time.trim());
  if (!m) throw new TradewireError('schedule_bad_time', `schedule: expected a time as HH:MM (24 h), found "${time}"`, { input: time });
  return { hour: Number(m[1]), minute: Number(m[2]) };
}

/** The first instant strictly after `after` at which it is `time` (HH:MM) in `timeZone`. */
export function nextDailySlot(time: string, timeZone: string, after: Date): Date {
  const { hour, minute } = parseTime(time);
  const today = wallTime(after.getTime(), timeZone);
  // Walk calendar days in the zone (UTC date arithmetic on the local date is exact for calendars).
  for (let i = 0; i < 3; i++) {
    const d = new Date(Date.UTC(today.year, today.month - 1, today.day + i));
    const slot = zonedTimeToUtc({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour, minute }, timeZone);
    if (slot.getTime() > after.getTime()) return slot;
  }
  /* c8 ignore next -- three consecutive days always contain the slot */
  throw new TradewireError('schedule_no_slot', `schedule: no ${time} slot in ${timeZone} after ${after.toISOString()}`, { input: time });
}

/**
 * Parses the subscription words of subscriptions.yaml and `/trade subscribe`: `instant`, or
 * `daily HH:MM [IANA zone]` (zone defaults to `defaultTimeZone`, UTC unless given).
 */
export function parseSubscriptionMode(text: string, defaultTimeZone = 'UTC'): SubscriptionMode {
  const words = text.trim().split(/\s+/);
  const kind = words[0]?.toLowerCase();
  if (kind === 'instant' && words.length === 1) return { kind: 'instant' };
  if (kind === 'daily' && (words.length === 2 || words.length === 3)) {
    const { hour, minute } = parseTime(words[1]!);
    const timezone = words[2] ?? defaultTimeZone;
    formatterFor(timezone); // throws schedule_bad_timezone with the name
    return { kind: 'digest', time: `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`, timezone };
  }
  throw new TradewireError('schedule_bad_mode', `schedule: expected "instant" or "daily HH:MM [time zone]", found "${text}"`, { input: text });
}

/** The words that give a mode back (`instant`, `daily 08:00 Asia/Tokyo`). */
export function formatSubscriptionMode(mode: SubscriptionMode): string {
  return mode.kind === 'instant' ? 'instant' : `daily ${mode.time} ${mode.timezone}`;
}

/** The key that groups digest items sent together: the schedule, e.g. "08:00 Asia/Tokyo". */
export function digestKey(mode: { time: string; timezone: string }): string {
  return `${mode.time} ${mode.timezone}`;
}
