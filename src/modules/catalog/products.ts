import type { Db, Queryable, Tx } from '../../platform/db/index.ts';
import { AppError, invalid, notFound } from '../../platform/errors.ts';
import type { EventBus } from '../../platform/events/bus.ts';
import { newId } from '../../platform/ids.ts';
import type { MediaService } from '../media/service.ts';
import { checkOptions, checkSkuSet, checkSkuValues, toProduct, toSku, type Attribute, type OptionDef, type Product, type ProductRow, type Sku, type SkuRow } from './model.ts';
import type { StoreService } from './stores.ts';

export interface SkuInput {
  code?: string;
  optionValues: Record<string, string>;
  priceFen: number;
  listPriceFen?: number | null;
  stock: number;
}
export interface ProductInput {
  title: string;
  description?: string;
  categoryId: string;
  attributes?: Attribute[];
  options?: OptionDef[];
  imageIds?: string[];
  noReasonReturn?: boolean;
  status?: 'draft' | 'active';
  skus: SkuInput[];
}
export type ProductPatch = Partial<Omit<ProductInput, 'skus' | 'options' | 'status'>> & { status?: 'draft' | 'active' };

export const STOCK_REASONS = ['initial', 'restock', 'correction', 'damage', 'return', 'reserve', 'release', 'flash_sale'] as const;
export type StockReason = (typeof STOCK_REASONS)[number];

export interface CheckoutSku {
  skuId: string;
  productId: string;
  storeId: string;
  title: string;
  optionValues: Record<string, string>;
  imageId: string | null;
  priceFen: number;
  stock: number;
  noReasonReturn: boolean;
  onSale: boolean;
  /** The product's category and that category's parent: commerce takes the platform fee rate from them. */
  categoryId: string;
  categoryParentId: string | null;
}

export class ProductService {
  constructor(
    private readonly db: Db,
    private readonly bus: EventBus,
    private readonly stores: StoreService,
    private readonly media: MediaService,
  ) {}

  async create(storeId: string, actorId: string, input: ProductInput): Promise<Product> {
    await this.stores.assertStaff(storeId, actorId);
    const options = input.options ?? [];
    checkOptions(options);
    checkSkuSet(options, input.skus);
    await this.assertCategory(input.categoryId);
    await this.media.assertUsable(input.imageIds ?? [], actorId);
    return this.db.tx(async (tx) => {
      const id = newId('prd');
      await tx.query(
        `INSERT INTO products (id, store_id, category_id, title, description, attributes, options, image_ids, no_reason_return, status)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [id, storeId, input.categoryId, input.title, input.description ?? '', JSON.stringify(input.attributes ?? []), JSON.stringify(options), input.imageIds ?? [], input.noReasonReturn ?? true, input.status ?? 'active'],
      );
      for (const s of input.skus) await this.insertSku(tx, id, s, actorId);
      await this.refreshPrices(tx, id);
      await this.bus.publish(tx, 'catalog.product.created', { productId: id, storeId });
      return this.load(id, tx);
    });
  }

  private async insertSku(tx: Tx, productId: string, s: SkuInput, actorId: string): Promise<string> {
    const skuId = newId('sku');
    await tx.query(`INSERT INTO skus (id, product_id, code, option_values, price_fen, list_price_fen, stock) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
      skuId,
      productId,
      s.code ?? '',
      JSON.stringify(s.optionValues),
      s.priceFen,
      s.listPriceFen ?? null,
      s.stock,
    ]);
    if (s.stock > 0) {
      await tx.query(`INSERT INTO stock_movements (sku_id, delta, stock_after, reason, actor_id) VALUES ($1, $2, $2, 'initial', $3)`, [skuId, s.stock, actorId]);
    }
    return skuId;
  }

  private async refreshPrices(tx: Queryable, productId: string): Promise<void> {
    await tx.query(
      `UPDATE products SET min_price_fen = COALESCE(p.lo, 0), max_price_fen = COALESCE(p.hi, 0), updated_at = now()
         FROM (SELECT min(price_fen) AS lo, max(price_fen) AS hi FROM skus WHERE product_id = $1 AND status = 'active') p WHERE id = $1`,
      [productId],
    );
  }

  private async assertCategory(categoryId: string): Promise<void> {
    const [row] = await this.db.query('SELECT id FROM categories WHERE id = $1', [categoryId]);
    if (!row) throw invalid('categoryId', 'No such category');
  }

  async load(id: string, q: Queryable = this.db): Promise<Product> {
    const [row] = await q.query<ProductRow>('SELECT * FROM products WHERE id = $1', [id]);
    if (!row) throw notFound('Product', 'productId');
    const skus = await q.query<SkuRow>('SELECT * FROM skus WHERE product_id = $1 ORDER BY position', [id]);
    return toProduct(row, skus);
  }

  /** Public view: active products of active stores only. Staff also see drafts and archived ones. */
  async getVisible(id: string, viewerId: string | null): Promise<Product> {
    const p = await this.load(id);
    if (p.status === 'active') {
      const store = await this.stores.get(p.storeId);
      if (store.status === 'active') return p;
    }
    if (viewerId && (await this.stores.staffRole(p.storeId, viewerId))) return p;
    throw notFound('Product', 'productId');
  }

  /** A product the user is staff for: 404 when missing, 403 when someone else's. */
  async getForStaff(id: string, userId: string): Promise<Product> {
    const p = await this.load(id);
    await this.stores.assertStaff(p.storeId, userId);
    return p;
  }

  async list(filter: { storeId?: string; categoryId?: string; status?: Product['status'] | 'all'; q?: string; sort?: 'newest' | 'price_asc' | 'price_desc'; limit: number; offset: number }): Promise<{ items: Product[]; total: number }> {
    const status = filter.status ?? 'active';
    const where = `WHERE ($1::text IS NULL OR p.store_id = $1)
      AND ($2::text IS NULL OR p.category_id = $2 OR p.category_id IN (SELECT id FROM categories WHERE parent_id = $2))
      AND ($3::text = 'all' OR p.status = $3) AND ($4::text IS NULL OR p.title ILIKE '%' || $4 || '%')
      AND EXISTS (SELECT 1 FROM stores s WHERE s.id = p.store_id AND (s.status = 'active' OR $1::text IS NOT NULL))`;
    const params = [filter.storeId ?? null, filter.categoryId ?? null, status, filter.q ?? null];
    const order = filter.sort === 'price_asc' ? 'p.min_price_fen ASC, p.id' : filter.sort === 'price_desc' ? 'p.min_price_fen DESC, p.id' : 'p.created_at DESC, p.id DESC';
    const rows = await this.db.query<ProductRow>(`SELECT p.* FROM products p ${where} ORDER BY ${order} LIMIT $5 OFFSET $6`, [...params, filter.limit, filter.offset]);
    const [{ total } = { total: 0 }] = await this.db.query<{ total: number }>(`SELECT count(*)::int AS total FROM products p ${where}`, params);
    const skus = rows.length ? await this.db.query<SkuRow>('SELECT * FROM skus WHERE product_id = ANY($1::text[]) ORDER BY position', [rows.map((r) => r.id)]) : [];
    const byProduct = new Map<string, SkuRow[]>();
    for (const s of skus) byProduct.set(s.product_id, [...(byProduct.get(s.product_id) ?? []), s]);
    return { items: rows.map((r) => toProduct(r, byProduct.get(r.id) ?? [])), total };
  }

  async update(id: string, actorId: string, patch: ProductPatch): Promise<Product> {
    const current = await this.getForStaff(id, actorId);
    if (current.status === 'archived') throw new AppError('invalid_state', 'An archived product cannot be edited');
    if (patch.categoryId) await this.assertCategory(patch.categoryId);
    if (patch.imageIds) await this.media.assertUsable(patch.imageIds, actorId, current.images.map((i) => i.id));
    return this.db.tx(async (tx) => {
      await tx.query(
        `UPDATE products SET title = COALESCE($2, title), description = COALESCE($3, description), category_id = COALESCE($4, category_id),
           attributes = COALESCE($5, attributes), image_ids = COALESCE($6, image_ids), no_reason_return = COALESCE($7, no_reason_return),
           status = COALESCE($8, status), updated_at = now() WHERE id = $1`,
        [id, patch.title ?? null, patch.description ?? null, patch.categoryId ?? null, patch.attributes ? JSON.stringify(patch.attributes) : null, patch.imageIds ?? null, patch.noReasonReturn ?? null, patch.status ?? null],
      );
      await this.bus.publish(tx, 'catalog.product.updated', { productId: id, storeId: current.storeId });
      return this.load(id, tx);
    });
  }

  async archive(id: string, actorId: string): Promise<Product> {
    const current = await this.getForStaff(id, actorId);
    if (current.status === 'archived') return current;
    return this.db.tx(async (tx) => {
      await tx.query(`UPDATE products SET status = 'archived', updated_at = now() WHERE id = $1`, [id]);
      await this.bus.publish(tx, 'catalog.product.archived', { productId: id, storeId: current.storeId });
      return this.load(id, tx);
    });
  }

  async addSku(productId: string, actorId: string, input: SkuInput): Promise<Product> {
    const p = await this.getForStaff(productId, actorId);
    if (p.status === 'archived') throw new AppError('invalid_state', 'An archived product cannot be edited');
    checkSkuSet(p.options, [...p.skus, { ...input }].map((s) => ({ optionValues: s.optionValues })));
    return this.db.tx(async (tx) => {
      await this.insertSku(tx, productId, input, actorId);
      await this.refreshPrices(tx, productId);
      await this.bus.publish(tx, 'catalog.product.updated', { productId, storeId: p.storeId });
      return this.load(productId, tx);
    });
  }

  async skuForStaff(skuId: string, actorId: string): Promise<{ sku: Sku; product: Product }> {
    const [row] = await this.db.query<SkuRow>('SELECT * FROM skus WHERE id = $1', [skuId]);
    if (!row) throw notFound('SKU', 'skuId');
    const product = await this.getForStaff(row.product_id, actorId);
    return { sku: toSku(row), product };
  }

  async updateSku(skuId: string, actorId: string, patch: { code?: string; optionValues?: Record<string, string>; priceFen?: number; listPriceFen?: number | null; status?: 'active' | 'disabled' }): Promise<Product> {
    const { sku, product } = await this.skuForStaff(skuId, actorId);
    if (product.status === 'archived') throw new AppError('invalid_state', 'An archived product cannot be edited');
    if (patch.optionValues) {
      checkSkuValues(product.options, patch.optionValues, 'optionValues');
      checkSkuSet(product.options, product.skus.map((s) => ({ optionValues: s.id === skuId ? patch.optionValues! : s.optionValues })));
    }
    return this.db.tx(async (tx) => {
      await tx.query(
        `UPDATE skus SET code = COALESCE($2, code), option_values = COALESCE($3, option_values), price_fen = COALESCE($4, price_fen),
           list_price_fen = CASE WHEN $5::boolean THEN $6 ELSE list_price_fen END, status = COALESCE($7, status), updated_at = now() WHERE id = $1`,
        [skuId, patch.code ?? null, patch.optionValues ? JSON.stringify(patch.optionValues) : null, patch.priceFen ?? null, patch.listPriceFen !== undefined, patch.listPriceFen ?? null, patch.status ?? null],
      );
      await this.refreshPrices(tx, sku.productId);
      await this.bus.publish(tx, 'catalog.product.updated', { productId: sku.productId, storeId: product.storeId });
      return this.load(sku.productId, tx);
    });
  }

  /**
   * Changes stock by delta with a conditional update that can never go below zero, and logs the
   * movement with its reason in the same transaction. Commerce's reservations will use this too.
   */
  async adjustStock(q: Tx, skuId: string, delta: number, reason: StockReason, actorId: string | null, note = ''): Promise<number> {
    const rows = await q.query<{ stock: number }>('UPDATE skus SET stock = stock + $2, updated_at = now() WHERE id = $1 AND stock + $2 >= 0 RETURNING stock', [skuId, delta]);
    if (!rows[0]) {
      const [exists] = await q.query('SELECT 1 FROM skus WHERE id = $1', [skuId]);
      if (!exists) throw notFound('SKU', 'skuId');
      throw new AppError('invalid_state', 'Not enough stock for this change', 'delta');
    }
    await q.query('INSERT INTO stock_movements (sku_id, delta, stock_after, reason, note, actor_id) VALUES ($1, $2, $3, $4, $5, $6)', [skuId, delta, rows[0].stock, reason, note, actorId]);
    await this.bus.publish(q, 'catalog.sku.stock_changed', { skuId, delta, stock: rows[0].stock, reason });
    return rows[0].stock;
  }

  async merchantAdjustStock(skuId: string, actorId: string, delta: number, reason: StockReason, note: string): Promise<{ skuId: string; stock: number }> {
    await this.skuForStaff(skuId, actorId);
    const stock = await this.db.tx((tx) => this.adjustStock(tx, skuId, delta, reason, actorId, note));
    return { skuId, stock };
  }

  /**
   * What checkout needs to price and reserve SKUs: current price, stock and whether the SKU, its
   * product and its store are on sale. Read inside the checkout's transaction.
   */
  async checkoutView(q: Queryable, skuIds: string[]): Promise<Map<string, CheckoutSku>> {
    if (skuIds.length === 0) return new Map();
    const rows = await q.query<{ id: string; product_id: string; option_values: Record<string, string>; price_fen: number; stock: number; sku_status: string; title: string; image_ids: string[]; no_reason_return: boolean; product_status: string; store_id: string; store_status: string; category_id: string; category_parent_id: string | null }>(
      `SELECT k.id, k.product_id, k.option_values, k.price_fen, k.stock, k.status AS sku_status, p.title, p.image_ids, p.no_reason_return,
              p.status AS product_status, p.store_id, s.status AS store_status, p.category_id, c.parent_id AS category_parent_id
         FROM skus k JOIN products p ON p.id = k.product_id JOIN stores s ON s.id = p.store_id JOIN categories c ON c.id = p.category_id WHERE k.id = ANY($1::text[])`,
      [skuIds],
    );
    return new Map(
      rows.map((r) => [
        r.id,
        {
          skuId: r.id,
          productId: r.product_id,
          storeId: r.store_id,
          title: r.title,
          optionValues: r.option_values,
          imageId: r.image_ids[0] ?? null,
          priceFen: r.price_fen,
          stock: r.stock,
          noReasonReturn: r.no_reason_return,
          onSale: r.sku_status === 'active' && r.product_status === 'active' && r.store_status === 'active',
          categoryId: r.category_id,
          categoryParentId: r.category_parent_id,
        },
      ]),
    );
  }

  async stockMovements(skuId: string, actorId: string, limit: number): Promise<Array<{ id: number; delta: number; stockAfter: number; reason: string; note: string; actorId: string | null; at: string }>> {
    await this.skuForStaff(skuId, actorId);
    const rows = await this.db.query<{ id: number; delta: number; stock_after: number; reason: string; note: string; actor_id: string | null; created_at: Date }>(
      'SELECT * FROM stock_movements WHERE sku_id = $1 ORDER BY id DESC LIMIT $2',
      [skuId, limit],
    );
    return rows.map((r) => ({ id: r.id, delta: r.delta, stockAfter: r.stock_after, reason: r.reason, note: r.note, actorId: r.actor_id, at: new Date(r.created_at).toISOString() }));
  }
}
