// Flash sales (秒杀). The hot-row problem: thousands of buyers decrementing one SKU's stock at the
// same second serialise on that row's lock. Here the sale's quantity is moved out of the SKU's
// stock when the sale is created and cut into one row per unit; a checkout claims free units with
// FOR UPDATE SKIP LOCKED, so concurrent buyers take different rows and nobody waits. A unit is
// claimed by exactly one order (never oversold); the per-buyer limit is a conditional upsert on
// the buyer's own row; unsold and released units go back to the SKU when the sale ends.
import type { Db, Queryable, Tx } from '../../platform/db/index.ts';
import { AppError, invalid, notFound } from '../../platform/errors.ts';
import type { EventBus } from '../../platform/events/bus.ts';
import { newId } from '../../platform/ids.ts';
import type { JobQueue } from '../../platform/jobs/queue.ts';
import type { ProductService } from '../catalog/products.ts';
import type { StoreService } from '../catalog/stores.ts';

export interface FlashSale {
  id: string;
  storeId: string;
  skuId: string;
  priceFen: number;
  quantity: number;
  remaining: number;
  perBuyerLimit: number;
  startsAt: string;
  endsAt: string;
  status: 'scheduled' | 'running' | 'ended' | 'cancelled';
  /** A live room's own price: only orders placed from that room may buy at it. */
  liveRoomId: string | null;
}

interface SaleRow {
  id: string;
  store_id: string;
  sku_id: string;
  price_fen: number;
  quantity: number;
  per_buyer_limit: number;
  starts_at: Date;
  ends_at: Date;
  status: 'scheduled' | 'ended' | 'cancelled';
  remaining: number;
  running: boolean;
  live_room_id: string | null;
}

const SELECT_SALE = `SELECT f.*, (SELECT count(*)::int FROM flash_sale_units u WHERE u.sale_id = f.id AND u.order_id IS NULL) AS remaining,
  (f.status = 'scheduled' AND f.starts_at <= now() AND f.ends_at > now()) AS running FROM flash_sales f`;

const toSale = (r: SaleRow): FlashSale => ({
  id: r.id,
  storeId: r.store_id,
  skuId: r.sku_id,
  priceFen: r.price_fen,
  quantity: r.quantity,
  remaining: r.status === 'scheduled' ? r.remaining : 0,
  perBuyerLimit: r.per_buyer_limit,
  startsAt: new Date(r.starts_at).toISOString(),
  endsAt: new Date(r.ends_at).toISOString(),
  status: r.status === 'scheduled' ? (r.running ? 'running' : new Date(r.ends_at) <= new Date() ? 'ended' : 'scheduled') : r.status,
  liveRoomId: r.live_room_id,
});

/** Whether a checkout from this source may buy at a sale restricted to a live room. */
export const fromRoom = (liveRoomId: string | null, source: { type: string; id?: string | null } | null | undefined) =>
  liveRoomId === null || (source?.type === 'live_room' && source.id === liveRoomId);
export const ROOM_ONLY = 'This price is only for buyers in its live room';

export const END_SALE_JOB = 'commerce.end_flash_sale';

export class FlashSaleService {
  constructor(
    private readonly db: Db,
    private readonly bus: EventBus,
    private readonly jobs: JobQueue,
    private readonly products: ProductService,
    private readonly stores: StoreService,
  ) {}

  async create(actorId: string, input: { skuId: string; priceFen: number; quantity: number; perBuyerLimit: number; startsAt: Date; endsAt: Date; liveRoomId?: string }): Promise<FlashSale> {
    const sku = (await this.products.checkoutView(this.db, [input.skuId])).get(input.skuId);
    if (!sku) throw notFound('SKU', 'skuId');
    await this.stores.assertStaff(sku.storeId, actorId);
    if (!sku.onSale) throw new AppError('invalid_state', 'This SKU is not on sale', 'skuId');
    if (input.priceFen >= sku.priceFen) throw invalid('priceFen', 'A flash-sale price must be below the regular price');
    if (input.endsAt <= input.startsAt) throw invalid('endsAt', 'The sale must end after it starts');
    if (input.endsAt <= new Date()) throw invalid('endsAt', 'The sale must end in the future');
    if (input.perBuyerLimit > input.quantity) throw invalid('perBuyerLimit', 'The per-buyer limit cannot exceed the quantity');
    const id = newId('fls');
    await this.db.tx(async (tx) => {
      try {
        await this.products.adjustStock(tx, input.skuId, -input.quantity, 'flash_sale', actorId, id);
      } catch (err) {
        if (err instanceof AppError && err.code === 'invalid_state') throw new AppError('invalid_state', 'Not enough stock for this quantity', 'quantity');
        throw err;
      }
      await tx.query(
        `INSERT INTO flash_sales (id, store_id, sku_id, price_fen, quantity, per_buyer_limit, starts_at, ends_at, created_by, live_room_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [id, sku.storeId, input.skuId, input.priceFen, input.quantity, input.perBuyerLimit, input.startsAt, input.endsAt, actorId, input.liveRoomId ?? null],
      );
      await tx.query('INSERT INTO flash_sale_units (sale_id, unit_no) SELECT $1, n FROM generate_series(1, $2::int) AS n', [id, input.quantity]);
      await this.jobs.enqueue(tx, END_SALE_JOB, { saleId: id }, { runAt: input.endsAt, dedupeKey: `${END_SALE_JOB}:${id}` });
      await this.bus.publish(tx, 'commerce.flash_sale.created', { saleId: id, storeId: sku.storeId, skuId: input.skuId, quantity: input.quantity });
    });
    return this.get(id);
  }

  async get(id: string, q: Queryable = this.db): Promise<FlashSale> {
    const [row] = await q.query<SaleRow>(`${SELECT_SALE} WHERE f.id = $1`, [id]);
    if (!row) throw notFound('Flash sale', 'flashSaleId');
    return toSale(row);
  }

  async listForStore(storeId: string, userId: string): Promise<FlashSale[]> {
    await this.stores.assertStaff(storeId, userId);
    const rows = await this.db.query<SaleRow>(`${SELECT_SALE} WHERE f.store_id = $1 ORDER BY f.starts_at DESC LIMIT 100`, [storeId]);
    return rows.map(toSale);
  }

  /** Running and upcoming sales of these SKUs (a live room's countdown), soonest first. */
  async openForSkus(skuIds: string[]): Promise<FlashSale[]> {
    if (skuIds.length === 0) return [];
    const rows = await this.db.query<SaleRow>(`${SELECT_SALE} WHERE f.sku_id = ANY($1::text[]) AND f.status = 'scheduled' AND f.ends_at > now() ORDER BY f.starts_at LIMIT 20`, [skuIds]);
    return rows.map(toSale);
  }

  /**
   * Claims `quantity` units for an order inside the checkout's transaction; throws 409 when the
   * sale isn't running, the buyer's limit is reached or the units are gone (field names the item).
   */
  async claim(tx: Tx, input: { saleId: string; skuId: string; userId: string; orderId: string; quantity: number; field: string; source: { type: string; id?: string } | null }): Promise<void> {
    const [sale] = await tx.query<{ sku_id: string; per_buyer_limit: number; running: boolean; live_room_id: string | null }>(
      `SELECT sku_id, per_buyer_limit, live_room_id, (status = 'scheduled' AND starts_at <= now() AND ends_at > now()) AS running FROM flash_sales WHERE id = $1`,
      [input.saleId],
    );
    if (!sale || sale.sku_id !== input.skuId) throw new AppError('not_found', 'No such flash sale for this SKU', input.field);
    if (!sale.running) throw new AppError('invalid_state', 'This flash sale is not running', input.field);
    if (!fromRoom(sale.live_room_id, input.source)) throw new AppError('invalid_state', ROOM_ONLY, input.field);
    const within = await tx.query(
      `INSERT INTO flash_sale_buyers (sale_id, user_id, quantity) VALUES ($1, $2, $3)
       ON CONFLICT (sale_id, user_id) DO UPDATE SET quantity = flash_sale_buyers.quantity + EXCLUDED.quantity
         WHERE flash_sale_buyers.quantity + EXCLUDED.quantity <= $4 RETURNING quantity`,
      [input.saleId, input.userId, input.quantity, sale.per_buyer_limit],
    );
    if (within.length === 0 || input.quantity > sale.per_buyer_limit) throw new AppError('invalid_state', `At most ${sale.per_buyer_limit} per buyer in this flash sale`, input.field);
    const units = await tx.query(
      `UPDATE flash_sale_units SET order_id = $3, claimed_at = now()
        WHERE (sale_id, unit_no) IN (SELECT sale_id, unit_no FROM flash_sale_units WHERE sale_id = $1 AND order_id IS NULL LIMIT $2 FOR UPDATE SKIP LOCKED)
        RETURNING unit_no`,
      [input.saleId, input.quantity, input.orderId],
    );
    // Fewer free units than asked (sold out, or the rest being claimed right now): the whole
    // checkout rolls back, so the units claimed here are freed again.
    if (units.length < input.quantity) throw new AppError('invalid_state', 'Sold out', input.field);
  }

  /** Gives an order's units back to the sale, or to the SKU's stock if the sale has ended. */
  async release(tx: Tx, orderId: string): Promise<void> {
    const freed = await tx.query<{ sale_id: string; n: number }>(
      `WITH u AS (UPDATE flash_sale_units SET order_id = NULL, claimed_at = NULL WHERE order_id = $1 RETURNING sale_id)
       SELECT sale_id, count(*)::int AS n FROM u GROUP BY sale_id ORDER BY sale_id`,
      [orderId],
    );
    for (const f of freed) {
      const [o] = await tx.query<{ user_id: string }>('SELECT user_id FROM orders WHERE id = $1', [orderId]);
      await tx.query('UPDATE flash_sale_buyers SET quantity = quantity - $3 WHERE sale_id = $1 AND user_id = $2', [f.sale_id, o!.user_id, f.n]);
      const [sale] = await tx.query<{ status: string }>('SELECT status FROM flash_sales WHERE id = $1', [f.sale_id]);
      if (sale?.status === 'ended') await this.returnFreeUnits(tx, f.sale_id);
    }
  }

  /** The sale's end: it stops selling, and every unit nobody holds goes back to the SKU. */
  async end(saleId: string): Promise<number> {
    return this.db.tx(async (tx) => {
      const rows = await tx.query(`UPDATE flash_sales SET status = 'ended' WHERE id = $1 AND status = 'scheduled' AND ends_at <= now() RETURNING id`, [saleId]);
      if (rows.length === 0) return 0;
      return this.returnFreeUnits(tx, saleId);
    });
  }

  private async returnFreeUnits(tx: Tx, saleId: string): Promise<number> {
    const gone = await tx.query('DELETE FROM flash_sale_units WHERE sale_id = $1 AND order_id IS NULL RETURNING unit_no', [saleId]);
    if (gone.length === 0) return 0;
    const [sale] = await tx.query<{ sku_id: string }>('UPDATE flash_sales SET returned = returned + $2 WHERE id = $1 RETURNING sku_id', [saleId, gone.length]);
    await this.products.adjustStock(tx, sale!.sku_id, gone.length, 'flash_sale', null, saleId);
    return gone.length;
  }
}
