import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../platform/random.ts';
import { orderPaymentLines } from './payment-handler.ts';

describe('booking an order payment', () => {
  it('debits the coupon expense, credits the store and the fee, from the stored figures', () => {
    const lines = orderPaymentLines({ id: 'ord_1', store_id: 'sto_a', goods_fen: 10000, shipping_fen: 0, pay_fen: 8035, platform_discount_fen: 965, store_discount_fen: 1000, fee_fen: 540 });
    expect(lines).toEqual([
      { account: 'platform:coupon_expense', amountFen: 965 },
      { account: 'merchant:sto_a:payable', amountFen: -8460 },
      { account: 'platform:fee_revenue', amountFen: -540 },
    ]);
    // With the buyer's payment on the debit side, the order's lines sum to zero.
    expect(8035 + lines.reduce((a, l) => a + l.amountFen, 0)).toBe(0);
  });

  it('balances against what the buyer paid for any figures (shipping included), with no zero lines', () => {
    const rnd = seededRandom(3);
    const int = (max: number) => Math.floor(rnd() * max);
    for (let k = 0; k < 300; k++) {
      const goods = 1 + int(100_000);
      const store = int(goods);
      const platform = int(goods - store);
      const fee = int(goods - store + 1);
      const shipping = rnd() < 0.5 ? 0 : int(2000);
      const pay = goods - store - platform + shipping;
      const lines = orderPaymentLines({ id: 'o', store_id: 's', goods_fen: goods, shipping_fen: shipping, pay_fen: pay, platform_discount_fen: platform, store_discount_fen: store, fee_fen: fee });
      expect(pay + lines.reduce((a, l) => a + l.amountFen, 0)).toBe(0);
      expect(lines.every((l) => l.amountFen !== 0)).toBe(true);
    }
  });
});
