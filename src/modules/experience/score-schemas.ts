// Route schemas of the store experience score and creator reputation.
import { Type, type TSchema } from '@sinclair/typebox';
import { Id, Page, PageQuery, Strict } from '../../platform/http/schemas.ts';
import { METRIC_KEYS } from './score.ts';

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Dim = Type.Union([Type.Literal('goods'), Type.Literal('logistics'), Type.Literal('service')]);
const MetricKey = Type.Union(METRIC_KEYS.map((k) => Type.Literal(k)));

export const MetricScoreSchema = Type.Object({
  metric: MetricKey,
  dimension: Dim,
  higherIsBetter: Type.Boolean(),
  value: Nullable(Type.Number({ description: 'Rates 0–1; deliveryHours and refundHours in hours; imResponseSeconds in seconds; null without data in the window' })),
  percentile: Nullable(Type.Number({ description: 'Rank among the peers, 0 (worst) – 1 (best)' })),
  points: Nullable(Type.Number({ description: '0–100' })),
  hint: Nullable(
    Type.Object({
      metric: MetricKey,
      value: Type.Number(),
      peerMedian: Type.Number(),
      target: Nullable(Type.Number({ description: 'The value to reach (the peers’ median); null when already there' })),
      gain: Type.Number({ description: 'About how many points the total would gain by reaching the target' }),
    }),
  ),
});

const Dimensions = Type.Object({ goods: Nullable(Type.Number()), logistics: Nullable(Type.Number()), service: Nullable(Type.Number()) });

export const ScoreRowSchema = Type.Object({
  storeId: Type.String(),
  day: Type.String({ description: 'The China day computed' }),
  score: Nullable(Type.Number({ description: '0–100, two decimals; null when not scored' })),
  reason: Nullable(Type.String({ description: 'not_enough_orders or no_data when not scored' })),
  categoryId: Nullable(Type.String({ description: 'The store’s main root category' })),
  peerGroup: Nullable(Type.String({ description: 'category, or all when the category has fewer than EXPERIENCE_MIN_PEERS scored stores' })),
  peers: Type.Integer(),
  orders: Type.Integer({ description: 'Paid orders in the window' }),
  dimensions: Dimensions,
  metrics: Type.Array(MetricScoreSchema),
  computedAt: Type.String(),
});

export const MyScoreSchema = Type.Object({
  current: Nullable(ScoreRowSchema),
  history: Type.Array(Type.Object({ day: Type.String(), score: Nullable(Type.Number()) }), { description: 'One point per computed day, the last 90 days, oldest first' }),
  policy: Type.Object({
    windowDays: Type.Integer(),
    halfLifeDays: Type.Number(),
    minOrders: Type.Integer(),
    dimensionWeights: Type.Record(Type.String(), Type.Number()),
    metricWeights: Type.Record(Type.String(), Type.Number()),
  }),
});

export const PublicScoreSchema = Type.Object({
  storeId: Type.String(),
  score: Nullable(Type.Integer({ description: 'Rounded; null when not scored' })),
  dimensions: Type.Object({ goods: Nullable(Type.Integer()), logistics: Nullable(Type.Integer()), service: Nullable(Type.Integer()) }),
  day: Nullable(Type.String()),
});

export const RecomputeBody = Strict({ storeIds: Type.Optional(Type.Array(Id(), { maxItems: 1000, description: 'Only these stores’ rows (all peers are still compared); default all' })) });
export const RecomputeResult = Type.Object({ day: Type.String(), stores: Type.Integer(), changed: Type.Integer() });

export const OpsScoresQuery = Strict({
  categoryId: Type.Optional(Id('Stores whose main root category is this')),
  min: Type.Optional(Type.Number({ minimum: 0, maximum: 100 })),
  max: Type.Optional(Type.Number({ minimum: 0, maximum: 100 })),
  scored: Type.Optional(Type.Boolean({ description: 'true: only scored stores; false: only unscored' })),
  ...PageQuery,
});
export const ScorePage = Page(ScoreRowSchema);

export const ReputationSchema = Type.Object({
  creatorId: Type.String(),
  score: Nullable(Type.Number({ description: '0–100, one decimal; null with fewer than EXPERIENCE_MIN_ORDERS orders' })),
  reason: Nullable(Type.String()),
  orders: Type.Integer(),
  returnRate: Nullable(Type.Number()),
  complaintRate: Nullable(Type.Number()),
  nps: Nullable(Type.Integer()),
  npsResponses: Type.Integer(),
  parts: Type.Object({ returns: Nullable(Type.Number()), complaints: Nullable(Type.Number()), nps: Nullable(Type.Number()) }),
});
