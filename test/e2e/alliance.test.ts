// Alliance (精选联盟) over HTTP: stores offer commission plans, creators browse the market, apply
// to gated plans and keep a showcase; plan precedence, exclusivity, the rate lock and notice on a
// clock the test moves by hand, stores kept to their own goods, bad rates rejected with no writes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Product } from '../../src/modules/catalog/model.ts';
import type { Store } from '../../src/modules/catalog/stores.ts';
import type { Sample } from '../../src/modules/alliance/sample-schemas.ts';
import type { Application, MarketItem, Plan, ShowcaseItem } from '../../src/modules/alliance/schemas.ts';
import { Client, dbFingerprint, startTestPlatform, type TestPlatform } from '../support/platform.ts';

const DAY = 86_400_000;
let clockMs = Date.parse('2026-03-01T00:00:00Z');
const tick = (ms: number) => void (clockMs += ms);

let t: TestPlatform;
let merchantA: Client;
let merchantB: Client;
let creator1: Client;
let creator2: Client;
let creator1Id: string;
let storeA: Store;
let storeB: Store;
let snacks: string;
let drinks: string;
let n = 0;

beforeAll(async () => {
  t = await startTestPlatform({}, { clock: () => new Date(clockMs) });
  const food = await t.platform.services.categories.create({ nameZh: '食品', nameEn: 'Food' });
  snacks = (await t.platform.services.categories.create({ parentId: food.id, nameZh: '零食', nameEn: 'Snacks' })).id;
  drinks = (await t.platform.services.categories.create({ nameZh: '饮料', nameEn: 'Drinks' })).id;
  merchantA = await t.client.register('al-ma@example.com', ['merchant']);
  merchantB = await t.client.register('al-mb@example.com', ['merchant']);
  creator1 = await t.client.register('al-c1@example.com', ['creator']);
  creator2 = await t.client.register('al-c2@example.com', ['creator']);
  creator1Id = (await creator1.get<{ id: string }>('/api/v1/me')).body.id;
  storeA = (await merchantA.post<Store>('/api/v1/merchant/stores', { name: '联盟测试店A' })).body;
  storeB = (await merchantB.post<Store>('/api/v1/merchant/stores', { name: '联盟测试店B' })).body;
});
afterAll(() => t.close());

async function product(m: Client, store: Store, title: string, priceFen: number, categoryId = snacks): Promise<Product> {
  const r = await m.post<Product>(`/api/v1/merchant/stores/${store.id}/products`, { title: `${title}${++n}`, categoryId, skus: [{ optionValues: {}, priceFen, stock: 50 }] });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body;
}
const plansUrl = (s: Store) => `/api/v1/merchant/stores/${s.id}/alliance/plans`;
async function plan(m: Client, s: Store, body: Record<string, unknown>): Promise<Plan> {
  const r = await m.post<Plan>(plansUrl(s), body);
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body;
}
const market = async (c: Client, query = '') => {
  const r = await c.get<{ items: MarketItem[]; hasMore: boolean }>(`/api/v1/alliance/market${query}`);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body.items;
};
const inMarket = async (c: Client, p: Product, query = '') => (await market(c, query)).find((i) => i.productId === p.id);
const outbox = async (topic: string) => (await t.platform.db.query<{ payload: Record<string, unknown> }>('SELECT payload FROM outbox WHERE topic = $1 ORDER BY event_id', [topic])).map((r) => r.payload);

describe('plans and the market', () => {
  it('a merchant offers an open plan; creators find the goods in the market with rate, price and sales', async () => {
    const jerky = await product(merchantA, storeA, '牛肉干', 3990);
    const p = await plan(merchantA, storeA, { productId: jerky.id, kind: 'open', rateBps: 1500, freeSamples: true });
    expect(p).toMatchObject({ kind: 'open', creatorId: null, rateBps: 1500, pendingRate: null, freeSamples: true, approvalRequired: false, status: 'active' });
    const item = await inMarket(creator1, jerky);
    expect(item).toMatchObject({ rateBps: 1500, minPriceFen: 3990, soldUnits: 0, experienceScore: null, inShowcase: false, myRate: { planId: p.id, kind: 'open', rateBps: 1500, flatFeeFen: 0 } });
    expect(item!.card?.title).toBe(jerky.title);
    // Audited with actor and time; announced on the bus.
    const [trail] = await t.platform.db.query<{ actor_id: string; detail: { at: string } }>(`SELECT actor_id, detail FROM audit_log WHERE action = 'alliance.plan.create' AND subject_id = $1`, [p.id]);
    expect(trail!.detail.at).toBe(new Date(clockMs).toISOString());
    expect((await outbox('alliance.plan.created')).map((e) => e.planId)).toContain(p.id);

    // A purchase reserves stock; catalog's event brings units sold to the market.
    const shopper = await t.client.register('al-shopper@example.com');
    expect((await shopper.post('/api/v1/checkout', { items: [{ skuId: jerky.skus[0]!.id, quantity: 2 }] }, { 'idempotency-key': 'al-buy-1' })).status).toBe(201);
    await t.platform.bus.drain();
    expect((await inMarket(creator2, jerky))?.soldUnits).toBe(2);
  });

  it('filters by words and category (with its children) and sorts by rate, sales or price', async () => {
    const tea = await product(merchantA, storeA, '乌龙茶', 1200, drinks);
    const nuts = await product(merchantA, storeA, '坚果礼盒', 9900);
    await plan(merchantA, storeA, { productId: tea.id, kind: 'open', rateBps: 7000 });
    await plan(merchantA, storeA, { productId: nuts.id, kind: 'open', rateBps: 200 });
    const words = await market(creator1, `?q=${encodeURIComponent('乌龙')}`);
    expect(words.map((i) => i.productId)).toEqual([tea.id]);
    const food = await market(creator1, `?categoryId=${(await t.platform.services.categories.tree()).find((c) => c.nameEn === 'Food')!.id}`);
    expect(food.map((i) => i.productId)).toContain(nuts.id);
    expect(food.map((i) => i.productId)).not.toContain(tea.id);
    const byRate = await market(creator1, '?sort=rate');
    expect(byRate[0]!.productId).toBe(tea.id);
    const byPrice = (await market(creator1, '?sort=price')).map((i) => i.minPriceFen);
    expect(byPrice).toEqual([...byPrice].sort((a, b) => a - b));
    const page2 = await creator1.get<{ items: MarketItem[]; page: number; hasMore: boolean }>('/api/v1/alliance/market?limit=1&page=2&sort=price');
    expect(page2.body).toMatchObject({ page: 2, hasMore: true });
    expect(page2.body.items).toHaveLength(1);
  });

  it('a targeted plan beats the open one for its creator only, and the showcase earns by it', async () => {
    const honey = await product(merchantA, storeA, '蜂蜜', 5900);
    const open = await plan(merchantA, storeA, { productId: honey.id, kind: 'open', rateBps: 1000 });
    const targeted = await plan(merchantA, storeA, { productId: honey.id, kind: 'targeted', creatorId: creator1Id, rateBps: 2500, flatFeeFen: 300 });
    expect((await inMarket(creator1, honey))?.myRate).toEqual({ planId: targeted.id, kind: 'targeted', rateBps: 2500, flatFeeFen: 300 });
    expect((await inMarket(creator2, honey))?.myRate).toEqual({ planId: open.id, kind: 'open', rateBps: 1000, flatFeeFen: 0 });
    // A second targeted plan for the same creator is a conflict.
    const again = await merchantA.post(plansUrl(storeA), { productId: honey.id, kind: 'targeted', creatorId: creator1Id, rateBps: 3000 });
    expect(again.status).toBe(409);
    expect(again.problem).toMatchObject({ code: 'conflict', field: 'creatorId' });

    const added = await creator1.put<ShowcaseItem>(`/api/v1/me/showcase/${honey.id}`);
    expect(added.status, JSON.stringify(added.body)).toBe(200);
    expect(added.body.myRate?.planId).toBe(targeted.id);
    expect((await creator1.put(`/api/v1/me/showcase/${honey.id}`)).status).toBe(200); // again: nothing changes
    await t.platform.bus.drain();
    expect((await outbox('alliance.showcase.added')).filter((e) => e.productId === honey.id)).toHaveLength(1);

    // The targeted plan ends: the creator falls back to the open rate.
    expect((await merchantA.post<Plan>(`${plansUrl(storeA)}/${targeted.id}/end`)).body.status).toBe('ended');
    const mine = (await creator1.get<{ items: ShowcaseItem[] }>('/api/v1/me/showcase')).body.items.find((i) => i.productId === honey.id);
    expect(mine?.myRate).toMatchObject({ planId: open.id, rateBps: 1000 });
    expect(mine?.card?.title).toBe(honey.title);
    expect((await creator1.delete(`/api/v1/me/showcase/${honey.id}`)).status).toBe(204);
    expect((await creator1.delete(`/api/v1/me/showcase/${honey.id}`)).status).toBe(404);
  });

  it('a creator carries showcase goods in a video; goods outside the showcase are refused', async () => {
    const tea = await product(merchantA, storeA, '绿茶', 2900);
    const other = await product(merchantA, storeA, '红茶', 3900);
    await plan(merchantA, storeA, { productId: tea.id, kind: 'open', rateBps: 1200 });
    await plan(merchantA, storeA, { productId: other.id, kind: 'open', rateBps: 1200 });
    const video = (body: Record<string, unknown>) => creator2.post<{ id: string; products: Array<{ id: string }> }>('/api/v1/videos', { title: '好茶推荐', ...body });
    // Not in the showcase yet: refused, naming the product.
    const before = await video({ productIds: [tea.id] });
    expect(before.status).toBe(403);
    expect(before.problem).toMatchObject({ code: 'forbidden', field: 'productIds.0' });
    expect((await creator2.put(`/api/v1/me/showcase/${tea.id}`)).status).toBe(200);
    const made = await video({ productIds: [tea.id] });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(made.body.products.map((p) => p.id)).toEqual([tea.id]);
    // The other product has a plan but is not in this creator's showcase.
    const mixed = await video({ productIds: [tea.id, other.id] });
    expect(mixed.status).toBe(403);
    expect(mixed.problem).toMatchObject({ field: 'productIds.1' });
  });

  it('an exclusive plan refuses to coexist with open or targeted plans (409, field kind)', async () => {
    const openFirst = await product(merchantA, storeA, '月饼', 8800);
    await plan(merchantA, storeA, { productId: openFirst.id, kind: 'open', rateBps: 1000 });
    const clash = await merchantA.post(plansUrl(storeA), { productId: openFirst.id, kind: 'exclusive', creatorId: creator1Id, rateBps: 3000 });
    expect(clash.status).toBe(409);
    expect(clash.problem).toMatchObject({ code: 'conflict', field: 'kind' });

    const solo = await product(merchantA, storeA, '限定礼盒', 19900);
    const exclusive = await plan(merchantA, storeA, { productId: solo.id, kind: 'exclusive', creatorId: creator1Id, rateBps: 3000 });
    for (const body of [{ kind: 'open', rateBps: 1000 }, { kind: 'targeted', creatorId: creator1Id, rateBps: 1000 }]) {
      const r = await merchantA.post(plansUrl(storeA), { productId: solo.id, ...body });
      expect(r.status).toBe(409);
      expect(r.problem).toMatchObject({ code: 'conflict', field: 'kind' });
    }
    expect((await inMarket(creator1, solo))?.myRate?.planId).toBe(exclusive.id);
    expect(await inMarket(creator2, solo)).toBeUndefined();
    const refused = await creator2.put(`/api/v1/me/showcase/${solo.id}`);
    expect(refused.status).toBe(409);
    expect(refused.problem.field).toBe('productId');
  });

  it('an open plan with approval: add refused, apply, the store approves, then add', async () => {
    const gated = await product(merchantA, storeA, '有机米', 6600);
    const p = await plan(merchantA, storeA, { productId: gated.id, kind: 'open', rateBps: 2000, approvalRequired: true });
    expect((await inMarket(creator2, gated))).toMatchObject({ rateBps: 2000, myRate: null, openPlan: { planId: p.id, approvalRequired: true, myApplication: null } });
    expect((await creator2.put(`/api/v1/me/showcase/${gated.id}`)).status).toBe(403);
    const app = await creator2.post<Application>(`/api/v1/alliance/plans/${p.id}/applications`, { note: '粉丝 10 万，美食垂类' });
    expect(app.status, JSON.stringify(app.body)).toBe(201);
    expect((await creator2.post(`/api/v1/alliance/plans/${p.id}/applications`, {})).status).toBe(409);
    const queue = await merchantA.get<{ items: Application[] }>(`/api/v1/merchant/stores/${storeA.id}/alliance/applications?status=pending`);
    expect(queue.body.items.map((a) => a.id)).toContain(app.body.id);
    const decided = await merchantA.post<Application>(`/api/v1/merchant/stores/${storeA.id}/alliance/applications/${app.body.id}/decision`, { approve: true });
    expect(decided.body.status).toBe('approved');
    expect((await creator2.put<ShowcaseItem>(`/api/v1/me/showcase/${gated.id}`)).body.myRate?.rateBps).toBe(2000);
  });
});

describe('rate changes on the clock', () => {
  it('an increase applies at once; a cut waits for the lock since the last rate set, then for the notice', async () => {
    const start = clockMs;
    const tea = await product(merchantA, storeA, '红茶', 3000);
    const p = await plan(merchantA, storeA, { productId: tea.id, kind: 'open', rateBps: 2000 });
    const patch = (rateBps: number) => merchantA.patch<Plan>(`${plansUrl(storeA)}/${p.id}`, { rateBps });

    tick(DAY);
    const cut = await patch(1000);
    expect(cut.status, JSON.stringify(cut.body)).toBe(200);
    expect(cut.body).toMatchObject({ rateBps: 2000, pendingRate: { rateBps: 1000, effectiveAt: new Date(start + 30 * DAY).toISOString() } });
    tick(29 * DAY - 1);
    expect((await inMarket(creator1, tea))?.rateBps).toBe(2000);
    tick(1);
    expect((await inMarket(creator1, tea))?.rateBps).toBe(1000);

    // The rate that took effect on day 30 is locked in turn, until day 60.
    tick(10 * DAY);
    expect((await patch(800)).body.pendingRate).toEqual({ rateBps: 800, effectiveAt: new Date(start + 60 * DAY).toISOString() });
    // A day before that lock ends, a deeper cut replaces the pending one and needs the full notice.
    tick(19 * DAY);
    const second = await patch(500);
    expect(second.body).toMatchObject({ rateBps: 1000, pendingRate: { rateBps: 500, effectiveAt: new Date(clockMs + 2 * DAY).toISOString() } });
    // An increase applies now and calls off the pending cut.
    const up = await patch(1800);
    expect(up.body).toMatchObject({ rateBps: 1800, pendingRate: null });
    tick(3 * DAY);
    expect((await inMarket(creator1, tea))?.rateBps).toBe(1800);

    // The rate at any past time is still answerable from the stored steps.
    const steps = await t.platform.db.query<{ rate_bps: number; effective_at: Date; superseded_at: Date | null }>('SELECT rate_bps, effective_at, superseded_at FROM alliance_plan_rates WHERE plan_id = $1 ORDER BY seq', [p.id]);
    expect(steps.map((s) => [s.rate_bps, s.superseded_at !== null])).toEqual([[2000, false], [1000, false], [800, true], [500, true], [1800, false]]);
  });
});

describe('stores keep to their own goods; bad rates change nothing', () => {
  it("another store's merchant can't touch the plan", async () => {
    const own = await product(merchantA, storeA, '腊肉', 4500);
    const p = await plan(merchantA, storeA, { productId: own.id, kind: 'open', rateBps: 1000 });
    const before = await dbFingerprint(t.platform);
    expect((await merchantB.patch(`${plansUrl(storeA)}/${p.id}`, { rateBps: 5000 })).status).toBe(403);
    expect((await merchantB.post(`${plansUrl(storeA)}/${p.id}/end`)).status).toBe(403);
    expect((await merchantB.post(plansUrl(storeA), { productId: own.id, kind: 'open', rateBps: 1000 })).status).toBe(403);
    const viaOwnStore = await merchantB.patch(`${plansUrl(storeB)}/${p.id}`, { rateBps: 5000 });
    expect(viaOwnStore.status).toBe(404);
    expect(viaOwnStore.problem.field).toBe('planId');
    const foreignGoods = await merchantB.post(plansUrl(storeB), { productId: own.id, kind: 'open', rateBps: 1000 });
    expect(foreignGoods.status).toBe(404);
    expect(foreignGoods.problem.field).toBe('productId');
    expect((await creator1.post(plansUrl(storeA), { productId: own.id, kind: 'open', rateBps: 1000 })).status).toBe(403);
    expect(await dbFingerprint(t.platform)).toEqual(before);
  });

  it('rates outside 1–80% are a 400 naming rateBps, and nothing is written', async () => {
    const own = await product(merchantA, storeA, '香肠', 2500);
    const p = await plan(merchantA, storeA, { productId: own.id, kind: 'targeted', creatorId: creator1Id, rateBps: 1000 });
    const before = await dbFingerprint(t.platform);
    for (const rateBps of [0, 99, 8001, 10_000, 10_001, 12.5]) {
      for (const r of [await merchantA.post(plansUrl(storeA), { productId: own.id, kind: 'open', rateBps }), await merchantA.patch(`${plansUrl(storeA)}/${p.id}`, { rateBps })]) {
        expect(r.status, `${rateBps}: ${JSON.stringify(r.body)}`).toBe(400);
        expect(r.headers.get('content-type')).toMatch(/^application\/problem\+json/);
        expect(r.problem).toMatchObject({ code: 'validation_failed', field: 'rateBps' });
      }
    }
    expect(await dbFingerprint(t.platform)).toEqual(before);
    const listed = await merchantA.get<{ items: Plan[] }>(`${plansUrl(storeA)}?productId=${own.id}`);
    expect(listed.body.items.map((x) => x.rateBps)).toEqual([1000]);
  });
});

describe('free samples', () => {
  const samplesUrl = (s: Store) => `/api/v1/merchant/stores/${s.id}/alliance/samples`;
  const ask = (c: Client, productId: string) => c.post<Sample>('/api/v1/alliance/samples', { productId, note: '想做一期测评' });

  it('a creator asks; one live request at a time; a store declines and a cool-down follows', async () => {
    const noSamples = await product(merchantA, storeA, '无样品', 1990);
    await plan(merchantA, storeA, { productId: noSamples.id, kind: 'open', rateBps: 1000 });
    const refused = await ask(creator1, noSamples.id);
    expect([refused.status, refused.problem.code, refused.problem.field]).toEqual([409, 'invalid_state', 'productId']);

    const tea = await product(merchantA, storeA, '试饮装', 2990);
    await plan(merchantA, storeA, { productId: tea.id, kind: 'open', rateBps: 1000, freeSamples: true });
    const first = await ask(creator1, tea.id);
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body).toMatchObject({ status: 'pending', productId: tea.id, storeId: storeA.id, creatorId: creator1Id });
    expect(Date.parse(first.body.decideBy) - clockMs).toBe(3 * DAY);
    expect((await ask(creator1, tea.id)).status).toBe(409);
    // Before approval the store sees no address at all; another store can't see the request.
    expect((await merchantA.get(`${samplesUrl(storeA)}/${first.body.id}/address`)).status).toBe(409);
    expect((await merchantB.get(`${samplesUrl(storeA)}?status=pending`)).status).toBe(403);
    const listed = (await merchantA.get<{ items: Sample[] }>(`${samplesUrl(storeA)}?status=pending`)).body.items;
    expect(listed.map((s) => s.id)).toContain(first.body.id);

    const declined = await merchantA.post<Sample>(`${samplesUrl(storeA)}/${first.body.id}/decision`, { approve: false, reason: '样品已发完' });
    expect(declined.body).toMatchObject({ status: 'rejected', reason: '样品已发完' });
    const cooling = await ask(creator1, tea.id);
    expect([cooling.status, cooling.problem.code]).toEqual([409, 'invalid_state']);
    tick(31 * DAY);
    expect((await ask(creator1, tea.id)).status).toBe(201);
  });

  it('an undecided request lapses; an approved one shows the address masked, in full only on an audited view, and ships', async () => {
    const cups = await product(merchantA, storeA, '样品杯', 3990);
    await plan(merchantA, storeA, { productId: cups.id, kind: 'open', rateBps: 1500, freeSamples: true });
    const late = (await ask(creator2, cups.id)).body;
    tick(3 * DAY + 1);
    expect((await creator2.get<{ items: Sample[] }>('/api/v1/me/alliance/samples')).body.items.find((s) => s.id === late.id)?.status).toBe('lapsed');
    const tooLate = await merchantA.post(`${samplesUrl(storeA)}/${late.id}/decision`, { approve: true });
    expect([tooLate.status, tooLate.problem.code]).toEqual([409, 'invalid_state']);

    const again = (await ask(creator2, cups.id)).body;
    expect(again.status).toBe('pending');
    expect((await merchantA.post<Sample>(`${samplesUrl(storeA)}/${again.id}/decision`, { approve: true })).body.status).toBe('approved');
    const masked = (await merchantA.get<Record<string, unknown>>(`${samplesUrl(storeA)}/${again.id}/address`)).body;
    expect(masked).toMatchObject({ recipient: '王**', phone: '138****5678', detail: null, full: false });
    const audited = async () => (await t.platform.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'alliance.sample.address.reveal' AND subject_id = $1`, [again.id]))[0]!.n;
    expect(await audited()).toBe(0);
    const full = (await merchantA.get<Record<string, unknown>>(`${samplesUrl(storeA)}/${again.id}/address?full=true`)).body;
    expect(full).toMatchObject({ recipient: '王小明', phone: '13812345678', full: true });
    expect(full.detail).toContain('文三路');
    expect(await audited()).toBe(1);

    const before = await dbFingerprint(t.platform);
    const badCarrier = await merchantA.post(`${samplesUrl(storeA)}/${again.id}/ship`, { carrier: 'pigeon', trackingNo: 'SF1234567890' });
    expect([badCarrier.status, badCarrier.problem.field]).toEqual([400, 'carrier']);
    expect(await dbFingerprint(t.platform)).toEqual(before);
    const shipped = await merchantA.post<Sample>(`${samplesUrl(storeA)}/${again.id}/ship`, { carrier: 'sf', trackingNo: 'SF1234567890' });
    expect(shipped.status, JSON.stringify(shipped.body)).toBe(200);
    expect(shipped.body).toMatchObject({ status: 'shipped', carrier: 'sf', trackingNo: 'SF1234567890' });
    expect((await merchantA.post(`${samplesUrl(storeA)}/${again.id}/ship`, { carrier: 'sf', trackingNo: 'SF1234567890' })).status).toBe(409);
  });
});

describe('a creator’s showcase as shoppers see it', () => {
  it('lists the goods they may still earn on, to anyone; a plan ended takes its goods off; not a creator is a 404', async () => {
    const jam = await product(merchantA, storeA, '果酱', 1590);
    const honey = await product(merchantA, storeA, '槐花蜜', 4590);
    await plan(merchantA, storeA, { productId: jam.id, kind: 'open', rateBps: 1000 });
    const honeyPlan = await plan(merchantA, storeA, { productId: honey.id, kind: 'open', rateBps: 1000 });
    for (const p of [jam, honey]) expect((await creator1.put(`/api/v1/me/showcase/${p.id}`)).status).toBe(200);
    const page = async () => (await t.client.get<{ items: Array<{ id: string }>; total: number }>(`/api/v1/creators/${creator1Id}/showcase?limit=50`)).body;
    expect((await page()).items.map((c) => c.id)).toEqual(expect.arrayContaining([jam.id, honey.id]));
    expect((await merchantA.post(`${plansUrl(storeA)}/${honeyPlan.id}/end`)).status).toBe(200);
    const after = await page();
    expect(after.items.map((c) => c.id)).toContain(jam.id);
    expect(after.items.map((c) => c.id)).not.toContain(honey.id);
    const merchantId = (await merchantA.get<{ id: string }>('/api/v1/me')).body.id;
    const notCreator = await t.client.get(`/api/v1/creators/${merchantId}/showcase`);
    expect([notCreator.status, notCreator.problem.field]).toEqual([404, 'creatorId']);
  });
});
