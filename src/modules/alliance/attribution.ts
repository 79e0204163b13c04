// Attribution and commission arithmetic, pure: which creator's content sold an order line, whether
// the sale looks like the creator buying from themself, and what the commission is as refunds come
// in. The commission service (commissions.ts) applies these to rows and the ledger.
import type { LineSource } from '../commerce/events.ts';

/** Content that earns commission: a video, a live room, or the creator's showcase page. */
export const CONTENT_TYPES = ['feed_video', 'live_room', 'showcase'] as const;
export type ContentType = (typeof CONTENT_TYPES)[number];

export interface Credit {
  creatorId: string;
  contentType: ContentType;
  contentId: string;
}

/** The content behind a source, as content, live or the showcase describe it; null when unknown. */
export interface Carrier {
  creatorId: string;
  /** Goods the content carries now (a video's anchors, a room's bag, a showcase). */
  productIds: readonly string[];
}

export const isContentType = (t: string): t is ContentType => (CONTENT_TYPES as readonly string[]).includes(t);

/**
 * The creator a line is credited to, by its last touch: only a touch on a creator's content that
 * carries the line's product, and only within the window before the purchase. Search, store pages
 * and the mall credit nobody; neither does a video that no longer carries the goods.
 */
export function creditFor(source: LineSource | null, productId: string, carrier: Carrier | null, touchedAt: Date, purchasedAt: Date, windowMs: number): Credit | null {
  if (!source?.id || !isContentType(source.type) || !carrier) return null;
  if (purchasedAt.getTime() - touchedAt.getTime() > windowMs) return null;
  if (!carrier.productIds.includes(productId)) return null;
  return { creatorId: carrier.creatorId, contentType: source.type, contentId: source.id };
}

export type Flag = 'self_purchase' | 'shared_address' | 'shared_device';

/**
 * Why a credited sale is withheld rather than paid: the buyer is the creator, the parcel goes
 * where the creator's own parcels go, or it was bought on a device the creator shops on (keyed
 * prints of phone and address, and of the app's device id). Null: nothing suspect.
 */
export function guardFlag(buyerId: string, creatorId: string, prints: { shipTo: string; device: string | null }, creatorPrints: ReadonlySet<string>): Flag | null {
  if (buyerId === creatorId) return 'self_purchase';
  if (creatorPrints.has(prints.shipTo)) return 'shared_address';
  if (prints.device !== null && creatorPrints.has(prints.device)) return 'shared_device';
  return null;
}

/** The part of a line's paid amount still kept after `refundedFen` of the order's `orderPayFen` came back (pro rata, in whole fen). */
export function keptBase(paidFen: number, orderPayFen: number, refundedFen: number): number {
  if (refundedFen <= 0 || orderPayFen <= 0) return paidFen;
  if (refundedFen >= orderPayFen) return 0;
  // The refunded share is rounded up, so the kept base (and the commission) never exceeds the truth.
  const refundedShare = (BigInt(paidFen) * BigInt(refundedFen) + BigInt(orderPayFen) - 1n) / BigInt(orderPayFen);
  return paidFen - Number(refundedShare);
}

/** Commission on a kept base: the rate rounded down to whole fen, plus the plan's flat fee while anything is kept. */
export function commissionOn(baseFen: number, rateBps: number, flatFeeFen: number): number {
  if (baseFen <= 0) return 0;
  return Number((BigInt(baseFen) * BigInt(rateBps)) / 10_000n) + flatFeeFen;
}

/** The platform's service fee on a settled commission, rounded down (the creator keeps the fraction). */
export const serviceFee = (commissionFen: number, feeBps: number): number => Number((BigInt(commissionFen) * BigInt(feeBps)) / 10_000n);
