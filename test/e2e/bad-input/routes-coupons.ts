// Bad-input table: coupons — issuing (stores, operators), claiming, the wallet, and the quote;
// plus the coupon cases of checkout (appended to its entry in routes-commerce.ts).
import { expect } from 'vitest';
import type { Product } from '../../../src/modules/catalog/model.ts';
import type { Store } from '../../../src/modules/catalog/stores.ts';
import type { Client, TestPlatform } from '../../support/platform.ts';
import { MISSING_IDS, bodyAt, bodyWithout, queryAt, type BadCase, type Json, type RouteEntry, paramAt } from '../../support/route-table.ts';
import { PAGE_CASES, fx, long, nonMerchants, nonOperators, type Fixtures } from './kit.ts';

const HOUR = 3_600_000;
const window = () => ({ startsAt: new Date(Date.now() - 60_000).toISOString(), endsAt: new Date(Date.now() + HOUR).toISOString() });
const TERMS = (): Json => ({ title: '无门槛减5元', kind: 'amount', thresholdFen: 0, amountOffFen: 500, ...window(), totalQuantity: 100, perUserLimit: 5 });

export async function couponFixtures(
  t: TestPlatform,
  c: { shopper: Client; creator: Client; merchant: Client; other: Client; operator: Client },
  storeA: Store,
  productA: Product,
): Promise<Pick<Fixtures, 'coupons'>> {
  const [storeB] = (await c.other.get<Store[]>('/api/v1/merchant/stores')).body;
  const issue = async (m: Client, storeId: string, over: Json = {}) => {
    const r = await m.post<{ id: string }>(`/api/v1/merchant/stores/${storeId}/coupons`, { ...TERMS(), ...over });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body.id;
  };
  const claim = async (who: Client, couponId: string) => {
    const r = await who.post<{ id: string }>(`/api/v1/coupons/${couponId}/claim`);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body.id;
  };
  const claimable = await issue(c.merchant, storeA.id);
  const toEnd = await issue(c.merchant, storeA.id);
  const ended = await issue(c.merchant, storeA.id);
  expect((await c.merchant.post(`/api/v1/merchant/stores/${storeA.id}/coupons/${ended}/end`)).status).toBe(200);
  const soldOut = await issue(c.merchant, storeA.id, { totalQuantity: 1, perUserLimit: 1 });
  await claim(c.creator, soldOut);
  const scheduled = await issue(c.merchant, storeA.id, { startsAt: new Date(Date.now() + 24 * HOUR).toISOString(), endsAt: new Date(Date.now() + 48 * HOUR).toISOString() });
  const otherStore = await issue(c.other, storeB!.id);
  const live = await issue(c.merchant, storeA.id, { scope: 'live_room', liveRoomId: 'bi_room' });
  const tooHigh = await issue(c.merchant, storeA.id, { thresholdFen: 100_000, amountOffFen: 1000 });
  const usedTpl = await issue(c.merchant, storeA.id);
  const expiredTpl = await issue(c.merchant, storeA.id);
  const platform = await c.operator.post<{ id: string }>('/api/v1/ops/coupons', { ...TERMS(), title: '平台九折', kind: 'percent', amountOffFen: undefined, thresholdFen: 0, percentOffBps: 1000, maxOffFen: 2000 });
  expect(platform.status, JSON.stringify(platform.body)).toBe(201);
  const platformToEnd = await c.operator.post<{ id: string }>('/api/v1/ops/coupons', { ...TERMS(), title: '平台减 5', thresholdFen: 0, amountOffFen: 500 });
  expect(platformToEnd.status).toBe(201);

  const wallet = {
    storeA: await claim(c.shopper, claimable),
    storeA2: await claim(c.shopper, claimable),
    otherStore: await claim(c.shopper, otherStore),
    liveRoom: await claim(c.shopper, live),
    platform: await claim(c.shopper, platform.body.id),
    used: await claim(c.shopper, usedTpl),
    expired: await claim(c.shopper, expiredTpl),
    tooHigh: await claim(c.shopper, tooHigh),
    creators: await claim(c.creator, claimable),
  };
  const spent = await c.shopper.post('/api/v1/checkout', { items: [{ skuId: productA.skus[0]!.id, quantity: 1 }], couponIds: [wallet.used] }, { 'idempotency-key': 'bi-fixture-coupon' });
  expect(spent.status, JSON.stringify(spent.body)).toBe(201);
  // The window of one claimed copy has passed.
  await t.platform.db.query(`UPDATE coupons SET starts_at = now() - interval '2 hours', ends_at = now() - interval '1 hour' WHERE id = $1`, [expiredTpl]);
  return { coupons: { claimable, toEnd, ended, soldOut, scheduled, otherStore, platform: platform.body.id, platformToEnd: platformToEnd.body.id, wallet } };
}

/** Coupon cases for a route whose body takes `couponIds` (checkout and quote). */
export const COUPON_ID_CASES = (): BadCase[] => {
  const using = (ids: () => string[]) => (b: Json) => ({ ...b, couponIds: ids() });
  const w = () => fx.coupons.wallet;
  return [
    bodyAt('couponIds', 'ucp_1', 'malformed'),
    { name: 'a malformed coupon id', kind: 'malformed', body: using(() => ['coupon-1']), expect: { status: 400, code: 'validation_failed', field: 'couponIds.0' } },
    { name: 'more than 10 coupons', kind: 'out-of-range', body: using(() => Array.from({ length: 11 }, () => w().storeA)), expect: { status: 400, code: 'validation_failed', field: 'couponIds' } },
    { name: "another store's coupon", kind: 'semantic', body: using(() => [w().otherStore]), expect: { status: 400, code: 'validation_failed', field: 'couponIds.0' } },
    { name: 'a live-room coupon outside its live room', kind: 'semantic', body: using(() => [w().liveRoom]), expect: { status: 400, code: 'validation_failed', field: 'couponIds.0' } },
    { name: 'two store coupons for one store', kind: 'semantic', body: using(() => [w().storeA, w().storeA2]), expect: { status: 400, code: 'validation_failed', field: 'couponIds.1' } },
    { name: 'one coupon twice', kind: 'semantic', body: using(() => [w().platform, w().platform]), expect: { status: 400, code: 'validation_failed', field: 'couponIds.1' } },
    { name: 'a coupon whose threshold is not met', kind: 'semantic', body: using(() => [w().tooHigh]), expect: { status: 409, code: 'invalid_state', field: 'couponIds.0' } },
    { name: 'a used coupon', kind: 'semantic', body: using(() => [w().platform, w().used]), expect: { status: 409, code: 'invalid_state', field: 'couponIds.1' } },
    { name: 'an expired coupon', kind: 'semantic', body: using(() => [w().expired]), expect: { status: 409, code: 'invalid_state', field: 'couponIds.0' } },
    { name: "someone else's coupon", kind: 'not-found', body: using(() => [w().creators]), expect: { status: 404, code: 'not_found', field: 'couponIds.0' } },
    { name: 'a coupon id that names nothing', kind: 'not-found', body: using(() => ['ucp_0000000000zzzzzzzzzz']), expect: { status: 404, code: 'not_found', field: 'couponIds.0' } },
  ];
};

/** Bodies of a store coupon, and the ways to spoil them shared by stores and operators. */
const TERM_CASES = (): BadCase[] => [
  bodyAt('title', '', 'out-of-range'),
  bodyAt('title', long(41), 'out-of-range'),
  bodyWithout('title'),
  bodyAt('kind', 'gift', 'malformed'),
  bodyWithout('kind'),
  bodyAt('thresholdFen', -1, 'out-of-range'),
  bodyAt('thresholdFen', 1.5, 'malformed'),
  bodyAt('amountOffFen', 0, 'out-of-range'),
  bodyAt('amountOffFen', '500', 'malformed'),
  bodyAt('percentOffBps', 10_000, 'out-of-range'),
  bodyAt('maxOffFen', 0, 'out-of-range'),
  bodyAt('startsAt', 'tomorrow', 'malformed'),
  bodyWithout('endsAt'),
  bodyAt('totalQuantity', 0, 'out-of-range'),
  bodyAt('totalQuantity', 10_000_001, 'out-of-range'),
  bodyAt('perUserLimit', 101, 'out-of-range'),
  bodyAt('perUserLimit', 0, 'out-of-range'),
  bodyAt('funder', 'platform', 'unknown-field'),
  bodyAt('liveRoomId', 'room 1', 'malformed'),
  { name: 'an amount coupon without amountOffFen', kind: 'missing-field', body: (b) => ({ ...b, amountOffFen: undefined }), expect: { status: 400, code: 'validation_failed', field: 'amountOffFen' } },
  { name: 'an amount coupon with percentOffBps', kind: 'semantic', body: (b) => ({ ...b, percentOffBps: 1000 }), expect: { status: 400, code: 'validation_failed', field: 'percentOffBps' } },
  { name: 'a percent coupon without percentOffBps', kind: 'missing-field', body: (b) => ({ ...b, kind: 'percent', amountOffFen: undefined }), expect: { status: 400, code: 'validation_failed', field: 'percentOffBps' } },
  { name: 'a percent coupon with amountOffFen', kind: 'semantic', body: (b) => ({ ...b, kind: 'percent', percentOffBps: 1000 }), expect: { status: 400, code: 'validation_failed', field: 'amountOffFen' } },
  { name: '满X减Y taking off as much as the threshold', kind: 'semantic', body: (b) => ({ ...b, thresholdFen: 500, amountOffFen: 500 }), expect: { status: 400, code: 'validation_failed', field: 'amountOffFen' } },
  { name: 'ending before it starts', kind: 'semantic', body: (b) => ({ ...b, endsAt: new Date(Date.parse(b.startsAt as string) - 1000).toISOString() }), expect: { status: 400, code: 'validation_failed', field: 'endsAt' } },
  { name: 'ending in the past', kind: 'semantic', body: (b) => ({ ...b, startsAt: new Date(Date.now() - 2 * HOUR).toISOString(), endsAt: new Date(Date.now() - HOUR).toISOString() }), expect: { status: 400, code: 'validation_failed', field: 'endsAt' } },
  { name: 'a per-shopper limit above the quantity', kind: 'semantic', body: (b) => ({ ...b, totalQuantity: 3, perUserLimit: 4 }), expect: { status: 400, code: 'validation_failed', field: 'perUserLimit' } },
  { name: 'a live-room coupon without its room', kind: 'missing-field', body: (b) => ({ ...b, scope: 'live_room' }), expect: { status: 400, code: 'validation_failed', field: 'liveRoomId' } },
  { name: 'a room for a coupon that is not for a live room', kind: 'semantic', body: (b) => ({ ...b, liveRoomId: 'room_1' }), expect: { status: 400, code: 'validation_failed', field: 'liveRoomId' } },
];

export const COUPON_ROUTES: RouteEntry[] = [
  {
    method: 'POST',
    url: '/api/v1/checkout/quote',
    access: 'user',
    who: 'shopper',
    body: () => ({ items: [{ skuId: fx.productA.skus[0]!.id, quantity: 1 }], source: { type: 'store_page', id: fx.storeA.id } }),
    ok: 200,
    bad: [
      bodyAt('items', [], 'out-of-range'),
      bodyAt('items.0.quantity', 0, 'out-of-range'),
      bodyAt('items.0.skuId', 'abc', 'malformed'),
      bodyAt('source.type', 'tv', 'malformed'),
      bodyAt('expectedTotalFen', -1, 'out-of-range'),
      { name: 'a SKU that does not exist', kind: 'not-found', body: (b) => ({ ...b, items: [{ skuId: MISSING_IDS.skuId!, quantity: 1 }] }), expect: { status: 404, code: 'not_found', field: 'items.0.skuId' } },
      { name: 'a total that differs from the quote', kind: 'semantic', body: (b) => ({ ...b, couponIds: [], expectedTotalFen: 1 }), expect: { status: 409, code: 'conflict', field: 'expectedTotalFen' } },
      ...COUPON_ID_CASES(),
    ],
  },
  {
    method: 'POST',
    url: '/api/v1/merchant/stores/:storeId/coupons',
    access: ['merchant'],
    who: 'merchant',
    params: () => ({ storeId: fx.storeA.id }),
    body: TERMS,
    ok: 201,
    wrongRole: nonMerchants,
    notOwner: ['other'],
    bad: [...TERM_CASES(), bodyAt('scope', 'platform', 'malformed'), bodyAt('storeId', 'sto_0000000000zzzzzzzzzz', 'unknown-field')],
  },
  { method: 'GET', url: '/api/v1/merchant/stores/:storeId/coupons', access: ['merchant'], who: 'member', params: () => ({ storeId: fx.storeA.id }), ok: 200, wrongRole: nonMerchants, notOwner: ['other'], bad: PAGE_CASES() },
  {
    method: 'POST',
    url: '/api/v1/merchant/stores/:storeId/coupons/:couponId/end',
    access: ['merchant'],
    who: 'merchant',
    params: () => ({ storeId: fx.storeA.id, couponId: fx.coupons.toEnd }),
    ok: 200,
    wrongRole: nonMerchants,
    notOwner: ['other'],
    bad: [
      { name: 'a coupon that has already ended', kind: 'semantic', params: () => ({ couponId: fx.coupons.ended }), expect: { status: 409, code: 'invalid_state', field: 'status' } },
      { name: "another store's coupon", kind: 'not-found', params: () => ({ couponId: fx.coupons.otherStore }), expect: { status: 404, code: 'not_found', field: 'couponId' } },
    ],
  },
  {
    method: 'POST',
    url: '/api/v1/ops/coupons',
    access: ['operator'],
    who: 'operator',
    body: () => ({ ...TERMS(), title: '平台满100减10', thresholdFen: 10_000, amountOffFen: 1000 }),
    ok: 201,
    wrongRole: [...nonOperators, 'member'],
    bad: [
      ...TERM_CASES(),
      bodyAt('scope', 'everywhere', 'malformed'),
      bodyAt('storeId', 'store-1', 'malformed'),
      { name: 'a store for a coupon for every store', kind: 'semantic', body: (b) => ({ ...b, storeId: fx.storeA.id }), expect: { status: 400, code: 'validation_failed', field: 'storeId' } },
      { name: 'a store coupon without its store', kind: 'missing-field', body: (b) => ({ ...b, scope: 'store' }), expect: { status: 400, code: 'validation_failed', field: 'storeId' } },
      { name: 'a store coupon for a store that does not exist', kind: 'not-found', body: (b) => ({ ...b, scope: 'store', storeId: MISSING_IDS.storeId }), expect: { status: 404, code: 'not_found', field: 'storeId' } },
    ],
  },
  {
    method: 'POST',
    url: '/api/v1/ops/coupons/:couponId/end',
    access: ['operator'],
    who: 'operator',
    params: () => ({ couponId: fx.coupons.platformToEnd }),
    ok: 200,
    wrongRole: nonOperators,
    bad: [
      paramAt('couponId', 'coupon-1'),
      { name: "a store's own coupon", kind: 'not-found', params: () => ({ couponId: fx.coupons.claimable }), expect: { status: 404, code: 'not_found', field: 'couponId' } },
    ],
  },
  { method: 'GET', url: '/api/v1/ops/coupons', access: ['operator'], who: 'operator', ok: 200, wrongRole: nonOperators, bad: PAGE_CASES() },
  { method: 'GET', url: '/api/v1/stores/:storeId/coupons', access: 'public', who: 'anon', params: () => ({ storeId: fx.storeA.id }), ok: 200, bad: PAGE_CASES() },
  {
    method: 'POST',
    url: '/api/v1/coupons/:couponId/claim',
    access: 'user',
    who: 'shopper',
    params: () => ({ couponId: fx.coupons.claimable }),
    ok: 201,
    bad: [
      { name: 'a coupon whose every copy is claimed', kind: 'semantic', params: () => ({ couponId: fx.coupons.soldOut }), expect: { status: 409, code: 'invalid_state', field: 'couponId' } },
      { name: 'a coupon that has ended', kind: 'semantic', params: () => ({ couponId: fx.coupons.ended }), expect: { status: 409, code: 'invalid_state', field: 'couponId' } },
      { name: 'a coupon that has not started', kind: 'semantic', params: () => ({ couponId: fx.coupons.scheduled }), expect: { status: 409, code: 'invalid_state', field: 'couponId' } },
    ],
  },
  { method: 'GET', url: '/api/v1/me/coupons', access: 'user', who: 'shopper', query: () => ({ status: 'claimed' }), ok: 200, bad: [...PAGE_CASES(), queryAt('status', 'lost', 'malformed')] },
];
