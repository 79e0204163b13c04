// The room's WebSocket and its HLS. Viewers join signed in (session cookie or bearer token) or
// anonymously (watch only); banned viewers are refused; a room that is over closes at once.
import websocket from '@fastify/websocket';
import { Type } from '@sinclair/typebox';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../../platform/errors.ts';
import { Id, Strict } from '../../platform/http/schemas.ts';
import type { App } from '../../platform/http/server.ts';
import { CLOSE_CODES, MAX_CLIENT_FRAME_BYTES } from './protocol.ts';
import type { Live } from './live.ts';

const CLOSE_BANNED = CLOSE_CODES.kicked;
const CLOSE_ENDED = CLOSE_CODES.ended;
const CLOSE_MISSING = CLOSE_CODES.missing;

export async function liveSocketRoutes(app: App, live: Live, profiles: (ids: string[]) => Promise<Map<string, { displayName: string }>>): Promise<void> {
  const joins = new WeakMap<object, { refuse: [number, string] | null; viewer: { userId: string | null; name: string }; state: unknown }>();
  await app.register(websocket, { options: { maxPayload: MAX_CLIENT_FRAME_BYTES * 2 } });
  // Everything asynchronous happens before the upgrade (preValidation), so the handler joins the
  // hub at once: a message sent right after the socket opens is never lost.
  app.get(
    '/ws/live/rooms/:roomId',
    {
      websocket: true,
      config: { access: 'public' },
      schema: { hide: true, params: Strict({ roomId: Id() }) },
      preValidation: async (req) => {
        const { roomId } = req.params as { roomId: string };
        const userId = req.principal?.userId ?? null;
        const row = await live.rooms.row(roomId);
        let refuse: [number, string] | null = !row ? [CLOSE_MISSING, 'no such room'] : row.status === 'ended' ? [CLOSE_ENDED, 'ended'] : null;
        if (!refuse) await live.sanctions.load(roomId);
        if (!refuse && userId && live.sanctions.check(roomId, userId) === 'banned') refuse = [CLOSE_BANNED, 'banned'];
        const name = userId && !refuse ? ((await profiles([userId])).get(userId)?.displayName ?? '') : '';
        joins.set(req, { refuse, viewer: { userId, name }, state: refuse ? null : await live.rooms.state(roomId, row!) });
      },
    },
    (socket, req) => {
      const { roomId } = req.params as { roomId: string };
      const join = joins.get(req);
      if (!join) return socket.close(CLOSE_MISSING, 'no such room');
      if (join.refuse) return socket.close(join.refuse[0], join.refuse[1]);
      live.hub.join(roomId, socket, join.viewer, join.state);
    },
  );

  // Live HLS: the playlist changes every second (never cached); a segment never changes.
  app.get(
    '/media/live/:roomId/:file',
    { config: { access: 'public' }, schema: { hide: true, params: Strict({ roomId: Id(), file: Type.String({ pattern: '^(index\\.m3u8|seg-[0-9]{1,8}\\.ts)$' }) }) } },
    async (req, reply) => {
      const row = await live.rooms.row(req.params.roomId);
      if (!row || row.status !== 'live') throw new AppError('not_found', 'This room is not live', 'roomId');
      const file = join(live.hlsDir, req.params.roomId, req.params.file);
      const size = await stat(file).then((s) => s.size, () => -1);
      if (size < 0) throw new AppError('not_found', 'Not found', 'file');
      const playlist = req.params.file.endsWith('.m3u8');
      void reply.header('cache-control', playlist ? 'no-cache' : 'public, max-age=60');
      void reply.header('content-length', String(size));
      void reply.header('x-content-type-options', 'nosniff');
      return reply.type(playlist ? 'application/vnd.apple.mpegurl' : 'video/mp2t').send(createReadStream(file));
    },
  );
}
