// NPS (experience): the shopper's surveys and the NPS report of operators, stores and creators.
// Checked against the server's schemas by test/e2e/nps.test.ts (at type-check time).
export type SurveyKind = 'order' | 'service';

export interface Survey {
  id: string;
  kind: SurveyKind;
  storeId: string | null;
  storeName: string | null;
  orderId: string | null;
  ticketId: string | null;
  /** The order's first goods title; null for a service ticket without an order. */
  title: string | null;
  itemCount: number;
  imageUrl: string | null;
  issuedAt: string;
  expiresAt: string;
  answer: { score: number; comment: string | null; at: string } | null;
}

export interface SurveyList {
  items: Survey[];
}

export interface SurveyAnswer {
  score: number;
  comment?: string;
}

export interface NpsFigure {
  responses: number;
  promoters: number;
  passives: number;
  detractors: number;
  /** null when nobody answered. */
  nps: number | null;
}

export type NpsScope = 'platform' | 'store' | 'creator' | 'category';
export type NpsBucket = 'day' | 'week';

export interface NpsReport {
  scope: NpsScope;
  id: string | null;
  name: string | null;
  kind: SurveyKind | null;
  from: string;
  to: string;
  bucket: NpsBucket;
  summary: NpsFigure;
  surveys: { issued: number; answered: number; expired: number; capped: number };
  trend: Array<NpsFigure & { start: string; label: string }>;
  categories: Array<NpsFigure & { id: string; nameZh: string; nameEn: string }>;
  topStores: Array<NpsFigure & { id: string; name: string }>;
  bottomStores: Array<NpsFigure & { id: string; name: string }>;
  comments: Array<{ surveyId: string; kind: SurveyKind; score: number; comment: string; at: string; storeId: string | null; storeName: string | null }>;
}

// 商家体验分 (store experience score): the store's own score, the operators' list, the public badge.
// Shapes of src/modules/experience/score-schemas.ts.
export type ScoreDimension = 'goods' | 'logistics' | 'service';
export type ScoreMetricKey =
  | 'negativeReview'
  | 'qualityReturn'
  | 'pickup24h'
  | 'deliveryHours'
  | 'shippingComplaint'
  | 'imResponseSeconds'
  | 'imDissatisfaction'
  | 'afterSalesRejection'
  | 'platformHelp'
  | 'refundHours';

export interface ScoreHint {
  metric: ScoreMetricKey;
  value: number;
  peerMedian: number;
  /** The value to reach (the peers' median); null when already there. */
  target: number | null;
  /** About how many points the total would gain by reaching the target. */
  gain: number;
}

export interface MetricScore {
  metric: ScoreMetricKey;
  dimension: ScoreDimension;
  higherIsBetter: boolean;
  /** Rates 0–1; deliveryHours and refundHours in hours; imResponseSeconds in seconds. */
  value: number | null;
  /** Rank among the peers, 0 (worst) – 1 (best). */
  percentile: number | null;
  points: number | null;
  hint: ScoreHint | null;
}

export interface ScoreRow {
  storeId: string;
  day: string;
  score: number | null;
  reason: string | null;
  categoryId: string | null;
  peerGroup: string | null;
  peers: number;
  orders: number;
  dimensions: Record<ScoreDimension, number | null>;
  metrics: MetricScore[];
  computedAt: string;
}

export interface MyScore {
  current: ScoreRow | null;
  history: Array<{ day: string; score: number | null }>;
  policy: { windowDays: number; halfLifeDays: number; minOrders: number; dimensionWeights: Record<string, number>; metricWeights: Record<string, number> };
}

export interface ScorePage {
  items: ScoreRow[];
  total: number;
  limit: number;
  offset: number;
}

export interface PublicScore {
  storeId: string;
  score: number | null;
  dimensions: Record<ScoreDimension, number | null>;
  day: string | null;
}

export interface RecomputeResult {
  day: string;
  stores: number;
  changed: number;
}

/** 带货口碑分: a creator's reputation from the orders they sold (GET /api/v1/me/creator/reputation). */
export interface Reputation {
  creatorId: string;
  /** 0–100, one decimal; null with too few orders (reason says why). */
  score: number | null;
  reason: string | null;
  orders: number;
  returnRate: number | null;
  complaintRate: number | null;
  nps: number | null;
  npsResponses: number;
  parts: { returns: number | null; complaints: number | null; nps: number | null };
}
