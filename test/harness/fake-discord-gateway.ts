/**
 * @module test/harness/fake-discord-gateway — the gateway half of the fake Discord: a WebSocket on
 * `/gateway` speaking Discord's JSON protocol (v10, no compression) to the real @discordjs/ws client.
 * HELLO → IDENTIFY → READY (+ GUILD_CREATE per guild of the shard, so discord.js need not wait 15 s
 * for them), HEARTBEAT → ACK, RESUME → replay of the session's missed dispatches + RESUMED,
 * server-side close/RECONNECT to exercise resuming. Sharded like Discord: IDENTIFY's `[id, count]`
 * decides which guilds a connection gets, and a guild's events go to shard (guild_id >> 22) % count.
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
  /** The `[id, count]` of each ready connection. */
  readyShards(): [number, number][];
  /**
   * Sends a dispatch (op 0) to the session of the shard that owns `guildId` (shard 0 without one);
   * if that shard is disconnected, it waits in the session for the RESUME replay. Returns its seq.
   */
  dispatch(t: string, d: unknown, guildId?: string | null): number;
  /** Closes every connection with `code` (4000: the client resumes; 1000: it re-identifies). */
  drop(code?: number): void;
  /** Sends op 7 RECONNECT: the client closes and resumes. */
  requestReconnect(): void;
  /** While held, new connections are cut at once (the gateway is unreachable). */
  hold(on: boolean): void;
  close(): Promise<void>;
}

/** Discord's rule: https://discord.com/developers/docs/events/gateway#sharding */
export function shardOf(guildId: string, count: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(count));
}

interface Session {
  id: string;
  shard: [number, number];
  seq: number;
  history: { s: number; t: string; d: unknown }[];
  conn: Conn | null;
}

interface Conn {
  ws: WebSocket;
  session: Session | null;
}

export function attachGateway(server: Server, identity: () => GatewayIdentity, baseWsUrl: () => string, changed: () => void = () => undefined): Gateway {
  const wss = new WebSocketServer({ server, path: '/gateway' });
  const conns = new Set<Conn>();
  const identifies: Record<string, unknown>[] = [];
  const resumes: Record<string, unknown>[] = [];
  /** The live session of each shard id (a new IDENTIFY replaces it). */
  const sessions = new Map<number, Session>();
  let heartbeats = 0;

  const send = (c: Conn, payload: object): void => {
    if (c.ws.readyState === c.ws.OPEN) c.ws.send(JSON.stringify(payload));
  };
  const dispatchIn = (s: Session, t: string, d: unknown): number => {
    s.seq += 1;
    s.history.push({ s: s.seq, t, d });
    if (s.conn) send(s.conn, { op: 0, t, s: s.seq, d });
    return s.seq;
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
    const shard = (Array.isArray(d.shard) ? d.shard : [0, 1]) as [number, number];
    const old = sessions.get(shard[0]);
    if (old) old.conn = null;
    const session: Session = { id: `fake-session-${identifies.length}`, shard, seq: 0, history: [], conn: c };
    sessions.set(shard[0], session);
    c.session = session;
    const mine = id.guilds.filter((g) => shardOf(g.id, shard[1]) === shard[0]);
    dispatchIn(session, 'READY', {
      v: 10,
      user: { id: id.bot.id, username: id.bot.username, discriminator: '0', avatar: null, bot: true, flags: 0 },
      guilds: mine.map((g) => ({ id: g.id, unavailable: true })),
      session_id: session.id,
      resume_gateway_url: `${baseWsUrl()}/gateway`,
      application: { id: id.applicationId, flags: 0 },
      shard,
    });
    for (const g of mine) dispatchIn(session, 'GUILD_CREATE', guildCreate(g));
  }

  function onResume(c: Conn, d: Record<string, unknown>): void {
    resumes.push(d);
    const session = [...sessions.values()].find((s) => s.id === d.session_id);
    if (d.token !== identity().token || !session) {
      send(c, { op: 9, d: false, s: null, t: null }); // invalid session: identify again
      return;
    }
    session.conn = c;
    c.session = session;
    const after = Number(d.seq ?? 0);
    for (const h of session.history) if (h.s > after) send(c, { op: 0, t: h.t, s: h.s, d: h.d });
    dispatchIn(session, 'RESUMED', {});
  }

  let held = false;
  wss.on('connection', (ws) => {
    if (held) {
      ws.terminate();
      return;
    }
    const c: Conn = { ws, session: null };
    conns.add(c);
    ws.on('close', () => {
      conns.delete(c);
      if (c.session?.conn === c) c.session.conn = null;
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

  const live = (): Conn[] => [...conns].filter((c) => c.session?.conn === c && c.ws.readyState === c.ws.OPEN);

  return {
    identifies,
    resumes,
    get heartbeats() {
      return heartbeats;
    },
    ready: () => live().length,
    readyShards: () => live().map((c) => c.session!.shard),
    dispatch(t, d, guildId) {
      const count = [...sessions.values()][0]?.shard[1] ?? 1;
      const target = guildId ? shardOf(guildId, count) : 0;
      const session = sessions.get(target);
      if (!session) throw new Error(`fake gateway: no session for shard ${target}`);
      return dispatchIn(session, t, d);
    },
    drop(code = 4000) {
      for (const c of conns) {
        if (c.session?.conn === c) c.session.conn = null;
        c.ws.close(code, 'fake gateway drop');
      }
    },
    hold(on) {
      held = on;
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
