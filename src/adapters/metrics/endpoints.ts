/**
 * @module adapters/metrics/endpoints — the operations endpoints on the shared HTTP server:
 * `GET /readyz` (every Readiness check passes: database reachable, chat clients connected; 503
 * while shutting down, so a load balancer stops sending work first) and `GET /metrics`
 * (Prometheus text). `GET /healthz` (alive) is the server's own.
 */
import type { ServerResponse } from 'node:http';
import { errorMessage } from '../../core/errors.js';
import type { Log, Readiness } from '../../ports.js';
import type { HttpServer } from '../http/server.js';
import type { PrometheusMetrics } from './prometheus.js';

export interface OpsEndpointsOptions {
  readiness: readonly Readiness[];
  metrics?: PrometheusMetrics;
  /** True once shutdown began: /readyz answers 503 from then on. */
  stopping?: () => boolean;
  /** A check that has not answered within this long counts as not ready. Default 2 s. */
  checkTimeoutMs?: number;
  log?: Log;
}

export interface ReadinessReport {
  ready: boolean;
  checks: Record<string, boolean>;
}

/** Runs every check at once; a check that throws or hangs past the timeout is not ready. */
export async function checkReadiness(readiness: readonly Readiness[], timeoutMs: number, log?: Log): Promise<ReadinessReport> {
  const results = await Promise.all(
    readiness.map(async (r) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), timeoutMs);
      });
      try {
        return [r.name, await Promise.race([r.ready(), timeout])] as const;
      } catch (err) {
        log?.warn({ check: r.name, err: errorMessage(err) }, 'readiness check failed');
        return [r.name, false] as const;
      } finally {
        clearTimeout(timer);
      }
    }),
  );
  const checks = Object.fromEntries(results);
  return { ready: results.every(([, ok]) => ok), checks };
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(body));
}

export function mountOpsEndpoints(http: Pick<HttpServer, 'route'>, options: OpsEndpointsOptions): void {
  const timeoutMs = options.checkTimeoutMs ?? 2_000;
  http.route('GET', '/readyz', async (_req, res) => {
    if (options.stopping?.()) return json(res, 503, { status: 'stopping', checks: {} });
    const report = await checkReadiness(options.readiness, timeoutMs, options.log);
    json(res, report.ready ? 200 : 503, { status: report.ready ? 'ready' : 'not ready', checks: report.checks });
  });
  const metrics = options.metrics;
  if (!metrics) return;
  http.route('GET', '/metrics', async (_req, res) => {
    const body = await metrics.render();
    res.writeHead(200, { 'content-type': metrics.contentType, 'cache-control': 'no-store' }).end(body);
  });
}
