import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../platform/random.ts';
import { allocate, cumulative, payoutLines, quote, refundLines, settlementLines, split, spreadFee, unitsShare, type LineMoney } from './money.ts';

const sum = (xs: readonly number[]) => xs.reduce((a, x) => a + x, 0);
const line = (lineNo: number, quantity: number, lineFen: number, feeFen: number, dp: number, ds: number): LineMoney => ({ lineNo, quantity, paidFen: lineFen - dp - ds, feeFen, platformDiscountFen: dp, storeDiscountFen: ds });

/** The payment booking of lines, as commerce's payment handler posts it (per line, summed). */
function paymentLines(lines: LineMoney[], storeId: string) {
  const by = new Map<string, number>();
  const add = (a: string, v: number) => by.set(a, (by.get(a) ?? 0) + v);
  for (const l of lines) {
    add('psp:sandbox:clearing', l.paidFen);
    add('platform:coupon_expense', l.platformDiscountFen);
    add(`merchant:${storeId}:payable`, -(l.paidFen + l.platformDiscountFen - l.feeFen));
    add('platform:fee_revenue', -l.feeFen);
  }
  return by;
}

describe('pro-rata shares', () => {
  it('rounds units down and gives the last unit the remainder', () => {
    expect([0, 1, 2, 3].map((u) => cumulative(100, u, 3))).toEqual([0, 33, 66, 100]);
    const l = line(1, 3, 100, 5, 0, 0);
    expect([unitsShare(l, 0, 1).refundFen, unitsShare(l, 1, 1).refundFen, unitsShare(l, 2, 1).refundFen]).toEqual([33, 33, 34]);
    expect([unitsShare(l, 0, 1).feeFen, unitsShare(l, 1, 1).feeFen, unitsShare(l, 2, 1).feeFen]).toEqual([1, 2, 2]);
    expect(unitsShare(l, 1, 2).refundFen).toBe(67);
    expect(() => cumulative(100, 4, 3)).toThrow();
  });

  it('splits an amount exactly, never giving a part more than its weight', () => {
    expect(allocate(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(allocate(100, [3333, 6667])).toEqual([33, 67]);
    expect(allocate(0, [0, 0])).toEqual([0, 0]);
    expect(() => allocate(1, [0, 0])).toThrow();
    const rng = seededRandom(7);
    for (let i = 0; i < 500; i++) {
      const weights = Array.from({ length: 1 + Math.floor(rng() * 6) }, () => Math.floor(rng() * 10_000));
      const amount = Math.floor(rng() * (sum(weights) + 1));
      const parts = allocate(amount, weights);
      expect(sum(parts)).toBe(amount);
      parts.forEach((p, j) => expect(p).toBeLessThanOrEqual(weights[j]!));
    }
  });

  it('quotes what is left of each line and splits a smaller request pro rata', () => {
    const lines = [line(1, 2, 3000, 150, 200, 100), line(2, 1, 1001, 50, 0, 0)];
    const q = quote(lines, new Map([[1, 1]]), [
      { lineNo: 1, quantity: 1 },
      { lineNo: 2, quantity: 1 },
    ]);
    // Line 1 paid 2700 for 2 units; unit 2 (the last) is worth 2700 − 1350.
    expect(q.parts.map((p) => [p.fromUnit, p.refundFen, p.feeFen, p.platformDiscountFen, p.storeDiscountFen])).toEqual([
      [1, 1350, 75, 100, 50],
      [0, 1001, 50, 0, 0],
    ]);
    expect(q.maxFen).toBe(2351);
    const parts = split(q, 1000);
    expect(sum(parts.map((p) => p.refundFen))).toBe(1000);
    expect(parts.map((p) => [p.refundFen, p.feeFen, p.platformDiscountFen])).toEqual([
      [574, 31, 42],
      [426, 21, 0],
    ]);
    expect(() => split(q, 2352)).toThrow();
    expect(() => quote(lines, new Map([[1, 2]]), [{ lineNo: 1, quantity: 1 }])).toThrow();
  });
});

describe('ledger lines', () => {
  it('reverse the payment booking exactly when every unit is refunded, in any number of refunds', () => {
    const rng = seededRandom(42);
    for (let round = 0; round < 200; round++) {
      const lines = Array.from({ length: 1 + Math.floor(rng() * 4) }, (_, i) => {
        const quantity = 1 + Math.floor(rng() * 5);
        const lineFen = quantity * (1 + Math.floor(rng() * 9999));
        const dp = Math.floor(rng() * lineFen * 0.3);
        const ds = Math.floor(rng() * (lineFen - dp) * 0.3);
        const fee = Math.floor(((lineFen - ds) * 600) / 10_000);
        return line(i + 1, quantity, lineFen, fee, dp, ds);
      });
      const balances = paymentLines(lines, 's1');
      const refunded = new Map<number, number>();
      // Refund unit by unit in random chunks, each case its full share, until nothing is left.
      for (;;) {
        const open = lines.filter((l) => (refunded.get(l.lineNo) ?? 0) < l.quantity);
        if (open.length === 0) break;
        const selection = open.filter(() => rng() < 0.6).map((l) => ({ lineNo: l.lineNo, quantity: 1 + Math.floor(rng() * (l.quantity - (refunded.get(l.lineNo) ?? 0))) }));
        if (selection.length === 0) continue;
        const q = quote(lines, refunded, selection);
        const entry = refundLines(split(q, q.maxFen), 's1', 'u1');
        expect(sum(entry.map((l) => l.amountFen))).toBe(0);
        for (const l of entry) balances.set(l.account, (balances.get(l.account) ?? 0) + l.amountFen);
        for (const l of settlementLines(q.maxFen, 'sandbox', 'u1')) balances.set(l.account, (balances.get(l.account) ?? 0) + l.amountFen);
        for (const s of selection) refunded.set(s.lineNo, (refunded.get(s.lineNo) ?? 0) + s.quantity);
      }
      for (const [account, balance] of balances) expect(balance, account).toBe(0);
    }
  });

  it('book a refund, its settlement and payouts as balanced entries without zero lines', () => {
    expect(refundLines([{ refundFen: 1000, feeFen: 50, platformDiscountFen: 200, storeDiscountFen: 100 }], 's1', 'u1')).toEqual([
      { account: 'merchant:s1:payable', amountFen: 1150 },
      { account: 'platform:fee_revenue', amountFen: 50 },
      { account: 'platform:coupon_expense', amountFen: -200 },
      { account: 'buyer:u1:refundable', amountFen: -1000 },
    ]);
    expect(refundLines([{ refundFen: 500, feeFen: 0, platformDiscountFen: 0, storeDiscountFen: 0 }], 's1', 'u1')).toEqual([
      { account: 'merchant:s1:payable', amountFen: 500 },
      { account: 'buyer:u1:refundable', amountFen: -500 },
    ]);
    expect(settlementLines(500, 'sandbox', 'u1')).toEqual([
      { account: 'buyer:u1:refundable', amountFen: 500 },
      { account: 'psp:sandbox:clearing', amountFen: -500 },
    ]);
    expect(payoutLines(800, 'platform', 'u1')).toEqual([
      { account: 'platform:compensation_expense', amountFen: 800 },
      { account: 'buyer:u1:balance', amountFen: -800 },
    ]);
    expect(payoutLines(800, { store: 's1' }, 'u1')[0]).toEqual({ account: 'merchant:s1:payable', amountFen: 800 });
  });

  it('spreads a fee booked on the whole payment over the lines when the lines carry none', () => {
    const lines = [line(1, 1, 3000, 0, 0, 0), line(2, 2, 1000, 0, 0, 0), line(0, 1, 500, 0, 0, 0)];
    const spread = spreadFee(lines, 225);
    expect(spread.map((l) => l.feeFen)).toEqual([150, 50, 25]);
    const fixed = [line(1, 1, 3000, 150, 0, 0)];
    expect(spreadFee(fixed, 150)).toEqual(fixed);
  });
});
