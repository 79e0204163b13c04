// The feed's API shapes: pages of content with a product card and a reason, goods with a
// reason, the author's view of a video's traffic pool, and the operator's distribution settings.
import { Type, type Static } from '@sinclair/typebox';
import { Id, Strict } from '../../platform/http/schemas.ts';
import { ProductCardSchema } from '../catalog/schemas.ts';
import { VideoSchema } from '../content/schemas.ts';
import { RoomSchema } from '../live/schemas.ts';

export const SOURCES = ['similar', 'interest', 'following', 'fresh', 'campaign', 'popular', 'live'] as const;

export const ReasonSchema = Type.Object({
  /** similar: "because you watched …"; following; interest / popular: "popular in 水果"; fresh: a new creator's content in its first pools; live: on now. */
  source: Type.Union(SOURCES.map((s) => Type.Literal(s))),
  becauseOf: Type.Union([Type.Object({ id: Type.String(), title: Type.String() }), Type.Null()]),
  category: Type.Union([Type.Object({ id: Type.String(), nameZh: Type.String(), nameEn: Type.String() }), Type.Null()]),
  pool: Type.Union([Type.Integer(), Type.Null()]),
  /** Predicted probabilities (p_finish, p_engage, p_tap, p_purchase), similarity, experience factor. */
  factors: Type.Record(Type.String(), Type.Number()),
});

/** Whether the viewer follows the item's author (creator or live host) and its store; false when signed out. */
const Following = { followingAuthor: Type.Boolean(), followingStore: Type.Boolean() };

export const FeedEntrySchema = Type.Union([
  Type.Object({ kind: Type.Literal('video'), id: Type.String(), video: VideoSchema, product: Type.Union([ProductCardSchema, Type.Null()]), reason: ReasonSchema, ...Following }),
  Type.Object({ kind: Type.Literal('live'), id: Type.String(), room: RoomSchema, product: Type.Union([ProductCardSchema, Type.Null()]), reason: ReasonSchema, ...Following }),
]);

export const FeedPageSchema = Type.Object({ items: Type.Array(FeedEntrySchema), nextCursor: Type.String() });

export const GoodsPageSchema = Type.Object({ items: Type.Array(Type.Object({ product: ProductCardSchema, reason: ReasonSchema })) });

export const ViewerQuery = {
  /** Anonymous viewers name their device (the same id they send events with). */
  deviceId: Type.Optional(Type.String({ minLength: 8, maxLength: 64, pattern: '^[A-Za-z0-9_.-]+$' })),
};

export const FeedQuerySchema = Strict({
  limit: Type.Integer({ minimum: 1, maximum: 30, default: 10 }),
  cursor: Type.Optional(Type.String({ maxLength: 200, pattern: '^[A-Za-z0-9_-]*$' })),
  ...ViewerQuery,
});

export const GoodsQuerySchema = Strict({ limit: Type.Integer({ minimum: 1, maximum: 50, default: 20 }), ...ViewerQuery });
export const RelatedQuerySchema = Strict({ limit: Type.Integer({ minimum: 1, maximum: 50, default: 12 }) });

export const PoolStatusSchema = Type.Object({
  videoId: Type.String(),
  /** 0 = the first pool. */
  level: Type.Integer(),
  status: Type.Union([Type.Literal('testing'), Type.Literal('held'), Type.Literal('graduated')]),
  poolSize: Type.Union([Type.Integer(), Type.Null()]),
  impressionsInPool: Type.Integer(),
  impressions: Type.Integer(),
  rates: Type.Object({ finish: Type.Number(), engage: Type.Number(), tap: Type.Number(), negative: Type.Number() }),
  /** The last judgement: this video's weighted rate and its peers' median at that level. */
  lastScore: Type.Union([Type.Number(), Type.Null()]),
  peerMedian: Type.Union([Type.Number(), Type.Null()]),
  /** Pool sizes by level, for the studio's ladder. */
  levels: Type.Array(Type.Integer()),
});

const Value = Type.Number({ minimum: 0, maximum: 1000 });
export const DistributionSettingsSchema = Strict({
  objective: Strict({ finish: Value, engage: Value, tap: Value, purchase: Value }),
  pools: Strict({
    sizes: Type.Array(Type.Integer({ minimum: 1, maximum: 100_000_000 }), { minItems: 1, maxItems: 8 }),
    promoteRatio: Type.Number({ minimum: 0, maximum: 10 }),
    maxNegativeRate: Type.Number({ minimum: 0, maximum: 1 }),
    slotsPerPage: Type.Integer({ minimum: 0, maximum: 10 }),
  }),
  authorGap: Type.Integer({ minimum: 1, maximum: 20 }),
  categoryPerTen: Type.Integer({ minimum: 1, maximum: 10 }),
  campaignShare: Type.Number({ minimum: 0, maximum: 1 }),
  seenTtlHours: Type.Integer({ minimum: 1, maximum: 24 * 90 }),
});

export const TrainedInfoSchema = Type.Object({
  version: Type.Integer(),
  trainedAt: Type.String({ format: 'date-time' }),
  events: Type.Integer({ description: 'positive signals learned from' }),
  viewers: Type.Integer(),
  items: Type.Integer(),
  ms: Type.Integer({ description: 'training time, on a worker thread' }),
  blend: Type.Number({ description: 'weight of the interest vectors beside the item graph, chosen on held-out items' }),
  vectors: Type.Boolean({ description: 'whether interest vectors were learned (small enough catalogues)' }),
});

export const RetrainResultSchema = Type.Object({ content: Type.Union([TrainedInfoSchema, Type.Null()]), goods: Type.Union([TrainedInfoSchema, Type.Null()]) });

export const DistributionViewSchema = Type.Object({
  settings: DistributionSettingsSchema,
  updatedAt: Type.Union([Type.String(), Type.Null()]),
  engine: Type.Object({
    videos: Type.Integer(),
    liveRooms: Type.Integer(),
    goods: Type.Integer(),
    viewers: Type.Integer(),
    signals: Type.Integer(),
    modelUpdates: Type.Integer(),
    /** The action models' weights by feature (how much each factor moves each prediction). */
    models: Type.Record(Type.String(), Type.Record(Type.String(), Type.Number())),
    /** The last retrain of each engine's model (item graph + interest vectors), null before the first. */
    trained: Type.Object({ content: Type.Union([TrainedInfoSchema, Type.Null()]), goods: Type.Union([TrainedInfoSchema, Type.Null()]) }),
  }),
});

export const VideoIdParams = Strict({ videoId: Id() });
export const ProductIdParams = Strict({ productId: Id() });

export type FeedEntry = Static<typeof FeedEntrySchema>;
export type FeedPage = Static<typeof FeedPageSchema>;
export type Reason = Static<typeof ReasonSchema>;
export type DistributionSettings = Static<typeof DistributionSettingsSchema>;
export type PoolStatus = Static<typeof PoolStatusSchema>;
export type RetrainResult = Static<typeof RetrainResultSchema>;
