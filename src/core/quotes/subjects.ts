/**
 * @module core/quotes/subjects — who a speech verb's subject is: the phrase before it ("Kato
 * said"), walking back over appositives ("Lerato Dube, an economist at …, said"), or the phrase
 * after it when it comes first ("said Hana Morikawa, senior economist at …").
 */
import { SPEECH_PARTICIPLES, SPEECH_VERBS, VERB_FILLERS, BODY_NOUNS, PERSON_NOUNS } from './lexicon.js';
import { parseNP, subjectEnd, type Ref } from './np.js';
import { addRoles, collectRoles, remember } from './resolve.js';
import { isPunct, isWord, type Token } from './tokens.js';
import type { Discourse, Sentence, Speaker } from './discourse.js';

/** A person's name right after the verb, then a comma or the sentence's end: `, said Vincent Magwenya, …`. */
export function namedAfter(d: Discourse, s: Sentence, v: number): boolean {
  const { tokens } = d.doc;
  const end = subjectEnd(tokens, v + 1, s.to);
  if (end < s.to && !isPunct(tokens[end], ',.;')) return false;
  const ref = parseNP(d.doc, v + 1, end);
  return ref !== null && (ref.kind === 'person' || (ref.kind === 'desc' && !ref.definite));
}

/** The phrase after a verb: "said Hana Morikawa, senior economist at …" → Hana Morikawa. */
export function objectAfter(d: Discourse, s: Sentence, v: number): Speaker | null {
  const { tokens } = d.doc;
  const from = v + 1;
  if (from >= s.to) return null;
  const end = subjectEnd(tokens, from, s.to);
  const ref = parseNP(d.doc, from, end);
  if (!ref) return null;
  // "said Hoshizora's founder and chief executive, Kenta Arima": the name the description goes with
  const named = ref.kind === 'desc' && ref.person && !ref.plural ? describedName(d, s, from, end) : null;
  if (named) return remember(d, named, tokens[from]!.start);
  collectRoles(d, ref, end, s.to);
  return remember(d, ref, tokens[from]!.start);
}

/**
 * The name after a description of a person (tokens[from..end), where the phrase parser stopped),
 * set off by commas: "Hoshizora's founder and chief executive, Kenta Arima"; the description's
 * words become the person's roles.
 */
export function describedName(d: Discourse, s: Sentence, from: number, end: number): (Ref & { kind: 'person' }) | null {
  const { tokens } = d.doc;
  let comma = end;
  while (comma < s.to && comma < end + 6 && isWord(tokens[comma]) && !tokens[comma]!.cap) comma++;
  const named = nameAfterComma(d, s, comma);
  if (named) addRoles(d, named.name, from, comma);
  return named;
}

/** A person's name alone between the comma at `comma` and the next comma or the sentence's end. */
function nameAfterComma(d: Discourse, s: Sentence, comma: number): (Ref & { kind: 'person' }) | null {
  const { tokens } = d.doc;
  if (!isPunct(tokens[comma], ',')) return null;
  const end = subjectEnd(tokens, comma + 1, s.to);
  if (end < s.to && !isPunct(tokens[end], ',.;')) return null;
  const ref = parseNP(d.doc, comma + 1, end);
  return ref?.kind === 'person' ? ref : null;
}

/** The subject of the finite verb at `v`, reading back over "also", "had", an appositive. */
export function subjectBefore(d: Discourse, s: Sentence, v: number): { speaker: Speaker | null; npStart: number } {
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
    return { speaker: ref ? remember(d, ref, t.start) : null, npStart: i };
  }
  if (isPunct(t, ',')) return subjectBeforeAppositives(d, s, i) ?? { speaker: null, npStart: v };
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
  if (ref.kind === 'desc' && !tokens[start]!.cap && !DETERMINERS.has(tokens[start]!.lower) && isPunct(tokens[start - 1], ',')) {
    // "Jerry Abbenhaus, analyst for AGE Clearing noted …": an appositive missing its closing comma.
    // ("…, a company spokesman said" has its own subject.)
    const named = subjectBeforeAppositives(d, s, start - 1);
    if (named?.speaker?.kind === 'person') return named;
  }
  collectRoles(d, ref, end, end);
  return { speaker: remember(d, ref, tokens[start]!.start), npStart: start };
}

/**
 * `NAME, appositive, [appositive,] VERB`: walks back over comma-separated pieces that describe
 * someone ("an economist at …", "who …", "commenting on …", "D-Ill.") to the piece that names them.
 * `comma` is the comma right before the verb.
 */
function subjectBeforeAppositives(d: Discourse, s: Sentence, comma: number): { speaker: Speaker | null; npStart: number } | null {
  const { tokens } = d.doc;
  const pieces: [number, number][] = [];
  let segEnd = comma;
  for (let round = 0; round < 6; round++) {
    let j = segEnd - 1;
    while (j >= s.from && !isPunct(tokens[j], ',') && tokens[j]!.kind !== 'quote' && !isPunct(tokens[j], '"\u201d\u2019\'') && segEnd - j < 30) j--;
    const segStart = j + 1;
    // A relative clause ("who earlier said …") only describes; any other piece with a speech verb is another clause.
    const relative = isWord(tokens[segStart]) && /^(who|which|whose)$/.test(tokens[segStart]!.lower);
    if (segStart >= segEnd || (!relative && hasSpeechVerb(tokens, segStart, segEnd))) break;
    pieces.push([segStart, segEnd]);
    // A piece that opens the sentence or follows a quotation's closing marks is the last one.
    if (j < s.from || !isPunct(tokens[j], ',') || tokens[j - 1]?.kind === 'quote' || isPunct(tokens[j - 1], '"\u201d\u2019\'')) break;
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
  return finish(d, pick.ref, pieces[pick.at]![0], pieces.filter((_, k) => k !== pick.at));
}

function hasSpeechVerb(tokens: Token[], from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (isWord(tokens[k]) && !tokens[k]!.cap && SPEECH_VERBS.has(tokens[k]!.lower)) return true;
  return false;
}

function finish(d: Discourse, ref: Ref, start: number, described: [number, number][]): { speaker: Speaker | null; npStart: number } {
  for (const [a, b] of described) collectRoles(d, ref, a - 1, b);
  return { speaker: remember(d, ref, d.doc.tokens[start]!.start), npStart: start };
}

const DETERMINERS = new Set(['a', 'an', 'the', 'one', 'another', 'some', 'two', 'three', 'several']);

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
