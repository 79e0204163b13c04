// A viewer's strongest categories, picked in one pass, against a full sort (stable: equal
// weights keep the order the categories were first met).
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../rng.ts';
import { ViewerState } from './viewer.ts';

const bySort = (v: ViewerState, n: number) => [...v.categories.entries()].sort((a, b) => b[1] - a[1]).slice(0, n).map(([c]) => c);

describe('ViewerState.topCategories', () => {
  it('gives what sorting every category gives, ties included', () => {
    const rand = mulberry32(11);
    for (let trial = 0; trial < 200; trial++) {
      const v = new ViewerState();
      const steps = Math.floor(rand() * 40);
      // Whole weights from a small range, so ties are common.
      for (let s = 0; s < steps; s++) v.addPositive(s, 1 + Math.floor(rand() * 3), Math.floor(rand() * 12));
      for (const n of [0, 1, 3, 5, 20]) expect(v.topCategories(n)).toEqual(bySort(v, n));
    }
  });

  it('has nothing to give a viewer without categories', () => {
    expect(new ViewerState().topCategories(3)).toEqual([]);
  });
});

describe('ViewerState.markSeen', () => {
  const T = Date.UTC(2026, 10, 27);
  it('keeps the most recently seen and forgets the oldest, an item marked again in a row included', () => {
    const v = new ViewerState();
    for (let i = 0; i < 3000; i++) v.markSeen(i, T);
    v.markSeen(0, T + 1000); // moves to the newest place
    v.markSeen(7, T + 2000);
    v.markSeen(7, T + 60_000); // again in a row: still the newest, with the later time
    v.markSeen(3000, T + 61_000); // one too many: the oldest (1) goes
    expect(v.wasSeen(1, T + 61_000, 3600_000)).toBe(false);
    expect(v.wasSeen(0, T + 61_000, 3600_000)).toBe(true);
    expect(v.wasSeen(2, T + 61_000, 3600_000)).toBe(true);
    // Seen within the last 10 s only if the later time was kept.
    expect(v.wasSeen(7, T + 65_000, 10_000)).toBe(true);
    expect(v.wasSeen(0, T + 65_000, 10_000)).toBe(false);
    v.markSeen(3001, T + 62_000);
    expect(v.wasSeen(2, T + 62_000, 3600_000)).toBe(false);
    expect(v.wasSeen(7, T + 62_000, 3600_000)).toBe(true);
  });
});
