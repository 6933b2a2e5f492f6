/**
 * @module test/harness/fake-slack-socket — the Socket Mode side of the fake Slack: a WebSocket on
 * the fake's server (path /link) that says `hello`, pushes envelopes (slash commands) and collects
 * the app's acks, as Slack's Socket Mode does.
 */
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';

export interface SocketMode {
  /** Sends a slash-command envelope to the connected app; resolves with the ack's payload. */
  slashCommand(payload: Record<string, unknown>, timeoutMs?: number): Promise<Record<string, unknown> | undefined>;
  connected(): number;
  /** Resolves once an app has connected (after `hello`). */
  waitConnected(timeoutMs?: number): Promise<void>;
  setBaseUrl(base: string): string;
  /** Drops every connection as a network failure would (no close handshake); the app reconnects. */
  drop(): void;
  /** While held, new connections get no `hello` (the app stays "connecting"); release sends it. */
  holdHello(hold: boolean): void;
  close(): Promise<void>;
}

export function attachSocketMode(server: Server): SocketMode {
  const wss = new WebSocketServer({ server, path: '/link' });
  const sockets = new Set<WebSocket>();
  const pending = new Map<string, (payload: Record<string, unknown> | undefined) => void>();
  const waiters = new Set<() => void>();
  let held: WebSocket[] | null = null;
  const hello = (ws: WebSocket): void => {
    ws.send(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A0FAKE' }, debug_info: {} }));
    waiters.forEach((w) => w());
  };
  wss.on('connection', (ws) => {
    sockets.add(ws);
    ws.on('close', () => sockets.delete(ws));
    ws.on('message', (data) => {
      const msg = JSON.parse(String(data)) as { envelope_id?: string; payload?: Record<string, unknown> };
      if (msg.envelope_id) pending.get(msg.envelope_id)?.(msg.payload);
    });
    if (held) held.push(ws);
    else hello(ws);
  });
  return {
    setBaseUrl: (base) => `${base}/link?ticket=fake`,
    drop: () => {
      for (const ws of sockets) ws.terminate();
    },
    holdHello: (hold) => {
      if (hold) {
        held ??= [];
        return;
      }
      const waiting = held ?? [];
      held = null;
      for (const ws of waiting) if (sockets.has(ws)) hello(ws);
    },
    connected: () => sockets.size,
    waitConnected: (timeoutMs = 10_000) =>
      new Promise((resolve, reject) => {
        if (sockets.size > 0) return resolve();
        const timer = setTimeout(() => reject(new Error('fake-slack: no Socket Mode connection')), timeoutMs);
        const w = (): void => {
          clearTimeout(timer);
          waiters.delete(w);
          // let the client process `hello` before the test sends anything
          setTimeout(resolve, 20);
        };
        waiters.add(w);
      }),
    slashCommand: (payload, timeoutMs = 5_000) =>
      new Promise((resolve, reject) => {
        const ws = [...sockets][0];
        if (!ws) return reject(new Error('fake-slack: no Socket Mode connection'));
        const id = randomUUID();
        const timer = setTimeout(() => reject(new Error('fake-slack: envelope not acknowledged')), timeoutMs);
        pending.set(id, (p) => {
          clearTimeout(timer);
          pending.delete(id);
          resolve(p);
        });
        ws.send(JSON.stringify({ envelope_id: id, type: 'slash_commands', accepts_response_payload: true, payload }));
      }),
    close: async () => {
      for (const ws of sockets) ws.terminate();
      await new Promise<void>((r) => wss.close(() => r()));
    },
  };
}
