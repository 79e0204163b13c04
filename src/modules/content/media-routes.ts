// Serving a video's HLS and poster. A revision's files never change, so public ones are cached
// for good; a hidden or unfinished video is served only to its author, and never cached publicly.
import { Type } from '@sinclair/typebox';
import type { FastifyReply } from 'fastify';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../../platform/errors.ts';
import { Id, Strict } from '../../platform/http/schemas.ts';
import type { App } from '../../platform/http/server.ts';
import { isPublic, type VideoService } from './videos.ts';

const TYPES: Record<string, string> = { m3u8: 'application/vnd.apple.mpegurl', ts: 'video/mp2t', jpg: 'image/jpeg' };
const missing = () => new AppError('not_found', 'Not found', 'path');

export function videoMediaRoutes(app: App, videos: VideoService): void {
  const serve = async (videoId: string, rev: number, parts: string[], viewerId: string | null, reply: FastifyReply) => {
    const row = await videos.row(videoId);
    if (!row || row.source_rev !== rev || row.status !== 'ready') throw missing();
    const open = isPublic(row);
    if (!open && row.author_id !== viewerId) throw missing();
    const file = join(videos.dir, videoId, String(rev), ...parts);
    const size = await stat(file).then((s) => s.size, () => -1);
    if (size < 0) throw missing();
    void reply.header('cache-control', open ? 'public, max-age=31536000, immutable' : 'private, no-store');
    void reply.header('x-content-type-options', 'nosniff');
    void reply.header('access-control-allow-origin', '*');
    void reply.header('content-length', String(size));
    return reply.type(TYPES[parts.at(-1)!.split('.').pop()!]!).send(createReadStream(file));
  };
  const base = { videoId: Id(), rev: Type.Integer({ minimum: 1 }) };
  app.get(
    '/media/videos/:videoId/:rev/:file',
    { config: { access: 'public' }, schema: { hide: true, params: Strict({ ...base, file: Type.Union([Type.Literal('master.m3u8'), Type.Literal('poster.jpg')]) }) } },
    async (req, reply) => serve(req.params.videoId, req.params.rev, [req.params.file], req.principal?.userId ?? null, reply),
  );
  app.get(
    '/media/videos/:videoId/:rev/:rendition/:file',
    {
      config: { access: 'public' },
      schema: { hide: true, params: Strict({ ...base, rendition: Type.String({ pattern: '^[0-9]$' }), file: Type.String({ pattern: '^(index\\.m3u8|seg_[0-9]{3,6}\\.ts)$' }) }) },
    },
    async (req, reply) => serve(req.params.videoId, req.params.rev, [req.params.rendition, req.params.file], req.principal?.userId ?? null, reply),
  );
}
