/**
 * @module adapters/feeds/classify — every way a fetch can fail, mapped once, here, to the closed
 * set of FetchErrorCode (miniflux's `response_handler.go` idea). Everything downstream switches on
 * the code; the message says what happened in words a person can act on.
 */
import type { FetchError, FetchErrorCode } from '../../ports.js';
import { errorMessage } from '../../core/errors.js';
import { BlockedAddressError } from './ssrf.js';

/** A failure already classified where it was detected (status, size, redirects, scheme). */
export class FetchFailure extends Error {
  constructor(
    readonly code: FetchErrorCode,
    message: string,
    readonly status: number | null = null,
  ) {
    super(message);
    this.name = 'FetchFailure';
  }
}

const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT', 'ETIMEDOUT', 'ESOCKETTIMEDOUT']);
const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NONAME', 'EAI_NODATA', 'ENODATA']);
const TLS_CODE = /^(ERR_TLS|ERR_SSL|CERT_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED|ERR_OSSL|HOSTNAME_MISMATCH|ERR_TLS_CERT)/;
const ZLIB_CODE = /^Z_|^ERR_ZLIB/;

function causes(err: unknown): unknown[] {
  const chain: unknown[] = [];
  let cur: unknown = err;
  while (cur && chain.length < 8 && !chain.includes(cur)) {
    chain.push(cur);
    if (cur instanceof AggregateError) chain.push(...cur.errors);
    cur = (cur as { cause?: unknown }).cause;
  }
  return chain;
}

function codeOf(err: unknown): string {
  const code = (err as { code?: unknown })?.code;
  return typeof code === 'string' ? code : '';
}

function nameOf(err: unknown): string {
  return err instanceof Error ? err.name : '';
}

/** The one mapping from anything thrown during a fetch to a FetchError. `timeoutMs` names the limit. */
export function classifyFetchError(err: unknown, context: { url: string; timeoutMs: number }): FetchError & { status: number | null } {
  const chain = causes(err);
  const failure = chain.find((e): e is FetchFailure => e instanceof FetchFailure);
  if (failure) return { code: failure.code, message: failure.message, status: failure.status };
  const blocked = chain.find((e): e is BlockedAddressError => e instanceof BlockedAddressError);
  if (blocked) return { code: 'blocked-address', message: blocked.message, status: null };
  const host = safeHost(context.url);
  for (const e of chain) {
    const code = codeOf(e);
    const name = nameOf(e);
    if (TIMEOUT_CODES.has(code) || name === 'TimeoutError') {
      return { code: 'timeout', message: `no complete answer from ${host} within ${context.timeoutMs} ms`, status: null };
    }
    if (DNS_CODES.has(code)) return { code: 'dns', message: `the host name ${host} did not resolve (${code})`, status: null };
    if (TLS_CODE.test(code)) return { code: 'tls', message: `TLS failure with ${host}: ${errorMessage(e)}`, status: null };
    if (ZLIB_CODE.test(code)) return { code: 'parse', message: `the compressed body from ${host} could not be decompressed: ${errorMessage(e)}`, status: null };
  }
  const root = chain[chain.length - 1] ?? err;
  const code = chain.map(codeOf).find(Boolean) ?? '';
  if (nameOf(err) === 'AbortError') return { code: 'network', message: `the fetch of ${host} was cancelled`, status: null };
  return { code: 'network', message: `connection to ${host} failed${code ? ` (${code})` : ''}: ${errorMessage(root)}`, status: null };
}

/** The HTTP status → error mapping for answers that are not 2xx/304. */
export function statusError(status: number, statusText: string): FetchFailure {
  const what = status === 429 ? 'rate limited' : status >= 500 ? 'server error' : status === 404 || status === 410 ? 'not found' : 'refused';
  return new FetchFailure('status', `HTTP ${status}${statusText ? ` ${statusText}` : ''} (${what})`, status);
}

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
