/**
 * @module core/dedupe — near-duplicate detection across outlets: the same wire story carried by
 * several feeds (headline rewritten, lead lightly edited) becomes one story; different stories on
 * the same topic stay apart.
 *
 * Two steps, as in search engines' near-duplicate detection (Broder 1997; Manning et al., IR book
 * ch. 19.6): a MinHash fingerprint split into bands gives lookup keys, so the store finds candidates
 * with an index instead of comparing against every story; then an exact similarity check on the
 * candidate's title and lead decides. The fingerprint is tuned for recall, the check for precision.
 */
import { cyrb53 } from './identity.js';

export interface DedupeText {
  title: string;
  /** The lead: first paragraph(s) of the body (see `leadOf`). */
  lead: string;
}

/** Bands × rows of the MinHash signature. With 2 rows, pairs with token Jaccard 0.3 share a band ~85% of the time. */
const BANDS = 20;
const ROWS = 2;
/** Pairs scoring at least this are the same story (tuned on the pairs in dedupe.test.ts). */
export const DUPLICATE_THRESHOLD = 0.5;

/** The lead of a body: its first paragraphs up to ~150 characters, cut to at most 400 at a word end. */
export function leadOf(body: string): string {
  const paragraphs = body.split(/\n\s*\n/).map((p) => p.replace(/\s+/g, ' ').trim()).filter(Boolean);
  let lead = '';
  for (const p of paragraphs) {
    lead = lead ? `${lead} ${p}` : p;
    if (lead.length >= 150) break;
  }
  if (lead.length <= 400) return lead;
  const cut = lead.slice(0, 400);
  const space = cut.lastIndexOf(' ');
  return space > 300 ? cut.slice(0, space) : cut;
}

// ───────────────────────────── tokens ─────────────────────────────

const STOPWORDS = new Set(
  (
    'a an the and or but nor of to in on at by for from with as into onto over under about after before ' +
    'between during since until than then this that these those there here it its it\'s is are was were be been ' +
    'being has have had do does did will would shall should can could may might must not no yes so if while ' +
    'he she they them their his her him we our you your i me my who whom which what when where why how ' +
    'said says say saying told tell according also just more most some any all each other such only own same ' +
    'up down out off again further once new year years week month day today tuesday monday wednesday thursday ' +
    'friday saturday sunday percent pct per cent mln bln billion million trillion reuters ap afp kyodo ' +
    'bloomberg nikkei update updated breaking exclusive analysis via'
  ).split(/\s+/),
);

/** Spellings of the same name folded together before comparing. */
const ALIASES: Record<string, string> = { usa: 'us', america: 'us', 'u.s': 'us', 'u.s.a': 'us', 'u.k': 'uk', britain: 'uk' };

/** "TOKYO, June 3 (Reuters) -" / "WASHINGTON (AP) —": outlet datelines differ for the same copy. */
const DATELINE = /^\s*[A-Z][A-Z .,'/-]{1,40}(?:,\s*[A-Z][a-z]{2,9}\.?\s+\d{1,2})?\s*(?:\([^)]{1,40}\))?\s*[-—–:]+\s+/;

const WORD = /[\p{L}\p{N}]+(?:[.'’:][\p{L}\p{N}]+|,\d+)*/gu;
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
const NUMBER = /^\d+(?:[.,:]\d+)*$/;

function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/\bunited states\b/g, 'us')
    .replace(/\b([a-z]{1,3})-(\d)/g, '$1$2'); // G-20 → g20, F-35 → f35
}

/** A crude English stemmer: enough to fold tariff/tariffs, talk/talks/talked, agree/agreed. */
function stem(word: string): string {
  if (word.length > 5 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 5 && word.endsWith('ing')) return word.slice(0, -3);
  if (word.length > 4 && word.endsWith('ed')) return word.slice(0, -2).replace(/e$/, '');
  if (word.length > 3 && word.endsWith('es') && /(?:ss|sh|ch|x|z)es$/.test(word)) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  if (word.length > 4 && word.endsWith('e')) return word.slice(0, -1);
  return word;
}

/** Words in order: folded, aliased, stemmed; CJK runs as character bigrams. */
export function dedupeTokens(text: string): string[] {
  const out: string[] = [];
  for (const match of fold(text).matchAll(WORD)) {
    let w = match[0];
    if (CJK.test(w)) {
      const chars = [...w];
      if (chars.length === 1) out.push(w);
      for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
      continue;
    }
    if (NUMBER.test(w)) {
      out.push(w.replace(/,/g, ''));
      continue;
    }
    w = w.replace(/['’]s$/, '');
    w = ALIASES[w] ?? w.replace(/[.'’:]/g, '');
    if (STOPWORDS.has(w) || w.length < 2) continue;
    out.push(stem(w));
  }
  return out;
}

function contentText(text: DedupeText): string {
  return `${text.title}\n${text.lead.replace(DATELINE, '')}`;
}

// ───────────────────────────── fingerprint ─────────────────────────────

function mix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * Lookup keys for the store: `BANDS` MinHash band keys over the content words of title + lead,
 * plus one key for the normalised title. Stories sharing any key are candidates for `similarity`.
 */
export function fingerprint(text: DedupeText): string[] {
  const tokens = [...new Set(dedupeTokens(contentText(text)))];
  const keys: string[] = [];
  const titleTokens = dedupeTokens(text.title);
  // The exact headline is a strong sign: two keys (independent hashes), so it counts twice.
  if (titleTokens.length > 0) {
    const title = titleTokens.join(' ');
    keys.push(`t:${cyrb53(title).toString(36)}`, `t2:${cyrb53(title, 0x51ed27).toString(36)}`);
  }
  if (tokens.length === 0) return keys;
  const hashes = tokens.map((t) => cyrb53(t) >>> 0);
  for (let band = 0; band < BANDS; band++) {
    const mins: string[] = [];
    for (let row = 0; row < ROWS; row++) {
      const seed = Math.imul(band * ROWS + row + 1, 0x9e3779b1);
      let min = 0xffffffff;
      for (const h of hashes) {
        const v = mix32(h ^ seed);
        if (v < min) min = v;
      }
      mins.push(min.toString(36));
    }
    keys.push(`b${band}:${mins.join('.')}`);
  }
  return keys;
}

// ───────────────────────────── similarity ─────────────────────────────

/** A set of token hashes: sorted, unique. 4 bytes an element (a Set of numbers takes ~10×). */
type HashSet = Uint32Array;

/** Size of the intersection of two sorted sets (one merge pass). */
function intersect(a: HashSet, b: HashSet): number {
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    if (a[i]! < b[j]!) i++;
    else if (a[i]! > b[j]!) j++;
    else {
      n++;
      i++;
      j++;
    }
  }
  return n;
}

function jaccard(a: HashSet, b: HashSet): number {
  if (a.length === 0 || b.length === 0) return 0;
  const inter = intersect(a, b);
  return inter / (a.length + b.length - inter);
}

function containment(a: HashSet, b: HashSet): number {
  if (a.length === 0 || b.length === 0) return 0;
  return intersect(a, b) / Math.min(a.length, b.length);
}

function has(set: HashSet, x: number): boolean {
  let lo = 0;
  let hi = set.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (set[mid] === x) return true;
    if (set[mid]! < x) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

function toHashSet(hashes: Iterable<number>): HashSet {
  return Uint32Array.from(new Set(hashes)).sort();
}

/** A token as a 32-bit number: profiles hold numbers, several times smaller than strings. */
function tokenHash(token: string): number {
  let h = 0x811c9dc5; // FNV-1a
  for (let i = 0; i < token.length; i++) h = Math.imul(h ^ token.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

function hashSet(tokens: string[]): HashSet {
  return toHashSet(tokens.map(tokenHash));
}

function shingles(tokens: string[]): HashSet {
  const hashes = tokens.map(tokenHash);
  const out: number[] = [];
  for (let i = 0; i + 1 < hashes.length; i++) out.push((Math.imul(hashes[i]!, 0x9e3779b1) ^ hashes[i + 1]!) >>> 0);
  return toHashSet(out);
}

/** Capitalised words of a lead that do not open a sentence: the names it mentions (folded like tokens). */
function leadNames(lead: string): Set<string> {
  const names = new Set<string>();
  const words = lead.replace(DATELINE, '').split(/\s+/);
  for (let i = 1; i < words.length; i++) {
    const word = words[i]!.replace(/^[\p{P}\p{S}]+/u, '');
    if (!/^\p{Lu}/u.test(word) || /[.!?:]["”’)]*$/u.test(words[i - 1]!)) continue;
    for (const t of dedupeTokens(word)) names.add(t);
  }
  return names;
}

/**
 * An article prepared for comparison: tokenised once, compared with many candidates (and cached by
 * story id across a poll cycle, since one story is a candidate for many items).
 */
export interface DedupeProfile {
  readonly profile: true;
  /** Tokens as 32-bit hashes (a rare collision only nudges a ratio). */
  title: HashSet;
  titleNumbers: HashSet;
  /** Content words of title + lead. */
  words: HashSet;
  leadLength: number;
  leadShingles: HashSet;
  /** Headline words that the lead shows to be names. */
  titleNames: number[];
}

export function dedupeProfile(text: DedupeText): DedupeProfile {
  const titleTokens = dedupeTokens(text.title);
  const lead = dedupeTokens(text.lead.replace(DATELINE, ''));
  const names = leadNames(text.lead);
  return {
    profile: true,
    title: hashSet(titleTokens),
    titleNumbers: hashSet(titleTokens.filter((t) => NUMBER.test(t))),
    words: hashSet(dedupeTokens(contentText(text))),
    leadLength: lead.length,
    leadShingles: shingles(lead),
    titleNames: titleTokens.filter((t) => names.has(t)).map(tokenHash),
  };
}

function profileOf(x: DedupeText | DedupeProfile): DedupeProfile {
  return 'profile' in x ? x : dedupeProfile(x);
}

/**
 * How alike two articles are as one story, in [0, 1]:
 * - copy of the same wire lead → high shingle overlap of the leads;
 * - rewritten headline over the same facts → high overlap of the content words of title + lead.
 * Headlines that both carry figures and share none (monthly data: "exports fall 5% in May" vs
 * "… 3% in June") are different stories, whatever else they share.
 */
export function similarity(x: DedupeText | DedupeProfile, y: DedupeText | DedupeProfile): number {
  const a = profileOf(x);
  const b = profileOf(y);
  if (a.titleNumbers.length > 0 && b.titleNumbers.length > 0 && containment(a.titleNumbers, b.titleNumbers) === 0) return 0;
  // Template stories ("US reaches trade deal with Japan" / "… with South Korea") share almost every
  // word; what tells them apart is a name in each headline that the other article never mentions.
  if (a.titleNames.some((t) => !has(b.words, t)) && b.titleNames.some((t) => !has(a.words, t))) return 0;
  const words = jaccard(a.words, b.words);
  const title = jaccard(a.title, b.title);
  // Two briefs with a line or two of boilerplate each ("Qtly div 12 cts vs 12 cts prior") share
  // that boilerplate whatever the story: let their headlines carry half the weight.
  if (a.leadLength < 15 && b.leadLength < 15) return Math.min(1, (title + words) / 2);
  // Shingles need a real lead on both sides; a headline-only item is judged on its words alone.
  const lead = a.leadLength >= 15 && b.leadLength >= 15 ? jaccard(a.leadShingles, b.leadShingles) : 0;
  // A short item wholly contained in a longer one (a brief of the same story) counts when the
  // headlines agree too.
  const contained = containment(a.words, b.words) * Math.min(1, title * 2);
  return Math.min(1, Math.max(words, lead * 1.1, contained * 0.8, title >= 0.8 && words >= 0.3 ? title : 0));
}

export function isNearDuplicate(a: DedupeText | DedupeProfile, b: DedupeText | DedupeProfile): boolean {
  return similarity(a, b) >= DUPLICATE_THRESHOLD;
}

/** How many lookup keys two fingerprints share (an exact headline alone shares two). */
export function sharedKeys(a: readonly string[], b: readonly string[]): number {
  const set = new Set(a);
  let n = 0;
  for (const k of b) if (set.has(k)) n++;
  return n;
}

/** Fewer shared keys than this and a pair is almost surely not one story (see dedupe.test.ts). */
export const MIN_SHARED_KEYS = 2;

export interface StoryLike extends DedupeText {
  id: string;
  firstSeen: string;
  fingerprint?: readonly string[];
}

/**
 * The candidate most similar to `text` at or above the threshold (earliest wins a tie), or null.
 * With `keys` (the text's fingerprint), candidates sharing fewer than MIN_SHARED_KEYS are skipped
 * unread; `profiles` caches candidates' profiles by story id.
 */
export function bestDuplicate<T extends StoryLike>(
  text: DedupeText | DedupeProfile,
  candidates: readonly T[],
  options: { keys?: readonly string[]; profiles?: Map<string, DedupeProfile> } = {},
): T | null {
  const mine = profileOf(text);
  let best: T | null = null;
  let bestScore = DUPLICATE_THRESHOLD;
  for (const c of candidates) {
    if (options.keys && c.fingerprint && sharedKeys(options.keys, c.fingerprint) < MIN_SHARED_KEYS) continue;
    let theirs = options.profiles?.get(c.id);
    if (!theirs) {
      theirs = dedupeProfile(c);
      options.profiles?.set(c.id, theirs);
    }
    const score = similarity(mine, theirs);
    if (score < DUPLICATE_THRESHOLD) continue;
    if (score > bestScore || best === null || (score === bestScore && c.firstSeen < best.firstSeen)) {
      best = c;
      bestScore = score;
    }
  }
  return best;
}
