/**
 * @module core/quotes/resolve — what a speaker phrase points to: a pronoun to the person last
 * spoken of, "the official" / "the presidential spokesman" to the earlier mention it describes,
 * "said one" to one of the group named before, an alias to the name it stands for.
 */
import { NOT_NAMES, ORG_WORDS, TITLE_WORDS, BODY_NOUNS, PERSON_NOUNS } from './lexicon.js';
import { clean, type Ref } from './np.js';
import { isPunct } from './tokens.js';
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
  const { tokens } = d.doc;
  const name = ref.kind === 'person' ? ref.name : ref.name;
  const set = d.roles.get(name) ?? new Set<string>();
  for (const r of ref.roles) set.add(r);
  if (isPunct(tokens[from], ',')) {
    for (let k = from + 1; k < to && k < from + 12 && !isPunct(tokens[k], ',.;:'); k++) {
      const w = tokens[k]!.lower;
      if (PERSON_NOUNS.has(w) || BODY_NOUNS.has(w)) set.add(w);
    }
  }
  d.roles.set(name, set);
}

/** Resolves a phrase to a speaker and records it as a mention at `pos`. */
export function remember(d: Discourse, ref: Ref, pos: number): Speaker | null {
  const speaker = resolve(d, ref);
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

function resolve(d: Discourse, ref: Ref): Speaker | null {
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
    // "said one delegate … said another": another of the same kind.
    for (let k = mentions.length - 1; k >= 0; k--) {
      const m = mentions[k]!.speaker;
      if (m.kind === 'desc' && m.person && m.head) return { ...own, name: `${own.name.toLowerCase()} ${m.head}`, head: m.head };
    }
    return own;
  }
  if (!ref.definite) return own;
  // "The Japan Tourist Bureau", "the Italian Treasury": a body named in full, not a pointer back.
  if (!ref.person && /\s\p{Lu}/u.test(own.name.replace(/^\S+/, ''))) return { ...own, kind: 'org' };
  const matches = (m: Speaker): boolean =>
    m.person === ref.person && (m.head === ref.head || (d.roles.get(m.name)?.has(ref.head) ?? false));
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
