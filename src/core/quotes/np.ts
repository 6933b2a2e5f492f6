/**
 * @module core/quotes/np — reads the noun phrase that names a speaker: a person ("Treasury Secretary
 * Scott Bessent", "Tom Murtha of brokerage James Capel and Co"), a body ("the Chinese finance
 * ministry", "Nippon Steel and U.S. Steel"), an unnamed source ("a spokesman for the International
 * Trade and Industry Ministry") or a pronoun.
 */
import { BODY_NOUNS, DEFINITE, INDEFINITE, NOT_NAMES, ORG_WORDS, PERSON_NOUNS, TITLE_WORDS, PERSON_PRONOUNS, PLURAL_PRONOUNS, SPEECH_VERBS, THING_PRONOUNS, VERB_FILLERS } from './lexicon.js';
import { capRuns, nameTail, rolesAround, type NameRegistry } from './names.js';
import { isPunct, isWord, type Token } from './tokens.js';

export type Ref =
  | { kind: 'person'; name: string; roles: Set<string>; plural?: boolean }
  | { kind: 'org'; name: string; roles: Set<string> }
  | { kind: 'desc'; text: string; head: string; definite: boolean; person: boolean; plural: boolean; first: boolean; owner?: string }
  | { kind: 'pronoun'; word: string };

/** What NP parsing reads: the original text (for exact wording), its tokens and the name registry. */
export interface Doc {
  text: string;
  tokens: Token[];
  names: NameRegistry;
}

const LEAD_SKIP = new Set(['but', 'and', 'however', 'so', 'yet', 'also', 'still', 'then', 'that', 'meanwhile', 'while', 'now', 'even']);
const POSSESSIVE_DET = new Set(['his', 'her', 'its', 'their', 'our']);
const PREPOSITIONS = new Set(['of', 'for', 'at', 'in', 'from', 'with', 'on', 'close', 'to', 'inside', 'within']);
/** Words that end a noun phrase read left to right. */
const NP_STOP = new Set([
  'who', 'which', 'that', 'whose', 'whom', 'speaking', 'briefing', 'involved', 'is', 'was', 'were', 'are', 'has', 'had',
  'have', 'will', 'would', 'could', 'can', 'may', 'might', 'should', 'did', 'does', 'do', 'also', 'later', 'then', 'and',
  'but', 'as', 'after', 'before', 'when', 'while', 'because', 'if', 'although', 'asked', 'told', 'when', 'where',
]);
const STOP_PUNCT = ',;:.!?\u2014\u2013';

/**
 * Words after a source's head noun that go on describing who it is, with their preposition: "a
 * source involved in the consultations", "an official familiar with the talks", "a person close to
 * the negotiations". They are part of the description (LABELING.md: an unnamed source is written as
 * the article describes it).
 */
const POST_MODIFIERS = new Set(['familiar', 'involved', 'close', 'knowledgeable', 'briefed', 'privy', 'acquainted', 'connected', 'participating', 'travelling', 'traveling']);
const POST_PREPOSITIONS = new Set(['with', 'in', 'to', 'on', 'about', 'of']);

/** Words before the noun that still leave a source undescribed: "a senior official". */
const VAGUE = new Set(['senior', 'top', 'high-ranking', 'high-level']);

/**
 * tokens[j] opens a post-modifier of a bare source noun right before it ("a source involved in …").
 * Only a bare noun takes it: where the words before the noun already say who it is ("a Japanese
 * government official involved in the talks"), that is the description, as labellers write it.
 */
function postModifier(tokens: Token[], j: number): boolean {
  const w = tokens[j];
  const before = tokens[j - 1];
  const next = tokens[j + 1];
  if (!(isWord(w) && POST_MODIFIERS.has(w.lower) && isWord(before) && PERSON_NOUNS.has(before.lower) && isWord(next) && POST_PREPOSITIONS.has(next.lower))) return false;
  let k = j - 2;
  while (isWord(tokens[k]) && VAGUE.has(tokens[k]!.lower)) k--;
  return isWord(tokens[k]) && (INDEFINITE.has(tokens[k]!.lower) || DEFINITE.has(tokens[k]!.lower));
}

/** Ordinals that pick the first or an earlier mention: "the first official". */
const FIRST = new Set(['first', 'former', 'original', 'earlier']);

/** Reads a noun phrase from tokens[from..to). */
export function parseNP(doc: Doc, from: number, to: number): Ref | null {
  const { tokens } = doc;
  let i = from;
  while (i < to && ((isWord(tokens[i]) && LEAD_SKIP.has(tokens[i]!.lower)) || isPunct(tokens[i], ',\u2014\u2013-'))) i++;
  if (i >= to) return null;
  const t = tokens[i]!;
  if (!isWord(t)) return null;
  const nextIsName = isWord(tokens[i + 1]) && tokens[i + 1]!.cap && tokens[i + 1]!.start - t.end <= 1 && i + 1 < to;
  // "…," He said: mid-sentence, a capitalised "He" is the family name of "He Lifeng".
  if (t.text === 'He' && !nextIsName && (isWord(tokens[i - 1]) || isPunct(tokens[i - 1], ',')) && doc.names.isPerson('He')) {
    return { kind: 'person', name: doc.names.resolve('He'), roles: new Set() };
  }
  if (!nextIsName && (PERSON_PRONOUNS.has(t.lower) || THING_PRONOUNS.has(t.lower) || PLURAL_PRONOUNS.has(t.lower))) {
    return { kind: 'pronoun', word: t.lower };
  }
  const determiner = INDEFINITE.has(t.lower) || DEFINITE.has(t.lower) || POSSESSIVE_DET.has(t.lower);
  const head = findHead(tokens, determiner ? i + 1 : i, to);
  // "the chair's statement", "the ministry's annual report": a document speaks for whoever it belongs to.
  const writer = documentOwner(tokens, i, to);
  if (writer >= 0) {
    // "the Bundesbank's": a name after "the", which no noun list knows
    const byOwner = parseNP(doc, i, writer + 1) ?? (t.lower === 'the' && capUntil(tokens, i + 1, writer) ? namedBody(doc, i, writer) : null);
    if (byOwner) return byOwner;
  }
  // "a U.S. Treasury readout", "a White House statement": the body named before the document speaks
  const issuer = determiner ? documentIssuer(doc, i + 1, to) : null;
  if (issuer) return issuer;
  // "a report by the Japan Research Institute", "a statement from Nomura": the document's author speaks
  const author = head.index >= 0 ? documentAuthor(doc, head, to) : null;
  if (author) return author;
  const owner = head.index >= 0 ? possessorBefore(tokens, i, head.index) : -1;
  const person = personIn(doc, i, to, determiner ? head.pp : -1);
  if (person) return person;
  if (head.index >= 0 && (determiner || !t.cap || !capUntil(tokens, i, head.index))) {
    const last = head.end - 1;
    const lastEnd = tokens[last]!.poss ? tokens[last]!.start + tokens[last]!.text.length : tokens[last]!.end;
    const headWord = tokens[head.index]!.lower;
    const words = tokens.slice(i, head.index).map((w) => w.lower);
    return {
      kind: 'desc',
      text: clean(doc.text.slice(t.start, lastEnd), true),
      head: singular(headWord),
      // "Hoshizora's founder", like "the founder", points at someone: the one with that role
      definite: DEFINITE.has(t.lower) || POSSESSIVE_DET.has(t.lower) || (owner >= 0 && PERSON_NOUNS.has(headWord)),
      person: PERSON_NOUNS.has(headWord),
      plural: isPlural(headWord) || ['two', 'three', 'four', 'several', 'some', 'many', 'most', 'both'].includes(t.lower),
      first: words.some((w) => FIRST.has(w)),
      owner: owner >= 0 && tokens[owner]!.cap ? tokens[owner]!.lower : undefined,
    };
  }
  if (t.cap || (determiner && isWord(tokens[i + 1]) && tokens[i + 1]!.cap)) return orgName(doc, i, to);
  return someone(doc, t, i, to);
}

/** Documents that say things on someone's behalf: `the chair's statement said` → the chair. */
const DOCUMENT_NOUNS = new Set(['statement', 'communique', 'communiqué', 'report', 'letter', 'declaration', 'memo', 'note', 'notice', 'release', 'announcement', 'readout', 'summary', 'post', 'message', 'filing', 'circular', 'bulletin']);

/** Documents written by someone named after "by" or "from": `a report by X`, `a study from X`. */
const AUTHORED = new Set([...DOCUMENT_NOUNS, 'study', 'survey', 'analysis', 'paper', 'research', 'review', 'forecast', 'estimate', 'estimates']);

/** `a report by the Japan Research Institute` → the institute: who wrote the document that speaks. */
function documentAuthor(doc: Doc, head: { index: number; end: number }, to: number): Ref | null {
  const { tokens } = doc;
  const by = tokens[head.index + 1];
  if (!AUTHORED.has(tokens[head.index]!.lower) || !isWord(by) || (by.lower !== 'by' && by.lower !== 'from')) return null;
  const from = head.index + 2;
  if (!isWord(tokens[from]) || !(tokens[from]!.cap || (DEFINITE.has(tokens[from]!.lower) && tokens[from + 1]?.cap))) return null;
  let end = from;
  while (end < to && !isPunct(tokens[end], STOP_PUNCT) && tokens[end]!.kind !== 'quote') end++;
  const ref = parseNP(doc, from, end);
  return ref && (ref.kind === 'org' || ref.kind === 'person' || (ref.kind === 'desc' && !ref.person)) ? ref : null;
}

/**
 * `a U.S. Treasury readout` → the U.S. Treasury: capitalised words right before the document noun
 * that heads the phrase name its issuer (dev/audit labels: a document that names its issuer speaks
 * for the issuer; a bare one, "the communique", speaks for itself), printed without the determiner
 * ("the Boeing statement" → Boeing).
 */
function documentIssuer(doc: Doc, from: number, to: number): Ref | null {
  const { tokens } = doc;
  let p = from;
  while (p < to && isWord(tokens[p]) && tokens[p]!.cap && !tokens[p]!.poss) p++;
  const noun = tokens[p];
  if (p === from || !isWord(noun) || noun.cap || !DOCUMENT_NOUNS.has(noun.lower)) return null;
  // the noun ends the phrase, or a prepositional phrase follows it ("a Hoshi Institute report on rice")
  if (p !== to - 1 && !(isWord(tokens[p + 1]) && PREPOSITIONS.has(tokens[p + 1]!.lower))) return null;
  // "the Greek statement": a nationality says whose it is, not who issued it
  if (p === from + 1 && DEMONYM.test(tokens[from]!.text)) return null;
  const named = personIn(doc, from, p, -1);
  if (named) return named;
  const last = tokens[p - 1]!;
  // the issuer keeps the document as a role: "the report" later points back to it
  return { kind: 'org', name: clean(doc.text.slice(tokens[from]!.start, last.start + last.text.length), true), roles: new Set([noun.lower]) };
}

/** Nationality and party words: "the Greek statement", "the Iraqi letter", "the Democrat report". */
const DEMONYM = /^(?:\p{Lu}\p{Ll}+(?:ese|ian|ish|ean|an|ic)|Greek|French|Dutch|Swiss|Thai|Czech|Welsh|Irish|British|Iraqi|Saudi|Israeli|Pakistani|Kuwaiti|Omani|Qatari|Yemeni|Bangladeshi|Nepali|Somali|Democrat|Democratic|Republican)$/u;

/** The possessive word before a document noun ("the chair's summary", "the Bundesbank's 1986 annual report"), or -1. */
function documentOwner(tokens: Token[], from: number, to: number): number {
  for (let k = from; k < to; k++) {
    if (!isWord(tokens[k]) || !tokens[k]!.poss) continue;
    for (let j = k + 1; j < to && j <= k + 4 && !isPunct(tokens[j]); j++) if (DOCUMENT_NOUNS.has(tokens[j]!.lower)) return k;
    return -1;
  }
  return -1;
}

/** The last possessive word ("Hoshizora's", "the chair's") in tokens[from..head), or -1. */
function possessorBefore(tokens: Token[], from: number, head: number): number {
  for (let k = head - 1; k >= from; k--) if (isWord(tokens[k]) && tokens[k]!.poss) return k;
  return -1;
}

/**
 * "said one competitor", "said another": a short lower-case phrase opened by "one", "another", "a"
 * that the noun lists do not know still names someone.
 */
function someone(doc: Doc, t: Token, i: number, to: number): Ref | null {
  if (!['one', 'another', 'a', 'an'].includes(t.lower)) return null;
  const words = doc.tokens.slice(i, to);
  if (words.length > 4 || !words.every((w) => isWord(w) && !w.cap)) return null;
  const last = words[words.length - 1]!;
  return { kind: 'desc', text: clean(doc.text.slice(t.start, last.end), true), head: words.length === 1 ? '' : last.lower, definite: false, person: true, plural: false, first: false };
}

/**
 * The head noun of a phrase (the person or body word before any prepositional phrase), where its
 * prepositional phrase starts (-1 if none) and where the phrase ends.
 */
function findHead(tokens: Token[], from: number, to: number): { index: number; pp: number; end: number } {
  let index = -1;
  let pp = -1;
  let j = from;
  for (; j < to; j++) {
    const w = tokens[j]!;
    if (w.kind === 'quote' || isPunct(w, STOP_PUNCT)) break;
    if (w.kind === 'punct') continue; // brackets, ampersands, tickers
    // "a Ministry of International Trade and Industry official": "and" inside a name goes on
    if (w.lower === 'and' && pp >= 0 && tokens[j - 1]?.cap && isWord(tokens[j + 1]) && tokens[j + 1]!.cap) continue;
    if (pp < 0 && index === j - 1 && postModifier(tokens, j)) {
      pp = j;
      continue;
    }
    if (NP_STOP.has(w.lower) || SPEECH_VERBS.has(w.lower)) break;
    if (w.poss && pp < 0 && j < to - 1) {
      // "the Bank of Tokyo's economic adviser": all so far was the possessor; the head comes later.
      index = -1;
      pp = -1;
      continue;
    }
    // "cells from some Chinese producers", "the rest of the officials": the word before the
    // preposition heads the phrase and names no one (a name there still reads as one: orgName, personIn)
    if (pp < 0 && index < 0 && j > from && PREPOSITIONS.has(w.lower) && !w.cap && namesNoOne(tokens, from, j)) return { index: -1, pp: -1, end: from };
    // "one of Saudi Arabia's leading businessmen": after "of", everything belongs to the phrase's tail.
    if (pp < 0 && PREPOSITIONS.has(w.lower) && (index >= 0 || j === from)) pp = j;
    if (pp >= 0) {
      // "Bank of Spain officials": the capitalised phrase was a name; the person noun after it is the head.
      if (!w.cap && PERSON_NOUNS.has(w.lower) && tokens[j - 1]!.cap) {
        index = j;
        pp = -1;
      }
      continue;
    }
    if (PERSON_NOUNS.has(w.lower) || BODY_NOUNS.has(w.lower)) index = j;
    else if (index >= 0 && !w.cap) break; // "a spokesman briefing …": the phrase is over
  }
  return { index, pp, end: index < 0 ? from : j };
}

/** Parts of documents, which speak as documents do: "Article I in the agreement states". */
const DOCUMENT_PARTS = new Set(['article', 'clause', 'section', 'paragraph', 'chapter', 'annex', 'provision']);

/** Words before a preposition (tokens[from..to)) that cannot head a speaker: no person, body, title or document word among them. */
function namesNoOne(tokens: Token[], from: number, to: number): boolean {
  for (let k = from; k < to; k++) {
    const t = tokens[k];
    if (!isWord(t) || t.poss) return false;
    if (ORG_WORDS.has(t.text) || TITLE_WORDS.has(t.text) || PERSON_NOUNS.has(t.lower) || BODY_NOUNS.has(t.lower) || DOCUMENT_NOUNS.has(t.lower) || DOCUMENT_PARTS.has(t.lower)) return false;
  }
  return true;
}

/** Whether tokens[from..to) are all capitalised words (so "Foreign Ministry" is a name, not "Japanese officials"). */
function capUntil(tokens: Token[], from: number, to: number): boolean {
  for (let k = from; k <= to && k < tokens.length; k++) if (!(isWord(tokens[k]) && tokens[k]!.cap)) return false;
  return true;
}

/**
 * The person named in tokens[from..to), if any: the first name that a preposition follows ("Tom
 * Murtha of brokerage James Capel"), else the last ("Salomon Brothers Asia analyst Carole Ryavec").
 * Names inside an unnamed source's prepositional phrase ("a spokesman for …") do not count.
 */
function personIn(doc: Doc, from: number, to: number, pp: number): Ref | null {
  const { tokens, names } = doc;
  const found: { name: string; next: Token | undefined; roles: Set<string>; and: boolean }[] = [];
  for (const run of capRuns(tokens, from, to)) {
    if (pp >= 0 && run.from > pp) break;
    const tail = nameTail(tokens, run);
    if (!tail) continue;
    // "Ishiba's spokesman": the name is the possessor; the speaker is the spokesman.
    if (tokens[run.to - 1]!.poss && run.to < to && isWord(tokens[run.to])) continue;
    // "a longtime Reagan supporter": a name before a common noun modifies it.
    if (run.to < to && modifiesNoun(tokens[run.to])) continue;
    const words = tokens.slice(tail.from, tail.to).map((w) => w.text);
    const name = words.join(' ');
    if (!names.isPerson(name)) continue;
    // A lone surname counts on its own or after a title ("President Reagan"), not at the end of a
    // company's name ("Ing C. Olivetti EC Spa").
    if (words.length === 1 && tail.from > run.from && !TITLE_WORDS.has(tokens[tail.from - 1]!.text)) continue;
    found.push({ name, next: tokens[tail.to], roles: rolesAround(tokens, run, tail), and: isWord(tokens[run.from - 1]) && tokens[run.from - 1]!.lower === 'and' && found.length > 0 });
  }
  if (found.length === 0) return null;
  const last = found[found.length - 1]!;
  if (last.and && found.length >= 2 && headlessBetween(tokens, found)) {
    // "Norwegian academics Arild Moe and Helge Ole Bergesen said": two people speaking together.
    const first = found[found.length - 2]!;
    return { kind: 'person', name: `${names.resolve(first.name)} and ${names.resolve(last.name)}`, roles: new Set([...first.roles, ...last.roles]), plural: true };
  }
  const pick = found.find((f) => isWord(f.next) && PREPOSITIONS.has(f.next.lower)) ?? found[found.length - 1]!;
  return { kind: 'person', name: names.resolve(pick.name), roles: pick.roles };
}

/** A lower-case word after a name that makes the name a modifier: a noun, not a verb or a joining word. */
function modifiesNoun(next: Token | undefined): boolean {
  if (!isWord(next) || next.cap) return false;
  const w = next.lower;
  return !PREPOSITIONS.has(w) && !NP_STOP.has(w) && !SPEECH_VERBS.has(w) && !VERBISH.has(w) && !VERB_FILLERS.has(w) && !/(?:ed|ing)$/.test(w) && !['and', 'or', 'nor', 'said', 'says'].includes(w);
}

/** The last two names found are joined by a bare "and" (nothing but the conjunction between them). */
function headlessBetween(tokens: Token[], found: { next: Token | undefined }[]): boolean {
  const next = found[found.length - 2]!.next;
  return isWord(next) && next.lower === 'and';
}

/** A named body: capitalised words joined by "and", "&" or "of" ("Nippon Steel and U.S. Steel"). */
function orgName(doc: Doc, from: number, to: number): Ref | null {
  const { tokens } = doc;
  const first = tokens[from]!;
  if (NOT_NAMES.has(first.text) || (ORG_WORDS.has(first.text) && from + 1 >= to)) return null;
  let j = from;
  let last = -1;
  for (; j < to; j++) {
    const w = tokens[j]!;
    if (isWord(w) && (w.cap || (last >= 0 && ['and', 'of', 'de', 'du', 'the'].includes(w.lower) && isWord(tokens[j + 1]) && tokens[j + 1]!.cap))) {
      last = j;
      // "Japan's Ministry of Economy", "China's Commerce Ministry": a possessive before a capitalised
      // body's name is part of that name
      if (w.poss && !bodyNameAt(tokens, j + 1, to)) break;
      continue;
    }
    if (isPunct(w, '&()') && last >= 0) continue;
    break;
  }
  if (last < 0) return null;
  // "Widespread discontent …": one capitalised word before a noun is an adjective opening a sentence.
  const after = tokens[last + 1];
  if (last === from && isWord(after) && !after.cap && !VERBISH.has(after.lower) && !SPEECH_VERBS.has(after.lower) && !/ed$/.test(after.lower) && !VERB_FILLERS.has(after.lower)) return null;
  const name = clean(doc.text.slice(tokens[from]!.start, tokens[last]!.start + tokens[last]!.text.length), true);
  return { kind: 'org', name, roles: new Set() };
}

/** Institutions named after their country or owner: "Japan's Ministry of Finance", "Britain's Treasury". */
const INSTITUTIONS = new Set(['Ministry', 'Department', 'Agency', 'Office', 'Bureau', 'Commission', 'Committee', 'Council', 'Treasury', 'Government', 'Administration', 'Embassy', 'Parliament', 'Cabinet', 'Secretariat', 'Authority']);

/**
 * tokens[at..) open a body's capitalised name: up to three capitalised words ending on an
 * institution ("Commerce Ministry", "Ministry") — not "Fairchild's Bill Fulwider".
 */
function bodyNameAt(tokens: Token[], at: number, to: number): boolean {
  for (let k = at; k < to && k < at + 3 && isWord(tokens[k]) && tokens[k]!.cap && !tokens[k]!.poss; k++) {
    if (INSTITUTIONS.has(tokens[k]!.text)) return true;
  }
  return false;
}

/** "the Bundesbank" as printed: tokens[from..to] without a possessive ending. */
function namedBody(doc: Doc, from: number, to: number): Ref {
  const last = doc.tokens[to]!;
  return { kind: 'org', name: clean(doc.text.slice(doc.tokens[from]!.start, last.start + last.text.length), true), roles: new Set() };
}

/** Tidies a phrase taken from the text: tickers (<HIT.T>) out, spaces collapsed, a capital determiner lowered. */
export function clean(s: string, lowerDeterminer: boolean): string {
  let out = s;
  if (out.includes('<')) out = out.replace(/\s*<[^>]*>/g, '');
  if (/\s\s|[\n\t]/.test(out)) out = out.replace(/\s+/g, ' ');
  if (/[\s,;:.\u2014\u2013-]$/u.test(out)) out = out.replace(/[\s,;:.\u2014\u2013-]+$/u, '');
  out = out.trim();
  const c = out.charCodeAt(0);
  if (lowerDeterminer && c >= 0x41 && c <= 0x5a) out = out.replace(/^(A|An|The|One|Another|Some|Two|Three|Several|His|Her|Its|Their)\b/, (d) => d.toLowerCase());
  return out;
}

const isPlural = (w: string): boolean => PERSON_NOUNS.has(w) && w.endsWith('s') && !w.endsWith('ss') && w !== 'chiefs' ? true : w === 'people' || w === 'spokesmen';
const singular = (w: string): string => (w === 'spokesmen' ? 'spokesman' : w === 'people' ? 'person' : isPlural(w) ? w.replace(/s$/, '') : w);

/** Where a clause's subject ends: the first finite-looking verb, punctuation or quotation. */
export function subjectEnd(tokens: Token[], from: number, to: number): number {
  for (let j = from; j < to; j++) {
    const w = tokens[j]!;
    if (w.kind === 'quote' || isPunct(w, STOP_PUNCT + '"\u201c\u201d')) return j;
    if (!isWord(w) || w.cap) continue;
    if (postModifier(tokens, j)) continue;
    // "Carroll McEntee and McGinley analyst Brian Singer": "and" between names joins them.
    if (w.lower === 'and' && isWord(tokens[j + 1]) && tokens[j + 1]!.cap && isWord(tokens[j - 1]) && tokens[j - 1]!.cap) continue;
    if (SPEECH_VERBS.has(w.lower) || NP_STOP.has(w.lower) || VERBISH.has(w.lower)) return j;
    if (j > from && /ed$/.test(w.lower) && !PERSON_NOUNS.has(w.lower)) return j;
  }
  return to;
}

/** Common verbs that end a subject ("Trump was effusive", "Ofgem lifted"). */
const VERBISH = new Set(`
  is are was were has have had will would can could may might must should does did do made makes took takes gave
  gives went goes came comes got gets saw sees met meets kept keeps left leaves put puts set sets sent sends spent
  spends held holds ran runs won wins lost loses began begins became becomes brought brings bought buys sold sells
  paid pays found finds thinks plans wants seeks needs faces leads rose fell hit cut says told tells spoke speaks
  struck strikes shut wrote writes chose chooses led drew draws stood stands sought knew knows felt feels let lets
  `.trim().split(/\s+/));
