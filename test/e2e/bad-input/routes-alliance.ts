// Bad-input table: the alliance (精选联盟) — stores' commission plans and application decisions,
// creators' market, applications and showcase; creators' commissions, earnings and withdrawals,
// stores' sales by creator and operators' settlement. Its fixtures live here (filled by
// allianceFixtures), with the payout the payout webhook's entry in routes-money.ts confirms.
import { expect } from 'vitest';
import type { Product } from '../../../src/modules/catalog/model.ts';
import type { Store } from '../../../src/modules/catalog/stores.ts';
import type { CheckoutResult } from '../../../src/modules/commerce/checkout.ts';
import { SIGNATURE_HEADER as CARRIER_SIGNATURE, signPayload as signCarrier } from '../../../src/modules/logistics/sandbox/wire.ts';
import { SIGNATURE_HEADER as PSP_SIGNATURE, signPayload as signPsp } from '../../../src/modules/payments/sandbox/wire.ts';
import type { Client, TestPlatform } from '../../support/platform.ts';
import { bodyAt, bodyWithout, MISSING_IDS, queryAt, type BadCase, type RouteEntry, type Who } from '../../support/route-table.ts';
import { PAGE_CASES, fx, long, nonMerchants, nonOperators } from './kit.ts';

const afx = {} as {
  storeA: string;
  product: { fresh: string; open: string; shown: string; gated: string; other: string };
  plan: { toUpdate: string; toEnd: string; ended: string; gated: string; gatedApplied: string; targeted: string; other: string };
  application: { toDecide: string; decided: string };
  /** Free samples: goods whose open plan offers them, and the creator's requests. */
  sample: {
    product: { fresh: string; pending: string; declined: string }; // fresh: no request yet (the valid request asks)
    toDecide: string; // pending: decided by the valid decision
    declined: string; // rejected by the store (its goods cooling down)
    lapsed: string; // pending, past its decide-by
    toShip: string; // approved: shipped by the valid ship request
    forAddress: string; // approved: its address read by the valid request
    other: string; // pending, in the other merchant's store
  };
  shopperId: string;
  /** The creator's commissions on the shopper's orders in storeA (bought from the creator's showcase). */
  commission: {
    settled: string; // settled in the fixtures (the creator's balance)
    due: string; // pending, its return window closed: settled by the valid settle request
    notDue: string; // pending, delivered today: its return window is open
    unpaid: string; // on an order not paid yet
  };
  /** The creator's withdrawal made in the fixtures (under WITHDRAWAL_KEY), and what is left to withdraw. */
  withdrawalFen: number;
  availableFen: number;
  pendingFen: number;
};

const WITHDRAWAL_KEY = 'bi-fixture-withdrawal';
/** The sandbox payout behind the fixtures' withdrawal (still processing): the payout webhook confirms it. */
export const payoutFx = {} as { secret: string; payoutId: string; transferRef: string; amountFen: number };

export async function allianceFixtures(t: TestPlatform, c: { merchant: Client; other: Client; creator: Client; shopper: Client }, storeA: Store, categoryId: string, creatorId: string): Promise<void> {
  const [storeB] = (await c.other.get<Store[]>('/api/v1/merchant/stores')).body;
  const product = async (m: Client, storeId: string, title: string) => {
    const r = await m.post<Product>(`/api/v1/merchant/stores/${storeId}/products`, { title, categoryId, skus: [{ optionValues: {}, priceFen: 2990, stock: 10 }] });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body.id;
  };
  const plan = async (m: Client, storeId: string, body: Record<string, unknown>) => {
    const r = await m.post<{ id: string }>(`/api/v1/merchant/stores/${storeId}/alliance/plans`, body);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body.id;
  };
  const apply = async (planId: string) => {
    const r = await c.creator.post<{ id: string }>(`/api/v1/alliance/plans/${planId}/applications`, {});
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body.id;
  };
  const p = {
    fresh: await product(c.merchant, storeA.id, '联盟-无计划'),
    open: await product(c.merchant, storeA.id, '联盟-公开'),
    shown: await product(c.merchant, storeA.id, '联盟-已入橱窗'),
    gated: await product(c.merchant, storeA.id, '联盟-需审核'),
    other: await product(c.other, storeB!.id, '联盟-别家'),
  };
  const toUpdate = await plan(c.merchant, storeA.id, { productId: p.open, kind: 'open', rateBps: 1000 });
  const toEnd = await plan(c.merchant, storeA.id, { productId: p.open, kind: 'targeted', creatorId, rateBps: 1200 });
  await plan(c.merchant, storeA.id, { productId: p.shown, kind: 'open', rateBps: 1000 });
  const ended = await plan(c.merchant, storeA.id, { productId: p.shown, kind: 'targeted', creatorId, rateBps: 900 });
  expect((await c.merchant.post(`/api/v1/merchant/stores/${storeA.id}/alliance/plans/${ended}/end`)).status).toBe(200);
  const gated = await plan(c.merchant, storeA.id, { productId: p.gated, kind: 'open', rateBps: 2000, approvalRequired: true });
  const gated2 = await plan(c.merchant, storeA.id, { productId: await product(c.merchant, storeA.id, '联盟-已申请'), kind: 'open', rateBps: 2000, approvalRequired: true });
  const gated3 = await plan(c.merchant, storeA.id, { productId: await product(c.merchant, storeA.id, '联盟-已拒绝'), kind: 'open', rateBps: 2000, approvalRequired: true });
  const toDecide = await apply(gated2);
  const decided = await apply(gated3);
  expect((await c.merchant.post(`/api/v1/merchant/stores/${storeA.id}/alliance/applications/${decided}/decision`, { approve: false, reason: '类目不符' })).status).toBe(200);
  const other = await plan(c.other, storeB!.id, { productId: p.other, kind: 'open', rateBps: 1000 });
  expect((await c.creator.put(`/api/v1/me/showcase/${p.shown}`)).status).toBe(200);
  Object.assign(afx, {
    storeA: storeA.id,
    product: p,
    plan: { toUpdate, toEnd, ended, gated, gatedApplied: gated2, targeted: toEnd, other },
    application: { toDecide, decided },
    shopperId: (await c.shopper.get<{ id: string }>('/api/v1/me')).body.id,
  });
  await sampleFixtures(t, c, storeA.id, storeB!.id, product, plan);
  await commissionFixtures(t, c, storeA, categoryId, creatorId);
}

/** Free-sample requests of the creator, one goods each (one live request per goods at a time). */
async function sampleFixtures(
  t: TestPlatform,
  c: { merchant: Client; other: Client; creator: Client },
  storeA: string,
  storeB: string,
  product: (m: Client, storeId: string, title: string) => Promise<string>,
  plan: (m: Client, storeId: string, body: Record<string, unknown>) => Promise<string>,
): Promise<void> {
  const goods = async (m: Client, storeId: string, title: string) => {
    const id = await product(m, storeId, title);
    await plan(m, storeId, { productId: id, kind: 'open', rateBps: 1000, freeSamples: true });
    return id;
  };
  const ask = async (productId: string) => {
    const r = await c.creator.post<{ id: string }>('/api/v1/alliance/samples', { productId });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body.id;
  };
  const decide = async (sampleId: string, body: Record<string, unknown>) => expect((await c.merchant.post(`/api/v1/merchant/stores/${storeA}/alliance/samples/${sampleId}/decision`, body)).status).toBe(200);
  const p = { fresh: await goods(c.merchant, storeA, '寄样-未申请'), pending: await goods(c.merchant, storeA, '寄样-待审'), declined: await goods(c.merchant, storeA, '寄样-已拒') };
  const toDecide = await ask(p.pending);
  const declined = await ask(p.declined);
  await decide(declined, { approve: false, reason: '样品已发完' });
  const lapsed = await ask(await goods(c.merchant, storeA, '寄样-已过期'));
  // No clock to move here: the store's time to decide is days long, so it runs out by hand.
  await t.platform.db.query(`UPDATE alliance_samples SET decide_by = now() - interval '1 hour' WHERE id = $1`, [lapsed]);
  const toShip = await ask(await goods(c.merchant, storeA, '寄样-待发'));
  await decide(toShip, { approve: true });
  const forAddress = await ask(await goods(c.merchant, storeA, '寄样-看地址'));
  await decide(forAddress, { approve: true });
  const other = await ask(await goods(c.other, storeB, '寄样-别家'));
  Object.assign(afx, { sample: { product: p, toDecide, declined, lapsed, toShip, forAddress, other } });
}

/**
 * The creator's money: one paid and delivered order of three lines bought from the creator's
 * showcase (one commission settled, one due, one not due), one unpaid order, and a withdrawal of
 * part of the settled balance (its payout still processing: background work is stopped).
 */
async function commissionFixtures(t: TestPlatform, c: { merchant: Client; creator: Client; shopper: Client }, storeA: Store, categoryId: string, creatorId: string): Promise<void> {
  const goods = async (title: string) => {
    const r = await c.merchant.post<Product>(`/api/v1/merchant/stores/${storeA.id}/products`, { title, categoryId, skus: [{ optionValues: {}, priceFen: 2990, stock: 10 }] });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect((await c.merchant.post(`/api/v1/merchant/stores/${storeA.id}/alliance/plans`, { productId: r.body.id, kind: 'open', rateBps: 5000 })).status).toBe(201);
    expect((await c.creator.put(`/api/v1/me/showcase/${r.body.id}`)).status).toBe(200);
    return r.body;
  };
  const [settled, due, notDue] = [await goods('联盟-佣金-已结算'), await goods('联盟-佣金-待结算'), await goods('联盟-佣金-未到期')];
  const checkout = async (key: string, products: Product[]) => {
    const r = await c.shopper.post<CheckoutResult>('/api/v1/checkout', { items: products.map((x) => ({ skuId: x.skus[0]!.id, quantity: 1 })), source: { type: 'showcase', id: creatorId } }, { 'idempotency-key': key });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body;
  };
  const paid = await checkout('bi-alliance-paid', [settled, due, notDue]);
  const unpaid = await checkout('bi-alliance-unpaid', [due]);
  // Paid at the sandbox PSP, its webhook delivered by hand: payNow's jobs.drain() would also run
  // the other fixtures' pending jobs (their PSP webhooks, their carriers' scans).
  const ref = paid.payment!.payUrl.split('/pay/')[1]!;
  expect((await c.shopper.post(`/api/v1/sandbox-psp/payments/${ref}/confirm`, { outcome: 'succeed' })).status).toBe(200);
  const [pspEvent] = await t.platform.db.query<{ body: unknown }>('SELECT body FROM sandbox_psp_events WHERE payment_ref = $1', [ref]);
  const paidRaw = JSON.stringify(pspEvent!.body);
  expect((await t.client.post('/api/v1/payments/webhooks/sandbox', paidRaw, { [PSP_SIGNATURE]: signPsp(t.platform.config.sandboxPsp.secret, paidRaw) })).status).toBe(200);
  await t.platform.bus.drain();
  const orderId = paid.orders[0]!.id;
  // Shipped, then signed for (the carrier's push): the return window starts today.
  const trackingNo = 'SF2024000000777';
  expect((await c.merchant.post(`/api/v1/merchant/orders/${orderId}/ship`, { carrier: 'sf', trackingNo })).status).toBe(200);
  const raw = JSON.stringify({
    id: 'cevt_0000000000alliance00',
    type: 'parcel.scanned',
    created: Math.floor(Date.now() / 1000),
    data: { parcelRef: 'pcl_0000000000alliance00', merchantRef: (await t.platform.services.logistics.tracking('order', orderId))!.shipmentId, carrier: 'sf', trackingNo, seq: 3, status: 'delivered', description: '【杭州市】已签收', location: '杭州', at: Date.now() },
  });
  expect((await t.client.post('/api/v1/logistics/webhooks/sandbox', raw, { [CARRIER_SIGNATURE]: signCarrier(t.platform.config.sandboxCarrier.secret, raw) })).status).toBe(200);
  await t.platform.bus.drain();
  const rows = await t.platform.db.query<{ id: string; order_id: string; product_id: string; status: string; settle_at: Date | null }>('SELECT id, order_id, product_id, status, settle_at FROM alliance_commissions WHERE creator_id = $1', [creatorId]);
  const of = (order: string, product: Product) => rows.find((r) => r.order_id === order && r.product_id === product.id)!;
  for (const x of [settled, due, notDue]) expect(of(orderId, x)).toMatchObject({ status: 'pending', settle_at: expect.any(Date) });
  expect(of(unpaid.orders[0]!.id, due)).toMatchObject({ status: 'unpaid' });
  // This platform has no clock to move and its return window is days long: close the window of
  // two of the three lines by hand, leaving the third not due.
  await t.platform.db.query(`UPDATE alliance_commissions SET settle_at = now() - interval '1 day' WHERE id = ANY($1::text[])`, [[of(orderId, settled).id, of(orderId, due).id]]);
  expect((await t.platform.services.alliance.settlement.settle(of(orderId, settled).id)).status).toBe('settled');
  // Part of the settled balance withdrawn: its key, reused with another amount, is a conflict.
  const withdrawalFen = 500;
  const w = await c.creator.post<{ id: string }>('/api/v1/me/alliance/withdrawals', { amountFen: withdrawalFen }, { 'idempotency-key': WITHDRAWAL_KEY });
  expect(w.status, JSON.stringify(w.body)).toBe(201);
  const payout = (await t.platform.services.payouts.byReference(w.body.id))!;
  await t.platform.bus.drain();
  const earnings = (await c.creator.get<{ availableFen: number; pendingFen: number }>('/api/v1/me/alliance/earnings')).body;
  expect(earnings.availableFen).toBeGreaterThanOrEqual(100);
  expect(earnings.pendingFen).toBeGreaterThan(0);
  Object.assign(payoutFx, { secret: t.platform.config.sandboxPayout.secret, payoutId: payout.id, transferRef: payout.providerRef, amountFen: payout.amountFen });
  Object.assign(afx, {
    commission: { settled: of(orderId, settled).id, due: of(orderId, due).id, notDue: of(orderId, notDue).id, unpaid: of(unpaid.orders[0]!.id, due).id },
    withdrawalFen,
    availableFen: earnings.availableFen,
    pendingFen: earnings.pendingFen,
  });
}

const nonCreators: Who[] = ['shopper', 'merchant'];
let withdrawals = 0;
const MISSING_PLAN = 'apl_0000000000zzzzzzzzzz';
const missingPlan: BadCase = { name: 'planId that names nothing', kind: 'not-found', params: { planId: MISSING_PLAN }, expect: { status: 404, code: 'not_found', field: 'planId' } };
const storeParams = () => ({ storeId: fx.storeA.id });
const planUrl = '/api/v1/merchant/stores/:storeId/alliance/plans/:planId';
const sampleUrl = '/api/v1/merchant/stores/:storeId/alliance/samples/:sampleId';
const missingSample: BadCase = { name: 'sampleId that names nothing', kind: 'not-found', params: { sampleId: 'smp_0000000000zzzzzzzzzz' }, expect: { status: 404, code: 'not_found', field: 'sampleId' } };
const otherStoreSample: BadCase = { name: "another store's request", kind: 'not-found', params: () => ({ sampleId: afx.sample.other }), expect: { status: 404, code: 'not_found', field: 'sampleId' } };

export const ALLIANCE_ROUTES: RouteEntry[] = [
  {
    method: 'GET',
    url: '/api/v1/creators/:creatorId/showcase',
    access: 'public',
    who: 'anon',
    params: () => ({ creatorId: fx.userIds.creator }),
    ok: 200,
    bad: [
      ...PAGE_CASES(),
      { name: 'a user who is no creator', kind: 'not-found', params: () => ({ creatorId: afx.shopperId }), expect: { status: 404, code: 'not_found', field: 'creatorId' } },
      { name: 'creatorId that names nobody', kind: 'not-found', params: { creatorId: 'usr_0000000000zzzzzzzzzz' }, expect: { status: 404, code: 'not_found', field: 'creatorId' } },
    ],
  },
  {
    method: 'POST',
    url: '/api/v1/merchant/stores/:storeId/alliance/plans',
    access: ['merchant'],
    who: 'merchant',
    params: storeParams,
    body: () => ({ productId: afx.product.fresh, kind: 'open', rateBps: 1500, freeSamples: true }),
    ok: 201,
    wrongRole: nonMerchants,
    notOwner: ['other'],
    bad: [
      bodyAt('rateBps', 99, 'out-of-range'),
      bodyAt('rateBps', 8001, 'out-of-range'),
      bodyAt('rateBps', 0, 'out-of-range'),
      bodyAt('rateBps', 10_001, 'out-of-range'),
      bodyAt('rateBps', 15.5, 'malformed'),
      bodyAt('rateBps', '1500', 'malformed'),
      bodyWithout('rateBps'),
      bodyAt('kind', 'vip', 'malformed'),
      bodyWithout('kind'),
      bodyWithout('productId'),
      bodyAt('productId', 'product-1', 'malformed'),
      bodyAt('flatFeeFen', -1, 'out-of-range'),
      bodyAt('creatorId', 'user 1', 'malformed'),
      { name: 'an open plan naming a creator', kind: 'semantic', body: (b) => ({ ...b, creatorId: fx.userIds.creator }), expect: { status: 400, code: 'validation_failed', field: 'creatorId' } },
      { name: 'an open plan with a flat fee', kind: 'semantic', body: (b) => ({ ...b, flatFeeFen: 500 }), expect: { status: 400, code: 'validation_failed', field: 'flatFeeFen' } },
      { name: 'a targeted plan without its creator', kind: 'missing-field', body: (b) => ({ ...b, kind: 'targeted' }), expect: { status: 400, code: 'validation_failed', field: 'creatorId' } },
      { name: 'a targeted plan asking for approval', kind: 'semantic', body: (b) => ({ ...b, kind: 'targeted', creatorId: fx.userIds.creator, approvalRequired: true }), expect: { status: 400, code: 'validation_failed', field: 'approvalRequired' } },
      { name: 'a targeted plan naming a shopper', kind: 'not-found', body: (b) => ({ ...b, kind: 'targeted', creatorId: afx.shopperId }), expect: { status: 404, code: 'not_found', field: 'creatorId' } },
      { name: "another store's goods", kind: 'not-found', body: (b) => ({ ...b, productId: afx.product.other }), expect: { status: 404, code: 'not_found', field: 'productId' } },
      { name: 'goods that do not exist', kind: 'not-found', body: (b) => ({ ...b, productId: MISSING_IDS.productId }), expect: { status: 404, code: 'not_found', field: 'productId' } },
      { name: 'a second open plan on the goods', kind: 'semantic', body: (b) => ({ ...b, productId: afx.product.open }), expect: { status: 409, code: 'conflict', field: 'kind' } },
      { name: 'an exclusive plan beside an open one', kind: 'semantic', body: (b) => ({ ...b, productId: afx.product.open, kind: 'exclusive', creatorId: fx.userIds.creator }), expect: { status: 409, code: 'conflict', field: 'kind' } },
    ],
  },
  {
    method: 'GET',
    url: '/api/v1/merchant/stores/:storeId/alliance/plans',
    access: ['merchant'],
    who: 'member',
    params: storeParams,
    ok: 200,
    wrongRole: nonMerchants,
    notOwner: ['other'],
    bad: [...PAGE_CASES(), queryAt('productId', 'p 1', 'malformed'), queryAt('status', 'paused', 'malformed')],
  },
  {
    method: 'PATCH',
    url: planUrl,
    access: ['merchant'],
    who: 'merchant',
    params: () => ({ storeId: fx.storeA.id, planId: afx.plan.toUpdate }),
    body: () => ({ rateBps: 2500 }),
    ok: 200,
    wrongRole: nonMerchants,
    notOwner: ['other'],
    missing: [missingPlan],
    bad: [
      bodyAt('rateBps', 8001, 'out-of-range'),
      bodyAt('rateBps', 50, 'out-of-range'),
      bodyAt('rateBps', 0, 'out-of-range'),
      bodyAt('approvalRequired', 'yes', 'malformed'),
      { name: 'no field to change', kind: 'missing-field', body: () => ({}), expect: { status: 400, code: 'validation_failed', field: 'body' } },
      { name: 'a flat fee on an open plan', kind: 'semantic', body: () => ({ flatFeeFen: 100 }), expect: { status: 400, code: 'validation_failed', field: 'flatFeeFen' } },
      { name: 'a plan that has ended', kind: 'semantic', params: () => ({ planId: afx.plan.ended }), expect: { status: 409, code: 'invalid_state', field: 'status' } },
      { name: "another store's plan", kind: 'not-found', params: () => ({ planId: afx.plan.other }), expect: { status: 404, code: 'not_found', field: 'planId' } },
    ],
  },
  {
    method: 'POST',
    url: `${planUrl}/end`,
    access: ['merchant'],
    who: 'merchant',
    params: () => ({ storeId: fx.storeA.id, planId: afx.plan.toEnd }),
    ok: 200,
    wrongRole: nonMerchants,
    notOwner: ['other'],
    missing: [missingPlan],
    bad: [
      { name: 'a plan that has ended', kind: 'semantic', params: () => ({ planId: afx.plan.ended }), expect: { status: 409, code: 'invalid_state', field: 'status' } },
      { name: "another store's plan", kind: 'not-found', params: () => ({ planId: afx.plan.other }), expect: { status: 404, code: 'not_found', field: 'planId' } },
    ],
  },
  {
    method: 'GET',
    url: '/api/v1/merchant/stores/:storeId/alliance/applications',
    access: ['merchant'],
    who: 'merchant',
    params: storeParams,
    ok: 200,
    wrongRole: nonMerchants,
    notOwner: ['other'],
    bad: [...PAGE_CASES(), queryAt('status', 'open', 'malformed')],
  },
  {
    method: 'POST',
    url: '/api/v1/merchant/stores/:storeId/alliance/applications/:applicationId/decision',
    access: ['merchant'],
    who: 'merchant',
    params: () => ({ storeId: fx.storeA.id, applicationId: afx.application.toDecide }),
    body: () => ({ approve: true }),
    ok: 200,
    wrongRole: nonMerchants,
    notOwner: ['other'],
    missing: [{ name: 'applicationId that names nothing', kind: 'not-found', params: { applicationId: 'aap_0000000000zzzzzzzzzz' }, expect: { status: 404, code: 'not_found', field: 'applicationId' } }],
    bad: [
      bodyWithout('approve'),
      bodyAt('approve', 'yes', 'malformed'),
      bodyAt('reason', '', 'out-of-range'),
      bodyAt('reason', long(201), 'out-of-range'),
      { name: 'a rejection without a reason', kind: 'missing-field', body: () => ({ approve: false }), expect: { status: 400, code: 'validation_failed', field: 'reason' } },
      { name: 'an application already decided', kind: 'semantic', params: () => ({ applicationId: afx.application.decided }), expect: { status: 409, code: 'invalid_state', field: 'status' } },
    ],
  },
  {
    method: 'GET',
    url: '/api/v1/alliance/market',
    access: ['creator'],
    who: 'creator',
    query: () => ({ sort: 'rate', page: '1', limit: '20' }),
    ok: 200,
    wrongRole: nonCreators,
    bad: [
      queryAt('sort', 'cheap', 'malformed'),
      queryAt('page', '0', 'out-of-range'),
      queryAt('page', '101', 'out-of-range'),
      queryAt('page', 'one', 'malformed'),
      queryAt('limit', '51', 'out-of-range'),
      queryAt('q', '', 'out-of-range'),
      queryAt('q', long(41), 'out-of-range'),
      queryAt('categoryId', 'food', 'malformed'),
    ],
  },
  {
    method: 'POST',
    url: '/api/v1/alliance/plans/:planId/applications',
    access: ['creator'],
    who: 'creator',
    params: () => ({ planId: afx.plan.gated }),
    body: () => ({ note: '美食垂类，粉丝 5 万' }),
    ok: 201,
    wrongRole: nonCreators,
    missing: [missingPlan],
    bad: [
      bodyAt('note', long(201), 'out-of-range'),
      bodyAt('note', 5, 'malformed'),
      { name: 'a plan that needs no approval', kind: 'semantic', params: () => ({ planId: afx.plan.toUpdate }), expect: { status: 409, code: 'invalid_state', field: 'planId' } },
      { name: 'a plan already applied to', kind: 'semantic', params: () => ({ planId: afx.plan.gatedApplied }), expect: { status: 409, code: 'conflict', field: 'planId' } },
      { name: 'a targeted plan (not open to applications)', kind: 'not-found', params: () => ({ planId: afx.plan.targeted }), expect: { status: 404, code: 'not_found', field: 'planId' } },
      { name: 'an ended plan', kind: 'not-found', params: () => ({ planId: afx.plan.ended }), expect: { status: 404, code: 'not_found', field: 'planId' } },
    ],
  },
  { method: 'GET', url: '/api/v1/me/showcase', access: ['creator'], who: 'creator', ok: 200, wrongRole: nonCreators, bad: PAGE_CASES() },
  {
    method: 'PUT',
    url: '/api/v1/me/showcase/:productId',
    access: ['creator'],
    who: 'creator',
    params: () => ({ productId: afx.product.open }),
    ok: 200,
    wrongRole: nonCreators,
    bad: [
      { name: 'goods without a plan', kind: 'semantic', params: () => ({ productId: afx.product.fresh }), expect: { status: 409, code: 'invalid_state', field: 'productId' } },
      { name: 'goods whose plan needs approval I do not have', kind: 'auth', params: () => ({ productId: afx.product.gated }), expect: { status: 403, code: 'forbidden', field: 'productId' } },
    ],
  },
  {
    method: 'DELETE',
    url: '/api/v1/me/showcase/:productId',
    access: ['creator'],
    who: 'creator',
    params: () => ({ productId: afx.product.shown }),
    ok: 204,
    wrongRole: nonCreators,
    bad: [{ name: 'goods not in my showcase', kind: 'not-found', params: () => ({ productId: afx.product.fresh }), expect: { status: 404, code: 'not_found', field: 'productId' } }],
  },

  // Free samples
  {
    method: 'POST',
    url: '/api/v1/alliance/samples',
    access: ['creator'],
    who: 'creator',
    body: () => ({ productId: afx.sample.product.fresh, note: '想做一期测评' }),
    ok: 201,
    wrongRole: nonCreators,
    bad: [
      bodyWithout('productId'),
      bodyAt('productId', 'product-1', 'malformed'),
      bodyAt('productId', 5, 'malformed'),
      bodyAt('note', long(201), 'out-of-range'),
      bodyAt('note', 5, 'malformed'),
      { name: 'goods whose plans offer no samples', kind: 'semantic', body: (b) => ({ ...b, productId: afx.product.open }), expect: { status: 409, code: 'invalid_state', field: 'productId' } },
      { name: 'goods without a plan', kind: 'semantic', body: (b) => ({ ...b, productId: afx.product.fresh }), expect: { status: 409, code: 'invalid_state', field: 'productId' } },
      { name: 'goods that do not exist', kind: 'not-found', body: (b) => ({ ...b, productId: MISSING_IDS.productId }), expect: { status: 404, code: 'not_found', field: 'productId' } },
      { name: 'goods with a request still pending', kind: 'semantic', body: (b) => ({ ...b, productId: afx.sample.product.pending }), expect: { status: 409, code: 'conflict', field: 'productId' } },
      { name: 'goods whose last request was declined (cooling down)', kind: 'semantic', body: (b) => ({ ...b, productId: afx.sample.product.declined }), expect: { status: 409, code: 'invalid_state', field: 'productId' } },
    ],
  },
  { method: 'GET', url: '/api/v1/me/alliance/samples', access: ['creator'], who: 'creator', ok: 200, wrongRole: nonCreators, bad: PAGE_CASES() },
  {
    method: 'GET',
    url: '/api/v1/merchant/stores/:storeId/alliance/samples',
    access: ['merchant'],
    who: 'member',
    params: storeParams,
    query: () => ({ status: 'lapsed' }),
    ok: 200,
    wrongRole: nonMerchants,
    notOwner: ['other'],
    bad: [...PAGE_CASES(), queryAt('status', 'open', 'malformed'), queryAt('status', '', 'malformed')],
  },
  {
    method: 'POST',
    url: `${sampleUrl}/decision`,
    access: ['merchant'],
    who: 'merchant',
    params: () => ({ storeId: fx.storeA.id, sampleId: afx.sample.toDecide }),
    body: () => ({ approve: true }),
    ok: 200,
    wrongRole: nonMerchants,
    notOwner: ['other'],
    missing: [missingSample],
    bad: [
      bodyWithout('approve'),
      bodyAt('approve', 'yes', 'malformed'),
      bodyAt('reason', '', 'out-of-range'),
      bodyAt('reason', long(201), 'out-of-range'),
      { name: 'a rejection without a reason', kind: 'missing-field', body: () => ({ approve: false }), expect: { status: 400, code: 'validation_failed', field: 'reason' } },
      { name: 'a request already decided', kind: 'semantic', params: () => ({ sampleId: afx.sample.declined }), expect: { status: 409, code: 'invalid_state', field: 'status' } },
      { name: 'a request that lapsed (not decided in time)', kind: 'semantic', params: () => ({ sampleId: afx.sample.lapsed }), expect: { status: 409, code: 'invalid_state', field: 'status' } },
      otherStoreSample,
    ],
  },
  {
    method: 'POST',
    url: `${sampleUrl}/ship`,
    access: ['merchant'],
    who: 'merchant',
    params: () => ({ storeId: fx.storeA.id, sampleId: afx.sample.toShip }),
    body: () => ({ carrier: 'sf', trackingNo: 'SF2024000000888' }),
    ok: 200,
    wrongRole: nonMerchants,
    notOwner: ['other'],
    missing: [missingSample],
    bad: [
      bodyWithout('carrier'),
      bodyWithout('trackingNo'),
      bodyAt('carrier', 'pigeon', 'semantic'),
      bodyAt('carrier', '', 'out-of-range'),
      bodyAt('carrier', long(21, 'a'), 'out-of-range'),
      bodyAt('trackingNo', 'SF 2024 0001', 'malformed'),
      bodyAt('trackingNo', 'SF1', 'out-of-range'),
      bodyAt('trackingNo', long(41, 'A'), 'out-of-range'),
      bodyAt('trackingNo', 2024000000888, 'malformed'),
      { name: "another parcel's tracking number", kind: 'semantic', body: () => ({ carrier: fx.parcel.carrier, trackingNo: fx.parcel.trackingNo }), expect: { status: 409, code: 'conflict', field: 'trackingNo' } },
      { name: 'a request not approved (pending)', kind: 'semantic', params: () => ({ sampleId: afx.sample.toDecide }), expect: { status: 409, code: 'invalid_state', field: 'status' } },
      { name: 'a request the store declined', kind: 'semantic', params: () => ({ sampleId: afx.sample.declined }), expect: { status: 409, code: 'invalid_state', field: 'status' } },
      otherStoreSample,
    ],
  },
  {
    method: 'GET',
    url: `${sampleUrl}/address`,
    access: ['merchant'],
    who: 'member',
    params: () => ({ storeId: fx.storeA.id, sampleId: afx.sample.forAddress }),
    query: () => ({ full: 'true' }),
    ok: 200,
    wrongRole: nonMerchants,
    notOwner: ['other'],
    missing: [missingSample],
    bad: [
      queryAt('full', 'yes', 'malformed'),
      { name: 'a request not approved (pending)', kind: 'semantic', params: () => ({ sampleId: afx.sample.toDecide }), expect: { status: 409, code: 'invalid_state', field: 'status' } },
      { name: 'a request the store declined', kind: 'semantic', params: () => ({ sampleId: afx.sample.declined }), expect: { status: 409, code: 'invalid_state', field: 'status' } },
      otherStoreSample,
    ],
  },

  // Commissions, earnings and withdrawals
  { method: 'GET', url: '/api/v1/me/alliance/earnings', access: ['creator'], who: 'creator', ok: 200, wrongRole: nonCreators, bad: [] },
  {
    method: 'GET',
    url: '/api/v1/me/alliance/commissions',
    access: ['creator'],
    who: 'creator',
    query: () => ({ status: 'pending', limit: '20', offset: '0' }),
    ok: 200,
    wrongRole: nonCreators,
    bad: [...PAGE_CASES(), queryAt('status', 'paid', 'malformed'), queryAt('status', '', 'malformed'), queryAt('creatorId', 'usr_0000000000zzzzzzzzzz', 'unknown-field')],
  },
  {
    method: 'POST',
    url: '/api/v1/me/alliance/withdrawals',
    access: ['creator'],
    who: 'creator',
    headers: () => ({ 'idempotency-key': `bi-withdrawal-${++withdrawals}` }),
    body: () => ({ amountFen: 100 }),
    ok: 201,
    wrongRole: nonCreators,
    bad: [
      bodyWithout('amountFen'),
      bodyAt('amountFen', 99, 'out-of-range'),
      bodyAt('amountFen', 0, 'out-of-range'),
      bodyAt('amountFen', -100, 'out-of-range'),
      bodyAt('amountFen', 500_000_001, 'out-of-range'),
      bodyAt('amountFen', 100.5, 'malformed'),
      bodyAt('amountFen', '100', 'malformed'),
      bodyAt('amountFen', null, 'malformed'),
      bodyAt('currency', 'CNY', 'unknown-field'),
      { name: 'no Idempotency-Key header', kind: 'missing-field', headers: {}, expect: { status: 400, code: 'validation_failed', field: 'headers.idempotency-key' } },
      { name: 'an Idempotency-Key that is too short', kind: 'out-of-range', headers: { 'idempotency-key': 'abc' }, expect: { status: 400, code: 'validation_failed', field: 'headers.idempotency-key' } },
      { name: 'an Idempotency-Key with spaces', kind: 'malformed', headers: { 'idempotency-key': 'bi withdrawal 1' }, expect: { status: 400, code: 'validation_failed', field: 'headers.idempotency-key' } },
      { name: 'more than the settled balance', kind: 'semantic', body: () => ({ amountFen: afx.availableFen + 1 }), expect: { status: 400, code: 'validation_failed', field: 'amountFen' } },
      { name: 'the balance and the money still pending', kind: 'semantic', body: () => ({ amountFen: afx.availableFen + afx.pendingFen }), expect: { status: 400, code: 'validation_failed', field: 'amountFen' } },
      { name: 'a used Idempotency-Key with another amount', kind: 'semantic', headers: { 'idempotency-key': WITHDRAWAL_KEY }, body: () => ({ amountFen: afx.withdrawalFen + 100 }), expect: { status: 409, code: 'conflict', field: 'headers.idempotency-key' } },
    ],
  },
  { method: 'GET', url: '/api/v1/me/alliance/withdrawals', access: ['creator'], who: 'creator', ok: 200, wrongRole: nonCreators, bad: PAGE_CASES() },
  {
    method: 'GET',
    url: '/api/v1/merchant/stores/:storeId/alliance/creators',
    access: ['merchant'],
    who: 'member',
    params: storeParams,
    ok: 200,
    wrongRole: nonMerchants,
    notOwner: ['other'],
    bad: [...PAGE_CASES(), queryAt('status', 'settled', 'unknown-field')],
  },
  // Settlement. Settling one commission comes before the sweep: the sweep's valid request (run
  // after it) would otherwise settle the due commission the valid settle request needs.
  {
    method: 'POST',
    url: '/api/v1/ops/alliance/commissions/:commissionId/settle',
    access: ['operator'],
    who: 'operator',
    params: () => ({ commissionId: afx.commission.due }),
    ok: 200,
    wrongRole: [...nonOperators, 'creator'],
    missing: [{ name: 'commissionId that names nothing', kind: 'not-found', params: { commissionId: 'com_0000000000zzzzzzzzzz' }, expect: { status: 404, code: 'not_found', field: 'commissionId' } }],
    bad: [
      { name: 'a commission already settled (settling twice)', kind: 'semantic', params: () => ({ commissionId: afx.commission.settled }), expect: { status: 409, code: 'conflict', field: 'commissionId' } },
      { name: 'a commission whose return window is open (not due)', kind: 'semantic', params: () => ({ commissionId: afx.commission.notDue }), expect: { status: 409, code: 'invalid_state', field: 'commissionId' } },
      { name: 'a commission on an unpaid order (not pending)', kind: 'semantic', params: () => ({ commissionId: afx.commission.unpaid }), expect: { status: 409, code: 'invalid_state', field: 'commissionId' } },
    ],
  },
  { method: 'POST', url: '/api/v1/ops/alliance/settlements', access: ['operator'], who: 'operator', ok: 200, wrongRole: [...nonOperators, 'creator'], bad: [] },
];
