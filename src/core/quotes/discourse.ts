/**
 * @module core/quotes/discourse — who is speaking where: one pass over an article's sentences (with
 * quotations masked) that finds every speech verb's subject ("Kato said", "said Hana Morikawa, …",
 * "according to X", "X quoted Y as saying") and each sentence's subject, and resolves pronouns ("he
 * said") and definite descriptions ("the official said", "the presidential spokesman added") to the
 * person or body mentioned before.
 */
import { splitSentences } from '../text/sentences.js';
import { INTRO_WORDS, SPEECH_PARTICIPLES, SPEECH_VERBS } from './lexicon.js';
import { parseNP, subjectEnd, type Doc } from './np.js';
import { aliasesIn, collectPeople, collectRoles, remember } from './resolve.js';
import { describedName, namedAfter, objectAfter, subjectBefore } from './subjects.js';
import { isPunct, isWord, type Token } from './tokens.js';

/** A resolved speaker: the name or description to print, and what it is. */
export interface Speaker {
  name: string;
  kind: 'person' | 'org' | 'desc';
  person: boolean;
  plural: boolean;
  /** The description's head noun ("official"), '' for names. */
  head: string;
  /** A definite description ("the California Republican") that matched nothing said before. */
  unresolved: boolean;
  /** Was the subject of a speech verb ("Nissen said") — a one-word name that speaks is likely a person. */
  spoke?: boolean;
}

export interface Sentence {
  /** Token range [from, to). */
  from: number;
  to: number;
  paragraph: number;
}

/** A resolved subject at `pos`, in sentence `sentence`; `sub` when it speaks in a subordinate clause ("… when the Soviet leader insisted"). */
export interface Mention {
  pos: number;
  speaker: Speaker;
  sentence: number;
  sub: boolean;
}

/** `passive`: "Y was told …" with no teller — Y only listened, and the text does not say who spoke. */
export type VerbKind = 'finite' | 'inverted' | 'participle' | 'according' | 'quoted' | 'passive';

export interface VerbInfo {
  kind: VerbKind;
  speaker: Speaker | null;
  /** First token of the speaker's phrase (for "is the attribution right after the quote?"). */
  npStart: number;
}

export interface Discourse {
  doc: Doc;
  sentences: Sentence[];
  /** Speech verbs by token index. */
  verbs: Map<number, VerbInfo>;
  /** Each sentence's subject, resolved. */
  subjects: (Speaker | null)[];
  /** Every resolved subject, in text order: what a pronoun can point back to. */
  mentions: Mention[];
  /** Index of the sentence being read. */
  current: number;
  /** Short names the article introduces: "Vodafone Idea, known as Vi" → Vi ↦ Vodafone Idea. */
  aliases: Map<string, string>;
  /** Role words gathered for each name ("Marlin Fitzwater" → spokesman): what "the spokesman" points back to. */
  roles: Map<string, Set<string>>;
  /** Every person named, in text order (./resolve.ts collectPeople). */
  people: { pos: number; name: string }[];
}

const LEAD_WORDS = new Set(['But', 'And', 'However', 'Still', 'Yet', 'So', 'Meanwhile', 'Also', 'Now', 'Then']);

/** Builds the discourse model of `doc` (tokens of the quote-masked body; `masked` is that text). */
export function readDiscourse(doc: Doc, masked: string, paragraphStarts: { start: number; end: number }[]): Discourse {
  const sentences = sentenceRanges(doc.tokens, masked, paragraphStarts);
  const d: Discourse = { doc, sentences, verbs: new Map(), subjects: [], mentions: [], aliases: aliasesIn(doc.text), roles: new Map(), people: [], current: 0 };
  collectPeople(d);
  for (const s of sentences) {
    d.current = d.subjects.length;
    const subject = clauseSubject(d, s);
    d.subjects.push(subject);
    for (let v = s.from; v < s.to; v++) if (mayTrigger(doc.tokens[v]!)) readVerb(d, s, v);
  }
  return d;
}

function sentenceRanges(tokens: Token[], masked: string, paras: { start: number; end: number }[]): Sentence[] {
  const out: Sentence[] = [];
  let t = 0;
  paras.forEach((p, paragraph) => {
    for (const span of splitSentences(masked.slice(p.start, p.end))) {
      const start = p.start + span.start;
      const end = p.start + span.end;
      while (t < tokens.length && tokens[t]!.start < start) t++;
      const from = t;
      while (t < tokens.length && tokens[t]!.start < end) t++;
      if (t > from) out.push({ from, to: t, paragraph });
    }
  });
  return out;
}

/** The subject of a sentence's main clause, after an introductory phrase ("In Tokyo, …", "Speaking …, …"). */
function clauseSubject(d: Discourse, s: Sentence): Speaker | null {
  const { tokens } = d.doc;
  let i = skipDateline(tokens, s.from, s.to);
  for (let round = 0; round < 2; round++) {
    while (i < s.to && ((isWord(tokens[i]) && LEAD_WORDS.has(tokens[i]!.text)) || isPunct(tokens[i], ','))) i++;
    const t = tokens[i];
    if (!isWord(t) || !t.cap || !(INTRO_WORDS.has(t.text) || /ing$/.test(t.lower))) break;
    let j = i + 1;
    while (j < s.to && !isPunct(tokens[j], ',')) j++;
    if (j >= s.to) return null;
    i = j + 1;
  }
  if (i >= s.to || tokens[i]!.kind === 'quote' || isPunct(tokens[i], '"\u201c')) return null;
  const end = subjectEnd(tokens, i, s.to);
  const ref = parseNP(d.doc, i, end);
  // A bare "Another was to …" opening a sentence is another thing, not another speaker.
  if (!ref || (ref.kind === 'desc' && ref.head === '' && !SPEECH_VERBS.has(tokens[end]?.lower ?? ''))) return null;
  // "The head of the appeals group, Odile Ferrand, opened …": the name the description goes with
  const named = ref.kind === 'desc' && ref.person && !ref.plural ? describedName(d, s, i, end) : null;
  if (named) return remember(d, named, tokens[i]!.start);
  collectRoles(d, ref, end, s.to);
  const subject = remember(d, ref, tokens[i]!.start);
  // "Bessent met Akazawa on Friday. "…," he said.": a one-word name that meets someone is a person
  // (the subject, not the one met, is who "he" points to)
  if (subject?.kind === 'org' && MEETING_VERBS.has(tokens[end]?.lower ?? '')) subject.spoke = true;
  return subject;
}

/** Verbs whose subject is a person (or a delegation) meeting another: `Kato met Bessent`. */
const MEETING_VERBS = new Set(['met', 'meets', 'visited', 'visits', 'phoned', 'telephoned', 'hosted', 'hosts', 'greeted', 'welcomed', 'received']);

/** Every word that can open an attribution: one set lookup per token before anything else. */
const TRIGGERS = new Set([...SPEECH_VERBS, ...SPEECH_PARTICIPLES, 'according', 'quoted']);

/**
 * A cheap first look before the set lookup: (first letter, length) pairs that some trigger has.
 * Most words ("the", "yen", "market") fail here without hashing a string.
 */
const SHAPES = new Uint8Array(26 * 32);
for (const w of TRIGGERS) SHAPES[(w.charCodeAt(0) - 0x61) * 32 + Math.min(w.length, 31)] = 1;

function mayTrigger(t: Token): boolean {
  if (t.kind !== 'word') return false;
  const first = t.lower.charCodeAt(0) - 0x61;
  return first >= 0 && first < 26 && SHAPES[first * 32 + Math.min(t.lower.length, 31)] === 1;
}

const NOUN_DETERMINERS = new Set(['the', 'a', 'an', 'his', 'her', 'its', 'their', 'our', 'my', 'your', 'these', 'those', 'such', 'any', 'no', 'this', 'that', 'whose', 'recent', 'new', 'earlier']);

/** "WASHINGTON/TOKYO — …", "LOS ANGELES — …": a dateline is not the sentence's subject. */
function skipDateline(tokens: Token[], from: number, to: number): number {
  let j = from;
  while (j < to && ((isWord(tokens[j]) && /^[\p{Lu}.]{2,}$/u.test(tokens[j]!.text)) || isPunct(tokens[j], '/,'))) j++;
  return j > from && isPunct(tokens[j], '\u2014\u2013-') ? j + 1 : from;
}

function afterAbbreviation(tokens: Token[], v: number): boolean {
  const prev = isPunct(tokens[v - 1], ',') ? tokens[v - 2] : tokens[v - 1];
  return isWord(prev) && prev.text.endsWith('.');
}

/** Records what a speech verb at token `v` tells: who said it. */
function readVerb(d: Discourse, s: Sentence, v: number): void {
  const { tokens } = d.doc;
  const w = tokens[v]!;
  if (!isWord(w) || !TRIGGERS.has(w.lower)) return;
  if (w.lower === 'according' && tokens[v + 1]?.lower === 'to') {
    const speaker = objectAfter(d, s, v + 1);
    d.verbs.set(v, { kind: 'according', speaker, npStart: v });
    return;
  }
  if (w.lower === 'quoted' && tokens[v - 1]?.lower !== 'was' && tokens[v - 1]?.lower !== 'were') {
    // "The Sankei Shimbun quoted Sumita as saying …": the speaker is the one quoted.
    let as = v + 1;
    while (as < s.to && as < v + 8 && tokens[as]!.lower !== 'as') as++;
    if (as < s.to && tokens[as]!.lower === 'as') {
      const ref = parseNP(d.doc, v + 1, as);
      d.verbs.set(v, { kind: 'quoted', speaker: ref ? remember(d, ref, tokens[v + 1]!.start) : null, npStart: v });
      return;
    }
  }
  // Reuters capitalises a word after an abbreviation ("Chase Manhattan Bank N.A., Told a group"):
  // a capitalised verb counts there, nowhere else.
  if (w.cap && !(v > s.from && afterAbbreviation(tokens, v))) return;
  // "Yeutter's comments", "the demands", "his calls": a noun, not a verb.
  const prev = tokens[v - 1];
  if (prev && prev.kind === 'word' && (prev.poss || NOUN_DETERMINERS.has(prev.lower))) return;
  if (SPEECH_PARTICIPLES.has(w.lower)) {
    d.verbs.set(v, { kind: 'participle', speaker: null, npStart: v });
    return;
  }
  if (!SPEECH_VERBS.has(w.lower) && w.lower !== 'quoted') return;
  if (INVERTIBLE.has(w.lower) && afterQuote(tokens, v, s.from)) {
    const speaker = objectAfter(d, s, v);
    if (speaker) {
      d.verbs.set(v, { kind: 'inverted', speaker, npStart: v });
      return;
    }
  }
  if (INVERTIBLE.has(w.lower) && isPunct(tokens[v - 1], ',') && namedAfter(d, s, v)) {
    // "… in the room, said Vincent Magwenya, President Cyril Ramaphosa's spokesperson."
    d.verbs.set(v, { kind: 'inverted', speaker: objectAfter(d, s, v), npStart: v });
    return;
  }
  if (w.lower === 'told' && PASSIVE_AUX.has(auxBefore(tokens, v, s.from))) {
    // "Kuwabara was told by Imai that …" → Imai; "reporters were told" names only who listened.
    // (Other passives, "ordered by the FCC", "described by analysts as", name no speaker of a quotation.)
    const by = tokens[v + 1];
    const speaker = isWord(by) && by.lower === 'by' ? objectAfter(d, s, v + 1) : null;
    d.verbs.set(v, speaker ? { kind: 'finite', speaker, npStart: v + 2 } : { kind: 'passive', speaker: null, npStart: v });
    return;
  }
  const found = subjectBefore(d, s, v);
  if (found.speaker?.kind === 'org') found.speaker.spoke = true;
  const last = d.mentions[d.mentions.length - 1];
  if (last && last.speaker === found.speaker && SUBORDINATORS.has(tokens[found.npStart - 1]?.lower ?? '')) last.sub = true;
  d.verbs.set(v, { kind: 'finite', speaker: found.speaker, npStart: found.npStart });
}

/** Forms of "be" that make "told" after them passive: its subject is spoken to, not speaking. */
const PASSIVE_AUX = new Set(['was', 'were', 'is', 'are', 'been', 'being', 'be']);

/** The word before the verb at `v`, stepping over adverbs ("was later told", "were also told"). */
function auxBefore(tokens: Token[], v: number, from: number): string {
  let k = v - 1;
  while (k > from && isWord(tokens[k]) && ADVERBS.has(tokens[k]!.lower)) k--;
  return k >= from && isWord(tokens[k]) ? tokens[k]!.lower : '';
}
const ADVERBS = new Set(['also', 'later', 'then', 'again', 'reportedly', 'privately', 'publicly', 'separately', 'once', 'first', 'repeatedly', 'recently', 'earlier', 'previously']);

/** Words that open a subordinate clause: its subject is not who the sentence is about. */
const SUBORDINATORS = new Set(['when', 'while', 'after', 'before', 'because', 'although', 'though', 'since', 'if', 'unless', 'until', 'which', 'whom', 'where', 'as', 'once']);

/** Verbs that may come before their subject: `"…," said Hana Morikawa`. ("told" never does: it takes an object.) */
const INVERTIBLE = new Set(['said', 'says', 'added', 'adds', 'wrote', 'writes', 'asked', 'replied', 'continued', 'explained', 'noted', 'insisted', 'argued', 'recalled', 'warned', 'stated', 'declared', 'observed', 'remarked', 'quipped', 'cautioned', 'concluded', 'countered', 'answered', 'responded']);

/** `"…," said X` / `"…", said X` / `— said X`: the verb follows a quotation (or opens the sentence). */
function afterQuote(tokens: Token[], v: number, from: number): boolean {
  if (v === from) return true;
  const closing = (t: Token | undefined): boolean => t !== undefined && (t.kind === 'quote' || isPunct(t, '"\u201d\u2019\u2014\''));
  const prev = tokens[v - 1];
  return closing(prev) || (isPunct(prev, ',') && closing(tokens[v - 2]));
}

