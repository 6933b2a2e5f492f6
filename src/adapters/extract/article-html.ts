/**
 * @module adapters/extract/article-html — the main text of an article page, through Mozilla's
 * Readability (the Firefox Reader View algorithm) over a linkedom DOM (no browser, no network).
 *
 * Used by `tradewire analyze page.html` and by feeds with `fullText: true`. When Readability finds
 * no article (pages that render their text from script), the page's schema.org JSON-LD
 * `articleBody` — which news sites publish for search engines — is used instead.
 */
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { TradewireError } from '../../core/errors.js';
import { plainToParagraphs } from '../../core/feed/html-text.js';

export interface ExtractedArticle {
  title: string;
  /** Plain text, paragraphs separated by one blank line. */
  text: string;
  byline: string | null;
  published: string | null;
}

const BLOCK_TAGS = new Set([
  'P', 'DIV', 'SECTION', 'ARTICLE', 'LI', 'BLOCKQUOTE', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'PRE', 'TR', 'FIGCAPTION',
  'UL', 'OL', 'TABLE', 'FIGURE', 'HEADER', 'FOOTER', 'DD', 'DT', 'HR',
]);
const SKIP_TAGS = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'BUTTON', 'FORM']);
/** Shorter than this, Readability's text is not trusted over the page's JSON-LD articleBody. */
const MIN_ARTICLE_CHARS = 200;

/** The little of the DOM these walks need (the project compiles without the DOM lib). */
interface MiniNode {
  nodeType: number;
  textContent: string | null;
  tagName?: string;
  childNodes: ArrayLike<MiniNode>;
  getAttribute?(name: string): string | null;
}

interface MiniDocument {
  querySelector(sel: string): MiniNode | null;
  querySelectorAll(sel: string): ArrayLike<MiniNode>;
}

/**
 * Readability's time grows steeply with nesting depth (seconds at a few hundred levels, minutes
 * beyond); real article pages nest 20–60 deep. Deeper pages skip it (JSON-LD can still answer).
 */
const MAX_READABLE_DEPTH = 120;
/** Fewer characters than this is a stub ("Home", a cookie notice), not an article. */
const MIN_TEXT_CHARS = 80;

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
const SELF_CLOSING_PEERS = new Set(['p', 'li', 'dt', 'dd', 'tr', 'td', 'th', 'option']);

/** Element nesting depth of an HTML page, with HTML's optional end tags allowed for; linear. */
export function htmlDepth(html: string): number {
  const stack: string[] = [];
  let max = 0;
  const tag = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)[^<>]*?(\/?)>|<!--[\s\S]*?-->/g;
  for (let m = tag.exec(html); m; m = tag.exec(html)) {
    const name = m[2]?.toLowerCase();
    if (!name || VOID.has(name) || m[3]) continue;
    if (m[1]) {
      const at = stack.lastIndexOf(name);
      if (at >= 0 && stack.length - at <= 64) stack.length = at;
      continue;
    }
    if (SELF_CLOSING_PEERS.has(name) && stack[stack.length - 1] === name) stack.pop();
    stack.push(name);
    if (stack.length > max) max = stack.length;
    if (name === 'script' || name === 'style') {
      const close = new RegExp(`</${name}`, 'gi');
      close.lastIndex = tag.lastIndex;
      const end = close.exec(html);
      tag.lastIndex = end ? end.index : html.length;
    }
  }
  return max;
}

/** Throws TradewireError('not_an_article') when the page has no readable main text. */
export function extractArticle(html: string, url?: string): ExtractedArticle {
  const { document } = parseHTML(html);
  if (url) setDocumentUrl(document, url);
  const doc = document as unknown as MiniDocument;
  const metaTitle = doc.querySelector('title')?.textContent?.trim() ?? '';
  // Read before Readability runs: it mutates the DOM it is given (and drops scripts).
  const ld = jsonLdArticle(doc);
  const readable = htmlDepth(html) <= MAX_READABLE_DEPTH;
  const parsed = readable ? new Readability(document as never, { charThreshold: MIN_ARTICLE_CHARS }).parse() : null;
  let text = '';
  if (parsed?.content) {
    const { document: content } = parseHTML(`<!doctype html><html><body>${parsed.content}</body></html>`);
    text = blocksToText(content.body as unknown as MiniNode);
  }
  if (text.length < MIN_ARTICLE_CHARS && ld?.body && ld.body.length > text.length) text = ld.body;
  if (text.length < MIN_TEXT_CHARS) {
    const why = readable ? 'no readable article text' : `no article text found without Readability (the page nests more than ${MAX_READABLE_DEPTH} levels deep)`;
    throw new TradewireError('not_an_article', `extract: ${why}${url ? ` in ${url}` : ''}`, { input: url });
  }
  return {
    title: (parsed?.title ?? ld?.headline ?? metaTitle).trim() || metaTitle,
    text,
    byline: parsed?.byline?.trim() || ld?.author || null,
    published: parsed?.publishedTime?.trim() || ld?.published || null,
  };
}

interface LdArticle {
  headline: string | null;
  body: string | null;
  author: string | null;
  published: string | null;
}

const ARTICLE_TYPES = /^(NewsArticle|Article|ReportageNewsArticle|AnalysisNewsArticle|BlogPosting|WebPage|Report)$/;

/** The first schema.org Article in the page's JSON-LD blocks (nested in arrays or @graph). */
function jsonLdArticle(doc: MiniDocument): LdArticle | null {
  const scripts = Array.from(doc.querySelectorAll('script[type="application/ld+json"]'));
  for (const script of scripts) {
    let data: unknown;
    try {
      data = JSON.parse(script.textContent ?? '');
    } catch {
      continue;
    }
    const pending: unknown[] = [data];
    for (let guard = 0; pending.length && guard < 200; guard++) {
      const node = pending.shift();
      if (Array.isArray(node)) pending.push(...node);
      else if (node && typeof node === 'object') {
        const o = node as Record<string, unknown>;
        if (Array.isArray(o['@graph'])) pending.push(...o['@graph']);
        const types = ([] as unknown[]).concat(o['@type'] ?? []);
        if (types.some((t) => typeof t === 'string' && ARTICLE_TYPES.test(t)) && typeof o.articleBody === 'string') {
          return {
            headline: typeof o.headline === 'string' ? o.headline : null,
            body: plainToParagraphs(o.articleBody) || null,
            author: ldName(o.author),
            published: typeof o.datePublished === 'string' ? o.datePublished : null,
          };
        }
      }
    }
  }
  return null;
}

function ldName(author: unknown): string | null {
  const list = ([] as unknown[]).concat(author ?? []);
  const names = list
    .map((a) => (typeof a === 'string' ? a : a && typeof a === 'object' ? (a as { name?: unknown }).name : null))
    .filter((n): n is string => typeof n === 'string' && n.trim() !== '');
  return names.length ? names.join(', ') : null;
}

/**
 * Paragraph-level blocks become paragraphs separated by a blank line; inline whitespace collapses.
 * Iterative (an explicit stack), so a page nested tens of thousands of levels deep cannot overflow.
 */
function blocksToText(root: MiniNode): string {
  const paragraphs: string[] = [];
  let current = '';
  const flush = (): void => {
    const p = current.replace(/\s+/g, ' ').trim();
    if (p) paragraphs.push(p);
    current = '';
  };
  // Entries are nodes to visit, or `null` markers for "a block element ends here".
  const stack: (MiniNode | null)[] = [root];
  while (stack.length) {
    const node = stack.pop();
    if (node === null) {
      flush();
      continue;
    }
    if (!node) continue;
    if (node.nodeType === 3) {
      current += node.textContent ?? '';
      continue;
    }
    if (node.nodeType !== 1) continue;
    const tag = node.tagName ?? '';
    if (SKIP_TAGS.has(tag)) continue;
    if (tag === 'BR') {
      current += ' ';
      continue;
    }
    const block = BLOCK_TAGS.has(tag);
    if (block) {
      flush();
      stack.push(null);
    }
    const children = Array.from(node.childNodes);
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i] as MiniNode);
  }
  flush();
  return paragraphs.join('\n\n');
}

function setDocumentUrl(document: unknown, url: string): void {
  // Readability resolves relative links against documentURI/baseURI; linkedom leaves them empty.
  try {
    Object.defineProperty(document, 'documentURI', { value: url, configurable: true });
    Object.defineProperty(document, 'baseURI', { value: url, configurable: true });
  } catch {
    // a read-only property on some DOM builds: relative links then stay relative, which is harmless
  }
}
