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
