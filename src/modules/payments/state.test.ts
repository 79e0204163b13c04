import { describe, expect, it } from 'vitest';
import { INTENT_STATUSES, decidePaymentEvent, decideRefundEvent, nextStatus, refundable, type IntentAction, type IntentState, type IntentStatus } from './state.ts';

const intent = (status: IntentStatus, over: Partial<IntentState> = {}): IntentState => ({ status, amountFen: 1000, refundedFen: 0, lastEventSeq: 0, ...over });

describe('intent state machine', () => {
  it('allows exactly the legal transitions', () => {
    const legal: Record<string, IntentStatus> = {
      'requires_payment payment.succeeded': 'succeeded',
      'requires_payment payment.failed': 'failed',
      'failed retry': 'requires_payment',
      'failed payment.succeeded': 'succeeded',
    };
    const actions: IntentAction[] = ['payment.succeeded', 'payment.failed', 'retry'];
    for (const from of INTENT_STATUSES) {
      for (const action of actions) expect(nextStatus(from, action), `${from} ${action}`).toBe(legal[`${from} ${action}`] ?? null);
    }
  });

  it('applies a payment event only when it is newer, of the right amount and allowed', () => {
    expect(decidePaymentEvent(intent('requires_payment'), { type: 'payment.succeeded', sequence: 1, amountFen: 1000 })).toEqual({ apply: true, to: 'succeeded' });
    expect(decidePaymentEvent(intent('requires_payment'), { type: 'payment.failed', sequence: 1, amountFen: 1000 })).toEqual({ apply: true, to: 'failed' });
    expect(decidePaymentEvent(intent('failed', { lastEventSeq: 1 }), { type: 'payment.succeeded', sequence: 2, amountFen: 1000 })).toEqual({ apply: true, to: 'succeeded' });
    // a later failed attempt doesn't re-fail an intent that is already failed
    expect(decidePaymentEvent(intent('failed', { lastEventSeq: 1 }), { type: 'payment.failed', sequence: 2, amountFen: 1000 }).apply).toBe(false);
    // succeeded is final: neither a failure nor another success moves it
    expect(decidePaymentEvent(intent('succeeded', { lastEventSeq: 1 }), { type: 'payment.failed', sequence: 2, amountFen: 1000 }).apply).toBe(false);
    expect(decidePaymentEvent(intent('succeeded', { lastEventSeq: 1 }), { type: 'payment.succeeded', sequence: 2, amountFen: 1000 }).apply).toBe(false);
    // amounts must match
    expect(decidePaymentEvent(intent('requires_payment'), { type: 'payment.succeeded', sequence: 1, amountFen: 999 }).apply).toBe(false);
  });

  it('never lets an older event move state backwards (out of order)', () => {
    // fail (1) then succeed (2), delivered as 2, 1
    const afterSuccess = intent('succeeded', { lastEventSeq: 2 });
    const stale = decidePaymentEvent(afterSuccess, { type: 'payment.failed', sequence: 1, amountFen: 1000 });
    expect(stale).toEqual({ apply: false, why: expect.stringContaining('stale') });
    // two failed attempts delivered newest first, then a retry: the older one stays ignored
    const retried = intent('requires_payment', { lastEventSeq: 2 });
    expect(decidePaymentEvent(retried, { type: 'payment.failed', sequence: 1, amountFen: 1000 }).apply).toBe(false);
    // the same sequence again (a duplicate that slipped past the event-id check) changes nothing
    expect(decidePaymentEvent(intent('failed', { lastEventSeq: 1 }), { type: 'payment.succeeded', sequence: 1, amountFen: 1000 }).apply).toBe(false);
  });

  it('settles a pending refund once, within the captured amount', () => {
    const paid = intent('succeeded', { lastEventSeq: 1, refundedFen: 300 });
    expect(decideRefundEvent(paid, { status: 'pending', amountFen: 700 }, { amountFen: 700 })).toEqual({ apply: true, to: 1000 });
    expect(decideRefundEvent(paid, { status: 'succeeded', amountFen: 700 }, { amountFen: 700 }).apply).toBe(false);
    expect(decideRefundEvent(paid, null, { amountFen: 700 }).apply).toBe(false);
    expect(decideRefundEvent(paid, { status: 'pending', amountFen: 700 }, { amountFen: 600 }).apply).toBe(false);
    expect(decideRefundEvent(paid, { status: 'pending', amountFen: 800 }, { amountFen: 800 }).apply).toBe(false);
    for (const status of ['requires_payment', 'failed'] as const) expect(decideRefundEvent(intent(status), { status: 'pending', amountFen: 100 }, { amountFen: 100 }).apply).toBe(false);
  });

  it('computes what is left to refund', () => {
    expect(refundable(intent('succeeded', { refundedFen: 300 }), 200)).toBe(500);
    expect(refundable(intent('succeeded', { refundedFen: 1000 }), 0)).toBe(0);
    expect(refundable(intent('requires_payment'), 0)).toBe(0);
    expect(refundable(intent('failed'), 0)).toBe(0);
  });
});
