// The basket: what a checkout (or a quote) would buy, read at today's prices — demand summed per
// SKU, each SKU checked (exists, on sale, flash-sale price), split into one group per store. The
// client's prices are never used. Shared by checkout (inside its transaction) and quote (no writes).
import type { Queryable } from '../../platform/db/index.ts';
import { AppError } from '../../platform/errors.ts';
import type { CheckoutSku, ProductService } from '../catalog/products.ts';
import type { FlashSaleService } from './flash-sales.ts';
import type { BasketOrder } from './pricing.ts';

export interface Demand {
  skuId: string;
  flashSaleId: string | null;
  quantity: number;
  /** Position of the item in the request, for error fields. */
  index: number;
  unitPriceFen: number;
}

export interface BasketLine {
  d: Demand;
  sku: CheckoutSku;
  lineFen: number;
}

export interface Basket {
  /** Demand in the fixed order stock is taken in (by SKU), so concurrent checkouts never deadlock. */
  wanted: Demand[];
  skuIds: string[];
  /** One group per store, by store id; lines in `wanted` order. */
  stores: Array<{ storeId: string; lines: BasketLine[] }>;
  goodsFen: number;
  /** The error field of an item: its path, or `items` when the cart was bought. */
  field: (d: Demand, name: string) => string;
}

export type BasketItems = Array<{ skuId: string; quantity: number; flashSaleId?: string }>;

export async function readBasket(q: Queryable, products: ProductService, flashSales: FlashSaleService, items: BasketItems, fromCart: boolean): Promise<Basket> {
  // Demand summed per SKU (a flash-sale SKU counts apart from the same SKU at its regular price).
  const demand = new Map<string, Demand>();
  items.forEach((it, index) => {
    const k = `${it.skuId}|${it.flashSaleId ?? ''}`;
    const prev = demand.get(k);
    demand.set(k, { skuId: it.skuId, flashSaleId: it.flashSaleId ?? null, quantity: (prev?.quantity ?? 0) + it.quantity, index: prev?.index ?? index, unitPriceFen: 0 });
  });
  const wanted = [...demand.values()].sort((x, y) => (x.skuId === y.skuId ? (x.flashSaleId ?? '').localeCompare(y.flashSaleId ?? '') : x.skuId.localeCompare(y.skuId)));
  const skuIds = [...new Set(wanted.map((d) => d.skuId))];
  const view = await products.checkoutView(q, skuIds);
  const field = (d: Demand, name: string) => (fromCart ? 'items' : `items.${d.index}.${name}`);
  for (const d of wanted) {
    const v = view.get(d.skuId);
    if (!v) throw new AppError('not_found', `SKU ${d.skuId} not found`, field(d, 'skuId'));
    if (!v.onSale) throw new AppError('invalid_state', `"${v.title}" is no longer on sale`, field(d, 'skuId'));
    if (d.quantity > 999) throw new AppError('validation_failed', 'At most 999 of one SKU per checkout', field(d, 'quantity'));
    d.unitPriceFen = v.priceFen;
    if (d.flashSaleId) {
      const sale = await flashSales.get(d.flashSaleId, q).catch(() => null);
      if (!sale || sale.skuId !== d.skuId) throw new AppError('not_found', 'No such flash sale for this SKU', field(d, 'flashSaleId'));
      d.unitPriceFen = sale.priceFen;
    }
  }
  const byStore = new Map<string, BasketLine[]>();
  for (const d of wanted) {
    const sku = view.get(d.skuId)!;
    byStore.set(sku.storeId, [...(byStore.get(sku.storeId) ?? []), { d, sku, lineFen: d.unitPriceFen * d.quantity }]);
  }
  const stores = [...byStore].sort(([x], [y]) => x.localeCompare(y)).map(([storeId, lines]) => ({ storeId, lines }));
  return { wanted, skuIds, stores, goodsFen: wanted.reduce((a, d) => a + d.unitPriceFen * d.quantity, 0), field };
}

/** The basket as the discount engine sees it. */
export const engineOrders = (b: Basket): BasketOrder[] => b.stores.map((s) => ({ storeId: s.storeId, lines: s.lines.map((l) => l.lineFen) }));
