// The server side of bench/live-fanout.ts, in its own process (spawned with an IPC channel):
//   --mode hub   Fastify 5 + @fastify/websocket with the RoomHub on /ws/rooms/:roomId
//   --mode bare  a bare `ws` server that stamps `at` and re-broadcasts each comment to everyone
//                (serialised once, same bytes to every socket): the physical floor of the fan-out
// The viewer comes from the query string (`?user=ID`; none = anonymous), as in the hub test.
// Tells the parent {port}; answers {cmd:'stats'} with its CPU time; exits when the parent goes.
import Fastify from 'fastify';
import websocket from '@fastify/websocket';
import { WebSocketServer, type WebSocket } from 'ws';
import { RoomHub } from '../src/modules/live/hub.ts';

export interface ServerStats {
  cpuMs: number;
  rssMb: number;
  interactions: number;
}

const mode = process.argv.includes('bare') ? 'bare' : process.argv.includes('platform') ? 'platform' : 'hub';
const commenterCount = Number(process.argv[process.argv.indexOf('--commenters') + 1] ?? 100);
const send = (msg: unknown) => {
  if (process.connected) process.send?.(msg);
};
let interactions = 0;
let close: () => Promise<void>;

if (mode === 'platform') {
  // The whole platform (embedded database, no RTMP ingest): a merchant's room with a product in
  // its bag, signed-in commenters, and viewers on the real route /ws/live/rooms/:roomId.
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { createPlatform } = await import('../src/main.ts');
  const { loadConfig } = await import('../src/platform/config.ts');
  const dir = mkdtempSync(join(tmpdir(), 'fw-bench-fanout-'));
  const platform = await createPlatform(loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dir, LOG_LEVEL: 'silent', SERVE_WEB: 'false', DEMO_ON_EMPTY: 'false', LIVE_INGEST: 'false' }), { logger: false });
  const url = await platform.listen();
  const s = platform.services;
  const host = await s.identity.register({ email: 'host@bench.test', password: 'bench-password-1', displayName: '压测主播', roles: ['merchant'] });
  const store = await s.stores.create(host.id, { name: '压测直播店' });
  const cat = await s.categories.create({ nameZh: '压测', nameEn: 'Bench' });
  const product = await s.products.create(store.id, host.id, { title: '压测直播间爆款', categoryId: cat.id, status: 'active', attributes: [], options: [], imageIds: [], skus: [{ optionValues: {}, priceFen: 9900, stock: 1000 }] } as Parameters<typeof s.products.create>[2]);
  const room = await s.live.rooms.create(host.id, { title: '压测直播间', storeId: store.id, productIds: [product.id] });
  await s.live.rooms.pin(room.id, host.id, product.id);
  const tokens: string[] = [];
  for (let i = 0; i < commenterCount; i++) {
    const u = await s.identity.register({ email: `c${i}@bench.test`, password: 'bench-password-1', displayName: `观众${i}`, roles: [] });
    tokens.push((await s.identity.createSession(u.id, 'bearer', 'bench')).token);
  }
  send({ port: Number(new URL(url).port), path: `/ws/live/rooms/${room.id}`, tokens });
  close = async () => {
    await platform.close();
    rmSync(dir, { recursive: true, force: true });
  };
} else if (mode === 'hub') {
  const hub = new RoomHub({
    maxCommentChars: 200,
    // Production-like limits: the load stays inside them by spreading comments over many users.
    commentsPerUserPerWindow: 3,
    commentWindowMs: 10_000,
    commentsPerRoomPerSecond: 50,
    likeTickMs: 500,
    viewerTickMs: 1000,
    maxBufferedBytes: 256 * 1024,
    moderation: () => 'ok',
    onInteractions: (batch) => {
      interactions += batch.length;
    },
  });
  const state = { pinned: { productId: 'prd_bench', title: '压测直播间爆款', priceFen: 9900 }, bag: 12, coupons: [], flashSale: null };
  const app = Fastify({ logger: false });
  await app.register(websocket, { options: { maxPayload: 64 * 1024 } });
  app.get<{ Params: { roomId: string }; Querystring: { user?: string } }>('/ws/rooms/:roomId', { websocket: true }, (socket, req) => {
    const user = req.query.user ?? null;
    hub.join(req.params.roomId, socket, { userId: user, name: user ? `观众${user}` : '游客' }, state);
  });
  await app.listen({ port: 0, host: '127.0.0.1', backlog: 4096 });
  const addr = app.server.address();
  send({ port: typeof addr === 'object' && addr ? addr.port : 0 });
  close = async () => {
    hub.close();
    await app.close();
  };
} else {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1', backlog: 4096, maxPayload: 64 * 1024, perMessageDeflate: false });
  await new Promise((r) => wss.once('listening', r));
  let seq = 0;
  wss.on('connection', (socket: WebSocket, req) => {
    const user = new URL(req.url ?? '/', 'http://x').searchParams.get('user');
    socket.on('error', () => {});
    socket.on('message', (data) => {
      let msg: { t?: unknown; text?: unknown };
      try {
        msg = JSON.parse(String(data)) as { t?: unknown; text?: unknown };
      } catch {
        return;
      }
      if (msg.t !== 'comment' || typeof msg.text !== 'string' || !user) return;
      const out = Buffer.from(JSON.stringify({ t: 'comment', id: String(++seq), user: { id: user, name: `观众${user}` }, text: msg.text, at: Date.now() }));
      for (const c of wss.clients) if (c.readyState === 1) c.send(out, { binary: false });
    });
  });
  const addr = wss.address();
  send({ port: typeof addr === 'object' && addr ? addr.port : 0 });
  close = () =>
    new Promise<void>((r) => {
      for (const c of wss.clients) c.terminate();
      wss.close(() => r());
    });
}

process.on('message', (m: { cmd?: string }) => {
  if (m.cmd === 'stats') {
    const cpu = process.cpuUsage();
    const stats: ServerStats = { cpuMs: (cpu.user + cpu.system) / 1000, rssMb: Math.round(process.memoryUsage().rss / 1048576), interactions };
    send(stats);
  }
});
process.on('disconnect', () => {
  void close().finally(() => process.exit(0));
});
