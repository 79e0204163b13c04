import { describe, expect, it } from 'vitest';
import { seededRandom } from '../platform/random.ts';
import { planDemoOrders, type PlanGoods, type PlanShowcase } from './orders.ts';

/** Eight categories of 40 goods each from 4 stores, with 1–3 SKUs of varied stock (some too low to sell). */
function world(seed = 1): PlanGoods[][] {
  const rand = seededRandom(seed);
  return Array.from({ length: 8 }, (_, r) =>
    Array.from({ length: 40 }, (_, g) => ({
      productId: `prd_${r}_${String(g).padStart(2, '0')}`,
      storeId: `sto_${r}_${g % 4}`,
      skus: Array.from({ length: 1 + (g % 3) }, (_, k) => ({ id: `sku_${r}_${g}_${k}`, stock: rand() < 0.1 ? 3 : 10 + Math.floor(rand() * 60) })),
    })),
  );
}
const shopperIds = ['usr_a', 'usr_b', 'usr_c', 'usr_d'];
const plan = (orders = 90, seed = 7, roots = world()) => planDemoOrders({ shopperIds, roots, favouredStores: new Set(['sto_3_2']), orders, seed });
const ordersOf = (p: ReturnType<typeof plan>) => p.reduce((a, c) => a + c.lines.length, 0);
/** Three creators, each with 4–8 goods of the world (one creator's goods all sold out but one). */
function showcasesOf(roots: PlanGoods[][]): PlanShowcase[] {
  const all = roots.flat();
  return [
    { creatorId: 'usr_c1', goods: all.filter((_, i) => i % 53 === 0).slice(0, 6) },
    { creatorId: 'usr_c2', goods: all.filter((_, i) => i % 41 === 7).slice(0, 8) },
    { creatorId: 'usr_c3', goods: all.slice(100, 104).map((g, i) => (i === 0 ? g : { ...g, skus: g.skus.map((s) => ({ ...s, stock: 2 })) })) },
  ];
}
const withShowcases = (orders = 90, seed = 7, roots = world()) => planDemoOrders({ shopperIds, roots, favouredStores: new Set(['sto_3_2']), showcases: showcasesOf(roots), orders, seed });

describe('demo orders plan', () => {
  it('is deterministic for a seed, and another seed buys otherwise', () => {
    expect(plan()).toEqual(plan());
    expect(plan(90, 8)).not.toEqual(plan());
  });

  it('places about the asked number of orders, one per store of a checkout, by the given shoppers, with unique keys', () => {
    const p = plan();
    expect(ordersOf(p)).toBeGreaterThanOrEqual(90);
    expect(ordersOf(p)).toBeLessThanOrEqual(92);
    expect(p.length).toBeLessThan(ordersOf(p)); // some carts hold goods of two or three stores
    for (const c of p) {
      expect(new Set(c.lines.map((l) => l.storeId)).size).toBe(c.lines.length);
      expect(shopperIds).toContain(c.shopperId);
      if (c.lines.length > 1) expect(c.source).toEqual({ type: 'cart' });
    }
    expect(new Set(p.map((c) => c.key)).size).toBe(p.length);
    expect(new Set(p.map((c) => c.shopperId)).size).toBe(shopperIds.length);
  });

  it('sells in every category, most of it a few popular goods per category, the favoured store leading its own', () => {
    const roots = world();
    const p = plan(90, 7, roots);
    const units = new Map<string, number>();
    for (const l of p.flatMap((c) => c.lines)) units.set(l.productId, (units.get(l.productId) ?? 0) + l.quantity);
    for (const [r, goods] of roots.entries()) {
      const sold = goods.map((g) => units.get(g.productId) ?? 0).filter((n) => n > 0).sort((a, b) => b - a);
      expect(sold.length, `category ${r}`).toBeGreaterThan(0);
      // Skewed: the best seller of a category sells more than a fair share of it.
      if (sold.length > 2) expect(sold[0]!).toBeGreaterThan(sold.reduce((a, n) => a + n, 0) / sold.length);
    }
    // A dozen lines a category is a small sample: over many seeds, the favoured store mostly leads.
    const leads = Array.from({ length: 20 }, (_, seed) => {
      const byStore = new Map<string, number>();
      for (const l of plan(90, seed, roots).flatMap((c) => c.lines).filter((l) => l.storeId.startsWith('sto_3_'))) byStore.set(l.storeId, (byStore.get(l.storeId) ?? 0) + l.quantity);
      return Math.max(...byStore.values()) === byStore.get('sto_3_2');
    });
    expect(leads.filter(Boolean).length).toBeGreaterThanOrEqual(12);
  });

  it('never sells a SKU below the stock kept on the shelf, and buys 1–3 units a line', () => {
    const roots = world();
    const stock = new Map(roots.flat().flatMap((g) => g.skus.map((s) => [s.id, s.stock] as const)));
    const taken = new Map<string, number>();
    for (const l of plan(120, 3, roots).flatMap((c) => c.lines)) {
      expect(l.quantity).toBeGreaterThanOrEqual(1);
      expect(l.quantity).toBeLessThanOrEqual(3);
      taken.set(l.skuId, (taken.get(l.skuId) ?? 0) + l.quantity);
    }
    for (const [sku, n] of taken) expect(stock.get(sku)! - n).toBeGreaterThanOrEqual(9);
  });

  it("buys about one checkout in seven on a creator's showcase (single-store ones): one goods the showcase holds, with stock to spare", () => {
    expect(withShowcases()).toEqual(withShowcases());
    // No showcases plans as before showcases existed.
    expect(planDemoOrders({ shopperIds, roots: world(), favouredStores: new Set(['sto_3_2']), showcases: [], orders: 90, seed: 7 })).toEqual(plan());
    const roots = world();
    const held = new Map(showcasesOf(roots).map((s) => [s.creatorId, s.goods]));
    let checkouts = 0;
    let single = 0;
    let before = 0;
    let onShowcases = 0;
    const creators = new Set<string>();
    for (let seed = 0; seed < 20; seed++) {
      const p = withShowcases(90, seed, roots);
      expect(ordersOf(p)).toBeGreaterThanOrEqual(90);
      expect(ordersOf(p)).toBeLessThanOrEqual(92);
      checkouts += p.length;
      single += p.filter((c) => c.lines.length === 1).length;
      before += plan(90, seed, roots).length;
      for (const c of p.filter((x) => x.source.type === 'showcase')) {
        onShowcases++;
        const goods = held.get(c.source.id!)!;
        expect(c.lines).toHaveLength(1);
        const [l] = c.lines;
        const g = goods.find((x) => x.productId === l!.productId)!;
        expect(g, 'the showcase holds the goods').toBeDefined();
        expect(l!.storeId).toBe(g.storeId);
        expect(g.skus.map((s) => s.id)).toContain(l!.skuId);
        expect(shopperIds).toContain(c.shopperId);
        creators.add(c.source.id!);
      }
    }
    expect(onShowcases / checkouts).toBeGreaterThan(0.1);
    expect(onShowcases / checkouts).toBeLessThan(0.2);
    expect(onShowcases / single).toBeGreaterThan(0.25);
    expect(onShowcases / single).toBeLessThan(0.5);
    // Showcase checkouts take the place of other single-store ones: no more checkouts (payments) than without.
    expect(Math.abs(checkouts - before) / before).toBeLessThan(0.05);
    expect(creators).toEqual(new Set(['usr_c1', 'usr_c2', 'usr_c3']));

    // Showcase goods share the shelf with the categories' goods: no SKU goes below the stock kept.
    const stock = new Map(roots.flat().flatMap((g) => g.skus.map((s) => [s.id, s.stock] as const)));
    const taken = new Map<string, number>();
    for (const l of withShowcases(150, 3, roots).flatMap((c) => c.lines)) taken.set(l.skuId, (taken.get(l.skuId) ?? 0) + l.quantity);
    for (const [sku, n] of taken) expect(stock.get(sku)! - n).toBeGreaterThanOrEqual(9);
  });

  it('plans nothing without shoppers or goods in stock', () => {
    expect(planDemoOrders({ shopperIds: [], roots: world(), favouredStores: new Set(), orders: 90, seed: 1 })).toEqual([]);
    const empty = world().map((goods) => goods.map((g) => ({ ...g, skus: g.skus.map((s) => ({ ...s, stock: 0 })) })));
    expect(planDemoOrders({ shopperIds, roots: empty, favouredStores: new Set(), orders: 90, seed: 1 })).toEqual([]);
  });
});
