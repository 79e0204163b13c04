// What experience learns from other modules' events, each handled in the event's own transaction
// (consumers are at least once, in any order, so every write is idempotent):
//  - commerce.order.created → its copy of the order: buyer, store, goods title, leaf categories;
//  - alliance.commission.accrued → which creators sold the order;
//  - commerce.order.delivered → an order survey for the buyer;
//  - care.ticket.closed → a service survey for the ticket's user.
import type { Queryable, Tx } from '../../platform/db/index.ts';
import type { EventBus } from '../../platform/events/bus.ts';
import type { OrderCreatedEvent } from '../commerce/events.ts';
import type { SurveyService } from './surveys.ts';

/** `commerce.order.delivered` */
export interface OrderDeliveredEvent {
  orderId: string;
  storeId: string;
  userId: string;
  deliveredAt: string;
}

/** `alliance.commission.accrued` */
export interface CommissionAccruedEvent {
  commissionId: string;
  orderId: string;
  creatorId: string;
  storeId: string;
  amountFen: number;
}

/** `care.ticket.closed` (published by the care module, the service desk). */
export interface TicketClosedEvent {
  ticketId: string;
  userId: string;
  storeId: string | null;
  orderId: string | null;
  closedAt: string;
}

/** Catalog's answer, asked in the event's transaction: the leaf category of each product it knows. */
export type CategoryOf = (productIds: string[], q: Queryable) => Promise<Map<string, string>>;

export function subscribeFacts(bus: EventBus, categoryOf: CategoryOf, surveys: SurveyService): void {
  bus.subscribeBatch<OrderCreatedEvent>('experience.order_facts', 'commerce.order.created', (events, tx) => ordersCreated(tx, events.map((e) => e.payload), categoryOf));
  bus.subscribe<CommissionAccruedEvent>('experience.order_creators', 'alliance.commission.accrued', async (e, tx) => {
    await tx.query('INSERT INTO experience_order_creators (order_id, creator_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [e.payload.orderId, e.payload.creatorId]);
  });
  bus.subscribe<OrderDeliveredEvent>('experience.order_surveys', 'commerce.order.delivered', async (e, tx) => {
    const o = e.payload;
    await surveys.issue(tx, { kind: 'order', triggerId: o.orderId, userId: o.userId, storeId: o.storeId, orderId: o.orderId });
  });
  bus.subscribe<TicketClosedEvent>('experience.service_surveys', 'care.ticket.closed', async (e, tx) => {
    const t = e.payload;
    await surveys.issue(tx, { kind: 'service', triggerId: t.ticketId, userId: t.userId, storeId: t.storeId ?? null, orderId: t.orderId ?? null });
  });
}

/** A pass's orders: one question to catalog for all their goods, one statement for the copies. */
async function ordersCreated(tx: Tx, orders: OrderCreatedEvent[], categoryOf: CategoryOf): Promise<void> {
  // One row per order (an upsert may not touch a row twice in a statement).
  const once = [...new Map(orders.map((o) => [o.orderId, o])).values()];
  const sorted = once.map((o) => ({ o, lines: [...(o.lines ?? [])].sort((a, b) => a.lineNo - b.lineNo) }));
  const cats = await categoryOf([...new Set(sorted.flatMap((x) => x.lines.map((l) => l.productId)))], tx);
  const rows = sorted.map(({ o, lines }) => ({ o, first: lines[0], count: lines.length, categoryIds: [...new Set(lines.flatMap((l) => cats.get(l.productId) ?? []))] }));
  // Arrays of arrays do not unnest one level at a time: the categories travel as JSON.
  await tx.query(
    `INSERT INTO experience_orders (order_id, user_id, store_id, title, first_product_id, line_count, category_ids)
     SELECT id, usr, store, title, first, n, ARRAY(SELECT jsonb_array_elements_text(cats)) FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int[], $7::jsonb[]) AS x (id, usr, store, title, first, n, cats)
     ON CONFLICT (order_id) DO UPDATE SET title = EXCLUDED.title, first_product_id = EXCLUDED.first_product_id, line_count = EXCLUDED.line_count, category_ids = EXCLUDED.category_ids`,
    [rows.map((r) => r.o.orderId), rows.map((r) => r.o.userId), rows.map((r) => r.o.storeId), rows.map((r) => r.first?.title ?? ''), rows.map((r) => r.first?.productId ?? null), rows.map((r) => r.count), rows.map((r) => JSON.stringify(r.categoryIds))],
  );
}
