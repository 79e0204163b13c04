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
  bus.subscribe<OrderCreatedEvent>('experience.order_facts', 'commerce.order.created', (e, tx) => orderCreated(tx, e.payload, categoryOf));
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

async function orderCreated(tx: Tx, o: OrderCreatedEvent, categoryOf: CategoryOf): Promise<void> {
  const lines = [...(o.lines ?? [])].sort((a, b) => a.lineNo - b.lineNo);
  const cats = await categoryOf([...new Set(lines.map((l) => l.productId))], tx);
  const categoryIds = [...new Set(lines.flatMap((l) => cats.get(l.productId) ?? []))];
  const first = lines[0];
  await tx.query(
    `INSERT INTO experience_orders (order_id, user_id, store_id, title, first_product_id, line_count, category_ids) VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (order_id) DO UPDATE SET title = EXCLUDED.title, first_product_id = EXCLUDED.first_product_id, line_count = EXCLUDED.line_count, category_ids = EXCLUDED.category_ids`,
    [o.orderId, o.userId, o.storeId, first?.title ?? '', first?.productId ?? null, lines.length, categoryIds],
  );
}
