import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Product } from '../../src/modules/catalog/model.ts';
import type { Store } from '../../src/modules/catalog/stores.ts';
import type { CheckoutResult } from '../../src/modules/commerce/checkout.ts';
import type { FlashSale } from '../../src/modules/commerce/flash-sales.ts';
import type { Order } from '../../src/modules/commerce/orders.ts';
import { seededId } from '../../src/platform/ids.ts';
import { TEST_ADDRESS, Client, startTestPlatform, type TestPlatform } from '../support/platform.ts';

let t: TestPlatform;
let merchant: Client;
let store: Store;
let categoryId: string;
let keyN = 0;
const key = () => `flash-key-${++keyN}`;
const inAMinute = () => new Date(Date.now() + 60_000).toISOString();
const aSecondAgo = () => new Date(Date.now() - 1000).toISOString();

beforeAll(async () => {
  t = await startTestPlatform({ SANDBOX_PSP_MAX_DELAY_MS: '0', SANDBOX_PSP_DUPLICATE_RATE: '0' });
  const root = await t.platform.services.categories.create({ nameZh: '生鲜', nameEn: 'Fresh' });
  categoryId = (await t.platform.services.categories.create({ parentId: root.id, nameZh: '水果', nameEn: 'Fruit' })).id;
  merchant = await t.client.register('flash-merchant@example.com', ['merchant']);
  store = (await merchant.post<Store>('/api/v1/merchant/stores', { name: '秒杀果园', rural: true })).body;
});
afterAll(() => t.close());

async function sku(stock: number): Promise<{ product: Product; skuId: string }> {
  const product = (await merchant.post<Product>(`/api/v1/merchant/stores/${store.id}/products`, { title: '赣南脐橙 5kg', categoryId, skus: [{ optionValues: {}, priceFen: 5990, stock }] })).body;
  return { product, skuId: product.skus[0]!.id };
}
const stockOf = async (p: Product) => (await t.client.get<Product>(`/api/v1/products/${p.id}`)).body.skus[0]!.stock;
const sale = (skuId: string, over: Record<string, unknown> = {}) => merchant.post<FlashSale>('/api/v1/merchant/flash-sales', { skuId, priceFen: 990, quantity: 50, perBuyerLimit: 1, startsAt: aSecondAgo(), endsAt: inAMinute(), ...over });

/** Many shoppers at once: accounts made in bulk, each with its own bearer session. */
async function shoppers(n: number, tag: string): Promise<Client[]> {
  const users = Array.from({ length: n }, (_, i) => ({ id: seededId('usr', 900_000 + i + 1000 * keyN++), email: `${tag}${i}@example.com`, password: 'correct-horse-1', displayName: `${tag}${i}`, roles: [] }));
  await t.platform.db.tx(async (tx) => {
    await t.platform.services.identity.importUsers(tx, users);
    await t.platform.services.addresses.importDefaults(tx, users.map((u) => ({ userId: u.id, address: TEST_ADDRESS })));
  });
  return Promise.all(users.map(async (u) => t.client.as((await t.platform.services.identity.createSession(u.id, 'bearer', 'test')).token)));
}

describe('flash sale', () => {
  it('moves the quantity out of the SKU stock and refuses bad sales', async () => {
    const { product, skuId } = await sku(80);
    const created = await sale(skuId);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ quantity: 50, remaining: 50, status: 'running' });
    expect(await stockOf(product)).toBe(30);
    expect((await sale(skuId, { priceFen: 5990 })).problem.field).toBe('priceFen');
    expect((await sale(skuId, { quantity: 31 })).problem).toMatchObject({ code: 'invalid_state', field: 'quantity' });
    expect((await sale(skuId, { endsAt: aSecondAgo(), startsAt: new Date(Date.now() - 5000).toISOString() })).problem.field).toBe('endsAt');
    const other = await t.client.register('flash-other@example.com', ['merchant']);
    expect((await other.post('/api/v1/merchant/flash-sales', { skuId, priceFen: 990, quantity: 1, perBuyerLimit: 1, startsAt: aSecondAgo(), endsAt: inAMinute() })).status).toBe(403);
    expect(await stockOf(product)).toBe(30);
  });

  it('500 concurrent buyers on 50 units: exactly 50 orders, all paid, never oversold', async () => {
    const { product, skuId } = await sku(50);
    const s = (await sale(skuId)).body;
    expect(await stockOf(product)).toBe(0);
    const buyers = await shoppers(500, 'rush');
    const results = await Promise.all(
      buyers.map((b, i) => b.post<CheckoutResult>('/api/v1/checkout', { items: [{ skuId, quantity: 1, flashSaleId: s.id }], source: { type: 'live_room', id: 'room_1' } }, { 'idempotency-key': `rush-key-${i}` })),
    );
    const won = results.filter((r) => r.status === 201);
    expect(won).toHaveLength(50);
    const losers = new Set(results.filter((r) => r.status !== 201).map((r) => `${r.status} ${r.problem.code} ${r.problem.detail}`));
    expect([...losers]).toEqual(['409 invalid_state Sold out']);
    expect(won.every((r) => r.body.totalFen === 990)).toBe(true);
    expect((await t.client.get<FlashSale>(`/api/v1/flash-sales/${s.id}`)).body.remaining).toBe(0);

    // Every winner pays at the sandbox cashier.
    const winners = results.map((r, i) => ({ r, b: buyers[i]! })).filter((x) => x.r.status === 201);
    await Promise.all(winners.map(({ r, b }) => b.post(`/api/v1/sandbox-psp/payments/${r.body.payment!.payUrl.split('/pay/')[1]}/confirm`, { outcome: 'succeed' })));
    for (const { r, b } of winners) await expect.poll(async () => (await b.get<Order>(`/api/v1/orders/${r.body.orders[0]!.id}`)).body.status, { timeout: 30_000 }).toBe('paid');
    // The batched orders keep a copy of each buyer's address, which opens to what the buyer entered.
    expect((await winners[0]!.b.get<Order>(`/api/v1/orders/${winners[0]!.r.body.orders[0]!.id}`)).body.shippingAddress).toEqual({ ...TEST_ADDRESS, masked: false });
    const [units] = await t.platform.db.query<{ claimed: number; orders: number }>(`SELECT count(*)::int AS claimed, count(DISTINCT order_id)::int AS orders FROM flash_sale_units WHERE sale_id = $1 AND order_id IS NOT NULL`, [s.id]);
    expect(units).toEqual({ claimed: 50, orders: 50 });
    expect(await stockOf(product)).toBe(0);
    const trial = await t.platform.services.ledger.trialBalance();
    expect(trial.every((row) => row.netFen === 0)).toBe(true);
  });

  it('holds each buyer to the limit, sells only while running, and gives cancelled units back', async () => {
    const { product, skuId } = await sku(10);
    const s = (await sale(skuId, { quantity: 5, perBuyerLimit: 2 })).body;
    const [buyer] = await shoppers(1, 'limit');
    const buy = (q: number) => buyer!.post<CheckoutResult>('/api/v1/checkout', { items: [{ skuId, quantity: q, flashSaleId: s.id }] }, { 'idempotency-key': key() });
    expect((await buy(3)).problem).toMatchObject({ code: 'invalid_state', field: 'items.0.quantity' });
    const first = await buy(2);
    expect(first.status).toBe(201);
    expect((await buy(1)).status).toBe(409); // the limit counts what the buyer already holds
    expect((await t.client.get<FlashSale>(`/api/v1/flash-sales/${s.id}`)).body.remaining).toBe(3);
    await buyer!.post(`/api/v1/orders/${first.body.orders[0]!.id}/cancel`, {});
    expect((await t.client.get<FlashSale>(`/api/v1/flash-sales/${s.id}`)).body.remaining).toBe(5);
    expect((await buy(2)).status).toBe(201); // the units and the allowance came back

    const later = (await sale(skuId, { quantity: 1, startsAt: inAMinute(), endsAt: new Date(Date.now() + 120_000).toISOString() })).body;
    expect(later.status).toBe('scheduled');
    expect((await buyer!.post('/api/v1/checkout', { items: [{ skuId, quantity: 1, flashSaleId: later.id }] }, { 'idempotency-key': key() })).problem.code).toBe('invalid_state');
    expect((await buyer!.post('/api/v1/checkout', { items: [{ skuId, quantity: 1, flashSaleId: 'fls_0000000000zzzzzzzzzz' }] }, { 'idempotency-key': key() })).problem).toMatchObject({ code: 'not_found', field: 'items.0.flashSaleId' });
    expect(await stockOf(product)).toBe(4); // 10 − 5 − 1 allocated to the two sales
  });

  it('answers each buyer of a batch on their own: replays, one buyer twice at once, limits, no address', async () => {
    const { skuId } = await sku(30);
    const s = (await sale(skuId, { quantity: 6, perBuyerLimit: 2 })).body;
    const [a, b, c, noAddress] = await shoppers(4, 'batch');
    await t.platform.db.query('DELETE FROM addresses WHERE user_id = (SELECT id FROM users WHERE email = $1)', ['batch3@example.com']);
    const body = (q: number) => ({ items: [{ skuId, quantity: q, flashSaleId: s.id }] });
    // All at once, so they meet in the same batches.
    const [a1, a1again, a2, b1, c3, n1] = await Promise.all([
      a!.post<CheckoutResult>('/api/v1/checkout', body(1), { 'idempotency-key': 'batch-a-1' }),
      a!.post<CheckoutResult>('/api/v1/checkout', body(1), { 'idempotency-key': 'batch-a-1' }),
      a!.post<CheckoutResult>('/api/v1/checkout', body(1), { 'idempotency-key': 'batch-a-2' }),
      b!.post<CheckoutResult>('/api/v1/checkout', body(2), { 'idempotency-key': 'batch-b-1' }),
      c!.post<CheckoutResult>('/api/v1/checkout', body(3), { 'idempotency-key': 'batch-c-1' }),
      noAddress!.post<CheckoutResult>('/api/v1/checkout', body(1), { 'idempotency-key': 'batch-n-1' }),
    ]);
    // The same key twice: one order; the other answer is its replay, or (while the first is
    // being written) a 409 asking to retry. Either of the two may arrive first.
    const first = [a1, a1again].find((r) => r.status === 201)!;
    const second = first === a1 ? a1again : a1;
    expect([200, 409]).toContain(second.status);
    if (second.status === 200) expect(second.body.checkoutId).toBe(first.body.checkoutId);
    expect([a2.status, b1.status]).toEqual([201, 201]);
    expect(c3.problem).toMatchObject({ status: 409, code: 'invalid_state', field: 'items.0.quantity' });
    expect(n1.problem).toMatchObject({ status: 400, field: 'addressId' });
    // Replays after the fact return the first result.
    const replay = await a!.post<CheckoutResult>('/api/v1/checkout', body(1), { 'idempotency-key': 'batch-a-1' });
    expect(replay.status).toBe(200);
    expect(replay.body).toEqual(first.body);
    expect((await a!.post('/api/v1/checkout', body(1), { 'idempotency-key': 'batch-a-3' })).problem).toMatchObject({ code: 'invalid_state', field: 'items.0.quantity' });
    // A rejected attempt leaves nothing behind, its key included.
    expect((await c!.post<CheckoutResult>('/api/v1/checkout', body(2), { 'idempotency-key': 'batch-c-1' })).status).toBe(201);
    expect((await t.client.get<FlashSale>(`/api/v1/flash-sales/${s.id}`)).body.remaining).toBe(0);
    const order = (await b!.get<Order>(`/api/v1/orders/${b1.body.orders[0]!.id}`)).body;
    expect(order).toMatchObject({ status: 'created', goodsFen: 1980, payFen: 1980, shippingAddress: { ...TEST_ADDRESS, masked: false } });
    expect(order.lines[0]).toMatchObject({ skuId, quantity: 2, unitPriceFen: 990, lineFen: 1980 });
  });

  it('sells a unit given back by a cancelled order again, after telling others it was sold out', async () => {
    const { skuId } = await sku(5);
    const s = (await sale(skuId, { quantity: 1 })).body;
    const [a, b] = await shoppers(2, 'again');
    const buy = (c: Client, k: string) => c.post<CheckoutResult>('/api/v1/checkout', { items: [{ skuId, quantity: 1, flashSaleId: s.id }] }, { 'idempotency-key': k });
    const first = await buy(a!, 'again-key-a');
    expect(first.status).toBe(201);
    expect((await buy(b!, 'again-key-b1')).problem).toMatchObject({ status: 409, detail: 'Sold out', field: 'items.0.quantity' });
    // While the sale is known to be sold out, a repeat of a checkout still gets its first answer.
    const replay = await buy(a!, 'again-key-a');
    expect([replay.status, replay.body.checkoutId]).toEqual([200, first.body.checkoutId]);
    expect((await a!.post(`/api/v1/orders/${first.body.orders[0]!.id}/cancel`, {})).status).toBe(200);
    let n = 0;
    await expect.poll(async () => (await buy(b!, `again-key-b${++n + 1}`)).status, { timeout: 10_000, interval: 100 }).toBe(201);
  });

  it('cancels the unpaid orders of a batch at their deadline and gives the units back to the sale (one expiry job per batch)', async () => {
    const { skuId } = await sku(10);
    const s = (await sale(skuId, { quantity: 6 })).body;
    const buyers = await shoppers(4, 'expiry');
    const results = await Promise.all(buyers.map((b, i) => b.post<CheckoutResult>('/api/v1/checkout', { items: [{ skuId, quantity: 1, flashSaleId: s.id }] }, { 'idempotency-key': `expiry-${i}` })));
    expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201]);
    const ids = results.map((r) => r.body.checkoutId);
    expect((await t.client.get<FlashSale>(`/api/v1/flash-sales/${s.id}`)).body.remaining).toBe(2);
    const jobs = await t.platform.db.query<{ dedupe_key: string; n: number }>(
      `SELECT dedupe_key, jsonb_array_length(payload->'checkoutIds') AS n FROM jobs WHERE kind = 'commerce.expire_checkout' AND payload->'checkoutIds' ?| $1::text[]`,
      [ids],
    );
    expect(jobs.reduce((a, j) => a + j.n, 0)).toBe(4); // every checkout is in exactly one job
    expect(jobs.length).toBeLessThanOrEqual(4);
    await t.platform.db.query(`UPDATE orders SET pay_deadline = now() - interval '1 second' WHERE checkout_id = ANY($1::text[])`, [ids]);
    await t.platform.db.query(`UPDATE jobs SET run_at = now() WHERE dedupe_key = ANY($1::text[])`, [jobs.map((j) => j.dedupe_key)]);
    await t.platform.jobs.drain();
    for (const [i, r] of results.entries()) {
      const order = (await buyers[i]!.get<Order>(`/api/v1/orders/${r.body.orders[0]!.id}`)).body;
      expect(order.status).toBe('cancelled');
      expect(order.history.at(-1)).toMatchObject({ to: 'cancelled', actor: 'system', reason: 'payment deadline passed' });
    }
    expect((await t.client.get<FlashSale>(`/api/v1/flash-sales/${s.id}`)).body.remaining).toBe(6);
  });

  it('returns unsold units to the SKU when the sale ends', async () => {
    const { product, skuId } = await sku(20);
    const s = (await sale(skuId, { quantity: 8 })).body;
    const [buyer] = await shoppers(1, 'end');
    expect((await buyer!.post('/api/v1/checkout', { items: [{ skuId, quantity: 1, flashSaleId: s.id }] }, { 'idempotency-key': key() })).status).toBe(201);
    expect(await stockOf(product)).toBe(12);
    await t.platform.db.query(`UPDATE flash_sales SET ends_at = now() - interval '1 second', starts_at = now() - interval '2 seconds' WHERE id = $1`, [s.id]);
    await t.platform.db.query(`UPDATE jobs SET run_at = now() WHERE dedupe_key = $1`, [`commerce.end_flash_sale:${s.id}`]);
    await t.platform.jobs.drain();
    expect(await stockOf(product)).toBe(19); // 7 unsold units back; 1 still held by the unpaid order
    expect((await t.client.get<FlashSale>(`/api/v1/flash-sales/${s.id}`)).body).toMatchObject({ status: 'ended', remaining: 0 });
    const mine = (await buyer!.get<{ items: Order[] }>('/api/v1/orders')).body.items[0]!;
    await buyer!.post(`/api/v1/orders/${mine.id}/cancel`, {});
    expect(await stockOf(product)).toBe(20); // the held unit too, once its order is cancelled
  });

  // Two transactions at once need PostgreSQL (PGlite runs one at a time).
  if (process.env.DATABASE_URL)
    it('units another transaction is claiming are not "sold out": buyers wait, and get them when it rolls back (its process died)', async () => {
      const { skuId } = await sku(3);
      const s = (await sale(skuId, { quantity: 3 })).body;
      const buyers = await shoppers(3, 'waiters');
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      let locked!: () => void;
      const lockedNow = new Promise<void>((r) => (locked = r));
      // Another api process's batch has locked every unit, and will never commit.
      const dying = t.platform.db
        .tx(async (tx) => {
          await tx.query('SELECT unit_no FROM flash_sale_units WHERE sale_id = $1 FOR UPDATE', [s.id]);
          locked();
          await held;
          throw new Error('the process died');
        })
        .catch(() => undefined);
      await lockedNow;
      const asks = buyers.map((b, i) => b.post<CheckoutResult>('/api/v1/checkout', { items: [{ skuId, quantity: 1, flashSaleId: s.id }], source: { type: 'live_room', id: 'room_1' } }, { 'idempotency-key': `waiter-${i}` }));
      await new Promise((r) => setTimeout(r, 300)); // the buyers' batches find the units locked, and wait
      release();
      await dying;
      expect((await Promise.all(asks)).map((r) => r.status)).toEqual([201, 201, 201]);
      expect((await t.client.get<FlashSale>(`/api/v1/flash-sales/${s.id}`)).body.remaining).toBe(0);
    });
});

