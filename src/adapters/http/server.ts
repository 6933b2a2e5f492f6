/**
 * @module adapters/http/server — the one HTTP server on PORT: `GET /healthz` always, plus routes
 * that adapters mount (`POST /slack/events`; later `/readyz`, `/metrics`). Plain node:http, so the
 * Slack receiver, health and metrics share one listener whatever chat platforms are configured.
 */
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { asTradewireError } from '../../core/errors.js';
import type { Log } from '../../ports.js';

export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export interface HttpServer {
  /** Adds (or replaces) the handler for an exact method + path (query strings ignored). */
  route(method: 'GET' | 'POST' | 'HEAD', path: string, handler: RouteHandler): void;
  listen(): Promise<{ host: string; port: number }>;
  /** The bound port once listening (useful with port 0). */
  port(): number;
  close(): Promise<void>;
}

export interface HttpServerOptions {
  host: string;
  port: number;
  log: Log;
}

export function createHttpServer(options: HttpServerOptions): HttpServer {
  const routes = new Map<string, RouteHandler>();
  const log = options.log.child({ room: 'http' });
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const handler = routes.get(`${req.method ?? 'GET'} ${path}`);
    if (!handler) {
      const allowed = [...routes.keys()].filter((k) => k.endsWith(` ${path}`)).map((k) => k.split(' ')[0]);
      if (allowed.length > 0) res.writeHead(405, { allow: allowed.join(', ') }).end();
      else res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    Promise.resolve()
      .then(() => handler(req, res))
      .catch((err: unknown) => {
        log.error({ err: asTradewireError(err, 'http_handler_failed', `http: ${req.method} ${path} failed`), path }, 'request failed');
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' }).end('internal error\n');
        else res.end();
      });
  });
  // Slack retries a command that is not answered in 3 s; a stuck socket must not hold a worker.
  server.requestTimeout = 30_000;
  server.headersTimeout = 10_000;

  routes.set('GET /healthz', (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
  });

  return {
    route: (method, path, handler) => void routes.set(`${method} ${path}`, handler),
    listen: async () => {
      server.listen(options.port, options.host);
      try {
        await once(server, 'listening'); // rejects on 'error' (EADDRINUSE, EACCES)
      } catch (err) {
        throw asTradewireError(err, 'http_listen_failed', `http: cannot listen on ${options.host}:${options.port}`);
      }
      const addr = server.address() as AddressInfo;
      log.info({ host: addr.address, port: addr.port }, 'listening');
      return { host: addr.address, port: addr.port };
    },
    port: () => (server.address() as AddressInfo | null)?.port ?? 0,
    close: async () => {
      if (!server.listening) return;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      // Give in-flight requests (a command being acknowledged) a moment, then cut the rest.
      const timer = setTimeout(() => server.closeAllConnections(), 2_000);
      await closed;
      clearTimeout(timer);
    },
  };
}
