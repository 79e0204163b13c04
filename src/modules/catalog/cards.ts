// Product cards: the short form of goods that content (videos, live rooms) carries. One query for
// any number of products, in the order asked; products that do not exist are left out.
import type { Static } from '@sinclair/typebox';
import type { Db, Queryable } from '../../platform/db/index.ts';
import { imageUrl } from '../media/service.ts';
import type { ProductCardSchema } from './schemas.ts';

export type ProductCard = Static<typeof ProductCardSchema>;

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

  /** The active SKUs of these products: SKU id → product id. */
  async skusOf(productIds: string[], q: Queryable = this.db): Promise<Map<string, string>> {
    if (productIds.length === 0) return new Map();
    const rows = await q.query<{ id: string; product_id: string }>(`SELECT id, product_id FROM skus WHERE product_id = ANY($1::text[]) AND status = 'active'`, [productIds]);
    return new Map(rows.map((r) => [r.id, r.product_id]));
  }
}
