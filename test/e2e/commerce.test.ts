import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Product } from '../../src/modules/catalog/model.ts';
import type { Store } from '../../src/modules/catalog/stores.ts';
import type { Cart } from '../../src/modules/commerce/cart.ts';
import type { CheckoutResult } from '../../src/modules/commerce/checkout.ts';
import type { Order } from '../../src/modules/commerce/orders.ts';
import { Client, dbFingerprint, startTestPlatform, type TestPlatform } from '../support/platform.ts';

let t: TestPlatform;
let merchantA: Client;
let merchantB: Client;
let shopper: Client;
let categoryId: string;
let keyN = 0;
const key = () => `test-key-${++keyN}-${Date.now()}`;

beforeAll(async () => {
  // The sandbox PSP sends every webhook twice and at once: duplicates must change nothing.
  t = await startTestPlatform({ SANDBOX_PSP_MAX_DELAY_MS: '0', SANDBOX_PSP_DUPLICATE_RATE: '1', PLATFORM_FEE_BPS: '500' });
  const root = await t.platform.services.categories.create({ nameZh: '食品', nameEn: 'Food' });
  categoryId = (await t.platform.services.categories.create({ parentId: root.id, nameZh: '零食', nameEn: 'Snacks' })).id;
  merchantA = await t.client.register('ma@example.com', ['merchant']);
  merchantB = await t.client.register('mb@example.com', ['merchant']);
  shopper = await t.client.register('buyer@example.com');
});
afterAll(() => t.close());

async function product(m: Client, stock: number[], prices = stock.map((_, i) => 1000 + i * 100)): Promise<Product> {
  const stores = (await m.get<Store[]>('/api/v1/merchant/stores')).body;
  const store = stores[0] ?? (await m.post<Store>('/api/v1/merchant/stores', { name: `店铺${Math.random().toString(36).slice(2, 6)}` })).body;
  const values = stock.map((_, i) => `款${i}`);
  const r = await m.post<Product>(`/api/v1/merchant/stores/${store.id}/products`, {
    title: '测试商品',
    categoryId,
    options: [{ name: '款式', values }],
    skus: stock.map((s, i) => ({ optionValues: { 款式: values[i] }, priceFen: prices[i], stock: s })),
  });
  expect(r.status).toBe(201);
  return r.body;
}
const stockOf = async (skuId: string, productId: string) => (await t.client.get<Product>(`/api/v1/products/${productId}`)).body.skus.find((s) => s.id === skuId)!.stock;

describe('cart', () => {
  it('keeps quantities, prices lines now, and groups by store', async () => {
    const a = await product(merchantA, [5]);
    const b = await product(merchantB, [5]);
    await shopper.put(`/api/v1/cart/items/${a.skus[0]!.id}`, { quantity: 2 });
    const cart = (await shopper.put<Cart>(`/api/v1/cart/items/${b.skus[0]!.id}`, { quantity: 1, source: { type: 'search' } })).body;
    expect(cart.stores).toHaveLength(2);
    expect(cart.totalFen).toBe(2 * 1000 + 1000);
    await merchantA.patch(`/api/v1/merchant/skus/${a.skus[0]!.id}`, { priceFen: 1500 });
    expect((await shopper.get<Cart>('/api/v1/cart')).body.totalFen).toBe(2 * 1500 + 1000);
    expect((await shopper.delete<Cart>(`/api/v1/cart/items/${b.skus[0]!.id}`)).body.count).toBe(1);
    await shopper.delete(`/api/v1/cart/items/${a.skus[0]!.id}`);
    expect((await shopper.put(`/api/v1/cart/items/sku_0000000000zzzzzzzzzz`, { quantity: 1 })).status).toBe(404);
  });
});

describe('checkout', () => {
  it('splits into one order per store, reserves stock and empties the cart', async () => {
    const a = await product(merchantA, [5, 5]);
    const b = await product(merchantB, [3]);
    await shopper.put(`/api/v1/cart/items/${a.skus[0]!.id}`, { quantity: 2 });
    await shopper.put(`/api/v1/cart/items/${a.skus[1]!.id}`, { quantity: 1 });
    await shopper.put(`/api/v1/cart/items/${b.skus[0]!.id}`, { quantity: 3 });
    const r = await shopper.post<CheckoutResult>('/api/v1/checkout', { source: { type: 'feed_video', id: 'vid_1' } }, { 'idempotency-key': key() });
    expect(r.status).toBe(201);
    expect(r.body.orders).toHaveLength(2);
    expect(r.body.totalFen).toBe(2 * 1000 + 1100 + 3 * 1000);
    expect(r.body.orders.reduce((x, o) => x + o.payFen, 0)).toBe(r.body.totalFen);
    expect(await stockOf(a.skus[0]!.id, a.id)).toBe(3);
    expect(await stockOf(b.skus[0]!.id, b.id)).toBe(0);
    expect((await shopper.get<Cart>('/api/v1/cart')).body.count).toBe(0);
    const order = (await shopper.get<Order>(`/api/v1/orders/${r.body.orders[0]!.id}`)).body;
    expect(order.status).toBe('created');
    expect(order.source).toEqual({ type: 'feed_video', id: 'vid_1' });
    expect(order.history).toEqual([expect.objectContaining({ from: null, to: 'created', actor: 'buyer' })]);
  });

  it('is idempotent: a repeat returns the first result and creates nothing', async () => {
    const a = await product(merchantA, [10]);
    const k = key();
    const body = { items: [{ skuId: a.skus[0]!.id, quantity: 2 }] };
    const first = await shopper.post<CheckoutResult>('/api/v1/checkout', body, { 'idempotency-key': k });
    const before = await dbFingerprint(t.platform);
    const again = await Promise.all([1, 2, 3].map(() => shopper.post<CheckoutResult>('/api/v1/checkout', body, { 'idempotency-key': k })));
    for (const r of again) {
      expect(r.status).toBe(200);
      expect(r.headers.get('idempotent-replayed')).toBe('true');
      expect(r.body).toEqual(first.body);
    }
    expect(await dbFingerprint(t.platform)).toEqual(before);
    expect(await stockOf(a.skus[0]!.id, a.id)).toBe(8);
    const other = await shopper.post('/api/v1/checkout', { items: [{ skuId: a.skus[0]!.id, quantity: 3 }] }, { 'idempotency-key': k });
    expect(other.status).toBe(409);
    expect(other.problem.field).toBe('idempotency-key');
  });

  it('rejects bad demand and tampered totals, and writes nothing', async () => {
    const a = await product(merchantA, [4]);
    const sku = a.skus[0]!.id;
    const before = await dbFingerprint(t.platform);
    const cases: Array<[unknown, Record<string, string>, number, string]> = [
      [{ items: [{ skuId: sku, quantity: 1 }] }, {}, 400, 'headers.idempotency-key'],
      [{ items: [{ skuId: sku, quantity: 0 }] }, { 'idempotency-key': key() }, 400, 'items.0.quantity'],
      [{ items: [{ skuId: sku, quantity: -1 }] }, { 'idempotency-key': key() }, 400, 'items.0.quantity'],
      [{ items: [{ skuId: sku, quantity: 1_000_000 }] }, { 'idempotency-key': key() }, 400, 'items.0.quantity'],
      [{ items: [{ skuId: sku, quantity: 1, priceFen: 1 }] }, { 'idempotency-key': key() }, 400, 'items.0.priceFen'],
      [{ items: [{ skuId: sku, quantity: 1 }], expectedTotalFen: 1 }, { 'idempotency-key': key() }, 409, 'expectedTotalFen'],
      [{ items: [{ skuId: sku, quantity: 3 }, { skuId: sku, quantity: 2 }] }, { 'idempotency-key': key() }, 409, 'items.0.quantity'],
      [{ items: [{ skuId: 'sku_0000000000zzzzzzzzzz', quantity: 1 }] }, { 'idempotency-key': key() }, 404, 'items.0.skuId'],
      [{}, { 'idempotency-key': key() }, 400, 'items'],
    ];
    for (const [body, headers, status, field] of cases) {
      const r = await shopper.post('/api/v1/checkout', body, headers);
      expect([r.status, r.problem.field], JSON.stringify(body)).toEqual([status, field]);
    }
    expect(await dbFingerprint(t.platform)).toEqual(before);
    expect(await stockOf(sku, a.id)).toBe(4);
  });

  it('sells exactly the stock to concurrent buyers, never more', async () => {
    const a = await product(merchantA, [10]);
    const sku = a.skus[0]!.id;
    const buyers = await Promise.all(Array.from({ length: 25 }, (_, i) => t.client.register(`rush${i}@example.com`)));
    const results = await Promise.all(buyers.map((b) => b.post<CheckoutResult>('/api/v1/checkout', { items: [{ skuId: sku, quantity: 1 }] }, { 'idempotency-key': key() })));
    expect(results.filter((r) => r.status === 201)).toHaveLength(10);
    expect(results.filter((r) => r.status === 409).every((r) => r.problem.code === 'invalid_state')).toBe(true);
    expect(await stockOf(sku, a.id)).toBe(0);
    const [held] = await t.platform.db.query<{ n: number }>(`SELECT coalesce(sum(quantity), 0)::int AS n FROM stock_reservations WHERE sku_id = $1 AND status = 'held'`, [sku]);
    expect(held!.n).toBe(10);
  });
});

describe('orders', () => {
  it('lets the buyer cancel an unpaid order, giving the stock back, once', async () => {
    const a = await product(merchantA, [6]);
    const r = await shopper.post<CheckoutResult>('/api/v1/checkout', { items: [{ skuId: a.skus[0]!.id, quantity: 4 }] }, { 'idempotency-key': key() });
    const orderId = r.body.orders[0]!.id;
    const stranger = await t.client.register('stranger@example.com');
    expect((await stranger.post(`/api/v1/orders/${orderId}/cancel`, {})).status).toBe(404);
    expect((await stranger.get(`/api/v1/orders/${orderId}`)).status).toBe(404);
    const cancelled = await shopper.post<Order>(`/api/v1/orders/${orderId}/cancel`, { reason: '不想要了' });
    expect(cancelled.body.status).toBe('cancelled');
    expect(await stockOf(a.skus[0]!.id, a.id)).toBe(6);
    const twice = await shopper.post(`/api/v1/orders/${orderId}/cancel`, {});
    expect(twice.status).toBe(409);
    expect(await stockOf(a.skus[0]!.id, a.id)).toBe(6);
  });

  it('cancels orders whose payment deadline passed and releases their stock (durable job)', async () => {
    const a = await product(merchantA, [3]);
    const r = await shopper.post<CheckoutResult>('/api/v1/checkout', { items: [{ skuId: a.skus[0]!.id, quantity: 3 }] }, { 'idempotency-key': key() });
    expect(await stockOf(a.skus[0]!.id, a.id)).toBe(0);
    // Let the deadline pass: move it (and the job scheduled for it) into the past.
    await t.platform.db.query(`UPDATE orders SET pay_deadline = now() - interval '1 second' WHERE checkout_id = $1`, [r.body.checkoutId]);
    await t.platform.db.query(`UPDATE jobs SET run_at = now() WHERE dedupe_key = $1`, [`commerce.expire_checkout:${r.body.checkoutId}`]);
    await t.platform.jobs.drain();
    const order = (await shopper.get<Order>(`/api/v1/orders/${r.body.orders[0]!.id}`)).body;
    expect(order.status).toBe('cancelled');
    expect(order.history.at(-1)).toMatchObject({ to: 'cancelled', actor: 'system', reason: 'payment deadline passed' });
    expect(await stockOf(a.skus[0]!.id, a.id)).toBe(3);
  });

  it('lets only the store ship, and only a paid order', async () => {
    const a = await product(merchantA, [2]);
    const r = await shopper.post<CheckoutResult>('/api/v1/checkout', { items: [{ skuId: a.skus[0]!.id, quantity: 1 }] }, { 'idempotency-key': key() });
    const orderId = r.body.orders[0]!.id;
    expect((await merchantB.post(`/api/v1/merchant/orders/${orderId}/ship`, { carrier: 'sf', trackingNo: 'SF1234567890' })).status).toBe(403);
    const unpaid = await merchantA.post(`/api/v1/merchant/orders/${orderId}/ship`, { carrier: 'sf', trackingNo: 'SF1234567890' });
    expect(unpaid.status).toBe(409);
    expect(unpaid.problem.code).toBe('invalid_state');
    const stores = (await merchantA.get<Store[]>('/api/v1/merchant/stores')).body;
    const list = await merchantA.get<{ items: Order[] }>(`/api/v1/merchant/stores/${stores[0]!.id}/orders?status=created`);
    expect(list.body.items.map((o) => o.id)).toContain(orderId);
    expect((await merchantB.get(`/api/v1/merchant/stores/${stores[0]!.id}/orders`)).status).toBe(403);
  });
});

describe('payment', () => {
  const pay = async (c: Client, r: CheckoutResult, outcome: 'succeed' | 'fail' = 'succeed') => c.post(`/api/v1/sandbox-psp/payments/${r.payment!.payUrl.split('/pay/')[1]}/confirm`, { outcome });
  const statusOf = async (orderId: string) => (await shopper.get<Order>(`/api/v1/orders/${orderId}`)).body.status;

  it('pays every order of a checkout, books the money, and lets the store ship', async () => {
    const a = await product(merchantA, [5]);
    const b = await product(merchantB, [5]);
    const r = (await shopper.post<CheckoutResult>('/api/v1/checkout', { items: [{ skuId: a.skus[0]!.id, quantity: 2 }, { skuId: b.skus[0]!.id, quantity: 1 }] }, { 'idempotency-key': key() })).body;
    expect(r.payment?.payUrl).toMatch(/^\/pay\//);
    expect((await pay(shopper, r)).status).toBe(200);
    for (const o of r.orders) await expect.poll(() => statusOf(o.id), { timeout: 20_000 }).toBe('paid');

    const entries = await t.platform.services.ledger.entriesFor('checkout', r.checkoutId);
    expect(entries).toHaveLength(1); // the webhook came twice; the money was booked once
    const feeA = Math.floor((r.orders.find((o) => o.lines[0]!.skuId === a.skus[0]!.id)!.payFen * 500) / 10_000);
    const storeA = r.orders.find((o) => o.lines[0]!.skuId === a.skus[0]!.id)!;
    const payable = await t.platform.services.ledger.balance(`merchant:${storeA.storeId}:payable`);
    expect(-payable.balanceFen).toBe(storeA.payFen - feeA);
    const trial = await t.platform.services.ledger.trialBalance();
    expect(trial.every((row) => row.netFen === 0)).toBe(true);

    const shipped = await merchantA.post<Order>(`/api/v1/merchant/orders/${storeA.id}/ship`, { carrier: 'sf', trackingNo: 'SF1234567890' });
    expect(shipped.status).toBe(200);
    expect(shipped.body.status).toBe('shipped');
    expect(shipped.body.history.map((h) => h.to)).toEqual(['created', 'paid', 'shipped']);
    expect((await shopper.post(`/api/v1/orders/${storeA.id}/cancel`, {})).status).toBe(409);
  });

  it('keeps an order unpaid after a failed payment, and a second try can succeed', async () => {
    const a = await product(merchantA, [2]);
    const r = (await shopper.post<CheckoutResult>('/api/v1/checkout', { items: [{ skuId: a.skus[0]!.id, quantity: 1 }] }, { 'idempotency-key': key() })).body;
    expect((await pay(shopper, r, 'fail')).status).toBe(200);
    await t.platform.jobs.drain();
    await t.platform.bus.drain();
    expect(await statusOf(r.orders[0]!.id)).toBe('created');
    expect((await pay(shopper, r)).status).toBe(200);
    await expect.poll(() => statusOf(r.orders[0]!.id), { timeout: 20_000 }).toBe('paid');
  });

  it('refunds a payment that arrives after the order was cancelled, and never revives the order', async () => {
    const a = await product(merchantA, [2]);
    const r = (await shopper.post<CheckoutResult>('/api/v1/checkout', { items: [{ skuId: a.skus[0]!.id, quantity: 1 }] }, { 'idempotency-key': key() })).body;
    expect((await shopper.post(`/api/v1/orders/${r.orders[0]!.id}/cancel`, {})).status).toBe(200);
    expect((await pay(shopper, r)).status).toBe(200);
    const intentId = r.payment!.intentId;
    await expect.poll(async () => (await t.platform.services.payments.get(intentId)).fullyRefunded, { timeout: 20_000 }).toBe(true);
    expect(await statusOf(r.orders[0]!.id)).toBe('cancelled');
    expect(await stockOf(a.skus[0]!.id, a.id)).toBe(2);
    // Booked in and out again: the buyer is owed nothing, and no store was credited.
    const me = (await shopper.get<{ id: string }>('/api/v1/me')).body;
    await expect.poll(async () => (await t.platform.services.ledger.entriesFor('checkout', r.checkoutId)).length, { timeout: 20_000 }).toBe(1);
    await expect.poll(async () => (await t.platform.services.ledger.balance(`buyer:${me.id}:refundable`)).balanceFen, { timeout: 20_000 }).toBe(0);
    const trial = await t.platform.services.ledger.trialBalance();
    expect(trial.every((row) => row.netFen === 0)).toBe(true);
  });
});
