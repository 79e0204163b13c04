// The room hub over real sockets: Fastify 5 + @fastify/websocket on a random port, `ws` clients.
// The viewer comes from the query string here only (the platform takes it from the session).
import Fastify, { type FastifyInstance } from 'fastify';
import websocket from '@fastify/websocket';
import { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanCommentText } from './comment-text.ts';
import { RoomHub, type Interaction } from './hub.ts';
import type { ServerMessage } from './protocol.ts';

const muted = new Set<string>();
const banned = new Set<string>();
const interactions: Interaction[] = [];
let hub: RoomHub;
/** A second hub with a small send-buffer limit, for the slow-consumer test. */
let tightHub: RoomHub;
let app: FastifyInstance;
let base = '';

beforeAll(async () => {
  hub = new RoomHub({
    maxCommentChars: 200,
    commentsPerUserPerWindow: 3,
    commentWindowMs: 10_000,
    commentsPerRoomPerSecond: 50,
    likeTickMs: 50,
    viewerTickMs: 50,
    maxBufferedBytes: 1 << 20,
    moderation: (_roomId, userId) => (banned.has(userId) ? 'banned' : muted.has(userId) ? 'muted' : 'ok'),
    onInteractions: (batch) => interactions.push(...batch),
  });
  tightHub = new RoomHub({ maxCommentChars: 200, commentsPerUserPerWindow: 3, commentWindowMs: 10_000, commentsPerRoomPerSecond: 50, likeTickMs: 50, viewerTickMs: 50, maxBufferedBytes: 64 * 1024, moderation: () => 'ok' });
  app = Fastify();
  await app.register(websocket, { options: { maxPayload: 64 * 1024 } });
  app.get<{ Params: { roomId: string }; Querystring: { user?: string; name?: string } }>('/ws/rooms/:roomId', { websocket: true }, (socket, req) => {
    const { user, name } = req.query;
    hub.join(req.params.roomId, socket, { userId: user ?? null, name: name ?? user ?? '游客' }, { pinned: null });
  });
  app.get<{ Params: { roomId: string }; Querystring: { user?: string } }>('/ws/tight/:roomId', { websocket: true }, (socket, req) => {
    tightHub.join(req.params.roomId, socket, { userId: req.query.user ?? null, name: 'x' }, null);
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.server.address();
  if (!addr || typeof addr === 'string') throw new Error('no port');
  base = `ws://127.0.0.1:${addr.port}`;
});

afterAll(async () => {
  hub.close();
  tightHub.close();
  await app.close();
});

/** A viewer socket that keeps every message it receives, for `waitFor`. */
class TestViewer {
  readonly messages: ServerMessage[] = [];
  closed: { code: number } | null = null;
  private waiters: Array<() => void> = [];
  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      this.messages.push(JSON.parse(String(data)) as ServerMessage);
      this.wake();
    });
    ws.on('close', (code) => {
      this.closed = { code };
      this.wake();
    });
  }

  static async connect(roomId: string, user?: string, route = 'rooms'): Promise<TestViewer> {
    const ws = new WebSocket(`${base}/ws/${route}/${roomId}${user ? `?user=${user}&name=${encodeURIComponent(`观众${user}`)}` : ''}`);
    const v = new TestViewer(ws);
    await v.waitFor((m) => m.t === 'hello');
    return v;
  }

  send(msg: unknown): void {
    this.ws.send(typeof msg === 'string' ? msg : JSON.stringify(msg));
  }

  /** Resolves with the first message received so far (or later) that matches. */
  waitFor<T extends ServerMessage['t']>(pred: (m: ServerMessage) => boolean, t?: T, ms = 5000): Promise<Extract<ServerMessage, { t: T }>> {
    return this.until(() => this.messages.find((m) => (t === undefined || m.t === t) && pred(m)) as Extract<ServerMessage, { t: T }> | undefined, ms, 'message');
  }

  waitClosed(ms = 5000): Promise<{ code: number }> {
    return this.until(() => this.closed ?? undefined, ms, 'close');
  }

  of<T extends ServerMessage['t']>(t: T): Array<Extract<ServerMessage, { t: T }>> {
    return this.messages.filter((m): m is Extract<ServerMessage, { t: T }> => m.t === t);
  }

  private until<R>(check: () => R | undefined, ms: number, what: string): Promise<R> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}; got ${JSON.stringify(this.messages)}`)), ms);
      const attempt = () => {
        const r = check();
        if (r === undefined) return false;
        clearTimeout(timer);
        resolve(r);
        return true;
      };
      if (attempt()) return;
      const waiter = () => {
        if (attempt()) this.waiters = this.waiters.filter((w) => w !== waiter);
      };
      this.waiters.push(waiter);
    });
  }

  private wake(): void {
    for (const w of [...this.waiters]) w();
  }
}

/** Polls until `cond` holds (for hub output that arrives on a timer, like interaction batches). */
async function eventually(cond: () => boolean, ms = 5000): Promise<void> {
  const until = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > until) throw new Error('timed out waiting for a condition');
    await new Promise((r) => setTimeout(r, 10));
  }
}

let roomSeq = 0;
const room = () => `room-${++roomSeq}`;

describe('RoomHub over WebSockets', () => {
  it('says hello with the room id, viewer count, like total and state', async () => {
    const r = room();
    const a = await TestViewer.connect(r, 'hello-a');
    const hello = await a.waitFor(() => true, 'hello');
    expect(hello).toEqual({ t: 'hello', roomId: r, viewers: 1, likes: 0, state: { pinned: null }, recent: [] });
    hub.setState(r, { pinned: { productId: 'p1', title: '山货礼盒' } });
    await a.waitFor(() => true, 'state');
    const b = await TestViewer.connect(r, 'hello-b');
    expect(await b.waitFor(() => true, 'hello')).toEqual({ t: 'hello', roomId: r, viewers: 2, likes: 0, state: { pinned: { productId: 'p1', title: '山货礼盒' } }, recent: [] });
    expect(hub.viewers(r)).toBe(2);
  });

  it('fans a comment out to everyone, as the same plain text (no HTML interpretation)', async () => {
    const r = room();
    const a = await TestViewer.connect(r, 'ca');
    const b = await TestViewer.connect(r, 'cb');
    for (const text of ['这个好看吗？👍', '<script>alert(1)</script>']) {
      const before = Date.now();
      a.send({ t: 'comment', text });
      const got = await b.waitFor((m) => m.t === 'comment' && m.text === text, 'comment');
      expect(got.user).toEqual({ id: 'ca', name: '观众ca' });
      expect(got.text).toBe(text);
      expect(got.at).toBeGreaterThanOrEqual(before - 5);
      expect(typeof got.id).toBe('string');
      await a.waitFor((m) => m.t === 'comment' && m.id === got.id); // the sender gets it too
    }
    await eventually(() => interactions.filter((i) => i.roomId === r && i.kind === 'comment' && i.userId === 'ca').length === 2);
    // Someone joining later finds the latest comments in hello.
    const late = await TestViewer.connect(r, 'late');
    const hello = await late.waitFor(() => true, 'hello');
    expect((hello.recent as Array<{ text: string }>).map((c) => c.text)).toEqual(['这个好看吗？👍', '<script>alert(1)</script>']);
    expect(interactions.some((i) => i.roomId === r && i.kind === 'join' && i.userId === 'cb')).toBe(true);
  });

  it('aggregates likes into a total, in fewer messages than likes', async () => {
    const r = room();
    const a = await TestViewer.connect(r, 'la');
    const b = await TestViewer.connect(r, 'lb');
    for (let i = 0; i < 5; i++) {
      a.send({ t: 'like', n: 1 });
      b.send({ t: 'like', n: 1 });
    }
    await a.waitFor((m) => m.t === 'likes' && m.total === 10);
    await b.waitFor((m) => m.t === 'likes' && m.total === 10);
    expect(a.of('likes').length).toBeLessThan(10);
    expect(hub.likes(r)).toBe(10);
    await eventually(() => interactions.filter((i) => i.roomId === r && i.kind === 'like').reduce((s, i) => s + (i.n ?? 0), 0) === 10);
    expect(interactions.filter((i) => i.roomId === r && i.kind === 'like').length).toBeLessThan(10);
  });

  it('sends viewer counts as people come and go', async () => {
    const r = room();
    const a = await TestViewer.connect(r, 'va');
    const b = await TestViewer.connect(r, 'vb');
    const two = await a.waitFor((m) => m.t === 'viewers' && m.n === 2);
    b.ws.close();
    // The count after b left: a tick before b joined may already have told a "1".
    await a.waitFor((m) => m.t === 'viewers' && m.n === 1 && a.messages.indexOf(m) > a.messages.indexOf(two));
    expect(hub.viewers(r)).toBe(1);
  });

  it('rate-limits comments per user, with a retry delay', async () => {
    const r = room();
    const a = await TestViewer.connect(r, 'fast');
    for (let i = 1; i <= 4; i++) a.send({ t: 'comment', text: `第${i}条` });
    const err = await a.waitFor((m) => m.t === 'error', 'error');
    expect(err.code).toBe('rate_limited');
    expect(err.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(err.retryAfterSeconds).toBeLessThanOrEqual(10);
    await a.waitFor((m) => m.t === 'comment' && m.text === '第3条');
    expect(a.of('comment').map((m) => m.text)).not.toContain('第4条');
  });

  it('refuses empty and over-long comments (counting code points) and cleans control characters', async () => {
    const r = room();
    const a = await TestViewer.connect(r, 'longa');
    a.send({ t: 'comment', text: '😀'.repeat(201) });
    expect((await a.waitFor((m) => m.t === 'error', 'error')).code).toBe('too_long');
    a.send({ t: 'comment', text: ' \u0000\n\t ' });
    await a.waitFor((m) => m.t === 'error' && m.code === 'empty');
    a.send({ t: 'comment', text: '😀'.repeat(200) });
    await a.waitFor((m) => m.t === 'comment' && m.text === '😀'.repeat(200));
    expect(cleanCommentText('  hi\u0000\u202Ethere\n世界👨‍👩‍👧\u0007 ', 200)).toEqual({ ok: true, text: 'hithere 世界👨‍👩‍👧' });
    expect(cleanCommentText('\u0001\u0002', 200)).toEqual({ ok: false, code: 'empty' });
    expect(cleanCommentText('a\ud800b', 200)).toEqual({ ok: true, text: 'ab' });
  });

  it('tells a muted user so and delivers the comment to nobody', async () => {
    const r = room();
    muted.add('mutey');
    const m = await TestViewer.connect(r, 'mutey');
    const b = await TestViewer.connect(r, 'mb');
    m.send({ t: 'comment', text: 'buy my stuff elsewhere' });
    expect((await m.waitFor((x) => x.t === 'error', 'error')).code).toBe('muted');
    b.send({ t: 'comment', text: 'after' });
    await b.waitFor((x) => x.t === 'comment' && x.text === 'after');
    await m.waitFor((x) => x.t === 'comment' && x.text === 'after');
    expect([...b.of('comment'), ...m.of('comment')].map((x) => x.text)).not.toContain('buy my stuff elsewhere');
  });

  it('asks anonymous viewers to sign in before commenting or liking', async () => {
    const r = room();
    const anon = await TestViewer.connect(r);
    anon.send({ t: 'comment', text: 'hi' });
    expect((await anon.waitFor((m) => m.t === 'error', 'error')).code).toBe('sign_in_required');
    anon.send({ t: 'like', n: 3 });
    await anon.waitFor(() => anon.of('error').length === 2);
    expect(anon.of('error').map((e) => e.code)).toEqual(['sign_in_required', 'sign_in_required']);
    expect(hub.likes(r)).toBe(0);
  });

  it('kick closes only that user’s sockets; a banned verdict removes the commenter', async () => {
    const r = room();
    const k1 = await TestViewer.connect(r, 'kim');
    const k2 = await TestViewer.connect(r, 'kim');
    const other = await TestViewer.connect(r, 'stay');
    hub.kick(r, 'kim');
    expect((await k1.waitClosed()).code).toBe(4003);
    expect((await k2.waitClosed()).code).toBe(4003);
    other.send({ t: 'ping' });
    await other.waitFor((m) => m.t === 'pong');
    expect(hub.viewers(r)).toBe(1);

    banned.add('bad');
    const bad = await TestViewer.connect(r, 'bad');
    bad.send({ t: 'comment', text: 'spam' });
    expect((await bad.waitFor((m) => m.t === 'error', 'error')).code).toBe('banned');
    expect((await bad.waitClosed()).code).toBe(4003);
  });

  it('end sends ended and closes every socket of the room', async () => {
    const r = room();
    const viewers = await Promise.all([TestViewer.connect(r, 'e1'), TestViewer.connect(r, 'e2'), TestViewer.connect(r)]);
    hub.end(r);
    for (const v of viewers) {
      await v.waitFor((m) => m.t === 'ended');
      expect((await v.waitClosed()).code).toBe(4000);
    }
    expect(hub.viewers(r)).toBe(0);
  });

  it('answers bad JSON, unknown types, bad likes and oversized frames with bad_message and stays usable', async () => {
    const r = room();
    const a = await TestViewer.connect(r, 'badjson');
    const bad = ['{not json', JSON.stringify({ t: 'dance' }), JSON.stringify([1, 2]), JSON.stringify({ t: 'like', n: 51 }), JSON.stringify({ t: 'like', n: 1.5 }), JSON.stringify({ t: 'comment', text: 'x'.repeat(5000) })];
    for (const frame of bad) a.send(frame);
    await a.waitFor(() => a.of('error').length === bad.length);
    expect(a.of('error').map((e) => e.code)).toEqual(bad.map(() => 'bad_message'));
    a.ws.send(Buffer.from([1, 2, 3]), { binary: true });
    await a.waitFor(() => a.of('error').length === bad.length + 1);
    a.send({ t: 'ping' });
    await a.waitFor((m) => m.t === 'pong');
    a.send({ t: 'comment', text: 'still here' });
    await a.waitFor((m) => m.t === 'comment' && m.text === 'still here');
    expect(a.closed).toBeNull();
  });

  it('cuts off a viewer who stops reading, and keeps delivering to the others', async () => {
    const r = room();
    const slow = await TestViewer.connect(r, 'slow', 'tight');
    const fast = await TestViewer.connect(r, 'fast', 'tight');
    slow.ws.pause(); // stops reading: the server's send buffer for it fills up
    const big = 'x'.repeat(512 * 1024); // > 64 KiB: also exercises the 8-byte frame length
    let pushed = 0;
    while (!slow.closed && pushed < 400) {
      tightHub.setState(r, { seq: ++pushed, big });
      await fast.waitFor((m) => m.t === 'state' && (m.state as { seq: number }).seq === pushed);
    }
    slow.ws.resume();
    await slow.waitClosed();
    expect(tightHub.viewers(r)).toBe(1);
    expect(fast.closed).toBeNull();
    expect(fast.of('state').map((m) => (m.state as { seq: number }).seq)).toEqual(Array.from({ length: pushed }, (_, i) => i + 1));
  });
});
