/**
 * @module adapters/extract/article-html — the main text of an article page, through Mozilla's
 * Readability (the Firefox Reader View algorithm) over a linkedom DOM (no browser, no network).
 *
 * Used by `tradewire analyze page.html` and by feeds with `fullText: true`.
 */
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { TradewireError } from '../../core/errors.js';

export interface ExtractedArticle {
  title: string;
  /** Plain text, paragraphs separated by one blank line. */
  text: string;
  byline: string | null;
  published: string | null;
}

const BLOCK_TAGS = new Set(['P', 'DIV', 'SECTION', 'ARTICLE', 'LI', 'BLOCKQUOTE', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'PRE', 'TR', 'FIGCAPTION']);

/** Throws TradewireError('not_an_article') when the page has no readable main text. */
export function extractArticle(html: string, url?: string): ExtractedArticle {
  const { document } = parseHTML(html);
  if (url) setDocumentUrl(document, url);
  const metaTitle = document.querySelector('title')?.textContent?.trim() ?? '';
  // Readability mutates the DOM it is given; nothing else reads this document afterwards.
  const parsed = new Readability(document as never, { charThreshold: 200 }).parse();
  if (!parsed?.content) {
    throw new TradewireError('not_an_article', `extract: no readable article text${url ? ` in ${url}` : ''}`, { input: url });
  }
  const { document: content } = parseHTML(`<!doctype html><html><body>${parsed.content}</body></html>`);
  const text = blocksToText(content.body as unknown as MiniNode);
  if (!text) throw new TradewireError('not_an_article', `extract: the article body is empty${url ? ` in ${url}` : ''}`, { input: url });
  return {
    title: (parsed.title ?? metaTitle).trim() || metaTitle,
    text,
    byline: parsed.byline?.trim() || null,
    published: parsed.publishedTime?.trim() || null,
  };
}

/** Paragraph-level blocks become paragraphs separated by a blank line; inline whitespace collapses. */
/** The little of the DOM this walk needs (the project compiles without the DOM lib). */
interface MiniNode {
  nodeType: number;
  textContent: string | null;
  tagName?: string;
  childNodes: ArrayLike<MiniNode>;
}

function blocksToText(root: MiniNode): string {
  const paragraphs: string[] = [];
  let current = '';
  const flush = (): void => {
    const p = current.replace(/\s+/g, ' ').trim();
    if (p) paragraphs.push(p);
    current = '';
  };
  const walk = (node: MiniNode): void => {
    if (node.nodeType === 3) {
      current += node.textContent ?? '';
      return;
    }
    if (node.nodeType !== 1) return;
    const tag = node.tagName ?? '';
    if (tag === 'SCRIPT' || tag === 'STYLE') return;
    if (tag === 'BR') {
      current += ' ';
      return;
    }
    const block = BLOCK_TAGS.has(tag);
    if (block) flush();
    for (const child of Array.from(node.childNodes)) walk(child);
    if (block) flush();
  };
  walk(root);
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
