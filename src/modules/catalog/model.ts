// Product and SKU shapes, and the rules a product's options and SKUs must satisfy.
import { invalid } from '../../platform/errors.ts';
import type { Static } from '@sinclair/typebox';
import { imageUrl } from '../media/service.ts';
import type { AttributeSchema, OptionSchema, ProductSchema, SkuSchema } from './schemas.ts';

// The API shapes are the route schemas' static types: one definition for validation, OpenAPI,
// the services and (checked by test/contract.ts) the web app.
export type Attribute = Static<typeof AttributeSchema>;
export type OptionDef = Static<typeof OptionSchema>;
export type Sku = Static<typeof SkuSchema>;
export type Product = Omit<Static<typeof ProductSchema>, 'store'>;

export interface ProductRow {
  id: string;
  store_id: string;
  category_id: string;
  title: string;
  description: string;
  attributes: Attribute[];
  options: OptionDef[];
  image_ids: string[];
  no_reason_return: boolean;
  status: Product['status'];
  min_price_fen: number;
  max_price_fen: number;
  created_at: Date;
  updated_at: Date;
}
export interface SkuRow {
  id: string;
  product_id: string;
  code: string;
  option_values: Record<string, string>;
  price_fen: number;
  list_price_fen: number | null;
  stock: number;
  status: Sku['status'];
}

export const toSku = (r: SkuRow): Sku => ({
  id: r.id,
  productId: r.product_id,
  code: r.code,
  optionValues: r.option_values,
  priceFen: r.price_fen,
  listPriceFen: r.list_price_fen,
  stock: r.stock,
  status: r.status,
});

export const toProduct = (r: ProductRow, skus: SkuRow[]): Product => ({
  id: r.id,
  storeId: r.store_id,
  categoryId: r.category_id,
  title: r.title,
  description: r.description,
  attributes: r.attributes,
  options: r.options,
  images: r.image_ids.map((id) => ({ id, url: imageUrl(id, 'w720'), thumbUrl: imageUrl(id, 'w240') })),
  noReasonReturn: r.no_reason_return,
  status: r.status,
  minPriceFen: r.min_price_fen,
  maxPriceFen: r.max_price_fen,
  totalStock: skus.filter((s) => s.status === 'active').reduce((a, s) => a + s.stock, 0),
  skus: skus.map(toSku),
  createdAt: new Date(r.created_at).toISOString(),
  updatedAt: new Date(r.updated_at).toISOString(),
});

/** Option names unique, values unique within an option. */
export function checkOptions(options: OptionDef[]): void {
  const names = new Set<string>();
  options.forEach((o, i) => {
    if (names.has(o.name)) throw invalid(`options.${i}.name`, `Option "${o.name}" is listed twice`);
    names.add(o.name);
    if (new Set(o.values).size !== o.values.length) throw invalid(`options.${i}.values`, `Option "${o.name}" repeats a value`);
  });
}

/** Each SKU picks exactly one value of every option; no two SKUs pick the same combination. */
export function checkSkuValues(options: OptionDef[], values: Record<string, string>, field: string): string {
  const keys = Object.keys(values);
  for (const k of keys) if (!options.some((o) => o.name === k)) throw invalid(`${field}.${k}`, `"${k}" is not an option of this product`);
  for (const o of options) {
    const v = values[o.name];
    if (v === undefined) throw invalid(`${field}.${o.name}`, `A value for "${o.name}" is required`);
    if (!o.values.includes(v)) throw invalid(`${field}.${o.name}`, `"${v}" is not a value of "${o.name}"`);
  }
  return options.map((o) => `${o.name}=${values[o.name]}`).join('|');
}

export function checkSkuSet(options: OptionDef[], skus: Array<{ optionValues: Record<string, string> }>, fieldPrefix = 'skus'): void {
  const seen = new Set<string>();
  skus.forEach((s, i) => {
    const key = checkSkuValues(options, s.optionValues, `${fieldPrefix}.${i}.optionValues`);
    if (seen.has(key)) throw invalid(`${fieldPrefix}.${i}.optionValues`, 'Two SKUs have the same option values');
    seen.add(key);
  });
}
