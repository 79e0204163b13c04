// Bulk import: many stores, categories and products in a few statements (COPY for goods), for
// the demo world, benchmarks and merchant catalogue imports. One event per batch, not per row.
import type { Tx } from '../../platform/db/index.ts';
import type { EventBus } from '../../platform/events/bus.ts';
import type { Attribute, OptionDef } from './model.ts';

export interface ImportCategory {
  id: string;
  parentId: string | null;
  nameZh: string;
  nameEn: string;
  sort: number;
}
export interface ImportStore {
  id: string;
  name: string;
  slug: string;
  description: string;
  flagship: boolean;
  rural: boolean;
  logoImageId: string | null;
  ownerId: string;
}
export interface ImportProduct {
  id: string;
  storeId: string;
  categoryId: string;
  title: string;
  description: string;
  attributes: Attribute[];
  options: OptionDef[];
  imageIds: string[];
  noReasonReturn: boolean;
  skus: Array<{ id: string; code: string; optionValues: Record<string, string>; priceFen: number; listPriceFen: number | null; stock: number }>;
}

export class CatalogImport {
  constructor(private readonly bus: EventBus) {}

  async categories(tx: Tx, rows: ImportCategory[]): Promise<void> {
    await tx.query(
      `INSERT INTO categories (id, parent_id, name_zh, name_en, sort) SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[])`,
      [rows.map((r) => r.id), rows.map((r) => r.parentId), rows.map((r) => r.nameZh), rows.map((r) => r.nameEn), rows.map((r) => r.sort)],
    );
  }

  async stores(tx: Tx, rows: ImportStore[]): Promise<void> {
    await tx.query(
      `INSERT INTO stores (id, name, slug, description, flagship, rural, logo_image_id)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::boolean[], $6::boolean[], $7::text[])`,
      [rows.map((r) => r.id), rows.map((r) => r.name), rows.map((r) => r.slug), rows.map((r) => r.description), rows.map((r) => r.flagship), rows.map((r) => r.rural), rows.map((r) => r.logoImageId)],
    );
    await tx.query(`INSERT INTO store_members (store_id, user_id, role) SELECT s, u, 'owner' FROM unnest($1::text[], $2::text[]) AS t(s, u)`, [rows.map((r) => r.id), rows.map((r) => r.ownerId)]);
    await this.bus.publish(tx, 'catalog.stores.imported', { storeIds: rows.map((r) => r.id) });
  }

  async products(tx: Tx, rows: ImportProduct[]): Promise<void> {
    // A bulk import does not wait for each batch's WAL flush: a crash loses at most the last
    // batches (the importer can re-run), never consistency. Plain writes keep synchronous commit.
    await tx.query('SET LOCAL synchronous_commit = off');
    await tx.copyFrom(
      'products',
      ['id', 'store_id', 'category_id', 'title', 'description', 'attributes', 'options', 'image_ids', 'no_reason_return', 'min_price_fen', 'max_price_fen'],
      rows.map((p) => {
        const prices = p.skus.map((s) => s.priceFen);
        return [p.id, p.storeId, p.categoryId, p.title, p.description, JSON.stringify(p.attributes), JSON.stringify(p.options), p.imageIds, p.noReasonReturn, Math.min(...prices), Math.max(...prices)];
      }),
    );
    const skus = rows.flatMap((p) => p.skus.map((s) => [s.id, p.id, s.code, s.optionValues, s.priceFen, s.listPriceFen, s.stock] as const));
    await tx.copyFrom('skus', ['id', 'product_id', 'code', 'option_values', 'price_fen', 'list_price_fen', 'stock'], skus);
    const stocked = rows.flatMap((p) => p.skus.filter((s) => s.stock > 0).map((s) => [s.id, s.stock, s.stock, 'initial'] as const));
    await tx.copyFrom('stock_movements', ['sku_id', 'delta', 'stock_after', 'reason'], stocked);
    await this.bus.publish(tx, 'catalog.products.imported', { productIds: rows.map((r) => r.id) });
  }

}
