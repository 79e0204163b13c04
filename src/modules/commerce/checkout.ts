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

export const SOURCE_TYPES = ['feed_video', 'live_room', 'search', 'store_page', 'mall', 'showcase', 'product_page', 'cart', 'other'] as const;
export type SourceType = (typeof SOURCE_TYPES)[number];

export interface CheckoutRequest {
  items?: Array<{ skuId: string; quantity: number }>;
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

export class CheckoutService {
  constructor(
    private readonly db: Db,
    private readonly bus: EventBus,
    private readonly jobs: JobQueue,
    private readonly products: ProductService,
    private readonly cart: CartService,
    private readonly payments: PaymentGateway | null,
    private readonly payTimeoutMinutes: number,
  ) {}

  async checkout(userId: string, key: string, req: CheckoutRequest): Promise<{ result: CheckoutResult; replayed: boolean }> {
    const fromCart = !req.items;
    const items = req.items ?? (await this.cart.items(userId));
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

      // Demand summed per SKU, then locked in a fixed order so concurrent checkouts never deadlock.
      const demand = new Map<string, { quantity: number; index: number }>();
      items.forEach((it, index) => demand.set(it.skuId, { quantity: (demand.get(it.skuId)?.quantity ?? 0) + it.quantity, index: demand.get(it.skuId)?.index ?? index }));
      const skuIds = [...demand.keys()].sort();
      const view = await this.products.checkoutView(tx, skuIds);
      for (const skuId of skuIds) {
        const d = demand.get(skuId)!;
        const v = view.get(skuId);
        const field = fromCart ? 'items' : `items.${d.index}.skuId`;
        if (!v) throw new AppError('not_found', `SKU ${skuId} not found`, field);
        if (!v.onSale) throw new AppError('invalid_state', `"${v.title}" is no longer on sale`, field);
        if (d.quantity > 999) throw new AppError('validation_failed', 'At most 999 of one SKU per checkout', fromCart ? 'items' : `items.${d.index}.quantity`);
      }
      const totalFen = skuIds.reduce((a, id) => a + view.get(id)!.priceFen * demand.get(id)!.quantity, 0);
      if (req.expectedTotalFen !== undefined && req.expectedTotalFen !== totalFen) {
        throw conflict(`Prices changed: the total is now ${totalFen} fen`, 'expectedTotalFen');
      }

      const byStore = new Map<string, string[]>();
      for (const id of skuIds) byStore.set(view.get(id)!.storeId, [...(byStore.get(view.get(id)!.storeId) ?? []), id]);
      const orders: CheckoutResult['orders'] = [];
      for (const [storeId, ids] of [...byStore].sort(([a], [b]) => a.localeCompare(b))) {
        const orderId = newId('ord');
        const lines = ids.map((id) => {
          const v = view.get(id)!;
          const quantity = demand.get(id)!.quantity;
          return { skuId: id, productId: v.productId, title: v.title, optionValues: v.optionValues, imageId: v.imageId, unitPriceFen: v.priceFen, quantity, lineFen: v.priceFen * quantity, noReasonReturn: v.noReasonReturn };
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
            `INSERT INTO order_lines (order_id, line_no, sku_id, product_id, title, option_values, image_id, unit_price_fen, quantity, line_fen, no_reason_return)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
            [orderId, i + 1, l.skuId, l.productId, l.title, JSON.stringify(l.optionValues), l.imageId, l.unitPriceFen, l.quantity, l.lineFen, l.noReasonReturn],
          );
          await this.reserve(tx, orderId, l.skuId, l.quantity, userId, expiresAt, fromCart ? 'items' : `items.${demand.get(l.skuId)!.index}.quantity`);
        }
        await this.bus.publish(tx, 'commerce.order.created', { orderId, checkoutId, userId, storeId, payFen: goodsFen, source: req.source ?? null });
        orders.push({ id: orderId, storeId, status: 'created', goodsFen, payFen: goodsFen, lines: lines.map((l) => ({ skuId: l.skuId, title: l.title, quantity: l.quantity, unitPriceFen: l.unitPriceFen, lineFen: l.lineFen })) });
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

  /** Takes stock for an order by a conditional decrement (never below zero) and records the hold. */
  private async reserve(tx: Tx, orderId: string, skuId: string, quantity: number, userId: string, expiresAt: Date, field: string): Promise<void> {
    try {
      await this.products.adjustStock(tx, skuId, -quantity, 'reserve', userId, orderId);
    } catch (err) {
      if (err instanceof AppError && err.code === 'invalid_state') throw new AppError('invalid_state', 'Not enough stock', field);
      throw err;
    }
    await tx.query(`INSERT INTO stock_reservations (id, order_id, sku_id, quantity, status, expires_at) VALUES ($1, $2, $3, $4, 'held', $5)`, [newId('rsv'), orderId, skuId, quantity, expiresAt]);
  }

  private async replay(tx: Tx, userId: string, key: string, hash: string): Promise<CheckoutResult> {
    const [prev] = await tx.query<{ request_hash: string; result: CheckoutResult | null }>('SELECT request_hash, result FROM checkouts WHERE user_id = $1 AND idempotency_key = $2', [userId, key]);
    if (!prev || prev.result === null) throw conflict('A checkout with this Idempotency-Key is in progress', 'idempotency-key');
    if (prev.request_hash !== hash) throw conflict('This Idempotency-Key was used for a different checkout', 'idempotency-key');
    return prev.result;
  }
}
