// API shapes of short videos: one definition for validation, OpenAPI, the service and the web app.
import { Type, type Static } from '@sinclair/typebox';
import { Id, Strict } from '../../platform/http/schemas.ts';
import { ProductCardSchema } from '../catalog/schemas.ts';

export const VideoIdParam = Strict({ videoId: Id() });

const Title = Type.String({ minLength: 1, maxLength: 100 });
const Tags = Type.Array(Type.String({ minLength: 1, maxLength: 20, pattern: '^[^#\\s,，]+$' }), { maxItems: 10, uniqueItems: true });
const Topic = Type.Union([Type.String({ minLength: 1, maxLength: 30 }), Type.Null()]);
const ProductIds = Type.Array(Id(), { maxItems: 50, uniqueItems: true });

export const VideoInputSchema = Type.Object(
  { title: Title, description: Type.Optional(Type.String({ maxLength: 1000 })), tags: Type.Optional(Tags), topic: Type.Optional(Topic), productIds: Type.Optional(ProductIds) },
  { additionalProperties: false },
);
export const VideoPatchSchema = Type.Object(
  {
    title: Type.Optional(Title),
    description: Type.Optional(Type.String({ maxLength: 1000 })),
    tags: Type.Optional(Tags),
    topic: Type.Optional(Topic),
    productIds: Type.Optional(ProductIds),
    visibility: Type.Optional(Type.Union([Type.Literal('public'), Type.Literal('hidden')])),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const VideoStatusSchema = Type.Union([Type.Literal('awaiting_upload'), Type.Literal('processing'), Type.Literal('ready'), Type.Literal('failed')]);

export const VideoSchema = Type.Object({
  id: Type.String(),
  author: Type.Object({ id: Type.String(), name: Type.String() }),
  title: Type.String(),
  description: Type.String(),
  tags: Type.Array(Type.String()),
  topic: Type.Union([Type.String(), Type.Null()]),
  status: VideoStatusSchema,
  visibility: Type.Union([Type.Literal('public'), Type.Literal('hidden')]),
  /** Why processing failed, as a code the apps translate: transcode_failed, timed_out, damaged (only part decodes), no_picture. */
  failureCode: Type.Union([Type.Literal('transcode_failed'), Type.Literal('timed_out'), Type.Literal('damaged'), Type.Literal('no_picture'), Type.Null()]),
  /** The same in English words, with ffmpeg's last line (file paths removed), for the curious. */
  failureReason: Type.Union([Type.String(), Type.Null()]),
  durationMs: Type.Union([Type.Integer(), Type.Null()]),
  width: Type.Union([Type.Integer(), Type.Null()]),
  height: Type.Union([Type.Integer(), Type.Null()]),
  /** The HLS master playlist and the poster, once ready. */
  hlsUrl: Type.Union([Type.String(), Type.Null()]),
  posterUrl: Type.Union([Type.String(), Type.Null()]),
  renditions: Type.Array(Type.Object({ name: Type.String(), width: Type.Integer(), height: Type.Integer(), averageBps: Type.Integer() })),
  products: Type.Array(ProductCardSchema),
  viewCount: Type.Integer(),
  likeCount: Type.Integer(),
  commentCount: Type.Integer(),
  /** Whether the signed-in viewer liked it (false when signed out). */
  liked: Type.Boolean(),
  publishedAt: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
});

export const VideoPageSchema = Type.Object({ items: Type.Array(VideoSchema), total: Type.Integer() });

export type VideoInput = Static<typeof VideoInputSchema>;
export type VideoPatch = Static<typeof VideoPatchSchema>;
export type Video = Static<typeof VideoSchema>;
export type VideoStatus = Static<typeof VideoStatusSchema>;
