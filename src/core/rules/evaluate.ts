/**
 * @module core/rules/evaluate — the cheap second step: a topic's tree evaluated over the occurrences
 * the one pass collected, then scored.
 *
 * A node's value is null (false) or the list of places that make it true ("spans"; empty for a
 * satisfied NOT). Spans carry the hits behind them, so the score counts only terms that helped the
 * rule match, and NEAR can measure between groups.
 */
import type { HitField } from '../types.js';
import type { Occurrence } from './collect.js';
import { FIELD_BODY, FIELD_LEAD, FIELD_TITLE, type Node } from './compile.js';
import { nearPairs, withoutNear } from './near.js';

export interface Hit {
  occ: Occurrence;
  /** The term as written in the rule, or `@alias` for a term reached through an alias. */
  label: string;
}

export interface Span {
  /** For a NEAR match: its label (one unit of evidence however many terms it joins); null for a term. */
  unit: string | null;
  stream: number;
  pos0: number;
  pos1: number;
  seq0: number;
  seq1: number;
  hits: Hit[];
}

export type Value = Span[] | null;

/** Records each node's value, for --explain. */
export type Trace = Map<Node, Value>;

const FIELD_BITS: Record<HitField, number> = { title: FIELD_TITLE, lead: FIELD_LEAD, body: FIELD_BODY };
const TRUE: Span[] = [];

export function evaluate(node: Node, byTerm: Map<number, Occurrence[]>, trace: Trace | null): Value {
  const value = evalNode(node, byTerm, trace);
  trace?.set(node, value);
  return value;
}

function evalNode(node: Node, byTerm: Map<number, Occurrence[]>, trace: Trace | null): Value {
  switch (node.kind) {
    case 'term': {
      const occs = byTerm.get(node.term);
      if (!occs) return null;
      const spans: Span[] = [];
      for (const occ of occs) {
        if ((FIELD_BITS[occ.field] & node.fields) === 0) continue;
        spans.push({ unit: null, stream: occ.stream, pos0: occ.pos0, pos1: occ.pos1, seq0: occ.seq0, seq1: occ.seq1, hits: [{ occ, label: node.label }] });
      }
      return spans.length > 0 ? spans : null;
    }
    case 'or': {
      // one array for all alternatives (aliases are long ORs; concat per item would copy each time)
      let out: Span[] | null = null;
      let owned = false;
      for (const item of node.items) {
        const v = evaluate(item, byTerm, trace);
        if (!v) continue;
        if (!out) out = v;
        else {
          if (!owned) {
            out = out.slice();
            owned = true;
          }
          for (const span of v) out.push(span);
        }
      }
      return out;
    }
    case 'and': {
      let out: Span[] = TRUE;
      let ok = true;
      for (const item of node.items) {
        const v = evaluate(item, byTerm, trace);
        if (!v) {
          ok = false;
          if (!trace) return null; // explain evaluates every clause; matching stops at the first false
        } else if (v.length > 0) out = out.length > 0 ? out.concat(v) : v;
      }
      return ok ? out : null;
    }
    case 'not':
      return evaluate(node.item, byTerm, trace) ? null : TRUE;
    case 'near': {
      const left = evaluate(node.left, byTerm, trace);
      // the right side is only needed where the left one stands (explain shows both)
      if (!left && !trace) return null;
      const right = evaluate(node.right, byTerm, trace);
      if (!left) return null;
      if (node.negated) {
        if (!right) return left;
        const kept = withoutNear(left, right, node.distance);
        return kept.length > 0 ? kept : null;
      }
      if (!right) return null;
      const out: Span[] = [];
      nearPairs(left, right, node.distance, (a, b) => {
        out.push({
          unit: node.label,
          stream: a.stream,
          pos0: Math.min(a.pos0, b.pos0),
          pos1: Math.max(a.pos1, b.pos1),
          seq0: Math.min(a.seq0, b.seq0),
          seq1: Math.max(a.seq1, b.seq1),
          hits: a.hits.concat(b.hits),
        });
      });
      return out.length > 0 ? out : null;
    }
  }
}

