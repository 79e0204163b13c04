// The store experience score on a fixture whose expected values are worked out by hand below.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SCORE_POLICY, dayWeight, percentile, scoreStores, ZERO_DAY, type DayFacts, type ScorePolicy, type StoreFacts } from './score.ts';

// Window 3 days, half-life 1 day: as of day 100, day 100 weighs 1, day 99 ½, day 98 ¼, day 97 0
// (outside). Scored with 2 orders; a category needs 3 scored stores to be its own peer group.
// Weights are the defaults: goods .3 (negativeReview .5, qualityReturn .5), logistics .3 (pickup24h
// .4, deliveryHours .3, shippingComplaint .3), service .4 (imResponseSeconds .25, imDissatisfaction .2,
// afterSalesRejection .2, platformHelp .2, refundHours .15).
const P: ScorePolicy = { ...DEFAULT_SCORE_POLICY, windowDays: 3, halfLifeDays: 1, minOrders: 2, minPeers: 3 };
const AS_OF = 100;
const d = (day: number, f: Partial<DayFacts>): DayFacts => ({ day, ...ZERO_DAY, ...f });

// Values (w: day 100 = 1, day 99 = ½):
//  A (tea): orders 4; negReview 0/2 = 0; qualityReturn 0/3 = 0; pickup24h (2+½·2)/(2+½·2) = 1; deliveryHours 48/2 = 24;
//           shipping 0; platformHelp 0; no IM. Day 97 (5 negative reviews, 10 orders) is outside the window.
//  B (tea): orders 4; negReview 1/2 = .5; pickup24h (1+½·2)/3 = ⅔; deliveryHours 72/2 = 36; imResponse ½·60000/½ ms = 60 s.
//  C (tea): orders 3; negReview 1/1 = 1; pickup24h 0/(1+½·2) = 0; deliveryHours 48; imResponse ½·240000/(½·2) ms = 120 s.
//  D (home): orders 2; no reviews (null); pickup24h 1; deliveryHours 12. Alone in its category → peers are all of A–D.
//  E (tea): 1 order → not scored.
const stores: StoreFacts[] = [
  { storeId: 'A', category: 'tea', days: [d(100, { ordersPaid: 2, pickupDue: 2, pickup24h: 2, reviews: 2, delivered: 2, deliveryHoursSum: 48 }), d(99, { ordersPaid: 2, pickupDue: 2, pickup24h: 2 }), d(97, { ordersPaid: 10, reviews: 5, negativeReviews: 5 })] },
  { storeId: 'B', category: 'tea', days: [d(100, { ordersPaid: 2, pickupDue: 2, pickup24h: 1, reviews: 2, negativeReviews: 1, delivered: 2, deliveryHoursSum: 72 }), d(99, { ordersPaid: 2, pickupDue: 2, pickup24h: 2, imReplies: 1, imResponseMsSum: 60_000 })] },
  { storeId: 'C', category: 'tea', days: [d(100, { ordersPaid: 1, pickupDue: 1, reviews: 1, negativeReviews: 1, delivered: 1, deliveryHoursSum: 48 }), d(99, { ordersPaid: 2, pickupDue: 2, imReplies: 2, imResponseMsSum: 240_000 })] },
  { storeId: 'D', category: 'home', days: [d(100, { ordersPaid: 2, pickupDue: 2, pickup24h: 2, delivered: 2, deliveryHoursSum: 24 })] },
  { storeId: 'E', category: 'tea', days: [d(100, { ordersPaid: 1 })] },
];

describe('store experience score', () => {
  const out = new Map(scoreStores(stores, AS_OF, P).map((s) => [s.storeId, s]));
  const metric = (id: string, m: string) => out.get(id)!.metrics.find((x) => x.metric === m)!;

  it('weighs days by half-life inside the window only', () => {
    expect([0, 1, 2, 3, -1].map((a) => dayWeight(a, P))).toEqual([1, 0.5, 0.25, 0, 0]);
  });

  it('ranks against peers: (worse + ½ equal others) / (n − 1)', () => {
    expect(percentile(0, [0, 0.5, 1], false)).toBe(1);
    expect(percentile(0, [0, 0, 0], false)).toBe(0.5);
    expect(percentile(1, [1, 2 / 3, 0, 1], true)).toBeCloseTo(2.5 / 3, 12);
    expect(percentile(7, [7], true)).toBe(1);
  });

  it('A, B, C against their category (tea, 3 scored stores)', () => {
    // Points per metric (tea peers, n − 1 = 2):
    //   negReview A 100, B 50, C 0 · qualityReturn, shipping, platformHelp all 0 → 50 each
    //   pickup24h A 100, B 50, C 0 · deliveryHours A 100, B 50, C 0 · imResponse (B, C only, n − 1 = 1) B 100, C 0
    // goods     A (100+50)/2 = 75        B (50+50)/2 = 50           C (0+50)/2 = 25
    // logistics A .4·100+.3·100+.3·50 = 85  B 50                      C .3·50 = 15
    // service   A platformHelp only = 50  B (.25·100+.2·50)/.45 = 77.78  C (.2·50)/.45 = 22.22
    // total     A .3·75+.3·85+.4·50 = 68  B 15+15+31.11 = 61.11      C 7.5+4.5+8.89 = 20.89
    expect(out.get('A')).toMatchObject({ peerGroup: 'category', peers: 3, orders: 4, reason: null });
    expect(out.get('A')!.score).toBeCloseTo(68, 10);
    expect(out.get('A')!.dimensions).toEqual({ goods: 75, logistics: 85, service: 50 });
    expect(out.get('B')!.score).toBeCloseTo(30 + 0.4 * (35 / 0.45), 10); // 61.111…
    expect(out.get('B')!.dimensions.service).toBeCloseTo(77.7778, 4);
    expect(out.get('C')!.score).toBeCloseTo(12 + 0.4 * (10 / 0.45), 10); // 20.888…
    expect(metric('A', 'deliveryHours')).toMatchObject({ value: 24, percentile: 1, points: 100 });
    expect(metric('B', 'pickup24h').value).toBeCloseTo(2 / 3, 12);
    expect(metric('B', 'imResponseSeconds')).toMatchObject({ value: 60, points: 100 });
    expect(metric('A', 'imResponseSeconds')).toMatchObject({ value: null, points: null, hint: null });
  });

  it('D, alone in its category, against every scored store (n − 1 = 3)', () => {
    // pickup24h 1 among [1, ⅔, 0, 1]: 2 worse, 1 equal → 2.5/3 → 83.33; deliveryHours 12 best → 100;
    // qualityReturn, shipping, platformHelp 50; negReview and IM null.
    // goods 50 · logistics .4·83.33+.3·100+.3·50 = 78.33 · service 50 → total 15 + 23.5 + 20 = 58.5
    expect(out.get('D')).toMatchObject({ peerGroup: 'all', peers: 4 });
    expect(out.get('D')!.dimensions.logistics).toBeCloseTo(78.3333, 4);
    expect(out.get('D')!.score).toBeCloseTo(58.5, 10);
  });

  it('orders: A 68 > B 61.11 > D 58.5 > C 20.89; E not scored', () => {
    expect(out.get('E')).toMatchObject({ score: null, reason: 'not_enough_orders', orders: 1 });
    const ranked = [...out.values()].filter((s) => s.score !== null).sort((a, b) => b.score! - a.score!).map((s) => s.storeId);
    expect(ranked).toEqual(['A', 'B', 'D', 'C']);
  });

  it('hints: below the peers’ median, the target and what reaching it is worth', () => {
    // C pickup24h 0, tea median ⅔: reaching it (50 points) gains 50 · (.4/1) · (.3/1) = 6
    const h = metric('C', 'pickup24h').hint!;
    expect(h.target).toBeCloseTo(2 / 3, 12);
    expect(h.gain).toBeCloseTo(6, 10);
    // C negReview 1, median .5: 50 · .5 · .3 = 7.5; C imResponse 120 s, median 90: 50 · (.25/.45) · .4 = 11.11
    expect(metric('C', 'negativeReview').hint).toMatchObject({ peerMedian: 0.5, target: 0.5, gain: 7.5 });
    expect(metric('C', 'imResponseSeconds').hint!.gain).toBeCloseTo(11.1111, 4);
    // B is at the median of pickup24h: nothing to reach
    expect(metric('B', 'pickup24h').hint).toMatchObject({ target: null, gain: 0 });
  });
});
