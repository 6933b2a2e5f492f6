/**
 * The real Bolt app behind tradewire's HTTP server, with slash commands signed exactly as Slack
 * signs them: accepted when valid, refused when wrongly signed, stale or future-dated; quick replies
 * in the ack, slow ones through respond(); Socket Mode against the fake's WebSocket.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { createHttpServer, type HttpServer } from '../../src/adapters/http/server.js';
import { createSlackChat, type SlackChat } from '../../src/adapters/chat/slack/index.js';
import type { CommandReply, CommandRequest } from '../../src/ports.js';
import { startFakeSlack, type FakeSlack } from '../harness/fake-slack.js';
import { postToBolt, signedCommand } from '../harness/slack-sign.js';

const log = pino({ level: 'silent' });
const SECRET = 'test-signing-secret';
let fake: FakeSlack;
let server: HttpServer;
let port: number;
let chat: SlackChat;
const seen: CommandRequest[] = [];

async function handler(req: CommandRequest): Promise<CommandReply> {
  seen.push(req);
  if (req.sub === 'slow') await new Promise((r) => setTimeout(r, 400));
  if (req.sub === 'boom') throw new Error('database is locked');
  return { ephemeral: req.sub !== 'test', text: `*${req.sub}* ${req.args}`.trim(), lines: [`can manage: ${req.canManage}`] };
}

beforeAll(async () => {
  fake = await startFakeSlack({ users: { U0ADMIN: { is_admin: true }, U0USER: {} } });
  server = createHttpServer({ host: '127.0.0.1', port: 0, log });
  chat = createSlackChat({
    botToken: 'xoxb-test',
    signingSecret: SECRET,
    appToken: null,
    apiUrl: fake.apiUrl,
    server,
    manageSubscriptions: 'admins',
    log,
    ackBudgetMs: 150,
  });
  await chat.commands!.start(handler);
  port = (await server.listen()).port;
});
beforeEach(() => {
  seen.length = 0;
  fake.reset();
});
afterAll(async () => {
  await chat.commands?.stop();
  await server.close();
  await fake.close();
});

const now = (): number => Math.floor(Date.now() / 1000);

describe('slack commands over HTTP', () => {
  it('verifies the token once at start and knows the workspace', async () => {
    expect(chat.teamId()).toBe('T0FAKE');
    await postToBolt(port, signedCommand(SECRET, { text: 'help', response_url: fake.responseUrl('r0') }));
    expect(fake.calls.filter((c) => c.method === 'auth.test')).toHaveLength(0); // not again per request
  });

  it('answers a quick command in the ack, as JSON blocks', async () => {
    const res = await postToBolt(port, signedCommand(SECRET, { text: 'latest  fx 3', response_url: fake.responseUrl('r1') }));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ response_type: 'ephemeral', text: '*latest* fx 3' });
    expect(seen[0]).toMatchObject({ platform: 'slack', workspace: '', channel: 'C0ALERTS', userId: 'U0USER', sub: 'latest', args: 'fx 3', canManage: false });
    expect(fake.calls.filter((c) => c.method === 'auth.test')).toHaveLength(0);
  });

  it('acknowledges a slow command within the budget and answers through respond()', async () => {
    const res = await postToBolt(port, signedCommand(SECRET, { text: 'slow', response_url: fake.responseUrl('r2') }));
    expect(res.status).toBe(200);
    expect(res.body).toBe('');
    expect(res.ms).toBeLessThan(2500);
    const reply = await fake.waitFor(() => fake.responses.find((r) => r.id === 'r2'));
    expect(reply.body).toMatchObject({ response_type: 'ephemeral', text: '*slow*' });
  });

  it('checks users.info for subscription changes when only admins may manage', async () => {
    await postToBolt(port, signedCommand(SECRET, { text: 'subscribe fx', user_id: 'U0ADMIN', response_url: fake.responseUrl('r3') }));
    await postToBolt(port, signedCommand(SECRET, { text: 'subscribe fx', user_id: 'U0USER', response_url: fake.responseUrl('r4') }));
    expect(seen.map((s) => s.canManage)).toEqual([true, false]);
    expect(fake.calls.filter((c) => c.method === 'users.info').map((c) => c.params.user)).toEqual(['U0ADMIN', 'U0USER']);
  });

  it('turns a failing handler into an apologetic ephemeral reply with the error code, never the raw error', async () => {
    const res = await postToBolt(port, signedCommand(SECRET, { text: 'boom', response_url: fake.responseUrl('r5') }));
    expect(res.body).toMatchObject({ response_type: 'ephemeral' });
    expect(JSON.stringify(res.body)).toContain('Sorry, /trade boom failed (error code `internal`)');
    expect(JSON.stringify(res.body)).not.toContain('database is locked');
  });

  it.each([
    ['a wrong signature', signedCommand('not-the-secret', { text: 'help', response_url: 'http://127.0.0.1:9/x' })],
    ['a stale timestamp (6 minutes old)', signedCommand(SECRET, { text: 'help', response_url: 'http://127.0.0.1:9/x' }, now() - 360)],
    ['a future timestamp (6 minutes ahead)', signedCommand(SECRET, { text: 'help', response_url: 'http://127.0.0.1:9/x' }, now() + 360)],
  ])('refuses %s with 401 and never runs the command', async (_label, req) => {
    const res = await postToBolt(port, req);
    expect(res.status).toBe(401);
    expect(seen).toHaveLength(0);
  });

  it('refuses a body altered after signing', async () => {
    const req = signedCommand(SECRET, { text: 'help', response_url: fake.responseUrl('r6') });
    const res = await postToBolt(port, { ...req, body: req.body.replace('help', 'subscribe') });
    expect(res.status).toBe(401);
  });

  it('accepts a timestamp within the 5-minute window on either side', async () => {
    const past = await postToBolt(port, signedCommand(SECRET, { text: 'help', response_url: fake.responseUrl('r7') }, now() - 240));
    const future = await postToBolt(port, signedCommand(SECRET, { text: 'help', response_url: fake.responseUrl('r8') }, now() + 240));
    expect([past.status, future.status]).toEqual([200, 200]);
  });

  it('serves /healthz on the same port', async () => {
    const res = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(res.status).toBe(200);
  });
});

/** Readiness has no event to await: re-check it every 10 ms until it holds. */
async function until(probe: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('slack commands over Socket Mode', () => {
  it('connects with the app token and acknowledges envelopes with the reply', async () => {
    const socketChat = createSlackChat({ botToken: 'xoxb-test', signingSecret: null, appToken: 'xapp-test', apiUrl: fake.apiUrl, server: null, manageSubscriptions: 'anyone', log });
    await socketChat.commands!.start(handler);
    try {
      await fake.socket.waitConnected();
      expect(await socketChat.readiness.ready()).toBe(true);
      const ack = await fake.socket.slashCommand({
        token: 'x', team_id: 'T0FAKE', channel_id: 'C0SOCK', user_id: 'U0USER', user_name: 'analyst', command: '/trade', text: 'topics',
        api_app_id: 'A0FAKE', response_url: fake.responseUrl('s1'), trigger_id: '1',
      });
      expect(ack).toMatchObject({ response_type: 'ephemeral', text: '*topics*' });
      expect(seen.at(-1)).toMatchObject({ channel: 'C0SOCK', sub: 'topics', canManage: false });
    } finally {
      await socketChat.commands!.stop();
    }
  });

  it('is not ready while the socket is disconnected, and ready again once it has reconnected', async () => {
    const socketChat = createSlackChat({ botToken: 'xoxb-test', signingSecret: null, appToken: 'xapp-test', apiUrl: fake.apiUrl, server: null, manageSubscriptions: 'anyone', log, socketPingTimeoutMs: 200 });
    await socketChat.commands!.start(handler);
    try {
      await fake.socket.waitConnected();
      expect(await socketChat.readiness.ready()).toBe(true);
      fake.socket.holdHello(true); // the reconnection stays short of Slack's hello until released
      fake.socket.drop();
      await until(async () => !(await socketChat.readiness.ready()), 5_000);
      await until(() => fake.socket.connected() > 0, 5_000); // reconnected at the socket level, no hello yet
      expect(await socketChat.readiness.ready()).toBe(false);
      fake.socket.holdHello(false);
      await until(() => socketChat.readiness.ready(), 5_000);
      const ack = await fake.socket.slashCommand({
        token: 'x', team_id: 'T0FAKE', channel_id: 'C0SOCK', user_id: 'U0USER', user_name: 'analyst', command: '/trade', text: 'help',
        api_app_id: 'A0FAKE', response_url: fake.responseUrl('s2'), trigger_id: '2',
      });
      expect(ack).toBeDefined();
    } finally {
      fake.socket.holdHello(false);
      await socketChat.commands!.stop();
    }
  });
});
