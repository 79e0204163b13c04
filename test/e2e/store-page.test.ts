// The store page's parts beyond the store and its goods, over HTTP: the store's videos (content,
// by the goods they carry), its live rooms (live), and what the signed-in shopper already did there
// (commerce: orders paid, the goods bought last) — each only the caller's own, 401 signed out.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Product } from '../../src/modules/catalog/model.ts';
import type { Store } from '../../src/modules/catalog/stores.ts';
import type { CheckoutResult } from '../../src/modules/commerce/checkout.ts';
import type { StoreHistory } from '../../src/modules/commerce/store-history.ts';
import type { Video } from '../../src/modules/content/schemas.ts';
import type { HostRoom, Room } from '../../src/modules/live/schemas.ts';
import { dropVideo, makeVideo, videoForm, type MadeVideo } from '../support/media.ts';
import { Client, startTestPlatform, type TestPlatform } from '../support/platform.ts';

let t: TestPlatform;
let clip: MadeVideo;
let merchantA: Client;
let merchantB: Client;
let storeA: Store;
let storeB: Store;
let a1: Product;
let a2: Product;
let b1: Product;
let categoryId: string;
const MISSING_STORE = 'sto_0000000000zzzzzzzzzz';
let keyN = 0;

beforeAll(async () => {
  t = await startTestPlatform({ TRANSCODE_PRESET: 'ultrafast', SANDBOX_PSP_MAX_DELAY_MS: '0' });
  categoryId = (await t.platform.services.categories.create({ nameZh: '茶叶', nameEn: 'Tea' })).id;
  merchantA = await t.client.register('sp-a@example.com', ['merchant'], '阿杰');
  merchantB = await t.client.register('sp-b@example.com', ['merchant'], '小林');
  storeA = (await merchantA.post<Store>('/api/v1/merchant/stores', { name: '阿杰茶园' })).body;
  storeB = (await merchantB.post<Store>('/api/v1/merchant/stores', { name: '小林山货' })).body;
  a1 = await product(merchantA, storeA, '明前龙井 250g', 12800);
  a2 = await product(merchantA, storeA, '云南普洱 357g', 6800);
  b1 = await product(merchantB, storeB, '高山脆李 5斤', 3990);
  clip = await makeVideo({ seconds: 2 });
});
afterAll(async () => {
  if (clip) await dropVideo(clip);
  await t?.close();
});

async function product(m: Client, store: Store, title: string, priceFen: number): Promise<Product> {
  const r = await m.post<Product>(`/api/v1/merchant/stores/${store.id}/products`, { title, categoryId, status: 'active', skus: [{ optionValues: {}, priceFen, stock: 50 }] });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body;
}

/** Creates a video carrying these goods; uploads and waits until it is ready unless `upload` is false. */
async function video(m: Client, title: string, productIds: string[], upload = true): Promise<Video> {
  const v = await m.post<Video>('/api/v1/videos', { title, productIds });
  expect(v.status, JSON.stringify(v.body)).toBe(201);
  if (!upload) return v.body;
  expect((await m.put(`/api/v1/videos/${v.body.id}/source`, videoForm(clip.data))).status).toBe(202);
  await expect.poll(async () => (await m.get<Video>(`/api/v1/videos/${v.body.id}`)).body.status, { timeout: 60_000, interval: 100 }).toBe('ready');
  return (await m.get<Video>(`/api/v1/videos/${v.body.id}`)).body;
}

async function buy(shopper: Client, p: Product): Promise<CheckoutResult> {
  const r = await shopper.post<CheckoutResult>('/api/v1/checkout', { items: [{ skuId: p.skus[0]!.id, quantity: 1 }] }, { 'idempotency-key': `store-page-${++keyN}` });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body;
}

/** Pays at the sandbox PSP's page, as the shopper does, and waits for the webhook to mark the order paid. */
async function pay(shopper: Client, c: CheckoutResult): Promise<void> {
  expect((await shopper.post(`/api/v1/sandbox-psp/payments/${c.payment!.payUrl.split('/pay/')[1]}/confirm`, { outcome: 'succeed' })).status).toBe(200);
  await expect.poll(async () => (await shopper.get<{ status: string }>(`/api/v1/orders/${c.orders[0]!.id}`)).body.status, { timeout: 15_000, interval: 50 }).toBe('paid');
}

const videoIds = async (storeId: string) => {
  const r = await t.client.get<{ items: Video[]; total: number }>(`/api/v1/stores/${storeId}/videos`);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return { ids: r.body.items.map((v) => v.id), total: r.body.total, items: r.body.items };
};

describe("a store's videos", () => {
  it('lists published videos carrying the store’s goods, newest first, once each; not other stores’, hidden or unready ones', async () => {
    const both = await video(merchantA, '龙井和普洱一起泡', [a1.id, a2.id]);
    const puer = await video(merchantA, '普洱开汤', [a2.id]);
    const plums = await video(merchantB, '脆李开箱', [b1.id]);
    const draft = await video(merchantA, '还没上传的龙井', [a1.id], false);
    const plain = await video(merchantA, '茶园风景（不挂商品）', []);

    const a = await videoIds(storeA.id);
    expect(a.ids).toEqual([puer.id, both.id]);
    expect(a.total).toBe(2);
    expect(a.ids).not.toContain(plums.id);
    expect(a.ids).not.toContain(draft.id);
    // Videos without the store's goods are not the store's, even by its own merchant.
    expect(a.ids).not.toContain(plain.id);
    // The items are the usual public video shape, with the goods as cards.
    expect(a.items[1]).toMatchObject({ id: both.id, status: 'ready', visibility: 'public', products: [{ id: a1.id, storeId: storeA.id }, { id: a2.id, storeId: storeA.id }] });
    expect(a.items[1]!.posterUrl).toMatch(/poster\.jpg$/);
    expect((await videoIds(storeB.id)).ids).toEqual([plums.id]);

    // Pages.
    const page = await t.client.get<{ items: Video[]; total: number }>(`/api/v1/stores/${storeA.id}/videos?limit=1&offset=1`);
    expect(page.body.items.map((v) => v.id)).toEqual([both.id]);
    expect(page.body.total).toBe(2);

    // Hidden: gone from the store page; shown again: back.
    expect((await merchantA.patch(`/api/v1/videos/${puer.id}`, { visibility: 'hidden' })).status).toBe(200);
    expect((await videoIds(storeA.id)).ids).toEqual([both.id]);
    expect((await merchantA.patch(`/api/v1/videos/${puer.id}`, { visibility: 'public' })).status).toBe(200);
    expect((await videoIds(storeA.id)).ids).toContain(puer.id);

    // A viewer's likes show on the store page as everywhere else.
    const fan = await t.client.register('sp-fan@example.com');
    expect((await fan.put(`/api/v1/videos/${both.id}/like`)).status).toBe(200);
    const seen = (await fan.get<{ items: Video[] }>(`/api/v1/stores/${storeA.id}/videos`)).body.items.find((v) => v.id === both.id)!;
    expect(seen).toMatchObject({ liked: true, likeCount: 1 });
  });

  it('answers a store that is not there with a 404 problem, and a malformed id or page with a 400', async () => {
    const missing = await t.client.get(`/api/v1/stores/${MISSING_STORE}/videos`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(missing.problem.code).toBe('not_found');
    const bad = await t.client.get('/api/v1/stores/not-a-store/videos');
    expect(bad.status).toBe(400);
    expect(bad.problem).toMatchObject({ code: 'validation_failed', field: 'params.storeId' });
    expect((await t.client.get(`/api/v1/stores/${storeA.id}/videos?limit=0`)).problem).toMatchObject({ code: 'validation_failed', field: 'querystring.limit' });
  });
});

describe("a store's live rooms", () => {
  it('shows its rooms live now first, then coming up, then ended ones with a replay; not other hosts’ or stores’ rooms', async () => {
    const room = async (m: Client, body: Record<string, unknown>) => {
      const r = await m.post<HostRoom>('/api/v1/live/rooms', body);
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      return r.body;
    };
    const empty = await t.client.get<{ items: Room[]; total: number }>(`/api/v1/stores/${storeA.id}/live`);
    expect(empty.body).toEqual({ items: [], total: 0 });

    const soon = await room(merchantA, { title: '周末普洱专场', storeId: storeA.id, scheduledAt: new Date(Date.now() + 86_400_000).toISOString() });
    const onAir = await room(merchantA, { title: '龙井开采直播', storeId: storeA.id, productIds: [a1.id] });
    const noReplay = await room(merchantA, { title: '试播', storeId: storeA.id });
    const withReplay = await room(merchantA, { title: '上周的茶会', storeId: storeA.id });
    const personal = await room(merchantA, { title: '阿杰的个人直播（不为店铺）' });
    const other = await room(merchantB, { title: '脆李直播', storeId: storeB.id });
    // The ingest reports a stream arriving (live.test.ts pushes a real one over RTMP; here the
    // listing is under test, so the ingest's own call stands in for the push).
    await t.platform.services.live.rooms.streamArrived(onAir.id);
    await t.platform.services.live.rooms.streamArrived(other.id);
    for (const r of [noReplay, withReplay]) expect((await merchantA.post(`/api/v1/live/rooms/${r.id}/end`)).status).toBe(200);
    // The replay job needs a recording (none without a real push): record the replay as it would.
    const replay = (await videoIds(storeA.id)).ids[0]!;
    await t.platform.services.live.rooms.setReplay(t.platform.db, withReplay.id, replay);

    const list = await t.client.get<{ items: Room[]; total: number }>(`/api/v1/stores/${storeA.id}/live`);
    expect(list.status).toBe(200);
    expect(list.body.items.map((r) => [r.id, r.state.status])).toEqual([
      [onAir.id, 'live'],
      [soon.id, 'scheduled'],
      [withReplay.id, 'ended'],
    ]);
    expect(list.body.total).toBe(3);
    expect(list.body.items[0]).toMatchObject({ storeId: storeA.id, title: '龙井开采直播', host: { name: '阿杰' }, state: { bag: [{ id: a1.id }] } });
    expect(list.body.items[2]!.replayVideoId).toBe(replay);
    expect(list.body.items.map((r) => r.id)).not.toContain(personal.id);
    expect(list.body.items.map((r) => r.id)).not.toContain(other.id);
    expect((await t.client.get<{ items: Room[] }>(`/api/v1/stores/${storeB.id}/live`)).body.items.map((r) => r.id)).toEqual([other.id]);
    // The store's own stream key never shows on the public list.
    expect(JSON.stringify(list.body)).not.toContain(onAir.ingest.streamKey);

    const page = await t.client.get<{ items: Room[]; total: number }>(`/api/v1/stores/${storeA.id}/live?limit=1&offset=1`);
    expect(page.body.items.map((r) => r.id)).toEqual([soon.id]);
  });

  it('answers a missing or suspended store with 404 and a malformed id with 400', async () => {
    expect((await t.client.get(`/api/v1/stores/${MISSING_STORE}/live`)).problem).toMatchObject({ status: 404, code: 'not_found' });
    expect((await t.client.get('/api/v1/stores/STO_bad/live')).problem).toMatchObject({ status: 400, code: 'validation_failed', field: 'params.storeId' });
    const closed = (await merchantB.post<Store>('/api/v1/merchant/stores', { name: '停业整顿的店' })).body;
    await t.platform.services.stores.govern(closed.id, { status: 'suspended' });
    for (const part of ['live', 'videos']) expect((await t.client.get(`/api/v1/stores/${closed.id}/${part}`)).problem).toMatchObject({ status: 404, code: 'not_found' });
  });
});

describe('what the shopper did at a store', () => {
  const history = async (c: Client, storeId = storeA.id) => {
    const r = await c.get<StoreHistory>(`/api/v1/me/stores/${storeId}/history`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body;
  };

  it('counts paid orders (not unpaid or cancelled ones, not other stores’), with the goods bought last', async () => {
    const shopper = await t.client.register('sp-shopper@example.com');
    expect(await history(shopper)).toEqual({ storeId: storeA.id, ordersCount: 0, lastOrderAt: null, lastProducts: [] });

    // Ordered but not paid yet: nothing bought.
    const first = await buy(shopper, a1);
    expect((await history(shopper)).ordersCount).toBe(0);
    const before = Date.now();
    await pay(shopper, first);
    const once = await history(shopper);
    expect(once.ordersCount).toBe(1);
    expect(once.lastProducts).toEqual([expect.objectContaining({ id: a1.id, storeId: storeA.id, title: '明前龙井 250g', minPriceFen: 12800, available: true })]);
    expect(new Date(once.lastOrderAt!).getTime()).toBeGreaterThanOrEqual(before - 1000);

    // A second purchase: its goods come first; the same goods twice are listed once.
    await pay(shopper, await buy(shopper, a2));
    await pay(shopper, await buy(shopper, a1));
    const thrice = await history(shopper);
    expect(thrice.ordersCount).toBe(3);
    expect(thrice.lastProducts.map((p) => p.id)).toEqual([a1.id, a2.id]);

    // A cancelled order and an order at another store change nothing here.
    const cancelled = await buy(shopper, a2);
    expect((await shopper.post(`/api/v1/orders/${cancelled.orders[0]!.id}/cancel`, {})).status).toBe(200);
    await pay(shopper, await buy(shopper, b1));
    expect(await history(shopper)).toMatchObject({ ordersCount: 3, lastProducts: [{ id: a1.id }, { id: a2.id }] });
    expect(await history(shopper, storeB.id)).toMatchObject({ ordersCount: 1, lastProducts: [{ id: b1.id }] });

    // Another shopper sees only their own: nothing.
    const stranger = await t.client.register('sp-stranger@example.com');
    expect(await history(stranger)).toEqual({ storeId: storeA.id, ordersCount: 0, lastOrderAt: null, lastProducts: [] });
  });

  it('is for signed-in shoppers only, and answers bad and missing store ids with problems', async () => {
    const anon = await t.client.get(`/api/v1/me/stores/${storeA.id}/history`);
    expect(anon.status).toBe(401);
    expect(anon.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(anon.problem.code).toBe('unauthenticated');
    const shopper = await t.client.login('sp-shopper@example.com', 'correct-horse-1');
    expect((await shopper.get(`/api/v1/me/stores/${MISSING_STORE}/history`)).problem).toMatchObject({ status: 404, code: 'not_found', field: 'storeId' });
    expect((await shopper.get('/api/v1/me/stores/nope/history')).problem).toMatchObject({ status: 400, code: 'validation_failed', field: 'params.storeId' });
  });
});
