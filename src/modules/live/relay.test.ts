// Two "processes" (a RoomHub with its own Redis connections, relay and WebSocket server each)
// sharing rooms through Redis, with real `ws` viewers. The shared Redis (127.0.0.1:6379) serves
// the sharing cases under a prefix unique to this run; the outage case runs its own
// redis-server on a free port, so killing it disturbs nobody.
import websocket from '@fastify/websocket';
import Fastify, { type FastifyInstance } from 'fastify';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createConnection, createServer } from 'node:net';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { openRedis, redactRedisUrl, type RedisConn } from '../../platform/redis.ts';
import { RoomHub } from './hub.ts';
import type { ServerMessage } from './protocol.ts';
import { RoomRelay } from './relay.ts';

const canConnect = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = createConnection({ port, host: '127.0.0.1' });
    s.setTimeout(500, () => (s.destroy(), resolve(false)));
    s.once('connect', () => (s.end(), resolve(true)));
    s.once('error', () => resolve(false));
  });
const sharedRedis = await canConnect(6379);
const hasRedisServer = spawnSync('redis-server', ['--version']).status === 0;
const prefix = `fwtest-${process.pid}-${Date.now().toString(36)}`;

async function eventually(cond: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > until) throw new Error('timed out waiting for a condition');
    await new Promise((r) => setTimeout(r, 20));
  }
}

type Line = { level: number; msg: string } & Record<string, unknown>;

/** One api process: Redis connections, relay, hub and a WebSocket server (viewer from the query). */
class Proc {
  readonly lines: Line[] = [];
  readonly redis: RedisConn;
  readonly relay: RoomRelay;
  readonly hub: RoomHub;
  private app: FastifyInstance | null = null;
  base = '';

  constructor(url: string, instanceId: string) {
    const log = pino({ level: 'info' }, { write: (s: string) => void this.lines.push(JSON.parse(s) as Line) });
    this.redis = openRedis(url, log, { maxBackoffMs: 200 });
    this.relay = new RoomRelay(this.redis, { instanceId, prefix, presenceTtlMs: 3000, likesTtlMs: 60_000, log });
    this.hub = new RoomHub({ maxCommentChars: 200, commentsPerUserPerWindow: 3, commentWindowMs: 10_000, commentsPerRoomPerSecond: 50, likeTickMs: 50, viewerTickMs: 50, maxBufferedBytes: 1 << 20, moderation: () => 'ok', relay: this.relay });
  }

  async start(): Promise<this> {
    const app = Fastify();
    await app.register(websocket);
    app.get<{ Params: { roomId: string }; Querystring: { user?: string } }>('/ws/:roomId', { websocket: true }, (socket, req) => {
      this.hub.join(req.params.roomId, socket, { userId: req.query.user ?? null, name: req.query.user ?? '游客' }, { pinned: null });
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    this.base = `ws://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    this.app = app;
    return this;
  }

  viewer(roomId: string, user?: string): Promise<Viewer> {
    return Viewer.connect(`${this.base}/ws/${roomId}${user ? `?user=${user}` : ''}`);
  }

  warnings(): Line[] {
    return this.lines.filter((l) => l.level === 40);
  }

  async stop(): Promise<void> {
    this.hub.close();
    await this.relay.close();
    await this.app?.close();
    await this.redis.close();
  }
}

/** A viewer socket that keeps every message it receives. */
class Viewer {
  readonly messages: ServerMessage[] = [];
  closed: number | null = null;
  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => this.messages.push(JSON.parse(String(data)) as ServerMessage));
    ws.on('close', (code) => (this.closed = code));
  }

  static async connect(url: string): Promise<Viewer> {
    const v = new Viewer(new WebSocket(url));
    await v.waitFor((m) => m.t === 'hello');
    return v;
  }

  send(msg: unknown): void {
    this.ws.send(JSON.stringify(msg));
  }

  async waitFor(pred: (m: ServerMessage) => boolean): Promise<ServerMessage> {
    await eventually(() => this.messages.some(pred)).catch(() => {
      throw new Error(`timed out; got ${JSON.stringify(this.messages)}`);
    });
    return this.messages.find(pred)!;
  }

  comments(): string[] {
    return this.messages.flatMap((m) => (m.t === 'comment' ? [m.text] : []));
  }
}

/** Both relays subscribed (PUBSUB NUMSUB), so a publish now reaches both. */
async function relaying(procs: Proc[]): Promise<void> {
  const channel = `${prefix}:live:relay`;
  await eventually(async () => {
    if (!procs.every((p) => p.relay.healthy)) return false;
    const n = await procs[0]!.redis.client.pubsub('NUMSUB', channel).catch(() => [channel, 0]);
    return Number(n[1]) >= procs.length;
  });
}

let roomSeq = 0;
const room = () => `${prefix}-room-${++roomSeq}`;
const comment = (m: ServerMessage, text: string) => m.t === 'comment' && m.text === text;

describe.skipIf(!sharedRedis)('RoomRelay: two processes share rooms (needs Redis at 127.0.0.1:6379)', () => {
  const procs: Proc[] = [];
  const pair = async () => {
    if (procs.length === 0) {
      procs.push(await new Proc('redis://127.0.0.1:6379', `${prefix}-a`).start(), await new Proc('redis://127.0.0.1:6379', `${prefix}-b`).start());
      await relaying(procs);
    }
    return procs as [Proc, Proc];
  };
  afterAll(async () => {
    const keys = procs.length ? await procs[0]!.redis.client.keys(`${prefix}:*`) : [];
    if (keys.length) await procs[0]!.redis.client.del(...keys);
    for (const p of procs) await p.stop();
  });

  it('a comment on one process reaches viewers on the other, once, and its joiners’ hello', async () => {
    const [a, b] = await pair();
    const r = room();
    const va = await a.viewer(r, 'ca');
    const vb = await b.viewer(r, 'cb');
    va.send({ t: 'comment', text: '从A来的' });
    const got = await vb.waitFor((m) => comment(m, '从A来的'));
    expect(got).toMatchObject({ user: { id: 'ca', name: 'ca' } });
    // B answers; once A has B's comment it has had its own back from Redis too (one channel, in order).
    vb.send({ t: 'comment', text: '从B来的' });
    await va.waitFor((m) => comment(m, '从B来的'));
    expect(va.comments()).toEqual(['从A来的', '从B来的']);
    const late = await b.viewer(r);
    const hello = late.messages[0]!;
    expect(hello.t === 'hello' && hello.recent.map((c) => c.text)).toEqual(['从A来的', '从B来的']);
  });

  it('a process that has no viewer of the room yet keeps its comments for the first joiner', async () => {
    const [a, b] = await pair();
    const r = room();
    const va = await a.viewer(r, 'first');
    va.send({ t: 'comment', text: '还没人在B' });
    await va.waitFor((m) => comment(m, '还没人在B'));
    await eventually(async () => {
      const v = await b.viewer(r);
      const hello = v.messages[0]!;
      v.ws.close();
      return hello.t === 'hello' && hello.recent.some((c) => c.text === '还没人在B') && JSON.stringify(hello.state) === '{"pinned":null}';
    });
  });

  it('shows the room-wide viewer count, and drops viewers who leave', async () => {
    const [a, b] = await pair();
    const r = room();
    const all = [await a.viewer(r, 'v1'), await a.viewer(r, 'v2'), await b.viewer(r, 'v3')];
    for (const v of all) await v.waitFor((m) => m.t === 'viewers' && m.n === 3);
    await eventually(() => a.hub.viewers(r) === 3 && b.hub.viewers(r) === 3);
    all[0]!.ws.close();
    await all[2]!.waitFor((m) => m.t === 'viewers' && m.n === 2);
  });

  it('adds likes up across processes', async () => {
    const [a, b] = await pair();
    const r = room();
    const va = await a.viewer(r, 'la');
    const vb = await b.viewer(r, 'lb');
    for (let i = 0; i < 5; i++) va.send({ t: 'like', n: 1 });
    vb.send({ t: 'like', n: 7 });
    await va.waitFor((m) => m.t === 'likes' && m.total === 12);
    await vb.waitFor((m) => m.t === 'likes' && m.total === 12);
    // A joiner on a process that has not had the room open learns the total too.
    const [c] = [await new Proc('redis://127.0.0.1:6379', `${prefix}-c`).start()];
    procs.push(c);
    const vc = await c.viewer(r);
    await vc.waitFor((m) => (m.t === 'likes' && m.total === 12) || (m.t === 'hello' && m.likes === 12));
  });

  it('holds the per-user comment limit across processes', async () => {
    const [a, b] = await pair();
    const r = room();
    const ua = await a.viewer(r, 'quick');
    const ub = await b.viewer(r, 'quick');
    const texts = ['一', '二', '三'];
    for (const [i, text] of texts.entries()) {
      (i % 2 ? ub : ua).send({ t: 'comment', text });
      await ua.waitFor((m) => comment(m, text));
    }
    ub.send({ t: 'comment', text: '四' }); // B's own window has seen one comment: only Redis knows of three
    const err = await ub.waitFor((m) => m.t === 'error');
    expect(err).toMatchObject({ code: 'rate_limited' });
    expect(err.t === 'error' && err.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    ub.send({ t: 'ping' });
    await ub.waitFor((m) => m.t === 'pong');
    expect([...ua.comments(), ...ub.comments()]).not.toContain('四');
  });

  it('relays ended, kicks and “room changed”', async () => {
    const [a, b] = await pair();
    const r = room();
    const changed: string[] = [];
    const stop = b.relay.listen({ changed: (roomId) => void changed.push(roomId) });
    a.relay.changed(r);
    await eventually(() => changed.includes(r));
    stop();

    const ka = await a.viewer(r, 'kim');
    const kb = await b.viewer(r, 'kim');
    const stay = await b.viewer(r, 'stay');
    a.hub.kick(r, 'kim');
    await eventually(() => ka.closed === 4003 && kb.closed === 4003);
    await stay.waitFor((m) => m.t === 'viewers' && m.n === 1);
    expect(stay.closed).toBeNull();

    const ea = await a.viewer(r, 'e1');
    b.hub.end(r);
    await ea.waitFor((m) => m.t === 'ended');
    await eventually(() => ea.closed === 4000 && stay.closed === 4000);
    expect(a.hub.viewers(r)).toBe(0);
  });
});

describe.skipIf(!hasRedisServer)('RoomRelay when Redis goes away (own redis-server)', () => {
  let server: ChildProcess | null = null;
  const procs: Proc[] = [];
  const freePort = () =>
    new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const { port } = s.address() as { port: number };
        s.close(() => resolve(port));
      });
    });
  const startRedis = async (port: number) => {
    server = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    await eventually(() => canConnect(port));
  };
  const stopRedis = async () => {
    const s = server;
    server = null;
    if (!s || s.exitCode !== null) return;
    await new Promise((r) => (s.once('exit', r), s.kill('SIGKILL')));
  };
  afterAll(async () => {
    for (const p of procs) await p.stop();
    await stopRedis();
  });

  it('serves local viewers while Redis is down, warns once, and relays again once it is back', async () => {
    const port = await freePort();
    await startRedis(port);
    const url = `redis://127.0.0.1:${port}`;
    const [x, y] = [await new Proc(url, `${prefix}-x`).start(), await new Proc(url, `${prefix}-y`).start()];
    procs.push(x, y);
    await relaying(procs);
    const r = room();
    const vx = await x.viewer(r, 'dx');
    const vy = await y.viewer(r, 'dy');
    vx.send({ t: 'comment', text: 'before' });
    await vy.waitFor((m) => comment(m, 'before'));

    let retries = 0;
    x.redis.client.on('reconnecting', () => retries++);
    await stopRedis();
    await eventually(() => !x.relay.healthy && !y.relay.healthy);
    vx.send({ t: 'comment', text: 'during' });
    vx.send({ t: 'like', n: 3 });
    await vx.waitFor((m) => comment(m, 'during'));
    await vx.waitFor((m) => m.t === 'likes' && m.total === 3);
    await eventually(() => retries >= 3); // several failed reconnects…
    expect(x.warnings().filter((l) => l.msg.startsWith('redis unavailable'))).toHaveLength(1); // …one warning
    expect(x.warnings()).toHaveLength(1);

    await startRedis(port);
    await relaying(procs);
    expect(x.lines.filter((l) => l.msg.startsWith('redis is back'))).toHaveLength(1);
    vx.send({ t: 'comment', text: 'after' });
    await vy.waitFor((m) => comment(m, 'after'));
    expect(vy.comments()).not.toContain('during');
  });

  it('never logs the password in REDIS_URL', async () => {
    expect(redactRedisUrl('redis://user:s3cret@db.internal:6379/0')).toBe('redis://user:***@db.internal:6379/0');
    const p = new Proc(`redis://user:s3cret@127.0.0.1:${await freePort()}`, `${prefix}-pw`);
    procs.push(p);
    await eventually(() => p.warnings().length > 0);
    expect(JSON.stringify(p.lines)).not.toContain('s3cret');
    expect(p.relay.commentWindow('u', 3, 1000)).toBeNull(); // unavailable: the hub's own window decides
  });
});
