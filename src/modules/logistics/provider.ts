// The tracking provider interface: everything logistics needs from a tracking aggregator (like
// 快递100, which follows parcels of every carrier and pushes their scans). The built-in sandbox
// carrier is one implementation; a real aggregator would be another. Our side never reads a
// provider's tables: it subscribes parcels through these calls and learns scans from signed
// webhooks.
import type { Tx } from '../../platform/db/index.ts';
import type { ScanStatus } from './state.ts';

export interface SubscribeInput {
  /** Our shipment id: the provider's reference for the subscription. */
  shipmentId: string;
  carrier: string;
  trackingNo: string;
}

/** One carrier scan, from a verified webhook, normalised. */
export interface TrackingEvent {
  /** The provider's event id: the same event delivered twice has the same id. */
  id: string;
  carrier: string;
  trackingNo: string;
  status: ScanStatus;
  /** What the carrier says, as it says it (zh): 快件已揽收, 运输中 【杭州转运中心】 …, 已签收. */
  description: string;
  location: string | null;
  /** When the carrier scanned the parcel (not when we heard of it). */
  at: Date;
}

export interface CarrierProvider {
  readonly name: string;
  /**
   * Starts following a parcel. `tx` is the caller's transaction: a remote aggregator ignores it
   * (it calls its API, and a lost subscription is retried by the caller); the in-process sandbox
   * writes its records in it, so the subscription commits or rolls back with the shipment.
   */
  subscribe(tx: Tx, input: SubscribeInput): Promise<{ providerRef: string }>;
  /**
   * Checks a webhook's signature over the raw body and returns its scan. Throws an AppError:
   * `unauthenticated` (field: the signature header) for a missing, forged or expired signature,
   * `validation_failed` for a body that is not a well-formed event.
   */
  verifyWebhook(rawBody: string, headers: Record<string, string | string[] | undefined>): TrackingEvent;
}
