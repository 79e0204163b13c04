// The quote: what a checkout would charge now, before the shopper commits — per store goods and
// discounts, the wallet's coupons that fit these goods (each with what it takes off, or why it
// does not apply), and the best combination pre-selected. It reads only; nothing is reserved or
// spent, so the checkout that follows checks everything again.
import type { Db } from '../../platform/db/index.ts';
import { AppError, conflict } from '../../platform/errors.ts';
import type { ProductService } from '../catalog/products.ts';
import { engineOrders, readBasket } from './basket.ts';
import type { CartService } from './cart.ts';
import type { CheckoutRequest } from './checkout.ts';
import type { Quote } from './coupon-schemas.ts';
import { refusalError, type CouponWallet } from './coupon-wallet.ts';
import type { FlashSaleService } from './flash-sales.ts';
import { best, price, type CouponTerms, type Priced } from './pricing.ts';

export class QuoteService {
  constructor(
    private readonly db: Db,
    private readonly products: ProductService,
    private readonly cart: CartService,
    private readonly flashSales: FlashSaleService,
    private readonly wallet: CouponWallet,
  ) {}

  async quote(userId: string, req: CheckoutRequest): Promise<Quote> {
    const fromCart = !req.items;
    const items = req.items ?? (await this.cart.items(userId));
    if (items.length === 0) throw new AppError('validation_failed', 'The cart is empty', 'items');
    const basket = await readBasket(this.db, this.products, this.flashSales, items, fromCart);
    const orders = engineOrders(basket);
    const ctx = { source: req.source ?? null, now: new Date() };
    const candidates = await this.wallet.candidates(this.db, userId, basket.stores.map((s) => s.storeId));

    let selected: CouponTerms[];
    let priced: Priced;
    if (req.couponIds) {
      // The shopper's own choice: refused coupons are the same 4xx as at checkout.
      selected = await this.wallet.selected(this.db, userId, req.couponIds);
      const r = price(orders, selected, ctx);
      if (!r.ok) throw refusalError(r.refusal);
      priced = r.priced;
    } else {
      ({ selected, priced } = best(orders, candidates.map((c) => c.terms), ctx));
    }
    if (req.expectedTotalFen !== undefined && req.expectedTotalFen !== priced.payFen) {
      throw conflict(`Prices changed: the total is now ${priced.payFen} fen`, 'expectedTotalFen');
    }

    const appliedFen = new Map(priced.applied.map((a) => [a.ref, a.discountFen]));
    return {
      goodsFen: priced.goodsFen,
      discountFen: priced.discountFen,
      totalFen: priced.payFen,
      stores: basket.stores.map((s, i) => {
        const p = priced.orders[i]!;
        return {
          storeId: s.storeId,
          goodsFen: p.goodsFen,
          storeDiscountFen: p.storeDiscountFen,
          platformDiscountFen: p.platformDiscountFen,
          payFen: p.payFen,
          storeCouponId: p.storeCoupon,
          lines: s.lines.map((l, j) => ({
            skuId: l.d.skuId,
            title: l.sku.title,
            quantity: l.d.quantity,
            unitPriceFen: l.d.unitPriceFen,
            lineFen: l.lineFen,
            storeDiscountFen: p.lines[j]!.storeDiscountFen,
            platformDiscountFen: p.lines[j]!.platformDiscountFen,
          })),
        };
      }),
      platformCouponId: priced.platformCoupon,
      selectedCouponIds: selected.map((c) => c.ref),
      coupons: candidates.map(({ userCoupon, terms }) => {
        const alone = price(orders, [terms], ctx);
        const inSelection = appliedFen.get(terms.ref);
        return {
          userCoupon,
          selected: inSelection !== undefined,
          applicable: alone.ok,
          reason: alone.ok ? null : alone.refusal.message,
          discountFen: inSelection ?? (alone.ok ? alone.priced.discountFen : 0),
        };
      }),
    };
  }
}
