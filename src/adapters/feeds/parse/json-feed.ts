/**
 * @module adapters/feeds/parse/json-feed — JSON Feed 1.0 and 1.1 (https://www.jsonfeed.org/version/1.1/).
 *
 * Titles are plain text by the spec, so they are not entity-decoded (a literal `&amp;` stays);
 * `content_html` is HTML, `content_text` and `summary` plain text. 1.1 `authors` and 1.0 `author`
 * are both read.
 */
import type { FeedFormat } from '../../../core/types.js';
import { parseFeedDate } from '../../../core/feed/dates.js';
import { htmlToText, plainLine, plainToParagraphs } from '../../../core/feed/html-text.js';
import { resolveBase } from '../../../core/feed/url.js';
import type { RawFeed, RawItem } from './rss-atom.js';

type Json = Record<string, unknown>;

export class NotAJsonFeed extends Error {}

function str(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return '';
}

function isObject(v: unknown): v is Json {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function authorOf(item: Json, feed: Json): string | null {
  const lists = [item.authors, item.author ? [item.author] : undefined, feed.authors, feed.author ? [feed.author] : undefined];
  for (const list of lists) {
    if (!Array.isArray(list)) continue;
    const names = list.filter(isObject).map((a) => plainLine(str(a.name))).filter(Boolean);
    if (names.length) return names.join(', ');
  }
  return null;
}

function mapItem(item: Json, feed: Json, base: string | null): RawItem {
  const html = str(item.content_html);
  const body = html ? htmlToText(html) : plainToParagraphs(str(item.content_text) || str(item.summary));
  const id = plainLine(str(item.id));
  return {
    guid: id || null,
    link: str(item.url).trim() || str(item.external_url).trim() || null,
    base,
    title: plainLine(str(item.title)),
    body,
    author: authorOf(item, feed),
    published: parseFeedDate(str(item.date_published)) ?? parseFeedDate(str(item.date_modified)),
  };
}

/** Parses a decoded JSON document; throws NotAJsonFeed for JSON that is not a JSON Feed. */
export function parseJsonFeed(doc: unknown, documentUrl: string | null): RawFeed {
  if (!isObject(doc)) throw new NotAJsonFeed('JSON that is not a JSON Feed (no top-level object)');
  const version = str(doc.version);
  const m = /^https?:\/\/(?:www\.)?jsonfeed\.org\/version\/(1(?:\.\d+)?)\/?$/.exec(version.trim());
  if (!m) throw new NotAJsonFeed(`JSON that is not a JSON Feed (version ${JSON.stringify(version || null)})`);
  const format: FeedFormat = m[1] === '1' ? 'json1' : 'json11';
  const items = Array.isArray(doc.items) ? doc.items.filter(isObject) : [];
  const base = resolveBase(documentUrl, []);
  const ttl = null;
  return {
    format,
    title: plainLine(str(doc.title)),
    link: str(doc.home_page_url).trim() || null,
    base,
    ttlMinutes: ttl,
    items: items.map((item) => mapItem(item, doc, base)),
  };
}
