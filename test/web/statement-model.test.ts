// The merchant statement page's date ranges and entry kinds (web/src/merchant/statementModel.ts):
// pure functions, so they are tested here with the server's unit tests.
import { describe, expect, it } from 'vitest';
import { isDay, kindGroup, presetOf, presetRange, rangeQuery } from '../../web/src/merchant/statementModel.ts';

const NOW = new Date(2026, 10, 25, 15, 30); // 25 Nov 2026, 15:30 local time

describe('statement date ranges', () => {
  it('turns presets into calendar days that end today', () => {
    expect(presetRange('all', NOW)).toEqual({ from: '', to: '' });
    expect(presetRange('today', NOW)).toEqual({ from: '2026-11-25', to: '2026-11-25' });
    expect(presetRange('7d', NOW)).toEqual({ from: '2026-11-19', to: '2026-11-25' });
    expect(presetRange('30d', NOW)).toEqual({ from: '2026-10-27', to: '2026-11-25' });
    expect(presetRange('month', NOW)).toEqual({ from: '2026-11-01', to: '2026-11-25' });
  });

  it('recognises a preset again, and anything else as custom', () => {
    expect(presetOf({ from: '2026-11-19', to: '2026-11-25' }, NOW)).toBe('7d');
    expect(presetOf({ from: '', to: '' }, NOW)).toBe('all');
    expect(presetOf({ from: '2026-11-02', to: '2026-11-25' }, NOW)).toBe('custom');
  });

  it('asks the API for [first day 00:00, the day after the last 00:00) in local time', () => {
    expect(rangeQuery({ from: '2026-11-01', to: '2026-11-25' })).toEqual({
      from: new Date(2026, 10, 1).toISOString(),
      to: new Date(2026, 10, 26).toISOString(),
    });
    expect(rangeQuery({ from: '', to: '2026-12-31' })).toEqual({ to: new Date(2027, 0, 1).toISOString() });
    expect(rangeQuery({ from: '', to: '' })).toEqual({});
  });

  it('accepts only real calendar days from the URL', () => {
    expect(isDay('2026-02-28')).toBe(true);
    expect(isDay('2026-02-30')).toBe(false);
    expect(isDay('2026-2-3')).toBe(false);
    expect(isDay(null)).toBe(false);
  });
});

describe('statement entry kinds', () => {
  it('groups the ledger kinds commerce posts into what a merchant recognises', () => {
    expect(kindGroup('order_payment')).toBe('sale');
    expect(kindGroup('payment.captured')).toBe('sale');
    expect(kindGroup('after_sales_refund')).toBe('refund');
    expect(kindGroup('refund')).toBe('refund');
    expect(kindGroup('return_postage')).toBe('refund');
    expect(kindGroup('compensation')).toBe('compensation');
    expect(kindGroup('payout')).toBe('payout');
    expect(kindGroup('something_new')).toBe('other');
  });
});
