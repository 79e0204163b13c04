import type { Static } from '@sinclair/typebox';
// The shopper's cart across stores. It holds SKUs and quantities only: prices and stock are read
// fresh whenever the cart is shown and again at checkout.
import type { Db, Queryable } from '../../platform/db/index.ts';
import { AppError, invalid } from '../../platform/errors.ts';
import { imageUrl } from '../media/service.ts';
import type { ProductService } from '../catalog/products.ts';
import type { SourceType } from './checkout.ts';
import type { LineSource } from './events.ts';
import type { CartSchema } from './schemas.ts';

export type Cart = Static<typeof CartSchema>;
export type CartLine = Cart['stores'][number]['lines'][number];

export class CartService {
  constructor(
    private readonly db: Db,
    private readonly products: ProductService,
    private readonly maxLines: number,
  ) {}

  async get(userId: string): Promise<Cart> {
    const rows = await this.db.query<{ sku_id: string; quantity: number }>('SELECT sku_id, quantity FROM cart_items WHERE user_id = $1 ORDER BY added_at, sku_id', [userId]);
    const view = await this.products.checkoutView(this.db, rows.map((r) => r.sku_id));
    const byStore = new Map<string, CartLine[]>();
    for (const r of rows) {
      const v = view.get(r.sku_id);
      if (!v) continue; // a SKU that no longer exists simply drops out
      const available = v.onSale && v.stock >= r.quantity;
      const line: CartLine = {
        skuId: v.skuId,
        productId: v.productId,
        storeId: v.storeId,
        title: v.title,
        optionValues: v.optionValues,
        imageUrl: v.imageId ? imageUrl(v.imageId, 'w240') : null,
        unitPriceFen: v.priceFen,
        quantity: r.quantity,
        stock: v.stock,
        available,
        lineFen: v.priceFen * r.quantity,
      };
      byStore.set(v.storeId, [...(byStore.get(v.storeId) ?? []), line]);
    }
    const stores = [...byStore].map(([storeId, lines]) => ({ storeId, lines, subtotalFen: lines.filter((l) => l.available).reduce((a, l) => a + l.lineFen, 0) }));
    return { stores, totalFen: stores.reduce((a, s) => a + s.subtotalFen, 0), count: rows.length };
  }

  async set(userId: string, skuId: string, quantity: number, source?: { type: string; id?: string }): Promise<Cart> {
    const view = (await this.products.checkoutView(this.db, [skuId])).get(skuId);
    if (!view) throw new AppError('not_found', 'SKU not found', 'skuId');
    if (!view.onSale) throw new AppError('invalid_state', 'This SKU is not on sale', 'skuId');
    await this.db.tx(async (tx) => {
      const [{ n } = { n: 0 }] = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM cart_items WHERE user_id = $1 AND sku_id <> $2', [userId, skuId]);
      if (n >= this.maxLines) throw invalid('skuId', `A cart holds at most ${this.maxLines} different SKUs`);
      await tx.query(
        `INSERT INTO cart_items (user_id, sku_id, quantity, source_type, source_id, source_at) VALUES ($1, $2, $3, $4, $5, CASE WHEN $4::text IS NULL THEN NULL ELSE now() END)
         ON CONFLICT (user_id, sku_id) DO UPDATE SET quantity = EXCLUDED.quantity, updated_at = now(),
           source_type = COALESCE(EXCLUDED.source_type, cart_items.source_type),
           source_id = CASE WHEN EXCLUDED.source_type IS NULL THEN cart_items.source_id ELSE EXCLUDED.source_id END,
           source_at = COALESCE(EXCLUDED.source_at, cart_items.source_at)`,
        [userId, skuId, quantity, source?.type ?? null, source?.id ?? null],
      );
    });
    return this.get(userId);
  }

  async remove(userId: string, skuId: string): Promise<Cart> {
    const gone = await this.db.query('DELETE FROM cart_items WHERE user_id = $1 AND sku_id = $2 RETURNING sku_id', [userId, skuId]);
    if (gone.length === 0) throw new AppError('not_found', 'This SKU is not in your cart', 'skuId');
    return this.get(userId);
  }

  async items(userId: string): Promise<Array<{ skuId: string; quantity: number }>> {
    const rows = await this.db.query<{ sku_id: string; quantity: number }>('SELECT sku_id, quantity FROM cart_items WHERE user_id = $1', [userId]);
    return rows.map((r) => ({ skuId: r.sku_id, quantity: r.quantity }));
  }

  /** Where each cart row's goods were last found (the source given when it was last added), by SKU. */
  async touches(q: Queryable, userId: string): Promise<Map<string, { source: LineSource; at: Date }>> {
    const rows = await q.query<{ sku_id: string; source_type: SourceType; source_id: string | null; source_at: Date | null; added_at: Date }>(
      'SELECT sku_id, source_type, source_id, source_at, added_at FROM cart_items WHERE user_id = $1 AND source_type IS NOT NULL',
      [userId],
    );
    return new Map(rows.map((r) => [r.sku_id, { source: r.source_id ? { type: r.source_type, id: r.source_id } : { type: r.source_type }, at: new Date(r.source_at ?? r.added_at) }]));
  }
}
