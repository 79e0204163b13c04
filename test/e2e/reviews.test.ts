// Reviews (评价) over HTTP: a shopper buys two goods; nothing is reviewable before delivery; once
// the sandbox carrier has delivered, each line is reviewed once by its buyer only (someone else's
// line is not found), with stars, text, a photo or anonymously; a follow-up once; the store
// replies once; an operator hides a review (audited), which leaves the product page and its
// summary while the buyer still sees it marked. Events for the experience score are published.
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Product } from '../../src/modules/catalog/model.ts';
import type { Store } from '../../src/modules/catalog/stores.ts';
import type { CheckoutResult } from '../../src/modules/commerce/checkout.ts';
import type { Order } from '../../src/modules/commerce/orders.ts';
import type { Review, Reviewable, ReviewSummary, PublicReview } from '../../src/modules/reviews/schemas.ts';
import { Client, startTestPlatform, type TestPlatform, quiesce as quiesceAll, INSTANT_SANDBOXES } from '../support/platform.ts';

let t: TestPlatform;
let merchant: Client;
let otherMerchant: Client;
let shopper: Client;
let second: Client;
let operator: Client;
let store: Store;
let tea: Product;
let cups: Product;
let order: Order;
let n = 0;

beforeAll(async () => {
  t = await startTestPlatform({
    ...INSTANT_SANDBOXES,
  });
  const categoryId = (await t.platform.services.categories.create({ nameZh: '茶', nameEn: 'Tea' })).id;
  merchant = await t.client.register('rv-merchant@example.com', ['merchant']);
  otherMerchant = await t.client.register('rv-other@example.com', ['merchant']);
  shopper = await t.client.register('rv-shopper@example.com', [], '张三丰');
  second = await t.client.register('rv-second@example.com', [], '李四');
  const op = await t.platform.services.identity.register({ email: 'rv-ops@example.com', password: 'correct-horse-1', displayName: 'ops', roles: [] });
  await t.platform.services.identity.setRoles(op.id, ['operator']);
  operator = await t.client.login('rv-ops@example.com', 'correct-horse-1');
  store = (await merchant.post<Store>('/api/v1/merchant/stores', { name: '评价测试店' })).body;
  await otherMerchant.post('/api/v1/merchant/stores', { name: '别家店' });
  const product = async (title: string) => (await merchant.post<Product>(`/api/v1/merchant/stores/${store.id}/products`, { title, categoryId, skus: [{ optionValues: {}, priceFen: 5000, stock: 100 }] })).body;
  tea = await product('明前龙井');
  cups = await product('青瓷茶杯');
});
afterAll(() => t.close());

const count = async (sql: string, params: unknown[] = []) => (await t.platform.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, params))[0]!.n;

const quiesce = () => quiesceAll(t);

async function buyAndPay(who: Client, products: Product[]): Promise<Order> {
  const r = await who.post<CheckoutResult>('/api/v1/checkout', { items: products.map((p) => ({ skuId: p.skus[0]!.id, quantity: 1 })) }, { 'idempotency-key': `rv-${++n}-${Date.now()}` });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  const ref = r.body.payment!.payUrl.split('/pay/')[1]!;
  expect((await who.post(`/api/v1/sandbox-psp/payments/${ref}/confirm`, { outcome: 'succeed' })).status).toBe(200);
  await quiesce();
  return (await who.get<Order>(`/api/v1/orders/${r.body.orders[0]!.id}`)).body;
}

async function deliver(who: Client, o: Order): Promise<void> {
  expect((await merchant.post(`/api/v1/merchant/orders/${o.id}/ship`, { carrier: 'sf', trackingNo: `SF${Date.now()}${++n}` })).status).toBe(200);
  await expect.poll(async () => (await who.get<Order>(`/api/v1/orders/${o.id}`)).body.status, { timeout: 30_000 }).toBe('delivered');
  await quiesce();
}

async function photo(who: Client): Promise<string> {
  const png = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#2e7d32' } }).png().toBuffer();
  const f = new FormData();
  f.append('file', new Blob([new Uint8Array(png)], { type: 'image/png' }), 'tea.png');
  const r = await who.post<{ id: string; url: string }>('/api/v1/reviews/photos', f);
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.id;
}

const lineOf = (o: Order, p: Product) => o.lines.find((l) => l.productId === p.id)!.lineNo;
const stars = { goods: 5, logistics: 4, service: 5 };
type ProductPage = { items: PublicReview[]; total: number; summary: ReviewSummary };
const page = async (p: Product, q = '') => (await t.client.get<ProductPage>(`/api/v1/products/${p.id}/reviews${q}`)).body;

describe('reviews', () => {
  it('nothing is reviewable before delivery', async () => {
    order = await buyAndPay(shopper, [tea, cups]);
    expect((await shopper.get<{ items: Reviewable[] }>('/api/v1/me/reviewable')).body.items).toEqual([]);
    const r = await shopper.post('/api/v1/reviews', { orderId: order.id, lineNo: lineOf(order, tea), ...stars });
    expect(r.status).toBe(409);
    expect(r.problem).toMatchObject({ code: 'invalid_state', field: 'orderId' });
  });

  it('the buyer reviews a delivered line once, with stars, text and a photo; others cannot', async () => {
    await deliver(shopper, order);
    const reviewable = (await shopper.get<{ items: Reviewable[] }>('/api/v1/me/reviewable')).body.items;
    expect(reviewable.map((l) => l.productId).sort()).toEqual([tea.id, cups.id].sort());
    const imageId = await photo(shopper);
    const r = await shopper.post<Review>('/api/v1/reviews', { orderId: order.id, lineNo: lineOf(order, tea), ...stars, text: '香气很正，回甘明显', imageIds: [imageId] });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({ productId: tea.id, buyerName: '张**', goods: 5, logistics: 4, service: 5, anonymous: false, hidden: null, reply: null, followUp: null });
    expect(r.body.photos[0]!.url).toBe(`/media/images/${imageId}/w720`);
    const again = await shopper.post('/api/v1/reviews', { orderId: order.id, lineNo: lineOf(order, tea), ...stars });
    expect(again.status).toBe(409);
    expect(again.problem).toMatchObject({ code: 'conflict', field: 'lineNo' });
    const stranger = await second.post('/api/v1/reviews', { orderId: order.id, lineNo: lineOf(order, cups), ...stars });
    expect(stranger.status).toBe(404);
    expect(stranger.problem.field).toBe('orderId');
    // Someone else's photo cannot be attached.
    const theirs = await shopper.post('/api/v1/reviews', { orderId: order.id, lineNo: lineOf(order, cups), ...stars, imageIds: [await photo(second)] });
    expect(theirs.status).toBe(403);
    expect(theirs.problem.field).toBe('imageIds.0');
    // The second line, anonymously and negative.
    const anon = await shopper.post<Review>('/api/v1/reviews', { orderId: order.id, lineNo: lineOf(order, cups), goods: 2, logistics: 3, service: 1, anonymous: true, text: '杯口有裂纹' });
    expect(anon.status).toBe(201);
    expect(anon.body.buyerName).toBe('匿名用户');
    expect((await shopper.get<{ items: Reviewable[] }>('/api/v1/me/reviewable')).body.items).toEqual([]);
    expect(await count(`outbox WHERE topic = 'reviews.review.created'`)).toBe(2);
  });

  it('the product page shows the reviews and a summary; filters', async () => {
    const o2 = await buyAndPay(second, [tea]);
    await deliver(second, o2);
    expect((await second.post('/api/v1/reviews', { orderId: o2.id, lineNo: 1, goods: 4, logistics: 5, service: 4 })).status).toBe(201);
    const all = await page(tea);
    expect(all.summary).toEqual({ count: 2, average: 4.5, distribution: [0, 0, 0, 1, 1], withPhotos: 1, negative: 0, followUps: 0 });
    expect(all.items.map((i) => i.buyerName)).toEqual(['李*', '张**']); // newest first
    expect((await page(tea, '?filter=photos')).items).toHaveLength(1);
    expect((await page(cups, '?filter=negative')).summary).toMatchObject({ count: 1, negative: 1, average: 2 });
    expect((await t.client.get('/api/v1/products/prd_0000000000zzzzzzzzzz/reviews')).status).toBe(404);
  });

  it('a follow-up once; the store replies once', async () => {
    const mine = (await shopper.get<{ items: Review[] }>('/api/v1/me/reviews')).body.items;
    const teaReview = mine.find((r) => r.productId === tea.id)!;
    const f = await shopper.post<Review>(`/api/v1/reviews/${teaReview.id}/follow-up`, { text: '喝了一周，依然好喝' });
    expect(f.status, JSON.stringify(f.body)).toBe(200);
    expect(f.body.followUp?.text).toBe('喝了一周，依然好喝');
    expect((await shopper.post(`/api/v1/reviews/${teaReview.id}/follow-up`, { text: '再追一次' })).status).toBe(409);
    expect((await second.post(`/api/v1/reviews/${teaReview.id}/follow-up`, { text: '不是我的' })).status).toBe(404);
    expect((await page(tea, '?filter=followup')).items.map((i) => i.id)).toEqual([teaReview.id]);

    const reply = `/api/v1/merchant/stores/${store.id}/reviews/${teaReview.id}/reply`;
    expect((await otherMerchant.post(reply, { text: '谢谢' })).status).toBe(403);
    const r = await merchant.post<Review>(reply, { text: '感谢支持，欢迎再来' });
    expect(r.status).toBe(200);
    expect(r.body.reply?.text).toBe('感谢支持，欢迎再来');
    expect((await merchant.post(reply, { text: '再回一次' })).status).toBe(409);
    const listed = (await merchant.get<{ items: Review[]; total: number }>(`/api/v1/merchant/stores/${store.id}/reviews?filter=unreplied`)).body;
    expect(listed.total).toBe(2);
    expect((await page(tea)).items.find((i) => i.id === teaReview.id)?.reply?.text).toBe('感谢支持，欢迎再来');
  });

  it('an operator hides a review: gone from the page and the summary, marked for its buyer, audited', async () => {
    const target = (await page(tea)).items.find((i) => i.buyerName === '李*')!;
    expect((await shopper.post(`/api/v1/ops/reviews/${target.id}/hide`, { reason: '广告' })).status).toBe(403);
    const h = await operator.post<Review>(`/api/v1/ops/reviews/${target.id}/hide`, { reason: '含广告信息' });
    expect(h.status).toBe(200);
    expect((await operator.post(`/api/v1/ops/reviews/${target.id}/hide`, { reason: '再隐藏' })).status).toBe(409);
    const after = await page(tea);
    expect(after.summary).toMatchObject({ count: 1, average: 5, distribution: [0, 0, 0, 0, 1] });
    expect(after.items.map((i) => i.id)).not.toContain(target.id);
    const theirs = (await second.get<{ items: Review[] }>('/api/v1/me/reviews')).body.items;
    expect(theirs[0]).toMatchObject({ id: target.id, hidden: { reason: '含广告信息' } });
    expect(await count(`audit_log WHERE action = 'review.hide' AND subject_id = $1`, [target.id])).toBe(1);
    expect(await count(`outbox WHERE topic = 'reviews.review.hidden'`)).toBe(1);
    expect((await merchant.get<{ total: number }>(`/api/v1/merchant/stores/${store.id}/reviews?filter=hidden`)).body.total).toBe(1);
  });
});
