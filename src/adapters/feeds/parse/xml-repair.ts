/**
 * @module adapters/feeds/parse/xml-repair — a lenient, linear, non-recursive pass that turns
 * whatever was served into one well-formed feed element for the strict parser behind rss-parser.
 *
 * Like feedparser's loose mode it recovers what real feeds get wrong — junk or whitespace before
 * the XML declaration, bare `&`, HTML named entities, undeclared entities (kept as literal text),
 * mismatched or unclosed tags, a document cut off mid-way (open elements are closed; an unclosed
 * CDATA section ends at the end of input), markup left unescaped inside `<description>` or Atom
 * `type="xhtml"` content (kept as escaped HTML, so text order survives), an Atom feed wrapped in
 * an XHTML page or written with a namespace prefix. The DOCTYPE is dropped after `readDoctype`
 * has vetted it; elements nested deeper than MAX_DEPTH lose their tags (not their text).
 *
 * Body elements are renamed into a `tw:` vocabulary so rss-parser copies nothing it would run its
 * own regexes over (its snippet regex is quadratic on hostile markup); the mapper reads them raw.
 */
import { decodeHTML } from 'entities';
import { HostileDocument, doctypeEnd, readDoctype, type Doctype } from './doctype.js';

export { HostileDocument };

const ATOM_NS = 'http://www.w3.org/2005/Atom';
const MAX_DEPTH = 256;
const MAX_EXPANSION = 1_000_000;

/** Output names for elements rss-parser must not interpret itself. */
const RENAME: Record<string, string> = {
  description: 'tw:description', 'content:encoded': 'tw:encoded', content: 'tw:content', summary: 'tw:summary',
  published: 'tw:published', updated: 'tw:updated',
};
/** Elements whose content is text or HTML: child markup inside them is kept as escaped text. */
const TEXT_ELEMENTS = new Set([
  'title', 'tw:description', 'tw:encoded', 'tw:content', 'tw:summary', 'subtitle', 'tagline', 'rights', 'copyright',
  'dc:title', 'dc:description', 'itunes:summary', 'itunes:subtitle', 'media:description', 'media:title',
]);

export interface RepairedXml {
  /** The feed element, well-formed, or null when the document holds none. */
  xml: string | null;
  /** The feed element's name (prefix removed for a prefixed Atom feed) and attributes. */
  root: { name: string; attrs: Record<string, string> } | null;
  /** Name of the document's first element (`html` for a web page). */
  documentRoot: string | null;
  doctype: Doctype | null;
  /** `<link rel="alternate" type="application/rss+xml" href>` links seen outside any feed element. */
  alternates: string[];
  /** The input ended inside the feed element. */
  truncated: boolean;
}

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
export function escapeXml(s: string): string {
  return s.replace(/[&<>"]/g, (c) => XML_ESCAPES[c] ?? c);
}

// eslint-disable-next-line no-control-regex
const INVALID_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;
const REF = /&(#[xX][0-9a-fA-F]{1,8};|#[0-9]{1,9};|[A-Za-z_][\w.-]{0,63};)?/g;
const XML_NAMED = new Set(['lt', 'gt', 'amp', 'quot', 'apos']);

function validCodePoint(cp: number): boolean {
  return cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
}

function isFeedRoot(local: string): boolean {
  return local === 'rss' || local === 'feed' || local === 'RDF';
}

function localName(qname: string): string {
  const i = qname.indexOf(':');
  return i < 0 ? qname : qname.slice(i + 1);
}

interface Tag {
  name: string;
  attrs: [string, string][];
  selfClosing: boolean;
  end: number;
}

/** Reads a start tag from `<` at `start`; null when the input ends inside it. */
function readStartTag(s: string, start: number): Tag | null {
  let i = start + 1;
  while (i < s.length && !/[\s/>]/.test(s[i] ?? '')) i++;
  const name = s.slice(start + 1, i);
  const attrs: [string, string][] = [];
  const seen = new Set<string>();
  for (;;) {
    while (i < s.length && /\s/.test(s[i] ?? '')) i++;
    if (i >= s.length) return null;
    const c = s[i];
    if (c === '>') return { name, attrs, selfClosing: false, end: i + 1 };
    if (c === '/' && s[i + 1] === '>') return { name, attrs, selfClosing: true, end: i + 2 };
    if (c === '/' || c === '=' || c === '"' || c === "'" || c === '<') {
      if (c === '<') return { name, attrs, selfClosing: false, end: i };
      i++;
      continue;
    }
    const nameStart = i;
    while (i < s.length && !/[\s=/>]/.test(s[i] ?? '')) i++;
    const attr = s.slice(nameStart, i);
    while (i < s.length && /\s/.test(s[i] ?? '')) i++;
    let value = attr;
    if (s[i] === '=') {
      i++;
      while (i < s.length && /\s/.test(s[i] ?? '')) i++;
      const q = s[i];
      if (q === '"' || q === "'") {
        const close = s.indexOf(q, i + 1);
        if (close < 0) return null;
        value = s.slice(i + 1, close);
        i = close + 1;
      } else {
        const vStart = i;
        while (i < s.length && !/[\s>]/.test(s[i] ?? '')) i++;
        value = s.slice(vStart, i);
      }
    }
    if (/^[A-Za-z_:][\w.:-]*$/.test(attr) && !seen.has(attr)) {
      seen.add(attr);
      attrs.push([attr, value]);
    }
  }
}

export function repairXml(input: string): RepairedXml {
  const s = input;
  const out: string[] = [];
  const stack: string[] = [];
  const result: RepairedXml = { xml: null, root: null, documentRoot: null, doctype: null, alternates: [], truncated: false };
  let entities = new Map<string, string>();
  let expanded = 0;
  let atom = false;
  let prefix = '';
  // rss-parser knows RSS 1.0 only as `rdf:RDF`; another prefix for the RDF namespace is renamed.
  let rdfRoot = '';
  const rootNamespaces = new Map<string, string>();
  let overflow = 0;
  let done = false;
  // Capture: raw markup inside a text element, emitted as escaped text when the element closes.
  let capture: string[] | null = null;
  let captureOwner = '';
  let captureNested = 0;

  const fixText = (t: string): string =>
    t.replace(INVALID_CHARS, '').replace(REF, (m: string, ref: string | undefined) => {
      if (!ref) return '&amp;';
      if (ref.startsWith('#')) {
        const cp = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2, -1), 16) : parseInt(ref.slice(1, -1), 10);
        return validCodePoint(cp) ? m : '';
      }
      const name = ref.slice(0, -1);
      if (XML_NAMED.has(name)) return m;
      const declared = entities.get(name);
      if (declared !== undefined) {
        expanded += declared.length;
        if (expanded > MAX_EXPANSION) throw new HostileDocument('entity references expand to more than 1 MB of text');
        return escapeXml(declared.replace(INVALID_CHARS, ''));
      }
      const decoded = decodeHTML(m);
      if (decoded !== m) return [...decoded].map((ch) => `&#${ch.codePointAt(0)};`).join('');
      return `&amp;${ref}`;
    });

  /** An attribute value as plain text: every reference it can honour decoded, others kept literally. */
  const decodeRefs = (v: string): string =>
    v.replace(INVALID_CHARS, '').replace(REF, (m: string, ref: string | undefined) => {
      if (!ref) return '&';
      if (ref.startsWith('#')) {
        const cp = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2, -1), 16) : parseInt(ref.slice(1, -1), 10);
        return validCodePoint(cp) ? String.fromCodePoint(cp) : '';
      }
      const declared = entities.get(ref.slice(0, -1));
      if (declared !== undefined) return declared;
      return decodeHTML(m);
    });

  const outName = (qname: string): string => {
    if (qname === rdfRoot) return 'rdf:RDF';
    let name = prefix && qname.startsWith(prefix) ? qname.slice(prefix.length) : qname;
    name = RENAME[name] ?? name;
    return name;
  };

  const emitStart = (tag: Tag): void => {
    let name = outName(tag.name);
    let attrs = tag.attrs;
    // An Atom link inside RSS (any prefix bound to the Atom namespace, here or on the root) is read
    // under one name, `atom:link`, as feedparser reads it.
    if (!atom && name !== 'atom:link' && localName(name) === 'link' && name.includes(':')) {
      const p = name.slice(0, name.indexOf(':'));
      if (attrs.some(([k, v]) => k === `xmlns:${p}` && v === ATOM_NS) || rootNamespaces.get(p) === ATOM_NS) name = 'atom:link';
    }
    if (stack.length === 0) {
      attrs = attrs.filter(([k]) => !(prefix && k === `xmlns:${prefix.slice(0, -1)}`) && !(prefix && k === 'xmlns'));
      if (prefix) attrs.push(['xmlns', ATOM_NS]);
      result.root = { name, attrs: Object.fromEntries(attrs) };
      for (const [k, v] of attrs) if (k.startsWith('xmlns:')) rootNamespaces.set(k.slice(6), v);
    }
    // Atom: a link without rel is rel="alternate" (RFC 4287 §4.2.7.2); saying so keeps every link an object.
    if (atom && name === 'link' && !attrs.some(([k]) => k === 'rel')) attrs = [...attrs, ['rel', 'alternate']];
    const text = attrs.map(([k, v]) => ` ${k}="${escapeXml(decodeRefs(v))}"`).join('');
    out.push(`<${name}${text}${tag.selfClosing ? '/' : ''}>`);
    if (!tag.selfClosing) stack.push(name);
  };

  const closeTo = (index: number): void => {
    while (stack.length > index) out.push(`</${stack.pop()}>`);
    if (stack.length === 0) done = true;
  };

  let i = 0;
  while (i < s.length && !done) {
    const lt = s.indexOf('<', i);
    const textEnd = lt < 0 ? s.length : lt;
    if (textEnd > i && stack.length > 0) {
      const text = s.slice(i, textEnd);
      if (capture) capture.push(text);
      else out.push(fixText(text));
    }
    if (lt < 0) break;
    i = lt;
    if (s.startsWith('<!--', i)) {
      const end = s.indexOf('-->', i + 4);
      if (end < 0) {
        result.truncated = stack.length > 0;
        break;
      }
      i = end + 3;
    } else if (s.startsWith('<![CDATA[', i)) {
      const end = s.indexOf(']]>', i + 9);
      const body = s.slice(i + 9, end < 0 ? s.length : end);
      if (stack.length > 0) {
        if (capture) capture.push(body);
        else out.push(`<![CDATA[${body.replace(INVALID_CHARS, '')}]]>`);
      }
      if (end < 0) {
        result.truncated = stack.length > 0;
        break;
      }
      i = end + 3;
    } else if (s.startsWith('<!', i)) {
      const isDoctype = /^<!DOCTYPE/i.test(s.slice(i, i + 9));
      const end = isDoctype ? doctypeEnd(s, i) : s.indexOf('>', i);
      if (end < 0) break;
      if (isDoctype && stack.length === 0 && !result.doctype) {
        result.doctype = readDoctype(s.slice(i, end));
        entities = result.doctype.entities;
      }
      i = isDoctype ? end : end + 1;
    } else if (s.startsWith('<?', i)) {
      const end = s.indexOf('?>', i + 2);
      if (end < 0) break;
      i = end + 2;
    } else if (s[i + 1] === '/') {
      const end = s.indexOf('>', i);
      if (end < 0) {
        result.truncated = stack.length > 0;
        break;
      }
      const name = outName(s.slice(i + 2, end).trim());
      i = end + 1;
      if (stack.length === 0) continue;
      if (capture) {
        if (name === captureOwner && captureNested === 0) {
          out.push(escapeXml(capture.join('').replace(INVALID_CHARS, '')));
          capture = null;
        } else {
          if (name === captureOwner) captureNested--;
          capture.push(s.slice(lt, i));
          continue;
        }
      }
      if (overflow > 0) {
        overflow--;
        continue;
      }
      const at = stack.lastIndexOf(name);
      if (at >= 0) closeTo(at);
    } else if (/[A-Za-z_:\u00c0-\uffff]/.test(s[i + 1] ?? '')) {
      const tag = readStartTag(s, i);
      if (!tag) {
        result.truncated = stack.length > 0;
        break;
      }
      i = tag.end;
      if (capture) {
        if (outName(tag.name) === captureOwner && !tag.selfClosing) captureNested++;
        capture.push(s.slice(lt, i));
        continue;
      }
      if (stack.length === 0) {
        result.documentRoot ??= tag.name;
        if (!beginsFeed(tag, result)) {
          i = skipRawText(s, tag, i);
          continue;
        }
        atom = localName(tag.name) === 'feed';
        prefix = atomPrefix(tag);
        if (localName(tag.name) === 'RDF' && tag.name !== 'rdf:RDF') rdfRoot = tag.name;
      } else if (TEXT_ELEMENTS.has(stack[stack.length - 1] ?? '')) {
        capture = [s.slice(lt, i)];
        captureOwner = stack[stack.length - 1] ?? '';
        captureNested = 0;
        continue;
      } else if (stack.length >= MAX_DEPTH) {
        if (!tag.selfClosing) overflow++;
        continue;
      }
      emitStart(tag);
    } else {
      if (stack.length > 0) {
        if (capture) capture.push('<');
        else out.push('&lt;');
      }
      i += 1;
    }
  }
  if (stack.length > 0) {
    if (capture) out.push(escapeXml(capture.join('').replace(INVALID_CHARS, '')));
    result.truncated = true;
    closeTo(0);
  }
  if (result.root) result.xml = out.join('');
  return result;
}

/** True when `tag` opens the feed; otherwise records autodiscovery links of an HTML page. */
function beginsFeed(tag: Tag, result: RepairedXml): boolean {
  const local = localName(tag.name);
  const attrs = Object.fromEntries(tag.attrs);
  if (isFeedRoot(local)) {
    if (tag.name === result.documentRoot) return true;
    // A feed embedded in another document (an XHTML page around an Atom feed) must say what it is.
    if (local === 'feed') return Object.entries(attrs).some(([k, v]) => k.startsWith('xmlns') && v === ATOM_NS);
    if (local === 'rss') return attrs.version !== undefined;
    return true;
  }
  if (tag.name.toLowerCase() === 'link' && /\balternate\b/i.test(attrs.rel ?? '') && /(rss|atom|feed)\+xml|feed\+json|^application\/json/i.test(attrs.type ?? '') && attrs.href) {
    result.alternates.push(decodeHTML(attrs.href));
  }
  return false;
}

function atomPrefix(tag: Tag): string {
  const i = tag.name.indexOf(':');
  if (i < 0 || localName(tag.name) !== 'feed') return '';
  const p = tag.name.slice(0, i);
  return tag.attrs.some(([k, v]) => k === `xmlns:${p}` && v === ATOM_NS) ? `${p}:` : '';
}

/** Outside the feed, script and style bodies are skipped whole (they may contain "<"). */
function skipRawText(s: string, tag: Tag, from: number): number {
  const name = tag.name.toLowerCase();
  if (tag.selfClosing || (name !== 'script' && name !== 'style')) return from;
  const close = new RegExp(`</${name}`, 'gi');
  close.lastIndex = from;
  const end = close.exec(s);
  return end ? end.index : s.length;
}
