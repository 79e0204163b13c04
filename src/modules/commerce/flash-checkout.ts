// Flash-sale checkout in batches: the hot-row problem solved twice over. Units are rows claimed
// with SKIP LOCKED (flash-sales.ts), so buyers never queue on one row; and the checkouts that
// arrive while a batch is being written wait for the next one and are written together, with
// set-based statements (unnest) — three reads at once, then one transaction of six statements
// in the usual case (claims, two for payments, the orders; BEGIN and COMMIT) for a whole batch,
// instead of ~30 statements per buyer. Every buyer still gets a synchronous answer: their own
// order and payment, or their own error (sold out, over the per-buyer limit, no address…),
// exactly as the one-by-one checkout in checkout.ts would have given it. A request that is a
// replay of an earlier Idempotency-Key, or anything unusual, is handed back to that path.
import type { OrderCreatedEvent, OrderLineFacts } from './events.ts';
import type { Db, Tx } from '../../platform/db/index.ts';
import { AppError, conflict } from '../../platform/errors.ts';
import type { EventBus } from '../../platform/events/bus.ts';
import { newId } from '../../platform/ids.ts';
import type { JobQueue } from '../../platform/jobs/queue.ts';
import type { CheckoutSku, ProductService } from '../catalog/products.ts';
import type { AddressBook, ShipToAddress } from '../identity/addresses.ts';
import type { FeeSchedule } from '../ledger/accounts.ts';
import type { CheckoutRequest, CheckoutResult } from './checkout.ts';
import { EXPIRE_JOB, type ExpireJob } from './orders.ts';
import { fromRoom, ROOM_ONLY } from './flash-sales.ts';
import type { OrderAddresses } from './order-address.ts';

/** A checkout of one flash-sale item: what the batcher takes. */
export interface FlashRequest {
  userId: string;
  key: string;
  hash: string;
  req: CheckoutRequest;
  saleId: string;
  skuId: string;
  quantity: number;
}

type Outcome = { result: CheckoutResult; replayed: boolean };
interface Pending extends FlashRequest {
  resolve: (o: Outcome) => void;
  reject: (e: unknown) => void;
  /** Batches that found the units it needed being claimed by another transaction. */
  tries?: number;
}

export interface IntentBatch {
  createIntents(tx: Tx, inputs: Array<{ reference: string; amountFen: number; payerId: string; description: string }>): Promise<Array<{ id: string; payUrl: string }>>;
}

export interface FlashCheckoutDeps {
  db: Db;
  bus: EventBus;
  jobs: JobQueue;
  products: ProductService;
  addressBook: AddressBook;
  orderAddresses: OrderAddresses;
  fees: FeeSchedule;
  payments: IntentBatch | null;
  payTimeoutMinutes: number;
  /** The one-by-one checkout, for replays and for requests a batch could not take. */
  direct: (userId: string, key: string, req: CheckoutRequest) => Promise<Outcome>;
}

const MAX_BATCH = 128;
const MAX_IN_FLIGHT = 2;
/**
 * A second batch starts beside a running one only with this many buyers waiting. Otherwise the
 * first buyer to arrive after a batch was sent goes alone: 40 % of the batches were of one buyer,
 * and the batch's main statement took PostgreSQL ~3 ms for one buyer, ~5.5 ms for ten.
 */
const MIN_OVERLAP = 8;
const SOLD_OUT_WINDOW_MS = 300;
/**
 * A buyer who finds the last units being claimed by another transaction waits for it instead of
 * hearing "sold out": that transaction may roll back (its process died mid-batch), and then the
 * units are for sale again. Tried again this often, up to this many times (about 2 s).
 */
const RETRY_MS = 20;
const MAX_TRIES = 100;

/** Only a single flash-sale item without coupons goes through the batcher. */
export function flashOnly(req: CheckoutRequest): { saleId: string; skuId: string; quantity: number } | null {
  const [only, ...rest] = req.items ?? [];
  if (!only || rest.length > 0 || !only.flashSaleId || (req.couponIds?.length ?? 0) > 0) return null;
  return { saleId: only.flashSaleId, skuId: only.skuId, quantity: only.quantity };
}

export class FlashCheckout {
  private readonly queues = new Map<string, Pending[]>();
  private readonly inFlight = new Map<string, number>();
  /** Buyers with a request in a running batch: their next one waits (per-buyer rows are upserted once per batch). */
  private readonly busyBuyers = new Set<string>();

  constructor(private readonly deps: FlashCheckoutDeps) {}

  /**
   * Sales found sold out, until when. Thousands of buyers on a few units mostly lose: once a
   * batch found no unit left, the buyers of the next moments are told so without a transaction
   * (a unit freed by a cancelled order is sellable again when the window ends). A repeat of an
   * earlier checkout is still answered with its stored result.
   */
  private readonly soldOutUntil = new Map<string, number>();

  async submit(r: FlashRequest): Promise<Outcome> {
    if ((this.soldOutUntil.get(r.saleId) ?? 0) > Date.now()) {
      const [used] = await this.deps.db.query('SELECT 1 FROM checkouts WHERE user_id = $1 AND idempotency_key = $2', [r.userId, r.key]);
      if (!used) throw new AppError('invalid_state', 'Sold out', 'items.0.quantity');
      return this.deps.direct(r.userId, r.key, r.req);
    }
    return new Promise<Outcome>((resolve, reject) => {
      const q = this.queues.get(r.saleId) ?? [];
      q.push({ ...r, resolve, reject });
      this.queues.set(r.saleId, q);
      this.pump(r.saleId);
    });
  }

  private pump(saleId: string): void {
    const q = this.queues.get(saleId);
    const running = this.inFlight.get(saleId) ?? 0;
    if (!q || q.length === 0 || running >= MAX_IN_FLIGHT || (running > 0 && q.length < MIN_OVERLAP)) return;
    const batch: Pending[] = [];
    const rest: Pending[] = [];
    const seen = new Set<string>();
    // With nothing running and a crowd waiting, half goes now and half at once beside it: two
    // transactions keep both PostgreSQL and this process busy, and nobody waits for one giant batch.
    const size = Math.min(MAX_BATCH, running === 0 && q.length >= 2 * MIN_OVERLAP ? Math.ceil(q.length / 2) : MAX_BATCH);
    for (const p of q) {
      if (batch.length < size && !seen.has(p.userId) && !this.busyBuyers.has(p.userId)) {
        batch.push(p);
        seen.add(p.userId);
      } else rest.push(p);
    }
    if (rest.length) this.queues.set(saleId, rest);
    else this.queues.delete(saleId);
    if (batch.length === 0) return;
    this.inFlight.set(saleId, (this.inFlight.get(saleId) ?? 0) + 1);
    for (const p of batch) this.busyBuyers.add(p.userId);
    void this.run(saleId, batch).finally(() => {
      this.inFlight.set(saleId, (this.inFlight.get(saleId) ?? 1) - 1);
      for (const p of batch) this.busyBuyers.delete(p.userId);
      this.pump(saleId);
    });
    this.pump(saleId);
  }

  private async run(saleId: string, batch: Pending[]): Promise<void> {
    let written: Written;
    try {
      const facts = await this.read(saleId, batch);
      written = await this.deps.db.tx((tx) => this.write(tx, saleId, batch, facts));
    } catch {
      // The whole batch failed (the sale is gone or over, or something unexpected): every buyer
      // gets the answer the one-by-one path gives them.
      await Promise.all(batch.map((p) => this.deps.direct(p.userId, p.key, p.req).then(p.resolve, p.reject)));
      return;
    }
    for (const [p, outcome] of written.done) p.resolve(outcome);
    for (const [p, error] of written.failed) p.reject(error);
    if (written.retry.length) this.retryLater(saleId, written.retry);
    // Replays (and keys in use) are answered by the one-by-one path, after this batch committed.
    await Promise.all(written.again.map((p) => this.deps.direct(p.userId, p.key, p.req).then(p.resolve, p.reject)));
  }

  /** Back in the queue shortly, after the transaction that holds the units has ended. */
  private retryLater(saleId: string, ps: Pending[]): void {
    setTimeout(() => {
      const q = this.queues.get(saleId) ?? [];
      q.push(...ps.map((p) => ({ ...p, tries: (p.tries ?? 0) + 1 })));
      this.queues.set(saleId, q);
      this.pump(saleId);
    }, RETRY_MS).unref();
  }

  /**
   * 1. What the batch is checked against, read at once on three connections before its
   * transaction: the sale, its SKU, the buyers' addresses. A batch's statements run one after
   * another, and under load each round trip cost ~2 ms of the batch's time, most of it waiting.
   * None of it is a claim: units are claimed (and a sale that ended meanwhile sells nothing) in
   * the transaction. Anything wrong with the sale or SKU is wrong for everyone: throwing hands the
   * whole batch to the one-by-one path, which words each error.
   */
  private async read(saleId: string, batch: Pending[]): Promise<Facts> {
    const { db, products, addressBook } = this.deps;
    const skuId = batch[0]!.skuId;
    const [[sale], skus, addresses] = await Promise.all([
      db.query<SaleFacts>(`SELECT sku_id, price_fen, per_buyer_limit, live_room_id, (status = 'scheduled' AND starts_at <= now() AND ends_at > now()) AS running FROM flash_sales WHERE id = $1`, [saleId]),
      products.checkoutView(db, [skuId]),
      addressBook.forCheckoutMany(db, batch.map((p) => ({ userId: p.userId, ...(p.req.addressId ? { addressId: p.req.addressId } : {}) }))),
    ]);
    const sku = skus.get(skuId);
    if (!sale || !sale.running || !sku || !sku.onSale || batch.some((p) => p.skuId !== sale.sku_id)) throw new Error('batch not writable');
    return { sale, sku, addresses };
  }

  private async write(tx: Tx, saleId: string, batch: Pending[], { sale, sku, addresses }: Facts): Promise<Written> {
    const out: Written = { done: [], failed: [], again: [], retry: [] };
    const expiresAt = new Date(Date.now() + this.deps.payTimeoutMinutes * 60_000);
    const field = (name: string) => `items.0.${name}`;
    const overLimit = () => new AppError('invalid_state', `At most ${sale.per_buyer_limit} per buyer in this flash sale`, field('quantity'));

    // 2. Per buyer, from what was read: address, expected total, per-buyer limit. The error is
    // told only if the key turns out unused: a replay gets its first answer, whatever changed.
    const ids = batch.map(() => newId('chk'));
    const shipTo = new Map<string, ShipToAddress>();
    const problem = batch.map((p, k): AppError | null => {
      const a = addresses[k]!;
      const total = sale.price_fen * p.quantity;
      if (!fromRoom(sale.live_room_id, p.req.source)) return new AppError('invalid_state', ROOM_ONLY, field('flashSaleId'));
      if (a instanceof AppError) return a;
      if (p.req.expectedTotalFen !== undefined && p.req.expectedTotalFen !== total) return conflict(`Prices changed: the total is now ${total} fen`, 'expectedTotalFen');
      if (p.quantity > sale.per_buyer_limit) return overLimit();
      shipTo.set(ids[k]!, a);
      return null;
    });
    const valid = batch.flatMap((p, k) => (problem[k] ? [] : [{ p, id: ids[k]! }]));

    // 3. One statement: claim the Idempotency-Keys (a key already used goes back to the
    // one-by-one path), count the freshly claimed valid buyers against the per-buyer limit, and
    // lock as many free units as those within it asked for, skipping units others are claiming.
    const [claim] = await tx.query<{ claimed: string[]; within: string[]; units: number[] }>(
      `WITH c AS (
         INSERT INTO checkouts (id, user_id, idempotency_key, request_hash, total_fen, expires_at)
         SELECT id, user_id, key, hash, 0, $5 FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS c (id, user_id, key, hash)
         ON CONFLICT (user_id, idempotency_key) DO NOTHING RETURNING id, user_id),
       w AS (SELECT * FROM unnest($7::text[], $8::int[]) AS w (id, q)),
       b AS (
         INSERT INTO flash_sale_buyers (sale_id, user_id, quantity) SELECT $6, c.user_id, w.q FROM w JOIN c ON c.id = w.id
         ON CONFLICT (sale_id, user_id) DO UPDATE SET quantity = flash_sale_buyers.quantity + EXCLUDED.quantity
           WHERE flash_sale_buyers.quantity + EXCLUDED.quantity <= $9 RETURNING user_id),
       u AS (
         SELECT unit_no FROM flash_sale_units
          WHERE sale_id = $6 AND order_id IS NULL
            AND EXISTS (SELECT 1 FROM flash_sales WHERE id = $6 AND status = 'scheduled' AND ends_at > now())
          ORDER BY unit_no
          LIMIT (SELECT coalesce(sum(w.q), 0) FROM w JOIN c ON c.id = w.id JOIN b ON b.user_id = c.user_id)
          FOR UPDATE SKIP LOCKED)
       SELECT ARRAY(SELECT id FROM c) AS claimed, ARRAY(SELECT user_id FROM b) AS within, ARRAY(SELECT unit_no FROM u ORDER BY unit_no) AS units`,
      [ids, batch.map((p) => p.userId), batch.map((p) => p.key), batch.map((p) => p.hash), expiresAt, saleId, valid.map((v) => v.id), valid.map((v) => v.p.quantity), sale.per_buyer_limit],
    );
    const fresh = new Set(claim!.claimed);
    const within = new Set(claim!.within);
    const free = claim!.units;
    let live: Array<{ p: Pending; checkoutId: string }> = [];
    batch.forEach((p, k) => {
      const checkoutId = ids[k]!;
      if (!fresh.has(checkoutId)) out.again.push(p);
      else if (problem[k]) out.failed.push([p, problem[k]!]);
      else if (!within.has(p.userId)) out.failed.push([p, overLimit()]);
      else live.push({ p, checkoutId });
    });
    if (live.length === 0 && fresh.size === 0) return out;

    // 4. Buyers are served in arrival order; the rest are sold out (their limit rows given back).
    let left = free.length;
    const soldOut: Pending[] = [];
    live = live.filter(({ p }) => (p.quantity <= left ? ((left -= p.quantity), true) : (soldOut.push(p), false)));
    // Units still unclaimed but locked: another transaction is claiming them right now.
    let claiming = false;
    if (soldOut.length) {
      const [row] = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM flash_sale_units WHERE sale_id = $1 AND order_id IS NULL', [saleId]);
      claiming = (row?.n ?? 0) > free.length;
    }
    for (const p of soldOut) {
      if (claiming && (p.tries ?? 0) < MAX_TRIES) out.retry.push(p);
      else out.failed.push([p, new AppError('invalid_state', 'Sold out', field('quantity'))]);
    }
    if (soldOut.length && left === 0 && !claiming) tx.afterCommit(() => this.soldOutUntil.set(saleId, Date.now() + SOLD_OUT_WINDOW_MS));
    if (soldOut.length) {
      await tx.query('UPDATE flash_sale_buyers b SET quantity = b.quantity - x.q FROM unnest($2::text[], $3::int[]) AS x (u, q) WHERE b.sale_id = $1 AND b.user_id = x.u', [
        saleId,
        soldOut.map((p) => p.userId),
        soldOut.map((p) => p.quantity),
      ]);
    }
    const dead = ids.filter((id) => fresh.has(id) && !live.some((l) => l.checkoutId === id));
    if (dead.length) await tx.query('DELETE FROM checkouts WHERE id = ANY($1::text[])', [dead]);
    if (live.length === 0) return out;

    await this.writeOrders(tx, saleId, sale.price_fen, sku, live, shipTo, free, expiresAt, out);
    return out;
  }

  /** 5. The orders, their lines, addresses, units, reservations, payments, events and jobs. */
  private async writeOrders(tx: Tx, saleId: string, priceFen: number, sku: CheckoutSku, live: Array<{ p: Pending; checkoutId: string }>, shipTo: Map<string, ShipToAddress>, units: number[], expiresAt: Date, out: Written): Promise<void> {
    const { bus, jobs, fees, payments, orderAddresses } = this.deps;
    const feeBps = fees.rateBps(sku.categoryId, sku.categoryParentId);
    const rows = live.map(({ p, checkoutId }) => {
      const lineFen = priceFen * p.quantity;
      return { p, checkoutId, orderId: newId('ord'), lineFen, feeFen: fees.feeFen(lineFen, feeBps), source: p.req.source ?? null };
    });
    const col = <T>(f: (r: (typeof rows)[number]) => T) => rows.map(f);
    const intents = payments ? await payments.createIntents(tx, rows.map((r) => ({ reference: r.checkoutId, amountFen: r.lineFen, payerId: r.p.userId, description: sku.title.slice(0, 200) }))) : null;

    const results = rows.map((r, k): CheckoutResult => ({
      checkoutId: r.checkoutId,
      totalFen: r.lineFen,
      expiresAt: expiresAt.toISOString(),
      orders: [{ id: r.orderId, storeId: sku.storeId, status: 'created', goodsFen: r.lineFen, discountFen: 0, payFen: r.lineFen, lines: [{ skuId: sku.skuId, title: sku.title, quantity: r.p.quantity, unitPriceFen: priceFen, lineFen: r.lineFen }] }],
      payment: intents ? { intentId: intents[k]!.id, payUrl: intents[k]!.payUrl } : null,
    }));
    // Units go to orders in arrival order.
    const unitOrders = rows.flatMap((r) => Array.from({ length: r.p.quantity }, () => r.orderId));
    // Commerce's own rows, the order events and the expiry job in one statement: sibling
    // data-modifying CTEs see one snapshot, and the foreign keys between them are checked when
    // the statement ends.
    const address = orderAddresses.sealedInsert(
      rows.map((r) => ({ orderId: r.orderId, address: shipTo.get(r.checkoutId)! })),
      1,
      24,
    );
    const at = new Date().toISOString();
    const events = bus.publishPart(
      tx,
      rows.map((r) => {
        const line: OrderLineFacts = { lineNo: 1, productId: sku.productId, skuId: sku.skuId, title: sku.title, quantity: r.p.quantity, paidFen: r.lineFen, source: r.source, touchedAt: at };
        const payload: OrderCreatedEvent = { orderId: r.orderId, checkoutId: r.checkoutId, userId: r.p.userId, storeId: sku.storeId, payFen: r.lineFen, source: r.source, lines: [line], shipToPrint: shipTo.get(r.checkoutId)!.print, devicePrint: r.p.req.deviceId ? orderAddresses.printDevice(r.p.req.deviceId) : null };
        return { topic: 'commerce.order.created', payload };
      }),
      35,
    );
    // One expiry job for the batch (its checkouts share the deadline): a job row carries 4 indexes.
    const checkoutIds = rows.map((r) => r.checkoutId);
    const expiry = jobs.enqueuePart(tx, [{ kind: EXPIRE_JOB, payload: { checkoutIds } satisfies ExpireJob, runAt: expiresAt, dedupeKey: `${EXPIRE_JOB}:${checkoutIds[0]}` }], 35 + events.params.length);
    await tx.query(
      `WITH o AS (
         INSERT INTO orders (id, checkout_id, user_id, store_id, status, goods_fen, discount_fen, platform_discount_fen, store_discount_fen, fee_fen, pay_fen, source_type, source_id, pay_deadline, payment_intent_id, pay_url)
         SELECT id, chk, usr, $11, 'created', fen, 0, 0, 0, fee, fen, st, sid, $12, pi, url
           FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::bigint[], $6::text[], $7::text[], $8::text[], $9::text[]) AS o (id, chk, usr, fen, fee, st, sid, pi, url)),
       t AS (INSERT INTO order_transitions (order_id, from_status, to_status, actor_type, actor_id) SELECT id, NULL, 'created', 'buyer', usr FROM unnest($1::text[], $3::text[]) AS t (id, usr)),
       a AS (${address.sql}),
       l AS (
         INSERT INTO order_lines (order_id, line_no, sku_id, product_id, title, option_values, image_id, unit_price_fen, quantity, line_fen, no_reason_return, flash_sale_id, category_id, fee_bps, fee_fen, platform_discount_fen, store_discount_fen, source_type, source_id, touched_at)
         SELECT id, 1, $13, $14, $15, $16, $17, $18, q, fen, $19, $20, $21, $22, fee, 0, 0, CASE WHEN st = 'other' THEN NULL ELSE st END, sid, now()
           FROM unnest($1::text[], $10::int[], $4::bigint[], $5::bigint[], $6::text[], $7::text[]) AS l (id, q, fen, fee, st, sid)),
       u AS (UPDATE flash_sale_units fu SET order_id = ($33::text[])[array_position($32::int[], fu.unit_no)], claimed_at = now() WHERE fu.sale_id = $20 AND fu.unit_no = ANY($32::int[])),
       r AS (INSERT INTO stock_reservations (id, order_id, sku_id, quantity, flash_sale_id, status, expires_at) SELECT rid, id, $13, q, $20, 'held', $12 FROM unnest($23::text[], $1::text[], $10::int[]) AS r (rid, id, q)),
       e AS (${events.sql}),
       j AS (${expiry.sql})
       UPDATE checkouts c SET total_fen = x.t, result = x.r FROM unnest($2::text[], $4::bigint[], $34::jsonb[]) AS x (id, t, r) WHERE c.id = x.id`,
      [
        col((r) => r.orderId), // $1
        col((r) => r.checkoutId),
        col((r) => r.p.userId),
        col((r) => r.lineFen),
        col((r) => r.feeFen), // $5
        col((r) => r.source?.type ?? 'other'),
        col((r) => r.source?.id ?? null),
        intents?.map((i) => i.id) ?? col(() => null),
        intents?.map((i) => i.payUrl) ?? col(() => null),
        col((r) => r.p.quantity), // $10
        sku.storeId,
        expiresAt,
        sku.skuId,
        sku.productId,
        sku.title, // $15
        JSON.stringify(sku.optionValues),
        sku.imageId,
        priceFen,
        sku.noReasonReturn,
        saleId, // $20
        sku.categoryId,
        feeBps,
        col(() => newId('rsv')),
        ...address.params, // $24 … $31
        units.slice(0, unitOrders.length), // $32
        unitOrders,
        results.map((r) => JSON.stringify(r)), // $34
        ...events.params, // $35 …
        ...expiry.params,
      ],
    );
    rows.forEach((r, k) => out.done.push([r.p, { result: results[k]!, replayed: false }]));
  }
}

interface SaleFacts {
  sku_id: string;
  price_fen: number;
  per_buyer_limit: number;
  running: boolean;
  live_room_id: string | null;
}

interface Facts {
  sale: SaleFacts;
  sku: CheckoutSku;
  /** Per buyer of the batch, in its order. */
  addresses: Array<ShipToAddress | AppError>;
}

interface Written {
  done: Array<[Pending, Outcome]>;
  failed: Array<[Pending, AppError]>;
  /** Sold out only because another transaction holds the last units: asked again shortly. */
  retry: Pending[];
  again: Pending[];
}
