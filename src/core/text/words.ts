/**
 * @module core/text/words — light word handling shared by the summariser and the key-quote picker:
 * content words of a text (lower-case, stop words out; Japanese as character pairs) and their overlap.
 */

const STOP = new Set(`
  a an the and or but if of in on at to for from by with as is are was were be been being it its this that these
  those he she they we i you his her their our my your them him us me not no than then so such can could will
  would should may might must has have had do does did said says say also about after before over into out up
  down more most other some any all new two one year years per pct mln dlrs billion million percent week
`.trim().split(/\s+/));

const CJK_RUN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー]+/gu;
const WORD = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}

const isAsciiWordChar = (c: number): boolean => (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39);

/** Content words of `text`: lower-case Latin words of three letters or more without stop words, plus CJK character pairs. */
export function contentWords(text: string): Set<string> {
  const out = new Set<string>();
  const lower = text.toLowerCase();
  // ASCII text (most wire copy) is cut by hand; anything else goes through the Unicode-aware regexes.
  if (isAscii(lower)) {
    let start = -1;
    for (let i = 0; i <= lower.length; i++) {
      const c = i < lower.length ? lower.charCodeAt(i) : 0x20;
      const inWord = isAsciiWordChar(c) || (start >= 0 && (c === 0x27 || c === 0x2d) && isAsciiWordChar(lower.charCodeAt(i + 1)));
      if (inWord) {
        if (start < 0) start = i;
        continue;
      }
      if (start >= 0) add(out, lower.slice(start, i));
      start = -1;
    }
    return out;
  }
  for (const m of lower.replace(CJK_RUN, ' ').matchAll(WORD)) add(out, m[0]);
  for (const m of lower.matchAll(CJK_RUN)) {
    const run = m[0];
    for (let i = 0; i + 1 < run.length; i++) out.add(run.slice(i, i + 2));
  }
  return out;
}

function add(out: Set<string>, word: string): void {
  const w = word.endsWith("'s") || word.endsWith('’s') ? word.slice(0, -2) : word;
  if (w.length >= 3 && !STOP.has(w)) out.add(w);
}

/** |a ∩ b| / |a ∪ b|. */
export function jaccard(a: Set<string>, b: Set<string>): number {
  let inter = 0;
  for (const w of a) if (b.has(w)) inter++;
  const union = a.size + b.size - inter;
  return union === 0 ? 0 : inter / union;
}

/** Whether text is mostly Japanese (or Chinese) script. */
export function isCjk(text: string): boolean {
  let cjk = 0;
  let latin = 0;
  const n = Math.min(text.length, 120);
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    // Hiragana, Katakana (U+3040–30FF), CJK ideographs (U+3400–9FFF), half-width Katakana.
    if ((c >= 0x3040 && c <= 0x30ff) || (c >= 0x3400 && c <= 0x9fff) || (c >= 0xff66 && c <= 0xff9f)) cjk++;
    else if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) latin++;
  }
  return cjk > latin;
}
