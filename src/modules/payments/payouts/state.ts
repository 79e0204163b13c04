// The payout state machine, as pure decisions (no I/O), so every transition is tested on its own
// and the service only applies what these functions allow.
//
//   processing ──transfer.paid───▶ paid     (final)
//   processing ──transfer.failed─▶ failed   (final: money never left, the caller may pay again
//                                            under a new reference)
//
// Webhooks arrive more than once and out of order, so an event that repeats a payout's final
// state is a harmless duplicate, while one that contradicts it (paid → failed, failed → paid) is
// refused: money that was sent is not "unsent" by a late message, and a failure already handed
// back to the caller must not turn into a second payment.

export const PAYOUT_STATUSES = ['processing', 'paid', 'failed'] as const;
export type PayoutStatus = (typeof PAYOUT_STATUSES)[number];
export type TransferEventType = 'transfer.paid' | 'transfer.failed';

export const PAYOUT_TRANSITIONS: Record<PayoutStatus, Partial<Record<TransferEventType, PayoutStatus>>> = {
  processing: { 'transfer.paid': 'paid', 'transfer.failed': 'failed' },
  paid: {},
  failed: {},
};

/** The status after `event`, or null when the event does not move a payout in `from`. */
export function nextStatus(from: PayoutStatus, event: TransferEventType): PayoutStatus | null {
  return PAYOUT_TRANSITIONS[from][event] ?? null;
}

/** The status an event reports. */
export const reportedStatus = (event: TransferEventType): PayoutStatus => (event === 'transfer.paid' ? 'paid' : 'failed');

export type PayoutDecision = { kind: 'apply'; to: PayoutStatus } | { kind: 'duplicate' } | { kind: 'refuse'; why: string };

/** What a provider transfer event does to a payout. */
export function decideTransferEvent(
  payout: { status: PayoutStatus; amountFen: number; currency: string },
  event: { type: TransferEventType; amountFen: number; currency: string },
): PayoutDecision {
  // Checked first: an event about another amount is not about this payout, whatever its state.
  if (event.amountFen !== payout.amountFen || event.currency !== payout.currency) {
    return { kind: 'refuse', why: `amount mismatch: ${event.amountFen} ${event.currency} for a payout of ${payout.amountFen} ${payout.currency}` };
  }
  const to = nextStatus(payout.status, event.type);
  if (to !== null) return { kind: 'apply', to };
  if (reportedStatus(event.type) === payout.status) return { kind: 'duplicate' };
  return { kind: 'refuse', why: `${event.type} does not apply to a ${payout.status} payout` };
}
