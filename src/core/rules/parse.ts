/**
 * @module core/rules/parse — the rule language's grammar: rule text → syntax tree with source spans,
 * or a RuleSyntaxError saying where (1-based column) and what was expected.
 *
 *   rule   := or
 *   or     := and ( "OR" and )*
 *   and    := unary ( ( "AND" | "NOT" ) unary )*        a NOT b  ≡  a AND NOT b
 *   unary  := "NOT" unary | near
 *   near   := scoped ( ( "NEAR/n" | "NOT NEAR/n" ) scoped )*
 *   scoped := [ "title:" | "lead:" | "body:" ] atom
 *   atom   := "(" or ")" | [=] "phrase" | [=] term | @alias
 *
 * Operators are written in capitals; a term is any run of characters other than spaces, quotes and
 * parentheses (`tariff*`, `U.S.`, `関税`). Two terms side by side without an operator are an error
 * (it is ambiguous: phrase or AND?), and the message says to quote a phrase.
 */

export type FieldName = 'title' | 'lead' | 'body';

export type Syntax =
  | { kind: 'term'; text: string; phrase: boolean; exactCase: boolean; from: number; to: number }
  | { kind: 'alias'; name: string; from: number; to: number }
  | { kind: 'and' | 'or'; items: Syntax[]; from: number; to: number }
  | { kind: 'not'; item: Syntax; from: number; to: number }
  | { kind: 'near'; left: Syntax; right: Syntax; distance: number; negated: boolean; from: number; to: number }
  | { kind: 'field'; field: FieldName; item: Syntax; from: number; to: number };

export const MAX_NEAR = 100;

/** A syntax error at a 0-based offset into the rule. */
export class RuleSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
    this.name = 'RuleSyntaxError';
  }
}

type Lexeme =
  | { t: 'lparen' | 'rparen' | 'eof' | 'and' | 'or' | 'not'; from: number; to: number }
  | { t: 'near'; n: number; from: number; to: number }
  | { t: 'term'; text: string; exactCase: boolean; from: number; to: number }
  | { t: 'phrase'; text: string; exactCase: boolean; from: number; to: number }
  | { t: 'alias'; name: string; from: number; to: number }
  | { t: 'field'; field: FieldName; from: number; to: number };

const FIELDS = new Set<string>(['title', 'lead', 'body']);
const OPEN_QUOTES = new Set(['"', '\u201c', '\u201e']);
const CLOSE_QUOTES = new Set(['"', '\u201d', '\u201c']);
const isSpace = (ch: string): boolean => /\s/.test(ch);
const isTermChar = (ch: string): boolean => !isSpace(ch) && ch !== '(' && ch !== ')' && !OPEN_QUOTES.has(ch) && ch !== '\u201d';

function lex(src: string): Lexeme[] {
  const out: Lexeme[] = [];
  let i = 0;
  while (i < src.length) {
    const ch = src[i]!;
    if (isSpace(ch)) {
      i++;
      continue;
    }
    if (ch === '(' || ch === ')') {
      out.push({ t: ch === '(' ? 'lparen' : 'rparen', from: i, to: i + 1 });
      i++;
      continue;
    }
    const exactCase = ch === '=' && i + 1 < src.length && !isSpace(src[i + 1]!);
    const at = exactCase ? i + 1 : i;
    if (OPEN_QUOTES.has(src[at]!)) {
      let end = at + 1;
      while (end < src.length && !CLOSE_QUOTES.has(src[end]!)) end++;
      if (end >= src.length) throw new RuleSyntaxError('expected a closing quote " for the phrase that starts here', at);
      out.push({ t: 'phrase', text: src.slice(at + 1, end), exactCase, from: i, to: end + 1 });
      i = end + 1;
      continue;
    }
    let end = at;
    while (end < src.length && isTermChar(src[end]!)) {
      // "title:" ends the word at the colon so that "title:tariff*" reads as field + term
      if (src[end] === ':' && FIELDS.has(src.slice(at, end)) && !exactCase) break;
      end++;
    }
    const word = src.slice(at, end);
    if (src[end] === ':' && FIELDS.has(word) && !exactCase) {
      out.push({ t: 'field', field: word as FieldName, from: i, to: end + 1 });
      i = end + 1;
      continue;
    }
    out.push(wordLexeme(word, exactCase, i, end));
    i = end;
  }
  out.push({ t: 'eof', from: src.length, to: src.length });
  return out;
}

function wordLexeme(word: string, exactCase: boolean, from: number, to: number): Lexeme {
  if (!exactCase) {
    if (word === 'AND') return { t: 'and', from, to };
    if (word === 'OR') return { t: 'or', from, to };
    if (word === 'NOT') return { t: 'not', from, to };
    if (word === 'NEAR' || word.startsWith('NEAR/')) {
      const n = /^NEAR\/(\d+)$/.exec(word);
      const distance = n ? Number(n[1]) : NaN;
      if (!(distance >= 1 && distance <= MAX_NEAR)) {
        throw new RuleSyntaxError(`expected NEAR/n with a distance n from 1 to ${MAX_NEAR} (words), e.g. NEAR/5, found "${word}"`, from);
      }
      return { t: 'near', n: distance, from, to };
    }
    if (word.startsWith('@')) {
      const name = word.slice(1);
      if (!/^[\p{L}\p{N}_-]+$/u.test(name)) throw new RuleSyntaxError(`expected an alias name after @ (letters, digits, "-" or "_"), found "${word}"`, from);
      return { t: 'alias', name, from, to };
    }
  }
  return { t: 'term', text: word, exactCase, from, to };
}

function describe(l: Lexeme, src: string): string {
  if (l.t === 'eof') return 'the end of the rule';
  return `"${src.slice(l.from, l.to)}"`;
}

const OPERAND = 'a term, a "phrase", an @alias or "("';

/** Parses one rule; throws RuleSyntaxError. */
export function parseRule(src: string): Syntax {
  if (src.trim() === '') throw new RuleSyntaxError('expected a rule, found an empty one', 0);
  const lexemes = lex(src);
  let k = 0;
  const peek = (): Lexeme => lexemes[k]!;
  const next = (): Lexeme => lexemes[k++]!;
  const fail = (expected: string, at: Lexeme = peek()): never => {
    let hint = '';
    if (at.t === 'term' && /^(and|or|not|near(\/\d+)?)$/i.test(at.text)) hint = ' (operators are written in capitals: AND, OR, NOT, NEAR/n)';
    else if (at.t === 'term' || at.t === 'phrase' || at.t === 'alias' || at.t === 'lparen') hint = ' (join terms with AND, OR or NEAR/n; put a phrase in "quotes")';
    throw new RuleSyntaxError(`expected ${expected}, found ${describe(at, src)}${hint}`, at.from);
  };

  const parseOr = (): Syntax => {
    const first = parseAnd();
    const items = [first];
    while (peek().t === 'or') {
      next();
      items.push(parseAnd());
    }
    return items.length === 1 ? first : { kind: 'or', items, from: first.from, to: items[items.length - 1]!.to };
  };

  const parseAnd = (): Syntax => {
    const first = parseUnary();
    const items = [first];
    for (;;) {
      const l = peek();
      if (l.t === 'and') {
        next();
        items.push(parseUnary());
      } else if (l.t === 'not') {
        next();
        const item = parseUnary();
        items.push({ kind: 'not', item, from: l.from, to: item.to });
      } else break;
    }
    return items.length === 1 ? first : { kind: 'and', items, from: first.from, to: items[items.length - 1]!.to };
  };

  const parseUnary = (): Syntax => {
    const l = peek();
    if (l.t !== 'not') return parseNear();
    next();
    const item = parseUnary();
    return { kind: 'not', item, from: l.from, to: item.to };
  };

  const parseNear = (): Syntax => {
    let left = parseScoped();
    for (;;) {
      const l = peek();
      const negated = l.t === 'not' && lexemes[k + 1]?.t === 'near';
      if (l.t !== 'near' && !negated) return left;
      next();
      const op = negated ? next() : l;
      const right = parseScoped();
      left = { kind: 'near', left, right, distance: (op as { n: number }).n, negated, from: left.from, to: right.to };
    }
  };

  const parseScoped = (): Syntax => {
    const l = peek();
    if (l.t !== 'field') return parseAtom();
    next();
    const item = parseAtom();
    return { kind: 'field', field: l.field, item, from: l.from, to: item.to };
  };

  const parseAtom = (): Syntax => {
    const l = peek();
    switch (l.t) {
      case 'lparen': {
        next();
        const inner = parseOr();
        if (peek().t !== 'rparen') fail('AND, OR, NOT, NEAR/n or ")"');
        const close = next();
        return { ...inner, from: l.from, to: close.to };
      }
      case 'term':
      case 'phrase':
        next();
        return { kind: 'term', text: l.text, phrase: l.t === 'phrase', exactCase: l.exactCase, from: l.from, to: l.to };
      case 'alias':
        next();
        return { kind: 'alias', name: l.name, from: l.from, to: l.to };
      default: {
        const prev = lexemes[k - 1];
        return fail(prev ? `${OPERAND} after ${describe(prev, src)}` : OPERAND);
      }
    }
  };

  const tree = parseOr();
  if (peek().t !== 'eof') fail(peek().t === 'rparen' ? 'an operator or the end of the rule (this ")" has no "(")' : 'AND, OR, NOT, NEAR/n or the end of the rule');
  return tree;
}
