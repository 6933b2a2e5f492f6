/**
 * @module adapters/feeds/parse — bytes in, a ParsedFeed (or a per-feed error) out. No network:
 * the fetcher hands it the body and the final URL; tests and `tradewire parse FILE` hand it a file.
 *
 * Never throws for what a document contains: every problem comes back as a FetchError with one of
 * `empty`, `too-large`, `not-a-feed`, `parse` or `hostile`.
 */
import type { FetchError } from '../../../ports.js';
import type { FeedItem, ParsedFeed } from '../../../core/types.js';
import { canonicalUrl, canonicalUrls, resolveReference } from '../../../core/feed/url.js';
import { clip } from '../../../core/feed/html-text.js';
import { errorMessage } from '../../../core/errors.js';
import { decodeDocument } from '../charset.js';
import { HostileDocument, repairXml, type RepairedXml } from './xml-repair.js';
import { parseRssAtom, type RawFeed } from './rss-atom.js';
import { NotAJsonFeed, parseJsonFeed } from './json-feed.js';

export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;
/** Longest title and body kept per item: enough for any real story, bounded for hostile ones. */
export const MAX_TITLE_CHARS = 1_000;
export const MAX_BODY_CHARS = 200_000;

export interface ParseOptions {
  /** The document's URL (after redirects): relative links resolve against it. Null for a file. */
  baseUrl?: string | null;
  /** The HTTP Content-Type header, for its charset. */
  contentType?: string | null;
  /** Refuse bodies larger than this (default 10 MB). */
  maxBytes?: number;
}

export type ParseResult =
  | { ok: true; feed: ParsedFeed; encoding: string }
  | { ok: false; error: FetchError };

function fail(code: FetchError['code'], message: string): ParseResult {
  return { ok: false, error: { code, message } };
}

function looksBinary(text: string): boolean {
  const sample = text.slice(0, 1024);
  // eslint-disable-next-line no-control-regex
  const controls = sample.match(/[\u0000-\u0008\u000e-\u001f\ufffd]/g)?.length ?? 0;
  return controls > Math.max(4, sample.length / 20);
}

function notAFeed(repaired: RepairedXml, baseUrl: string | null): ParseResult {
  const root = repaired.documentRoot;
  const html = root?.toLowerCase() === 'html' || repaired.doctype?.name.toLowerCase() === 'html';
  if (html) {
    const found = repaired.alternates.map((href) => resolveReference(href, baseUrl));
    const hint = found.length ? `; the page links a feed at ${found[0]}` : '';
    return fail('not-a-feed', `an HTML page, not a feed${hint}`);
  }
  if (!root) return fail('not-a-feed', 'no XML element found: not a feed');
  return fail('not-a-feed', `an XML document with root <${root}>, not RSS or Atom`);
}

function toParsedFeed(raw: RawFeed): ParsedFeed {
  const urls = canonicalUrls(
    raw.items.map((i) => i.link),
    raw.items.map((i) => i.base),
  );
  const items: FeedItem[] = raw.items.map((item, i) => ({
    guid: item.guid ? clip(item.guid, 2_000) : null,
    url: urls[i] ?? null,
    title: clip(item.title, MAX_TITLE_CHARS),
    body: clip(item.body, MAX_BODY_CHARS),
    author: item.author ? clip(item.author, 200) : null,
    published: item.published,
  }));
  return {
    format: raw.format,
    title: clip(raw.title, MAX_TITLE_CHARS),
    link: canonicalUrl(raw.link, raw.base),
    items,
    ttlMinutes: raw.ttlMinutes,
  };
}

export async function parseFeed(bytes: Uint8Array, options: ParseOptions = {}): Promise<ParseResult> {
  const baseUrl = options.baseUrl ?? null;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (bytes.length === 0) return fail('empty', 'the body is empty (0 bytes)');
  if (bytes.length > maxBytes) return fail('too-large', `the document is ${bytes.length} bytes, over the ${maxBytes}-byte limit`);
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    return fail('not-a-feed', 'gzip-compressed bytes, not a feed (compressed without a Content-Encoding header)');
  }
  const decoded = decodeDocument(bytes, { contentType: options.contentType ?? null, kind: 'xml' });
  const text = decoded.text.replace(/^[\s\ufeff]+/, '');
  if (!text) return fail('empty', 'the body holds only whitespace');

  if (text[0] === '{' || text[0] === '[') {
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch (err) {
      return fail('parse', `invalid JSON: ${errorMessage(err)}`);
    }
    try {
      return { ok: true, feed: toParsedFeed(parseJsonFeed(doc, baseUrl)), encoding: decoded.encoding };
    } catch (err) {
      if (err instanceof NotAJsonFeed) return fail('not-a-feed', err.message);
      return fail('parse', `JSON Feed: ${errorMessage(err)}`);
    }
  }
  if (looksBinary(text) || !text.slice(0, 4096).includes('<')) return fail('not-a-feed', 'binary or plain-text data, not a feed');

  let repaired: RepairedXml;
  try {
    repaired = repairXml(text);
  } catch (err) {
    if (err instanceof HostileDocument) return fail('hostile', `refused: ${err.message}`);
    return fail('parse', `unreadable XML: ${errorMessage(err)}`);
  }
  if (!repaired.xml || !repaired.root) return notAFeed(repaired, baseUrl);
  try {
    const raw = await parseRssAtom(repaired.xml, repaired.root, baseUrl);
    return { ok: true, feed: toParsedFeed(raw), encoding: decoded.encoding };
  } catch (err) {
    return fail('parse', `not a readable ${repaired.root.name} feed: ${errorMessage(err).split('\n')[0]}`);
  }
}
