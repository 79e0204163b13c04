// 热卖榜 (best sellers): the goods on sale that sold the most units in the last few days, over all
// categories or within one (a root category means its leaves too). Units sold are catalog's own
// measure, as in ProductCards.searchFacts: units reserved minus units released in the stock
// ledger, so no other module's tables are read. Flash-sale units leave stock when the sale is
// created (reason flash_sale), not per buyer, so they are not counted here.
import type { Db, Queryable } from '../../platform/db/index.ts';
import { notFound } from '../../platform/errors.ts';
import type { ProductCard, ProductCards } from './cards.ts';
import type { Category, CategoryService } from './categories.ts';

/** A category as a list names it: without its children. */
export interface CategoryRef {
  id: string;
  parentId: string | null;
  nameZh: string;
  nameEn: string;
}

export interface BestSeller {
  /** 1-based place in the list. */
  rank: number;
  product: ProductCard;
  /** Units sold in the window (`windowDays`; 7 unless configured otherwise). */
  unitsSold7d: number;
  /** The product's own (leaf) category. */
  category: CategoryRef;
}

export interface BestSellerList {
  /** The category asked for; null for the list over every category. */
  category: CategoryRef | null;
  windowDays: number;
  /** When this list was computed (lists are cached for `ttlMs`). */
  updatedAt: string;
  items: BestSeller[];
}

/** A ranked row, before cards are attached. */
export interface RankedRow {
  productId: string;
  categoryId: string;
  unitsWindow: number;
  unitsAllTime: number;
}

export interface BestSellerOptions {
  /** The sales window. */
  windowDays: number;
  /** How long a computed list is served from memory. */
  ttlMs: number;
  /** Longest list kept per category; requests take a prefix of it. */
  maxItems: number;
  /** The cache's clock (tests pass their own to expire lists without waiting). */
  now: () => number;
}

export const BESTSELLER_DEFAULTS: BestSellerOptions = { windowDays: 7, ttlMs: 60_000, maxItems: 100, now: () => Date.now() };

/**
 * Goods on sale (active product in an active store) ranked by units sold in the last `windowDays`,
 * ties by all-time units, then newest first (then id, so the order is total). Goods with no unit
 * sold in the window are not ranked. A release inside the window of units reserved before it
 * lowers the window's count: the ledger does not link the two, and for a list of the week's best
 * sellers that error is small and errs low.
 */
export async function rankBestSellers(q: Queryable, f: { windowDays: number; categoryIds: string[] | null; limit: number }): Promise<RankedRow[]> {
  // The window's movements come from the partial index on their time (migration 0003). The
  // all-time figure breaks ties only, so it is summed (per SKU, through stock_movements_sku) just
  // for the goods that can make the list: those selling at least as many as the limit-th one.
  const rows = await q.query<{ id: string; category_id: string; units: number; units_all: number }>(
    `WITH recent AS (
       SELECT m.sku_id, -sum(m.delta) AS units FROM stock_movements m
        WHERE m.reason IN ('reserve', 'release') AND m.created_at >= now() - $1::int * interval '1 day'
        GROUP BY m.sku_id
     ), on_sale AS (
       SELECT p.id, p.category_id, p.created_at, sum(r.units)::int AS units
         FROM recent r JOIN skus k ON k.id = r.sku_id JOIN products p ON p.id = k.product_id JOIN stores s ON s.id = p.store_id
        WHERE p.status = 'active' AND s.status = 'active' AND ($2::text[] IS NULL OR p.category_id = ANY($2::text[]))
        GROUP BY p.id HAVING sum(r.units) > 0
     ), cutoff AS (
       SELECT units FROM on_sale ORDER BY units DESC OFFSET $3::int - 1 LIMIT 1
     )
     SELECT o.id, o.category_id, o.units,
            COALESCE((SELECT -sum(m.delta) FROM skus k JOIN stock_movements m ON m.sku_id = k.id WHERE k.product_id = o.id AND m.reason IN ('reserve', 'release')), 0)::int AS units_all
       FROM on_sale o
      WHERE o.units >= COALESCE((SELECT units FROM cutoff), 0)
      ORDER BY o.units DESC, units_all DESC, o.created_at DESC, o.id
      LIMIT $3`,
    [f.windowDays, f.categoryIds, f.limit],
  );
  return rows.map((r) => ({ productId: r.id, categoryId: r.category_id, unitsWindow: r.units, unitsAllTime: r.units_all }));
}

const ref = (c: Category): CategoryRef => ({ id: c.id, parentId: c.parentId, nameZh: c.nameZh, nameEn: c.nameEn });

export class BestSellers {
  private readonly opts: BestSellerOptions;
  /**
   * Lists by category id ('*' for all). A 热卖榜 may be a minute stale — the ranking of a week's
   * sales barely moves in a minute — and the mall home shows several lists on every visit, so each
   * is computed at most once per `ttlMs` instead of on every request. The promise itself is kept,
   * so concurrent misses share one query. Keys are only known categories, so the map stays small.
   */
  private readonly cache = new Map<string, { at: number; list: Promise<BestSellerList> }>();

  constructor(
    private readonly db: Db,
    private readonly cards: ProductCards,
    private readonly categories: CategoryService,
    opts: Partial<BestSellerOptions> = {},
  ) {
    this.opts = { ...BESTSELLER_DEFAULTS, ...opts };
  }

  get maxItems(): number {
    return this.opts.maxItems;
  }

  /** The first `limit` best sellers of a category (with its leaves) or of all; unknown category → 404. */
  async list(categoryId: string | null, limit: number): Promise<BestSellerList> {
    const tree = await this.categories.tree();
    const category = categoryId === null ? null : tree.flatMap((c) => [c, ...c.children]).find((c) => c.id === categoryId);
    if (category === undefined) throw notFound('Category', 'categoryId');
    const key = category?.id ?? '*';
    const now = this.opts.now();
    let hit = this.cache.get(key);
    if (!hit || now - hit.at >= this.opts.ttlMs) {
      const entry = { at: now, list: this.compute(category, tree) };
      this.cache.set(key, entry);
      // A failed computation is not cached: the next request tries again.
      entry.list.catch(() => this.cache.get(key) === entry && this.cache.delete(key));
      hit = entry;
    }
    const full = await hit.list;
    return { ...full, items: full.items.slice(0, limit) };
  }

  /** Forgets every cached list (tests; an operator's correction that must show at once). */
  clear(): void {
    this.cache.clear();
  }

  private async compute(category: Category | null, tree: Category[]): Promise<BestSellerList> {
    const categoryIds = category ? [category.id, ...category.children.map((c) => c.id)] : null;
    const ranked = await rankBestSellers(this.db, { windowDays: this.opts.windowDays, categoryIds, limit: this.opts.maxItems });
    const cards = new Map((await this.cards.get(ranked.map((r) => r.productId))).map((c) => [c.id, c]));
    const byId = new Map(tree.flatMap((c) => [c, ...c.children]).map((c) => [c.id, c]));
    const items: BestSeller[] = [];
    for (const r of ranked) {
      const product = cards.get(r.productId);
      const cat = byId.get(r.categoryId);
      // Taken off sale between the two reads, or in a category added since the tree was cached.
      if (!product?.available || !cat) continue;
      items.push({ rank: items.length + 1, product, unitsSold7d: r.unitsWindow, category: ref(cat) });
    }
    return { category: category ? ref(category) : null, windowDays: this.opts.windowDays, updatedAt: new Date(this.opts.now()).toISOString(), items };
  }
}
