/**
 * @module core/rules/compile — topics.yaml → one shared term dictionary plus a small evaluation tree
 * per topic. Every problem (syntax, unknown or cyclic alias, misuse of NEAR, a rule that can match
 * without any of its terms) is collected with its place, so a bad file is fixed in one pass.
 */
import type { TopicsDefinition as TopicsFile } from '../types.js';
import { TradewireError } from '../errors.js';
import { parseRule, RuleSyntaxError, type FieldName, type Syntax } from './parse.js';
import { createDictionary, finishDictionary, internTerm, termAtoms, type Dictionary } from './terms.js';
import { buildGates, type Gates } from './gates.js';

export const FIELD_TITLE = 1;
export const FIELD_LEAD = 2;
export const FIELD_BODY = 4;
const ALL_FIELDS = FIELD_TITLE | FIELD_LEAD | FIELD_BODY;
const FIELD_MASKS: Record<FieldName, number> = { title: FIELD_TITLE, lead: FIELD_LEAD, body: FIELD_LEAD | FIELD_BODY };

/** A topic's threshold when topics.yaml gives none: one hit in the title or lead, or two in the body. */
export const DEFAULT_THRESHOLD = 2;

/** The evaluation tree. `src` is the clause as written (for --explain). */
export type Node =
  | { kind: 'term'; term: number; label: string; fields: number; src: string }
  | { kind: 'and' | 'or'; items: Node[]; src: string }
  | { kind: 'not'; item: Node; src: string }
  /** `label` names the place a NEAR match makes, for scoring (the clause, or `@alias`). */
  | { kind: 'near'; left: Node; right: Node; distance: number; negated: boolean; label: string; src: string };

export interface CompiledTopic {
  id: string;
  name: string;
  rule: string;
  threshold: number;
  root: Node;
}

export interface CompiledTopics {
  readonly ids: readonly string[];
  /** Display name per topic id. */
  readonly names: ReadonlyMap<string, string>;
  readonly topics: readonly CompiledTopic[];
  readonly dict: Dictionary;
  readonly gates: Gates;
}

/** One thing wrong in topics.yaml: `path` is the key path (`topics.2.rule`, `aliases.japan.1`). */
export interface RuleProblem {
  path: string;
  topic: string | null;
  rule: string;
  /** 1-based column in `rule`. */
  column: number;
  message: string;
}

class PlacedError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

interface Scope {
  label: string | null;
  fields: number;
  stack: string[];
}

interface Builder {
  dict: Dictionary;
  atomIndex: Map<string, number>;
  termIndex: Map<string, number>;
  aliases: Map<string, { entries: { text: string; syntax: Syntax | null }[]; broken: boolean }>;
  terms: Set<number>;
  /** The rule being built uses an alias with its own (already reported) problems. */
  usesBroken: boolean;
  problems: RuleProblem[];
}

/** Compiles every topic; throws TradewireError('rules_invalid', …, { input: RuleProblem[] }). */
export function compileTopics(file: TopicsFile): CompiledTopics {
  const problems: RuleProblem[] = [];
  const b: Builder = { dict: createDictionary(), atomIndex: new Map(), termIndex: new Map(), aliases: new Map(), terms: new Set(), usesBroken: false, problems };
  parseAliases(file, b);
  const topics: CompiledTopic[] = [];
  file.topics.forEach((topic, i) => {
    b.terms = new Set();
    b.usesBroken = false;
    const place = (offset: number, message: string): void => {
      problems.push(problem(`topics.${i}.rule`, topic.id, topic.rule, offset, `topic "${topic.id}": rule ${JSON.stringify(topic.rule)}`, message));
    };
    try {
      const root = build(parseRule(topic.rule), topic.rule, { label: null, fields: ALL_FIELDS, stack: [] }, b);
      if (b.usesBroken) return;
      if (!needsHit(root)) throw new PlacedError('expected at least one term the article must contain; this rule matches articles with none of its terms (NOT alone)', 0);
      for (const t of b.terms) b.dict.terms[t]!.topics.push(topics.length);
      topics.push({ id: topic.id, name: topic.name ?? topic.id, rule: topic.rule, threshold: topic.threshold ?? DEFAULT_THRESHOLD, root });
    } catch (err) {
      if (err instanceof RuleSyntaxError || err instanceof PlacedError) place(err.offset, err.message);
      else throw err;
    }
  });
  if (problems.length > 0) {
    const lines = problems.map((p) => `${p.path}: ${p.message}`);
    throw new TradewireError('rules_invalid', `rules: ${problems.length} problem(s) in topics:\n  - ${lines.join('\n  - ')}`, { input: problems });
  }
  finishDictionary(b.dict);
  const gates = buildGates(topics.map((t) => t.root), b.dict.terms.length);
  return { ids: topics.map((t) => t.id), names: new Map(topics.map((t) => [t.id, t.name])), topics, dict: b.dict, gates };
}

function problem(path: string, topic: string | null, rule: string, offset: number, what: string, message: string): RuleProblem {
  const column = offset + 1;
  return { path, topic, rule, column, message: `${what} at column ${column}: ${message}` };
}

function parseAliases(file: TopicsFile, b: Builder): void {
  for (const [name, list] of Object.entries(file.aliases)) {
    const entries = list.map((text, j) => {
      try {
        return { text, syntax: parseRule(text) };
      } catch (err) {
        if (!(err instanceof RuleSyntaxError)) throw err;
        b.problems.push(aliasProblem(name, j, text, err));
        return { text, syntax: null };
      }
    });
    b.aliases.set(name, { entries, broken: entries.some((e) => e.syntax === null) });
  }
  // Build each alias once on its own so that its problems (unknown alias, cycles, bad terms) are
  // reported against the alias, not against every topic that uses it.
  for (const [name, alias] of b.aliases) {
    if (alias.broken) continue;
    b.usesBroken = false;
    alias.entries.forEach((entry, j) => buildAliasEntry(name, j, { label: `@${name}`, fields: ALL_FIELDS, stack: [name] }, b));
    if (b.usesBroken) alias.broken = true;
  }
}

function aliasProblem(name: string, j: number, text: string, err: RuleSyntaxError | PlacedError): RuleProblem {
  return problem(`aliases.${name}.${j}`, null, text, err.offset, `alias @${name}: entry ${JSON.stringify(text)}`, err.message);
}

/**
 * Builds one alias entry; a problem in it is reported against the alias (once), which is then
 * broken, and the rule using it is skipped without a second report.
 */
function buildAliasEntry(name: string, j: number, scope: Scope, b: Builder): Node | null {
  const alias = b.aliases.get(name)!;
  const entry = alias.entries[j]!;
  try {
    return build(entry.syntax!, entry.text, scope, b);
  } catch (err) {
    if (!(err instanceof RuleSyntaxError || err instanceof PlacedError)) throw err;
    if (!alias.broken) b.problems.push(aliasProblem(name, j, entry.text, err));
    alias.broken = true;
    b.usesBroken = true;
    return null;
  }
}

function build(syn: Syntax, src: string, scope: Scope, b: Builder): Node {
  const text = src.slice(syn.from, syn.to);
  switch (syn.kind) {
    case 'term': {
      let specs;
      try {
        specs = termAtoms(syn.text, syn.exactCase);
      } catch (err) {
        if (!(err instanceof RuleSyntaxError)) throw err;
        const inner = syn.from + (syn.exactCase ? 1 : 0) + (syn.phrase ? 1 : 0);
        throw new PlacedError(err.message, inner + err.offset);
      }
      const term = internTerm(b.dict, specs, b.atomIndex, b.termIndex);
      b.terms.add(term);
      return { kind: 'term', term, label: scope.label ?? text, fields: scope.fields, src: text };
    }
    case 'alias':
      return buildAlias(syn.name, syn.from, text, scope, b);
    case 'field': {
      const fields = scope.fields & FIELD_MASKS[syn.field];
      if (fields === 0) throw new PlacedError(`expected a field inside the enclosing one; ${syn.field}: there can never match`, syn.from);
      return build(syn.item, src, { ...scope, fields }, b);
    }
    case 'and':
    case 'or':
      return { kind: syn.kind, items: syn.items.map((s) => build(s, src, scope, b)), src: text };
    case 'not':
      return { kind: 'not', item: build(syn.item, src, scope, b), src: text };
    case 'near': {
      const left = build(syn.left, src, scope, b);
      const right = build(syn.right, src, scope, b);
      for (const [side, s] of [[left, syn.left], [right, syn.right]] as const) {
        if (!positional(side)) {
          throw new PlacedError('expected a term, a phrase or a group of alternatives (OR) beside NEAR/n; AND and NOT have no single place in the text', s.from);
        }
      }
      return { kind: 'near', left, right, distance: syn.distance, negated: syn.negated, label: scope.label ?? text, src: text };
    }
  }
}

function buildAlias(name: string, at: number, text: string, scope: Scope, b: Builder): Node {
  const alias = b.aliases.get(name);
  if (!alias) {
    const known = [...b.aliases.keys()].map((k) => `@${k}`).join(', ') || 'none';
    throw new PlacedError(`expected a defined alias, found @${name} (aliases in this file: ${known})`, at);
  }
  if (scope.stack.includes(name)) throw new PlacedError(`expected aliases that do not refer to themselves: ${[...scope.stack, name].map((n) => `@${n}`).join(' → ')}`, at);
  if (alias.broken) {
    // reported against the alias already; keep building to find this rule's own problems
    b.usesBroken = true;
    return { kind: 'or', items: [], src: text };
  }
  const inner: Scope = { label: scope.label ?? `@${name}`, fields: scope.fields, stack: [...scope.stack, name] };
  const items = alias.entries.map((_, j) => buildAliasEntry(name, j, inner, b)).filter((n): n is Node => n !== null);
  return items.length === 1 ? { ...items[0]!, src: text } : { kind: 'or', items, src: text };
}

/** Whether a node stands at places in the text (so NEAR can measure from it). */
function positional(node: Node): boolean {
  if (node.kind === 'term' || node.kind === 'near') return true;
  if (node.kind === 'or') return node.items.every(positional);
  return false;
}

/** Whether the node can only be true when some term is present. */
function needsHit(node: Node): boolean {
  switch (node.kind) {
    case 'term':
    case 'near':
      return true;
    case 'or':
      return node.items.every(needsHit);
    case 'and':
      return node.items.some(needsHit);
    case 'not':
      return false;
  }
}
