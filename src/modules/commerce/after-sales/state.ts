// The after-sales case (售后单) state machine, pure: which action moves a case from which status
// to which, and who may take it. Anything not listed is illegal (409 invalid_state). The service
// applies a transition as a conditional update of the case row and records it.
//
//   requested ──approve (merchant | system: reply timeout, or not yet shipped)──▶ refunding (refund only)
//             │                                                                └────▶ awaiting_return (return)
//             ├─reject (merchant, with a reason)──▶ rejected ──escalate (buyer, in time)──▶ escalated
//             └─cancel (buyer)──▶ closed                                                         │
//   escalated ──decide approve (operator)──▶ as approve (refunding, awaiting_return, or refunding once the parcel is back)
//             └─decide reject (operator)──▶ closed            (the platform's decision is final)
//   awaiting_return ──ship_return (buyer)──▶ return_shipped   (a fast refund is issued here, status unchanged)
//                   └─expire (system: not shipped in time) / cancel (buyer)──▶ closed
//   return_shipped ──confirm_return (merchant)──▶ refunding, or refunded if a fast refund already settled
//                  └─reject (merchant: the parcel is not what was sold; not after a fast refund)──▶ rejected
//   refunding ──refund_settled (system, PSP webhook)──▶ refunded
//   return_shipped ──refund_settled──▶ return_shipped (a fast refund settled before the parcel arrived)
//
// Open statuses (one open case per order; an open case holds the order's auto-completion):
// requested, escalated, awaiting_return, return_shipped, refunding. `rejected` is not open: the
// buyer may escalate it or open a new case.

export const CASE_STATUSES = ['requested', 'rejected', 'escalated', 'awaiting_return', 'return_shipped', 'refunding', 'refunded', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];
export const OPEN_STATUSES: readonly CaseStatus[] = ['requested', 'escalated', 'awaiting_return', 'return_shipped', 'refunding'];

export const CASE_TYPES = ['refund_only', 'return_refund'] as const;
export type CaseType = (typeof CASE_TYPES)[number];

export const CASE_ACTIONS = ['approve', 'reject', 'escalate', 'decide_approve', 'decide_reject', 'cancel', 'ship_return', 'expire', 'confirm_return', 'refund_settled'] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

export type CaseActor = 'buyer' | 'merchant' | 'system' | 'operator';

/** Facts about the case that some transitions depend on. */
export interface CaseFacts {
  type: CaseType;
  /** The buyer's return parcel has shipped. */
  returnShipped: boolean;
  /** A refund was asked of the payment provider. */
  refundIssued: boolean;
  /** The provider confirmed the refund. */
  refundSettled: boolean;
}

interface Rule {
  from: readonly CaseStatus[];
  by: readonly CaseActor[];
  to: (f: CaseFacts, from: CaseStatus) => CaseStatus | null;
}

/** Where approval leads: money back now, or first the goods. */
const approved = (f: CaseFacts): CaseStatus => (f.type === 'refund_only' || f.returnShipped ? 'refunding' : 'awaiting_return');

export const RULES: Record<CaseAction, Rule> = {
  approve: { from: ['requested'], by: ['merchant', 'system'], to: approved },
  reject: { from: ['requested', 'return_shipped'], by: ['merchant'], to: (f) => (f.refundIssued ? null : 'rejected') },
  // A rejection is escalated at most once: from escalated the only ways out are the platform's
  // decisions, and a decision never leads back to this rejection (decide_reject closes the case).
  escalate: { from: ['rejected'], by: ['buyer'], to: () => 'escalated' },
  decide_approve: { from: ['escalated'], by: ['operator'], to: approved },
  decide_reject: { from: ['escalated'], by: ['operator'], to: () => 'closed' },
  cancel: { from: ['requested', 'rejected', 'escalated', 'awaiting_return'], by: ['buyer'], to: () => 'closed' },
  ship_return: { from: ['awaiting_return'], by: ['buyer'], to: (f) => (f.type === 'return_refund' ? 'return_shipped' : null) },
  expire: { from: ['awaiting_return'], by: ['system'], to: () => 'closed' },
  confirm_return: { from: ['return_shipped'], by: ['merchant', 'system'], to: (f) => (f.refundSettled ? 'refunded' : 'refunding') },
  refund_settled: { from: ['refunding', 'return_shipped'], by: ['system'], to: (f, from) => (from === 'refunding' ? 'refunded' : f.refundIssued ? 'return_shipped' : null) },
};

/** The status after `action`, or null when the action is illegal from `from` for this actor. */
export function nextStatus(from: CaseStatus, action: CaseAction, actor: CaseActor, facts: CaseFacts): CaseStatus | null {
  const rule = RULES[action];
  if (!rule.from.includes(from) || !rule.by.includes(actor)) return null;
  return rule.to(facts, from);
}

export const isOpen = (s: CaseStatus): boolean => OPEN_STATUSES.includes(s);
