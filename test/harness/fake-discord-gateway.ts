/**
 * @module test/harness/fake-discord-gateway — the gateway half of the fake Discord: a WebSocket on
 * `/gateway` speaking Discord's JSON protocol (v10, no compression) to the real @discordjs/ws client.
 * HELLO → IDENTIFY → READY (+ GUILD_CREATE per guild, so discord.js need not wait 15 s for them),
 * HEARTBEAT → ACK, RESUME → replay of missed dispatches + RESUMED, server-side close/RECONNECT to
 * exercise resuming, and `dispatch()` for INTERACTION_CREATE and anything else.
 */
import type { Server } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';

export interface GatewayGuild {
  id: string;
  name: string;
  channels: string[];
  roles: string[];
}

export interface GatewayIdentity {
  token: string;
  applicationId: string;
  bot: { id: string; username: string };
  guilds: GatewayGuild[];
  heartbeatIntervalMs: number;
}

export interface Gateway {
  /** IDENTIFY payloads received (token, intents, shard …). */
  identifies: Record<string, unknown>[];
  /** RESUME payloads received. */
  resumes: Record<string, unknown>[];
  heartbeats: number;
  /** Connections that completed IDENTIFY or RESUME and are open. */
  ready(): number;
  /** Sends a dispatch (op 0) to every ready connection; returns its sequence number. */
  dispatch(t: string, d: unknown): number;
  /** Closes every connection with `code` (4000: the client resumes; 1000: it re-identifies). */
  drop(code?: number): void;
  /** Sends op 7 RECONNECT: the client closes and resumes. */
  requestReconnect(): void;
  close(): Promise<void>;
}

interface Conn {
  ws: WebSocket;
  ready: boolean;
}

export function attachGateway(server: Server, identity: () => GatewayIdentity, baseWsUrl: () => string, changed: () => void = () => undefined): Gateway {
  const wss = new WebSocketServer({ server, path: '/gateway' });
  const conns = new Set<Conn>();
  const identifies: Record<string, unknown>[] = [];
  const resumes: Record<string, unknown>[] = [];
  /** Every dispatch of the session, for RESUME replays. */
  const history: { s: number; t: string; d: unknown }[] = [];
  let seq = 0;
  let sessionId = 'fake-session-1';
  let heartbeats = 0;

  const send = (c: Conn, payload: object): void => {
    if (c.ws.readyState === c.ws.OPEN) c.ws.send(JSON.stringify(payload));
  };
  const dispatchTo = (c: Conn, t: string, d: unknown): number => {
    seq += 1;
    history.push({ s: seq, t, d });
    send(c, { op: 0, t, s: seq, d });
    return seq;
  };

  function guildCreate(g: GatewayGuild): object {
    const id = identity();
    const everyone = { id: g.id, name: '@everyone', permissions: '0', position: 0, color: 0, hoist: false, managed: false, mentionable: false, flags: 0 };
    const roles = g.roles.map((r, i) => ({ ...everyone, id: r, name: `role-${i + 1}`, position: i + 1 }));
    return {
      id: g.id, name: g.name, owner_id: '1', unavailable: false, member_count: 1, large: false, features: [], joined_at: new Date(0).toISOString(),
      roles: [everyone, ...roles],
      channels: g.channels.map((c, i) => ({ id: c, type: 0, name: `channel-${i + 1}`, position: i, permission_overwrites: [], guild_id: g.id })),
      members: [{ user: { id: id.bot.id, username: id.bot.username, discriminator: '0', avatar: null, bot: true }, roles: [], joined_at: new Date(0).toISOString(), deaf: false, mute: false, flags: 0 }],
      emojis: [], stickers: [], threads: [], presences: [], voice_states: [], stage_instances: [], guild_scheduled_events: [],
    };
  }

  function onIdentify(c: Conn, d: Record<string, unknown>): void {
    identifies.push(d);
    const id = identity();
    if (d.token !== id.token) {
      c.ws.close(4004, 'Authentication failed.');
      return;
    }
    c.ready = true;
    history.length = 0;
    sessionId = `fake-session-${identifies.length}`;
    dispatchTo(c, 'READY', {
      v: 10,
      user: { id: id.bot.id, username: id.bot.username, discriminator: '0', avatar: null, bot: true, flags: 0 },
      guilds: id.guilds.map((g) => ({ id: g.id, unavailable: true })),
      session_id: sessionId,
      resume_gateway_url: `${baseWsUrl()}/gateway`,
      application: { id: id.applicationId, flags: 0 },
      shard: d.shard ?? [0, 1],
    });
    for (const g of id.guilds) dispatchTo(c, 'GUILD_CREATE', guildCreate(g));
  }

  function onResume(c: Conn, d: Record<string, unknown>): void {
    resumes.push(d);
    if (d.token !== identity().token || d.session_id !== sessionId) {
      send(c, { op: 9, d: false, s: null, t: null }); // invalid session: identify again
      return;
    }
    c.ready = true;
    const after = Number(d.seq ?? 0);
    for (const h of history) if (h.s > after) send(c, { op: 0, t: h.t, s: h.s, d: h.d });
    dispatchTo(c, 'RESUMED', {});
  }

  wss.on('connection', (ws) => {
    const c: Conn = { ws, ready: false };
    conns.add(c);
    ws.on('close', () => {
      conns.delete(c);
      changed();
    });
    ws.on('message', (raw) => {
      let msg: { op: number; d: unknown };
      try {
        msg = JSON.parse(String(raw)) as { op: number; d: unknown };
      } catch {
        ws.close(4002, 'Error while decoding payload.');
        return;
      }
      if (msg.op === 1) {
        heartbeats += 1;
        send(c, { op: 11, d: null, s: null, t: null });
      } else if (msg.op === 2) onIdentify(c, msg.d as Record<string, unknown>);
      else if (msg.op === 6) onResume(c, msg.d as Record<string, unknown>);
      changed();
    });
    send(c, { op: 10, d: { heartbeat_interval: identity().heartbeatIntervalMs }, s: null, t: null });
  });

  return {
    identifies,
    resumes,
    get heartbeats() {
      return heartbeats;
    },
    ready: () => [...conns].filter((c) => c.ready && c.ws.readyState === c.ws.OPEN).length,
    dispatch(t, d) {
      let s = 0;
      const ready = [...conns].filter((c) => c.ready);
      if (ready.length === 0) {
        // Nobody connected (between a drop and the resume): keep it for the RESUME replay.
        seq += 1;
        history.push({ s: seq, t, d });
        return seq;
      }
      for (const c of ready) s = dispatchTo(c, t, d);
      return s;
    },
    drop(code = 4000) {
      for (const c of conns) {
        c.ready = false;
        c.ws.close(code, 'fake gateway drop');
      }
    },
    requestReconnect() {
      for (const c of conns) send(c, { op: 7, d: null, s: null, t: null });
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const c of conns) c.ws.terminate();
        wss.close(() => resolve());
      }),
  };
}
