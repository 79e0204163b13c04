// What the audience did with each item and each author: counts behind the traffic pools and the
// ranker's priors.
import type { SignalType } from './types.ts';

export interface Counts {
  impressions: number;
  plays: number;
  finishes: number;
  engages: number;
  taps: number;
  orders: number;
  negatives: number;
  complaints: number;
}

export const emptyCounts = (): Counts => ({ impressions: 0, plays: 0, finishes: 0, engages: 0, taps: 0, orders: 0, negatives: 0, complaints: 0 });

/** Which counter a signal moves (null: none). Refunds undo an order. */
export function count(c: Counts, type: SignalType, sign = 1): void {
  switch (type) {
    case 'impression': c.impressions += sign; break;
    case 'play': c.plays += sign; break;
    case 'finish': c.finishes += sign; break;
    case 'like': case 'comment': case 'share': c.engages += sign; break;
    case 'product_tap': case 'add_to_cart': c.taps += sign; break;
    case 'order': c.orders += sign; break;
    case 'refund': c.orders = Math.max(0, c.orders - sign); break;
    case 'not_interested': case 'quick_swipe': c.negatives += sign; break;
    case 'complaint': c.complaints += sign; c.negatives += sign; break;
    case 'follow': break;
  }
}

/** How much a signal says about wanting the item (0: nothing; negative: the opposite). */
export const SIGNAL_WEIGHT: Record<SignalType, number> = {
  impression: 0, play: 0.2, finish: 0.5, like: 0.7, comment: 0.6, share: 0.8, follow: 0.5, product_tap: 0.7, add_to_cart: 0.9, order: 1,
  not_interested: -1, quick_swipe: -0.3, refund: -0.5, complaint: -1,
};

/** How much one signal says about wanting the item: a play counts by how much of it was watched. */
export function signalWeight(type: SignalType, watchMs?: number | null, durationMs?: number | null): number {
  if (type !== 'play') return SIGNAL_WEIGHT[type];
  const ratio = durationMs && durationMs > 0 ? Math.min(1, (watchMs ?? 0) / durationMs) : 0;
  return ratio < 0.2 ? 0 : SIGNAL_WEIGHT.play * (0.5 + ratio);
}

/** Rate of `hits` in `trials`, pulled toward `prior` as if it had `strength` trials at that rate. */
export const smoothed = (hits: number, trials: number, prior: number, strength: number): number => (hits + prior * strength) / (trials + strength);

export const logit = (p: number): number => {
  const q = Math.min(1 - 1e-6, Math.max(1e-6, p));
  return Math.log(q / (1 - q));
};
