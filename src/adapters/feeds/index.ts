/**
 * @module adapters/feeds — the FeedSource adapter (HTTP fetch + SSRF guard + parsing) and the pure
 * byte parser it uses.
 */
export { createHttpFeedSource, DEFAULT_MAX_ITEMS, DEFAULT_USER_AGENT, newestItems, type HttpFeedSource, type HttpFeedSourceOptions } from './http-source.js';
export { parseFeed, type ParseOptions, type ParseResult } from './parse/index.js';
export { checkAddress, type DnsLookup } from './ssrf.js';
