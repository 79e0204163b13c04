// Checkout: one transaction turns a cart (or a list of SKUs) into one order per store, with
// stock reserved and a payment intent for the whole. Idempotent by (shopper, Idempotency-Key):
// a repeat returns the first result, never a second order or charge. A crash mid-way leaves
// nothing, since every write is in the one transaction.
import { createHash } from 'node:crypto';
import type { Db, Tx } from '../../platform/db/index.ts';
import { AppError, conflict } from '../../platform/errors.ts';
import type { EventBus } from '../../platform/events/bus.ts';
import { newId } from '../../platform/ids.ts';
import type { JobQueue } from '../../platform/jobs/queue.ts';
import type { ProductService } from '../catalog/products.ts';
import type { CartService } from './cart.ts';
import type { FlashSaleService } from './flash-sales.ts';

export const SOURCE_TYPES = ['feed_video', 'live_room', 'search', 'store_page', 'mall', 'showcase', 'product_page', 'cart', 'other'] as const;
export type SourceType = (typeof SOURCE_TYPES)[number];

export interface CheckoutRequest {
  items?: Array<{ skuId: string; quantity: number; flashSaleId?: string }>;
  source?: { type: SourceType; id?: string };
  expectedTotalFen?: number;
}

export interface CheckoutResult {
  checkoutId: string;
  totalFen: number;
  expiresAt: string;
  orders: Array<{ id: string; storeId: string; status: string; goodsFen: number; payFen: number; lines: Array<{ skuId: string; title: string; quantity: number; unitPriceFen: number; lineFen: number }> }>;
  payment: { intentId: string; payUrl: string } | null;
}

/** What checkout needs from payments: an intent for the checkout's total, in its transaction. */
export interface PaymentGateway {
  createIntent(tx: Tx, input: { reference: string; amountFen: number; payerId: string; description: string }): Promise<{ id: string; payUrl: string }>;
}

export const EXPIRE_JOB = 'commerce.expire_checkout';

interface Demand {
  skuId: string;
  flashSaleId: string | null;
  quantity: number;
  /** Position of the item in the request, for error fields. */
  index: number;
  unitPriceFen: number;
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
  ) {}

  async checkout(userId: string, key: string, req: CheckoutRequest): Promise<{ result: CheckoutResult; replayed: boolean }> {
    const fromCart = !req.items;
    const items: NonNullable<CheckoutRequest['items']> = req.items ?? (await this.cart.items(userId));
    if (items.length === 0) throw new AppError('validation_failed', 'The cart is empty', 'items');
    const hash = createHash('sha256').update(JSON.stringify({ items, source: req.source ?? null, expected: req.expectedTotalFen ?? null })).digest('hex');

    return this.db.tx(async (tx) => {
      const checkoutId = newId('chk');
      const expiresAt = new Date(Date.now() + this.payTimeoutMinutes * 60_000);
      const claimed = await tx.query(
        `INSERT INTO checkouts (id, user_id, idempotency_key, request_hash, total_fen, expires_at) VALUES ($1, $2, $3, $4, 0, $5)
         ON CONFLICT (user_id, idempotency_key) DO NOTHING RETURNING id`,
        [checkoutId, userId, key, hash, expiresAt],
      );
      if (claimed.length === 0) return { result: await this.replay(tx, userId, key, hash), replayed: true };

      // Demand summed per SKU (a flash-sale SKU counts apart from the same SKU at its regular
      // price), then taken in a fixed order so concurrent checkouts never deadlock.
      const demand = new Map<string, Demand>();
      items.forEach((it, index) => {
        const k = `${it.skuId}|${it.flashSaleId ?? ''}`;
        const prev = demand.get(k);
        demand.set(k, { skuId: it.skuId, flashSaleId: it.flashSaleId ?? null, quantity: (prev?.quantity ?? 0) + it.quantity, index: prev?.index ?? index, unitPriceFen: 0 });
      });
      const wanted = [...demand.values()].sort((x, y) => (x.skuId === y.skuId ? (x.flashSaleId ?? '').localeCompare(y.flashSaleId ?? '') : x.skuId.localeCompare(y.skuId)));
      const skuIds = [...new Set(wanted.map((d) => d.skuId))];
      const view = await this.products.checkoutView(tx, skuIds);
      const itemField = (d: Demand, name: string) => (fromCart ? 'items' : `items.${d.index}.${name}`);
      for (const d of wanted) {
        const v = view.get(d.skuId);
        if (!v) throw new AppError('not_found', `SKU ${d.skuId} not found`, itemField(d, 'skuId'));
        if (!v.onSale) throw new AppError('invalid_state', `"${v.title}" is no longer on sale`, itemField(d, 'skuId'));
        if (d.quantity > 999) throw new AppError('validation_failed', 'At most 999 of one SKU per checkout', itemField(d, 'quantity'));
        d.unitPriceFen = v.priceFen;
        if (d.flashSaleId) {
          const sale = await this.flashSales.get(d.flashSaleId, tx).catch(() => null);
          if (!sale || sale.skuId !== d.skuId) throw new AppError('not_found', 'No such flash sale for this SKU', itemField(d, 'flashSaleId'));
          d.unitPriceFen = sale.priceFen;
        }
      }
      const totalFen = wanted.reduce((a, d) => a + d.unitPriceFen * d.quantity, 0);
      if (req.expectedTotalFen !== undefined && req.expectedTotalFen !== totalFen) {
        throw conflict(`Prices changed: the total is now ${totalFen} fen`, 'expectedTotalFen');
      }

      const byStore = new Map<string, Demand[]>();
      for (const d of wanted) byStore.set(view.get(d.skuId)!.storeId, [...(byStore.get(view.get(d.skuId)!.storeId) ?? []), d]);
      const orders: CheckoutResult['orders'] = [];
      for (const [storeId, ds] of [...byStore].sort(([x], [y]) => x.localeCompare(y))) {
        const orderId = newId('ord');
        const lines = ds.map((d) => {
          const v = view.get(d.skuId)!;
          return { d, productId: v.productId, title: v.title, optionValues: v.optionValues, imageId: v.imageId, lineFen: d.unitPriceFen * d.quantity, noReasonReturn: v.noReasonReturn };
        });
        const goodsFen = lines.reduce((a, l) => a + l.lineFen, 0);
        await tx.query(
          `INSERT INTO orders (id, checkout_id, user_id, store_id, status, goods_fen, pay_fen, source_type, source_id, pay_deadline)
           VALUES ($1, $2, $3, $4, 'created', $5, $5, $6, $7, $8)`,
          [orderId, checkoutId, userId, storeId, goodsFen, req.source?.type ?? (fromCart ? 'cart' : 'other'), req.source?.id ?? null, expiresAt],
        );
        await tx.query('INSERT INTO order_transitions (order_id, from_status, to_status, actor_type, actor_id) VALUES ($1, NULL, $2, $3, $4)', [orderId, 'created', 'buyer', userId]);
        for (const [i, l] of lines.entries()) {
          await tx.query(
            `INSERT INTO order_lines (order_id, line_no, sku_id, product_id, title, option_values, image_id, unit_price_fen, quantity, line_fen, no_reason_return, flash_sale_id)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
            [orderId, i + 1, l.d.skuId, l.productId, l.title, JSON.stringify(l.optionValues), l.imageId, l.d.unitPriceFen, l.d.quantity, l.lineFen, l.noReasonReturn, l.d.flashSaleId],
          );
          await this.reserve(tx, orderId, l.d, userId, expiresAt, itemField(l.d, 'quantity'));
        }
        await this.bus.publish(tx, 'commerce.order.created', { orderId, checkoutId, userId, storeId, payFen: goodsFen, source: req.source ?? null });
        orders.push({ id: orderId, storeId, status: 'created', goodsFen, payFen: goodsFen, lines: lines.map((l) => ({ skuId: l.d.skuId, title: l.title, quantity: l.d.quantity, unitPriceFen: l.d.unitPriceFen, lineFen: l.lineFen })) });
      }

      let payment: CheckoutResult['payment'] = null;
      if (this.payments) {
        const intent = await this.payments.createIntent(tx, { reference: checkoutId, amountFen: totalFen, payerId: userId, description: orders.map((o) => o.lines.map((l) => l.title).join('、')).join('；').slice(0, 200) });
        payment = { intentId: intent.id, payUrl: intent.payUrl };
        await tx.query('UPDATE orders SET payment_intent_id = $2, pay_url = $3 WHERE checkout_id = $1', [checkoutId, intent.id, intent.payUrl]);
      }
      await this.jobs.enqueue(tx, EXPIRE_JOB, { checkoutId }, { runAt: expiresAt, dedupeKey: `${EXPIRE_JOB}:${checkoutId}` });
      if (fromCart) await tx.query('DELETE FROM cart_items WHERE user_id = $1 AND sku_id = ANY($2::text[])', [userId, skuIds]);

      const result: CheckoutResult = { checkoutId, totalFen, expiresAt: expiresAt.toISOString(), orders, payment };
      await tx.query('UPDATE checkouts SET total_fen = $2, result = $3 WHERE id = $1', [checkoutId, totalFen, JSON.stringify(result)]);
      return { result, replayed: false };
    });
  }

  /**
   * Takes stock for an order and records the hold: from the SKU's stock by a conditional
   * decrement (never below zero), or, for a flash sale, by claiming the sale's own units.
   */
  private async reserve(tx: Tx, orderId: string, d: Demand, userId: string, expiresAt: Date, field: string): Promise<void> {
    if (d.flashSaleId) {
      await this.flashSales.claim(tx, { saleId: d.flashSaleId, skuId: d.skuId, userId, orderId, quantity: d.quantity, field });
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
