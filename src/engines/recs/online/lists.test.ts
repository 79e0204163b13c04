// The incremental candidate lists against brute force: after any mix of new items, signals and
// removals, the popularity lists and the exploration order are what a full scan would give.
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../rng.ts';
import { OnlineEngine, type ItemState } from './engine.ts';
import { HEAT_HALF_LIFE_MS } from './popular.ts';
import { DEFAULT_SETTINGS, type SignalType } from './types.ts';

const T0 = Date.UTC(2026, 10, 25);
const TYPES: SignalType[] = ['impression', 'impression', 'like', 'finish', 'share', 'play', 'not_interested'];

function churn(seed: number, steps: number, at = (s: number) => T0 + s * 1000) {
  const rand = mulberry32(seed);
  const e = new OnlineEngine({ ...DEFAULT_SETTINGS, pools: { ...DEFAULT_SETTINGS.pools, sizes: [5, 20, 80] } }, { labelWindowMs: 60_000, refreshMs: 0, freezeMs: 10_000 });
  let next = 0;
  for (let s = 0; s < steps; s++) {
    const r = rand();
    if (r < 0.15) e.upsertItem({ id: `v${next++}`, kind: 'video', authorId: `a${next % 7}`, storeId: null, categoryId: `c${Math.floor(rand() * 4)}`, publishedAt: at(s) - Math.floor(rand() * 5) * 3600_000 });
    else if (r < 0.18 && next) e.removeItem(`v${Math.floor(rand() * next)}`);
    else if (next) e.ingest({ viewer: `u${Math.floor(rand() * 30)}`, type: TYPES[Math.floor(rand() * TYPES.length)]!, itemId: `v${Math.floor(rand() * next)}`, at: at(s) });
    if (s % 50 === 0) e.tick(at(s));
  }
  e.tick(at(steps));
  return e;
}

const hotter = (a: ItemState, b: ItemState) => b.heat - a.heat || a.ix - b.ix;

describe('incremental popularity lists', () => {
  it('equal a full scan after new items, signals and removals', () => {
    for (const seed of [1, 2, 3]) {
      const e = churn(seed, 3000);
      const alive = [...e.items.values()].sort(hotter);
      expect(e.lists.popular.map((s) => s.item.id)).toEqual(alive.slice(0, 300).map((s) => s.item.id));
      for (const c of e.categories.ids) {
        const ix = e.categories.get(c)!;
        expect(e.lists.category(ix).slice(0, 60).map((s) => s.item.id)).toEqual(alive.filter((s) => s.cat === ix).slice(0, 60).map((s) => s.item.id));
      }
      // Only the first refresh scanned everything (plus any refill after removals).
      expect(e.lists.scans).toBeLessThan(5);
    }
  });

  it('keep the order across a rebase of the heat clock', () => {
    const e = churn(4, 2000, (s) => T0 + s * HEAT_HALF_LIFE_MS);
    const alive = [...e.items.values()].sort(hotter);
    expect(alive[0]!.heat).toBeLessThan(2 ** 601);
    expect(e.lists.popular.map((s) => s.item.id)).toEqual(alive.slice(0, 300).map((s) => s.item.id));
  });
});

/** The exploration order by a full scan: testing items with pool left, by level, then least used, then newest. */
function scanOrder(e: OnlineEngine): string[] {
  const used = (s: ItemState) => (s.counts.impressions - s.pool.levelStart) / e.pools.sizeAt(s.pool.level);
  return [...e.items.values()]
    .filter((s) => s.pool.status === 'testing' && used(s) < 1)
    .sort((a, b) => a.pool.level - b.pool.level || used(a) - used(b) || b.item.publishedAt - a.item.publishedAt || a.ix - b.ix)
    .map((s) => s.item.id);
}

function visitAll(e: OnlineEngine): string[] {
  const visited: string[] = [];
  e.explore.visit((s) => { visited.push(s.item.id); return true; });
  return visited;
}

describe('exploration queue', () => {
  it('visits testing items by pool level, then least used, then newest', () => {
    const e = churn(5, 3000);
    const expected = scanOrder(e);
    expect(expected.length).toBeGreaterThan(20);
    expect(visitAll(e)).toEqual(expected);
    expect(e.explore.length).toBe(expected.length);
  });

  it('follows new pool sizes: reordered, and what used up a smaller pool leaves', () => {
    const e = churn(7, 3000);
    const before = e.explore.length;
    e.configure({ ...DEFAULT_SETTINGS, pools: { ...DEFAULT_SETTINGS.pools, sizes: [2, 40, 80] } });
    const expected = scanOrder(e);
    expect(expected.length).toBeLessThan(before);
    expect(visitAll(e)).toEqual(expected);
    expect(e.explore.length).toBe(expected.length);
    // And it stays right as signals keep coming.
    for (let s = 0; s < 500; s++) e.ingest({ viewer: `u${s % 30}`, type: 'impression', itemId: `v${(s * 37) % e.itemIds.ids.length}`, at: T0 + 4_000_000 + s });
    expect(visitAll(e)).toEqual(scanOrder(e));
  });

  it('stops where the visitor says', () => {
    const e = churn(6, 500);
    let n = 0;
    e.explore.visit(() => ++n < 3);
    expect(n).toBe(3);
  });
});
