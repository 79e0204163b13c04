// Bad-input table: campaigns — operators' campaigns (boost above the cap, reversed dates,
// overlapping platform events, edits after the start), stores' enrolments (score, category and
// price refusals, goods enrolled twice or withdrawn twice) and the public pages and badges. Its
// fixtures live here (filled by campaignFixtures): programmes active now (open; scored stores only;
// a price rule; other categories only), a scheduled platform event, a called-off programme, and
// storeA's goods enrolled and withdrawn.
import { expect } from 'vitest';
import type { Product } from '../../../src/modules/catalog/model.ts';
import type { Campaign } from '../../../src/modules/campaigns/schemas.ts';
import type { Client, TestPlatform } from '../../support/platform.ts';
import { bodyAt, bodyWithout, queryAt, type RouteEntry } from '../../support/route-table.ts';
import { fx, long, nonMerchants, nonOperators, PAGE_CASES } from './kit.ts';

const cfx = {} as { open: string; second: string; scored: string; cheap: string; otherCategory: string; event: string; cancelled: string; toEnd: string; enrolled: string; toWithdraw: string; withdrawn: string };
const DAY = 86_400_000;
const at = (days: number) => new Date(Date.now() + days * DAY).toISOString();
const MISSING_CAMPAIGN = 'cmp_0000000000zzzzzzzzzz';

export async function campaignFixtures(t: TestPlatform, c: { operator: Client; merchant: Client }): Promise<void> {
  const create = async (body: Record<string, unknown>) => {
    const r = await c.operator.post<Campaign>('/api/v1/ops/campaigns', { kind: 'programme', name: '山货', startsAt: at(0), endsAt: at(30), boost: 1.2, ...body });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body.id;
  };
  const elsewhere = (await t.platform.services.categories.create({ nameZh: '活动专用类目', nameEn: 'Campaign only' })).id;
  const goods = async (title: string) => {
    const r = await c.merchant.post<Product>(`/api/v1/merchant/stores/${fx.storeA.id}/products`, { title, categoryId: fx.categoryChild, skus: [{ optionValues: {}, priceFen: 1990, stock: 10 }] });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body.id;
  };
  Object.assign(cfx, {
    open: await create({ name: '山货上行' }),
    second: await create({ name: '助农直播' }),
    scored: await create({ name: '好店计划', minStoreScore: 60 }),
    cheap: await create({ name: '九块九', maxPriceFen: 990 }),
    otherCategory: await create({ name: '别的类目', categoryIds: [elsewhere] }),
    event: await create({ kind: 'event', name: '双11', startsAt: at(10), endsAt: at(12) }),
    cancelled: await create({ name: '取消了', startsAt: at(20), endsAt: at(25) }),
    toEnd: await create({ name: '待结束', startsAt: at(20), endsAt: at(25) }),
    enrolled: await goods('山核桃'),
    toWithdraw: await goods('板栗'),
    withdrawn: await goods('松子'),
  });
  expect((await c.operator.post(`/api/v1/ops/campaigns/${cfx.cancelled}/end`)).status).toBe(200);
  const enrol = async (productId: string) => expect((await c.merchant.post(`/api/v1/merchant/stores/${fx.storeA.id}/campaigns/${cfx.open}/enrolments`, { productId })).status).toBe(201);
  for (const id of [cfx.enrolled, cfx.toWithdraw, cfx.withdrawn]) await enrol(id);
  expect((await c.merchant.post(`/api/v1/merchant/stores/${fx.storeA.id}/campaigns/${cfx.open}/enrolments/${cfx.withdrawn}/withdraw`)).status).toBe(200);
  await t.platform.bus.drain();
}

const missingCampaign = { name: 'campaignId that names nothing', kind: 'not-found', params: { campaignId: MISSING_CAMPAIGN }, expect: { status: 404, code: 'not_found', field: 'campaignId' } } as const;

export const CAMPAIGN_ROUTES: RouteEntry[] = [
  {
    method: 'POST',
    url: '/api/v1/ops/campaigns',
    access: ['operator'],
    who: 'operator',
    body: () => ({ kind: 'programme', name: '乡村振兴', nameEn: 'Rural revival', startsAt: at(1), endsAt: at(60), categoryIds: [fx.categoryRoot], minStoreScore: 70, maxPriceFen: 9900, boost: 1.3 }),
    ok: 201,
    wrongRole: nonOperators,
    bad: [
      bodyAt('kind', 'party', 'malformed'),
      bodyAt('name', '', 'out-of-range'),
      bodyAt('name', long(41), 'out-of-range'),
      bodyAt('startsAt', 'tomorrow', 'malformed'),
      bodyAt('boost', 1, 'out-of-range'),
      bodyAt('boost', 'high', 'malformed'),
      bodyAt('maxPriceFen', -1, 'out-of-range'),
      bodyAt('minStoreScore', 101, 'out-of-range'),
      bodyWithout('endsAt'),
      bodyWithout('boost'),
      { name: 'a boost above CAMPAIGN_MAX_BOOST', kind: 'semantic', body: (b) => ({ ...b, boost: 1.6 }), expect: { status: 400, code: 'validation_failed', field: 'boost' } },
      { name: 'reversed dates', kind: 'semantic', body: (b) => ({ ...b, startsAt: at(5), endsAt: at(4) }), expect: { status: 400, code: 'validation_failed', field: 'endsAt' } },
      { name: 'a start in the past', kind: 'semantic', body: (b) => ({ ...b, startsAt: at(-2) }), expect: { status: 400, code: 'validation_failed', field: 'startsAt' } },
      { name: 'a category that does not exist', kind: 'semantic', body: (b) => ({ ...b, categoryIds: ['cat_0000000000zzzzzzzzzz'] }), expect: { status: 400, code: 'validation_failed', field: 'categoryIds' } },
      { name: 'a platform event overlapping another in dates and categories', kind: 'semantic', body: (b) => ({ ...b, kind: 'event', startsAt: at(11), endsAt: at(13) }), expect: { status: 409, code: 'campaign_overlap', field: 'startsAt' } },
    ],
  },
  { method: 'GET', url: '/api/v1/ops/campaigns', access: ['operator'], who: 'operator', query: () => ({ status: 'active' }), ok: 200, wrongRole: nonOperators, bad: [...PAGE_CASES(), queryAt('status', 'open', 'malformed')] },
  {
    method: 'PATCH',
    url: '/api/v1/ops/campaigns/:campaignId',
    access: ['operator'],
    who: 'operator',
    params: () => ({ campaignId: cfx.event }),
    body: () => ({ name: '双11 狂欢', boost: 1.3 }),
    ok: 200,
    wrongRole: nonOperators,
    missing: [missingCampaign],
    bad: [
      bodyAt('boost', 0.5, 'out-of-range'),
      bodyAt('endsAt', 'soon', 'malformed'),
      bodyAt('categoryIds', 'food', 'malformed'),
      { name: 'a boost above CAMPAIGN_MAX_BOOST', kind: 'semantic', body: () => ({ boost: 2 }), expect: { status: 400, code: 'validation_failed', field: 'boost' } },
      { name: 'an end before the start', kind: 'semantic', body: () => ({ endsAt: at(9) }), expect: { status: 400, code: 'validation_failed', field: 'endsAt' } },
      { name: 'a campaign that has started', kind: 'semantic', params: () => ({ campaignId: cfx.open }), expect: { status: 409, code: 'invalid_state', field: 'campaignId' } },
    ],
  },
  {
    method: 'POST',
    url: '/api/v1/ops/campaigns/:campaignId/end',
    access: ['operator'],
    who: 'operator',
    params: () => ({ campaignId: cfx.toEnd }),
    ok: 200,
    wrongRole: nonOperators,
    missing: [missingCampaign],
    bad: [{ name: 'a campaign called off already', kind: 'semantic', params: () => ({ campaignId: cfx.cancelled }), expect: { status: 409, code: 'invalid_state', field: 'campaignId' } }],
  },
  { method: 'GET', url: '/api/v1/ops/campaigns/:campaignId/results', access: ['operator'], who: 'operator', params: () => ({ campaignId: cfx.open }), ok: 200, wrongRole: nonOperators, missing: [missingCampaign], bad: [] },
  { method: 'GET', url: '/api/v1/merchant/stores/:storeId/campaigns', access: ['merchant'], who: 'member', params: () => ({ storeId: fx.storeA.id }), ok: 200, wrongRole: nonMerchants, notOwner: ['other'], bad: [] },
  { method: 'GET', url: '/api/v1/merchant/stores/:storeId/campaign-enrolments', access: ['merchant'], who: 'member', params: () => ({ storeId: fx.storeA.id }), ok: 200, wrongRole: nonMerchants, notOwner: ['other'], bad: [] },
  {
    method: 'POST',
    url: '/api/v1/merchant/stores/:storeId/campaigns/:campaignId/enrolments',
    access: ['merchant'],
    who: 'merchant',
    params: () => ({ storeId: fx.storeA.id, campaignId: cfx.open }),
    body: () => ({ productId: fx.productA.id }),
    ok: 201,
    wrongRole: nonMerchants,
    notOwner: ['other'],
    missing: [missingCampaign, { name: 'goods that do not exist', kind: 'not-found', body: () => ({ productId: 'prd_0000000000zzzzzzzzzz' }), expect: { status: 404, code: 'not_found', field: 'productId' } }],
    bad: [
      bodyWithout('productId'),
      bodyAt('productId', 'walnut', 'malformed'),
      { name: 'goods enrolled already', kind: 'semantic', body: () => ({ productId: cfx.enrolled }), expect: { status: 409, code: 'conflict', field: 'productId' } },
      { name: 'a store without the minimum experience score', kind: 'semantic', params: () => ({ storeId: fx.storeA.id, campaignId: cfx.scored }), expect: { status: 409, code: 'invalid_state', field: 'storeId' } },
      { name: 'goods priced above the price rule', kind: 'semantic', params: () => ({ storeId: fx.storeA.id, campaignId: cfx.cheap }), expect: { status: 409, code: 'invalid_state', field: 'productId' } },
      { name: 'goods outside the campaign’s categories', kind: 'semantic', params: () => ({ storeId: fx.storeA.id, campaignId: cfx.otherCategory }), expect: { status: 409, code: 'invalid_state', field: 'productId' } },
      { name: 'a campaign called off', kind: 'semantic', params: () => ({ storeId: fx.storeA.id, campaignId: cfx.cancelled }), expect: { status: 409, code: 'invalid_state', field: 'campaignId' } },
      { name: 'goods in another campaign at the same time', kind: 'semantic', params: () => ({ storeId: fx.storeA.id, campaignId: cfx.second }), body: () => ({ productId: cfx.enrolled }), expect: { status: 409, code: 'conflict', field: 'productId' } },
    ],
  },
  {
    method: 'POST',
    url: '/api/v1/merchant/stores/:storeId/campaigns/:campaignId/enrolments/:productId/withdraw',
    access: ['merchant'],
    who: 'member',
    params: () => ({ storeId: fx.storeA.id, campaignId: cfx.open, productId: cfx.toWithdraw }),
    ok: 200,
    wrongRole: nonMerchants,
    notOwner: ['other'],
    missing: [missingCampaign, { name: 'goods never enrolled in it', kind: 'not-found', params: () => ({ storeId: fx.storeA.id, campaignId: cfx.event, productId: cfx.enrolled }), expect: { status: 404, code: 'not_found', field: 'productId' } }],
    bad: [{ name: 'goods withdrawn already', kind: 'semantic', params: () => ({ storeId: fx.storeA.id, campaignId: cfx.open, productId: cfx.withdrawn }), expect: { status: 409, code: 'invalid_state', field: 'productId' } }],
  },
  { method: 'GET', url: '/api/v1/campaigns', access: 'public', who: 'anon', ok: 200, bad: [] },
  {
    method: 'GET',
    url: '/api/v1/campaigns/badges',
    access: 'public',
    who: 'anon',
    query: () => ({ productIds: `${fx.productA.id},${cfx.enrolled}` }),
    ok: 200,
    bad: [
      queryAt('productIds', 'walnut,honey', 'malformed'),
      queryAt('productIds', Array.from({ length: 101 }, () => 'prd_0000000000zzzzzzzzzz').join(','), 'out-of-range'),
      { name: 'without productIds', kind: 'missing-field', query: { productIds: null }, expect: { status: 400, code: 'validation_failed', field: 'querystring.productIds' } },
    ],
  },
  {
    method: 'GET',
    url: '/api/v1/campaigns/:campaignId',
    access: 'public',
    who: 'anon',
    params: () => ({ campaignId: cfx.open }),
    ok: 200,
    missing: [missingCampaign, { name: 'a campaign called off', kind: 'not-found', params: () => ({ campaignId: cfx.cancelled }), expect: { status: 404, code: 'not_found', field: 'campaignId' } }],
    bad: [],
  },
];
