// Product cards: the short form of goods that content (videos, live rooms) carries. One query for
// any number of products, in the order asked; products that do not exist are left out.
import type { Static } from '@sinclair/typebox';
import type { Db, Queryable } from '../../platform/db/index.ts';
import { imageUrl } from '../media/service.ts';
import type { ProductCardSchema } from './schemas.ts';

export type ProductCard = Static<typeof ProductCardSchema>;

/** What search needs of a product on sale (see ProductCards.searchFacts). */
export interface ProductSearchFacts {
  id: string;
  storeId: string;
  categoryId: string;
  title: string;
  description: string;
  /** "name value" per attribute (产地 内蒙古). */
  attributes: string[];
  minPriceFen: number;
  totalStock: number;
  flagship: boolean;
  sold: number;
  createdAt: number;
}

interface CardRow {
  id: string;
  store_id: string;
  title: string;
  image_ids: string[];
  min_price_fen: number;
  max_price_fen: number;
  total_stock: number;
  available: boolean;
}

export class ProductCards {
  constructor(private readonly db: Db) {}

  async get(ids: string[], q: Queryable = this.db): Promise<ProductCard[]> {
    if (ids.length === 0) return [];
    const rows = await q.query<CardRow>(
      `SELECT p.id, p.store_id, p.title, p.image_ids, p.min_price_fen, p.max_price_fen,
              (p.status = 'active' AND s.status = 'active') AS available,
              COALESCE((SELECT sum(k.stock) FROM skus k WHERE k.product_id = p.id AND k.status = 'active'), 0)::int AS total_stock
         FROM products p JOIN stores s ON s.id = p.store_id WHERE p.id = ANY($1::text[])`,
      [ids],
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.flatMap((id) => {
      const r = byId.get(id);
      if (!r) return [];
      const img = r.image_ids[0];
      return [{ id: r.id, storeId: r.store_id, title: r.title, imageUrl: img ? imageUrl(img, 'w240') : null, minPriceFen: r.min_price_fen, maxPriceFen: r.max_price_fen, totalStock: r.total_stock, available: r.available }];
    });
  }

  /** The ids among these of goods on sale (active, in an active store): one query, no card built. */
  async onSale(ids: string[], q: Queryable = this.db): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await q.query<{ id: string }>(`SELECT p.id FROM products p JOIN stores s ON s.id = p.store_id WHERE p.id = ANY($1::text[]) AND p.status = 'active' AND s.status = 'active'`, [ids]);
    return new Set(rows.map((r) => r.id));
  }

  /**
   * Goods on sale for the distribution engine: store, category and listing time; by id after
   * `afterId` a page at a time, or these ids.
   */
  async feedFacts(f: { afterId: string | null; limit: number } | { ids: string[] }, q: Queryable = this.db): Promise<{ id: string; storeId: string; categoryId: string; createdAt: number }[]> {
    const byIds = 'ids' in f;
    if (byIds && f.ids.length === 0) return [];
    const rows = await q.query<{ id: string; store_id: string; category_id: string; created_at: Date }>(
      `SELECT p.id, p.store_id, p.category_id, p.created_at FROM products p JOIN stores s ON s.id = p.store_id
        WHERE p.status = 'active' AND s.status = 'active' AND ${byIds ? 'p.id = ANY($1::text[])' : '($1::text IS NULL OR p.id > $1) ORDER BY p.id LIMIT $2'}`,
      byIds ? [f.ids] : [f.afterId, f.limit],
    );
    return rows.map((r) => ({ id: r.id, storeId: r.store_id, categoryId: r.category_id, createdAt: r.created_at.getTime() }));
  }

  /**
   * Goods on sale with what search indexes and filters on (title, attributes, description,
   * lowest price, stock, store and its flagship badge, units sold); by id after `afterId` a page at
   * a time (optionally one store's), or these ids. Units sold are reserved minus released units in
   * the stock ledger: catalog's own measure of sales, with no read of commerce's tables.
   */
  async searchFacts(f: { afterId: string | null; limit: number; storeId?: string } | { ids: string[] }, q: Queryable = this.db): Promise<ProductSearchFacts[]> {
    const byIds = 'ids' in f;
    if (byIds && f.ids.length === 0) return [];
    const rows = await q.query<{ id: string; store_id: string; category_id: string; title: string; description: string; attributes: Array<{ name: string; value: string }>; min_price_fen: string | number; created_at: Date; flagship: boolean; total_stock: number; sold: number }>(
      `SELECT p.id, p.store_id, p.category_id, p.title, p.description, p.attributes, p.min_price_fen, p.created_at, s.flagship,
              COALESCE((SELECT sum(k.stock) FROM skus k WHERE k.product_id = p.id AND k.status = 'active'), 0)::int AS total_stock,
              COALESCE((SELECT -sum(m.delta) FROM skus k JOIN stock_movements m ON m.sku_id = k.id WHERE k.product_id = p.id AND m.reason IN ('reserve', 'release')), 0)::int AS sold
         FROM products p JOIN stores s ON s.id = p.store_id
        WHERE p.status = 'active' AND s.status = 'active' AND ${byIds ? 'p.id = ANY($1::text[])' : '($1::text IS NULL OR p.id > $1) AND ($3::text IS NULL OR p.store_id = $3) ORDER BY p.id LIMIT $2'}`,
      byIds ? [f.ids] : [f.afterId, f.limit, f.storeId ?? null],
    );
    return rows.map((r) => ({
      id: r.id, storeId: r.store_id, categoryId: r.category_id, title: r.title, description: r.description,
      attributes: r.attributes.map((a) => `${a.name} ${a.value}`), minPriceFen: Number(r.min_price_fen), totalStock: r.total_stock,
      flagship: r.flagship, sold: Math.max(0, r.sold), createdAt: r.created_at.getTime(),
    }));
  }

  /** Ids of a store's products whatever their status, a page at a time (search re-reads them when the store changes). */
  async idsOfStore(storeId: string, afterId: string | null, limit: number, q: Queryable = this.db): Promise<string[]> {
    const rows = await q.query<{ id: string }>('SELECT id FROM products WHERE store_id = $1 AND ($2::text IS NULL OR id > $2) ORDER BY id LIMIT $3', [storeId, afterId, limit]);
    return rows.map((r) => r.id);
  }

  /** The active SKUs of these products: SKU id → product id. */
  async skusOf(productIds: string[], q: Queryable = this.db): Promise<Map<string, string>> {
    if (productIds.length === 0) return new Map();
    const rows = await q.query<{ id: string; product_id: string }>(`SELECT id, product_id FROM skus WHERE product_id = ANY($1::text[]) AND status = 'active'`, [productIds]);
    return new Map(rows.map((r) => [r.id, r.product_id]));
  }
}
