/**
 * @module adapters/chat/webhook/http — one JSON request to a webhook: undici, a hard timeout, no
 * redirects (a webhook that redirects is not the one configured), the body read with a size cap.
 * Network failures come back as `{ status: 0, error }`, never thrown, so errors.ts sees everything.
 */
import { request } from 'undici';

export interface HookResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** Network failure (refused, reset, timeout): status 0. */
  error?: { code: string; message: string };
}

export const WEBHOOK_TIMEOUT_MS = 10_000;
const MAX_BODY = 256 * 1024;

export async function sendJson(method: 'GET' | 'POST' | 'PATCH', url: URL, body: unknown, timeoutMs = WEBHOOK_TIMEOUT_MS): Promise<HookResponse> {
  try {
    const res = await request(url, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
      signal: AbortSignal.timeout(timeoutMs),
    });
    let text = '';
    for await (const chunk of res.body) {
      if (text.length < MAX_BODY) text += (chunk as Buffer).toString('utf8');
    }
    return { status: res.statusCode, headers: res.headers, text };
  } catch (err) {
    const e = err as { code?: string; name?: string; message?: string; cause?: { code?: string } };
    const code = e.name === 'TimeoutError' || e.name === 'AbortError' || /Timeout/i.test(e.code ?? '') ? 'timeout' : (e.code ?? e.cause?.code ?? 'network');
    return { status: 0, headers: {}, text: '', error: { code, message: e.message ?? String(err) } };
  }
}

export function header(res: HookResponse, name: string): string | null {
  const v = res.headers[name.toLowerCase()];
  return Array.isArray(v) ? (v[0] ?? null) : (v ?? null);
}
