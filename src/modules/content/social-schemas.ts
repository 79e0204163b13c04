// API shapes of the social side of content: following creators and comments on videos.
import { Type, type Static } from '@sinclair/typebox';
import { Id, PageQuery, Strict } from '../../platform/http/schemas.ts';

export const CreatorIdParam = Strict({ creatorId: Id() });
export const CommentParams = Strict({ videoId: Id(), commentId: Id() });

/** The same answer as following a store: where the viewer stands and the new count. */
export const FollowResultSchema = Type.Object({ following: Type.Boolean(), followerCount: Type.Integer() });

export const CreatorSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  followerCount: Type.Integer(),
  /** Whether the signed-in viewer follows them (false when signed out). */
  following: Type.Boolean(),
});

export const FollowedCreatorsSchema = Type.Object({
  items: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), followerCount: Type.Integer(), followedAt: Type.String() })),
  total: Type.Integer(),
});
export const FollowedQuery = Strict({ ...PageQuery });

/** Longest comment, in Unicode code points after cleaning (line breaks become spaces, ends trimmed). */
export const COMMENT_MAX_CHARS = 300;

// The schema bounds the body; the 1–300 rule is checked on the cleaned text (so "  好 " is fine
// and a comment of spaces is refused), naming the field `text` either way.
export const CommentInputSchema = Strict({ text: Type.String({ minLength: 1, maxLength: 2000 }) });

export const CommentSchema = Type.Object({
  id: Type.String(),
  videoId: Type.String(),
  author: Type.Object({ id: Type.String(), name: Type.String() }),
  text: Type.String(),
  createdAt: Type.String(),
  /** The viewer may delete it: they wrote it, or it is under their video. */
  canDelete: Type.Boolean(),
});

export const CommentPageSchema = Type.Object({
  items: Type.Array(CommentSchema),
  /** Pass back as `cursor` for older comments; null at the end. */
  nextCursor: Type.Union([Type.String(), Type.Null()]),
  /** All comments on the video (its comment count). */
  total: Type.Integer(),
});

export const CommentQuery = Strict({
  limit: Type.Integer({ minimum: 1, maximum: 50, default: 20 }),
  cursor: Type.Optional(Type.String({ maxLength: 200, pattern: '^[A-Za-z0-9_-]*$' })),
});

export type Creator = Static<typeof CreatorSchema>;
export type FollowedCreators = Static<typeof FollowedCreatorsSchema>;
export type Comment = Static<typeof CommentSchema>;
export type CommentPage = Static<typeof CommentPageSchema>;
