import { describe, expect, it } from 'vitest';
import { productDoc } from '../search/sources.ts';
import { scoreFactor, storeFactor, StoreReach } from './reach.ts';

describe('scoreFactor', () => {
  it('maps the experience score to a reach multiplier', () => {
    expect(scoreFactor(95)).toBe(1.15);
    expect(scoreFactor(90)).toBe(1.15);
    expect(scoreFactor(85)).toBe(1.05);
    expect(scoreFactor(75)).toBe(1);
    expect(scoreFactor(70)).toBe(1);
    expect(scoreFactor(65)).toBe(0.85);
    expect(scoreFactor(59.9)).toBe(0.6);
    expect(scoreFactor(null)).toBe(1);
    expect(scoreFactor(undefined)).toBe(1);
    expect(scoreFactor(Number.NaN)).toBe(1);
  });
});

describe('storeFactor', () => {
  it('multiplies the score factor by a penalty in effect, clamped to 0..1', () => {
    expect(storeFactor(95, { factor: 0.5, until: null }, 0)).toBeCloseTo(0.575);
    expect(storeFactor(null, { factor: 0.5, until: 1000 }, 999)).toBe(0.5);
    expect(storeFactor(null, { factor: 0.5, until: 1000 }, 1000)).toBe(1);
    expect(storeFactor(null, { factor: 3, until: null }, 0)).toBe(1);
    expect(storeFactor(null, { factor: -1, until: null }, 0)).toBe(0);
    expect(storeFactor(50, undefined, 0)).toBe(0.6);
  });
});

describe('StoreReach', () => {
  it('loads factors and pushes them into both engines; lapsed penalties lift', async () => {
    const set: Record<string, number> = {};
    const eng = { setExperience: (k: string, f: number) => void (set[k] = f) };
    let now = 0;
    const reach = new StoreReach({ content: eng, goods: eng }, { penalties: async () => [{ storeId: 'sto_a', factor: 0.4, until: new Date(1000) }], scores: async () => [{ storeId: 'sto_b', score: 85 }] }, undefined, () => now);
    await reach.load();
    reach.stop();
    expect(set).toEqual({ sto_a: 0.4, sto_b: 1.05 });
    expect(reach.factor('sto_c')).toBe(1);
    now = 1000;
    expect(reach.factor('sto_a')).toBe(1);
  });

  it('a penalty lapsing by time is lifted in both engines and search is told', async () => {
    const set: Record<string, number> = {};
    const eng = { setExperience: (k: string, f: number) => void (set[k] = f) };
    const told: string[] = [];
    let now = 0;
    const reach = new StoreReach({ content: eng, goods: eng }, { penalties: async () => [{ storeId: 'sto_a', factor: 0.5, until: new Date(1000) }, { storeId: 'sto_b', factor: 0.3, until: null }], scores: async () => [] }, undefined, () => now, async (id) => void told.push(id));
    await reach.load();
    reach.stop();
    expect(await reach.sweep()).toEqual([]);
    now = 1000;
    expect(await reach.sweep()).toEqual(['sto_a']);
    expect(set).toEqual({ sto_a: 1, sto_b: 0.3 });
    expect(told).toEqual(['sto_a']);
    expect(await reach.sweep()).toEqual([]);
  });
});

describe('search', () => {
  it('multiplies a product document’s quality by its store’s factor', () => {
    const p = { id: 'prd_1', title: 't', attributes: [], description: '', categoryId: 'cat_1', storeId: 'sto_a', flagship: false, minPriceFen: 100, totalStock: 1, sold: 9, createdAt: 0 };
    const base = productDoc(p as never).quality!;
    expect(productDoc(p as never, 0.5).quality).toBeCloseTo(base * 0.5);
  });
});
