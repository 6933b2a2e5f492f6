/**
 * @module adapters/feeds/parse/rss-atom — RSS 0.9x / 1.0 (RDF) / 2.0 and Atom through rss-parser,
 * then normalised into FeedItems.
 *
 * rss-parser (over xml2js/sax, which never fetch anything) builds the structure and picks the
 * format; the fields that need attributes (xml:base, Atom `type`, `rel`, `isPermaLink`) are read
 * raw through its `customFields`, and the normalising is core/feed's.
 */
import Parser from 'rss-parser';
import type { FeedFormat } from '../../../core/types.js';
import { parseFeedDate } from '../../../core/feed/dates.js';
import { htmlToLine, htmlToText, looksLikeHtml, plainLine, plainToParagraphs } from '../../../core/feed/html-text.js';
import { resolveBase } from '../../../core/feed/url.js';
import { all, attr, first, textOf, type XmlNode } from './xml-nodes.js';

const ATOM_NS = 'http://www.w3.org/2005/Atom';
const RSS090_NS = 'http://my.netscape.com/rdf/simple/0.9/';

/** An item before feed-level URL canonicalisation. */
export interface RawItem {
  guid: string | null;
  link: string | null;
  /** The base the link resolves against (document URL + xml:base chain), or null. */
  base: string | null;
  title: string;
  body: string;
  author: string | null;
  published: string | null;
}

export interface RawFeed {
  format: FeedFormat;
  title: string;
  link: string | null;
  base: string | null;
  ttlMinutes: number | null;
  items: RawItem[];
}

const raw = (from: string, to: string): [string, string, { keepArray: true }] => [from, to, { keepArray: true }];

const ITEM_FIELDS = [
  raw('$', 'twAttrs'), raw('link', 'twLink'), raw('guid', 'twGuid'), raw('id', 'twId'), raw('title', 'twTitle'),
  raw('tw:description', 'twDescription'), raw('tw:encoded', 'twEncoded'), raw('tw:content', 'twContent'),
  raw('tw:summary', 'twSummary'), raw('tw:published', 'twPublished'), raw('tw:updated', 'twUpdated'),
  raw('pubDate', 'twPubDate'), raw('dc:date', 'twDcDate'), raw('issued', 'twIssued'), raw('modified', 'twModified'),
  raw('created', 'twCreated'), raw('author', 'twAuthor'), raw('dc:creator', 'twCreator'), raw('itunes:author', 'twItunesAuthor'), raw('source', 'twSource'),
  raw('dc:title', 'twDcTitle'), raw('atom:link', 'twAtomLink'),
  raw('item', 'twNested'), raw('entry', 'twNested'),
];
const FEED_FIELDS = [raw('$', 'twAttrs'), raw('title', 'twTitle'), raw('link', 'twLink'), raw('ttl', 'twTtl'), raw('author', 'twAuthor')];

type Raw = Record<string, unknown>;

function detectFormat(rootName: string, rootAttrs: Record<string, string>): FeedFormat {
  if (rootName === 'feed') return rootAttrs.xmlns === ATOM_NS ? 'atom10' : 'atom';
  if (rootName === 'rdf:RDF') return rootAttrs.xmlns === RSS090_NS ? 'rss090' : 'rss10';
  const v = (rootAttrs.version ?? '').trim();
  if (/^2(\.0(\.\d+)?)?$/.test(v)) return 'rss20';
  if (v === '0.91') return 'rss091';
  if (v === '0.92') return 'rss092';
  if (v === '0.90' || v === '0.9') return 'rss090';
  return 'rss';
}

/** Atom text constructs: `text` (default) is plain; `html` and `xhtml` are markup. */
function atomText(node: XmlNode | undefined, asBody: boolean): string {
  const type = (attr(node, 'type') ?? 'text').toLowerCase();
  const value = textOf(node);
  const markup = type === 'html' || type === 'xhtml' || type.includes('html');
  if (asBody) return markup ? htmlToText(value) : plainToParagraphs(value);
  return markup ? htmlToLine(value) : plainLine(value);
}

/** RSS gives no type: text that looks like HTML is HTML (feedparser's `lookslikehtml`). */
function rssLine(value: string): string {
  return looksLikeHtml(value) ? htmlToLine(value) : plainLine(value);
}

function personName(node: XmlNode | undefined): string | null {
  if (node === undefined) return null;
  const name = typeof node === 'object' && node.name !== undefined ? textOf(first(node.name)) : textOf(node);
  const text = plainLine(name);
  if (!text) return null;
  // RSS 2.0 `author` is an e-mail address, often "jane@example.org (Jane Doe)".
  const inParens = /^\S+@\S+\s*\(([^)]+)\)$/.exec(text);
  if (inParens?.[1]) return inParens[1].trim();
  const withAddress = /^(.+?)\s*<[^>]+@[^>]+>$/.exec(text);
  return withAddress?.[1]?.trim() || text;
}

function firstAuthor(...lists: unknown[]): string | null {
  for (const list of lists) {
    const names = all(list).map(personName).filter((n): n is string => !!n);
    if (names.length) return names.join(', ');
  }
  return null;
}

function firstDate(...lists: unknown[]): string | null {
  for (const list of lists) {
    for (const node of all(list)) {
      const d = parseFeedDate(textOf(node));
      if (d) return d;
    }
  }
  return null;
}

function atomLink(links: unknown): { href: string; base: string | undefined } | null {
  const nodes = all(links).filter((n) => attr(n, 'href'));
  const alternate = nodes.find((n) => (attr(n, 'rel') ?? 'alternate').trim().toLowerCase() === 'alternate');
  return alternate ? { href: attr(alternate, 'href') ?? '', base: attr(alternate, 'xml:base') } : null;
}

function rssLink(item: Raw): { href: string; base: string | undefined } | null {
  for (const node of all(item.twLink)) {
    const href = textOf(node).trim() || attr(node, 'href');
    if (href) return { href, base: attr(node, 'xml:base') };
  }
  const alternate = atomLink(item.twAtomLink);
  if (alternate) return alternate;
  // No <link>: a guid that is a permalink (the RSS 2.0 default) is the link, as feedparser reads it.
  const guid = first(item.twGuid);
  const text = textOf(guid).trim();
  if (text && (attr(guid, 'isPermaLink') ?? 'true').trim().toLowerCase() !== 'false') return { href: text, base: attr(guid, 'xml:base') };
  return null;
}

/**
 * Aggregators (Google News) append the outlet to every title ("Yen slides - Reuters") and name it
 * in `<source>`; the suffix is dropped so the same story from two aggregations reads the same.
 */
function withoutSourceSuffix(title: string, source: string): string {
  const outlet = plainLine(source);
  const suffix = ` - ${outlet}`;
  return outlet && title.endsWith(suffix) && title.length > suffix.length ? title.slice(0, -suffix.length).trim() : title;
}

function bodyOf(item: Raw, isAtom: boolean): string {
  const encoded = htmlToText(textOf(first(item.twEncoded)));
  if (encoded) return encoded;
  const content = first(item.twContent);
  if (content !== undefined && !attr(content, 'src')) {
    const text = isAtom ? atomText(content, true) : htmlToText(textOf(content));
    if (text) return text;
  }
  const description = htmlToText(textOf(first(item.twDescription)));
  if (description) return description;
  const summary = first(item.twSummary);
  return isAtom ? atomText(summary, true) : htmlToText(textOf(summary));
}

function mapItem(item: Raw, isAtom: boolean, feedBase: string | null, feedAuthor: string | null): RawItem {
  const attrs = (item.twAttrs ?? {}) as Record<string, string>;
  const itemBase = resolveBase(feedBase, [attrs['xml:base']]);
  const link = isAtom ? atomLink(item.twLink) : rssLink(item);
  const titleNode = first(item.twTitle) ?? first(item.twDcTitle);
  const guid = plainLine(textOf(first(isAtom ? item.twId : item.twGuid))) || plainLine(attrs['rdf:about'] ?? '') || null;
  return {
    guid,
    link: link?.href.trim() || null,
    base: resolveBase(itemBase, [link?.base]),
    title: isAtom ? atomText(titleNode, false) : withoutSourceSuffix(rssLine(textOf(titleNode)), textOf(first(item.twSource))),
    body: bodyOf(item, isAtom),
    author: firstAuthor(item.twAuthor, item.twCreator, item.twItunesAuthor) ?? feedAuthor,
    published: isAtom
      ? firstDate(item.twPublished, item.twIssued, item.twCreated, item.twUpdated, item.twModified, item.twDcDate)
      : firstDate(item.twPubDate, item.twDcDate, item.twPublished, item.twUpdated),
  };
}

/** A raw xml2js item node in the shape rss-parser's customFields give (same names). */
function fieldsOf(node: Raw): Raw {
  return Object.fromEntries(ITEM_FIELDS.map(([from, to]) => [to, node[from]]));
}

/**
 * Items nested inside items (invalid, but served) count as items of their own, after their
 * parent, as feedparser reads them. Iterative, so nesting depth costs no stack.
 */
function flatten(items: Raw[]): Raw[] {
  const out: Raw[] = [];
  const pending = [...items].reverse();
  while (pending.length) {
    const item = pending.pop() as Raw;
    out.push(item);
    const nested = all(item.twNested).map((n) => (typeof n === 'string' ? {} : fieldsOf(n as Raw)));
    for (let i = nested.length - 1; i >= 0; i--) pending.push(nested[i] as Raw);
  }
  return out;
}

/** Parses the repaired feed element. Throws (caller classifies) when rss-parser cannot map it. */
export async function parseRssAtom(
  xml: string,
  root: { name: string; attrs: Record<string, string> },
  documentUrl: string | null,
): Promise<RawFeed> {
  // rss-parser reads `channel[0]` unguarded; a channel-less RSS document is an empty feed, not a crash.
  if (root.name !== 'feed' && !/<channel[\s>/]/.test(xml)) xml = xml.replace(/^(<[^>]*?)(\/?)>/, (_m, open: string, self: string) => (self ? `${open}><channel/></${root.name}>` : `${open}><channel/>`));
  const parser = new Parser({ customFields: { item: ITEM_FIELDS, feed: FEED_FIELDS }, defaultRSS: 2 } as never);
  const parsed = (await parser.parseString(xml)) as unknown as Raw & { items: Raw[] };
  const format = detectFormat(root.name, root.attrs);
  const isAtom = root.name === 'feed';
  const channelAttrs = (parsed.twAttrs ?? {}) as Record<string, string>;
  const feedBase = resolveBase(documentUrl, isAtom ? [root.attrs['xml:base']] : [root.attrs['xml:base'], channelAttrs['xml:base']]);
  const titleNode = first(parsed.twTitle);
  const feedLink = isAtom ? atomLink(parsed.twLink) : rssLink({ twLink: parsed.twLink });
  const ttl = Number.parseInt(textOf(first(parsed.twTtl)), 10);
  const feedAuthor = isAtom ? firstAuthor(parsed.twAuthor) : null;
  return {
    format,
    title: isAtom ? atomText(titleNode, false) : rssLine(textOf(titleNode)),
    link: feedLink?.href ?? null,
    base: feedBase,
    ttlMinutes: Number.isFinite(ttl) && ttl > 0 ? ttl : null,
    items: flatten(parsed.items ?? []).map((item) => mapItem(item, isAtom, feedBase, feedAuthor)),
  };
}

