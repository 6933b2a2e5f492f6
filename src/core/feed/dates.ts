/**
 * @module core/feed/dates — the dates feeds really write, to ISO 8601 UTC (or null).
 *
 * RFC 822/1123 (with odd or named zones, two-digit years, missing seconds, missing zone), ISO 8601 /
 * RFC 3339 (with or without zone, fractions, a space for the T), Unix `date` output, `DD.MM.YYYY`,
 * `YYYY/MM/DD` and `YYYY.MM.DD`, long forms ("April 20, 2025"), day and month names in the main
 * European languages, and Japanese forms (`2025年3月4日(火) 10時30分`, 午前/午後, 令和/平成 years,
 * full-width digits). A date without a zone is taken as UTC — except one written in Japanese, which
 * is taken as JST (UTC+9), the zone such feeds mean. Nothing here reads the clock.
 */

/** Month names and abbreviations (lower case, accents kept and stripped) → month number. */
const MONTHS: Record<string, number> = {};
const MONTH_NAMES: string[][] = [
  ['jan', 'january', 'januar', 'janvier', 'janv', 'enero', 'ene', 'gennaio', 'gen', 'janeiro', 'januari', 'jänner', 'jaenner', 'stycznia', 'leden'],
  ['feb', 'february', 'februar', 'février', 'fevrier', 'févr', 'fevr', 'fev', 'fév', 'febrero', 'febbraio', 'fevereiro', 'februari', 'lutego'],
  ['mar', 'march', 'märz', 'maerz', 'marz', 'mär', 'mars', 'marzo', 'março', 'marco', 'maart', 'marca', 'mrz'],
  ['apr', 'april', 'avril', 'avr', 'abril', 'abr', 'aprile', 'kwietnia'],
  ['may', 'mai', 'mayo', 'maggio', 'mag', 'maio', 'mei', 'maja'],
  ['jun', 'june', 'juni', 'juin', 'junio', 'giugno', 'giu', 'junho', 'czerwca'],
  ['jul', 'july', 'juli', 'juillet', 'juil', 'julio', 'luglio', 'lug', 'julho', 'lipca'],
  ['aug', 'august', 'août', 'aout', 'agosto', 'ago', 'augustus', 'sierpnia'],
  ['sep', 'sept', 'september', 'septembre', 'septiembre', 'set', 'settembre', 'setembro', 'wrzesnia', 'września'],
  ['oct', 'october', 'oktober', 'okt', 'octobre', 'octubre', 'ottobre', 'ott', 'outubro', 'out', 'pazdziernika', 'października'],
  ['nov', 'november', 'novembre', 'noviembre', 'novembro', 'listopada'],
  ['dec', 'december', 'dezember', 'dez', 'décembre', 'decembre', 'déc', 'diciembre', 'dic', 'dicembre', 'dezembro', 'grudnia'],
];
MONTH_NAMES.forEach((names, i) => names.forEach((n) => (MONTHS[n] = i + 1)));

/** Abbreviated day names that are also month abbreviations somewhere (French/Spanish "mar" = Tuesday). */
const DAY_NAMES = new Set(['mar', 'mer', 'sab', 'dom', 'mi', 'do', 'sa', 'so', 'di', 'mo', 'fr']);

/** Named zones seen in feeds → offset in minutes east of UTC. Ambiguous names take the common reading. */
const ZONES: Record<string, number> = {
  ut: 0, utc: 0, gmt: 0, z: 0, wet: 0, bst: 60, ist: 330, cet: 60, met: 60, mez: 60, cest: 120, mest: 120, mesz: 120,
  wat: 60, eet: 120, eest: 180, msk: 180, cat: 120, eat: 180, sast: 120, est: -300, edt: -240, cst: -360, cdt: -300,
  mst: -420, mdt: -360, pst: -480, pdt: -420, akst: -540, akdt: -480, hst: -600, ast: -240, adt: -180, nst: -210,
  ndt: -150, jst: 540, kst: 540, hkt: 480, sgt: 480, pht: 480, awst: 480, acst: 570, acdt: 630, aest: 600, aedt: 660,
  nzst: 720, nzdt: 780, wib: 420, ict: 420, pkt: 300, gst: 240, brt: -180, art: -180, clt: -240,
};
// RFC 822 military zones: A–I = +1…+9, K–M = +10…+12, N–Y = −1…−12 (Z = 0 above). J is unused.
'abcdefghi'.split('').forEach((c, i) => (ZONES[c] ??= (i + 1) * 60));
'klm'.split('').forEach((c, i) => (ZONES[c] ??= (i + 10) * 60));
'nopqrstuvwxy'.split('').forEach((c, i) => (ZONES[c] ??= -(i + 1) * 60));

const ISO =
  /^(\d{4})-?(\d{2})-?(\d{2})(?:[T\s]+(\d{1,2}):?(\d{2})(?::?(\d{2})(?:[.,](\d+))?)?)?\s*(Z|[a-z]{2,5}|[+-]\d{2}(?::?\d{2})?)?$/i;

/** Japan's zone: a date written in Japanese without a zone means Japanese time. */
const JST = 9 * 60;

/** First years of the Japanese eras feeds still use (令和 1 = 2019, 平成 1 = 1989). */
const ERAS: Record<string, number> = { 令和: 2018, R: 2018, 平成: 1988, H: 1988 };

/**
 * `2025年3月4日`, `令和7年3月4日`, `2025/03/04` with a Japanese time: an optional weekday in
 * brackets, 午前/午後 (a.m./p.m.), `10:30`, `10時30分[15秒]`, and an optional zone.
 */
const JAPANESE =
  /^(?:(\d{4})年|(令和|平成|R|H)\s*(\d{1,2}|元)年)\s*(\d{1,2})月\s*(\d{1,2})日\s*(?:\([^)]{1,6}\))?\s*(午前|午後)?\s*(?:(\d{1,2})(?:時|:)\s*(?:(\d{1,2})分?)?(?:(?::|\s*)(\d{1,2})秒?)?)?\s*(\S+)?$/;
const SLASHED_JAPANESE_TIME = /^(\d{4})\/(\d{1,2})\/(\d{1,2})\s*(?:\([^)]{1,6}\))?\s*(午前|午後)\s*(\d{1,2})(?:時|:)(\d{1,2})?分?\s*(\S+)?$/;

function parseJapanese(raw: string): string | null {
  // Full-width digits, colons, brackets and spaces as their ASCII forms.
  const text = raw.normalize('NFKC').replace(/\s+/g, ' ').trim();
  const half = (pm: string | undefined, hour: number): number => (pm === undefined ? hour : (hour % 12) + (pm === '午後' ? 12 : 0));
  const m = JAPANESE.exec(text);
  if (m) {
    const era = m[2];
    const year = era ? (ERAS[era] ?? 0) + (m[3] === '元' ? 1 : Number(m[3])) : Number(m[1]);
    const offset = m[10] ? offsetMinutes(m[10]) : JST;
    if (offset === null) return null;
    return build(year, Number(m[4]), Number(m[5]), half(m[6], Number(m[7] ?? 0)), Number(m[8] ?? 0), Number(m[9] ?? 0), 0, offset);
  }
  const s = SLASHED_JAPANESE_TIME.exec(text);
  if (!s) return null;
  const offset = s[8] ? offsetMinutes(s[8]) : JST;
  if (offset === null) return null;
  return build(Number(s[1]), Number(s[2]), Number(s[3]), half(s[4], Number(s[5])), Number(s[6] ?? 0), 0, 0, offset);
}

function offsetMinutes(zone: string | undefined): number | null {
  if (!zone) return 0;
  const z = zone.toLowerCase().replace(/[()]/g, '');
  if (z in ZONES) return ZONES[z] ?? 0;
  const m = /^(?:gmt|utc|ut)?([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(z);
  if (!m) return null;
  const sign = m[1] === '-' ? -1 : 1;
  let hours = Number(m[2]);
  let minutes = Number(m[3] ?? 0);
  // "+530" / "-0800" given without a colon arrive here as two or four digits.
  if (!m[3] && (m[2] ?? '').length > 2) {
    hours = Math.floor(Number(m[2]) / 100);
    minutes = Number(m[2]) % 100;
  }
  if (hours > 14 || minutes > 59) return null;
  return sign * (hours * 60 + minutes);
}

function build(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number, offset: number): string | null {
  if (y < 100) y += y < 50 ? 2000 : 1900;
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 24 || mi > 59 || s > 60) return null;
  const t = Date.UTC(y, mo - 1, d, h, mi, Math.min(s, 59), ms) - offset * 60_000;
  const date = new Date(t);
  if (Number.isNaN(t) || new Date(Date.UTC(y, mo - 1, d)).getUTCMonth() !== mo - 1) return null;
  if (y < 1970 || y > 2200) return null;
  return date.toISOString();
}

function parseIso(text: string): string | null {
  const m = ISO.exec(text);
  if (!m) return null;
  const offset = offsetMinutes(m[8]);
  if (offset === null) return null;
  const ms = m[7] ? Math.round(Number(`0.${m[7]}`) * 1000) : 0;
  return build(Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0), ms, offset);
}

function stripAccents(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
}

function monthOf(token: string): number | null {
  const t = token.toLowerCase().replace(/\.$/, '');
  return MONTHS[t] ?? MONTHS[stripAccents(t)] ?? null;
}

/** RFC 822 and its relatives: find day, month, year, time and zone among the words, in any order. */
function parseWords(text: string): string | null {
  const tokens = text
    .replace(/(\d)(st|nd|rd|th)\b/gi, '$1')
    .replace(/,/g, ' ')
    .replace(/\b(?:de|del|à|a las|um|le|the|at)\b/gi, ' ')
    .split(/\s+/)
    .filter(Boolean);
  let day: number | null = null;
  let year: number | null = null;
  let time: number[] | null = null;
  let offset: number | null = null;
  let pm: boolean | null = null;
  const numbers: string[] = [];
  const months: { month: number; dayName: boolean }[] = [];
  for (const raw of tokens) {
    const tok = raw.replace(/\.$/, '');
    const t = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?([+-]\d{2}:?\d{2}|z)?$/i.exec(tok);
    if (t && !time) {
      time = [Number(t[1]), Number(t[2]), Number(t[3] ?? 0)];
      if (t[4]) offset = offsetMinutes(t[4]);
      continue;
    }
    if (/^(am|pm|a\.m|p\.m)$/i.test(tok)) {
      pm = tok.toLowerCase().startsWith('p');
      continue;
    }
    if (/^\d+$/.test(tok)) {
      numbers.push(tok);
      continue;
    }
    const mo = monthOf(tok);
    if (mo) {
      months.push({ month: mo, dayName: DAY_NAMES.has(stripAccents(tok.toLowerCase())) });
      continue;
    }
    if (offset === null && time) {
      const z = offsetMinutes(tok);
      if (z !== null) offset = z;
    }
  }
  // "mar." is Tuesday in French and Spanish but also March: a day name gives way to a real month.
  const month = (months.length > 1 ? months.find((m) => !m.dayName) : months[0])?.month ?? null;
  if (month === null) return null;
  for (const n of numbers) {
    if (n.length === 4 && year === null) year = Number(n);
    else if (n.length <= 2 && day === null) day = Number(n);
    else if (n.length <= 2 && year === null) year = Number(n);
  }
  if (day === null || year === null) return null;
  const [hour = 0, mi, s] = time ?? [0, 0, 0];
  const h = pm === null ? hour : (hour % 12) + (pm ? 12 : 0);
  return build(year, month, day, h, mi ?? 0, s ?? 0, 0, offset ?? 0);
}

/** `DD.MM.YYYY [HH:MM[:SS]]` (German and others) and `YYYY/MM/DD [HH:MM[:SS]]`. */
function parseNumeric(text: string): string | null {
  const dmy = /^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:[\s,]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?(?:\s*(\S+))?$/.exec(text);
  if (dmy) {
    const off = offsetMinutes(dmy[7]);
    if (off === null) return null;
    return build(Number(dmy[3]), Number(dmy[2]), Number(dmy[1]), Number(dmy[4] ?? 0), Number(dmy[5] ?? 0), Number(dmy[6] ?? 0), 0, off);
  }
  const ymd = /^(\d{4})([/.])(\d{1,2})\2(\d{1,2})(?:[\s,T]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?(?:\s*(\S+))?$/.exec(text);
  if (ymd) {
    const off = offsetMinutes(ymd[8]);
    if (off === null) return null;
    return build(Number(ymd[1]), Number(ymd[3]), Number(ymd[4]), Number(ymd[5] ?? 0), Number(ymd[6] ?? 0), Number(ymd[7] ?? 0), 0, off);
  }
  return null;
}

/** A feed date → ISO 8601 UTC, or null when it is missing or cannot be read with confidence. */
export function parseFeedDate(value: string | null | undefined): string | null {
  // An RFC 9557 suffix ("…+09:00[Asia/Tokyo]") repeats the offset already given; the offset decides.
  const text = value?.replace(/\s+/g, ' ').trim().replace(/(\d|Z)\[[A-Za-z_+\-/0-9]+\]$/, '$1');
  if (!text || text.length > 100) return null;
  if (/[年時午]/.test(text)) return parseJapanese(text);
  return parseIso(text) ?? parseNumeric(text) ?? parseWords(text);
}
