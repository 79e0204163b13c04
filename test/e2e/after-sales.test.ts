// After-sales (售后) end to end over HTTP: orders are paid at the sandbox PSP and delivered by the
// sandbox carrier (no delays; every webhook twice), then refunded before shipping (order
// cancelled, stock back), refunded after shipping (approve; reject → escalate → platform),
// returned (fast refund at shipment below the cap, on receipt above it, postage paid by the
// store), and compensated. Every refund settles by the PSP's webhook, and the ledger for a fully
// refunded order returns to where it was before the order.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Product } from '../../src/modules/catalog/model.ts';
import type { Store } from '../../src/modules/catalog/stores.ts';
import type { AfterSalesCase, Compensation } from '../../src/modules/commerce/after-sales/schemas.ts';
import type { CheckoutResult } from '../../src/modules/commerce/checkout.ts';
import type { Order } from '../../src/modules/commerce/orders.ts';
import { Client, dbFingerprint, startTestPlatform, type TestPlatform, quiesce as quiesceAll } from '../support/platform.ts';

let t: TestPlatform;
let merchant: Client;
let otherMerchant: Client;
let shopper: Client;
let stranger: Client;
let operator: Client;
let shopperId: string;
let store: Store;
let cheap: Product; // ¥39.90, no-reason returns allowed
let dear: Product; // ¥300, above the fast-refund cap
let fresh: Product; // ¥25, no no-reason returns (生鲜)
let n = 0;

beforeAll(async () => {
  t = await startTestPlatform({
    SANDBOX_PSP_MAX_DELAY_MS: '0',
    SANDBOX_PSP_DUPLICATE_RATE: '1',
    SANDBOX_CARRIER_PICKUP_SECONDS: '0',
    SANDBOX_CARRIER_TRANSIT_SECONDS: '0',
    SANDBOX_CARRIER_DELIVER_SECONDS: '0',
    SANDBOX_CARRIER_MAX_DELAY_MS: '0',
    JOBS_BACKOFF_MS: '50',
    PLATFORM_FEE_BPS: '600',
    FAST_REFUND_CAP_FEN: '20000',
    RETURN_SHIPPING_CAP_FEN: '2000',
    COMPENSATION_MAX_FEN: '50000',
  });
  const root = await t.platform.services.categories.create({ nameZh: '食品', nameEn: 'Food' });
  const categoryId = (await t.platform.services.categories.create({ parentId: root.id, nameZh: '零食', nameEn: 'Snacks' })).id;
  merchant = await t.client.register('as-merchant@example.com', ['merchant']);
  otherMerchant = await t.client.register('as-other@example.com', ['merchant']);
  shopper = await t.client.register('as-buyer@example.com');
  stranger = await t.client.register('as-stranger@example.com');
  const op = await t.platform.services.identity.register({ email: 'as-ops@example.com', password: 'correct-horse-1', displayName: 'ops', roles: [] });
  await t.platform.services.identity.setRoles(op.id, ['operator']);
  operator = await t.client.login('as-ops@example.com', 'correct-horse-1');
  shopperId = (await shopper.get<{ id: string }>('/api/v1/me')).body.id;
  await otherMerchant.post('/api/v1/merchant/stores', { name: '别家店铺' });
  store = (await merchant.post<Store>('/api/v1/merchant/stores', { name: '售后测试店' })).body;
  const product = async (title: string, priceFen: number, noReasonReturn: boolean) => {
    const r = await merchant.post<Product>(`/api/v1/merchant/stores/${store.id}/products`, { title, categoryId, noReasonReturn, skus: [{ optionValues: {}, priceFen, stock: 100 }] });
    expect(r.status).toBe(201);
    return r.body;
  };
  cheap = await product('手撕牛肉干', 3990, true);
  dear = await product('整只火腿', 30000, true);
  fresh = await product('现摘荔枝', 2500, false);
});
afterAll(() => t.close());

const count = async (sql: string, params: unknown[] = []) => (await t.platform.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, params))[0]!.n;
const published = (topic: string, caseId: string) => count(`outbox WHERE topic = $1 AND payload->>'caseId' = $2`, [topic, caseId]);
const orderOf = async (id: string) => (await shopper.get<Order>(`/api/v1/orders/${id}`)).body;
const caseOf = async (id: string) => (await shopper.get<AfterSalesCase>(`/api/v1/after-sales/${id}`)).body;
const stockOf = async (p: Product) => (await t.client.get<Product>(`/api/v1/products/${p.id}`)).body.skus[0]!.stock;

const settle = () => quiesceAll(t);

/** Background work off, so that a rejected request can be shown to have written nothing. */
async function quietly<T>(fn: () => Promise<T>): Promise<T> {
  await settle();
  await t.platform.jobs.stop();
  await t.platform.bus.stop();
  try {
    return await fn();
  } finally {
    t.platform.bus.start();
    t.platform.jobs.start();
  }
}

async function paidOrder(p: Product, quantity = 1, more: Record<string, unknown> = {}): Promise<Order> {
  const items = [{ skuId: p.skus[0]!.id, quantity }, ...((more.items as unknown[]) ?? [])];
  const r = await shopper.post<CheckoutResult>('/api/v1/checkout', { ...more, items }, { 'idempotency-key': `as-test-${++n}-${Date.now()}` });
  expect(r.status).toBe(201);
  const ref = r.body.payment!.payUrl.split('/pay/')[1]!;
  expect((await shopper.post(`/api/v1/sandbox-psp/payments/${ref}/confirm`, { outcome: 'succeed' })).status).toBe(200);
  await settle();
  const order = await orderOf(r.body.orders[0]!.id);
  expect(order.status).toBe('paid');
  return order;
}

async function deliveredOrder(p: Product, quantity = 1, more: Record<string, unknown> = {}): Promise<Order> {
  const order = await paidOrder(p, quantity, more);
  expect((await merchant.post(`/api/v1/merchant/orders/${order.id}/ship`, { carrier: 'sf', trackingNo: `SF${Date.now()}${++n}` })).status).toBe(200);
  await expect.poll(async () => (await orderOf(order.id)).status, { timeout: 30_000 }).toBe('delivered');
  await settle();
  return orderOf(order.id);
}

const open = (orderId: string, body: Record<string, unknown>, who = shopper) => who.post<AfterSalesCase>(`/api/v1/orders/${orderId}/after-sales`, body);

/** The balances an order's money touches. */
async function balances(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const a of [`merchant:${store.id}:payable`, 'platform:fee_revenue', 'platform:coupon_expense', `buyer:${shopperId}:refundable`, `buyer:${shopperId}:balance`, 'psp:sandbox:clearing', 'platform:compensation_expense']) {
    out[a] = (await t.platform.services.ledger.balance(a)).balanceFen;
  }
  return out;
}
const diff = (after: Record<string, number>, before: Record<string, number>) => Object.fromEntries(Object.keys(after).map((k) => [k, after[k]! - before[k]!]).filter(([, v]) => v !== 0));

describe('refund only, before shipping', () => {
  it('refuses a refund above what was paid, another buyer, a return and a part of the order, writing nothing', async () => {
    const order = await paidOrder(cheap, 2);
    await quietly(async () => {
      const before = await dbFingerprint(t.platform);
      const tries: Array<[Client, Record<string, unknown>, number, string]> = [
        [shopper, { type: 'refund_only', reason: 'other', amountFen: order.payFen + 1 }, 409, 'amountFen'],
        [shopper, { type: 'refund_only', reason: 'other', amountFen: order.payFen - 1 }, 409, 'amountFen'],
        [shopper, { type: 'return_refund', reason: 'no_reason' }, 409, 'type'],
        [shopper, { type: 'refund_only', reason: 'other', lines: [{ lineNo: 1, quantity: 1 }] }, 409, 'lines'],
        [shopper, { type: 'refund_only', reason: 'other', lines: [{ lineNo: 1, quantity: 3 }] }, 409, 'lines.0.quantity'],
        [shopper, { type: 'refund_only', reason: 'other', lines: [{ lineNo: 2, quantity: 1 }] }, 400, 'lines.0.lineNo'],
        [shopper, { type: 'refund_only', reason: 'lost_interest' }, 400, 'reason'],
        [stranger, { type: 'refund_only', reason: 'other' }, 404, 'orderId'],
      ];
      for (const [who, body, status, field] of tries) {
        const r = await open(order.id, body, who);
        expect([r.status, r.problem.field], JSON.stringify(body)).toEqual([status, field]);
      }
      expect(await dbFingerprint(t.platform)).toEqual(before);
    });
  });

  it('refunds everything at once, cancels the order, puts the stock back, and returns the ledger to where it was', async () => {
    await settle();
    const stock = await stockOf(cheap);
    const before = await balances();
    const order = await paidOrder(cheap, 2);
    expect(await stockOf(cheap)).toBe(stock - 2);
    const paid = diff(await balances(), before);
    expect(paid).toEqual({ 'psp:sandbox:clearing': 7980, [`merchant:${store.id}:payable`]: -7980 + 478, 'platform:fee_revenue': -478 });

    // Background work off: the PSP's refund webhook waits until the in-between state is seen.
    const r = await quietly(async () => {
      const r = await open(order.id, { type: 'refund_only', reason: 'other', note: '拍错了' });
      expect(r.status).toBe(201);
      expect(r.body).toMatchObject({ status: 'refunding', beforeShipping: true, amountFen: 7980, refund: { status: 'pending', fast: false } });
      expect(r.body.history.map((h) => [h.from, h.to, h.actor])).toEqual([
        [null, 'requested', 'buyer'],
        ['requested', 'refunding', 'system'],
      ]);
      const cancelled = await orderOf(order.id);
      expect(cancelled.status).toBe('cancelled');
      expect(cancelled.afterSales).toEqual({ openCaseId: r.body.id, refundedFen: 0, refundingFen: 7980, compensatedFen: 0 });
      expect(await stockOf(cheap)).toBe(stock);
      const ship = await merchant.post(`/api/v1/merchant/orders/${order.id}/ship`, { carrier: 'sf', trackingNo: 'SF99990000111' });
      expect([ship.status, ship.problem.code]).toEqual([409, 'invalid_state']);
      return r;
    });
    await settle();
    const done = await caseOf(r.body.id);
    expect(done.status).toBe('refunded');
    expect(done.refund.status).toBe('succeeded');
    expect((await t.platform.services.payments.get(order.paymentIntentId!)).refundedFen).toBe(7980);
    expect((await orderOf(order.id)).afterSales).toEqual({ openCaseId: null, refundedFen: 7980, refundingFen: 0, compensatedFen: 0 });
    expect(diff(await balances(), before)).toEqual({});
    expect((await t.platform.services.ledger.trialBalance()).every((c) => c.netFen === 0)).toBe(true);
    for (const topic of ['opened', 'approved', 'refunded']) expect(await published(`commerce.after_sales.${topic}`, r.body.id), topic).toBe(1);
  });
});

describe('refund only, after shipping', () => {
  it('the store approves a partial refund; the units are then used up', async () => {
    const order = await deliveredOrder(cheap);
    // A delivered order cannot simply be cancelled: the way back is a case.
    const cancel = await shopper.post(`/api/v1/orders/${order.id}/cancel`, {});
    expect([cancel.status, cancel.problem.code]).toEqual([409, 'invalid_state']);
    const r = await open(order.id, { type: 'refund_only', reason: 'quality', note: '有一包漏气', amountFen: 1000 });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ status: 'requested', beforeShipping: false, amountFen: 1000, lines: [{ lineNo: 1, title: order.lines[0]!.title, quantity: 1, refundFen: 1000 }] });
    expect(Date.parse(r.body.replyDeadline!)).toBeGreaterThan(Date.now() + 47 * 3_600_000);
    expect((await orderOf(order.id)).afterSales.openCaseId).toBe(r.body.id);
    expect((await stranger.get(`/api/v1/after-sales/${r.body.id}`)).status).toBe(404);
    expect((await stranger.post(`/api/v1/after-sales/${r.body.id}/cancel`)).status).toBe(404);
    expect((await otherMerchant.post(`/api/v1/merchant/after-sales/${r.body.id}/approve`)).status).toBe(403);
    expect((await open(order.id, { type: 'refund_only', reason: 'other' })).problem).toMatchObject({ status: 409, field: 'orderId' });
    const mine = (await merchant.get<{ items: AfterSalesCase[] }>(`/api/v1/merchant/stores/${store.id}/after-sales?status=requested`)).body.items;
    expect(mine.map((c) => c.id)).toContain(r.body.id);

    const before = await balances();
    const approved = await quietly(() => merchant.post<AfterSalesCase>(`/api/v1/merchant/after-sales/${r.body.id}/approve`));
    expect(approved.body.status).toBe('refunding');
    await settle();
    expect((await caseOf(r.body.id)).status).toBe('refunded');
    // 1000 of 3990 back: the fee (239) and nothing else in proportion; the PSP paid the buyer.
    expect(diff(await balances(), before)).toEqual({ [`merchant:${store.id}:payable`]: 1000 - 59, 'platform:fee_revenue': 59, 'psp:sandbox:clearing': -1000 });
    const after = await orderOf(order.id);
    expect(after.status).toBe('delivered');
    expect(after.afterSales).toMatchObject({ openCaseId: null, refundedFen: 1000 });
    const again = await open(order.id, { type: 'return_refund', reason: 'quality' });
    expect([again.status, again.problem.field]).toEqual([409, 'lines']);
  });

  it('a rejection escalated to the platform, which approves; its decision is final', async () => {
    const order = await deliveredOrder(dear);
    const r = (await open(order.id, { type: 'refund_only', reason: 'not_received' })).body;
    const noReason = await merchant.post(`/api/v1/merchant/after-sales/${r.id}/reject`, {});
    expect([noReason.status, noReason.problem.field]).toEqual([400, 'reason']);
    const rejected = (await merchant.post<AfterSalesCase>(`/api/v1/merchant/after-sales/${r.id}/reject`, { reason: '物流显示已签收' })).body;
    expect(rejected).toMatchObject({ status: 'rejected', merchantReply: '物流显示已签收' });
    expect(Date.parse(rejected.escalateBy!)).toBeGreaterThan(Date.now());
    expect((await merchant.post(`/api/v1/merchant/after-sales/${r.id}/approve`)).problem).toMatchObject({ status: 409, code: 'invalid_state' });
    expect((await shopper.post(`/api/v1/ops/after-sales/${r.id}/decide`, { approve: true, note: '我自己批准' })).status).toBe(403);

    const escalated = (await shopper.post<AfterSalesCase>(`/api/v1/after-sales/${r.id}/escalate`, { note: '我没有收到' })).body;
    expect(escalated).toMatchObject({ status: 'escalated', escalation: { note: '我没有收到' } });
    const queue = (await operator.get<{ items: AfterSalesCase[] }>('/api/v1/ops/after-sales?status=escalated')).body.items;
    expect(queue.map((c) => c.id)).toContain(r.id);
    const decided = (await quietly(() => operator.post<AfterSalesCase>(`/api/v1/ops/after-sales/${r.id}/decide`, { approve: true, note: '快递签收照片不是买家本人' }))).body;
    expect(decided).toMatchObject({ status: 'refunding', decision: { approve: true, note: '快递签收照片不是买家本人' } });
    expect((await operator.post(`/api/v1/ops/after-sales/${r.id}/decide`, { approve: false, note: '改主意' })).problem).toMatchObject({ status: 409, code: 'invalid_state' });
    await settle();
    const done = await caseOf(r.id);
    expect(done.status).toBe('refunded');
    expect(done.history.map((h) => [h.action, h.actor])).toEqual([
      ['open', 'buyer'],
      ['reject', 'merchant'],
      ['escalate', 'buyer'],
      ['decide_approve', 'operator'],
      ['refund_settled', 'system'],
    ]);
    for (const topic of ['opened', 'rejected', 'escalated', 'approved', 'refunded']) expect(await published(`commerce.after_sales.${topic}`, r.id), topic).toBe(1);
  });

  it('the platform may reject an escalation too, which closes the case for good', async () => {
    const order = await deliveredOrder(cheap);
    const r = (await open(order.id, { type: 'refund_only', reason: 'other' })).body;
    await merchant.post(`/api/v1/merchant/after-sales/${r.id}/reject`, { reason: '商品无问题' });
    await shopper.post(`/api/v1/after-sales/${r.id}/escalate`, {});
    const closed = (await operator.post<AfterSalesCase>(`/api/v1/ops/after-sales/${r.id}/decide`, { approve: false, note: '证据不足' })).body;
    expect(closed).toMatchObject({ status: 'closed', decision: { approve: false } });
    expect((await shopper.post(`/api/v1/after-sales/${r.id}/escalate`, {})).problem).toMatchObject({ status: 409, code: 'invalid_state' });
    expect((await orderOf(order.id)).afterSales).toMatchObject({ openCaseId: null, refundedFen: 0 });
  });

  it('holds the automatic completion while a case is open', async () => {
    const order = await deliveredOrder(cheap);
    const r = (await open(order.id, { type: 'refund_only', reason: 'damaged', amountFen: 500 })).body;
    expect(await t.platform.services.fulfilment.autoComplete(order.id)).toMatchObject({ completed: false, held: expect.stringContaining('after-sales') });
    expect((await shopper.post<AfterSalesCase>(`/api/v1/after-sales/${r.id}/cancel`)).body.status).toBe('closed');
    expect(await t.platform.services.fulfilment.autoComplete(order.id)).toMatchObject({ completed: true });
  });
});

describe('returns', () => {
  it('refunds fast when the parcel ships (below the cap), and the store pays the postage for its fault', async () => {
    const order = await deliveredOrder(cheap);
    const r = (await open(order.id, { type: 'return_refund', reason: 'wrong_item', note: '发成了原味' })).body;
    const approved = (await merchant.post<AfterSalesCase>(`/api/v1/merchant/after-sales/${r.id}/approve`)).body;
    expect(approved.status).toBe('awaiting_return');
    expect(Date.parse(approved.returnDue!)).toBeGreaterThan(Date.now());
    const badCarrier = await shopper.post(`/api/v1/after-sales/${r.id}/return-shipment`, { carrier: 'nope', trackingNo: 'NP1234567' });
    expect([badCarrier.status, badCarrier.problem.field]).toEqual([400, 'carrier']);

    const before = await balances();
    const shipped = (await quietly(() => shopper.post<AfterSalesCase>(`/api/v1/after-sales/${r.id}/return-shipment`, { carrier: 'zto', trackingNo: `ZT${Date.now()}`, postageFen: 3000 }))).body;
    expect(shipped).toMatchObject({ status: 'return_shipped', refund: { status: 'pending', fast: true }, postage: { claimedFen: 3000, paidFen: 2000 } });
    expect((await t.platform.services.logistics.tracking('return', r.id))?.carrier).toBe('zto');
    await settle();
    expect((await caseOf(r.id)).refund.status).toBe('succeeded');
    expect((await caseOf(r.id)).status).toBe('return_shipped');
    expect(diff(await balances(), before)).toEqual({ [`merchant:${store.id}:payable`]: 3990 - 239 + 2000, 'platform:fee_revenue': 239, 'psp:sandbox:clearing': -3990, [`buyer:${shopperId}:balance`]: -2000 });

    const received = (await merchant.post<AfterSalesCase>(`/api/v1/merchant/after-sales/${r.id}/confirm-return`)).body;
    expect(received.status).toBe('refunded');
    expect(received.returnShipment?.receivedAt).toBeTruthy();
    expect((await orderOf(order.id)).afterSales).toEqual({ openCaseId: null, refundedFen: 3990, refundingFen: 0, compensatedFen: 2000 });
  });

  it('refunds on receipt above the cap; a no-reason return pays no postage', async () => {
    const order = await deliveredOrder(dear);
    const r = (await open(order.id, { type: 'return_refund', reason: 'no_reason' })).body;
    await merchant.post(`/api/v1/merchant/after-sales/${r.id}/approve`);
    const shipped = (await shopper.post<AfterSalesCase>(`/api/v1/after-sales/${r.id}/return-shipment`, { carrier: 'sf', trackingNo: `SF${Date.now()}R`, postageFen: 1500 })).body;
    expect(shipped).toMatchObject({ status: 'return_shipped', refund: { status: 'none', fast: false }, postage: { claimedFen: 1500, paidFen: 0 } });
    expect((await shopper.post(`/api/v1/after-sales/${r.id}/cancel`)).problem).toMatchObject({ status: 409, code: 'invalid_state' });
    await settle();
    expect((await t.platform.services.payments.get(order.paymentIntentId!)).refundedFen).toBe(0);
    const received = (await quietly(() => merchant.post<AfterSalesCase>(`/api/v1/merchant/after-sales/${r.id}/confirm-return`))).body;
    expect(received).toMatchObject({ status: 'refunding', refund: { status: 'pending' } });
    await settle();
    expect((await caseOf(r.id)).status).toBe('refunded');
    expect((await t.platform.services.payments.get(order.paymentIntentId!)).refundedFen).toBe(30000);
  });

  it('refuses no-reason returns of products without them, and after 7 days', async () => {
    const lychee = await deliveredOrder(fresh);
    const r = await open(lychee.id, { type: 'return_refund', reason: 'no_reason' });
    expect([r.status, r.problem.field]).toEqual([409, 'reason']);
    const refundOnly = await open(lychee.id, { type: 'refund_only', reason: 'no_reason' });
    expect([refundOnly.status, refundOnly.problem.field]).toEqual([400, 'reason']);
    expect((await open(lychee.id, { type: 'return_refund', reason: 'damaged' })).status).toBe(201);

    const late = await deliveredOrder(cheap);
    await t.platform.db.query(`UPDATE orders SET delivered_at = now() - interval '8 days' WHERE id = $1`, [late.id]);
    const tooLate = await open(late.id, { type: 'return_refund', reason: 'no_reason' });
    expect([tooLate.status, tooLate.problem.field]).toEqual([409, 'reason']);
    expect((await open(late.id, { type: 'return_refund', reason: 'quality' })).status).toBe(201);
  });
});

describe('compensation', () => {
  it('pays the buyer from the platform or the store, once per Idempotency-Key', async () => {
    const order = await deliveredOrder(cheap);
    const before = await balances();
    const pay = (body: Record<string, unknown>, key: string, who = operator) => who.post<Compensation>(`/api/v1/ops/orders/${order.id}/compensations`, body, { 'idempotency-key': key });
    const first = await pay({ amountFen: 500, fundedBy: 'platform', reason: '发货超时' }, 'comp-key-0001');
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ orderId: order.id, userId: shopperId, amountFen: 500, fundedBy: 'platform' });
    const again = await pay({ amountFen: 500, fundedBy: 'platform', reason: '发货超时' }, 'comp-key-0001');
    expect([again.status, again.headers.get('idempotent-replayed'), again.body.id]).toEqual([200, 'true', first.body.id]);
    const other = await pay({ amountFen: 600, fundedBy: 'platform', reason: '发货超时' }, 'comp-key-0001');
    expect([other.status, other.problem.field]).toEqual([409, 'idempotency-key']);
    expect((await pay({ amountFen: 300, fundedBy: 'store', reason: '少发一包' }, 'comp-key-0002')).status).toBe(201);
    expect(diff(await balances(), before)).toEqual({ 'platform:compensation_expense': 500, [`merchant:${store.id}:payable`]: 300, [`buyer:${shopperId}:balance`]: -800 });
    expect((await orderOf(order.id)).afterSales.compensatedFen).toBe(800);

    await quietly(async () => {
      const fp = await dbFingerprint(t.platform);
      const tooMuch = await pay({ amountFen: 50_001, fundedBy: 'platform', reason: '太多' }, 'comp-key-0003');
      expect([tooMuch.status, tooMuch.problem.field]).toEqual([400, 'amountFen']);
      expect((await pay({ amountFen: 100, fundedBy: 'platform', reason: '自己赔自己' }, 'comp-key-0004', shopper)).status).toBe(403);
      const noKey = await operator.post(`/api/v1/ops/orders/${order.id}/compensations`, { amountFen: 100, fundedBy: 'platform', reason: 'x' });
      expect([noKey.status, noKey.problem.field]).toEqual([400, 'headers.idempotency-key']);
      expect(await dbFingerprint(t.platform)).toEqual(fp);
    });
  });
});

describe('the ledger after refunding everything, in parts, with coupons', () => {
  it('returns the store payable, fee revenue and coupon expense exactly to where they were', async () => {
    const box = (await merchant.post<Product>(`/api/v1/merchant/stores/${store.id}/products`, { title: '坚果礼盒', categoryId: cheap.categoryId, skus: [{ optionValues: {}, priceFen: 3333, stock: 20 }] })).body;
    const window = { startsAt: new Date(Date.now() - 60_000).toISOString(), endsAt: new Date(Date.now() + 3_600_000).toISOString(), totalQuantity: 10, perUserLimit: 1 };
    const storeOff = (await merchant.post<{ id: string }>(`/api/v1/merchant/stores/${store.id}/coupons`, { title: '满50减7', kind: 'amount', thresholdFen: 5000, amountOffFen: 700, ...window })).body;
    const platformOff = (await operator.post<{ id: string }>('/api/v1/ops/coupons', { title: '满50减11', kind: 'amount', thresholdFen: 5000, amountOffFen: 1100, ...window })).body;
    const couponIds = [(await shopper.post<{ id: string }>(`/api/v1/coupons/${storeOff.id}/claim`)).body.id, (await shopper.post<{ id: string }>(`/api/v1/coupons/${platformOff.id}/claim`)).body.id];
    await settle();
    const before = await balances();
    // Line 1: three boxes (units share 3333×3 less discounts, rounded); line 2: one bag.
    const order = await deliveredOrder(box, 3, { items: [{ skuId: cheap.skus[0]!.id, quantity: 1 }], couponIds });
    expect(order.payFen).toBe(3333 * 3 + 3990 - 700 - 1100);
    expect(diff(await balances(), before)['platform:coupon_expense']).toBe(1100);
    const boxes = order.lines.find((l) => l.skuId === box.skus[0]!.id)!.lineNo;
    const bag = order.lines.find((l) => l.skuId === cheap.skus[0]!.id)!.lineNo;

    const one = (await open(order.id, { type: 'refund_only', reason: 'damaged', lines: [{ lineNo: boxes, quantity: 1 }] })).body;
    await merchant.post(`/api/v1/merchant/after-sales/${one.id}/approve`);
    await settle(); // a refunding case is still open: the next waits for the PSP
    const two = (await open(order.id, { type: 'refund_only', reason: 'damaged', lines: [{ lineNo: boxes, quantity: 1 }] })).body;
    await merchant.post(`/api/v1/merchant/after-sales/${two.id}/approve`);
    await settle(); // a refunding case is still open: the next waits for the PSP
    const rest = (await open(order.id, { type: 'return_refund', reason: 'quality' })).body;
    expect(Object.fromEntries(rest.lines.map((l) => [l.lineNo, l.quantity]))).toEqual({ [boxes]: 1, [bag]: 1 });
    await merchant.post(`/api/v1/merchant/after-sales/${rest.id}/approve`);
    await shopper.post(`/api/v1/after-sales/${rest.id}/return-shipment`, { carrier: 'yto', trackingNo: `YT${Date.now()}` });
    await merchant.post(`/api/v1/merchant/after-sales/${rest.id}/confirm-return`);
    await settle();
    for (const id of [one.id, two.id, rest.id]) expect((await caseOf(id)).status).toBe('refunded');
    // Units of one line: cumulative shares rounded down, so they differ by at most a fen, and
    // the last unit takes the remainder; together they are exactly what was paid.
    expect(one.amountFen + two.amountFen + rest.amountFen).toBe(order.payFen);
    expect(Math.abs(one.amountFen - two.amountFen)).toBeLessThanOrEqual(1);
    expect(rest.lines.find((l) => l.lineNo === boxes)!.refundFen).toBeGreaterThanOrEqual(Math.min(one.amountFen, two.amountFen));
    const done = await orderOf(order.id);
    expect(done.afterSales).toMatchObject({ refundedFen: order.payFen, refundingFen: 0 });
    // Each line shows its discount share and what came back for it: all its units, all it cost.
    expect(order.lines.reduce((x, l) => x + l.discountFen, 0)).toBe(700 + 1100);
    expect(order.lines.every((l) => l.refundedQuantity === 0 && l.refundedFen === 0)).toBe(true);
    for (const l of done.lines) expect([l.refundedQuantity, l.refundedFen]).toEqual([l.quantity, l.lineFen - l.discountFen]);
    expect(diff(await balances(), before)).toEqual({});
  });
});
