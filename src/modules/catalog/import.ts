// Bulk import: many stores, categories and products in a few statements (unnest arrays), for
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
    const skus = rows.flatMap((p) => p.skus.map((s) => ({ ...s, productId: p.id })));
    const prices = (p: ImportProduct) => p.skus.map((s) => s.priceFen);
    await tx.query(
      `INSERT INTO products (id, store_id, category_id, title, description, attributes, options, image_ids, no_reason_return, min_price_fen, max_price_fen)
       SELECT id, store_id, category_id, title, description, attributes::jsonb, options::jsonb, string_to_array(image_ids, ','), nrr, lo, hi
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::boolean[], $10::bigint[], $11::bigint[])
           AS t(id, store_id, category_id, title, description, attributes, options, image_ids, nrr, lo, hi)`,
      [
        rows.map((r) => r.id),
        rows.map((r) => r.storeId),
        rows.map((r) => r.categoryId),
        rows.map((r) => r.title),
        rows.map((r) => r.description),
        rows.map((r) => JSON.stringify(r.attributes)),
        rows.map((r) => JSON.stringify(r.options)),
        rows.map((r) => r.imageIds.join(',')),
        rows.map((r) => r.noReasonReturn),
        rows.map((r) => Math.min(...prices(r))),
        rows.map((r) => Math.max(...prices(r))),
      ],
    );
    await tx.query(
      `INSERT INTO skus (id, product_id, code, option_values, price_fen, list_price_fen, stock)
       SELECT id, product_id, code, option_values::jsonb, price, list_price, stock
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bigint[], $6::bigint[], $7::int[]) AS t(id, product_id, code, option_values, price, list_price, stock)`,
      [skus.map((s) => s.id), skus.map((s) => s.productId), skus.map((s) => s.code), skus.map((s) => JSON.stringify(s.optionValues)), skus.map((s) => s.priceFen), skus.map((s) => s.listPriceFen), skus.map((s) => s.stock)],
    );
    const stocked = skus.filter((s) => s.stock > 0);
    await tx.query(`INSERT INTO stock_movements (sku_id, delta, stock_after, reason) SELECT id, n, n, 'initial' FROM unnest($1::text[], $2::int[]) AS t(id, n)`, [
      stocked.map((s) => s.id),
      stocked.map((s) => s.stock),
    ]);
    await this.bus.publish(tx, 'catalog.products.imported', { productIds: rows.map((r) => r.id) });
  }

}
