// The platform's dashboard: global NPS beside GMV, and the process figures that steer it (score
// distribution, refund rate, complaint rate, 24 h pick-up rate, new-creator exposure share).
import type { Queryable } from '../../platform/db/index.ts';
import { ratio } from './attribution.ts';
import { daysOf, type DayRange } from './range.ts';

export interface PlatformDay {
  day: string;
  gmvFen: number;
  orders: number;
  refundFen: number;
  complaints: number;
  nps: number | null;
  npsResponses: number;
  impressions: number;
  newCreatorImpressions: number;
  /** Orders paid that day that were due for pick-up (paid ≥ 24 h ago), and those picked up within 24 h. */
  pickupDue: number;
  pickedUp24h: number;
}

export interface PlatformDashboard {
  range: DayRange;
  totals: {
    gmvFen: number;
    orders: number;
    buyers: number;
    refundFen: number;
    complaints: number;
    nps: number | null;
    npsResponses: number;
    refundRate: number | null;
    complaintRate: number | null;
    pickupRate24h: number | null;
    newCreatorShare: number | null;
  };
  days: PlatformDay[];
  /** Stores by their latest experience score band. */
  scores: Array<{ band: string; stores: number }>;
}

export interface NpsDay {
  day: string;
  nps: number | null;
  responses: number;
  promoters: number;
  detractors: number;
}

export const SCORE_BANDS = ['<60', '60–70', '70–80', '80–90', '≥90', 'unscored'] as const;

export function scoreBand(score: number | null): (typeof SCORE_BANDS)[number] {
  if (score === null) return 'unscored';
  if (score >= 90) return '≥90';
  if (score >= 80) return '80–90';
  if (score >= 70) return '70–80';
  if (score >= 60) return '60–70';
  return '<60';
}

export async function platformDashboard(q: Queryable, range: DayRange, now: Date, nps: NpsDay[], scores: Array<number | null>): Promise<PlatformDashboard> {
  const p = [range.from, range.to];
  const orders = await q.query<{ day: string; gmv: number; orders: number; due: number; fast: number }>(
    `SELECT paid_day::text AS day, sum(pay_fen)::bigint AS gmv, count(*)::int AS orders,
            count(*) FILTER (WHERE paid_at <= $3::timestamptz - interval '24 hours')::int AS due,
            count(*) FILTER (WHERE paid_at <= $3::timestamptz - interval '24 hours' AND pay_to_pickup_seconds <= 86400)::int AS fast
       FROM insights_orders WHERE paid_day BETWEEN $1::date AND $2::date GROUP BY paid_day`,
    [...p, now],
  );
  const [buyers] = await q.query<{ n: number }>('SELECT count(DISTINCT buyer_id)::int AS n FROM insights_orders WHERE paid_day BETWEEN $1::date AND $2::date', p);
  const refunds = await q.query<{ day: string; fen: number }>('SELECT day::text AS day, sum(amount_fen)::bigint AS fen FROM insights_refunds WHERE day BETWEEN $1::date AND $2::date GROUP BY day', p);
  const complaints = await q.query<{ day: string; n: number }>('SELECT day::text AS day, count(*)::int AS n FROM insights_complaints WHERE day BETWEEN $1::date AND $2::date GROUP BY day', p);
  const exposure = await q.query<{ day: string; impressions: number; fresh: number }>(
    'SELECT day::text AS day, impressions, new_creator_impressions AS fresh FROM insights_exposure_days WHERE day BETWEEN $1::date AND $2::date',
    p,
  );
  const o = new Map(orders.map((r) => [r.day, r]));
  const r = new Map(refunds.map((x) => [x.day, Number(x.fen)]));
  const c = new Map(complaints.map((x) => [x.day, x.n]));
  const e = new Map(exposure.map((x) => [x.day, x]));
  const n = new Map(nps.map((x) => [x.day, x]));
  const days = daysOf(range).map((day): PlatformDay => ({
    day,
    gmvFen: Number(o.get(day)?.gmv ?? 0),
    orders: o.get(day)?.orders ?? 0,
    refundFen: r.get(day) ?? 0,
    complaints: c.get(day) ?? 0,
    nps: n.get(day)?.nps ?? null,
    npsResponses: n.get(day)?.responses ?? 0,
    impressions: Number(e.get(day)?.impressions ?? 0),
    newCreatorImpressions: Number(e.get(day)?.fresh ?? 0),
    pickupDue: o.get(day)?.due ?? 0,
    pickedUp24h: o.get(day)?.fast ?? 0,
  }));
  const sum = (k: keyof Omit<PlatformDay, 'day' | 'nps'>) => days.reduce((a, d) => a + d[k], 0);
  // The range's NPS from its answers (not an average of days).
  const promoters = nps.filter((x) => x.day >= range.from && x.day <= range.to).reduce((a, x) => a + x.promoters, 0);
  const detractors = nps.filter((x) => x.day >= range.from && x.day <= range.to).reduce((a, x) => a + x.detractors, 0);
  const responses = sum('npsResponses');
  const bands = new Map<string, number>(SCORE_BANDS.map((b) => [b, 0]));
  for (const s of scores) bands.set(scoreBand(s), (bands.get(scoreBand(s)) ?? 0) + 1);
  return {
    range,
    totals: {
      gmvFen: sum('gmvFen'),
      orders: sum('orders'),
      buyers: buyers?.n ?? 0,
      refundFen: sum('refundFen'),
      complaints: sum('complaints'),
      nps: responses > 0 ? Math.round(((promoters - detractors) / responses) * 100) : null,
      npsResponses: responses,
      refundRate: ratio(sum('refundFen'), sum('gmvFen')),
      complaintRate: ratio(sum('complaints'), sum('orders')),
      pickupRate24h: ratio(sum('pickedUp24h'), sum('pickupDue')),
      newCreatorShare: ratio(sum('newCreatorImpressions'), sum('impressions')),
    },
    days,
    scores: SCORE_BANDS.map((band) => ({ band, stores: bands.get(band) ?? 0 })),
  };
}
