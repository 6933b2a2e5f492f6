/**
 * @module core/summary/score — how much a sentence says of the gist: its place (the lead carries the
 * news in wire copy), the headline's words it repeats, and the matched topics' terms it holds.
 */
import type { TopicMatch } from '../types.js';
import { contentWords } from '../text/words.js';
import type { Candidate } from './candidates.js';

export interface Scored extends Candidate {
  score: number;
}

/** Scores the candidates (in text order). */
export function scoreCandidates(body: string, pool: Candidate[], title: string, topics: TopicMatch[]): Scored[] {
  if (pool.length === 0) return [];
  // Find each headline word and topic term once in the whole body, then count per sentence: the
  // summariser runs on every article, so no sentence is lower-cased or tokenised on its own.
  const lower = body.slice(0, pool[pool.length - 1]!.end).toLowerCase();
  const titleWords = [...contentWords(title)];
  const titleHits = occurrences(lower, titleWords);
  const termHits = occurrences(lower, topicTerms(topics));
  for (const t of topics) for (const h of t.hits) if (h.field !== 'title') termHits.push([h.offset, -1]);
  const titleWeight = titleWords.length ? 2 / Math.min(titleWords.length, 8) : 0;
  const inTitle = counter(titleHits);
  const inTerms = counter(termHits);
  return pool.map((c): Scored => {
    const score =
      position(c) +
      inTitle(c.start, c.end) * titleWeight +
      Math.min(inTerms(c.start, c.end), 3) * 1.2 -
      (c.text.length < 60 ? 0.5 : 0) -
      (c.text.length > 300 ? 0.5 : 0);
    return { ...c, score };
  });
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

/** [offset, which word] for every occurrence of each word in `text`. */
function occurrences(text: string, words: string[]): [number, number][] {
  const out: [number, number][] = [];
  words.forEach((w, k) => {
    for (let at = text.indexOf(w); at >= 0; at = text.indexOf(w, at + w.length)) out.push([at, k]);
  });
  return out;
}

/**
 * Counts, for ranges asked in increasing order, how many different words (an offset-only hit
 * counts once) occur in [start, end): one walk over the sorted hits for the whole article.
 */
function counter(hits: [number, number][]): (start: number, end: number) => number {
  hits.sort((a, b) => a[0] - b[0]);
  let i = 0;
  return (start, end) => {
    while (i < hits.length && hits[i]![0] < start) i++;
    let n = 0;
    let seen = 0; // bit set of word indices below 31; beyond that, count every occurrence
    for (let j = i; j < hits.length && hits[j]![0] < end; j++) {
      const k = hits[j]![1];
      if (k < 0 || k > 30) n++;
      else if (!(seen & (1 << k))) {
        seen |= 1 << k;
        n++;
      }
    }
    return n;
  };
}
