/**
 * @module core/summary/score — how much a sentence says of the gist: its place (the lead carries the
 * news in wire copy), the headline's words it repeats, and the matched topics' terms it holds.
 *
 * Runs on every article, so it does little per sentence: word matching only for the first
 * sentences (the only ones that can win on words against the lead), hit offsets for all.
 */
import type { TopicMatch } from '../types.js';
import { contentWords } from '../text/words.js';
import type { Candidate } from './candidates.js';

/** Sentences (from the top) whose words are compared with the headline and the topic terms. */
const WORD_MATCHED = 8;

/** Sets `score` on each candidate (given in text order) of `body`. */
export function scoreCandidates(body: string, pool: Candidate[], title: string, topics: TopicMatch[]): void {
  if (pool.length === 0) return;
  const offsets = hitOffsets(topics);
  const words = [...contentWords(title)];
  const titleWeight = words.length ? 2 / Math.min(words.length, 8) : 0;
  const titleCount = words.length;
  words.push(...topicTerms(topics));
  const shared = wordsPerSentence(body, pool, words);
  let next = 0;
  pool.forEach((c, k) => {
    let hits = 0;
    while (next < offsets.length && offsets[next]! < c.start) next++;
    for (let j = next; j < offsets.length && offsets[j]! < c.end; j++) hits++;
    const mask = shared[k] ?? [];
    let inTitle = 0;
    for (const w of mask) if (w < titleCount) inTitle++;
    hits += mask.length - inTitle;
    c.score = position(c) + inTitle * titleWeight + Math.min(hits, 3) * 1.2 - (c.text.length < 60 ? 0.5 : 0) - (c.text.length > 300 ? 0.5 : 0);
  });
}

/**
 * For each of the first sentences, which of `words` (by index) it holds: the lead region is
 * lower-cased once and each word searched in it once, not every sentence on its own.
 */
function wordsPerSentence(body: string, pool: Candidate[], words: string[]): number[][] {
  const out: number[][] = [];
  if (words.length === 0) return out;
  const last = Math.min(pool.length, WORD_MATCHED) - 1;
  const region = body.slice(0, pool[last]!.end).toLowerCase();
  words.forEach((w, k) => {
    let s = 0;
    for (let at = region.indexOf(w); at >= 0; at = region.indexOf(w, at + w.length)) {
      while (s <= last && pool[s]!.end <= at) s++;
      if (s > last) break;
      if (at < pool[s]!.start) continue;
      const list = (out[s] ??= []);
      if (list[list.length - 1] !== k) list.push(k);
    }
  });
  return out;
}

/** The lead sentence carries the news; the first paragraph next; later ones less and less. */
function position(c: Candidate): number {
  const lead = c.index === 0 ? 2 : 0;
  const firstParagraph = c.paragraph === 0 ? 0.5 : 0;
  return lead + firstParagraph + 1 / (1 + c.index * 0.3);
}

/** The words of the article that made its topics match, lower-cased. */
function topicTerms(topics: TopicMatch[]): string[] {
  const out = new Set<string>();
  for (const t of topics) for (const h of t.hits) if (h.text.trim().length >= 2) out.add(h.text.trim().toLowerCase());
  return [...out];
}

/** Body offsets of the hits in the lead and body (the lead is the start of the body), sorted. */
function hitOffsets(topics: TopicMatch[]): number[] {
  const out: number[] = [];
  for (const t of topics) for (const h of t.hits) if (h.field !== 'title') out.push(h.offset);
  return out.sort((a, b) => a - b);
}
