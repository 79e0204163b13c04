// After-sales rules the request form needs before asking the server (which checks them again):
// which reasons go with which type, and about how much can still be refunded for the chosen units.
import type { CaseReason, CaseStatus, CaseType, Order } from '../types';

export const REASONS_BY_TYPE: Record<CaseType, CaseReason[]> = {
  refund_only: ['not_received', 'quality', 'wrong_item', 'damaged', 'other'],
  return_refund: ['no_reason', 'quality', 'wrong_item', 'damaged', 'other'],
};

export const OPEN_STATUSES: CaseStatus[] = ['requested', 'escalated', 'awaiting_return', 'return_shipped', 'refunding'];

/** Chosen units per line number. */
export type Picks = Record<number, number>;

export function allUnits(order: Order): Picks {
  return Object.fromEntries(order.lines.map((l) => [l.lineNo, l.quantity]));
}

export function isWholeOrder(order: Order, picks: Picks): boolean {
  return order.lines.every((l) => (picks[l.lineNo] ?? 0) === l.quantity);
}

/**
 * What the chosen units cost the buyer: the line less its own discount share (as the order
 * reports it), pro rata by units, less what was refunded already. For whole lines it is the
 * server's figure; for part of a line the server splits remainders by unit and may differ by a
 * fen, so the form only sends an amount the shopper typed, and otherwise lets the server refund
 * all that may be refunded.
 */
export function estimateRefundable(order: Order, picks: Picks): number {
  const whole = isWholeOrder(order, picks);
  let sum = 0;
  for (const l of order.lines) {
    const q = picks[l.lineNo] ?? 0;
    if (q <= 0) continue;
    const paid = l.lineFen - l.discountFen;
    const left = l.quantity - l.refundedQuantity;
    if (left <= 0) continue;
    sum += q >= left ? paid - l.refundedFen : Math.floor((paid * q) / l.quantity);
  }
  if (whole && order.status === 'paid') sum += order.shippingFen; // before shipping the postage comes back too
  const left = order.payFen - order.afterSales.refundedFen - order.afterSales.refundingFen;
  return Math.max(0, Math.min(sum, left));
}
