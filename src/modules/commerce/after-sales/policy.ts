// Who may open which case when, pure. The numbers come from config (AFTER_SALES_*):
//
// - An order can have a case once paid, until `windowDays` after delivery (in transit: any time).
//   Unpaid orders are cancelled, not refunded; cancelled ones have nothing left.
// - Before shipping (order `paid`) only refund_only of the whole order: the system approves it at
//   once, refunds everything (shipping charge included) and cancels the order.
// - After shipping (shipped / delivered / completed): refund_only or return_refund of chosen units;
//   the merchant approves or rejects.
// - 七天无理由 (`no_reason`) is a return: only return_refund, only if every chosen line's product
//   allowed no-reason returns when it was bought, and only until `noReasonDays` after delivery.
// - `not_received` is refund_only (there is nothing to send back).
// - Return postage is the store's to pay when the reason is the store's fault (quality,
//   wrong_item, damaged): the buyer's claim, capped at `returnShippingCapFen`.
// - Fast refund (极速退款): a return whose refund is at most `fastRefundCapFen` is refunded the
//   moment the buyer's parcel ships; above the cap, when the merchant confirms receipt.
import type { Config } from '../../../platform/config.ts';
import type { CaseType } from './state.ts';

export const REASONS = ['no_reason', 'quality', 'wrong_item', 'not_received', 'damaged', 'other'] as const;
export type Reason = (typeof REASONS)[number];
export const MERCHANT_FAULT: readonly Reason[] = ['quality', 'wrong_item', 'damaged'];

export type AfterSalesPolicy = Config['afterSales'];

export interface Violation {
  code: 'validation_failed' | 'invalid_state';
  field: string;
  message: string;
}

export interface CaseRequest {
  orderStatus: string;
  deliveredAt: Date | null;
  type: CaseType;
  reason: Reason;
  /** Whether each chosen line's product allowed no-reason returns. */
  noReasonReturn: readonly boolean[];
  /** Every unit of every line chosen, none refunded before. */
  wholeOrder: boolean;
  now: Date;
}

const DAY = 86_400_000;

/** Why this case may not be opened, or null when it may. */
export function checkRequest(p: AfterSalesPolicy, r: CaseRequest): Violation | null {
  const state = (field: string, message: string): Violation => ({ code: 'invalid_state', field, message });
  if (r.orderStatus === 'created') return state('orderId', 'The order is not paid: cancel it instead');
  if (r.orderStatus === 'cancelled') return state('orderId', 'The order is cancelled: there is nothing to refund');
  if (r.orderStatus === 'paid') {
    if (r.type !== 'refund_only') return state('type', 'The order has not shipped: there is nothing to return; ask for a refund (refund_only)');
    if (!r.wholeOrder) return state('lines', 'Before shipping only the whole order can be refunded');
    return null;
  }
  if (r.reason === 'no_reason' && r.type !== 'return_refund') return { code: 'validation_failed', field: 'reason', message: 'No-reason (七天无理由) is a return: use type return_refund' };
  if (r.reason === 'not_received' && r.type !== 'refund_only') return { code: 'validation_failed', field: 'reason', message: 'Goods not received cannot be returned: use type refund_only' };
  const since = r.deliveredAt ? r.now.getTime() - r.deliveredAt.getTime() : null;
  if (since !== null && since > p.windowDays * DAY) return state('orderId', `After-sales ends ${p.windowDays} days after delivery`);
  if (r.reason === 'no_reason') {
    if (r.noReasonReturn.some((ok) => !ok)) return state('reason', 'This product does not offer no-reason returns (七天无理由)');
    if (since !== null && since > p.noReasonDays * DAY) return state('reason', `No-reason returns end ${p.noReasonDays} days after delivery`);
  }
  return null;
}

/** What the store pays towards the buyer's return postage. */
export const postagePaid = (p: AfterSalesPolicy, reason: Reason, claimedFen: number): number => (MERCHANT_FAULT.includes(reason) ? Math.min(claimedFen, p.returnShippingCapFen) : 0);

/** Whether a return's refund goes out when the parcel ships (else on receipt). */
export const isFastRefund = (p: AfterSalesPolicy, amountFen: number): boolean => amountFen <= p.fastRefundCapFen;
