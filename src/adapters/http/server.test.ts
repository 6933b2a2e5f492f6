import { afterEach, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { createHttpServer, type HttpServer } from './server.js';

const log = pino({ level: 'silent' });
let server: HttpServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

describe('http server', () => {
  it('answers /healthz, mounted routes, 404 and 405', async () => {
    server = createHttpServer({ host: '127.0.0.1', port: 0, log });
    server.route('POST', '/echo', async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      res.writeHead(200).end(Buffer.concat(chunks));
    });
    server.route('GET', '/boom', () => {
      throw new Error('boom');
    });
    const { port } = await server.listen();
    const base = `http://127.0.0.1:${port}`;
    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    expect(await (await fetch(`${base}/echo`, { method: 'POST', body: 'hi' })).text()).toBe('hi');
    expect((await fetch(`${base}/nope`)).status).toBe(404);
    const wrong = await fetch(`${base}/healthz`, { method: 'POST' });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('GET');
    expect((await fetch(`${base}/boom`)).status).toBe(500);
  });

  it('reports a clear error when the port is taken', async () => {
    server = createHttpServer({ host: '127.0.0.1', port: 0, log });
    const { port } = await server.listen();
    const second = createHttpServer({ host: '127.0.0.1', port, log });
    await expect(second.listen()).rejects.toMatchObject({ code: 'http_listen_failed' });
  });
});
