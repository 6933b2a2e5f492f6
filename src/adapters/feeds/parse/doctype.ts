/**
 * @module adapters/feeds/parse/doctype — reads a DOCTYPE's internal subset and decides whether the
 * document is hostile.
 *
 * Nothing is ever fetched: an external DTD (`SYSTEM "http://…"`) is ignored, and so are the
 * entities only it would define (their references stay as literal text, as feedparser leaves them).
 * In the internal subset, only plain text entities are honoured. Refused as `hostile`: parameter
 * entities, external entities (XXE: `SYSTEM "file:///etc/passwd"`), entities whose value refers to
 * other entities (the "billion laughs" expansion), and absurd numbers or sizes of declarations.
 */

export interface Doctype {
  /** The root name the DOCTYPE gives (`rss`, `html` …). */
  name: string;
  /** The public identifier, e.g. "-//Netscape Communications//DTD RSS 0.91//EN". */
  publicId: string | null;
  /** Plain text entities declared in the internal subset. */
  entities: Map<string, string>;
}

export class HostileDocument extends Error {}

const MAX_ENTITIES = 64;
const MAX_ENTITY_CHARS = 4096;
const MAX_SUBSET_CHARS = 64 * 1024;

/** Index just past the DOCTYPE that starts at `start` (`<!DOCTYPE`), or -1 when it never ends. */
export function doctypeEnd(text: string, start: number): number {
  let quote = '';
  let inSubset = false;
  for (let i = start + 9; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === '[') {
      inSubset = true;
    } else if (c === ']') {
      inSubset = false;
    } else if (c === '>' && !inSubset) {
      return i + 1;
    }
  }
  return -1;
}

/** Parses `<!DOCTYPE …>`; throws HostileDocument for what must not be processed. */
export function readDoctype(decl: string): Doctype {
  const head = /^<!DOCTYPE\s+([^\s[>]+)(?:\s+PUBLIC\s+(["'])(.*?)\2)?/i.exec(decl);
  const subsetStart = decl.indexOf('[');
  const subsetEnd = decl.lastIndexOf(']');
  const entities = new Map<string, string>();
  const doctype: Doctype = { name: head?.[1] ?? '', publicId: head?.[3] ?? null, entities };
  if (subsetStart < 0 || subsetEnd < subsetStart) return doctype;
  const subset = decl.slice(subsetStart + 1, subsetEnd);
  if (subset.length > MAX_SUBSET_CHARS) throw new HostileDocument(`the DTD's internal subset is ${subset.length} characters long`);
  const decls = subset.match(/<!ENTITY[\s\S]*?>/gi) ?? [];
  if (decls.length > MAX_ENTITIES) throw new HostileDocument(`the DTD declares ${decls.length} entities`);
  for (const d of decls) {
    const m = /^<!ENTITY\s+(%\s+)?([^\s>]+)\s+(?:(SYSTEM|PUBLIC)\b|(["'])([\s\S]*?)\4)/i.exec(d);
    if (!m) throw new HostileDocument(`unreadable entity declaration ${clipDecl(d)}`);
    if (m[1]) throw new HostileDocument(`parameter entity %${m[2]} declared in the DTD`);
    if (m[3]) throw new HostileDocument(`external entity &${m[2]}; declared in the DTD (${clipDecl(d)}); external entities are never resolved`);
    const value = m[5] ?? '';
    if (/[&%]/.test(value)) throw new HostileDocument(`entity &${m[2]}; expands to other entities (entity expansion is refused)`);
    if (value.length > MAX_ENTITY_CHARS) throw new HostileDocument(`entity &${m[2]}; is ${value.length} characters long`);
    if (!entities.has(m[2] ?? '')) entities.set(m[2] ?? '', value);
  }
  return doctype;
}

function clipDecl(d: string): string {
  const one = d.replace(/\s+/g, ' ');
  return one.length > 120 ? `${one.slice(0, 117)}...` : one;
}
