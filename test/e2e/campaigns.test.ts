// Campaigns over HTTP: operators create a 山货 support programme and platform events (overlapping
// events 409 campaign_overlap, boosts above CAMPAIGN_MAX_BOOST 400, reversed dates 400); store
// staff enrol goods (category, price, store-score and one-campaign-at-a-time refusals); goods get
// a badge, a campaign page, the campaign pool in the distribution engine and a search score
// boosted by exactly the boost (never above the cap); a raised price suspends the goods; results
// count a paid order bought from the campaign page and its refund; the clock ending the programme
// takes the boost away.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Product } from '../../src/modules/catalog/model.ts';
import type { Store } from '../../src/modules/catalog/stores.ts';
import type { Campaign, Enrolment, Results } from '../../src/modules/campaigns/schemas.ts';
import type { OrderCreatedEvent } from '../../src/modules/commerce/events.ts';
import { Client, INSTANT_SANDBOXES, payNow, quiesce, startTestPlatform, type TestPlatform } from '../support/platform.ts';

const DAY = 86_400_000;
let now = Date.now();
let t: TestPlatform;
let operator: Client;
let merchant: Client;
let rivalMerchant: Client;
let shopper: Client;
let store: Store;
let rivalStore: Store;
const p: Record<'walnut' | 'honey' | 'earphones' | 'bacon' | 'rivalWalnut', Product> = {} as never;
let food: string;
let digital: string;
let programme: Campaign;
let event: Campaign;

const iso = (ms: number) => new Date(ms).toISOString();

beforeAll(async () => {
  t = await startTestPlatform({ ...INSTANT_SANDBOXES, CAMPAIGN_MAX_BOOST: '1.5' }, { clock: () => new Date(now) });
  const cats = t.platform.services.categories;
  food = (await cats.create({ nameZh: '食品', nameEn: 'Food' })).id;
  const nuts = (await cats.create({ parentId: food, nameZh: '坚果', nameEn: 'Nuts' })).id;
  digital = (await cats.create({ nameZh: '数码', nameEn: 'Digital' })).id;
  merchant = await t.client.register('cp-merchant@example.com', ['merchant']);
  rivalMerchant = await t.client.register('cp-rival@example.com', ['merchant']);
  shopper = await t.client.register('cp-shopper@example.com');
  const op = await t.platform.services.identity.register({ email: 'cp-ops@example.com', password: 'correct-horse-1', displayName: 'ops', roles: [] });
  await t.platform.services.identity.setRoles(op.id, ['operator']);
  operator = await t.client.login('cp-ops@example.com', 'correct-horse-1');
  store = (await merchant.post<Store>('/api/v1/merchant/stores', { name: '山货小店' })).body;
  rivalStore = (await rivalMerchant.post<Store>('/api/v1/merchant/stores', { name: '别家山货' })).body;
  const make = async (who: Client, s: Store, title: string, categoryId: string, priceFen: number) => {
    const r = await who.post<Product>(`/api/v1/merchant/stores/${s.id}/products`, { title, categoryId, skus: [{ optionValues: {}, priceFen, stock: 50 }] });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body;
  };
  p.walnut = await make(merchant, store, '野生核桃', nuts, 1990);
  p.honey = await make(merchant, store, '土蜂蜜', nuts, 3990);
  p.earphones = await make(merchant, store, '蓝牙耳机', digital, 9900);
  p.bacon = await make(merchant, store, '烟熏腊肉', food, 6000);
  // The same goods in a store with no campaign: search ranks the two alike until the boost.
  p.rivalWalnut = await make(rivalMerchant, rivalStore, '野生核桃', nuts, 1990);
  // The store's experience score, as experience computed it (the rival store has none).
  await t.platform.db.query(`INSERT INTO experience_store_scores (store_id, day, score, dimensions, metrics, computed_at) VALUES ($1, current_date, 86, '{}', '[]', now())`, [store.id]);
  await t.platform.bus.drain();
});
afterAll(() => t.close());

const settle = async () => {
  await t.platform.bus.drain();
  await t.platform.services.search.indexer.settle();
};
const goodsBoost = (id: string) => t.platform.services.feedHost.goods.items.get(id)?.boost;
const enrol = (who: Client, s: Store, campaignId: string, productId: string) => who.post<Enrolment>(`/api/v1/merchant/stores/${s.id}/campaigns/${campaignId}/enrolments`, { productId });
const badges = async (...ids: string[]) => (await t.client.get<{ items: Array<{ productId: string; name: string }> }>(`/api/v1/campaigns/badges?productIds=${ids.join(',')}`)).body.items;

/** Search's score of our 野生核桃 over the rival store's identical one. */
async function searchRatio(): Promise<number> {
  await settle();
  const r = await t.client.get<{ items: Array<{ id: string; score: number }> }>(`/api/v1/search?q=${encodeURIComponent('野生核桃')}&type=product`);
  const score = (id: string) => r.body.items.find((i) => i.id === id)?.score;
  expect(score(p.walnut.id)).toBeDefined();
  expect(score(p.rivalWalnut.id)).toBeDefined();
  return score(p.walnut.id)! / score(p.rivalWalnut.id)!;
}

const programmeBody = () => ({ kind: 'programme', name: '山货上行', nameEn: 'Rural goods', startsAt: iso(now), endsAt: iso(now + 30 * DAY), categoryIds: [food], minStoreScore: 80, maxPriceFen: 5000, boost: 1.4 });

describe('operators create campaigns', () => {
  it('a 山货 programme, active from now; boosts above the cap, reversed dates and other roles are refused and write nothing', async () => {
    const count = async () => (await t.platform.db.query<{ n: number }>('SELECT count(*)::int AS n FROM campaigns'))[0]!.n;
    const over = await operator.post('/api/v1/ops/campaigns', { ...programmeBody(), boost: 1.6 });
    expect(over.status).toBe(400);
    expect(over.problem).toMatchObject({ code: 'validation_failed', field: 'boost' });
    const reversed = await operator.post('/api/v1/ops/campaigns', { ...programmeBody(), startsAt: iso(now + 2 * DAY), endsAt: iso(now + DAY) });
    expect(reversed.status).toBe(400);
    expect(reversed.problem.field).toBe('endsAt');
    expect((await merchant.post('/api/v1/ops/campaigns', programmeBody())).status).toBe(403);
    expect(await count()).toBe(0);
    const r = await operator.post<Campaign>('/api/v1/ops/campaigns', programmeBody());
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({ kind: 'programme', name: '山货上行', status: 'active', boost: 1.4, categoryIds: [food], minStoreScore: 80, maxPriceFen: 5000, enrolled: 0 });
    programme = r.body;
    expect((await t.client.get<{ items: Campaign[] }>('/api/v1/campaigns')).body.items.map((c) => c.id)).toEqual([programme.id]);
  });

  it('platform events may not overlap in dates and categories (409 naming the other); other categories may; edits before the start only', async () => {
    const e = await operator.post<Campaign>('/api/v1/ops/campaigns', { kind: 'event', name: '双11', startsAt: iso(now + 2 * DAY), endsAt: iso(now + 5 * DAY), categoryIds: [food], boost: 1.2 });
    expect(e.status, JSON.stringify(e.body)).toBe(201);
    expect(e.body.status).toBe('scheduled');
    event = e.body;
    const clash = await operator.post('/api/v1/ops/campaigns', { kind: 'event', name: '年货节', startsAt: iso(now + 4 * DAY), endsAt: iso(now + 6 * DAY), boost: 1.2 });
    expect(clash.status).toBe(409);
    expect(clash.problem.code).toBe('campaign_overlap');
    expect(clash.problem.detail).toContain(event.id);
    const digitalEvent = await operator.post<Campaign>('/api/v1/ops/campaigns', { kind: 'event', name: '数码节', startsAt: iso(now + 4 * DAY), endsAt: iso(now + 6 * DAY), categoryIds: [digital], boost: 1.2 });
    expect(digitalEvent.status).toBe(201);
    const moved = await operator.patch(`/api/v1/ops/campaigns/${digitalEvent.body.id}`, { categoryIds: [food, digital] });
    expect(moved.status).toBe(409);
    expect(moved.problem.code).toBe('campaign_overlap');
    const renamed = await operator.patch<Campaign>(`/api/v1/ops/campaigns/${event.id}`, { name: '双11 狂欢', boost: 1.3 });
    expect(renamed.body).toMatchObject({ name: '双11 狂欢', boost: 1.3 });
    expect((await operator.patch(`/api/v1/ops/campaigns/${programme.id}`, { name: '改名' })).status).toBe(409);
    expect((await operator.patch(`/api/v1/ops/campaigns/${event.id}`, { boost: 2 })).problem.field).toBe('boost');
    // Calling off one that has not started; then it is over.
    expect((await operator.post<Campaign>(`/api/v1/ops/campaigns/${digitalEvent.body.id}/end`)).body.status).toBe('cancelled');
    expect((await operator.post(`/api/v1/ops/campaigns/${digitalEvent.body.id}/end`)).status).toBe(409);
  });
});

describe('merchants enrol goods', () => {
  it('refusals name their field: store score, category, price rule, another store’s goods, not staff', async () => {
    const open = await merchant.get<{ items: Array<{ campaign: Campaign; eligibility: { eligible: boolean; storeScore: number | null } }> }>(`/api/v1/merchant/stores/${store.id}/campaigns`);
    expect(open.body.items.find((i) => i.campaign.id === programme.id)?.eligibility).toMatchObject({ eligible: true, storeScore: 86 });
    const noScore = await enrol(rivalMerchant, rivalStore, programme.id, p.rivalWalnut.id);
    expect(noScore.status).toBe(409);
    expect(noScore.problem.field).toBe('storeId');
    const category = await enrol(merchant, store, programme.id, p.earphones.id);
    expect([category.status, category.problem.field]).toEqual([409, 'productId']);
    expect(category.problem.detail).toContain('categories');
    const price = await enrol(merchant, store, programme.id, p.bacon.id);
    expect([price.status, price.problem.field]).toEqual([409, 'productId']);
    expect(price.problem.detail).toContain('price');
    expect((await enrol(merchant, store, programme.id, p.rivalWalnut.id)).status).toBe(404);
    expect((await enrol(rivalMerchant, store, programme.id, p.walnut.id)).status).toBe(403);
    expect((await t.platform.db.query<{ n: number }>('SELECT count(*)::int AS n FROM campaign_enrolments'))[0]!.n).toBe(0);
  });

  it('enrols goods (once), and a product is in at most one campaign at a time', async () => {
    for (const g of [p.walnut, p.honey]) {
      const r = await enrol(merchant, store, programme.id, g.id);
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      expect(r.body).toMatchObject({ status: 'enrolled', priceFen: g.minPriceFen, campaignName: '山货上行', campaignStatus: 'active' });
    }
    expect((await enrol(merchant, store, programme.id, p.walnut.id)).status).toBe(409);
    const twice = await enrol(merchant, store, event.id, p.walnut.id);
    expect([twice.status, twice.problem.field]).toEqual([409, 'productId']);
    expect(twice.problem.detail).toContain(programme.id);
    const mine = await merchant.get<{ items: Enrolment[] }>(`/api/v1/merchant/stores/${store.id}/campaign-enrolments`);
    expect(mine.body.items.map((e) => e.productId).sort()).toEqual([p.walnut.id, p.honey.id].sort());
  });
});

describe('goods in an active campaign', () => {
  it('carry a badge and are on the campaign page', async () => {
    await settle();
    expect(await badges(p.walnut.id, p.earphones.id)).toEqual([{ productId: p.walnut.id, campaignId: programme.id, name: '山货上行', nameEn: 'Rural goods', kind: 'programme' }]);
    const page = await t.client.get<{ campaign: Campaign; goods: Array<{ id: string }> }>(`/api/v1/campaigns/${programme.id}`);
    expect(page.body.campaign.enrolled).toBe(2);
    expect(page.body.goods.map((g) => g.id).sort()).toEqual([p.walnut.id, p.honey.id].sort());
    expect(await t.platform.services.campaigns.service.campaignOf([p.walnut.id, p.earphones.id], new Date(now))).toEqual(new Map([[p.walnut.id, programme.id]]));
    expect(await t.platform.services.campaigns.service.campaignOf([p.walnut.id], new Date(now + 31 * DAY))).toEqual(new Map());
  });

  it('join the campaign pool with their boost, within the cap, in the engine and in search', async () => {
    expect(goodsBoost(p.walnut.id)).toBe(1.4);
    expect(goodsBoost(p.rivalWalnut.id)).toBe(1);
    const served = await t.client.get<{ items: Array<{ product: { id: string }; reason: { source: string; factors: Record<string, number> } }> }>('/api/v1/feed/goods?deviceId=cp-device-1&limit=10');
    expect(served.status).toBe(200);
    const walnut = served.body.items.find((i) => i.product.id === p.walnut.id);
    expect(walnut?.reason.source).toBe('campaign');
    expect(walnut?.reason.factors.campaignBoost).toBe(1.4);
    const ratio = await searchRatio();
    expect(ratio).toBeCloseTo(1.4, 2);
    expect(ratio).toBeLessThanOrEqual(1.5 + 1e-6);
    // Whatever asks, the engine never goes above the configured cap.
    const engine = t.platform.services.feedHost.goods;
    expect(engine.campaignBoostCap).toBe(1.5);
    engine.setCampaign(p.earphones.id, 'cmp_probe', 4);
    expect(goodsBoost(p.earphones.id)).toBe(1.5);
    engine.setCampaign(p.earphones.id, null);
  });

  it('a raised price suspends the goods (price_raised): no badge, no boost', async () => {
    const r = await merchant.patch(`/api/v1/merchant/skus/${p.honey.skus[0]!.id}`, { priceFen: 4590 });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    await settle();
    const honey = (await merchant.get<{ items: Enrolment[] }>(`/api/v1/merchant/stores/${store.id}/campaign-enrolments`)).body.items.find((e) => e.productId === p.honey.id);
    expect(honey).toMatchObject({ status: 'suspended', reason: 'price_raised', priceFen: 3990 });
    expect(await badges(p.honey.id)).toEqual([]);
    expect(goodsBoost(p.honey.id)).toBe(1);
    expect(goodsBoost(p.walnut.id)).toBe(1.4);
  });
});

describe('results', () => {
  it('count a paid order bought from the campaign page, and its refund', async () => {
    const co = await shopper.post<{ orders: Array<{ id: string; payFen: number }>; payment: { payUrl: string } }>(
      '/api/v1/checkout',
      { items: [{ skuId: p.walnut.skus[0]!.id, quantity: 2 }, { skuId: p.earphones.skus[0]!.id, quantity: 1 }], source: { type: 'campaign', id: programme.id } },
      { 'idempotency-key': 'cp-checkout-1' },
    );
    expect(co.status, JSON.stringify(co.body)).toBe(201);
    await t.platform.bus.drain();
    const before = await operator.get<Results>(`/api/v1/ops/campaigns/${programme.id}/results`);
    expect(before.body.totals.orders).toBe(0);
    await payNow(t, shopper, co.body.payment.payUrl);
    const paid = (await operator.get<Results>(`/api/v1/ops/campaigns/${programme.id}/results`)).body;
    expect(paid.totals).toMatchObject({ paidFen: 2 * 1990, orders: 1, buyers: 1, units: 2, refundedFen: 0, refunds: 0 });
    expect(paid.stores).toEqual([expect.objectContaining({ storeId: store.id, storeName: '山货小店', enrolled: 1, paidFen: 3980, orders: 1 })]);
    // Delivered again (at least once): nothing is counted twice.
    const [created] = await t.platform.db.query<{ payload: OrderCreatedEvent }>(`SELECT payload FROM outbox WHERE topic = 'commerce.order.created' AND payload->>'orderId' = $1`, [co.body.orders[0]!.id]);
    await t.platform.db.tx((tx) => t.platform.services.campaigns.results.ordersCreated(tx, [created!.payload]));
    expect((await operator.get<Results>(`/api/v1/ops/campaigns/${programme.id}/results`)).body.totals).toEqual(paid.totals);
    // The whole order refunded before shipping: the campaign's lines' share is all they paid.
    const order = co.body.orders[0]!;
    const refund = await shopper.post(`/api/v1/orders/${order.id}/after-sales`, { type: 'refund_only', reason: 'no_reason' });
    expect(refund.status, JSON.stringify(refund.body)).toBe(201);
    await quiesce(t);
    const refunded = (await operator.get<Results>(`/api/v1/ops/campaigns/${programme.id}/results`)).body;
    expect(refunded.totals).toMatchObject({ paidFen: 3980, orders: 1, refundedFen: 3980, refunds: 1 });
    expect((await shopper.get(`/api/v1/ops/campaigns/${programme.id}/results`)).status).toBe(403);
  });
});

describe('the clock ends campaigns', () => {
  it('past its end the programme is over: no badge, no boost, search even again; goods can no longer join', async () => {
    now += 31 * DAY;
    const flipped = await t.platform.services.campaigns.service.sweep();
    expect(flipped).toContain(programme.id);
    await settle();
    expect(goodsBoost(p.walnut.id)).toBe(1);
    expect(await badges(p.walnut.id)).toEqual([]);
    expect(await searchRatio()).toBeCloseTo(1, 2);
    expect((await t.client.get<{ items: Campaign[] }>('/api/v1/campaigns')).body.items).toEqual([]);
    expect((await operator.get<Campaign>(`/api/v1/ops/campaigns/${programme.id}/results`)).body).toMatchObject({ campaign: { status: 'ended' } });
    const late = await enrol(merchant, store, programme.id, p.honey.id);
    expect([late.status, late.problem.field]).toEqual([409, 'campaignId']);
    expect((await operator.post(`/api/v1/ops/campaigns/${programme.id}/end`)).status).toBe(409);
    expect(await t.platform.services.campaigns.service.sweep()).toEqual([]);
  });
});
