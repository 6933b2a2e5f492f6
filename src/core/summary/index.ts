/**
 * @module core/summary — extractive summary: at most 3 sentences and 400 characters, each copied
 * verbatim from the body, chosen for the gist (lead position, the headline's words) and the matched
 * topics (sentences holding the rule terms that hit). A sentence that is mostly a quotation is never
 * chosen: the summary says what happened, the key quotes say who said what.
 *
 * A headline-only brief (empty body) gets an empty summary: every place that shows a summary shows
 * the headline beside it, so repeating it would add nothing.
 */
import type { ArticleText, TopicMatch } from '../types.js';
import { isCjk } from '../text/words.js';
import { candidates, type Candidate } from './candidates.js';
import { scoreCandidates } from './score.js';

export const MAX_SENTENCES = 3;
export const MAX_CHARS = 400;

/** At most 3 sentences and 400 characters, verbatim from the article, chosen for gist and topics. */
export function summarise(article: ArticleText, context: { topics: TopicMatch[] }): string {
  const body = article.body ?? '';
  if (!/\S/.test(body)) return '';
  const cjk = isCjk(body);
  const joiner = cjk ? '' : ' ';
  const pool = candidates(body, cjk);
  if (pool.length === 0) return '';
  scoreCandidates(body, pool, article.title ?? '', context.topics);
  const ranked = [...pool].sort((a, b) => b.score - a.score || a.index - b.index);
  const best = ranked[0]!;
  const chosen: Candidate[] = [];
  let length = 0;
  for (const c of ranked) {
    if (chosen.length >= MAX_SENTENCES) break;
    if (c.score < best.score * 0.35) break;
    const added = c.text.length + (chosen.length ? joiner.length : 0);
    if (length + added > MAX_CHARS) continue;
    chosen.push(c);
    length += added;
  }
  if (chosen.length === 0) return truncate(best.text, MAX_CHARS);
  return chosen
    .sort((a, b) => a.index - b.index)
    .map((c) => c.text)
    .join(joiner);
}

/** The start of a sentence too long to fit, cut at a word and marked with an ellipsis. */
function truncate(text: string, max: number): string {
  const room = text.slice(0, max - 1);
  const cut = room.lastIndexOf(' ');
  return `${(cut > max / 2 ? room.slice(0, cut) : room).replace(/[\s,;:]+$/, '')}…`;
}
