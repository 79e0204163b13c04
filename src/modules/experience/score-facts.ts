// What the experience score learns from other modules' events, each handled in the event's own
// transaction into this module's tables (never reading theirs). Consumers are at least once and
// in any order: every write is keyed by the event's natural id (order, review, case, ticket, or
// the event itself for replies) and only fills what is still empty, so a redelivery changes nothing.
// Times are the payload's when it carries one, else the event's occurredAt.
import type { EventBus } from '../../platform/events/bus.ts';

/** `commerce.order.paid` */
interface OrderPaid { orderId: string; storeId: string }
/** `commerce.order.picked_up` */
interface OrderPickedUp { orderId: string; storeId: string; paidAt: string; pickedUpAt: string }
/** `commerce.order.delivered` */
interface OrderDelivered { orderId: string; storeId: string; deliveredAt: string }
/** `reviews.review.created` */
interface ReviewCreated { reviewId: string; storeId: string; orderId: string; goods: number }
/** `commerce.after_sales.*` (the case's reason: quality, wrong_item, damaged … no_reason, other) */
interface CaseEvent { caseId: string; orderId: string; storeId: string; reason: string }
/** `care.ticket.opened` */
interface TicketOpened { ticketId: string; storeId: string | null; orderId: string | null; category: string }
/** `care.ticket.escalated` */
interface TicketEscalated { ticketId: string; storeId: string | null }
/** `care.ticket.replied` */
interface TicketReplied { ticketId: string; storeId: string | null; responseMs: number; at: string }

export const CASE_TOPICS = {
  opened: 'commerce.after_sales.opened',
  approved: 'commerce.after_sales.approved',
  rejected: 'commerce.after_sales.rejected',
  escalated: 'commerce.after_sales.escalated',
  refunded: 'commerce.after_sales.refunded',
} as const;

export function subscribeScoreFacts(bus: EventBus): void {
  const order = (col: 'paid_at' | 'picked_up_at' | 'delivered_at') =>
    `INSERT INTO experience_fulfilment (order_id, store_id, ${col}) VALUES ($1, $2, $3)
     ON CONFLICT (order_id) DO UPDATE SET ${col} = coalesce(experience_fulfilment.${col}, EXCLUDED.${col})`;
  bus.subscribe<OrderPaid>('experience.score_paid', 'commerce.order.paid', async (e, tx) => {
    await tx.query(order('paid_at'), [e.payload.orderId, e.payload.storeId, new Date(e.occurredAt)]);
  });
  bus.subscribe<OrderPickedUp>('experience.score_picked_up', 'commerce.order.picked_up', async (e, tx) => {
    const p = e.payload;
    // The pick-up carries the payment time too: the exact one wins over the paid event's occurredAt.
    await tx.query(
      `INSERT INTO experience_fulfilment (order_id, store_id, paid_at, picked_up_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (order_id) DO UPDATE SET paid_at = EXCLUDED.paid_at, picked_up_at = coalesce(experience_fulfilment.picked_up_at, EXCLUDED.picked_up_at)`,
      [p.orderId, p.storeId, new Date(p.paidAt), new Date(p.pickedUpAt)],
    );
  });
  bus.subscribe<OrderDelivered>('experience.score_delivered', 'commerce.order.delivered', async (e, tx) => {
    await tx.query(order('delivered_at'), [e.payload.orderId, e.payload.storeId, new Date(e.payload.deliveredAt)]);
  });
  bus.subscribe<ReviewCreated>('experience.score_reviews', 'reviews.review.created', async (e, tx) => {
    const r = e.payload;
    await tx.query('INSERT INTO experience_reviews (review_id, store_id, order_id, goods, at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING', [r.reviewId, r.storeId, r.orderId, r.goods, new Date(e.occurredAt)]);
  });
  bus.subscribe<CaseEvent>('experience.score_cases', Object.values(CASE_TOPICS), async (e, tx) => {
    const c = e.payload;
    const at = new Date(e.occurredAt);
    const set =
      e.topic === CASE_TOPICS.opened ? 'opened_at = coalesce(experience_cases.opened_at, $5)'
      : e.topic === CASE_TOPICS.approved ? 'decided_at = coalesce(experience_cases.decided_at, $5)'
      : e.topic === CASE_TOPICS.rejected ? 'decided_at = coalesce(experience_cases.decided_at, $5), rejected = true'
      : e.topic === CASE_TOPICS.escalated ? 'escalated_at = coalesce(experience_cases.escalated_at, $5)'
      : 'refunded_at = coalesce(experience_cases.refunded_at, $5)';
    await tx.query(
      `INSERT INTO experience_cases (case_id, store_id, order_id, reason) VALUES ($1, $2, $3, $4)
       ON CONFLICT (case_id) DO NOTHING`,
      [c.caseId, c.storeId, c.orderId, c.reason],
    );
    await tx.query(`UPDATE experience_cases SET ${set.replaceAll('experience_cases.', '')} WHERE case_id = $1 AND store_id = $2 AND order_id = $3 AND reason = $4`, [c.caseId, c.storeId, c.orderId, c.reason, at]);
  });
  bus.subscribe<TicketOpened>('experience.score_tickets', 'care.ticket.opened', async (e, tx) => {
    const t = e.payload;
    await tx.query(
      `INSERT INTO experience_tickets (ticket_id, store_id, order_id, category, opened_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (ticket_id) DO UPDATE SET store_id = EXCLUDED.store_id, order_id = EXCLUDED.order_id, category = EXCLUDED.category, opened_at = EXCLUDED.opened_at`,
      [t.ticketId, t.storeId, t.orderId, t.category, new Date(e.occurredAt)],
    );
  });
  bus.subscribe<TicketEscalated>('experience.score_escalations', 'care.ticket.escalated', async (e, tx) => {
    const t = e.payload;
    await tx.query(
      `INSERT INTO experience_tickets (ticket_id, store_id, escalated_at) VALUES ($1, $2, $3)
       ON CONFLICT (ticket_id) DO UPDATE SET escalated_at = coalesce(experience_tickets.escalated_at, EXCLUDED.escalated_at), store_id = coalesce(experience_tickets.store_id, EXCLUDED.store_id)`,
      [t.ticketId, t.storeId, new Date(e.occurredAt)],
    );
  });
  bus.subscribe<TicketReplied>('experience.score_replies', 'care.ticket.replied', async (e, tx) => {
    const r = e.payload;
    if (!r.storeId) return; // the platform's own desk: not a store's response time
    await tx.query('INSERT INTO experience_replies (event_id, store_id, response_ms, at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING', [e.id, r.storeId, Math.max(0, Math.round(r.responseMs)), new Date(r.at)]);
  });
}
