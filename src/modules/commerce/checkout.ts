// Checkout: one transaction turns a cart (or a list of SKUs) into one order per store, with
// stock reserved, coupons spent and a payment intent for the whole. Idempotent by (shopper,
// Idempotency-Key): a repeat returns the first result, never a second order or charge. A crash
// mid-way leaves nothing, since every write is in the one transaction.
import { createHash } from 'node:crypto';
import type { Db, Tx } from '../../platform/db/index.ts';
import { AppError, conflict } from '../../platform/errors.ts';
import type { EventBus } from '../../platform/events/bus.ts';
import { newId } from '../../platform/ids.ts';
import type { JobQueue } from '../../platform/jobs/queue.ts';
import type { ProductService } from '../catalog/products.ts';
import type { AddressBook } from '../identity/addresses.ts';
import type { FeeSchedule } from '../ledger/accounts.ts';
import { engineOrders, readBasket, type Demand } from './basket.ts';
import { refusalError, type CouponWallet } from './coupon-wallet.ts';
import type { CartService } from './cart.ts';
import type { FlashSaleService } from './flash-sales.ts';
import { FlashCheckout, flashOnly, type FlashCheckoutDeps } from './flash-checkout.ts';
import type { OrderAddresses } from './order-address.ts';
import type { LineSource, OrderCreatedEvent, OrderLineFacts } from './events.ts';
import { EXPIRE_JOB } from './orders.ts';
import { price } from './pricing.ts';

export const SOURCE_TYPES = ['feed_video', 'live_room', 'search', 'store_page', 'mall', 'showcase', 'product_page', 'cart', 'campaign', 'other'] as const;
export type SourceType = (typeof SOURCE_TYPES)[number];

export interface CheckoutRequest {
  items?: Array<{ skuId: string; quantity: number; flashSaleId?: string }>;
  source?: { type: SourceType; id?: string };
  addressId?: string;
  /** Wallet entries (user coupon ids) to spend; see pricing.ts for what stacks. */
  couponIds?: string[];
  expectedTotalFen?: number;
  /** The app's device id: only its keyed print leaves checkout (in the order event). */
  deviceId?: string;
}

export interface CheckoutResult {
  checkoutId: string;
  totalFen: number;
  expiresAt: string;
  orders: Array<{ id: string; storeId: string; status: string; goodsFen: number; discountFen: number; payFen: number; lines: Array<{ skuId: string; title: string; quantity: number; unitPriceFen: number; lineFen: number }> }>;
  payment: { intentId: string; payUrl: string } | null;
}

/** What checkout needs from payments: an intent for the checkout's total, in its transaction. */
export interface PaymentGateway {
  createIntent(tx: Tx, input: { reference: string; amountFen: number; payerId: string; description: string }): Promise<{ id: string; payUrl: string }>;
}

/** How checkout prices: the shopper's coupons, and the platform fee per category. */
export interface CheckoutPricing {
  wallet: CouponWallet;
  fees: FeeSchedule;
}

/** What an Idempotency-Key is bound to: a repeat with another request under the same key is a 409. */
export function requestHash(items: NonNullable<CheckoutRequest['items']>, req: CheckoutRequest): string {
  const couponIds = req.couponIds ?? [];
  return createHash('sha256')
    .update(JSON.stringify({ items, source: req.source ?? null, addressId: req.addressId ?? null, expected: req.expectedTotalFen ?? null, ...(couponIds.length ? { couponIds } : {}) }))
    .digest('hex');
}

export class CheckoutService {
  constructor(
    private readonly db: Db,
    private readonly bus: EventBus,
    private readonly jobs: JobQueue,
    private readonly products: ProductService,
    private readonly cart: CartService,
    private readonly flashSales: FlashSaleService,
    private readonly payments: PaymentGateway | null,
    private readonly payTimeoutMinutes: number,
    private readonly addressBook: AddressBook,
    private readonly orderAddresses: OrderAddresses,
    private readonly pricing: CheckoutPricing,
  ) {}

  /** Flash-sale checkouts of one item are written in batches (flash-checkout.ts); set by the composition root. */
  private flash: FlashCheckout | null = null;

  batchFlashSales(deps: Omit<FlashCheckoutDeps, 'direct'>): void {
    this.flash = new FlashCheckout({ ...deps, direct: (userId, key, req) => this.checkoutOne(userId, key, req) });
  }

  async checkout(userId: string, key: string, req: CheckoutRequest): Promise<{ result: CheckoutResult; replayed: boolean }> {
    const flash = this.flash && flashOnly(req);
    if (this.flash && flash) return this.flash.submit({ userId, key, req, hash: requestHash(req.items!, req), ...flash });
    return this.checkoutOne(userId, key, req);
  }

  /** One checkout in its own transaction. */
  private async checkoutOne(userId: string, key: string, req: CheckoutRequest): Promise<{ result: CheckoutResult; replayed: boolean }> {
    const fromCart = !req.items;
    const items: NonNullable<CheckoutRequest['items']> = req.items ?? (await this.cart.items(userId));
    if (items.length === 0) throw new AppError('validation_failed', 'The cart is empty', 'items');
    const couponIds = req.couponIds ?? [];
    const hash = requestHash(items, req);

    return this.db.tx(async (tx) => {
      const checkoutId = newId('chk');
      const expiresAt = new Date(Date.now() + this.payTimeoutMinutes * 60_000);
      const claimed = await tx.query(
        `INSERT INTO checkouts (id, user_id, idempotency_key, request_hash, total_fen, expires_at) VALUES ($1, $2, $3, $4, 0, $5)
         ON CONFLICT (user_id, idempotency_key) DO NOTHING RETURNING id`,
        [checkoutId, userId, key, hash, expiresAt],
      );
      if (claimed.length === 0) return { result: await this.replay(tx, userId, key, hash), replayed: true };

      const shipTo = await this.addressBook.forCheckout(tx, userId, req.addressId);
      const now = new Date();
      // Each line's last touch: the source its cart row was last added with, else the checkout's.
      const touches = fromCart ? await this.cart.touches(tx, userId) : new Map<string, { source: LineSource; at: Date }>();
      const touchOf = (skuId: string) => touches.get(skuId) ?? (req.source ? { source: req.source, at: now } : null);
      const basket = await readBasket(tx, this.products, this.flashSales, items, fromCart);
      const coupons = await this.pricing.wallet.selected(tx, userId, couponIds);
      const priced = price(engineOrders(basket), coupons, { source: req.source ?? null, now: new Date() });
      if (!priced.ok) throw refusalError(priced.refusal);
      const totalFen = priced.priced.payFen;
      if (req.expectedTotalFen !== undefined && req.expectedTotalFen !== totalFen) {
        throw conflict(`Prices changed: the total is now ${totalFen} fen`, 'expectedTotalFen');
      }

      const orders: CheckoutResult['orders'] = [];
      for (const [k, { storeId, lines }] of basket.stores.entries()) {
        const orderId = newId('ord');
        const p = priced.priced.orders[k]!;
        // The platform fee is charged on what the store sells each line for (after its own
        // discount), at the rate of the product's category, else its parent's, else the default.
        const money = lines.map((l, i) => {
          const feeBps = this.pricing.fees.rateBps(l.sku.categoryId, l.sku.categoryParentId);
          const { storeDiscountFen, platformDiscountFen } = p.lines[i]!;
          return { feeBps, feeFen: this.pricing.fees.feeFen(l.lineFen - storeDiscountFen, feeBps), storeDiscountFen, platformDiscountFen };
        });
        const feeFen = money.reduce((a, m) => a + m.feeFen, 0);
        const discountFen = p.storeDiscountFen + p.platformDiscountFen;
        // pay_fen = goods − discount + shipping (shipping_fen is 0 until shipping fees are charged).
        await tx.query(
          `INSERT INTO orders (id, checkout_id, user_id, store_id, status, goods_fen, discount_fen, platform_discount_fen, store_discount_fen, fee_fen, pay_fen, source_type, source_id, pay_deadline)
           VALUES ($1, $2, $3, $4, 'created', $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
          [orderId, checkoutId, userId, storeId, p.goodsFen, discountFen, p.platformDiscountFen, p.storeDiscountFen, feeFen, p.payFen, req.source?.type ?? (fromCart ? 'cart' : 'other'), req.source?.id ?? null, expiresAt],
        );
        await tx.query('INSERT INTO order_transitions (order_id, from_status, to_status, actor_type, actor_id) VALUES ($1, NULL, $2, $3, $4)', [orderId, 'created', 'buyer', userId]);
        await this.orderAddresses.attach(tx, orderId, shipTo);
        const facts: OrderLineFacts[] = [];
        for (const [i, l] of lines.entries()) {
          const m = money[i]!;
          const touch = touchOf(l.d.skuId);
          await tx.query(
            `INSERT INTO order_lines (order_id, line_no, sku_id, product_id, title, option_values, image_id, unit_price_fen, quantity, line_fen, no_reason_return, flash_sale_id,
                                      category_id, fee_bps, fee_fen, platform_discount_fen, store_discount_fen, source_type, source_id, touched_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20)`,
            [orderId, i + 1, l.d.skuId, l.sku.productId, l.sku.title, JSON.stringify(l.sku.optionValues), l.sku.imageId, l.d.unitPriceFen, l.d.quantity, l.lineFen, l.sku.noReasonReturn, l.d.flashSaleId, l.sku.categoryId, m.feeBps, m.feeFen, m.platformDiscountFen, m.storeDiscountFen, touch?.source.type ?? null, touch?.source.id ?? null, touch?.at ?? null],
          );
          await this.reserve(tx, orderId, l.d, userId, expiresAt, basket.field(l.d, 'quantity'), req.source ?? null);
          const paidFen = l.lineFen - m.storeDiscountFen - m.platformDiscountFen;
          facts.push({ lineNo: i + 1, productId: l.sku.productId, skuId: l.d.skuId, title: l.sku.title, quantity: l.d.quantity, paidFen, source: touch?.source ?? null, touchedAt: (touch?.at ?? now).toISOString() });
        }
        await this.bus.publish<OrderCreatedEvent>(tx, 'commerce.order.created', { orderId, checkoutId, userId, storeId, payFen: p.payFen, source: req.source ?? null, lines: facts, shipToPrint: shipTo.print, devicePrint: req.deviceId ? this.orderAddresses.printDevice(req.deviceId) : null });
        orders.push({ id: orderId, storeId, status: 'created', goodsFen: p.goodsFen, discountFen, payFen: p.payFen, lines: lines.map((l) => ({ skuId: l.d.skuId, title: l.sku.title, quantity: l.d.quantity, unitPriceFen: l.d.unitPriceFen, lineFen: l.lineFen })) });
      }
      await this.pricing.wallet.spend(tx, checkoutId, priced.priced, orders.map((o) => o.id));

      let payment: CheckoutResult['payment'] = null;
      if (this.payments) {
        const intent = await this.payments.createIntent(tx, { reference: checkoutId, amountFen: totalFen, payerId: userId, description: orders.map((o) => o.lines.map((l) => l.title).join('、')).join('；').slice(0, 200) });
        payment = { intentId: intent.id, payUrl: intent.payUrl };
        await tx.query('UPDATE orders SET payment_intent_id = $2, pay_url = $3 WHERE checkout_id = $1', [checkoutId, intent.id, intent.payUrl]);
      }
      await this.jobs.enqueue(tx, EXPIRE_JOB, { checkoutId }, { runAt: expiresAt, dedupeKey: `${EXPIRE_JOB}:${checkoutId}` });
      if (fromCart) await tx.query('DELETE FROM cart_items WHERE user_id = $1 AND sku_id = ANY($2::text[])', [userId, basket.skuIds]);

      const result: CheckoutResult = { checkoutId, totalFen, expiresAt: expiresAt.toISOString(), orders, payment };
      await tx.query('UPDATE checkouts SET total_fen = $2, result = $3 WHERE id = $1', [checkoutId, totalFen, JSON.stringify(result)]);
      return { result, replayed: false };
    });
  }

  /**
   * Takes stock for an order and records the hold: from the SKU's stock by a conditional
   * decrement (never below zero), or, for a flash sale, by claiming the sale's own units.
   */
  private async reserve(tx: Tx, orderId: string, d: Demand, userId: string, expiresAt: Date, field: string, source: NonNullable<CheckoutRequest['source']> | null): Promise<void> {
    if (d.flashSaleId) {
      await this.flashSales.claim(tx, { saleId: d.flashSaleId, skuId: d.skuId, userId, orderId, quantity: d.quantity, field, source });
    } else {
      try {
        await this.products.adjustStock(tx, d.skuId, -d.quantity, 'reserve', userId, orderId);
      } catch (err) {
        if (err instanceof AppError && err.code === 'invalid_state') throw new AppError('invalid_state', 'Not enough stock', field);
        throw err;
      }
    }
    await tx.query(`INSERT INTO stock_reservations (id, order_id, sku_id, quantity, flash_sale_id, status, expires_at) VALUES ($1, $2, $3, $4, $5, 'held', $6)`, [
      newId('rsv'),
      orderId,
      d.skuId,
      d.quantity,
      d.flashSaleId,
      expiresAt,
    ]);
  }

  private async replay(tx: Tx, userId: string, key: string, hash: string): Promise<CheckoutResult> {
    const [prev] = await tx.query<{ request_hash: string; result: CheckoutResult | null }>('SELECT request_hash, result FROM checkouts WHERE user_id = $1 AND idempotency_key = $2', [userId, key]);
    if (!prev || prev.result === null) throw conflict('A checkout with this Idempotency-Key is in progress', 'idempotency-key');
    if (prev.request_hash !== hash) throw conflict('This Idempotency-Key was used for a different checkout', 'idempotency-key');
    return prev.result;
  }
}
