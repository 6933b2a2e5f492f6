/**
 * @module test/webhook/fake-slack-hook — a fake Slack incoming-webhook endpoint on 127.0.0.1:
 * `POST /services/T…/B…/<secret>` with a JSON body, checked against Slack's Block Kit limits
 * (test/harness/slack-limits.ts). Answers like Slack: 200 "ok"; 400 "invalid_payload" /
 * "invalid_blocks"; 404 "no_service" for an unknown hook; 410 "channel_is_archived"; 429 with
 * Retry-After; 500 on demand. No message id is ever returned.
 */
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { slackPayloadProblems } from '../harness/slack-limits.js';

export interface SlackHookPost {
  path: string;
  body: { text?: string; blocks?: unknown[]; [k: string]: unknown };
  at: number;
}

export interface FakeSlackHook {
  base: string;
  /** A hook URL that exists. */
  url(name?: string): string;
  posts: SlackHookPost[];
  /** Every request, answered or not. */
  requests: number;
  fail(status: number, text: string, retryAfter?: number, times?: number): void;
  archive(name: string): void;
  close(): Promise<void>;
}

export async function startFakeSlackHook(): Promise<FakeSlackHook> {
  const posts: SlackHookPost[] = [];
  const faults: { status: number; text: string; retryAfter?: number; times: number }[] = [];
  const archived = new Set<string>();
  const known = new Set<string>();
  let requests = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      requests += 1;
      const path = req.url ?? '';
      const name = /^\/services\/T\w+\/B\w+\/(\w+)$/.exec(path)?.[1];
      if (req.method !== 'POST' || !name || !known.has(name)) return void res.writeHead(404, { 'content-type': 'text/plain' }).end('no_service');
      if (archived.has(name)) return void res.writeHead(410, { 'content-type': 'text/plain' }).end('channel_is_archived');
      const fault = faults[0];
      if (fault) {
        fault.times -= 1;
        if (fault.times <= 0) faults.shift();
        return void res.writeHead(fault.status, { 'content-type': 'text/plain', ...(fault.retryAfter !== undefined ? { 'retry-after': String(fault.retryAfter) } : {}) }).end(fault.text);
      }
      let body: SlackHookPost['body'];
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as SlackHookPost['body'];
      } catch {
        return void res.writeHead(400, { 'content-type': 'text/plain' }).end('invalid_payload');
      }
      if (slackPayloadProblems(body).length > 0) return void res.writeHead(400, { 'content-type': 'text/plain' }).end('invalid_blocks');
      posts.push({ path, body, at: Date.now() });
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    url(name = 'abcdefABCDEF123456789012') {
      known.add(name);
      return `${base}/services/T0FAKE/B0HOOK/${name}`;
    },
    posts,
    get requests() {
      return requests;
    },
    fail: (status, text, retryAfter, times = 1) => void faults.push({ status, text, ...(retryAfter !== undefined ? { retryAfter } : {}), times }),
    archive: (name) => void archived.add(name),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
