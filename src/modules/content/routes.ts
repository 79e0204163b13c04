import { Type } from '@sinclair/typebox';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../../platform/errors.ts';
import { requirePrincipal } from '../../platform/http/access.ts';
import { Id, PageQuery, Strict } from '../../platform/http/schemas.ts';
import type { App } from '../../platform/http/server.ts';
import type { VideoEngagement } from './engagement.ts';
import { VideoIdParam, VideoInputSchema, VideoPageSchema, VideoPatchSchema, VideoSchema, VideoStatusSchema } from './schemas.ts';
import type { VideoUploads } from './upload.ts';
import type { VideoService } from './videos.ts';

const tags = ['content'];
const authors = { access: ['creator', 'merchant'] } as const;

export function videoRoutes(app: App, videos: VideoService, uploads: VideoUploads, engagement: VideoEngagement, maxBytes: number): void {
  app.post(
    '/api/v1/videos',
    { config: authors, schema: { tags, summary: 'Create a short video (then upload its file to /source)', body: VideoInputSchema, response: { 201: VideoSchema } } },
    async (req, reply) => reply.status(201).send(await videos.create(requirePrincipal(req).userId, req.body)),
  );

  app.put(
    '/api/v1/videos/:videoId/source',
    {
      config: authors,
      schema: {
        tags,
        summary: "Upload the video's file (multipart field \"file\"); checked by content, then transcoded in the background",
        consumes: ['multipart/form-data'],
        params: VideoIdParam,
        response: { 202: VideoSchema },
      },
    },
    async (req, reply) => {
      const userId = requirePrincipal(req).userId;
      // Ownership and state first, so a stranger's upload is refused before a byte is stored.
      await uploads.assertAccepting(req.params.videoId, userId);
      if (!req.isMultipart()) throw new AppError('unsupported_media_type', 'Send the video as multipart/form-data', 'file');
      // One part only, named "file", streamed to disk as it arrives; any other part is an unknown field.
      const tmp = await uploads.tempPath(req.params.videoId);
      let bytes = -1;
      let problem: AppError | null = null;
      try {
        for await (const part of req.parts({ limits: { fileSize: maxBytes, files: 1 } })) {
          if (problem || part.type !== 'file' || part.fieldname !== 'file' || bytes >= 0) {
            problem ??= new AppError('validation_failed', 'unknown field', part.fieldname, [{ field: part.fieldname, message: 'unknown field' }]);
            // Read the rest of the request to its end, so the answer is not held up by a stalled upload.
            if (part.type === 'file') part.file.resume();
            continue;
          }
          bytes = 0;
          part.file.on('data', (c: Buffer) => (bytes += c.length));
          await pipeline(part.file, createWriteStream(tmp));
          if (part.file.truncated) problem = new AppError('payload_too_large', `The video is larger than ${Math.floor(maxBytes / 1024 / 1024)} MB`, 'file');
        }
        if (problem) throw problem;
        if (bytes < 0) throw new AppError('validation_failed', 'The multipart field "file" is required', 'file', [{ field: 'file', message: 'required' }]);
      } catch (e) {
        await rm(tmp, { force: true });
        // The multipart parser ends an over-long file with an error of its own: name the field.
        if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('payload_too_large', `The video is larger than ${Math.floor(maxBytes / 1024 / 1024)} MB`, 'file');
        throw e;
      }
      return reply.status(202).send(await uploads.accept(req.params.videoId, userId, tmp, bytes));
    },
  );

  app.get(
    '/api/v1/me/videos',
    { config: authors, schema: { tags, summary: 'My videos, in any state', querystring: Strict({ status: Type.Optional(VideoStatusSchema), ...PageQuery }), response: { 200: VideoPageSchema } } },
    async (req) => videos.listMine(requirePrincipal(req).userId, req.query),
  );

  app.get(
    '/api/v1/videos',
    {
      config: { access: 'public' },
      schema: { tags, summary: 'Published videos, newest first', querystring: Strict({ authorId: Type.Optional(Id()), productId: Type.Optional(Id()), ...PageQuery }), response: { 200: VideoPageSchema } },
    },
    async (req) => videos.listPublic(req.query, req.principal?.userId ?? null),
  );

  app.get(
    '/api/v1/videos/:videoId',
    { config: { access: 'public' }, schema: { tags, summary: 'A video (its author sees it in any state)', params: VideoIdParam, response: { 200: VideoSchema } } },
    async (req) => videos.get(req.params.videoId, req.principal?.userId ?? null),
  );

  app.patch(
    '/api/v1/videos/:videoId',
    { config: authors, schema: { tags, summary: 'Edit, link goods, hide or show', params: VideoIdParam, body: VideoPatchSchema, response: { 200: VideoSchema } } },
    async (req) => videos.update(req.params.videoId, requirePrincipal(req).userId, req.body),
  );

  app.delete(
    '/api/v1/videos/:videoId',
    { config: authors, schema: { tags, summary: 'Delete a video and its files', params: VideoIdParam, response: { 204: Type.Null() } } },
    async (req, reply) => {
      await videos.remove(req.params.videoId, requirePrincipal(req).userId);
      return reply.status(204).send(null);
    },
  );

  const Liked = Type.Object({ liked: Type.Boolean(), likeCount: Type.Integer() });
  app.put('/api/v1/videos/:videoId/like', { config: { access: 'user' }, schema: { tags, summary: 'Like', params: VideoIdParam, response: { 200: Liked } } }, async (req) =>
    engagement.like(req.params.videoId, requirePrincipal(req).userId, true),
  );
  app.delete('/api/v1/videos/:videoId/like', { config: { access: 'user' }, schema: { tags, summary: 'Take a like back', params: VideoIdParam, response: { 200: Liked } } }, async (req) =>
    engagement.like(req.params.videoId, requirePrincipal(req).userId, false),
  );

  app.post(
    '/api/v1/videos/:videoId/views',
    {
      config: { access: 'public' },
      schema: { tags, summary: 'Report a play and how long it was watched (counted once per viewer and video every 30 s)', params: VideoIdParam, body: Strict({ watchMs: Type.Integer({ minimum: 0, maximum: 6 * 3600 * 1000 }) }), response: { 204: Type.Null() } },
    },
    async (req, reply) => {
      await engagement.view(req.params.videoId, { userId: req.principal?.userId ?? null, address: req.ip }, req.body.watchMs);
      return reply.status(204).send(null);
    },
  );
}
