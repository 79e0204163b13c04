// The market's copy of catalog's facts about goods with a live plan. Catalog stays the owner: the
// copy is written from its service (ProductCards.searchFacts) when a plan is created, and kept
// current by catalog's events (product edits and archiving, stock movements that change units
// sold, store suspension), so the market filters and sorts on its own indexes.
import type { Queryable } from '../../platform/db/index.ts';
import type { EventBus } from '../../platform/events/bus.ts';
import type { ProductSearchFacts } from '../catalog/cards.ts';
import type { AllianceDeps } from './store.ts';

export class Offers {
  constructor(private readonly deps: Pick<AllianceDeps, 'facts' | 'productsOfSkus'>) {}

  /** Writes the facts read for `productIds`; a product catalog did not return is off sale. */
  async write(q: Queryable, productIds: string[], facts: ProductSearchFacts[]): Promise<void> {
    const byId = new Map(facts.map((f) => [f.id, f]));
    for (const id of productIds) {
      const f = byId.get(id);
      if (f) {
        await q.query(
          `INSERT INTO alliance_offers (product_id, store_id, category_id, title, min_price_fen, sold, on_sale, refreshed_at) VALUES ($1, $2, $3, $4, $5, $6, true, now())
           ON CONFLICT (product_id) DO UPDATE SET store_id = EXCLUDED.store_id, category_id = EXCLUDED.category_id, title = EXCLUDED.title,
             min_price_fen = EXCLUDED.min_price_fen, sold = EXCLUDED.sold, on_sale = true, refreshed_at = now()`,
          [f.id, f.storeId, f.categoryId, f.title, f.minPriceFen, f.sold],
        );
      } else {
        await q.query('UPDATE alliance_offers SET on_sale = false, refreshed_at = now() WHERE product_id = $1', [id]);
      }
    }
  }

  /** Drops the copy once the product has no live plan (the market lists only goods with one). */
  async dropIfUnplanned(q: Queryable, productId: string): Promise<void> {
    await q.query(`DELETE FROM alliance_offers WHERE product_id = $1 AND NOT EXISTS (SELECT 1 FROM alliance_plans WHERE product_id = $1 AND status = 'active')`, [productId]);
  }

  /** Re-reads the copied products among these (others are not in the alliance: nothing to do). */
  private async refresh(q: Queryable, productIds: string[]): Promise<void> {
    if (productIds.length === 0) return;
    const held = (await q.query<{ product_id: string }>('SELECT product_id FROM alliance_offers WHERE product_id = ANY($1::text[])', [productIds])).map((r) => r.product_id);
    if (held.length) await this.write(q, held, await this.deps.facts(held, q));
  }

  subscribe(bus: EventBus): void {
    bus.subscribe<{ productId?: string; productIds?: string[] }>('alliance.offers', ['catalog.product.updated', 'catalog.product.archived'], async (e, tx) => {
      await this.refresh(tx, e.payload.productIds ?? (e.payload.productId ? [e.payload.productId] : []));
    });
    // Reservations and releases move units sold; a busy SKU sends many, each a one-row check.
    bus.subscribe<{ skuId: string; reason: string }>('alliance.offers_sold', 'catalog.sku.stock_changed', async (e, tx) => {
      if (e.payload.reason !== 'reserve' && e.payload.reason !== 'release') return;
      await this.refresh(tx, await this.deps.productsOfSkus([e.payload.skuId], tx));
    });
    bus.subscribe<{ storeId: string }>('alliance.offers_store', 'catalog.store.updated', async (e, tx) => {
      const ids = (await tx.query<{ product_id: string }>('SELECT product_id FROM alliance_offers WHERE store_id = $1 LIMIT 10000', [e.payload.storeId])).map((r) => r.product_id);
      await this.refresh(tx, ids);
    });
  }
}
