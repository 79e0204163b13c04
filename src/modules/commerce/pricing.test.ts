import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../platform/random.ts';
import { MIN_PAY_FEN, allocate, best, price, type BasketOrder, type CouponTerms, type Priced, type PricingContext } from './pricing.ts';

const NOW = new Date('2026-11-11T12:00:00Z');
const ctx: PricingContext = { source: null, now: NOW };
let n = 0;
const coupon = (over: Partial<CouponTerms>): CouponTerms => ({
  ref: `ucp_${++n}`,
  funder: 'store',
  scope: 'store',
  storeId: 'sto_a',
  liveRoomId: null,
  kind: 'amount',
  thresholdFen: 0,
  amountOffFen: 100,
  percentOffBps: null,
  maxOffFen: null,
  startsAt: new Date('2026-11-01T00:00:00Z'),
  endsAt: new Date('2026-11-30T00:00:00Z'),
  ...over,
});
const platform = (over: Partial<CouponTerms>) => coupon({ funder: 'platform', scope: 'platform', storeId: null, ...over });
const ok = (r: ReturnType<typeof price>): Priced => {
  if (!r.ok) throw new Error(`refused: ${JSON.stringify(r.refusal)}`);
  return r.priced;
};
const refusal = (r: ReturnType<typeof price>) => (r.ok ? null : { index: r.refusal.index, code: r.refusal.code });

const A: BasketOrder = { storeId: 'sto_a', lines: [6000, 4000] }; // ¥100
const B: BasketOrder = { storeId: 'sto_b', lines: [5000] }; // ¥50

/** The invariants every priced checkout keeps, whatever the coupons. */
function assertSound(orders: BasketOrder[], p: Priced): void {
  let discount = 0;
  for (const [i, o] of p.orders.entries()) {
    expect(o.goodsFen).toBe(orders[i]!.lines.reduce((a, x) => a + x, 0));
    expect(o.lines.reduce((a, l) => a + l.storeDiscountFen, 0)).toBe(o.storeDiscountFen);
    expect(o.lines.reduce((a, l) => a + l.platformDiscountFen, 0)).toBe(o.platformDiscountFen);
    for (const l of o.lines) {
      expect(l.storeDiscountFen).toBeGreaterThanOrEqual(0);
      expect(l.platformDiscountFen).toBeGreaterThanOrEqual(0);
      expect(l.storeDiscountFen + l.platformDiscountFen).toBeLessThanOrEqual(l.lineFen);
    }
    expect(o.payFen).toBe(o.goodsFen - o.storeDiscountFen - o.platformDiscountFen);
    expect(o.payFen).toBeGreaterThanOrEqual(Math.min(o.goodsFen, MIN_PAY_FEN));
    discount += o.storeDiscountFen + o.platformDiscountFen;
  }
  expect(p.discountFen).toBe(discount);
  expect(p.payFen).toBe(p.goodsFen - p.discountFen);
  expect(p.applied.reduce((a, x) => a + x.discountFen, 0)).toBe(p.discountFen);
}

describe('allocate', () => {
  it('splits in proportion and gives the rounded-off fen to the largest item', () => {
    expect(allocate(100, [6000, 4000])).toEqual([60, 40]);
    expect(allocate(10, [1, 1, 1], [9, 9, 9])).toEqual([4, 3, 3]);
    expect(allocate(7, [100, 300, 200])).toEqual([1, 4, 2]); // 1.16→1, 3.5→3 (+1 as largest), 2.33→2
    expect(allocate(0, [5, 5])).toEqual([0, 0]);
  });

  it('spills over to the next largest when the largest is full', () => {
    // Shares round down to 0 each; the two leftover fen cannot both fit on one 1-fen line.
    expect(allocate(2, [1, 1, 1])).toEqual([1, 1, 0]);
    expect(allocate(5, [10, 3, 1], [2, 3, 1])).toEqual([2, 3, 0]); // 3.57→2 (cap), 1.07→1, then +2 to the next largest
  });

  it('refuses more than the caps hold', () => {
    expect(() => allocate(4, [1, 1, 1])).toThrow();
    expect(() => allocate(-1, [1])).toThrow();
  });

  it('always assigns every fen, within caps (random cases)', () => {
    const rnd = seededRandom(20261111);
    for (let k = 0; k < 500; k++) {
      const weights = Array.from({ length: 1 + Math.floor(rnd() * 6) }, () => Math.floor(rnd() * 1e9));
      const caps = weights.map((w) => Math.floor(w * rnd()));
      const total = Math.floor(caps.reduce((a, x) => a + x, 0) * rnd());
      const shares = allocate(total, weights, caps);
      expect(shares.reduce((a, x) => a + x, 0)).toBe(total);
      shares.forEach((s, i) => expect(s >= 0 && s <= caps[i]!).toBe(true));
    }
  });
});

describe('price: single coupons', () => {
  it('满X减Y: takes the amount off once the threshold is met, exactly at the threshold too', () => {
    const c = coupon({ thresholdFen: 10000, amountOffFen: 1500 });
    const p = ok(price([A], [c], ctx));
    expect(p.orders[0]).toMatchObject({ goodsFen: 10000, storeDiscountFen: 1500, platformDiscountFen: 0, payFen: 8500, storeCoupon: c.ref });
    expect(p.orders[0]!.lines.map((l) => l.storeDiscountFen)).toEqual([900, 600]);
    expect(refusal(price([{ storeId: 'sto_a', lines: [9999] }], [c], ctx))).toEqual({ index: 0, code: 'threshold' });
  });

  it('no-threshold amount coupons never take an order below 1 fen', () => {
    const p = ok(price([{ storeId: 'sto_a', lines: [80] }], [coupon({ amountOffFen: 500 })], ctx));
    expect([p.orders[0]!.storeDiscountFen, p.orders[0]!.payFen]).toEqual([79, 1]);
    assertSound([{ storeId: 'sto_a', lines: [80] }], p);
  });

  it('percent off, rounded down, with and without a cap', () => {
    const pct = coupon({ kind: 'percent', amountOffFen: null, percentOffBps: 1250 }); // 12.5% off
    expect(ok(price([{ storeId: 'sto_a', lines: [999] }], [pct], ctx)).discountFen).toBe(124);
    const capped = coupon({ kind: 'percent', amountOffFen: null, percentOffBps: 2000, maxOffFen: 1000 });
    expect(ok(price([A], [capped], ctx)).discountFen).toBe(1000); // 20% of ¥100 is ¥20, capped at ¥10
    expect(ok(price([{ storeId: 'sto_a', lines: [3000] }], [capped], ctx)).discountFen).toBe(600);
  });

  it('refuses a coupon that would take nothing off', () => {
    const pct = coupon({ kind: 'percent', amountOffFen: null, percentOffBps: 500 });
    expect(refusal(price([{ storeId: 'sto_a', lines: [19] }], [pct], ctx))).toEqual({ index: 0, code: 'no_discount' });
    expect(refusal(price([{ storeId: 'sto_a', lines: [1] }], [coupon({})], ctx))).toEqual({ index: 0, code: 'no_discount' });
  });

  it('refuses another store’s coupon, a live-room coupon outside its room, and coupons out of their window', () => {
    expect(refusal(price([B], [coupon({})], ctx))).toEqual({ index: 0, code: 'wrong_store' });
    const live = coupon({ scope: 'live_room', liveRoomId: 'room_1' });
    expect(refusal(price([A], [live], ctx))).toEqual({ index: 0, code: 'wrong_live_room' });
    expect(refusal(price([A], [live], { now: NOW, source: { type: 'live_room', id: 'room_2' } }))).toEqual({ index: 0, code: 'wrong_live_room' });
    expect(refusal(price([A], [live], { now: NOW, source: { type: 'feed_video', id: 'room_1' } }))).toEqual({ index: 0, code: 'wrong_live_room' });
    expect(ok(price([A], [live], { now: NOW, source: { type: 'live_room', id: 'room_1' } })).discountFen).toBe(100);
    expect(refusal(price([A], [coupon({ startsAt: new Date(NOW.getTime() + 1) })], ctx))).toEqual({ index: 0, code: 'not_started' });
    expect(refusal(price([A], [coupon({ endsAt: NOW })], ctx))).toEqual({ index: 0, code: 'expired' });
    expect(ok(price([A], [coupon({ startsAt: NOW })], ctx)).discountFen).toBe(100);
  });
});

describe('price: stacking', () => {
  it('one store coupon per store order and one platform coupon per checkout', () => {
    expect(refusal(price([A], [coupon({}), coupon({})], ctx))).toEqual({ index: 1, code: 'stacking' });
    expect(refusal(price([A], [coupon({}), coupon({ scope: 'live_room', liveRoomId: 'r' })], { now: NOW, source: { type: 'live_room', id: 'r' } }))).toEqual({ index: 1, code: 'stacking' });
    expect(refusal(price([A, B], [platform({}), platform({})], ctx))).toEqual({ index: 1, code: 'stacking' });
    const twice = coupon({});
    expect(refusal(price([A], [twice, twice], ctx))).toEqual({ index: 1, code: 'duplicate' });
    // One store coupon for each of two stores, plus one platform coupon: all stack.
    const p = ok(price([A, B], [coupon({}), coupon({ storeId: 'sto_b', amountOffFen: 200 }), platform({ amountOffFen: 300 })], ctx));
    expect(p.orders.map((o) => o.storeDiscountFen)).toEqual([100, 200]);
    expect(p.discountFen).toBe(600);
  });

  it('checks the platform threshold after store discounts', () => {
    const store = coupon({ thresholdFen: 10000, amountOffFen: 2000 });
    const plat = platform({ thresholdFen: 14000, amountOffFen: 1000 });
    expect(ok(price([A, B], [plat], ctx)).discountFen).toBe(1000); // ¥150 ≥ ¥140
    expect(refusal(price([A, B], [store, plat], ctx))).toEqual({ index: 1, code: 'threshold' }); // ¥130 < ¥140
  });

  it('allocates the platform discount over orders and lines in proportion to what is left, every fen', () => {
    const p = ok(price([A, B], [coupon({ amountOffFen: 1000 }), platform({ amountOffFen: 1001 })], ctx));
    // After the store coupon A has 9000 left, B 5000: 1001 × 9/14 = 643.5 → 643 (+1 as largest), 357.5 → 357.
    expect(p.orders.map((o) => o.platformDiscountFen)).toEqual([644, 357]);
    // A's lines after its store discount: 5400 and 3600 → 386.4 → 386 (+0/+1), 257.6 → 257.
    expect(p.orders[0]!.lines.map((l) => l.platformDiscountFen)).toEqual([387, 257]);
    expect(p.applied.map((a) => [a.funder, a.discountFen, a.perOrderFen])).toEqual([
      ['store', 1000, [1000, 0]],
      ['platform', 1001, [644, 357]],
    ]);
    assertSound([A, B], p);
  });

  it('takes the platform percent of the goods after store discounts', () => {
    const p = ok(price([A], [coupon({ amountOffFen: 2000 }), platform({ kind: 'percent', amountOffFen: null, percentOffBps: 1000 })], ctx));
    expect([p.orders[0]!.storeDiscountFen, p.orders[0]!.platformDiscountFen, p.payFen]).toEqual([2000, 800, 7200]);
  });

  it('a platform-funded coupon scoped to one store touches only that store’s goods', () => {
    const p = ok(price([A, B], [platform({ scope: 'store', storeId: 'sto_b', thresholdFen: 5000, amountOffFen: 700 })], ctx));
    expect(p.orders.map((o) => [o.storeDiscountFen, o.platformDiscountFen])).toEqual([
      [0, 0],
      [0, 700],
    ]);
    expect(refusal(price([A], [platform({ scope: 'store', storeId: 'sto_b' })], ctx))).toEqual({ index: 0, code: 'wrong_store' });
  });

  it('never takes any order below 1 fen, even when both coupons are bigger than the goods', () => {
    const orders: BasketOrder[] = [
      { storeId: 'sto_a', lines: [3, 2] },
      { storeId: 'sto_b', lines: [4] },
    ];
    const p = ok(price(orders, [coupon({ amountOffFen: 10_000 }), platform({ amountOffFen: 10_000 })], ctx));
    expect(p.orders.map((o) => o.payFen)).toEqual([1, 1]);
    assertSound(orders, p);
  });

  it('keeps every invariant for random baskets and coupons', () => {
    const rnd = seededRandom(7);
    const int = (max: number) => Math.floor(rnd() * max);
    for (let k = 0; k < 400; k++) {
      const orders: BasketOrder[] = Array.from({ length: 1 + int(3) }, (_, i) => ({ storeId: `sto_${i}`, lines: Array.from({ length: 1 + int(4) }, () => int(50_000)) }));
      const terms = (c: Partial<CouponTerms>): Partial<CouponTerms> =>
        rnd() < 0.5 ? { ...c, kind: 'amount', amountOffFen: 1 + int(20_000), thresholdFen: int(30_000) } : { ...c, kind: 'percent', amountOffFen: null, percentOffBps: 1 + int(9999), maxOffFen: rnd() < 0.5 ? null : 1 + int(5000) };
      const selected = [...orders.filter(() => rnd() < 0.6).map((o) => coupon(terms({ storeId: o.storeId }))), ...(rnd() < 0.7 ? [platform(terms({}))] : [])];
      const r = price(orders, selected, ctx);
      if (r.ok) assertSound(orders, r.priced);
      else expect(['threshold', 'no_discount']).toContain(r.refusal.code);
    }
  });
});

describe('best', () => {
  it('picks the biggest discount per store and the best platform coupon', () => {
    const small = coupon({ amountOffFen: 100 });
    const big = coupon({ thresholdFen: 10000, amountOffFen: 1500 });
    const tooHigh = coupon({ thresholdFen: 20000, amountOffFen: 5000 });
    const other = coupon({ storeId: 'sto_zzz', amountOffFen: 9000 });
    const plat = platform({ kind: 'percent', amountOffFen: null, percentOffBps: 500 });
    const b = best([A, B], [small, big, tooHigh, other, plat], ctx);
    expect(b.selected.map((c) => c.ref).sort()).toEqual([big.ref, plat.ref].sort());
    expect(b.priced.discountFen).toBe(1500 + Math.floor((13500 * 500) / 10000));
  });

  it('gives up some store discount when that keeps the platform coupon’s threshold', () => {
    const big = coupon({ amountOffFen: 3000 });
    const small = coupon({ amountOffFen: 500 });
    const plat = platform({ thresholdFen: 14000, amountOffFen: 5000 });
    // big alone: 3000 and ¥120 < ¥140, no platform coupon; small + platform: 500 + 5000.
    const b = best([A, B], [big, small, plat], ctx);
    expect(b.selected.map((c) => c.ref).sort()).toEqual([small.ref, plat.ref].sort());
    expect(b.priced.discountFen).toBe(5500);
  });

  it('prefers fewer coupons, then the one that expires sooner, on equal discounts', () => {
    const later = coupon({ endsAt: new Date('2026-11-29T00:00:00Z') });
    const sooner = coupon({ endsAt: new Date('2026-11-20T00:00:00Z') });
    expect(best([A], [later, sooner], ctx).selected.map((c) => c.ref)).toEqual([sooner.ref]);
  });

  it('selects nothing when nothing applies', () => {
    const b = best([A], [coupon({ storeId: 'sto_b' }), coupon({ endsAt: NOW }), platform({ thresholdFen: 1e6 })], ctx);
    expect(b.selected).toEqual([]);
    expect(b.priced.payFen).toBe(10000);
  });

  it('matches a full search on random wallets', () => {
    const rnd = seededRandom(99);
    const int = (max: number) => Math.floor(rnd() * max);
    for (let k = 0; k < 60; k++) {
      const orders: BasketOrder[] = Array.from({ length: 1 + int(2) }, (_, i) => ({ storeId: `sto_${i}`, lines: [1 + int(20_000), 1 + int(20_000)] }));
      const wallet = [
        ...Array.from({ length: int(4) }, () => coupon({ storeId: `sto_${int(2)}`, thresholdFen: int(20_000), amountOffFen: 1 + int(8000) })),
        ...Array.from({ length: int(3) }, () => platform({ thresholdFen: int(40_000), amountOffFen: 1 + int(8000) })),
      ];
      // Brute force over every subset of the wallet.
      let top = 0;
      for (let mask = 0; mask < 1 << wallet.length; mask++) {
        const r = price(orders, wallet.filter((_, i) => mask & (1 << i)), ctx);
        if (r.ok) top = Math.max(top, r.priced.discountFen);
      }
      expect(best(orders, wallet, ctx).priced.discountFen).toBe(top);
    }
  });
});
