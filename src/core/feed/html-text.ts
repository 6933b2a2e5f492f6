/**
 * @module core/feed/html-text — feed HTML to plain text: tags stripped, entities decoded, block
 * elements turned into paragraphs separated by one blank line (`\n\n`), as `ArticleText.body` wants.
 */
import { decodeHTML } from 'entities';

/** Elements whose start or end begins a new paragraph. */
const BLOCK = new Set([
  'p', 'div', 'section', 'article', 'header', 'footer', 'aside', 'main', 'nav', 'li', 'ul', 'ol', 'dl', 'dt', 'dd',
  'blockquote', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'pre', 'table', 'thead', 'tbody', 'tr', 'figure', 'figcaption',
  'hr', 'address', 'center', 'form', 'fieldset', 'details', 'summary',
]);
/** Elements whose content is never text. */
const SKIP = new Set(['script', 'style', 'noscript', 'template', 'iframe', 'object', 'svg', 'math', 'head', 'select', 'button']);

// `[^<>]` keeps every attempt from running past the next "<": linear even on "<p<p<p…" without ">".
const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9:-]*)\b[^<>]*?(\/?)>|<!--[\s\S]*?(?:-->|$)|<![^<>]*>|<\?[^<>]*>/g;

/** Feed text that contains markup (a closing tag, a break, an image) or a character reference. */
export function looksLikeHtml(text: string): boolean {
  return /<\/[a-zA-Z][a-zA-Z0-9]*\s*>|<(?:br|img|hr|p|a\s)[^<>]*>|&(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]*);/.test(text);
}

function collapse(text: string): string {
  return text.replace(/[\s\u200b\ufeff]+/g, ' ').trim();
}

/** Strips C0/C1 control characters that XML or HTML may smuggle in (keeps tab/newline). */
function dropControls(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g, '');
}

/**
 * HTML fragment → paragraphs. Text without any tag keeps its own blank-line paragraphs. Never
 * recursive (a hostile fragment cannot exhaust the stack) and linear in the input.
 */
export function htmlToText(html: string): string {
  if (!html) return '';
  if (!/<[a-zA-Z/!?]/.test(html)) return plainToParagraphs(decodeHTML(html));
  const paragraphs: string[] = [];
  let current = '';
  let skipDepth = 0;
  let skipTag = '';
  let breaks = 0;
  const flush = (): void => {
    const p = collapse(dropControls(current));
    if (p) paragraphs.push(p);
    current = '';
    breaks = 0;
  };
  let last = 0;
  TAG.lastIndex = 0;
  for (let m = TAG.exec(html); m; m = TAG.exec(html)) {
    const text = html.slice(last, m.index);
    last = TAG.lastIndex;
    if (skipDepth === 0 && text) {
      if (/\S/.test(text)) breaks = 0;
      current += decodeHTML(text);
    }
    const name = m[2]?.toLowerCase();
    if (!name) continue; // comment, doctype, processing instruction
    const closing = m[1] === '/';
    if (skipDepth > 0) {
      if (name === skipTag) skipDepth += closing ? -1 : m[3] ? 0 : 1;
      continue;
    }
    if (SKIP.has(name) && !closing && !m[3]) {
      skipDepth = 1;
      skipTag = name;
      continue;
    }
    if (name === 'br') {
      // One <br> is a line break inside a paragraph; two in a row end the paragraph.
      breaks += 1;
      if (breaks >= 2) flush();
      else current += ' ';
      continue;
    }
    if (BLOCK.has(name)) flush();
    else if (name === 'td' || name === 'th') current += ' ';
  }
  if (skipDepth === 0) current += decodeHTML(html.slice(last));
  flush();
  return paragraphs.join('\n\n');
}

/** Plain text → paragraphs: blank lines separate paragraphs, other whitespace collapses. */
export function plainToParagraphs(text: string): string {
  return dropControls(text)
    .split(/\n[ \t\u00a0]*\n\s*/)
    .map(collapse)
    .filter(Boolean)
    .join('\n\n');
}

/** One line of plain text from HTML (titles): tags stripped, entities decoded, whitespace collapsed. */
export function htmlToLine(html: string): string {
  return collapse(htmlToText(html).replace(/\n\n/g, ' '));
}

/** One line of plain text from text that is already plain (whitespace collapsed, controls dropped). */
export function plainLine(text: string): string {
  return collapse(dropControls(text));
}

/** Cuts text to at most `max` characters on a word boundary when one is near, adding "…". */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > max * 0.8 ? cut.slice(0, space) : cut}…`;
}
