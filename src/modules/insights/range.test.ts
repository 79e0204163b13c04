import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.ts';
import { addDays, chinaDay, dayStart, daysOf, parseRange } from './range.ts';

const opts = { maxDays: 366, defaultDays: 30 };
const fieldOf = (f: () => unknown): string | undefined => {
  try {
    f();
  } catch (e) {
    return e instanceof AppError ? e.field : 'not an AppError';
  }
  return undefined;
};

describe('China days', () => {
  it('puts 16:00 UTC on the next China day and 15:59 on the same', () => {
    expect(chinaDay(new Date('2026-11-25T15:59:59Z'))).toBe('2026-11-25');
    expect(chinaDay(new Date('2026-11-25T16:00:00Z'))).toBe('2026-11-26');
    expect(dayStart('2026-11-26').toISOString()).toBe('2026-11-25T16:00:00.000Z');
  });
  it('adds days across month and year ends', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
  });
});

describe('parseRange', () => {
  it('defaults to 30 days ending today, both ends included', () => {
    const r = parseRange({}, '2026-11-26', opts);
    expect(r).toEqual({ from: '2026-10-28', to: '2026-11-26', days: 30 });
    expect(daysOf(r)).toHaveLength(30);
    expect(daysOf(r).at(-1)).toBe('2026-11-26');
  });
  it('takes one day', () => {
    expect(parseRange({ from: '2026-11-01', to: '2026-11-01' }, '2026-11-26', opts).days).toBe(1);
  });
  it('refuses a reversed range on from, a huge one on to, and days that do not exist', () => {
    expect(fieldOf(() => parseRange({ from: '2026-11-10', to: '2026-11-01' }, '2026-11-26', opts))).toBe('from');
    expect(fieldOf(() => parseRange({ from: '2020-01-01', to: '2026-11-01' }, '2026-11-26', opts))).toBe('to');
    expect(fieldOf(() => parseRange({ from: '2026-02-30' }, '2026-11-26', opts))).toBe('from');
    expect(fieldOf(() => parseRange({ to: '2026-13-01' }, '2026-11-26', opts))).toBe('to');
  });
});
