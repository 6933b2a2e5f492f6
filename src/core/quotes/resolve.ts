/**
 * @module core/quotes/resolve — what a speaker phrase points to: a pronoun to the person last
 * spoken of, "the official" / "the presidential spokesman" to the earlier mention it describes,
 * "said one" to one of the group named before, an alias to the name it stands for.
 */
import { NOT_NAMES, ORG_WORDS, TITLE_WORDS, BODY_NOUNS, PERSON_NOUNS, SPEECH_VERBS } from './lexicon.js';
import { capRuns, nameTail, rolesAround } from './names.js';
import { clean, type Ref } from './np.js';
import { isPunct, isWord, type Token } from './tokens.js';
import type { Discourse, Speaker } from './discourse.js';

/** "the company said": with no earlier company description, the body last spoken of. */
const COMPANY_HEADS = new Set(['company', 'firm', 'group', 'carmaker', 'automaker', 'steelmaker', 'insurer', 'operator', 'maker', 'lender', 'bank', 'producer']);

const ALIAS = /(\p{Lu}[\p{L}&.'’-]*(?:\s+\p{Lu}[\p{L}&.'’-]*)*),\s+(?:also\s+)?(?:known|referred to)\s+as\s+["“]?(\p{Lu}[\p{L}.&'’-]*(?:\s+\p{Lu}[\p{L}.&'’-]*)*)/gu;

/** Short names the article gives: "Loss-making Vodafone Idea, known as Vi" → Vi ↦ the full name. */
export function aliasesIn(text: string): Map<string, string> {
  const out = new Map<string, string>();
  if (!/ (?:known|referred to) as /.test(text)) return out;
  for (const m of text.matchAll(ALIAS)) out.set(m[2]!, m[1]!);
  return out;
}

/** Role words from an appositive after a name: "Ofgem, Britain's energy regulator," → regulator. */
export function collectRoles(d: Discourse, ref: Ref, from: number, to: number): void {
  if (ref.kind !== 'person' && ref.kind !== 'org') return;
  const set = rolesOf(d, ref.name);
  for (const r of ref.roles) set.add(r);
  if (isPunct(d.doc.tokens[from], ',')) addRoles(d, ref.name, from + 1, Math.min(to, from + 12));
}

/** Verbs in an appositive that give a role: "Parks Tau, who chaired the talks," is the chair. */
const ROLE_VERBS = new Map([['chaired', 'chair'], ['chairs', 'chair'], ['headed', 'head'], ['heads', 'head'], ['founded', 'founder'], ['hosted', 'host'], ['leads', 'leader'], ['led', 'leader']]);

/**
 * Role words of a description of `name` in tokens[from..to) (up to a clause break): its nouns for
 * people and bodies, the verbs above, and whose it is ("Hoshizora's founder" → founder, hoshizora).
 */
export function addRoles(d: Discourse, name: string, from: number, to: number): void {
  const { tokens } = d.doc;
  const set = rolesOf(d, name);
  for (let k = from; k < Math.min(to, tokens.length) && !isPunct(tokens[k], ',.;:'); k++) {
    const t = tokens[k]!;
    if (PERSON_NOUNS.has(t.lower) || BODY_NOUNS.has(t.lower)) set.add(t.lower);
    else if (ROLE_VERBS.has(t.lower)) set.add(ROLE_VERBS.get(t.lower)!);
    else if (t.poss && t.cap) set.add(t.lower);
  }
}

function rolesOf(d: Discourse, name: string): Set<string> {
  let set = d.roles.get(name);
  if (!set) d.roles.set(name, (set = new Set<string>()));
  return set;
}

/**
 * Every person the article names, where, and the roles it gives them — in a title before the name
 * ("Trade Minister Parks Tau") or an appositive after it (", who chaired the talks,", ", Hoshizora's
 * founder,") — whether or not they are the subject of a sentence: what "the chair" can point back to.
 */
export function collectPeople(d: Discourse): void {
  const { tokens, names } = d.doc;
  for (const run of capRuns(tokens)) {
    const tail = nameTail(tokens, run);
    if (!tail || tail.to - tail.from < 2) continue;
    const name = names.resolve(tokens.slice(tail.from, tail.to).map((t) => t.text).join(' '));
    if (!names.isPerson(name)) continue;
    const set = rolesOf(d, name);
    for (const r of rolesAround(tokens, run, tail)) set.add(r);
    if (isPunct(tokens[run.to], ',') && isAppositive(tokens, run.to + 1)) addRoles(d, name, run.to + 1, run.to + 13);
    d.people.push({ pos: tokens[run.from]!.start, name });
  }
}

/**
 * Whether the words after a name's comma describe it (", Hoshizora's founder,", ", who chaired the
 * talks,") rather than begin the main clause (", the Wisconsin Democrat said that …"): a short piece
 * closed by a comma or a stop, with no speech verb unless it is a relative clause.
 */
function isAppositive(tokens: Token[], from: number): boolean {
  const relative = isWord(tokens[from]) && /^(who|whose)$/.test(tokens[from]!.lower);
  for (let k = from; k < tokens.length && k < from + 14; k++) {
    const t = tokens[k]!;
    if (isPunct(t, ',.;:')) return k > from;
    if (t.kind === 'quote' || (!relative && isWord(t) && !t.cap && SPEECH_VERBS.has(t.lower))) return false;
  }
  return false;
}

/** Resolves a phrase to a speaker and records it as a mention at `pos`. */
export function remember(d: Discourse, ref: Ref, pos: number): Speaker | null {
  const speaker = resolve(d, ref, pos);
  if (speaker && !speaker.unresolved) d.mentions.push({ pos, speaker, sentence: d.current, sub: false });
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

function resolve(d: Discourse, ref: Ref, pos: number): Speaker | null {
  const { mentions } = d;
  if (ref.kind === 'person') return { name: d.aliases.get(ref.name) ?? ref.name, kind: 'person', person: true, plural: ref.plural ?? false, head: '', unresolved: false };
  if (ref.kind === 'org') return { name: d.aliases.get(ref.name) ?? ref.name, kind: 'org', person: false, plural: false, head: '', unresolved: false };
  if (ref.kind === 'pronoun') {
    const wantPerson = ref.word !== 'it' && ref.word !== 'its';
    const wantPlural = ref.word === 'they' || ref.word === 'them';
    const fits = (m: Speaker): boolean => (wantPlural ? m.plural : (m.person === wantPerson || (wantPerson && maybeSurname(m))) && !m.plural);
    for (let k = mentions.length - 1; k >= 0; k--) {
      const m = mentions[k]!;
      if (!fits(m.speaker)) continue;
      // "He said … when the Soviet leader insisted …" / "he said": the sentence's main subject, not
      // someone in its subordinate clause
      for (let j = k - 1; m.sub && j >= 0 && mentions[j]!.sentence === m.sentence; j--) {
        if (!mentions[j]!.sub && fits(mentions[j]!.speaker)) return mentions[j]!.speaker;
      }
      return m.speaker;
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
    // "said one delegate … said another": another of the same kind.
    for (let k = mentions.length - 1; k >= 0; k--) {
      const m = mentions[k]!.speaker;
      if (m.kind === 'desc' && m.person && m.head) return { ...own, name: `${own.name.toLowerCase()} ${m.head}`, head: m.head };
    }
    return own;
  }
  if (!ref.definite) return own;
  // "The Japan Tourist Bureau", "the Italian Treasury": a body named in full, not a pointer back —
  // unless the article named it more fully before ("China's Commerce Ministry" … "the Commerce Ministry").
  if (!ref.person && /\s\p{Lu}/u.test(own.name.replace(/^\S+/, ''))) return fullerBody(mentions, own) ?? { ...own, kind: 'org' };
  // "Hoshizora's founder" is the founder of Hoshizora, not any founder spoken of before
  const owned = (m: Speaker): boolean => !ref.owner || (d.roles.get(m.name)?.has(ref.owner) ?? false) || m.name.toLowerCase().includes(ref.owner);
  const matches = (m: Speaker): boolean =>
    m.person === ref.person && (m.head === ref.head || (d.roles.get(m.name)?.has(ref.head) ?? false)) && owned(m);
  const order = ref.first ? mentions : [...mentions].reverse();
  const found = order.find((m) => matches(m.speaker) && m.speaker.name !== own.name);
  if (found) return found.speaker;
  if (ref.person && !ref.plural) {
    // named earlier with that role, though never as a speaker: "Minister Parks Tau, who chaired the talks"
    const person: Speaker = { name: '', kind: 'person', person: true, plural: false, head: '', unresolved: false };
    for (let k = d.people.length - 1; k >= 0; k--) {
      const p = d.people[k]!;
      if (p.pos < pos && matches({ ...person, name: p.name })) return { ...person, name: p.name };
    }
  }
  // "the ministry said" after "Japan's Ministry of Economy, Trade and Industry announced …": the
  // body named before whose name holds the noun
  if (!ref.person && BODY_NOUNS.has(ref.head)) {
    const named = new RegExp(`\\b${ref.head}\\b`, 'i');
    for (let k = mentions.length - 1; k >= 0; k--) {
      const m = mentions[k]!.speaker;
      if (m.kind === 'org' && named.test(m.name)) return m;
    }
  }
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

/** The latest body named before whose name ends with `own`'s words ("the Commerce Ministry" → "China's Commerce Ministry"). */
function fullerBody(mentions: Discourse['mentions'], own: Speaker): Speaker | null {
  const tail = own.name.replace(/^\S+\s+/, '').toLowerCase();
  for (let k = mentions.length - 1; k >= 0; k--) {
    const m = mentions[k]!.speaker;
    const name = m.name.toLowerCase();
    if (m.kind === 'org' && name.length > tail.length && name.endsWith(` ${tail}`)) return m;
  }
  return null;
}
