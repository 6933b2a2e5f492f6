/**
 * @module core/quotes/discourse — who is speaking where: one pass over an article's sentences (with
 * quotations masked) that finds every speech verb's subject ("Kato said", "said Hana Morikawa, …",
 * "according to X", "X quoted Y as saying") and each sentence's subject, and resolves pronouns ("he
 * said") and definite descriptions ("the official said", "the presidential spokesman added") to the
 * person or body mentioned before.
 */
import { splitSentences } from '../text/sentences.js';
import { BODY_NOUNS, INTRO_WORDS, NOT_NAMES, ORG_WORDS, PERSON_NOUNS, SPEECH_PARTICIPLES, SPEECH_VERBS, TITLE_WORDS, VERB_FILLERS } from './lexicon.js';
import { clean, parseNP, subjectEnd, type Doc, type Ref } from './np.js';
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

export type VerbKind = 'finite' | 'inverted' | 'participle' | 'according' | 'quoted';

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
  mentions: { pos: number; speaker: Speaker }[];
  /** Short names the article introduces: "Vodafone Idea, known as Vi" → Vi ↦ Vodafone Idea. */
  aliases: Map<string, string>;
}

const COMPANY_HEADS = new Set(['company', 'firm', 'group', 'carmaker', 'automaker', 'steelmaker', 'insurer', 'operator', 'maker', 'lender', 'bank', 'producer']);
const LEAD_WORDS = new Set(['But', 'And', 'However', 'Still', 'Yet', 'So', 'Meanwhile', 'Also', 'Now', 'Then']);

/** Builds the discourse model of `doc` (tokens of the quote-masked body; `masked` is that text). */
export function readDiscourse(doc: Doc, masked: string, paragraphStarts: { start: number; end: number }[]): Discourse {
  const sentences = sentenceRanges(doc.tokens, masked, paragraphStarts);
  const d: Discourse = { doc, sentences, verbs: new Map(), subjects: [], mentions: [], aliases: aliasesIn(doc.text) };
  const roles = new Map<string, Set<string>>();
  for (const s of sentences) {
    const subject = clauseSubject(d, s, roles);
    d.subjects.push(subject);
    for (let v = s.from; v < s.to; v++) readVerb(d, s, v, roles);
  }
  return d;
}

const ALIAS = /(\p{Lu}[\p{L}&.'’-]*(?:\s+\p{Lu}[\p{L}&.'’-]*)*),\s+(?:also\s+)?(?:known|referred to)\s+as\s+["“]?(\p{Lu}[\p{L}.&'’-]*(?:\s+\p{Lu}[\p{L}.&'’-]*)*)/gu;

function aliasesIn(text: string): Map<string, string> {
  const out = new Map<string, string>();
  if (!text.includes(' known as ') && !text.includes(' referred to as ')) return out;
  for (const m of text.matchAll(ALIAS)) out.set(m[2]!, m[1]!);
  return out;
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
function clauseSubject(d: Discourse, s: Sentence, roles: Map<string, Set<string>>): Speaker | null {
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
  if (!ref) return null;
  collectRoles(d, ref, end, s.to, roles);
  return remember(d, ref, tokens[i]!.start, roles);
}

/** Every word that can open an attribution: one set lookup per token before anything else. */
const TRIGGERS = new Set([...SPEECH_VERBS, ...SPEECH_PARTICIPLES, 'according', 'quoted']);

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
function readVerb(d: Discourse, s: Sentence, v: number, roles: Map<string, Set<string>>): void {
  const { tokens } = d.doc;
  const w = tokens[v]!;
  if (!isWord(w) || !TRIGGERS.has(w.lower)) return;
  if (w.lower === 'according' && tokens[v + 1]?.lower === 'to') {
    const speaker = objectAfter(d, s, v + 1, roles);
    d.verbs.set(v, { kind: 'according', speaker, npStart: v });
    return;
  }
  if (w.lower === 'quoted' && tokens[v - 1]?.lower !== 'was' && tokens[v - 1]?.lower !== 'were') {
    // "The Sankei Shimbun quoted Sumita as saying …": the speaker is the one quoted.
    let as = v + 1;
    while (as < s.to && as < v + 8 && tokens[as]!.lower !== 'as') as++;
    if (as < s.to && tokens[as]!.lower === 'as') {
      const ref = parseNP(d.doc, v + 1, as);
      d.verbs.set(v, { kind: 'quoted', speaker: ref ? remember(d, ref, tokens[v + 1]!.start, roles) : null, npStart: v });
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
    const speaker = objectAfter(d, s, v, roles);
    if (speaker) {
      d.verbs.set(v, { kind: 'inverted', speaker, npStart: v });
      return;
    }
  }
  if (INVERTIBLE.has(w.lower) && isPunct(tokens[v - 1], ',') && namedAfter(d, s, v)) {
    // "… in the room, said Vincent Magwenya, President Cyril Ramaphosa's spokesperson."
    d.verbs.set(v, { kind: 'inverted', speaker: objectAfter(d, s, v, roles), npStart: v });
    return;
  }
  const found = subjectBefore(d, s, v, roles);
  if (found.speaker?.kind === 'org') found.speaker.spoke = true;
  d.verbs.set(v, { kind: 'finite', speaker: found.speaker, npStart: found.npStart });
}

/** Verbs that may come before their subject: `"…," said Hana Morikawa`. ("told" never does: it takes an object.) */
const INVERTIBLE = new Set(['said', 'says', 'added', 'adds', 'wrote', 'writes', 'asked', 'replied', 'continued', 'explained', 'noted', 'insisted', 'argued', 'recalled', 'warned', 'stated', 'declared', 'observed', 'remarked', 'quipped', 'cautioned', 'concluded', 'countered', 'answered', 'responded']);

/** `"…," said X` / `"…", said X` / `— said X`: the verb follows a quotation (or opens the sentence). */
function afterQuote(tokens: Token[], v: number, from: number): boolean {
  if (v === from) return true;
  const closing = (t: Token | undefined): boolean => t !== undefined && (t.kind === 'quote' || isPunct(t, '"\u201d\u2019\u2014'));
  const prev = tokens[v - 1];
  return closing(prev) || (isPunct(prev, ',') && closing(tokens[v - 2]));
}

/** A person's name right after the verb, then a comma or the sentence's end: `, said Vincent Magwenya, …`. */
function namedAfter(d: Discourse, s: Sentence, v: number): boolean {
  const { tokens } = d.doc;
  const end = subjectEnd(tokens, v + 1, s.to);
  if (end < s.to && !isPunct(tokens[end], ',.;')) return false;
  const ref = parseNP(d.doc, v + 1, end);
  return ref !== null && (ref.kind === 'person' || (ref.kind === 'desc' && !ref.definite));
}

/** The phrase after a verb: "said Hana Morikawa, senior economist at …" → Hana Morikawa. */
function objectAfter(d: Discourse, s: Sentence, v: number, roles: Map<string, Set<string>>): Speaker | null {
  const { tokens } = d.doc;
  const from = v + 1;
  if (from >= s.to) return null;
  const end = subjectEnd(tokens, from, s.to);
  const ref = parseNP(d.doc, from, end);
  if (!ref) return null;
  collectRoles(d, ref, end, s.to, roles);
  return remember(d, ref, tokens[from]!.start, roles);
}

/** The subject of the finite verb at `v`, reading back over "also", "had", an appositive. */
function subjectBefore(d: Discourse, s: Sentence, v: number, roles: Map<string, Set<string>>): { speaker: Speaker | null; npStart: number } {
  const { tokens } = d.doc;
  let i = v - 1;
  while (i >= s.from && isWord(tokens[i]) && !tokens[i]!.cap && VERB_FILLERS.has(tokens[i]!.lower)) i--;
  if (i < s.from) return { speaker: null, npStart: v };
  const t = tokens[i]!;
  if (isWord(t) && (t.lower === 'and' || t.lower === 'but' || t.lower === 'or')) {
    // "… cited cash-flow pressure and said that …": the clause's subject spoke.
    return { speaker: d.subjects[d.subjects.length - 1] ?? null, npStart: s.from };
  }
  if (isWord(t) && /^(he|she|they|it|we|i)$/.test(t.lower)) {
    const ref = parseNP(d.doc, i, i + 1);
    return { speaker: ref ? remember(d, ref, t.start, roles) : null, npStart: i };
  }
  if (isPunct(t, ',')) return subjectBeforeAppositives(d, s, i, roles) ?? { speaker: null, npStart: v };
  const end = i + 1;
  let start = end - 1;
  for (;;) {
    while (start > s.from && npCompatible(tokens, start - 1) && end - start < 24) start--;
    // "One ICCO delegate describing the split said": step over a participle that follows a noun.
    const ing = tokens[start - 1];
    if (!(start - 2 >= s.from && isWord(ing) && /ing$/.test(ing.lower) && isWord(tokens[start - 2]) && (PERSON_NOUNS.has(tokens[start - 2]!.lower) || BODY_NOUNS.has(tokens[start - 2]!.lower)))) break;
    start--;
  }
  const ref = parseNP(d.doc, start, end);
  if (!ref) return { speaker: null, npStart: v };
  if (ref.kind !== 'person' && ref.kind !== 'pronoun' && isPunct(tokens[start - 1], ',')) {
    // "Jerry Abbenhaus, analyst for AGE Clearing noted …": an appositive missing its closing comma.
    const named = subjectBeforeAppositives(d, s, start - 1, roles);
    if (named?.speaker?.kind === 'person') return named;
  }
  collectRoles(d, ref, end, end, roles);
  return { speaker: remember(d, ref, tokens[start]!.start, roles), npStart: start };
}

/**
 * `NAME, appositive, [appositive,] VERB`: walks back over comma-separated pieces that describe
 * someone ("an economist at …", "who …", "commenting on …", "D-Ill.") to the piece that names them.
 * `comma` is the comma right before the verb.
 */
function subjectBeforeAppositives(d: Discourse, s: Sentence, comma: number, roles: Map<string, Set<string>>): { speaker: Speaker | null; npStart: number } | null {
  const { tokens } = d.doc;
  const pieces: [number, number][] = [];
  let segEnd = comma;
  for (let round = 0; round < 6; round++) {
    let j = segEnd - 1;
    while (j >= s.from && !isPunct(tokens[j], ',') && tokens[j]!.kind !== 'quote' && !isPunct(tokens[j], '"\u201d') && segEnd - j < 30) j--;
    const segStart = j + 1;
    if (segStart >= segEnd || hasSpeechVerb(tokens, segStart, segEnd)) break;
    pieces.push([segStart, segEnd]);
    // A piece that opens the sentence or follows a quotation's closing marks is the last one.
    if (j < s.from || !isPunct(tokens[j], ',') || tokens[j - 1]?.kind === 'quote' || isPunct(tokens[j - 1], '"\u201d')) break;
    segEnd = j;
  }
  // The nearest piece that names a person; else the nearest unnamed person ("a senior official");
  // else the furthest piece that names anything ("the commerce ministry").
  let chosen: { ref: Ref; at: number } | null = null;
  let unnamed: { ref: Ref; at: number } | null = null;
  let other: { ref: Ref; at: number } | null = null;
  pieces.forEach(([from, to], k) => {
    if (chosen || (pieceKind(d, from, to) === 'describes' && k < pieces.length - 1)) return;
    const ref = parseNP(d.doc, from, to);
    if (!ref) return;
    if (ref.kind === 'person' || ref.kind === 'pronoun') chosen = { ref, at: k };
    else if (ref.kind === 'desc' && ref.person) unnamed ??= { ref, at: k };
    else other = { ref, at: k };
  });
  const pick = (chosen ?? unnamed ?? other) as { ref: Ref; at: number } | null;
  if (!pick) return null;
  return finish(d, pick.ref, pieces[pick.at]![0], pieces.filter((_, k) => k !== pick.at), roles);
}

function hasSpeechVerb(tokens: Token[], from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (isWord(tokens[k]) && !tokens[k]!.cap && SPEECH_VERBS.has(tokens[k]!.lower)) return true;
  return false;
}

function finish(d: Discourse, ref: Ref, start: number, described: [number, number][], roles: Map<string, Set<string>>): { speaker: Speaker | null; npStart: number } {
  for (const [a, b] of described) collectRoles(d, ref, a - 1, b, roles);
  return { speaker: remember(d, ref, d.doc.tokens[start]!.start, roles), npStart: start };
}

const STATE = /^[DRI]-[A-Z][a-z]*\.?$/;

/** Whether a comma-separated piece only describes someone (an appositive: "who …", "chairman of …", "D-Ill."). */
function pieceKind(d: Discourse, from: number, to: number): 'describes' | 'names' {
  const t = d.doc.tokens[from]!;
  if (!isWord(t) || to <= from) return 'names';
  if (STATE.test(t.text)) return 'describes'; // "Rostenkowski, D-Ill., predicted"
  if (/^(a|an|the|one|another)$/.test(t.lower)) return 'names'; // "a senior official" — or a description of a name before it
  return t.cap ? 'names' : 'describes';
}

const NP_BREAK = new Set(['that', 'who', 'which', 'when', 'because', 'if', 'as', 'while', 'than', 'but', 'where', 'whether', 'since', 'although', 'though', 'after', 'before', 'so']);

function npCompatible(tokens: Token[], k: number): boolean {
  const t = tokens[k]!;
  if (t.kind === 'quote') return false;
  if (t.kind === 'punct') return '()<>&-/.'.includes(t.text);
  if (NP_BREAK.has(t.lower) || SPEECH_VERBS.has(t.lower) || SPEECH_PARTICIPLES.has(t.lower)) return false;
  if (t.lower === 'and') return isWord(tokens[k - 1]) && tokens[k - 1]!.cap && isWord(tokens[k + 1]) && tokens[k + 1]!.cap;
  return true;
}

/** Role words from an appositive after a name: "Ofgem, Britain's energy regulator," → regulator. */
function collectRoles(d: Discourse, ref: Ref, from: number, to: number, roles: Map<string, Set<string>>): void {
  if (ref.kind !== 'person' && ref.kind !== 'org') return;
  const { tokens } = d.doc;
  const name = ref.kind === 'person' ? ref.name : ref.name;
  const set = roles.get(name) ?? new Set<string>();
  for (const r of ref.roles) set.add(r);
  if (isPunct(tokens[from], ',')) {
    for (let k = from + 1; k < to && k < from + 12 && !isPunct(tokens[k], ',.;:'); k++) {
      const w = tokens[k]!.lower;
      if (PERSON_NOUNS.has(w) || BODY_NOUNS.has(w)) set.add(w);
    }
  }
  roles.set(name, set);
}

/** Resolves a phrase to a speaker and records it as a mention at `pos`. */
function remember(d: Discourse, ref: Ref, pos: number, roles: Map<string, Set<string>>): Speaker | null {
  const speaker = resolve(d, ref, roles);
  if (speaker && !speaker.unresolved) d.mentions.push({ pos, speaker });
  return speaker;
}

/** "the ministry sources" → "a ministry source": one member of a group, described as the group is. */
function oneOf(group: Speaker): string {
  const words = group.name.split(' ');
  if (/^(the|some|two|three|several|many|most|both|other|these|those)$/i.test(words[0]!)) words.shift();
  const at = words.map((w) => w.toLowerCase()).lastIndexOf(group.head + 's');
  if (at >= 0) words[at] = group.head;
  else if (words[words.length - 1]!.toLowerCase() === 'spokesmen') words[words.length - 1] = 'spokesman';
  return `a ${words.join(' ')}`;
}

/** A one-word name the article never gives in full ("Nissen said"): likely a person's surname. */
const maybeSurname = (m: Speaker): boolean =>
  m.kind === 'org' && m.spoke === true && /^\p{Lu}\p{Ll}+$/u.test(m.name) && !ORG_WORDS.has(m.name) && !TITLE_WORDS.has(m.name) && !NOT_NAMES.has(m.name);

function resolve(d: Discourse, ref: Ref, roles: Map<string, Set<string>>): Speaker | null {
  const { mentions } = d;
  if (ref.kind === 'person') return { name: d.aliases.get(ref.name) ?? ref.name, kind: 'person', person: true, plural: ref.plural ?? false, head: '', unresolved: false };
  if (ref.kind === 'org') return { name: d.aliases.get(ref.name) ?? ref.name, kind: 'org', person: false, plural: false, head: '', unresolved: false };
  if (ref.kind === 'pronoun') {
    const wantPerson = ref.word !== 'it' && ref.word !== 'its';
    const wantPlural = ref.word === 'they' || ref.word === 'them';
    for (let k = mentions.length - 1; k >= 0; k--) {
      const m = mentions[k]!.speaker;
      if (wantPlural ? m.plural : (m.person === wantPerson || (wantPerson && maybeSurname(m))) && !m.plural) return m;
    }
    return null;
  }
  const own: Speaker = { name: clean(ref.text, true), kind: 'desc', person: ref.person, plural: ref.plural, head: ref.head, unresolved: false };
  if (/^(one|another)$/i.test(own.name)) {
    // "said one": one of the group spoken of last ("the sources said …" → one source).
    for (let k = mentions.length - 1; k >= 0; k--) {
      const m = mentions[k]!.speaker;
      if (m.plural && m.head && m.kind === 'desc') return { ...own, name: oneOf(m), head: m.head, plural: false };
    }
    return own;
  }
  if (!ref.definite) return own;
  // "The Japan Tourist Bureau", "the Italian Treasury": a body named in full, not a pointer back.
  if (!ref.person && /\s\p{Lu}/u.test(own.name.replace(/^\S+/, ''))) return { ...own, kind: 'org' };
  const matches = (m: Speaker): boolean =>
    m.person === ref.person && (m.head === ref.head || (roles.get(m.name)?.has(ref.head) ?? false));
  const order = ref.first ? mentions : [...mentions].reverse();
  const found = order.find((m) => matches(m.speaker) && m.speaker.name !== own.name);
  if (found) return found.speaker;
  if (COMPANY_HEADS.has(ref.head)) {
    for (let k = mentions.length - 1; k >= 0; k--) if (mentions[k]!.speaker.kind === 'org') return mentions[k]!.speaker;
  }
  // "the Chrysler executive", "the California Republican" with no earlier match: the person last
  // spoken of, as with "he". "the communique said": a body that speaks for itself.
  // "the EU's trade commissioner", "the chief executive of Hoshizora Motors" introduce someone new.
  if (ref.person && /['’]s\s|\s(?:of|for|at|from)\s/u.test(own.name)) return own;
  if (ref.person && !ref.plural) {
    for (let k = mentions.length - 1; k >= 0; k--) if (mentions[k]!.speaker.kind === 'person' && !mentions[k]!.speaker.plural) return mentions[k]!.speaker;
  }
  return { ...own, unresolved: ref.person };
}
