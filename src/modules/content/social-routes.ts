// Routes of the social side of content: following creators (shaped like following a store) and
// comments on videos.
import { Type } from '@sinclair/typebox';
import { requirePrincipal } from '../../platform/http/access.ts';
import type { App } from '../../platform/http/server.ts';
import type { VideoComments } from './comments.ts';
import type { CreatorService } from './creators.ts';
import { VideoIdParam } from './schemas.ts';
import {
  CommentInputSchema, CommentPageSchema, CommentParams, CommentQuery, CommentSchema, CreatorIdParam, CreatorSchema, FollowResultSchema, FollowedCreatorsSchema, FollowedQuery,
} from './social-schemas.ts';

const tags = ['content'];

export function socialRoutes(app: App, creators: CreatorService, comments: VideoComments): void {
  for (const [method, on] of [['PUT', true], ['DELETE', false]] as const) {
    app.route({
      method,
      url: '/api/v1/creators/:creatorId/follow',
      config: { access: 'user' },
      schema: { tags, summary: on ? 'Follow a creator (the author of videos, the host of live rooms)' : 'Unfollow a creator', params: CreatorIdParam, response: { 200: FollowResultSchema } },
      handler: async (req) => creators.follow((req.params as { creatorId: string }).creatorId, requirePrincipal(req).userId, on),
    });
  }

  app.get(
    '/api/v1/creators/:creatorId',
    { config: { access: 'public' }, schema: { tags, summary: 'A creator: name, followers, and whether the viewer follows them', params: CreatorIdParam, response: { 200: CreatorSchema } } },
    async (req) => creators.profile(req.params.creatorId, req.principal?.userId ?? null),
  );

  app.get(
    '/api/v1/me/following/creators',
    { config: { access: 'user' }, schema: { tags, summary: 'The creators I follow, latest first', querystring: FollowedQuery, response: { 200: FollowedCreatorsSchema } } },
    async (req) => creators.listFollowed(requirePrincipal(req).userId, req.query),
  );

  app.post(
    '/api/v1/videos/:videoId/comments',
    {
      config: { access: 'user' },
      schema: { tags, summary: 'Comment on a video (text only, 1–300 characters; a few per minute)', params: VideoIdParam, body: CommentInputSchema, response: { 201: CommentSchema } },
    },
    async (req, reply) => reply.status(201).send(await comments.post(req.params.videoId, requirePrincipal(req).userId, req.body.text)),
  );

  app.get(
    '/api/v1/videos/:videoId/comments',
    { config: { access: 'public' }, schema: { tags, summary: "A video's comments, newest first; pass `nextCursor` back for older ones", params: VideoIdParam, querystring: CommentQuery, response: { 200: CommentPageSchema } } },
    async (req) => comments.list(req.params.videoId, req.principal?.userId ?? null, req.query),
  );

  app.delete(
    '/api/v1/videos/:videoId/comments/:commentId',
    { config: { access: 'user' }, schema: { tags, summary: "Delete a comment (its writer, or the video's author)", params: CommentParams, response: { 204: Type.Null() } } },
    async (req, reply) => {
      await comments.remove(req.params.videoId, req.params.commentId, requirePrincipal(req).userId);
      return reply.status(204).send(null);
    },
  );
}
