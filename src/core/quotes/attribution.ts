/**
 * @module core/quotes/attribution — decides who said each quotation, in this order:
 * 1. an attribution right after it: `"…," X said`, `"…," said X, the …`, `"…" according to X`;
 * 2. a speech verb before it in the sentence: `X said: "…"`, `X told reporters "…"`, `X called it
 *    "…"`, `…, adding "…"`, `X quoted Y as saying "…"` (→ Y);
 * 3. a second quotation in the same sentence as an attributed one (`"A," and "B"`);
 * 4. the subject of the sentence (`a Japanese official had played down expectations: "…"`);
 * 5. an attribution at the end of a sentence the quotation opens (`"…" to fix it, X told …`);
 * 6. the quotation before it in the paragraph (split quotes: `"A," he said. "B."`), or the next one;
 * 7. the person last spoken of (a paragraph that is only a quotation continues the last speaker);
 * 8. otherwise "unknown".
 */
import type { Discourse, Sentence, Speaker, VerbInfo } from './discourse.js';
import type { QuoteSpan } from './marks.js';
import { INTRO_WORDS, VERB_FILLERS } from './lexicon.js';
import { clean, parseNP } from './np.js';
import { isPunct, isWord, type Token } from './tokens.js';

interface Located {
  span: QuoteSpan;
  /** Token index of the masked quotation. */
  token: number;
  sentence: number;
}

/**
 * Speakers for `spans` (real quotations, in text order), as names to print; `attributed` when the
 * quotation's own sentence, paragraph or introduction names them (rules 1–6), not only the person
 * last spoken of.
 */
export function attribute(d: Discourse, spans: QuoteSpan[]): { name: string; attributed: boolean }[] {
  const located = spans.map((span) => locate(d, span));
  const speakers: (Speaker | null)[] = located.map((q) => (q ? (writtenOnAThing(d, q) ? NOBODY : direct(d, q)) : null));
  const attributed = speakers.map((s) => s !== null);
  for (let k = 0; k < located.length; k++) {
    const q = located[k];
    if (!q || speakers[k]) continue;
    speakers[k] = neighbour(d, located, speakers, k) ?? introduced(d, q);
    attributed[k] = speakers[k] !== null;
    speakers[k] ??= lastMentioned(d, q.span.open);
  }
  return speakers.map((s, k) => ({ name: s?.name ?? 'unknown', attributed: attributed[k]! }));
}

/** The words of a banner, a sign or a line going round: nobody the article names said them. */
const NOBODY: Speaker = { name: 'unknown', kind: 'desc', person: false, plural: false, head: '', unresolved: false };

/** Things that carry words without saying who wrote them. */
const THINGS = new Set(`banner banners sign signs placard placards poster posters slogan slogans line graffiti billboard
  billboards leaflet leaflets flyer flyers sticker stickers headline caption inscription screenshot t-shirt t-shirts
  mural chant chants motto joke jokes quip refrain mantra catchphrase meme tagline`.split(/\s+/));
const THING_LEAD = new Set(['a', 'an', 'the', 'one', 'another', 'this', 'that', 'its', 'their', 'with', 'reading', 'read', 'saying', 'said', 'which', 'that']);

/**
 * `a banner on the fence read "…"`, `A line doing the rounds summed up the mood: "…"`, `a note
 * with the line "…"`: the quotation is the text of a thing, which the sentence is about or which
 * stands right before it.
 */
function writtenOnAThing(d: Discourse, q: Located): boolean {
  const { tokens } = d.doc;
  const s = d.sentences[q.sentence]!;
  // right before the quotation: "with the line", "a banner reading", "signs saying:"
  let k = q.token - 1;
  while (k >= s.from && isPunct(tokens[k], ':,\u2014"\u201c')) k--;
  for (let n = 0; k >= s.from && n < 3 && isWord(tokens[k]); k--, n++) {
    if (THINGS.has(tokens[k]!.lower)) return true;
    if (!THING_LEAD.has(tokens[k]!.lower)) break;
  }
  // the sentence's subject: "A banner tied to the fence read", "A line doing the rounds …" (after
  // an opening phrase: "Outside the hall, a banner read …")
  let i = s.from;
  if (isWord(tokens[i]) && INTRO_WORDS.has(tokens[i]!.text)) {
    let comma = i + 1;
    while (comma < q.token && comma - i < 10 && !isPunct(tokens[comma], ',')) comma++;
    if (isPunct(tokens[comma], ',')) i = comma + 1;
  }
  while (i < q.token && isWord(tokens[i]) && THING_LEAD.has(tokens[i]!.lower) && i - s.from < 2) i++;
  if (i < q.token && isWord(tokens[i]) && !tokens[i]!.cap && THINGS.has(tokens[i]!.lower)) return true;
  if (i + 1 < q.token && isWord(tokens[i + 1]) && THINGS.has(tokens[i + 1]!.lower) && isWord(tokens[i]) && !tokens[i]!.cap) return true;
  return false;
}

function locate(d: Discourse, span: QuoteSpan): Located | null {
  const { tokens } = d.doc;
  const token = tokens.findIndex((t) => t.kind === 'quote' && t.start === span.start);
  if (token < 0) return null;
  const sentence = d.sentences.findIndex((s) => s.from <= token && token < s.to);
  return sentence < 0 ? null : { span, token, sentence };
}

/** Rules 1–5: what the quotation's own sentence says. */
function direct(d: Discourse, q: Located): Speaker | null {
  const s = d.sentences[q.sentence]!;
  return after(d, s, q) ?? before(d, s, q) ?? delayed(d, s, q) ?? subjectOf(d, q);
}

/** Rule 1: `"…," X said` / `"…," said X` / `"…" according to X`, nothing else in between. */
function after(d: Discourse, s: Sentence, q: Located): Speaker | null {
  const { tokens } = d.doc;
  let k = q.token + 1;
  while (k < s.to && isPunct(tokens[k], ',?!"\u201d\u2019\'\u2014\u2013-')) k++;
  if (k >= s.to) return null;
  const named = namedThenAppositive(d, s, k);
  if (named) return named;
  for (let v = k; v < s.to && v < k + 24; v++) {
    const t = tokens[v]!;
    if (t.kind === 'quote') return null;
    const info = d.verbs.get(v);
    if (!info) continue;
    if (info.kind === 'participle') return null;
    if ((info.kind === 'inverted' || info.kind === 'according') && v === k) return usable(info);
    if (info.kind === 'finite' && info.npStart === k) return usable(info);
    if (info.kind === 'finite' && info.npStart > k) return wholePhrase(d, k, v);
  }
  return null;
}

const usable = (info: VerbInfo): Speaker | null => info.speaker;

/**
 * `"…," a Venezuelan energy and mines ministry source said`: the subject scan stopped short (at
 * "and"), but everything between the quotation and the verb is one unnamed source.
 */
function wholePhrase(d: Discourse, k: number, v: number): Speaker | null {
  const { tokens } = d.doc;
  let end = v;
  while (end > k && isWord(tokens[end - 1]) && VERB_FILLERS.has(tokens[end - 1]!.lower)) end--;
  for (let j = k; j < end; j++) if (!isWord(tokens[j])) return null;
  const ref = parseNP(d.doc, k, end);
  if (!ref || ref.kind !== 'desc' || !ref.person || ref.definite) return null;
  return { name: clean(ref.text, true), kind: 'desc', person: true, plural: ref.plural, head: ref.head, unresolved: false };
}

/** `"…," Krapels, president of Energy Security Analysis, Inc said …`: a named person, a comma, and a speech verb later on. */
function namedThenAppositive(d: Discourse, s: Sentence, k: number): Speaker | null {
  const { tokens } = d.doc;
  let comma = k;
  while (comma < s.to && comma < k + 6 && isWord(tokens[comma]) && tokens[comma]!.cap) comma++;
  if (comma === k || !isPunct(tokens[comma], ',')) return null;
  const ref = parseNP(d.doc, k, comma);
  if (!ref || ref.kind !== 'person') return null;
  for (let v = comma + 1; v < s.to && v < comma + 30; v++) {
    if (tokens[v]!.kind === 'quote') return null;
    const info = d.verbs.get(v);
    if (info && info.kind === 'finite') return { name: d.aliases.get(ref.name) ?? ref.name, kind: 'person', person: true, plural: false, head: '', unresolved: false };
  }
  return null;
}

/** Rule 2: the nearest speech verb before the quotation, within its sentence and after any earlier quotation. */
function before(d: Discourse, s: Sentence, q: Located): Speaker | null {
  const { tokens } = d.doc;
  // "Y was told "…"": Y only listened; whoever relays it earlier in the sentence ("one official
  // said the king would be told …") spoke, else the article does not say who did.
  let listened = false;
  for (let v = q.token - 1; v >= s.from; v--) {
    if (tokens[v]!.kind === 'quote' && isRealQuoteToken(tokens, v)) break;
    const info = d.verbs.get(v);
    if (!info) continue;
    if (info.kind === 'passive') {
      listened = true;
      continue;
    }
    if (info.kind !== 'participle') return info.speaker ?? (listened ? NOBODY : null);
    // "…, adding "…"": whoever spoke in the clause — an earlier finite speech verb, or its subject.
    for (let u = v - 1; u >= s.from; u--) {
      const earlier = d.verbs.get(u);
      if (earlier && earlier.kind !== 'participle' && earlier.speaker) return earlier.speaker;
    }
    return d.subjects[d.sentences.indexOf(s)] ?? null;
  }
  return listened ? NOBODY : null;
}

/** A masked span long enough to be a quotation in its own right (not a scare quote). */
function isRealQuoteToken(tokens: Token[], k: number): boolean {
  return tokens[k]!.text.length >= 12;
}

/** Rule 5: a quotation inside a clause whose subject is a speaker ("…, he had called the country …: "…""). */
function subjectOf(d: Discourse, q: Located): Speaker | null {
  const s = d.sentences[q.sentence]!;
  if (q.token - 1 <= s.from) return null; // the quotation opens the sentence: no subject before it
  const subject = d.subjects[q.sentence];
  return subject && !subject.unresolved ? subject : null;
}

/**
 * Rule 4: the attribution closes the sentence after more words: `"…" to fix the problems, President
 * Koji Sato told a news conference` — a speaker phrase right after a comma, then its verb.
 */
function delayed(d: Discourse, s: Sentence, q: Located): Speaker | null {
  const { tokens } = d.doc;
  for (let v = q.token + 1; v < s.to; v++) {
    if (tokens[v]!.kind === 'quote') return null;
    const info = d.verbs.get(v);
    if (!info || info.kind !== 'finite' || !info.speaker || info.speaker.unresolved) continue;
    if (isPunct(tokens[info.npStart - 1], ',')) return info.speaker;
  }
  return null;
}

/** Rules 3 and 6: another quotation of the same sentence or paragraph that has a speaker. */
function neighbour(d: Discourse, located: (Located | null)[], speakers: (Speaker | null)[], k: number): Speaker | null {
  const q = located[k]!;
  for (let j = k - 1; j >= 0; j--) {
    const p = located[j];
    if (!p || p.span.paragraph !== q.span.paragraph) break;
    if (speakers[j]) return speakers[j]!;
  }
  for (let j = k + 1; j < located.length; j++) {
    const n = located[j];
    if (!n || n.span.paragraph !== q.span.paragraph) break;
    if (speakers[j]) return speakers[j]!;
  }
  return null;
}

/** Rule 6b: the paragraph before ends on a speech verb and a colon or dash: `The Treasury said-` / `… said:`. */
function introduced(d: Discourse, q: Located): Speaker | null {
  const { tokens } = d.doc;
  const s = d.sentences[q.sentence]!;
  if (q.token - 1 > s.from || q.sentence === 0) return null;
  const prev = d.sentences[q.sentence - 1]!;
  if (prev.paragraph !== s.paragraph - 1 || !isPunct(tokens[prev.to - 1], ':-\u2014\u2013')) return null;
  for (let v = prev.to - 2; v >= prev.from; v--) {
    const info = d.verbs.get(v);
    if (info?.speaker) return info.speaker;
  }
  return null;
}

/** Rule 7: the last person (or body) spoken of before `pos`. */
function lastMentioned(d: Discourse, pos: number): Speaker | null {
  for (let k = d.mentions.length - 1; k >= 0; k--) {
    const m = d.mentions[k]!;
    if (m.pos < pos && (m.speaker.person || m.speaker.kind === 'org')) return m.speaker;
  }
  return null;
}
