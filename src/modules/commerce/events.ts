// Commerce's events that other modules build on, with their payloads. Consumers import these
// types (never commerce's tables): the alliance attributes lines to creators from them.
import type { SourceType } from './checkout.ts';

export interface LineSource {
  type: SourceType;
  id?: string;
}

/** One order line as sold: what was paid for it after every discount, and where it was found. */
export interface OrderLineFacts {
  lineNo: number;
  productId: string;
  skuId: string;
  title: string;
  quantity: number;
  /** line price − store discount − platform discount: what the shopper actually paid. */
  paidFen: number;
  /** The last touch before the purchase (cart row's source, else the checkout's); null when unknown. */
  source: LineSource | null;
  /** When that touch happened (the cart add, or the checkout itself). */
  touchedAt: string;
}

/** `commerce.order.created` */
export interface OrderCreatedEvent {
  orderId: string;
  checkoutId: string;
  userId: string;
  storeId: string;
  payFen: number;
  source: LineSource | null;
  lines: OrderLineFacts[];
  /** A keyed fingerprint of the ship-to phone and address (Sealer.print): equal for the same parcel destination. */
  shipToPrint: string;
  /** The keyed fingerprint of the app's device id, when the app sent one. */
  devicePrint: string | null;
}

/** `commerce.order.paid` */
export interface OrderPaidEvent {
  orderId: string;
  storeId: string;
  userId: string;
  payFen: number;
  paidAt: string;
}

/** After-sales reasons that blame the store: a case opened for one is a complaint (feed, insights). */
export const FAULT_REASONS: ReadonlySet<string> = new Set(['quality', 'wrong_item', 'damaged', 'not_received']);
