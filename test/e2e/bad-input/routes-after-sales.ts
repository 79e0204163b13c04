// Bad-input table: After-sales (售后) — the buyer's cases, the store's answers, the platform's
// decisions and compensation; and the fixtures they need: the shopper's orders in storeA, truly
// paid (the sandbox PSP's own webhook, delivered by hand since jobs are stopped) and shipped, each
// carrying one case in the state a route acts on.
import { expect } from 'vitest';
import type { Product } from '../../../src/modules/catalog/model.ts';
import type { Store } from '../../../src/modules/catalog/stores.ts';
import { SIGNATURE_HEADER, signPayload } from '../../../src/modules/payments/sandbox/wire.ts';
import type { Client, TestPlatform } from '../../support/platform.ts';
import { bodyAt, bodyWithout, queryAt, type BadCase, type Json, type RouteEntry } from '../../support/route-table.ts';
import { PAGE_CASES, fx, long, nonMerchants, nonOperators, type Fixtures } from './kit.ts';

const MISSING_ORDER = 'ord_0000000000zzzzzzzzzz';

/** The shopper's orders in storeA (paid through the sandbox PSP's webhook, shipped) and one case on each. */
export async function afterSalesFixtures(t: TestPlatform, c: { shopper: Client; merchant: Client }, storeA: Store, categoryId: string): Promise<Pick<Fixtures, 'afterSales'>> {
  const product = (await c.merchant.post<Product>(`/api/v1/merchant/stores/${storeA.id}/products`, { title: '售后坚果', categoryId, skus: [{ optionValues: {}, priceFen: 3990, stock: 100 }] })).body;
  let n = 0;
  const shippedOrder = async (): Promise<string> => {
    const r = await c.shopper.post<{ orders: Array<{ id: string }>; payment: { payUrl: string } }>('/api/v1/checkout', { items: [{ skuId: product.skus[0]!.id, quantity: 1 }] }, { 'idempotency-key': `bi-as-fixture-${++n}` });
    expect(r.status).toBe(201);
    const ref = r.body.payment.payUrl.split('/pay/')[1]!;
    expect((await c.shopper.post(`/api/v1/sandbox-psp/payments/${ref}/confirm`, { outcome: 'succeed' })).status).toBe(200);
    const [event] = await t.platform.db.query<{ body: unknown }>('SELECT body FROM sandbox_psp_events WHERE payment_ref = $1', [ref]);
    const raw = JSON.stringify(event!.body);
    expect((await t.client.post('/api/v1/payments/webhooks/sandbox', raw, { [SIGNATURE_HEADER]: signPayload(t.platform.config.sandboxPsp.secret, raw) })).status).toBe(200);
    await t.platform.bus.drain();
    const orderId = r.body.orders[0]!.id;
    expect((await c.merchant.post(`/api/v1/merchant/orders/${orderId}/ship`, { carrier: 'sf', trackingNo: `SF20990000${String(n).padStart(3, '0')}` })).status).toBe(200);
    return orderId;
  };
  const open = async (type: 'refund_only' | 'return_refund', then: string[] = []): Promise<{ orderId: string; caseId: string }> => {
    const orderId = await shippedOrder();
    const r = await c.shopper.post<{ id: string }>(`/api/v1/orders/${orderId}/after-sales`, { type, reason: type === 'return_refund' ? 'quality' : 'other' });
    expect(r.status).toBe(201);
    for (const step of then) {
      const [who, path, body] =
        step === 'approve' ? [c.merchant, 'merchant/after-sales/:id/approve', undefined]
        : step === 'reject' ? [c.merchant, 'merchant/after-sales/:id/reject', { reason: '不符合售后条件' }]
        : step === 'escalate' ? [c.shopper, 'after-sales/:id/escalate', {}]
        : [c.shopper, 'after-sales/:id/return-shipment', { carrier: 'sf', trackingNo: `SF20990001${String(++n).padStart(3, '0')}` }];
      const res = await who.post(`/api/v1/${path.replace(':id', r.body.id)}`, body);
      expect(res.status, `${step}: ${JSON.stringify(res.body)}`).toBe(200);
    }
    await t.platform.bus.drain();
    return { orderId, caseId: r.body.id };
  };
  const fresh = await shippedOrder();
  const requested = await open('refund_only');
  const toCancel = await open('refund_only');
  const awaitingReturn = await open('return_refund', ['approve']);
  const rejected = await open('refund_only', ['reject']);
  const toApprove = await open('refund_only');
  const toReject = await open('refund_only');
  const returnShipped = await open('return_refund', ['approve', 'return-shipment']);
  const escalated = await open('refund_only', ['reject', 'escalate']);
  return {
    afterSales: {
      freshOrder: fresh,
      requestedOrder: requested.orderId,
      requested: requested.caseId,
      toCancel: toCancel.caseId,
      awaitingReturn: awaitingReturn.caseId,
      rejected: rejected.caseId,
      toApprove: toApprove.caseId,
      toReject: toReject.caseId,
      returnShipped: returnShipped.caseId,
      escalated: escalated.caseId,
    },
  };
}

const key = () => ({ 'idempotency-key': `bi-comp-${Date.now()}-${Math.random().toString(36).slice(2)}` });
const someoneElses = (field = 'caseId'): BadCase => ({ name: "someone else's case", kind: 'not-found', who: 'creator', expect: { status: 404, code: 'not_found', field } });
const inState = (what: string, caseId: () => string): BadCase => ({ name: `a case that is ${what}`, kind: 'semantic', params: () => ({ caseId: caseId() }), expect: { status: 409, code: 'invalid_state', field: 'status' } });
const REQUESTED = () => fx.afterSales.requested;

export const AFTER_SALES_ROUTES: RouteEntry[] = [
  {
    method: 'POST',
    url: '/api/v1/orders/:orderId/after-sales',
    access: 'user',
    who: 'shopper',
    params: () => ({ orderId: fx.afterSales.freshOrder }),
    body: (): Json => ({ type: 'refund_only', reason: 'not_received', note: '快递一直没到', amountFen: 100 }),
    ok: 201,
    bad: [
      bodyAt('type', 'exchange', 'malformed'),
      bodyWithout('type'),
      bodyAt('reason', 'changed_mind', 'malformed'),
      bodyWithout('reason'),
      bodyAt('note', long(501), 'out-of-range'),
      bodyAt('amountFen', 0, 'out-of-range'),
      bodyAt('amountFen', -100, 'out-of-range'),
      bodyAt('amountFen', 1.5, 'malformed'),
      bodyAt('amountFen', '100', 'malformed'),
      bodyAt('lines', [], 'out-of-range'),
      bodyAt('lines', [{ lineNo: 0, quantity: 1 }], 'out-of-range', 'lines.0.lineNo'),
      bodyAt('lines', [{ lineNo: 1, quantity: 0 }], 'out-of-range', 'lines.0.quantity'),
      bodyAt('lines', [{ lineNo: 1 }], 'missing-field', 'lines.0.quantity'),
      bodyAt('lines', [{ lineNo: 1, quantity: 1, priceFen: 1 }], 'unknown-field', 'lines.0.priceFen'),
      bodyAt('refundFen', 100, 'unknown-field'),
      { name: 'more than was paid', kind: 'semantic', body: (b) => ({ ...b, amountFen: 3991 }), expect: { status: 409, code: 'invalid_state', field: 'amountFen' } },
      { name: 'a line the order does not have', kind: 'semantic', body: (b) => ({ ...b, lines: [{ lineNo: 2, quantity: 1 }] }), expect: { status: 400, code: 'validation_failed', field: 'lines.0.lineNo' } },
      { name: 'a line listed twice', kind: 'semantic', body: (b) => ({ ...b, lines: [{ lineNo: 1, quantity: 1 }, { lineNo: 1, quantity: 1 }] }), expect: { status: 400, code: 'validation_failed', field: 'lines.1.lineNo' } },
      { name: 'more units than were bought', kind: 'semantic', body: (b) => ({ ...b, lines: [{ lineNo: 1, quantity: 2 }] }), expect: { status: 409, code: 'invalid_state', field: 'lines.0.quantity' } },
      { name: 'returning goods not received', kind: 'semantic', body: (b) => ({ ...b, type: 'return_refund' }), expect: { status: 400, code: 'validation_failed', field: 'reason' } },
      { name: "someone else's order", kind: 'not-found', who: 'creator', expect: { status: 404, code: 'not_found', field: 'orderId' } },
      { name: 'an unpaid order', kind: 'semantic', params: () => ({ orderId: fx.orderToCancel }), expect: { status: 409, code: 'invalid_state', field: 'orderId' } },
      { name: 'a return of an order not shipped yet', kind: 'semantic', params: () => ({ orderId: fx.paidOrder }), body: () => ({ type: 'return_refund', reason: 'quality' }), expect: { status: 409, code: 'invalid_state', field: 'type' } },
      { name: 'an order with an open case', kind: 'semantic', params: () => ({ orderId: fx.afterSales.requestedOrder }), expect: { status: 409, code: 'conflict', field: 'orderId' } },
    ],
    missing: [{ name: 'orderId that names nothing', kind: 'not-found', params: { orderId: MISSING_ORDER }, expect: { status: 404, code: 'not_found', field: 'orderId' } }],
  },
  { method: 'GET', url: '/api/v1/after-sales', access: 'user', who: 'shopper', ok: 200, bad: [...PAGE_CASES(), queryAt('status', 'lost', 'malformed')] },
  { method: 'GET', url: '/api/v1/after-sales/:caseId', access: 'user', who: 'shopper', params: () => ({ caseId: REQUESTED() }), ok: 200, bad: [someoneElses()] },
  {
    method: 'POST',
    url: '/api/v1/after-sales/:caseId/cancel',
    access: 'user',
    who: 'shopper',
    params: () => ({ caseId: fx.afterSales.toCancel }),
    ok: 200,
    bad: [someoneElses(), inState('return_shipped (the parcel is on its way)', () => fx.afterSales.returnShipped)],
  },
  {
    method: 'POST',
    url: '/api/v1/after-sales/:caseId/return-shipment',
    access: 'user',
    who: 'shopper',
    params: () => ({ caseId: fx.afterSales.awaitingReturn }),
    body: (): Json => ({ carrier: 'zto', trackingNo: 'ZT2099000099', postageFen: 800 }),
    ok: 200,
    bad: [
      bodyAt('carrier', 'ZTO', 'malformed'),
      bodyAt('carrier', '', 'malformed'),
      bodyWithout('carrier'),
      bodyAt('trackingNo', 'ZT 1', 'malformed'),
      bodyWithout('trackingNo'),
      bodyAt('postageFen', -1, 'out-of-range'),
      bodyAt('postageFen', 1.5, 'malformed'),
      { name: 'a carrier we do not know', kind: 'semantic', body: (b) => ({ ...b, carrier: 'pigeon' }), expect: { status: 400, code: 'validation_failed', field: 'carrier' } },
      someoneElses(),
      inState('still requested (not approved)', REQUESTED),
    ],
  },
  {
    method: 'POST',
    url: '/api/v1/after-sales/:caseId/escalate',
    access: 'user',
    who: 'shopper',
    params: () => ({ caseId: fx.afterSales.rejected }),
    body: (): Json => ({ note: '商家拒绝理由不成立' }),
    ok: 200,
    bad: [bodyAt('note', long(501), 'out-of-range'), bodyAt('note', 1, 'malformed'), someoneElses(), inState('not rejected', REQUESTED)],
  },
  {
    method: 'GET',
    url: '/api/v1/merchant/stores/:storeId/after-sales',
    access: ['merchant'],
    who: 'merchant',
    params: () => ({ storeId: fx.storeA.id }),
    ok: 200,
    wrongRole: nonMerchants,
    notOwner: ['other'],
    bad: [...PAGE_CASES(), queryAt('status', 'lost', 'malformed')],
  },
  {
    method: 'POST',
    url: '/api/v1/merchant/after-sales/:caseId/approve',
    access: ['merchant'],
    who: 'merchant',
    params: () => ({ caseId: fx.afterSales.toApprove }),
    ok: 200,
    wrongRole: nonMerchants,
    notOwner: ['other'],
    bad: [inState('rejected already', () => fx.afterSales.rejected)],
  },
  {
    method: 'POST',
    url: '/api/v1/merchant/after-sales/:caseId/reject',
    access: ['merchant'],
    who: 'merchant',
    params: () => ({ caseId: fx.afterSales.toReject }),
    body: (): Json => ({ reason: '商品已拆封影响二次销售' }),
    ok: 200,
    wrongRole: nonMerchants,
    notOwner: ['other'],
    bad: [bodyWithout('reason'), bodyAt('reason', '', 'out-of-range'), bodyAt('reason', long(201), 'out-of-range'), inState('escalated to the platform', () => fx.afterSales.escalated)],
  },
  {
    method: 'POST',
    url: '/api/v1/merchant/after-sales/:caseId/confirm-return',
    access: ['merchant'],
    who: 'merchant',
    params: () => ({ caseId: fx.afterSales.returnShipped }),
    ok: 200,
    wrongRole: nonMerchants,
    notOwner: ['other'],
    bad: [inState('waiting for the buyer’s parcel', () => fx.afterSales.awaitingReturn)],
  },
  { method: 'GET', url: '/api/v1/ops/after-sales', access: ['operator', 'agent'], who: 'operator', ok: 200, wrongRole: nonOperators, bad: [...PAGE_CASES(), queryAt('status', 'lost', 'malformed')] },
  {
    method: 'POST',
    url: '/api/v1/ops/after-sales/:caseId/decide',
    access: ['operator', 'agent'],
    who: 'operator',
    params: () => ({ caseId: fx.afterSales.escalated }),
    body: (): Json => ({ approve: true, note: '商家未提供签收凭证' }),
    ok: 200,
    wrongRole: nonOperators,
    bad: [bodyWithout('approve'), bodyAt('approve', 'yes', 'malformed'), bodyWithout('note'), bodyAt('note', '', 'out-of-range'), bodyAt('note', long(501), 'out-of-range'), inState('not escalated', REQUESTED)],
  },
  {
    method: 'POST',
    url: '/api/v1/ops/orders/:orderId/compensations',
    access: ['operator', 'agent'],
    who: 'operator',
    params: () => ({ orderId: fx.afterSales.requestedOrder }),
    headers: key,
    body: (): Json => ({ amountFen: 500, fundedBy: 'platform', reason: '发货超时赔付' }),
    ok: 201,
    wrongRole: nonOperators,
    bad: [
      { name: 'no Idempotency-Key header', kind: 'missing-field', headers: {}, expect: { status: 400, code: 'validation_failed', field: 'headers.idempotency-key' } },
      { name: 'an Idempotency-Key that is too short', kind: 'out-of-range', headers: { 'idempotency-key': 'abc' }, expect: { status: 400, code: 'validation_failed', field: 'headers.idempotency-key' } },
      bodyAt('amountFen', 0, 'out-of-range'),
      bodyAt('amountFen', 1.5, 'malformed'),
      bodyWithout('amountFen'),
      bodyAt('fundedBy', 'creator', 'malformed'),
      bodyWithout('fundedBy'),
      bodyAt('reason', '', 'out-of-range'),
      bodyAt('reason', long(201), 'out-of-range'),
      { name: 'more than one compensation may pay', kind: 'semantic', body: (b) => ({ ...b, amountFen: 50_001 }), expect: { status: 400, code: 'validation_failed', field: 'amountFen' } },
      { name: 'an order never paid', kind: 'semantic', params: () => ({ orderId: fx.orderToCancel }), expect: { status: 409, code: 'invalid_state', field: 'orderId' } },
    ],
    missing: [{ name: 'orderId that names nothing', kind: 'not-found', params: { orderId: MISSING_ORDER }, expect: { status: 404, code: 'not_found', field: 'orderId' } }],
  },
];
