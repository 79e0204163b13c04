// After-sales deadlines, with every deadline at zero: the store's silence approves a request (a
// durable job at the reply deadline), and an approved return the buyer never ships closes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Product } from '../../src/modules/catalog/model.ts';
import type { Store } from '../../src/modules/catalog/stores.ts';
import type { AfterSalesCase } from '../../src/modules/commerce/after-sales/schemas.ts';
import type { CheckoutResult } from '../../src/modules/commerce/checkout.ts';
import type { Order } from '../../src/modules/commerce/orders.ts';
import { Client, startTestPlatform, type TestPlatform } from '../support/platform.ts';

let t: TestPlatform;
let merchant: Client;
let shopper: Client;
let skuId: string;
let n = 0;

beforeAll(async () => {
  t = await startTestPlatform({ SANDBOX_PSP_MAX_DELAY_MS: '0', JOBS_BACKOFF_MS: '50', JOBS_POLL_MS: '50', AFTER_SALES_MERCHANT_REPLY_HOURS: '0', AFTER_SALES_RETURN_SHIP_DAYS: '0' });
  const root = await t.platform.services.categories.create({ nameZh: '食品', nameEn: 'Food' });
  const categoryId = (await t.platform.services.categories.create({ parentId: root.id, nameZh: '零食', nameEn: 'Snacks' })).id;
  merchant = await t.client.register('ast-merchant@example.com', ['merchant']);
  shopper = await t.client.register('ast-buyer@example.com');
  const store = (await merchant.post<Store>('/api/v1/merchant/stores', { name: '沉默的店' })).body;
  skuId = (await merchant.post<Product>(`/api/v1/merchant/stores/${store.id}/products`, { title: '坚果礼盒', categoryId, skus: [{ optionValues: {}, priceFen: 8800, stock: 50 }] })).body.skus[0]!.id;
});
afterAll(() => t.close());

const caseOf = async (id: string) => (await shopper.get<AfterSalesCase>(`/api/v1/after-sales/${id}`)).body;

async function shippedOrder(): Promise<string> {
  const r = await shopper.post<CheckoutResult>('/api/v1/checkout', { items: [{ skuId, quantity: 1 }] }, { 'idempotency-key': `ast-${++n}-${Date.now()}` });
  const ref = r.body.payment!.payUrl.split('/pay/')[1]!;
  await shopper.post(`/api/v1/sandbox-psp/payments/${ref}/confirm`, { outcome: 'succeed' });
  const id = r.body.orders[0]!.id;
  await expect.poll(async () => (await shopper.get<Order>(`/api/v1/orders/${id}`)).body.status, { timeout: 20_000 }).toBe('paid');
  expect((await merchant.post(`/api/v1/merchant/orders/${id}/ship`, { carrier: 'sf', trackingNo: `SF${Date.now()}${n}` })).status).toBe(200);
  return id;
}

describe('after-sales deadlines', () => {
  it("approves a request the store did not answer in time, and refunds it", async () => {
    const orderId = await shippedOrder();
    const opened = await shopper.post<AfterSalesCase>(`/api/v1/orders/${orderId}/after-sales`, { type: 'refund_only', reason: 'not_received' });
    expect(opened.status).toBe(201);
    await expect.poll(async () => (await caseOf(opened.body.id)).status, { timeout: 20_000 }).toBe('refunded');
    const c = await caseOf(opened.body.id);
    expect(c.history.map((h) => [h.action, h.actor])).toEqual([
      ['open', 'buyer'],
      ['approve', 'system'],
      ['refund_settled', 'system'],
    ]);
    expect(c.history[1]!.note).toMatch(/did not answer/);
  });

  it('closes an approved return the buyer did not ship in time', async () => {
    const orderId = await shippedOrder();
    const opened = await shopper.post<AfterSalesCase>(`/api/v1/orders/${orderId}/after-sales`, { type: 'return_refund', reason: 'quality' });
    expect(opened.status).toBe(201);
    await expect.poll(async () => (await caseOf(opened.body.id)).status, { timeout: 20_000 }).toBe('closed');
    const c = await caseOf(opened.body.id);
    expect(c.history.map((h) => [h.action, h.actor])).toEqual([
      ['open', 'buyer'],
      ['approve', 'system'],
      ['expire', 'system'],
    ]);
    expect(c.refund.status).toBe('none');
    const late = await shopper.post(`/api/v1/after-sales/${c.id}/return-shipment`, { carrier: 'sf', trackingNo: 'SF20240000777' });
    expect([late.status, late.problem.code]).toEqual([409, 'invalid_state']);
  });
});
