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

const mode = process.argv.includes('bare') ? 'bare' : 'hub';
const send = (msg: unknown) => {
  if (process.connected) process.send?.(msg);
};
let interactions = 0;
let close: () => Promise<void>;

if (mode === 'hub') {
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
