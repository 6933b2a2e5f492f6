/**
 * @module test/feeds/server — a real HTTP server on 127.0.0.1 (port 0) for fetcher tests: routes
 * by path, records every request, and counts requests in flight (per Host header and overall) and
 * connections closed before their response finished.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Handler = (req: IncomingMessage, res: ServerResponse) => unknown;

export interface TestServer {
  url: (path: string) => string;
  port: number;
  route(path: string, handler: Handler): void;
  /** Every request seen: path and headers. */
  requests: { path: string; headers: IncomingMessage['headers'] }[];
  /** Highest number of requests in flight at once, overall and per Host header. */
  maxInFlight: number;
  maxInFlightByHost: Map<string, number>;
  /** Responses whose connection closed before the response ended (the client hung up). */
  abortedResponses: number;
  /** Resolves once `abortedResponses` reaches n. */
  waitForAborted(n: number): Promise<void>;
  close(): Promise<void>;
}

export async function startServer(host = '127.0.0.1'): Promise<TestServer> {
  const routes = new Map<string, Handler>();
  let inFlight = 0;
  const byHost = new Map<string, number>();
  const waiters: { n: number; resolve: () => void }[] = [];
  const state = {
    requests: [] as TestServer['requests'],
    maxInFlight: 0,
    maxInFlightByHost: new Map<string, number>(),
    abortedResponses: 0,
  };
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    state.requests.push({ path: req.url ?? '/', headers: req.headers });
    const hostKey = (req.headers.host ?? '').replace(/:\d+$/, '');
    inFlight++;
    byHost.set(hostKey, (byHost.get(hostKey) ?? 0) + 1);
    state.maxInFlight = Math.max(state.maxInFlight, inFlight);
    state.maxInFlightByHost.set(hostKey, Math.max(state.maxInFlightByHost.get(hostKey) ?? 0, byHost.get(hostKey) ?? 0));
    let done = false;
    const finish = (): void => {
      if (done) return;
      done = true;
      inFlight--;
      byHost.set(hostKey, (byHost.get(hostKey) ?? 1) - 1);
    };
    res.on('finish', finish);
    res.on('close', () => {
      if (!res.writableFinished) {
        state.abortedResponses++;
        for (const w of waiters.filter((x) => state.abortedResponses >= x.n)) w.resolve();
      }
      finish();
    });
    const handler = routes.get(path);
    if (!handler) {
      res.writeHead(404).end('not found');
      return;
    }
    Promise.resolve(handler(req, res)).catch((err: unknown) => {
      if (!res.headersSent) res.writeHead(500);
      res.end(String(err));
    });
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const port = (server.address() as AddressInfo).port;
  return Object.assign(state, {
    port,
    url: (path: string) => `http://${host}:${port}${path}`,
    route: (path: string, handler: Handler) => void routes.set(path, handler),
    waitForAborted: (n: number) =>
      state.abortedResponses >= n ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ n, resolve })),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}

export function rss(items: { title: string; link: string; guid?: string }[], title = 'Test feed'): string {
  const body = items
    .map((i) => `<item><title>${i.title}</title><link>${i.link}</link>${i.guid ? `<guid isPermaLink="false">${i.guid}</guid>` : ''}<description>&lt;p&gt;About ${i.title}.&lt;/p&gt;</description><pubDate>Mon, 05 May 2025 09:00:00 GMT</pubDate></item>`)
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>${title}</title><link>https://example.org/</link>${body}</channel></rss>`;
}

/** A log that records nothing (the fetcher's debug lines are not under test). */
export const quietLog = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  child() {
    return quietLog;
  },
};
