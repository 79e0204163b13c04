// Logistics: shipments (parcels we follow for an order, a return, …), subscribed at a tracking
// provider, and the scans it pushes by webhook, applied through the forward-only status in
// state.ts. Other modules hold a shipment by their own reference (refType, refId), start it with
// `track` inside their own transaction, read it with `tracking`, and react to its events.
import type { Db, Queryable, Tx } from '../../platform/db/index.ts';
import { conflict, invalid } from '../../platform/errors.ts';
import type { EventBus } from '../../platform/events/bus.ts';
import { newId } from '../../platform/ids.ts';
import { CARRIERS, TRACKING_NO_PATTERN, carrierByCode, type Carrier } from './carriers.ts';
import type { CarrierProvider, TrackingEvent } from './provider.ts';
import { decideScan, type ScanStatus, type ShipmentStatus } from './state.ts';

export { SCAN_STATUSES, SHIPMENT_STATUSES, type ScanStatus, type ShipmentStatus } from './state.ts';

export const LOGISTICS_TOPICS = {
  picked_up: 'logistics.shipment.picked_up',
  in_transit: 'logistics.shipment.in_transit',
  delivered: 'logistics.shipment.delivered',
} as const satisfies Record<ScanStatus, string>;

/** Payload of every `logistics.shipment.*` event; `at` is the carrier's scan time (ISO). */
export interface ShipmentEvent {
  shipmentId: string;
  refType: string;
  refId: string;
  carrier: string;
  trackingNo: string;
  at: string;
}

export interface TrackingScan {
  status: ScanStatus;
  description: string;
  location: string | null;
  at: string;
}

export interface Tracking {
  shipmentId: string;
  refType: string;
  refId: string;
  carrier: string;
  carrierName: string;
  trackingNo: string;
  status: ShipmentStatus;
  pickedUpAt: string | null;
  deliveredAt: string | null;
  /** Newest first, as carriers show them. */
  events: TrackingScan[];
}

export type WebhookOutcome = { outcome: 'applied' } | { outcome: 'duplicate' } | { outcome: 'ignored'; why: string };

interface ShipmentRow {
  id: string;
  ref_type: string;
  ref_id: string;
  carrier: string;
  tracking_no: string;
  status: ShipmentStatus;
  picked_up_at: Date | null;
  delivered_at: Date | null;
}
interface ScanRow {
  shipment_id: string;
  status: ScanStatus;
  description: string;
  location: string | null;
  at: Date;
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
const TRACKING_NO = new RegExp(TRACKING_NO_PATTERN);
const REF_TYPE = /^[a-z_]{1,20}$/;

export class LogisticsService {
  constructor(
    private readonly db: Db,
    private readonly bus: EventBus,
    readonly provider: CarrierProvider,
  ) {}

  carriers(): readonly Carrier[] {
    return CARRIERS;
  }

  carrier(code: string): Carrier | undefined {
    return carrierByCode(code);
  }

  /**
   * Starts following a parcel for (refType, refId), in the caller's transaction, and subscribes
   * it at the provider. Repeating it with the same parcel returns the same shipment; another
   * parcel for the same reference, or a parcel another shipment already follows, is a 409.
   */
  async track(tx: Tx, input: { carrier: string; trackingNo: string; refType: string; refId: string }): Promise<Tracking> {
    if (!carrierByCode(input.carrier)) throw invalid('carrier', 'Unknown carrier code (see GET /api/v1/carriers)');
    if (!TRACKING_NO.test(input.trackingNo)) throw invalid('trackingNo', 'must be 6 to 40 letters, digits or hyphens');
    if (!REF_TYPE.test(input.refType)) throw invalid('refType', 'must be 1 to 20 lower-case letters or underscores');
    if (input.refId.length < 1 || input.refId.length > 100) throw invalid('refId', 'must be 1 to 100 characters');
    const id = newId('shp');
    const inserted = await tx.query<{ id: string }>(
      `INSERT INTO shipments (id, ref_type, ref_id, carrier, tracking_no, provider) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT DO NOTHING RETURNING id`,
      [id, input.refType, input.refId, input.carrier, input.trackingNo, this.provider.name],
    );
    if (inserted.length === 0) {
      const [mine] = await tx.query<ShipmentRow>('SELECT * FROM shipments WHERE ref_type = $1 AND ref_id = $2', [input.refType, input.refId]);
      if (mine && mine.carrier === input.carrier && mine.tracking_no === input.trackingNo) return (await this.tracking(input.refType, input.refId, tx))!;
      if (mine) throw conflict(`This ${input.refType} already ships as ${mine.carrier} ${mine.tracking_no}`, 'trackingNo');
      throw conflict('This tracking number already belongs to another shipment', 'trackingNo');
    }
    const { providerRef } = await this.provider.subscribe(tx, { shipmentId: id, carrier: input.carrier, trackingNo: input.trackingNo });
    await tx.query('UPDATE shipments SET provider_ref = $2 WHERE id = $1', [id, providerRef]);
    return (await this.tracking(input.refType, input.refId, tx))!;
  }

  /** The shipment of (refType, refId) with its scans, or null when nothing ships for it. */
  async tracking(refType: string, refId: string, q: Queryable = this.db): Promise<Tracking | null> {
    return (await this.trackingFor(refType, [refId], q)).get(refId) ?? null;
  }

  /** The shipments of many references at once (lists of orders), by refId. */
  async trackingFor(refType: string, refIds: readonly string[], q: Queryable = this.db): Promise<Map<string, Tracking>> {
    const out = new Map<string, Tracking>();
    if (refIds.length === 0) return out;
    const rows = await q.query<ShipmentRow>('SELECT * FROM shipments WHERE ref_type = $1 AND ref_id = ANY($2::text[])', [refType, refIds]);
    if (rows.length === 0) return out;
    const scans = await q.query<ScanRow>(
      'SELECT shipment_id, status, description, location, at FROM shipment_events WHERE shipment_id = ANY($1::text[]) ORDER BY at DESC, id DESC',
      [rows.map((r) => r.id)],
    );
    for (const r of rows) {
      out.set(r.ref_id, {
        shipmentId: r.id,
        refType: r.ref_type,
        refId: r.ref_id,
        carrier: r.carrier,
        carrierName: carrierByCode(r.carrier)?.nameZh ?? r.carrier,
        trackingNo: r.tracking_no,
        status: r.status,
        pickedUpAt: iso(r.picked_up_at),
        deliveredAt: iso(r.delivered_at),
        events: scans.filter((s) => s.shipment_id === r.id).map((s) => ({ status: s.status, description: s.description, location: s.location, at: new Date(s.at).toISOString() })),
      });
    }
    return out;
  }

  /**
   * Applies a verified provider event once: a redelivered event id is a duplicate (acknowledged,
   * nothing changes); a scan of a parcel we don't follow is recorded and ignored.
   */
  async handleWebhook(event: TrackingEvent): Promise<WebhookOutcome> {
    return this.db.tx(async (tx) => {
      const fresh = await tx.query(
        `INSERT INTO logistics_webhook_events (provider, event_id, carrier, tracking_no, outcome, payload) VALUES ($1, $2, $3, $4, 'ignored', $5)
         ON CONFLICT DO NOTHING RETURNING event_id`,
        [this.provider.name, event.id, event.carrier, event.trackingNo, JSON.stringify(event)],
      );
      if (fresh.length === 0) return { outcome: 'duplicate' as const };
      const [row] = await tx.query<ShipmentRow>('SELECT * FROM shipments WHERE provider = $1 AND carrier = $2 AND tracking_no = $3 FOR UPDATE', [this.provider.name, event.carrier, event.trackingNo]);
      if (!row) {
        const why = 'no shipment with this carrier and tracking number';
        await tx.query('UPDATE logistics_webhook_events SET note = $3 WHERE provider = $1 AND event_id = $2', [this.provider.name, event.id, why]);
        return { outcome: 'ignored' as const, why };
      }
      await this.apply(tx, row, event);
      await tx.query(`UPDATE logistics_webhook_events SET outcome = 'applied' WHERE provider = $1 AND event_id = $2`, [this.provider.name, event.id]);
      return { outcome: 'applied' as const };
    });
  }

  /** Records one scan of a locked shipment, moves its status forward, and announces news. */
  private async apply(tx: Tx, row: ShipmentRow, event: TrackingEvent): Promise<void> {
    await tx.query('INSERT INTO shipment_events (shipment_id, provider_event_id, status, description, location, at) VALUES ($1, $2, $3, $4, $5, $6)', [
      row.id,
      event.id,
      event.status,
      event.description,
      event.location,
      event.at,
    ]);
    const decision = decideScan({ status: row.status, pickedUp: row.picked_up_at !== null, delivered: row.delivered_at !== null }, event.status);
    await tx.query(
      `UPDATE shipments SET status = $2, updated_at = now(),
              picked_up_at = CASE WHEN $3 = 'picked_up' THEN coalesce(picked_up_at, $4) ELSE picked_up_at END,
              delivered_at = CASE WHEN $3 = 'delivered' THEN coalesce(delivered_at, $4) ELSE delivered_at END
        WHERE id = $1`,
      [row.id, decision.status, event.status, event.at],
    );
    if (!decision.announce) return;
    const payload: ShipmentEvent = { shipmentId: row.id, refType: row.ref_type, refId: row.ref_id, carrier: row.carrier, trackingNo: row.tracking_no, at: event.at.toISOString() };
    await this.bus.publish(tx, LOGISTICS_TOPICS[event.status], payload);
  }
}
