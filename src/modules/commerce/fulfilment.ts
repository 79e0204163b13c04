// Fulfilment: a shipped order's way to the buyer, driven by the carrier's scans (logistics
// events) and closed by the buyer or by time. Pick-up stamps the order (pay → pick-up time feeds
// the store experience score); delivery moves it shipped → delivered and schedules the automatic
// confirmation; the buyer's "确认收货" or that job completes it, unless something holds it back
// (an open after-sales case: other modules register completion holds).
import type { Static } from '@sinclair/typebox';
import type { Db, Tx } from '../../platform/db/index.ts';
import type { EventBus } from '../../platform/events/bus.ts';
import type { JobQueue } from '../../platform/jobs/queue.ts';
import { LOGISTICS_TOPICS, type ShipmentEvent, type Tracking } from '../logistics/service.ts';
import type { Order, OrderService } from './orders.ts';
import type { OrderTrackingSchema } from './schemas.ts';
import { transition, type ActorType, type OrderStatus } from './state.ts';

export const AUTO_COMPLETE_JOB = 'commerce.auto_complete';

/** A reason to wait before completing an order automatically (e.g. "after-sales case open"), or null. */
export type CompletionHold = (tx: Tx, orderId: string) => Promise<string | null>;

/** Payload of `commerce.order.picked_up`: the input of the store's pay → pick-up time. */
export interface OrderPickedUp {
  orderId: string;
  storeId: string;
  paidAt: string;
  pickedUpAt: string;
  payToPickupSeconds: number;
}

export interface FulfilmentOptions {
  /** Delivered orders complete by themselves this long after delivery. */
  autoConfirmSeconds: number;
  /** A held auto-confirmation is tried again this much later. */
  autoConfirmRetryHours: number;
  completionHolds?: CompletionHold[];
}

/** A shipment as the order API shows it. */
export function orderTracking(t: Tracking | undefined): Static<typeof OrderTrackingSchema> | null {
  if (!t) return null;
  return { carrier: t.carrier, carrierName: t.carrierName, trackingNo: t.trackingNo, status: t.status, events: t.events.map((e) => ({ status: e.status, description: e.description, at: e.at })) };
}

export class FulfilmentService {
  private readonly holds: CompletionHold[];

  constructor(
    private readonly db: Db,
    private readonly bus: EventBus,
    private readonly jobs: JobQueue,
    private readonly orders: OrderService,
    private readonly opts: FulfilmentOptions,
  ) {
    this.holds = [...(opts.completionHolds ?? [])];
  }

  /** Registers a check that can hold back automatic completion (after-sales registers one). */
  addCompletionHold(hold: CompletionHold): void {
    this.holds.push(hold);
  }

  /** Subscribes to the carrier's news about order parcels and registers the auto-complete job. */
  register(): void {
    // Parcels of other kinds (a buyer's return, …) belong to other consumers.
    this.bus.subscribe<ShipmentEvent>('commerce.order_picked_up', LOGISTICS_TOPICS.picked_up, async (e, tx) => {
      if (e.payload.refType === 'order') await this.pickedUp(tx, e.payload);
    });
    this.bus.subscribe<ShipmentEvent>('commerce.order_delivered', LOGISTICS_TOPICS.delivered, async (e, tx) => {
      if (e.payload.refType === 'order') await this.delivered(tx, e.payload);
    });
    this.jobs.register<{ orderId: string; round: number }>(AUTO_COMPLETE_JOB, (p) => this.autoComplete(p.orderId, p.round));
  }

  /** The first pick-up scan stamps the order; later ones (or a repeat) change nothing. */
  private async pickedUp(tx: Tx, e: ShipmentEvent): Promise<void> {
    const [o] = await tx.query<{ store_id: string; paid_at: Date | null }>(
      `UPDATE orders SET picked_up_at = $2, updated_at = now() WHERE id = $1 AND picked_up_at IS NULL AND shipped_at IS NOT NULL RETURNING store_id, paid_at`,
      [e.refId, new Date(e.at)],
    );
    if (!o?.paid_at) return;
    const paidAt = new Date(o.paid_at);
    const pickedUpAt = new Date(e.at);
    const payload: OrderPickedUp = { orderId: e.refId, storeId: o.store_id, paidAt: paidAt.toISOString(), pickedUpAt: pickedUpAt.toISOString(), payToPickupSeconds: Math.max(0, Math.round((pickedUpAt.getTime() - paidAt.getTime()) / 1000)) };
    await this.bus.publish(tx, 'commerce.order.picked_up', payload);
  }

  /** Signed for: shipped → delivered at the carrier's time, and the auto-confirmation is scheduled. */
  private async delivered(tx: Tx, e: ShipmentEvent): Promise<void> {
    const [o] = await tx.query<{ status: OrderStatus; store_id: string; user_id: string }>('SELECT status, store_id, user_id FROM orders WHERE id = $1 FOR UPDATE', [e.refId]);
    // Only a shipped order can be delivered; one settled otherwise meanwhile (refunded and
    // cancelled by after-sales) keeps its state, and the parcel's history stays in logistics.
    if (!o || o.status !== 'shipped') return;
    const deliveredAt = new Date(e.at);
    await transition(tx, { orderId: e.refId, to: 'delivered', actor: { type: 'carrier', id: e.carrier }, reason: `${e.carrier} ${e.trackingNo} signed for`, set: { delivered_at: deliveredAt } });
    await this.bus.publish(tx, 'commerce.order.delivered', { orderId: e.refId, storeId: o.store_id, userId: o.user_id, deliveredAt: deliveredAt.toISOString() });
    await this.schedule(tx, e.refId, 0, new Date(deliveredAt.getTime() + this.opts.autoConfirmSeconds * 1000));
  }

  private async schedule(tx: Tx, orderId: string, round: number, runAt: Date): Promise<void> {
    // One job per round: a held order's next try is a new job, not the finished one again.
    await this.jobs.enqueue(tx, AUTO_COMPLETE_JOB, { orderId, round }, { runAt, dedupeKey: `${AUTO_COMPLETE_JOB}:${orderId}:${round}` });
  }

  /** The automatic confirmation: completes a still-delivered order unless a hold says wait. */
  async autoComplete(orderId: string, round = 0): Promise<{ completed: boolean; held?: string; skipped?: string }> {
    return this.db.tx(async (tx) => {
      const [o] = await tx.query<{ status: OrderStatus }>('SELECT status FROM orders WHERE id = $1 FOR UPDATE', [orderId]);
      if (!o || o.status !== 'delivered') return { completed: false, skipped: o?.status ?? 'no such order' };
      for (const hold of this.holds) {
        const why = await hold(tx, orderId);
        if (why === null) continue;
        await this.schedule(tx, orderId, round + 1, new Date(Date.now() + this.opts.autoConfirmRetryHours * 3_600_000));
        return { completed: false, held: why };
      }
      await this.complete(tx, orderId, { type: 'system', id: null }, 'confirmed automatically after delivery');
      return { completed: true };
    });
  }

  /** "确认收货": the buyer confirms their own delivered order; someone else's is not found. */
  async confirmReceipt(orderId: string, userId: string): Promise<Order> {
    await this.orders.getForBuyer(orderId, userId);
    await this.db.tx((tx) => this.complete(tx, orderId, { type: 'buyer', id: userId }, 'buyer confirmed receipt'));
    return this.orders.getForBuyer(orderId, userId);
  }

  private async complete(tx: Tx, orderId: string, actor: { type: ActorType; id: string | null }, reason: string): Promise<void> {
    const completedAt = new Date();
    await transition(tx, { orderId, to: 'completed', actor, reason, set: { completed_at: completedAt } });
    const [o] = await tx.query<{ store_id: string; user_id: string }>('SELECT store_id, user_id FROM orders WHERE id = $1', [orderId]);
    await this.bus.publish(tx, 'commerce.order.completed', { orderId, storeId: o!.store_id, userId: o!.user_id, by: actor.type, completedAt: completedAt.toISOString() });
  }
}
