// The payment intent state machine, as pure decisions (no I/O), so every transition is tested
// on its own and the service only applies what these functions allow.
//
//   requires_payment ──payment.succeeded──▶ succeeded   (final, except that refunds add up)
//   requires_payment ──payment.failed─────▶ failed
//   failed ──retry (ours)──▶ requires_payment ──▶ …
//   failed ──payment.succeeded (a later attempt at the pay page)──▶ succeeded
//
// Provider events carry a per-payment sequence: one at or below the newest applied is stale and
// never moves the intent, so a late `payment.failed` can't undo a `payment.succeeded`.

export const INTENT_STATUSES = ['requires_payment', 'succeeded', 'failed'] as const;
export type IntentStatus = (typeof INTENT_STATUSES)[number];
export type IntentAction = 'payment.succeeded' | 'payment.failed' | 'retry';

export const INTENT_TRANSITIONS: Record<IntentStatus, Partial<Record<IntentAction, IntentStatus>>> = {
  requires_payment: { 'payment.succeeded': 'succeeded', 'payment.failed': 'failed' },
  failed: { retry: 'requires_payment', 'payment.succeeded': 'succeeded' },
  succeeded: {},
};

/** The status after `action`, or null when the action is not allowed from `from`. */
export function nextStatus(from: IntentStatus, action: IntentAction): IntentStatus | null {
  return INTENT_TRANSITIONS[from][action] ?? null;
}

export type Decision<T> = { apply: true; to: T } | { apply: false; why: string };

export interface IntentState {
  status: IntentStatus;
  amountFen: number;
  refundedFen: number;
  lastEventSeq: number;
}

/** What a provider payment event does to an intent. */
export function decidePaymentEvent(intent: IntentState, event: { type: 'payment.succeeded' | 'payment.failed'; sequence: number; amountFen: number }): Decision<IntentStatus> {
  if (event.sequence <= intent.lastEventSeq) return { apply: false, why: `stale: event ${event.sequence} is not newer than ${intent.lastEventSeq}` };
  if (event.amountFen !== intent.amountFen) return { apply: false, why: `amount mismatch: ${event.amountFen} for an intent of ${intent.amountFen}` };
  const to = nextStatus(intent.status, event.type);
  if (to === null) return { apply: false, why: `${event.type} does not apply to a ${intent.status} intent` };
  return { apply: true, to };
}

export type RefundStatus = 'pending' | 'succeeded' | 'failed';

/** What a provider `refund.succeeded` event does: the refunded total afterwards, when it applies. */
export function decideRefundEvent(intent: IntentState, refund: { status: RefundStatus; amountFen: number } | null, event: { amountFen: number }): Decision<number> {
  if (!refund) return { apply: false, why: 'unknown refund' };
  if (refund.status !== 'pending') return { apply: false, why: `refund already ${refund.status}` };
  if (refund.amountFen !== event.amountFen) return { apply: false, why: `amount mismatch: ${event.amountFen} for a refund of ${refund.amountFen}` };
  if (intent.status !== 'succeeded') return { apply: false, why: `a ${intent.status} intent has nothing to refund` };
  const total = intent.refundedFen + refund.amountFen;
  if (total > intent.amountFen) return { apply: false, why: 'refunds would exceed the captured amount' };
  return { apply: true, to: total };
}

/** What is left to refund: captured minus refunded minus refunds still pending. */
export function refundable(intent: IntentState, pendingFen: number): number {
  return intent.status === 'succeeded' ? Math.max(0, intent.amountFen - intent.refundedFen - pendingFen) : 0;
}
