import { describe, expect, it } from 'vitest';
import { checkRequest, isFastRefund, postagePaid, type AfterSalesPolicy, type CaseRequest } from './policy.ts';

const policy: AfterSalesPolicy = { merchantReplyHours: 48, noReasonDays: 7, windowDays: 15, escalationDays: 7, returnShipDays: 7, fastRefundCapFen: 20_000, returnShippingCapFen: 2_000, compensationMaxFen: 50_000 };
const now = new Date('2026-11-20T12:00:00Z');
const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000);
const req = (over: Partial<CaseRequest>): CaseRequest => ({ orderStatus: 'delivered', deliveredAt: daysAgo(1), type: 'return_refund', reason: 'no_reason', noReasonReturn: [true], wholeOrder: true, now, ...over });
const field = (r: CaseRequest) => {
  const v = checkRequest(policy, r);
  return v ? `${v.code} ${v.field}` : null;
};

describe('who may open which case', () => {
  it('refuses unpaid and cancelled orders', () => {
    expect(field(req({ orderStatus: 'created' }))).toBe('invalid_state orderId');
    expect(field(req({ orderStatus: 'cancelled' }))).toBe('invalid_state orderId');
  });

  it('before shipping: refund only, whole order', () => {
    expect(field(req({ orderStatus: 'paid', deliveredAt: null, type: 'refund_only', reason: 'other' }))).toBeNull();
    expect(field(req({ orderStatus: 'paid', deliveredAt: null, type: 'refund_only', reason: 'no_reason' }))).toBeNull();
    expect(field(req({ orderStatus: 'paid', deliveredAt: null, type: 'return_refund' }))).toBe('invalid_state type');
    expect(field(req({ orderStatus: 'paid', deliveredAt: null, type: 'refund_only', wholeOrder: false }))).toBe('invalid_state lines');
  });

  it('no-reason returns: only returns, only flagged products, only 7 days after delivery', () => {
    expect(field(req({}))).toBeNull();
    expect(field(req({ deliveredAt: daysAgo(6.9) }))).toBeNull();
    expect(field(req({ deliveredAt: null, orderStatus: 'shipped' }))).toBeNull();
    expect(field(req({ deliveredAt: daysAgo(7.1) }))).toBe('invalid_state reason');
    expect(field(req({ noReasonReturn: [true, false] }))).toBe('invalid_state reason');
    expect(field(req({ type: 'refund_only' }))).toBe('validation_failed reason');
    // Other reasons keep the longer window.
    expect(field(req({ deliveredAt: daysAgo(10), reason: 'quality', noReasonReturn: [false] }))).toBeNull();
    expect(field(req({ deliveredAt: daysAgo(16), reason: 'quality', orderStatus: 'completed' }))).toBe('invalid_state orderId');
  });

  it('not received is a refund, not a return', () => {
    expect(field(req({ reason: 'not_received', type: 'refund_only', orderStatus: 'shipped', deliveredAt: null }))).toBeNull();
    expect(field(req({ reason: 'not_received', type: 'return_refund' }))).toBe('validation_failed reason');
  });

  it('pays return postage only for the store’s faults, capped; refunds fast up to the cap', () => {
    expect(postagePaid(policy, 'quality', 1200)).toBe(1200);
    expect(postagePaid(policy, 'wrong_item', 5000)).toBe(2000);
    expect(postagePaid(policy, 'damaged', 0)).toBe(0);
    expect(postagePaid(policy, 'no_reason', 1200)).toBe(0);
    expect(postagePaid(policy, 'other', 1200)).toBe(0);
    expect([isFastRefund(policy, 20_000), isFastRefund(policy, 20_001)]).toEqual([true, false]);
  });
});
