import { describe, expect, it } from 'vitest';
import { CASE_ACTIONS, CASE_STATUSES, isOpen, nextStatus, type CaseAction, type CaseActor, type CaseFacts, type CaseStatus } from './state.ts';

const ACTORS: CaseActor[] = ['buyer', 'merchant', 'system', 'operator'];
const refundOnly: CaseFacts = { type: 'refund_only', returnShipped: false, refundIssued: false, refundSettled: false };
const ret: CaseFacts = { ...refundOnly, type: 'return_refund' };
const shipped: CaseFacts = { ...ret, returnShipped: true };
const fast: CaseFacts = { ...shipped, refundIssued: true };
const fastSettled: CaseFacts = { ...fast, refundSettled: true };
const refundOnlyIssued: CaseFacts = { ...refundOnly, refundIssued: true };
const refundOnlySettled: CaseFacts = { ...refundOnlyIssued, refundSettled: true };

/** The facts a case can have in each status (the combinations the service can produce). */
const REACHABLE: Record<CaseStatus, CaseFacts[]> = {
  requested: [refundOnly, ret],
  rejected: [refundOnly, ret, shipped],
  escalated: [refundOnly, ret, shipped],
  awaiting_return: [ret],
  return_shipped: [shipped, fast, fastSettled],
  refunding: [refundOnlyIssued, fast],
  refunded: [refundOnlySettled, fastSettled],
  closed: [refundOnly, ret, shipped],
};

/** Every legal move: [from, action, actor, facts, to]. Everything else must be illegal. */
const LEGAL: Array<[CaseStatus, CaseAction, CaseActor, CaseFacts, CaseStatus]> = [
  ['requested', 'approve', 'merchant', refundOnly, 'refunding'],
  ['requested', 'approve', 'system', refundOnly, 'refunding'],
  ['requested', 'approve', 'merchant', ret, 'awaiting_return'],
  ['requested', 'approve', 'system', ret, 'awaiting_return'],
  ['requested', 'reject', 'merchant', refundOnly, 'rejected'],
  ['requested', 'reject', 'merchant', ret, 'rejected'],
  ['requested', 'cancel', 'buyer', refundOnly, 'closed'],
  ['requested', 'cancel', 'buyer', ret, 'closed'],
  ['rejected', 'escalate', 'buyer', refundOnly, 'escalated'],
  ['rejected', 'escalate', 'buyer', ret, 'escalated'],
  ['rejected', 'escalate', 'buyer', shipped, 'escalated'],
  ['rejected', 'cancel', 'buyer', refundOnly, 'closed'],
  ['rejected', 'cancel', 'buyer', ret, 'closed'],
  ['rejected', 'cancel', 'buyer', shipped, 'closed'],
  ['escalated', 'decide_approve', 'operator', refundOnly, 'refunding'],
  ['escalated', 'decide_approve', 'operator', ret, 'awaiting_return'],
  ['escalated', 'decide_approve', 'operator', shipped, 'refunding'],
  ['escalated', 'decide_reject', 'operator', refundOnly, 'closed'],
  ['escalated', 'decide_reject', 'operator', ret, 'closed'],
  ['escalated', 'decide_reject', 'operator', shipped, 'closed'],
  ['escalated', 'cancel', 'buyer', refundOnly, 'closed'],
  ['escalated', 'cancel', 'buyer', ret, 'closed'],
  ['escalated', 'cancel', 'buyer', shipped, 'closed'],
  ['awaiting_return', 'ship_return', 'buyer', ret, 'return_shipped'],
  ['awaiting_return', 'expire', 'system', ret, 'closed'],
  ['awaiting_return', 'cancel', 'buyer', ret, 'closed'],
  ['return_shipped', 'confirm_return', 'merchant', shipped, 'refunding'],
  ['return_shipped', 'confirm_return', 'system', shipped, 'refunding'],
  ['return_shipped', 'confirm_return', 'merchant', fast, 'refunding'],
  ['return_shipped', 'confirm_return', 'system', fast, 'refunding'],
  ['return_shipped', 'confirm_return', 'merchant', fastSettled, 'refunded'],
  ['return_shipped', 'confirm_return', 'system', fastSettled, 'refunded'],
  ['return_shipped', 'reject', 'merchant', shipped, 'rejected'],
  ['return_shipped', 'refund_settled', 'system', fast, 'return_shipped'],
  ['return_shipped', 'refund_settled', 'system', fastSettled, 'return_shipped'],
  ['refunding', 'refund_settled', 'system', refundOnlyIssued, 'refunded'],
  ['refunding', 'refund_settled', 'system', fast, 'refunded'],
];

const name = (f: CaseFacts) => `${f.type}${f.returnShipped ? '+shipped' : ''}${f.refundIssued ? '+issued' : ''}${f.refundSettled ? '+settled' : ''}`;

describe('after-sales case state machine', () => {
  for (const [from, action, actor, facts, to] of LEGAL) {
    it(`${from} —${action} by ${actor} (${name(facts)})→ ${to}`, () => {
      expect(nextStatus(from, action, actor, facts)).toBe(to);
    });
  }

  it('refuses every other (status, action, actor, facts) combination', () => {
    let illegal = 0;
    let all = 0;
    for (const from of CASE_STATUSES) {
      for (const action of CASE_ACTIONS) {
        for (const actor of ACTORS) {
          for (const facts of REACHABLE[from]) {
            all++;
            const legal = LEGAL.find(([f, a, who, fx]) => f === from && a === action && who === actor && fx === facts);
            const got = nextStatus(from, action, actor, facts);
            if (legal) expect(got).toBe(legal[4]);
            else {
              expect(got, `${from} ${action} ${actor} ${name(facts)}`).toBeNull();
              illegal++;
            }
          }
        }
      }
    }
    expect(illegal).toBe(all - LEGAL.length);
  });

  it('keeps terminal statuses terminal and names which ones are open', () => {
    for (const action of CASE_ACTIONS) for (const actor of ACTORS) for (const end of ['refunded', 'closed'] as const) for (const f of REACHABLE[end]) expect(nextStatus(end, action, actor, f)).toBeNull();
    expect(CASE_STATUSES.filter(isOpen)).toEqual(['requested', 'escalated', 'awaiting_return', 'return_shipped', 'refunding']);
  });

  it('never lets a merchant reject after a fast refund went out, nor a refund-only case ship a parcel', () => {
    expect(nextStatus('return_shipped', 'reject', 'merchant', fast)).toBeNull();
    expect(nextStatus('awaiting_return', 'ship_return', 'buyer', refundOnly)).toBeNull();
    expect(nextStatus('return_shipped', 'refund_settled', 'system', shipped)).toBeNull();
  });
});
