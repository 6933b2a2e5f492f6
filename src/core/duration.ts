/**
 * @module core/duration — "15s", "5m", "6h", "1d", "250ms" or a number of milliseconds.
 */
import { TradewireError } from './errors.js';

const UNITS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const PATTERN = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)\s*$/i;

export function parseDuration(value: string | number): number {
  if (typeof value === 'number') {
    if (Number.isFinite(value) && value >= 0) return value;
    throw new TradewireError('bad_duration', `duration: expected a non-negative number of ms, found ${value}`, { input: value });
  }
  const m = PATTERN.exec(value);
  if (!m) {
    throw new TradewireError('bad_duration', `duration: expected a number with a unit (250ms, 15s, 5m, 6h, 1d), found "${value}"`, {
      input: value,
    });
  }
  return Math.round(Number(m[1]) * (UNITS[m[2]!.toLowerCase()] ?? 1));
}

/** The shortest readable form: 90000 → "1m30s". */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  const parts: string[] = [];
  let rest = Math.round(ms / 1000);
  for (const [unit, size] of [['d', 86400], ['h', 3600], ['m', 60], ['s', 1]] as const) {
    if (rest >= size) {
      parts.push(`${Math.floor(rest / size)}${unit}`);
      rest %= size;
    }
  }
  return parts.join('');
}
