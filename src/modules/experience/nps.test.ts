// NPS arithmetic, checked against figures worked out by hand.
import { describe, expect, it } from 'vitest';
import { bandOf, dateOf, dayOf, figure, isoWeek, npsOf, rank, tally, trend, weekStart } from './nps.ts';

const day = (iso: string) => dayOf(new Date(iso));

describe('bands and NPS', () => {
  it('9–10 promote, 7–8 are passive, 0–6 detract; anything else is not a score', () => {
    expect([0, 6, 7, 8, 9, 10].map(bandOf)).toEqual(['detractor', 'detractor', 'passive', 'passive', 'promoter', 'promoter']);
    for (const bad of [-1, 11, 2.5, Number.NaN]) expect(() => bandOf(bad)).toThrow(RangeError);
  });

  it('is % promoters − % detractors, rounded to a whole number', () => {
    // 3 promoters (10, 9, 10), 2 passives (8, 7), 2 detractors (6, 0) of 7: (3 − 2) / 7 = 14.29% → 14.
    expect(figure(tally([10, 9, 8, 7, 6, 0, 10]))).toEqual({ promoters: 3, passives: 2, detractors: 2, responses: 7, nps: 14 });
    // 1 promoter, 3 detractors of 4: (1 − 3) / 4 = −50.
    expect(npsOf(tally([9, 2, 5, 6]))).toBe(-50);
    // 2 promoters, 1 passive of 3: 66.67 → 67.
    expect(npsOf(tally([10, 10, 7]))).toBe(67);
    expect(npsOf(tally([9, 10]))).toBe(100);
    expect(npsOf(tally([0, 6, 3]))).toBe(-100);
    expect(npsOf(tally([7, 8]))).toBe(0);
    expect(npsOf(tally([9, 0]))).toBe(0);
  });

  it('rounds halves away from zero, alike on both sides, and never shows −0', () => {
    // 1 promoter and 7 passives: 12.5 → 13; 1 detractor and 7 passives: −12.5 → −13.
    expect(npsOf({ promoters: 1, passives: 7, detractors: 0 })).toBe(13);
    expect(npsOf({ promoters: 0, passives: 7, detractors: 1 })).toBe(-13);
    expect(Object.is(npsOf({ promoters: 1, passives: 0, detractors: 1 }), 0)).toBe(true);
  });

  it('is null, not 0, when nobody answered', () => {
    expect(npsOf(tally([]))).toBeNull();
    expect(figure(tally([]))).toEqual({ promoters: 0, passives: 0, detractors: 0, responses: 0, nps: null });
  });
});

describe('days and weeks (China Standard Time)', () => {
  it('a day runs from 00:00 to 24:00 in UTC+8', () => {
    expect(dateOf(day('2025-03-09T15:59:59Z'))).toBe('2025-03-09');
    expect(dateOf(day('2025-03-09T16:00:00Z'))).toBe('2025-03-10'); // midnight in Beijing
  });

  it('weeks start on Monday and carry their ISO label', () => {
    expect(dateOf(weekStart(day('2025-03-12T04:00:00Z')))).toBe('2025-03-10'); // a Wednesday
    expect(dateOf(weekStart(day('2025-03-16T15:00:00Z')))).toBe('2025-03-10'); // Sunday 23:00 in Beijing
    expect(dateOf(weekStart(day('2025-03-16T16:00:00Z')))).toBe('2025-03-17'); // Monday 00:00 in Beijing
    expect(isoWeek(weekStart(day('2025-03-12T04:00:00Z')))).toBe('2025-W11');
    expect(isoWeek(weekStart(day('2024-12-31T04:00:00Z')))).toBe('2025-W01'); // the week of 2025's first Thursday
    expect(isoWeek(weekStart(day('2021-01-03T04:00:00Z')))).toBe('2020-W53');
  });
});

describe('trend', () => {
  const from = new Date('2025-02-28T16:00:00Z'); // 2025-03-01 00:00 in Beijing
  const to = new Date('2025-03-03T16:00:00Z'); // 2025-03-04 00:00, exclusive
  const days = [
    { day: day('2025-03-01T02:00:00Z'), ...tally([10, 9, 3]) }, // 2 − 1 of 3 → 33
    { day: day('2025-03-03T02:00:00Z'), ...tally([5]) }, // −100
  ];

  it('by day: every day of the window, the empty ones null', () => {
    const t = trend(days, from, to, 'day');
    expect(t.map((p) => [p.start, p.responses, p.nps])).toEqual([
      ['2025-03-01', 3, 33],
      ['2025-03-02', 0, null],
      ['2025-03-03', 1, -100],
    ]);
  });

  it('by ISO week: the days fold into their week (the sums, not an average of days)', () => {
    // 2025-03-01 (Sat) and 03-02 (Sun) are in W09, 03-03 (Mon) starts W10.
    const t = trend([...days, { day: day('2025-03-02T02:00:00Z'), ...tally([9]) }], from, to, 'week');
    expect(t.map((p) => [p.label, p.start, p.responses, p.nps])).toEqual([
      ['2025-W09', '2025-02-24', 4, 50], // 10, 9, 9 promote and 3 detracts: (3 − 1) / 4
      ['2025-W10', '2025-03-03', 1, -100],
    ]);
  });
});

describe('rankings', () => {
  const row = (key: string, scores: number[]) => ({ key, ...figure(tally(scores)) });

  it('best and worst among those with enough answers; ties to the one with more answers', () => {
    const rows = [row('a', [10, 10]), row('b', [0, 0, 10]), row('c', [9]), row('d', [10, 10, 10]), row('e', [])];
    const { top, bottom } = rank(rows, 2, 2);
    expect(top.map((r) => r.key)).toEqual(['d', 'a']); // both 100; d has more answers; c has too few
    expect(bottom.map((r) => r.key)).toEqual(['b', 'd']);
  });
});
