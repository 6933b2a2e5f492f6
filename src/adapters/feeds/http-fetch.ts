/**
 * @module adapters/feeds/http-fetch — one GET with everything a polite, safe poller needs: the
 * SSRF check on every hop (redirects followed by hand), a fetch slot per hop (its host's, then a
 * global one), an overall deadline that covers a slow body as well as slow headers — counted only
 * while a request runs, never while it waits for a slot — gzip/deflate/br, and a byte cap enforced
 * while the body streams (the connection is dropped the moment it is exceeded, compressed or not).
 */
import { isIP } from 'node:net';
import { pipeline } from 'node:stream/promises';
import type { Readable, Transform } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate, createInflateRaw } from 'node:zlib';
import { FetchFailure } from './classify.js';
import { discard, type Transport } from './http-transport.js';
import { checkHostname, type AddressCheck, BlockedAddressError } from './ssrf.js';

export interface FetchContext {
  transport: Transport;
  check: AddressCheck;
  /** A slot to request `host` (per-host and global limits); resolves with its release. */
  acquire: (host: string, signal?: AbortSignal) => Promise<() => void>;
  maxBytes: number;
  maxRedirects: number;
  timeoutMs: number;
}

export interface FetchRequest {
  url: string;
  headers: Record<string, string>;
  signal?: AbortSignal;
  /** Read the body of 2xx answers (false: only status and headers matter). */
  wantBody: (status: number, headers: ResponseHeaders) => boolean;
}

export interface ResponseHeaders {
  get(name: string): string | null;
}

export interface FetchedResponse {
  status: number;
  headers: ResponseHeaders;
  finalUrl: string;
  body: Buffer | null;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

function headerView(raw: Record<string, string | string[] | undefined>): ResponseHeaders {
  return {
    get(name) {
      const v = raw[name.toLowerCase()];
      return Array.isArray(v) ? v.join(', ') : (v ?? null);
    },
  };
}

function checkUrl(url: URL, check: AddressCheck): void {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new FetchFailure('bad-url', `only http and https URLs are fetched, not ${url.protocol.replace(/:$/, '')}: ${url.href}`);
  }
  if (url.username || url.password) throw new FetchFailure('bad-url', 'URLs with credentials are not fetched');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const named = checkHostname(host);
  if (named) throw new BlockedAddressError(host, host, named);
  // IP literals never reach the guarded lookup, so they are checked here, before any connection.
  if (isIP(host)) {
    const reason = check(host);
    if (reason) throw new BlockedAddressError(host, host, reason);
  }
}

function decoderFor(encoding: string | null, first: number | undefined): Transform | null {
  const e = (encoding ?? '').trim().toLowerCase();
  if (!e || e === 'identity') return null;
  if (e === 'gzip' || e === 'x-gzip') return createGunzip();
  // "deflate" is zlib-wrapped by the spec, raw in some servers: the first byte tells (0x78 = zlib header).
  if (e === 'deflate') return (first ?? 0) % 256 === 0x78 ? createInflate() : createInflateRaw();
  if (e === 'br') return createBrotliDecompress();
  throw new FetchFailure('parse', `unsupported Content-Encoding "${encoding}"`);
}

/** Reads at most `maxBytes` (after decompression, and before it too); throws too-large past that. */
async function readCapped(body: Readable, encoding: string | null, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  let rawSize = 0;
  const tooLarge = (): FetchFailure => new FetchFailure('too-large', `the body is over the ${maxBytes}-byte limit; download stopped`);
  const iterator = body[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const firstChunk = await iterator.next();
  if (firstChunk.done) return Buffer.alloc(0);
  const decoder = decoderFor(encoding, firstChunk.value[0]);
  async function* source(): AsyncGenerator<Buffer> {
    for (let r: IteratorResult<Buffer> = firstChunk; !r.done; r = await iterator.next()) {
      rawSize += r.value.length;
      if (rawSize > maxBytes) throw tooLarge();
      yield r.value;
    }
  }
  const sink = async (input: AsyncIterable<Buffer>): Promise<void> => {
    for await (const chunk of input) {
      size += chunk.length;
      if (size > maxBytes) throw tooLarge();
      chunks.push(chunk);
    }
  };
  try {
    if (decoder) await pipeline(source, decoder, sink);
    else await sink(source());
  } catch (err) {
    body.destroy();
    throw err;
  }
  return Buffer.concat(chunks, size);
}

/**
 * The deadline of one fetch: `ms` of request time, counted per hop from the moment its request
 * starts (slots already held) and paused between hops, so waiting for a busy host never eats it.
 */
function createDeadline(ms: number, abort: AbortController): { start(): void; pause(): void; readonly expired: boolean } {
  let left = ms;
  let startedAt = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let expired = false;
  return {
    start() {
      startedAt = performance.now();
      timer = setTimeout(() => {
        expired = true;
        abort.abort(new FetchFailure('timeout', `no complete answer within ${ms} ms`));
      }, Math.max(0, left));
    },
    pause() {
      if (timer) clearTimeout(timer);
      timer = null;
      left -= performance.now() - startedAt;
    },
    get expired() {
      return expired;
    },
  };
}

/** GET `req.url`, following up to `maxRedirects` redirects, each hop through the guard. Throws on failure. */
export async function fetchResource(ctx: FetchContext, req: FetchRequest): Promise<FetchedResponse> {
  let url: URL;
  try {
    url = new URL(req.url);
  } catch {
    throw new FetchFailure('bad-url', `not an absolute URL: ${JSON.stringify(req.url)}`);
  }
  // One controller per fetch: the caller's signal (a listener, removed after) and the deadline abort it.
  const abort = new AbortController();
  const forward = (): void => abort.abort(req.signal?.reason);
  if (req.signal?.aborted) forward();
  req.signal?.addEventListener('abort', forward, { once: true });
  const deadline = createDeadline(ctx.timeoutMs, abort);
  try {
    return await followRedirects(ctx, req, url, abort, deadline);
  } catch (err) {
    if (deadline.expired) throw new FetchFailure('timeout', `no complete answer from ${url.host} within ${ctx.timeoutMs} ms`);
    throw err;
  } finally {
    req.signal?.removeEventListener('abort', forward);
  }
}

async function followRedirects(
  ctx: FetchContext,
  req: FetchRequest,
  start: URL,
  abort: AbortController,
  deadline: ReturnType<typeof createDeadline>,
): Promise<FetchedResponse> {
  const { signal } = abort;
  const seen = new Set<string>();
  let url = start;
  for (let hop = 0; ; hop++) {
    checkUrl(url, ctx.check);
    seen.add(url.href);
    // Waiting for a slot is not request time: the deadline runs only once the slot is held.
    const release = await ctx.acquire(url.hostname.toLowerCase(), signal);
    deadline.start();
    try {
      const res = await ctx.transport.get(url, req.headers, signal);
      const status = res.statusCode ?? 0;
      const headers = headerView(res.headers);
      const location = headers.get('location');
      if (REDIRECTS.has(status) && location) {
        await discard(res, 64 * 1024);
        let next: URL;
        try {
          next = new URL(location, url);
        } catch {
          throw new FetchFailure('bad-url', `redirect to an unreadable Location ${JSON.stringify(location)}`, status);
        }
        if (seen.has(next.href)) throw new FetchFailure('too-many-redirects', `redirect loop: ${url.href} → ${next.href}`, status);
        if (hop >= ctx.maxRedirects) throw new FetchFailure('too-many-redirects', `more than ${ctx.maxRedirects} redirects (last to ${next.href})`, status);
        url = next;
        continue;
      }
      if (status < 200 || status >= 300 || !req.wantBody(status, headers)) {
        await discard(res, 64 * 1024);
        return { status, headers, finalUrl: url.href, body: null };
      }
      const declared = Number(headers.get('content-length') ?? NaN);
      if (Number.isFinite(declared) && declared > ctx.maxBytes) {
        abort.abort();
        throw new FetchFailure('too-large', `Content-Length ${declared} is over the ${ctx.maxBytes}-byte limit; not downloaded`, status);
      }
      try {
        const body = await readCapped(res, headers.get('content-encoding'), ctx.maxBytes);
        return { status, headers, finalUrl: url.href, body };
      } catch (err) {
        // Drop the connection: a half-read body must not be left on a pooled socket.
        abort.abort();
        if (err instanceof FetchFailure) throw new FetchFailure(err.code, err.message, status);
        throw err;
      }
    } finally {
      deadline.pause();
      release();
    }
  }
}
