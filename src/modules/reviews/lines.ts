// The order lines this module may be asked to review, kept from commerce's events (never from
// its tables): lines arrive with `commerce.order.created`, and the order's progress follows
// delivery, completion and cancellation. Each handler writes in the event's own transaction.
import type { Queryable, Tx } from '../../platform/db/index.ts';
import type { EventBus } from '../../platform/events/bus.ts';
import type { OrderCreatedEvent } from '../commerce/events.ts';
import { advance, type LineFacts, type OrderProgress } from './rules.ts';

interface OrderEvent {
  orderId: string;
  storeId: string;
  userId: string;
  deliveredAt?: string;
}

export interface LineRow {
  order_id: string;
  line_no: number;
  product_id: string;
  sku_id: string;
  title: string;
  quantity: number;
  user_id: string;
  store_id: string;
  status: OrderProgress;
  delivered_at: Date | null;
}

export function subscribeLines(bus: EventBus): void {
  bus.subscribeBatch<OrderCreatedEvent>('reviews.order_lines', 'commerce.order.created', (events, tx) => created(tx, events.map((e) => e.payload)));
  bus.subscribe<OrderEvent>('reviews.order_progress', ['commerce.order.delivered', 'commerce.order.completed', 'commerce.order.cancelled'], (e, tx) => {
    const to: OrderProgress = e.topic === 'commerce.order.delivered' ? 'delivered' : e.topic === 'commerce.order.completed' ? 'completed' : 'cancelled';
    return progress(tx, e.payload, to, e.payload.deliveredAt ? new Date(e.payload.deliveredAt) : null);
  });
}

/** Orders and their lines, a pass's worth in two statements. */
async function created(tx: Tx, orders: OrderCreatedEvent[]): Promise<void> {
  // A progress event may have come first (delivery is at least once, in any order): keep its status.
  await tx.query(
    `INSERT INTO reviews_orders (order_id, user_id, store_id, status) SELECT *, 'open' FROM unnest($1::text[], $2::text[], $3::text[]) ON CONFLICT (order_id) DO NOTHING`,
    [orders.map((o) => o.orderId), orders.map((o) => o.userId), orders.map((o) => o.storeId)],
  );
  const lines = orders.flatMap((o) => (o.lines ?? []).map((l) => ({ orderId: o.orderId, ...l })));
  if (lines.length === 0) return;
  await tx.query(
    `INSERT INTO reviews_lines (order_id, line_no, product_id, sku_id, title, quantity)
     SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::text[], $6::int[]) ON CONFLICT DO NOTHING`,
    [lines.map((l) => l.orderId), lines.map((l) => l.lineNo), lines.map((l) => l.productId), lines.map((l) => l.skuId), lines.map((l) => l.title), lines.map((l) => l.quantity)],
  );
}

async function progress(tx: Tx, e: OrderEvent, to: OrderProgress, deliveredAt: Date | null): Promise<void> {
  const [cur] = await tx.query<{ status: OrderProgress }>('SELECT status FROM reviews_orders WHERE order_id = $1 FOR UPDATE', [e.orderId]);
  const next = advance(cur?.status ?? null, to);
  await tx.query(
    `INSERT INTO reviews_orders (order_id, user_id, store_id, status, delivered_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (order_id) DO UPDATE SET status = EXCLUDED.status, delivered_at = COALESCE(reviews_orders.delivered_at, EXCLUDED.delivered_at)`,
    [e.orderId, e.userId, e.storeId, next, deliveredAt],
  );
}

/** One order line with its order's facts; null when this module never heard of it. */
export async function lineOf(q: Queryable, orderId: string, lineNo: number, lock = false): Promise<LineRow | null> {
  const [row] = await q.query<LineRow>(
    `SELECT l.*, o.user_id, o.store_id, o.status, o.delivered_at FROM reviews_lines l JOIN reviews_orders o USING (order_id)
      WHERE l.order_id = $1 AND l.line_no = $2${lock ? ' FOR UPDATE OF o' : ''}`,
    [orderId, lineNo],
  );
  return row ?? null;
}

export const factsOf = (row: LineRow | null): LineFacts | null => (row ? { buyerId: row.user_id, progress: row.status } : null);
