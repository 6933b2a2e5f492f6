/**
 * @module cli/analyze-inputs — turns the files given to `tradewire analyze` into articles: `.json`
 * (an object or an array), `.jsonl` (one per line, streamed), `.txt` (title on the first line),
 * `.html` (main text through Readability), `-` (stdin, format recognised from its first character).
 * Pages and text files are decoded by their charset (BOM, `<meta charset>`, else UTF-8 or detection).
 *
 * Each input yields articles or errors one by one, so a bad line or element is reported and the
 * rest still analysed.
 */
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { extractArticle } from '../adapters/extract/article-html.js';
import { decodeDocument } from '../adapters/feeds/charset.js';
import { decodeHTML } from 'entities';
import { errorMessage, isTradewireError } from '../core/errors.js';
import type { ArticleText } from '../core/types.js';

export interface InputError {
  /** The argument as given (`-` for stdin). */
  source: string;
  /** 1-based line (.jsonl) or 0-based array index (.json), when the problem is in one record. */
  line?: number;
  index?: number;
  code: string;
  message: string;
}

export type InputItem = { ok: true; id: string; article: ArticleText } | { ok: false; error: InputError };

type Format = 'json' | 'jsonl' | 'txt' | 'html';

const EXTENSIONS: Record<string, Format> = { '.json': 'json', '.jsonl': 'jsonl', '.ndjson': 'jsonl', '.txt': 'txt', '.text': 'txt', '.html': 'html', '.htm': 'html' };

/** Articles (or errors) of one command-line argument, in order. */
export async function* readInput(source: string, stdin: Readable): AsyncGenerator<InputItem> {
  const name = source === '-' ? 'stdin' : source;
  if (source !== '-') {
    const format = EXTENSIONS[extname(source).toLowerCase()];
    if (!format) {
      yield fail(source, 'unsupported_input', `${source}: expected a .json, .jsonl, .txt or .html file (or - for stdin)`);
      return;
    }
    if (format === 'jsonl') {
      yield* readJsonLines(source, name, createInterface({ input: createReadStream(source, 'utf8'), crlfDelay: Infinity }));
      return;
    }
    let bytes: Buffer;
    try {
      bytes = await readFile(source);
    } catch (err) {
      yield fail(source, 'unreadable', `${source}: cannot read: ${errorMessage(err)}`);
      return;
    }
    yield* fromText(source, name, format, decode(bytes, format));
    return;
  }
  const bytes = await readAll(stdin);
  const format = sniff(bytes.toString('latin1'));
  yield* fromText(source, name, format, decode(bytes, format));
}

/**
 * Bytes to text. JSON is UTF-8 (RFC 8259). A page or a text file carries its own charset: a byte
 * order mark, a page's `<meta charset>`, else UTF-8 when the bytes are valid UTF-8, else detection
 * (Shift_JIS, EUC-JP, windows-1252 …) — the rules feeds use (adapters/feeds/charset.ts).
 */
function decode(bytes: Buffer, format: Format): string {
  if (format === 'json' || format === 'jsonl') return bytes.toString('utf8');
  return decodeDocument(bytes, { kind: format === 'html' ? 'html' : 'json' }).text;
}

function sniff(text: string): Format {
  const head = text.replace(/^(?:\xEF\xBB\xBF|\xFE\xFF|\xFF\xFE)/, '').trimStart();
  if (head.startsWith('[')) return 'json';
  if (head.startsWith('{')) {
    // one object, or one object per line
    const lines = head.split('\n').filter((l) => l.trim());
    return lines.length > 1 && lines.every((l) => l.trimStart().startsWith('{')) ? 'jsonl' : 'json';
  }
  if (head.startsWith('<')) return 'html';
  return 'txt';
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks);
}

async function* fromText(source: string, name: string, format: Format, text: string): AsyncGenerator<InputItem> {
  switch (format) {
    case 'jsonl':
      yield* readJsonLines(source, name, text.split('\n'));
      return;
    case 'json':
      yield* readJson(source, name, text);
      return;
    case 'txt':
      yield fromPlainText(source, name, text);
      return;
    case 'html':
      yield fromHtml(source, name, text);
      return;
  }
}

async function* readJsonLines(source: string, name: string, lines: AsyncIterable<string> | Iterable<string>): AsyncGenerator<InputItem> {
  let line = 0;
  try {
    for await (const text of lines) {
      line++;
      if (text.trim() === '') continue;
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (err) {
        yield fail(source, 'bad_json', `${source}:${line}: not valid JSON: ${errorMessage(err)}`, { line });
        continue;
      }
      yield toArticle(value, `${name}:${line}`, source, `${source}:${line}`, { line });
    }
  } catch (err) {
    yield fail(source, 'unreadable', `${source}: cannot read: ${errorMessage(err)}`);
  }
}

function* readJson(source: string, name: string, text: string): Generator<InputItem> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    yield fail(source, 'bad_json', `${source}: not valid JSON: ${errorMessage(err)}`);
    return;
  }
  if (!Array.isArray(value)) {
    yield toArticle(value, name, source, source, {});
    return;
  }
  for (let i = 0; i < value.length; i++) yield toArticle(value[i], `${name}[${i}]`, source, `${source}[${i}]`, { index: i });
}

function toArticle(value: unknown, fallbackId: string, source: string, where: string, place: { line?: number; index?: number }): InputItem {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return fail(source, 'not_an_article', `${where}: expected an object {id?, title, body, url?, published?}, found ${describeValue(value)}`, place);
  }
  const o = value as Record<string, unknown>;
  const title = o.title ?? '';
  const body = o.body ?? '';
  if (typeof title !== 'string' || typeof body !== 'string') {
    const key = typeof title !== 'string' ? 'title' : 'body';
    return fail(source, 'not_an_article', `${where}: expected "${key}" to be a string, found ${describeValue(o[key])}`, place);
  }
  if (title.trim() === '' && body.trim() === '') return fail(source, 'not_an_article', `${where}: expected a "title" or a "body", found neither`, place);
  const id = typeof o.id === 'string' || typeof o.id === 'number' ? String(o.id) : fallbackId;
  const article: ArticleText = { id, title, body };
  if (typeof o.url === 'string') article.url = o.url;
  if (typeof o.published === 'string') article.published = o.published;
  return { ok: true, id, article };
}

/** Title on the first line; the rest is the body. Blank lines separate paragraphs, or each line is one. */
function fromPlainText(source: string, name: string, text: string): InputItem {
  const lines = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').split('\n');
  const first = lines.findIndex((l) => l.trim() !== '');
  if (first < 0) return fail(source, 'not_an_article', `${source}: the file is empty`);
  const title = lines[first]!.trim();
  // "[image: ]"-style placeholders left by copy-paste from mail or web pages carry no text
  const rest = lines.slice(first + 1).filter((l) => !/^\s*\[(image|photo|video|picture)[^\]]*\]\s*$/i.test(l));
  const hasBlankLines = /\S\n[ \t]*\n\s*\S/.test(rest.join('\n').trim());
  const paragraphs = hasBlankLines
    ? rest.join('\n').split(/\n[ \t]*\n/).map((p) => p.replace(/\s*\n\s*/g, ' ').trim())
    : joinWrapped(rest.map((l) => l.trim()));
  return { ok: true, id: name, article: { id: name, title, body: paragraphs.filter(Boolean).join('\n\n') } };
}

/**
 * One paragraph per line, except where a line break falls inside a quotation (a quoted phrase
 * wrapped onto the next line): the line goes on with the next one, so the quotation stays whole.
 */
function joinWrapped(lines: string[]): string[] {
  const out: string[] = [];
  for (const line of lines) {
    if (line === '') continue;
    const prev = out[out.length - 1];
    if (prev !== undefined && opensQuotation(prev)) out[out.length - 1] = `${prev} ${line}`;
    else out.push(line);
  }
  return out;
}

/** Whether a line leaves a quotation open: more “ than ”, or an odd number of straight double marks. */
function opensQuotation(line: string): boolean {
  const curlyOpen = line.split('\u201c').length - 1;
  const curlyClose = line.split('\u201d').length - 1;
  const straight = line.split('"').length - 1;
  const japaneseOpen = line.split('\u300c').length - 1;
  const japaneseClose = line.split('\u300d').length - 1;
  return curlyOpen > curlyClose || straight % 2 === 1 || japaneseOpen > japaneseClose;
}

function fromHtml(source: string, name: string, html: string): InputItem {
  try {
    const page = extractArticle(html);
    const article: ArticleText = { id: name, title: page.title, body: withoutHeadline(page.text, [page.title, headline(html)]) };
    if (page.published) article.published = page.published;
    return { ok: true, id: name, article };
  } catch (err) {
    const code = isTradewireError(err) ? err.code : 'not_an_article';
    return fail(source, code, `${source}: ${errorMessage(err)}`);
  }
}

/** The text of a page's first `<h1>`, tags and entities resolved ('' when it has none). */
function headline(html: string): string {
  const m = /<h1\b[^>]*>([\s\S]*?)<\/h1>/i.exec(html);
  return m ? decodeHTML(m[1]!.replace(/<[^>]*>/g, ' ')) : '';
}

/**
 * A page's body without its headline repeated as the first paragraph: the `<h1>` inside the
 * article, which Readability keeps, is the title (often the `<title>` without the site's name).
 */
function withoutHeadline(text: string, titles: string[]): string {
  const norm = (s: string): string => s.replace(/\s+/g, ' ').trim().toLowerCase();
  const cut = text.indexOf('\n\n');
  const first = norm(cut < 0 ? text : text.slice(0, cut));
  if (first === '' || !titles.some((t) => norm(t) === first)) return text;
  return cut < 0 ? '' : text.slice(cut + 2).replace(/^\s+/, '');
}

function fail(source: string, code: string, message: string, place: { line?: number; index?: number } = {}): InputItem {
  return { ok: false, error: { source, ...place, code, message } };
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
