/**
 * @module core/quotes/key — the few quotations worth showing in an alert: complete statements over
 * fragments, then those on the matched topics, then the main speakers', no near-duplicates; shown
 * on-topic first, main speakers first.
 */
import type { Quote, TopicMatch } from '../types.js';
import { contentWords, jaccard } from '../text/words.js';

export const MAX_KEY_QUOTES = 3;
/** Two quotations sharing this much of their words say the same thing. */
const NEAR_DUPLICATE = 0.6;

/** Two quotations where the shorter one's words are nearly all in the longer one say the same thing. */
const CONTAINED = 0.8;

interface Rated {
  quote: Quote;
  index: number;
  score: number;
  words: Set<string>;
  /** A statement that stands on its own (not a fragment of someone's sentence). */
  complete: boolean;
  /** Holds a word that made one of the article's topics match. */
  onTopic: boolean;
}

/** At most 3 quotes for display, on-topic ones first, then by how prominent their speaker is in the article, then best first. */
export function pickKeyQuotes(quotes: Quote[], context: { topics: TopicMatch[] }): Quote[] {
  if (quotes.length === 0) return [];
  const terms = new Set<string>();
  for (const t of context.topics) for (const h of t.hits) if (h.text.trim().length >= 2) terms.add(h.text.trim().toLowerCase());
  const prominence = speakerProminence(quotes);
  const rated: Rated[] = quotes.map((quote, index) => {
    const complete = completeness(quote.text);
    const onTopic = topical(quote.text, terms);
    return { quote, index, words: contentWords(quote.text), complete: complete >= 1.5, onTopic: onTopic > 0, score: complete + onTopic + speakerWeight(quote.speaker, prominence) };
  });
  // Complete statements first, then those on the matched topics, then the rest by score (which
  // counts the speaker's prominence): a main speaker's aside never beats a quote on the topic.
  const rank = (a: Rated, b: Rated): number => Number(b.complete) - Number(a.complete) || Number(b.onTopic) - Number(a.onTopic) || b.score - a.score || a.index - b.index;
  const chosen: Rated[] = [];
  const perSpeaker = new Map<string, number>();
  for (const r of [...rated].sort(rank)) {
    if (chosen.length >= MAX_KEY_QUOTES) break;
    if (chosen.some((c) => sameThing(c, r))) continue;
    // Room for more than one voice: a third quote from the same speaker only when nobody else is quoted.
    if ((perSpeaker.get(r.quote.speaker) ?? 0) >= 2 && prominence.size > 1) continue;
    chosen.push(r);
    perSpeaker.set(r.quote.speaker, (perSpeaker.get(r.quote.speaker) ?? 0) + 1);
  }
  return chosen
    .sort((a, b) => Number(b.onTopic) - Number(a.onTopic) || (prominence.get(b.quote.speaker)?.rank ?? 0) - (prominence.get(a.quote.speaker)?.rank ?? 0) || b.score - a.score || a.index - b.index)
    .map((r) => r.quote);
}

/** The same words, most of the same words, or one quotation's words nearly all inside the other's. */
function sameThing(a: Rated, b: Rated): boolean {
  if (a.quote.text === b.quote.text || jaccard(a.words, b.words) >= NEAR_DUPLICATE) return true;
  const [small, big] = a.words.size <= b.words.size ? [a.words, b.words] : [b.words, a.words];
  if (small.size < 4) return false;
  let shared = 0;
  for (const w of small) if (big.has(w)) shared++;
  return shared / small.size >= CONTAINED;
}

/** A statement that stands on its own: opens with a capital (or is Japanese), ends in a stop, has some length. */
function completeness(text: string): number {
  const t = text.trim();
  const words = t.split(/\s+/).length;
  const japanese = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u.test(t.slice(0, 10));
  let score = 0;
  if (japanese) score += t.length >= 20 ? 2 : 1;
  else {
    if (/^["'“‘([]?[\p{Lu}\p{N}]/u.test(t)) score += 1.5;
    else score -= 0.5; // "at the most appropriate time": a fragment of someone's sentence
    if (/[.!?,]["'”’)]?$/.test(t)) score += 0.5;
    if (words >= 8) score += 0.5;
    if (words > 60) score -= 0.5; // too long to read in a chat message
  }
  return score;
}

function topical(text: string, terms: Set<string>): number {
  const lower = text.toLowerCase();
  let n = 0;
  for (const t of terms) if (lower.includes(t)) n++;
  return Math.min(n, 3) * 0.75;
}

interface Prominence {
  count: number;
  /** Higher for speakers quoted more often and earlier. */
  rank: number;
}

function speakerProminence(quotes: Quote[]): Map<string, Prominence> {
  const out = new Map<string, Prominence>();
  quotes.forEach((q, i) => {
    const p = out.get(q.speaker) ?? { count: 0, rank: 0 };
    p.count++;
    p.rank = p.count * 10 - (p.count === 1 ? i : 0) * 0.1;
    out.set(q.speaker, p);
  });
  for (const [speaker, p] of out) if (/^unknown$/i.test(speaker)) p.rank = -1;
  return out;
}

function speakerWeight(speaker: string, prominence: Map<string, Prominence>): number {
  if (/^unknown$/i.test(speaker)) return -1;
  const p = prominence.get(speaker)!;
  return Math.min(p.count, 3) * 0.3;
}
