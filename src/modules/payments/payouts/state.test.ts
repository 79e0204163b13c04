import { describe, expect, it } from 'vitest';
import { PAYOUT_STATUSES, decideTransferEvent, nextStatus, type PayoutStatus, type TransferEventType } from './state.ts';

const payout = (status: PayoutStatus) => ({ status, amountFen: 5000, currency: 'CNY' });
const event = (type: TransferEventType, amountFen = 5000) => ({ type, amountFen, currency: 'CNY' });

describe('payout state machine', () => {
  it('allows exactly processing → paid and processing → failed', () => {
    const legal: Record<string, PayoutStatus> = { 'processing transfer.paid': 'paid', 'processing transfer.failed': 'failed' };
    const events: TransferEventType[] = ['transfer.paid', 'transfer.failed'];
    for (const from of PAYOUT_STATUSES) {
      for (const e of events) expect(nextStatus(from, e), `${from} ${e}`).toBe(legal[`${from} ${e}`] ?? null);
    }
  });

  it('applies the first outcome to a processing payout', () => {
    expect(decideTransferEvent(payout('processing'), event('transfer.paid'))).toEqual({ kind: 'apply', to: 'paid' });
    expect(decideTransferEvent(payout('processing'), event('transfer.failed'))).toEqual({ kind: 'apply', to: 'failed' });
  });

  it('treats the same outcome again as a no-op duplicate', () => {
    expect(decideTransferEvent(payout('paid'), event('transfer.paid'))).toEqual({ kind: 'duplicate' });
    expect(decideTransferEvent(payout('failed'), event('transfer.failed'))).toEqual({ kind: 'duplicate' });
  });

  it('refuses to move a finished payout to the other outcome', () => {
    expect(decideTransferEvent(payout('paid'), event('transfer.failed'))).toEqual({ kind: 'refuse', why: expect.stringContaining('paid payout') });
    expect(decideTransferEvent(payout('failed'), event('transfer.paid'))).toEqual({ kind: 'refuse', why: expect.stringContaining('failed payout') });
  });

  it('refuses an event of another amount or currency, whatever the state', () => {
    for (const status of PAYOUT_STATUSES) {
      expect(decideTransferEvent(payout(status), event('transfer.paid', 4999)).kind).toBe('refuse');
      expect(decideTransferEvent(payout(status), { type: 'transfer.paid', amountFen: 5000, currency: 'USD' }).kind).toBe('refuse');
    }
  });
});
