// The insights dashboards' numbers and China days (web/src/insights/format.ts): pure, so tested
// here with the server's unit tests.
import { describe, expect, it } from 'vitest';
import { addDays, chinaMinute, chinaToday, money, pct, presetOf, presetRange, watch } from '../../web/src/insights/format.ts';

describe('insights formatting', () => {
  it('shows fen as yuan with two decimals and grouped thousands, exactly', () => {
    expect(money(16_000)).toBe('¥160.00');
    expect(money(7_250)).toBe('¥72.50');
    expect(money(5)).toBe('¥0.05');
    expect(money(123_456_789)).toBe('¥1,234,567.89');
    expect(money(-3_000)).toBe('-¥30.00');
    expect(money(null)).toBe('—');
  });

  it('shows rates and watch time, and a dash when there was no base', () => {
    expect(pct(0.3448)).toBe('34.5%');
    expect(pct(1)).toBe('100.0%');
    expect(pct(null)).toBe('—');
    expect(watch(5_000)).toBe('5.0s');
    expect(watch(65_000)).toBe('1m 05s');
    expect(watch(null)).toBe('—');
  });

  it('counts days in China time wherever the browser is', () => {
    // 16:30 UTC on 25 Nov is 00:30 on the 26th in Beijing.
    const t = Date.UTC(2026, 10, 25, 16, 30);
    expect(chinaToday(t)).toBe('2026-11-26');
    expect(chinaMinute(new Date(t).toISOString())).toBe('00:30');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(presetRange(7, t)).toEqual({ from: '2026-11-20', to: '2026-11-26' });
    expect(presetRange(30, t)).toEqual({ from: '2026-10-28', to: '2026-11-26' });
    expect(presetOf({ from: '2026-08-29', to: '2026-11-26' }, t)).toBe(90);
    expect(presetOf({ from: '2026-11-01', to: '2026-11-26' }, t)).toBeNull();
  });
});
