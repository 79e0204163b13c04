// 带货口碑分 (creator reputation), pure: from the experience of the orders a creator sold (credited
// by alliance.commission.accrued) in the window — how many came back (a refunded after-sales
// case), how many led to a complaint (a service ticket, or a negative review: goods ≤ 2 stars),
// and their buyers' NPS:
//   returns    R = 100 · max(0, 1 − returnRate / RETURN_CEILING)     (a 20 % return rate scores 0)
//   complaints C = 100 · max(0, 1 − complaintRate / COMPLAINT_CEILING) (10 % scores 0)
//   NPS        N = (nps + 100) / 2                                     (−100 → 0, +100 → 100)
//   reputation = .4·R + .3·C + .3·N, rounded to one decimal; without NPS answers N is left out and
//   R and C share its weight (.4/.7, .3/.7). Null with fewer than minOrders orders.
import { npsOf, type Tally } from './nps.ts';

export const RETURN_CEILING = 0.2;
export const COMPLAINT_CEILING = 0.1;
export const REPUTATION_WEIGHTS = { returns: 0.4, complaints: 0.3, nps: 0.3 } as const;

export interface CreatorFacts extends Tally {
  creatorId: string;
  orders: number;
  /** Orders with a refunded after-sales case. */
  returned: number;
  /** Orders with a service ticket or a negative review. */
  complained: number;
}

export interface Reputation {
  creatorId: string;
  score: number | null;
  reason: 'not_enough_orders' | null;
  orders: number;
  returnRate: number | null;
  complaintRate: number | null;
  nps: number | null;
  npsResponses: number;
  parts: { returns: number | null; complaints: number | null; nps: number | null };
}

const r1 = (x: number) => Math.round(x * 10) / 10;

export function reputationOf(f: CreatorFacts, minOrders: number): Reputation {
  const responses = f.promoters + f.passives + f.detractors;
  const nps = npsOf(f);
  const base = { creatorId: f.creatorId, orders: f.orders, nps, npsResponses: responses };
  if (f.orders < Math.max(1, minOrders)) {
    return { ...base, score: null, reason: 'not_enough_orders', returnRate: f.orders ? f.returned / f.orders : null, complaintRate: f.orders ? f.complained / f.orders : null, parts: { returns: null, complaints: null, nps: null } };
  }
  const returnRate = f.returned / f.orders;
  const complaintRate = f.complained / f.orders;
  const R = 100 * Math.max(0, 1 - returnRate / RETURN_CEILING);
  const C = 100 * Math.max(0, 1 - complaintRate / COMPLAINT_CEILING);
  // The exact NPS (not the rounded one) feeds the score.
  const exactNps = responses ? (100 * (f.promoters - f.detractors)) / responses : null;
  const N = exactNps === null ? null : (exactNps + 100) / 2;
  const w = REPUTATION_WEIGHTS;
  const score = N === null ? (w.returns * R + w.complaints * C) / (w.returns + w.complaints) : w.returns * R + w.complaints * C + w.nps * N;
  return { ...base, score: r1(score), reason: null, returnRate, complaintRate, parts: { returns: r1(R), complaints: r1(C), nps: N === null ? null : r1(N) } };
}
