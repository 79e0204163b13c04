// Bad-input table: the alliance (精选联盟) — stores' commission plans and application decisions,
// creators' market, applications and showcase. Its fixtures live here (filled by allianceFixtures).
import { expect } from 'vitest';
import type { Product } from '../../../src/modules/catalog/model.ts';
import type { Store } from '../../../src/modules/catalog/stores.ts';
import type { Client } from '../../support/platform.ts';
import { bodyAt, bodyWithout, MISSING_IDS, queryAt, type BadCase, type RouteEntry, type Who } from '../../support/route-table.ts';
import { PAGE_CASES, fx, long, nonMerchants } from './kit.ts';

const afx = {} as {
  storeA: string;
  product: { fresh: string; open: string; shown: string; gated: string; other: string };
  plan: { toUpdate: string; toEnd: string; ended: string; gated: string; gatedApplied: string; targeted: string; other: string };
  application: { toDecide: string; decided: string };
  shopperId: string;
};

export async function allianceFixtures(c: { merchant: Client; other: Client; creator: Client; shopper: Client }, storeA: Store, categoryId: string, creatorId: string): Promise<void> {
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
}

const nonCreators: Who[] = ['shopper', 'merchant'];
const MISSING_PLAN = 'apl_0000000000zzzzzzzzzz';
const missingPlan: BadCase = { name: 'planId that names nothing', kind: 'not-found', params: { planId: MISSING_PLAN }, expect: { status: 404, code: 'not_found', field: 'planId' } };
const storeParams = () => ({ storeId: fx.storeA.id });
const planUrl = '/api/v1/merchant/stores/:storeId/alliance/plans/:planId';

export const ALLIANCE_ROUTES: RouteEntry[] = [
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
];
