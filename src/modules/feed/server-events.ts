// Facts the server knows and clients can't be trusted to report, recorded as behaviour events of
// the buyer on each product: a paid order (order), an issued refund (refund), and a complaint —
// an after-sales case opened for the store's fault (quality, wrong item, damaged, not received)
// or a rejection escalated to the platform. Each is keyed by its natural key (order:<orderId>:
// <productId>, refund:<caseId>:<productId>, complaint:<caseId>:<productId>), so a redelivered
// event or a case that is both opened for a fault and escalated is stored once.
//
// Likes and views that content publishes (content.video.liked|viewed) are NOT recorded: the
// client reports the same acts here, with their context (source, position, watch time); taking
// both would count each like twice. The content module's counters are for display only.
// Comments take the same path, for the same reason: `content.video.commented` is not recorded;
// the app sends a `comment` event (with source and position) once the comment is accepted, so
// a comment is one signal. Follows are relations, not signals: `catalog.store.followed` and
// `content.creator.followed` reach the engine's viewer state through the host (host.ts), and the
// app sends no `follow` event for them (a replayed one would bring an unfollowed creator back).
import type { Tx } from '../../platform/db/index.ts';
import { AppError } from '../../platform/errors.ts';
import type { DomainEvent, EventBus } from '../../platform/events/bus.ts';
import type { AfterSalesService } from '../commerce/after-sales/service.ts';
import { AFTER_SALES_TOPICS, type CaseEvent } from '../commerce/after-sales/transition.ts';
import type { OrderService } from '../commerce/orders.ts';
import { FAULT_REASONS } from '../commerce/events.ts';
import type { FeedEvents } from './events.ts';
import type { EventRow } from './insert.ts';

export const SERVER_EVENTS_CONSUMER = 'feed.server_events';
const ORDER_PAID = 'commerce.order.paid';
/** After-sales reasons that say the store or its goods failed the buyer. */

/** What commerce tells the feed (wired in main.ts to its services, read in the handler's transaction). */
export interface CommerceFacts {
  /** The buyer, the goods and where the order came from (a checkout source type); null if there is no such order. */
  order(tx: Tx, orderId: string): Promise<{ userId: string; productIds: string[]; source: string | null } | null>;
  /** The buyer and the goods an after-sales case is about; null if there is no such case. */
  afterSalesCase(tx: Tx, caseId: string): Promise<{ userId: string; productIds: string[] } | null>;
}

const orNull = (err: unknown): null => {
  if (err instanceof AppError && err.code === 'not_found') return null;
  throw err;
};

/** The facts, from commerce's services. */
export function commerceFacts(orders: Pick<OrderService, 'get'>, afterSales: Pick<AfterSalesService, 'get'>): CommerceFacts {
  return {
    order: async (tx, orderId) => {
      const o = await orders.get(orderId, tx).catch(orNull);
      return o && { userId: o.userId, productIds: o.lines.map((l) => l.productId), source: o.source.type };
    },
    afterSalesCase: async (tx, caseId) => {
      const c = await afterSales.get(caseId, tx).catch(orNull);
      if (!c) return null;
      // A case names order lines by number (line 0 is the shipping charge).
      const order = await orders.get(c.orderId, tx);
      const lineNos = new Set(c.lines.filter((l) => l.lineNo > 0).map((l) => l.lineNo));
      return { userId: c.userId, productIds: order.lines.filter((l) => lineNos.has(l.lineNo)).map((l) => l.productId) };
    },
  };
}

/** Checkout sources (commerce) in the words of the event log. */
const SOURCES: Record<string, string> = { feed_video: 'feed', live_room: 'live', search: 'search', store_page: 'store', mall: 'mall', showcase: 'showcase', product_page: 'product', cart: 'cart', other: 'other' };

const rowsOf = (type: 'order' | 'refund' | 'complaint', ref: string, userId: string, productIds: string[], at: string, source: string | null): EventRow[] =>
  [...new Set(productIds)].map((productId) => ({
    actorKind: 'user',
    actorId: userId,
    clientEventId: `${type}:${ref}:${productId}`,
    type,
    itemType: 'product',
    itemId: productId,
    watchMs: null,
    durationMs: null,
    source,
    position: null,
    at: new Date(at),
  }));

export function recordServerEvents(bus: EventBus, events: FeedEvents, facts: CommerceFacts): void {
  const topics = [ORDER_PAID, AFTER_SALES_TOPICS.refunded, AFTER_SALES_TOPICS.opened, AFTER_SALES_TOPICS.escalated];
  bus.subscribe(SERVER_EVENTS_CONSUMER, topics, async (event: DomainEvent, tx) => {
    if (event.topic === ORDER_PAID) {
      const { orderId } = event.payload as { orderId: string };
      const order = await facts.order(tx, orderId);
      if (order) await events.record(tx, rowsOf('order', orderId, order.userId, order.productIds, event.occurredAt, order.source ? (SOURCES[order.source] ?? 'other') : null));
      return;
    }
    const c = event.payload as CaseEvent;
    const type = event.topic === AFTER_SALES_TOPICS.refunded ? 'refund' : event.topic === AFTER_SALES_TOPICS.escalated || FAULT_REASONS.has(c.reason) ? 'complaint' : null;
    if (!type) return; // a case opened for no fault of the store (七天无理由, other) is not a complaint
    const found = await facts.afterSalesCase(tx, c.caseId);
    if (found) await events.record(tx, rowsOf(type, c.caseId, found.userId, found.productIds, event.occurredAt, null));
  });
}
