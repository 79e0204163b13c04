// 商家体验分 (store experience score), pure: no database, no clock. Daily counts per store →
// recency-weighted metric values over the window → each value's percentile among the store's
// category peers → 0–100 points per metric → weighted mean per dimension → weighted mean of the
// dimensions. recompute (score-service.ts) only counts facts per store and day in SQL.
//
//  - A day `age` days before the as-of day weighs 0.5^(age / halfLifeDays); days outside the
//    window (age ≥ windowDays) weigh nothing. A rate is Σw·numerator / Σw·denominator, an average
//    Σw·sum / Σw·count: recent days count more.
//  - A metric without data in the window (no reviews, no tickets…) has value null and is left out:
//    the other metrics of its dimension share its weight (and a dimension without any metric is
//    left out of the total the same way).
//  - Peers: stores with enough orders (minOrders, unweighted, in the window) and the same root
//    category; when the category has fewer than minPeers such stores, every scored store is the
//    peer group (peerGroup 'all'). The store itself is among its peers.
//  - Percentile of a value among the n peers with a value for the metric (the store included):
//    (peers strictly worse + ½ · other peers equal) / (n − 1); a store alone in its group gets 1.
//    Points = 100 · percentile.
//  - Stores with fewer than minOrders paid orders in the window are not scored (score null,
//    reason 'not_enough_orders'); they are not peers either.
//  - Hint per metric: the peers' median and, when the store is below it, the target (the median)
//    and the points the total would gain by reaching it (the metric at 50 points, the median).

export const DIMENSIONS = ['goods', 'logistics', 'service'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** Counts of one store on one day (the day the fact happened, China time). */
export interface DayFacts {
  /** Day number (days since 1970-01-01, UTC+8). */
  day: number;
  ordersPaid: number;
  /** Orders paid this day whose pick-up is due (picked up, or paid more than 24 h ago) … */
  pickupDue: number;
  /** … and of those, picked up within 24 h of payment. */
  pickup24h: number;
  delivered: number;
  /** Hours from payment to delivery, summed over the orders delivered this day. */
  deliveryHoursSum: number;
  reviews: number;
  /** Reviews with goods ≤ 2 stars. */
  negativeReviews: number;
  qualityReturns: number;
  shippingComplaints: number;
  imReplies: number;
  imResponseMsSum: number;
  /** Service surveys answered (about the store) … */
  imRated: number;
  /** … with a score ≤ 6. */
  imDissatisfied: number;
  afterSalesDecided: number;
  afterSalesRejected: number;
  tickets: number;
  /** Tickets and after-sales cases escalated to the platform (平台求助). */
  platformHelp: number;
  refundsCompleted: number;
  refundHoursSum: number;
}

export const ZERO_DAY: Omit<DayFacts, 'day'> = {
  ordersPaid: 0, pickupDue: 0, pickup24h: 0, delivered: 0, deliveryHoursSum: 0, reviews: 0, negativeReviews: 0, qualityReturns: 0, shippingComplaints: 0,
  imReplies: 0, imResponseMsSum: 0, imRated: 0, imDissatisfied: 0, afterSalesDecided: 0, afterSalesRejected: 0, tickets: 0, platformHelp: 0, refundsCompleted: 0, refundHoursSum: 0,
};

type Counter = keyof Omit<DayFacts, 'day'>;

interface MetricDef {
  dimension: Dimension;
  /** Higher values are better (a rate of good things) or worse. */
  higherIsBetter: boolean;
  num: Counter;
  den: Counter;
  /** Value = num / den · scale (hours from a sum of ms…). */
  scale?: number;
}

export const METRICS = {
  negativeReview: { dimension: 'goods', higherIsBetter: false, num: 'negativeReviews', den: 'reviews' },
  qualityReturn: { dimension: 'goods', higherIsBetter: false, num: 'qualityReturns', den: 'ordersPaid' },
  pickup24h: { dimension: 'logistics', higherIsBetter: true, num: 'pickup24h', den: 'pickupDue' },
  deliveryHours: { dimension: 'logistics', higherIsBetter: false, num: 'deliveryHoursSum', den: 'delivered' },
  shippingComplaint: { dimension: 'logistics', higherIsBetter: false, num: 'shippingComplaints', den: 'ordersPaid' },
  imResponseSeconds: { dimension: 'service', higherIsBetter: false, num: 'imResponseMsSum', den: 'imReplies', scale: 1 / 1000 },
  imDissatisfaction: { dimension: 'service', higherIsBetter: false, num: 'imDissatisfied', den: 'imRated' },
  afterSalesRejection: { dimension: 'service', higherIsBetter: false, num: 'afterSalesRejected', den: 'afterSalesDecided' },
  platformHelp: { dimension: 'service', higherIsBetter: false, num: 'platformHelp', den: 'ordersPaid' },
  refundHours: { dimension: 'service', higherIsBetter: false, num: 'refundHoursSum', den: 'refundsCompleted' },
} as const satisfies Record<string, MetricDef>;
export type MetricKey = keyof typeof METRICS;
export const METRIC_KEYS = Object.keys(METRICS) as MetricKey[];

export interface ScorePolicy {
  windowDays: number;
  halfLifeDays: number;
  /** Paid orders (unweighted) in the window below which a store is not scored. */
  minOrders: number;
  /** Scored stores in a root category below which the peers are all scored stores. */
  minPeers: number;
  dimensionWeights: Record<Dimension, number>;
  metricWeights: Record<MetricKey, number>;
}

/** The documented defaults (config.ts reads overrides from the environment). */
export const DEFAULT_SCORE_POLICY: ScorePolicy = {
  windowDays: 90,
  halfLifeDays: 30,
  minOrders: 5,
  minPeers: 5,
  dimensionWeights: { goods: 0.3, logistics: 0.3, service: 0.4 },
  metricWeights: {
    negativeReview: 0.5, qualityReturn: 0.5,
    pickup24h: 0.4, deliveryHours: 0.3, shippingComplaint: 0.3,
    imResponseSeconds: 0.25, imDissatisfaction: 0.2, afterSalesRejection: 0.2, platformHelp: 0.2, refundHours: 0.15,
  },
};

export interface StoreFacts {
  storeId: string;
  /** The root category most of the store's orders were in (null when unknown). */
  category: string | null;
  days: readonly DayFacts[];
}

export interface Hint {
  metric: MetricKey;
  value: number;
  peerMedian: number;
  /** The value to reach (the peers' median) when the store is below it; null when it is not. */
  target: number | null;
  /** Points the total would gain by reaching the target (0 when there is none). */
  gain: number;
}

export interface MetricScore {
  metric: MetricKey;
  dimension: Dimension;
  higherIsBetter: boolean;
  value: number | null;
  /** 0–1 among the peers with a value (1: best); null without a value. */
  percentile: number | null;
  points: number | null;
  hint: Hint | null;
}

export interface StoreScore {
  storeId: string;
  /** 0–100, null when not scored. */
  score: number | null;
  reason: 'not_enough_orders' | 'no_data' | null;
  category: string | null;
  peerGroup: 'category' | 'all' | null;
  peers: number;
  orders: number;
  dimensions: Record<Dimension, number | null>;
  metrics: MetricScore[];
}

/** Weight of a day `age` days before the as-of day (0 outside the window). */
export function dayWeight(age: number, p: Pick<ScorePolicy, 'windowDays' | 'halfLifeDays'>): number {
  if (age < 0 || age >= p.windowDays) return 0;
  return Math.pow(0.5, age / p.halfLifeDays);
}

/** Each metric's value over the window as of `asOf`, and the unweighted paid orders. */
export function metricValues(days: readonly DayFacts[], asOf: number, p: Pick<ScorePolicy, 'windowDays' | 'halfLifeDays'>): { orders: number; values: Record<MetricKey, number | null> } {
  const sums = new Map<Counter, number>();
  let orders = 0;
  for (const d of days) {
    const w = dayWeight(asOf - d.day, p);
    if (w === 0) continue;
    orders += d.ordersPaid;
    for (const k of Object.keys(ZERO_DAY) as Counter[]) sums.set(k, (sums.get(k) ?? 0) + w * (d[k] ?? 0));
  }
  const values = {} as Record<MetricKey, number | null>;
  for (const m of METRIC_KEYS) {
    const def: MetricDef = METRICS[m];
    const den = sums.get(def.den) ?? 0;
    values[m] = den > 0 ? ((sums.get(def.num) ?? 0) / den) * (def.scale ?? 1) : null;
  }
  return { orders, values };
}

/** (strictly worse + ½ · equal others) / (n − 1) among `peers` (which include `v` itself); 1 when alone. */
export function percentile(v: number, peers: readonly number[], higherIsBetter: boolean): number {
  if (peers.length <= 1) return 1;
  let worse = 0;
  let equal = -1; // itself
  for (const x of peers) {
    if (x === v) equal++;
    else if (higherIsBetter ? x < v : x > v) worse++;
  }
  return (worse + 0.5 * equal) / (peers.length - 1);
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Weighted mean over the entries with a value; null when none has one. */
function weightedMean(entries: ReadonlyArray<{ w: number; v: number | null }>): number | null {
  let sw = 0;
  let s = 0;
  for (const e of entries) {
    if (e.v === null || e.w <= 0) continue;
    sw += e.w;
    s += e.w * e.v;
  }
  return sw > 0 ? s / sw : null;
}

/** Scores every store as of day `asOf`, each against its peers. */
export function scoreStores(stores: readonly StoreFacts[], asOf: number, p: ScorePolicy): StoreScore[] {
  const vals = stores.map((s) => ({ s, ...metricValues(s.days, asOf, p) }));
  const scored = vals.filter((v) => v.orders >= p.minOrders);
  const byCategory = new Map<string | null, typeof scored>();
  for (const v of scored) byCategory.set(v.s.category, [...(byCategory.get(v.s.category) ?? []), v]);

  return vals.map(({ s, orders, values }) => {
    const empty = Object.fromEntries(DIMENSIONS.map((d) => [d, null])) as Record<Dimension, number | null>;
    const base = { storeId: s.storeId, category: s.category, orders };
    if (orders < p.minOrders) {
      const metrics = METRIC_KEYS.map((m): MetricScore => ({ metric: m, dimension: METRICS[m].dimension, higherIsBetter: METRICS[m].higherIsBetter, value: values[m], percentile: null, points: null, hint: null }));
      return { ...base, score: null, reason: 'not_enough_orders', peerGroup: null, peers: 0, dimensions: empty, metrics };
    }
    const own = s.category !== null ? (byCategory.get(s.category) ?? []) : [];
    const peerGroup = s.category !== null && own.length >= p.minPeers ? 'category' : 'all';
    const peers = peerGroup === 'category' ? own : scored;

    const metrics = METRIC_KEYS.map((m): MetricScore => {
      const def = METRICS[m];
      const v = values[m];
      if (v === null) return { metric: m, dimension: def.dimension, higherIsBetter: def.higherIsBetter, value: null, percentile: null, points: null, hint: null };
      const peerValues = peers.flatMap((x) => (x.values[m] === null ? [] : [x.values[m]!]));
      const pct = percentile(v, peerValues, def.higherIsBetter);
      const med = median(peerValues);
      const below = def.higherIsBetter ? v < med : v > med;
      return { metric: m, dimension: def.dimension, higherIsBetter: def.higherIsBetter, value: v, percentile: pct, points: 100 * pct, hint: { metric: m, value: v, peerMedian: med, target: below ? med : null, gain: 0 } };
    });

    const dimensions = { ...empty };
    for (const d of DIMENSIONS) dimensions[d] = weightedMean(metrics.filter((x) => x.dimension === d).map((x) => ({ w: p.metricWeights[x.metric], v: x.points })));
    const score = weightedMean(DIMENSIONS.map((d) => ({ w: p.dimensionWeights[d], v: dimensions[d] })));

    // A metric's share of the total: its weight among its dimension's metrics with a value, times
    // the dimension's among the dimensions with a value.
    const dimTotal = DIMENSIONS.reduce((a, d) => a + (dimensions[d] !== null ? p.dimensionWeights[d] : 0), 0);
    for (const x of metrics) {
      if (!x.hint || x.hint.target === null || x.points === null) continue;
      const inDim = metrics.filter((y) => y.dimension === x.dimension && y.points !== null).reduce((a, y) => a + p.metricWeights[y.metric], 0);
      const share = (p.metricWeights[x.metric] / inDim) * (p.dimensionWeights[x.dimension] / dimTotal);
      x.hint.gain = Math.max(0, (50 - x.points) * share);
    }
    return { ...base, score, reason: score === null ? 'no_data' : null, peerGroup, peers: peers.length, dimensions, metrics };
  });
}

/** A figure for display and storage: 2 decimals (percentiles 4). */
export const round = (x: number, digits = 2): number => {
  const f = 10 ** digits;
  const r = Math.round(x * f) / f;
  return r === 0 ? 0 : r;
};
