import type { Static } from '@sinclair/typebox';
// Orders after checkout: reading them, and the transitions that buyers, merchants and the system
// make (payment, cancel with stock given back, shipping).
import type { Db, Queryable, Tx } from '../../platform/db/index.ts';
import { invalid, notFound } from '../../platform/errors.ts';
import type { EventBus } from '../../platform/events/bus.ts';
import type { ProductService } from '../catalog/products.ts';
import type { StoreService } from '../catalog/stores.ts';
import { imageUrl } from '../media/service.ts';
import type { LogisticsService } from '../logistics/service.ts';
import { afterSalesSummaries, NO_AFTER_SALES, refundedByLine } from './after-sales/summary.ts';
import type { FlashSaleService } from './flash-sales.ts';
import { orderTracking } from './fulfilment.ts';
import type { AddressView, OrderAddresses, ShippingAddress } from './order-address.ts';
import type { OrderSchema } from './schemas.ts';
import type { OrderPaidEvent } from './events.ts';
import { transition, type ActorType, type OrderStatus } from './state.ts';

export type Order = Static<typeof OrderSchema>;

/** The durable job that cancels what of a checkout is still unpaid at its deadline (expireCheckout). */
export const EXPIRE_JOB = 'commerce.expire_checkout';
/** Its payload: one checkout, or a flash-sale batch's checkouts (they share a deadline). */
export type ExpireJob = { checkoutId: string } | { checkoutIds: string[] };

interface OrderRow {
  id: string;
  checkout_id: string;
  user_id: string;
  store_id: string;
  status: OrderStatus;
  goods_fen: number;
  discount_fen: number;
  shipping_fen: number;
  pay_fen: number;
  source_type: string;
  source_id: string | null;
  payment_intent_id: string | null;
  pay_url: string | null;
  pay_deadline: Date;
  paid_at: Date | null;
  shipped_at: Date | null;
  carrier: string | null;
  tracking_no: string | null;
  picked_up_at: Date | null;
  delivered_at: Date | null;
  completed_at: Date | null;
  cancel_reason: string | null;
  created_at: Date;
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

export class OrderService {
  constructor(
    private readonly db: Db,
    private readonly bus: EventBus,
    private readonly products: ProductService,
    private readonly stores: StoreService,
    private readonly flashSales: FlashSaleService,
    private readonly addresses: OrderAddresses,
    private readonly logistics: LogisticsService,
  ) {}

  /** Orders as API objects; `view` says whether the shipping address is shown full (the buyer) or masked. */
  private async hydrate(q: Queryable, rows: OrderRow[], view: AddressView = 'masked'): Promise<Order[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const addresses = await this.addresses.view(q, ids, view);
    const parcels = await this.logistics.trackingFor('order', ids, q);
    const afterSales = await afterSalesSummaries(q, ids);
    const refunded = await refundedByLine(q, ids);
    const lines = await q.query<{ order_id: string; line_no: number; sku_id: string; product_id: string; title: string; option_values: Record<string, string>; image_id: string | null; unit_price_fen: number; quantity: number; line_fen: number; no_reason_return: boolean; platform_discount_fen: number; store_discount_fen: number }>(
      'SELECT * FROM order_lines WHERE order_id = ANY($1::text[]) ORDER BY order_id, line_no',
      [ids],
    );
    const history = await q.query<{ order_id: string; from_status: string | null; to_status: string; actor_type: string; reason: string; at: Date }>('SELECT * FROM order_transitions WHERE order_id = ANY($1::text[]) ORDER BY id', [ids]);
    return rows.map((r) => ({
      id: r.id,
      checkoutId: r.checkout_id,
      userId: r.user_id,
      storeId: r.store_id,
      status: r.status,
      goodsFen: r.goods_fen,
      discountFen: r.discount_fen,
      shippingFen: r.shipping_fen,
      payFen: r.pay_fen,
      source: { type: r.source_type, id: r.source_id },
      paymentIntentId: r.payment_intent_id,
      payUrl: r.status === 'created' ? r.pay_url : null,
      payDeadline: new Date(r.pay_deadline).toISOString(),
      paidAt: iso(r.paid_at),
      shippedAt: iso(r.shipped_at),
      carrier: r.carrier,
      trackingNo: r.tracking_no,
      pickedUpAt: iso(r.picked_up_at),
      deliveredAt: iso(r.delivered_at),
      completedAt: iso(r.completed_at),
      tracking: orderTracking(parcels.get(r.id)),
      cancelReason: r.cancel_reason,
      shippingAddress: addresses.get(r.id) ?? null,
      afterSales: afterSales.get(r.id) ?? NO_AFTER_SALES,
      createdAt: new Date(r.created_at).toISOString(),
      lines: lines
        .filter((l) => l.order_id === r.id)
        .map((l) => ({ lineNo: l.line_no, skuId: l.sku_id, productId: l.product_id, title: l.title, optionValues: l.option_values, imageUrl: l.image_id ? imageUrl(l.image_id, 'w240') : null, unitPriceFen: l.unit_price_fen, quantity: l.quantity, lineFen: l.line_fen, discountFen: Number(l.platform_discount_fen) + Number(l.store_discount_fen), refundedQuantity: refunded.get(`${r.id}:${l.line_no}`)?.quantity ?? 0, refundedFen: refunded.get(`${r.id}:${l.line_no}`)?.fen ?? 0, noReasonReturn: l.no_reason_return })),
      history: history.filter((h) => h.order_id === r.id).map((h) => ({ from: h.from_status, to: h.to_status, actor: h.actor_type, reason: h.reason, at: new Date(h.at).toISOString() })),
    }));
  }

  async get(orderId: string, q: Queryable = this.db, view: AddressView = 'masked'): Promise<Order> {
    const rows = await q.query<OrderRow>('SELECT * FROM orders WHERE id = $1', [orderId]);
    const [order] = await this.hydrate(q, rows, view);
    if (!order) throw notFound('Order', 'orderId');
    return order;
  }

  /** The buyer's own order; someone else's is "not found", not "forbidden" (ids are not revealed). */
  async getForBuyer(orderId: string, userId: string): Promise<Order> {
    const order = await this.get(orderId, this.db, 'full');
    if (order.userId !== userId) throw notFound('Order', 'orderId');
    return order;
  }

  async listForBuyer(userId: string, filter: { status?: OrderStatus; limit: number; offset: number }): Promise<{ items: Order[]; total: number }> {
    const where = 'WHERE user_id = $1 AND ($2::text IS NULL OR status = $2)';
    const rows = await this.db.query<OrderRow>(`SELECT * FROM orders ${where} ORDER BY created_at DESC, id DESC LIMIT $3 OFFSET $4`, [userId, filter.status ?? null, filter.limit, filter.offset]);
    const [{ total } = { total: 0 }] = await this.db.query<{ total: number }>(`SELECT count(*)::int AS total FROM orders ${where}`, [userId, filter.status ?? null]);
    return { items: await this.hydrate(this.db, rows, 'full'), total };
  }

  async listForStore(storeId: string, userId: string, filter: { status?: OrderStatus; limit: number; offset: number }): Promise<{ items: Order[]; total: number }> {
    await this.stores.assertStaff(storeId, userId);
    const where = 'WHERE store_id = $1 AND ($2::text IS NULL OR status = $2)';
    const rows = await this.db.query<OrderRow>(`SELECT * FROM orders ${where} ORDER BY created_at DESC, id DESC LIMIT $3 OFFSET $4`, [storeId, filter.status ?? null, filter.limit, filter.offset]);
    const [{ total } = { total: 0 }] = await this.db.query<{ total: number }>(`SELECT count(*)::int AS total FROM orders ${where}`, [storeId, filter.status ?? null]);
    return { items: await this.hydrate(this.db, rows), total };
  }

  /** Cancels an unpaid order and gives its reserved stock back, in one transaction. */
  async cancel(tx: Tx, orderId: string, actor: { type: ActorType; id: string | null }, reason: string): Promise<void> {
    await transition(tx, { orderId, to: 'cancelled', actor, reason, set: { cancelled_at: new Date(), cancel_reason: reason } });
    await this.releaseHeld(tx, orderId, actor.id);
    const [o] = await tx.query<{ store_id: string; user_id: string }>('SELECT store_id, user_id FROM orders WHERE id = $1', [orderId]);
    await this.bus.publish(tx, 'commerce.order.cancelled', { orderId, storeId: o!.store_id, userId: o!.user_id, reason, by: actor.type });
  }

  async cancelByBuyer(orderId: string, userId: string, reason: string): Promise<Order> {
    await this.getForBuyer(orderId, userId);
    await this.db.tx((tx) => this.cancel(tx, orderId, { type: 'buyer', id: userId }, reason));
    return this.get(orderId);
  }

  private async releaseHeld(tx: Tx, orderId: string, actorId: string | null): Promise<void> {
    const held = await tx.query<{ id: string; sku_id: string; quantity: number; flash_sale_id: string | null }>(
      `UPDATE stock_reservations SET status = 'released', settled_at = now() WHERE order_id = $1 AND status = 'held' RETURNING id, sku_id, quantity, flash_sale_id`,
      [orderId],
    );
    for (const r of held.filter((h) => !h.flash_sale_id).sort((a, b) => a.sku_id.localeCompare(b.sku_id))) await this.products.adjustStock(tx, r.sku_id, r.quantity, 'release', actorId, orderId);
    if (held.some((h) => h.flash_sale_id)) await this.flashSales.release(tx, orderId);
  }

  /** The EXPIRE_JOB: each checkout in its own transaction; a retry skips what is cancelled already. */
  async expire(job: ExpireJob): Promise<number> {
    let cancelled = 0;
    for (const id of 'checkoutIds' in job ? job.checkoutIds : [job.checkoutId]) cancelled += await this.expireCheckout(id);
    return cancelled;
  }

  /** The payment deadline passed: cancel whatever of the checkout is still unpaid. */
  async expireCheckout(checkoutId: string): Promise<number> {
    return this.db.tx(async (tx) => {
      const due = await tx.query<{ id: string }>(`SELECT id FROM orders WHERE checkout_id = $1 AND status = 'created' AND pay_deadline <= now() ORDER BY id`, [checkoutId]);
      for (const o of due) await this.cancel(tx, o.id, { type: 'system', id: null }, 'payment deadline passed');
      return due.length;
    });
  }

  /** Payment for a checkout succeeded: its orders become paid and their stock holds are kept. */
  async markCheckoutPaid(tx: Tx, checkoutId: string, amountFen: number): Promise<Array<{ orderId: string; storeId: string; payFen: number }>> {
    const orders = await tx.query<{ id: string; store_id: string; user_id: string; pay_fen: number; status: OrderStatus }>('SELECT id, store_id, user_id, pay_fen, status FROM orders WHERE checkout_id = $1 ORDER BY id FOR UPDATE', [checkoutId]);
    const total = orders.reduce((a, o) => a + o.pay_fen, 0);
    if (total !== amountFen) throw new Error(`payment of ${amountFen} fen does not match checkout ${checkoutId} total ${total}`);
    const paid: Array<{ orderId: string; storeId: string; payFen: number }> = [];
    for (const o of orders) {
      if (o.status !== 'created') continue; // e.g. cancelled at the deadline while the payment was in flight: refunded by the caller
      const paidAt = new Date();
      await transition(tx, { orderId: o.id, to: 'paid', actor: { type: 'system', id: null }, reason: 'payment succeeded', set: { paid_at: paidAt } });
      await tx.query(`UPDATE stock_reservations SET status = 'committed', settled_at = now() WHERE order_id = $1 AND status = 'held'`, [o.id]);
      const event: OrderPaidEvent = { orderId: o.id, storeId: o.store_id, userId: o.user_id, payFen: o.pay_fen, paidAt: paidAt.toISOString() };
      await this.bus.publish(tx, 'commerce.order.paid', event);
      paid.push({ orderId: o.id, storeId: o.store_id, payFen: o.pay_fen });
    }
    return paid;
  }

  async ship(orderId: string, userId: string, input: { carrier: string; trackingNo: string }): Promise<Order> {
    const order = await this.get(orderId);
    await this.stores.assertStaff(order.storeId, userId);
    if (!this.logistics.carrier(input.carrier)) throw invalid('carrier', 'Unknown carrier code (see GET /api/v1/carriers)');
    await this.db.tx(async (tx) => {
      await transition(tx, { orderId, to: 'shipped', actor: { type: 'merchant', id: userId }, reason: `${input.carrier} ${input.trackingNo}`, set: { shipped_at: new Date(), carrier: input.carrier, tracking_no: input.trackingNo } });
      // Followed from now on: the carrier's scans come back as logistics events (fulfilment.ts).
      await this.logistics.track(tx, { carrier: input.carrier, trackingNo: input.trackingNo, refType: 'order', refId: orderId });
      await this.bus.publish(tx, 'commerce.order.shipped', { orderId, storeId: order.storeId, carrier: input.carrier, trackingNo: input.trackingNo });
    });
    return this.get(orderId);
  }

  /** The full shipping address for a store's staff member who ships the order; audited. */
  async revealAddress(orderId: string, userId: string): Promise<ShippingAddress> {
    const [o] = await this.db.query<{ store_id: string }>('SELECT store_id FROM orders WHERE id = $1', [orderId]);
    if (!o) throw notFound('Order', 'orderId');
    await this.stores.assertStaff(o.store_id, userId);
    const full = await this.db.tx((tx) => this.addresses.reveal(tx, orderId, userId, 'shipping'));
    if (!full) throw notFound('Shipping address', 'orderId');
    return full;
  }
}
