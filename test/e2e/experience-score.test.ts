// The store experience score over HTTP, on a clock the test moves: three tea stores each deliver
// two orders; B's buyer leaves a 1-star review of the goods (A's and C's 5 stars); C has a third
// order paid and never picked up, 25 hours later a late pick-up. Delivery time weighs nothing here
// (EXPERIENCE_METRIC_WEIGHTS), since the sandbox carrier's milliseconds would decide it. Worked out
// by hand (peers: the three stores, n − 1 = 2):
//   negativeReview A 0, B 1, C 0 → A 75, B 0, C 75 · pickup24h A 1, B 1, C ⅔ → A 75, B 75, C 0
//   qualityReturn, shippingComplaint, platformHelp all 0 → 50 each; no IM facts
//   A: goods (75+50)/2 = 62.5, logistics (.4·75+.3·50)/.7 = 64.29, service 50 → 18.75+19.29+20 = 58.04
//   B: goods 25, logistics 64.29, service 50 → 7.5+19.29+20 = 46.79
//   C: goods 62.5, logistics (.3·50)/.7 = 21.43, service 50 → 18.75+6.43+20 = 45.18
// A fourth store with one order is not scored.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Product } from '../../src/modules/catalog/model.ts';
import type { Store } from '../../src/modules/catalog/stores.ts';
import type { CheckoutResult } from '../../src/modules/commerce/checkout.ts';
import type { Order } from '../../src/modules/commerce/orders.ts';
import type { StoreScoreUpdatedEvent } from '../../src/modules/experience/score-service.ts';
import { Client, startTestPlatform, type TestPlatform, quiesce as quiesceAll, INSTANT_SANDBOXES } from '../support/platform.ts';

const HOUR = 3_600_000;
let offsetMs = 0;
let t: TestPlatform;
let operator: Client;
let shopper: Client;
const merchants: Client[] = [];
const stores: Store[] = [];
const products: Product[] = [];
let n = 0;

beforeAll(async () => {
  t = await startTestPlatform(
    {
      ...INSTANT_SANDBOXES,
      NPS_SURVEY_CAP_DAYS: '0',
      EXPERIENCE_MIN_ORDERS: '2',
      EXPERIENCE_MIN_PEERS: '2',
      EXPERIENCE_METRIC_WEIGHTS: '{"deliveryHours":0}',
    },
    { clock: () => new Date(Date.now() + offsetMs) },
  );
  const cats = t.platform.services.categories;
  const root = (await cats.create({ nameZh: '饮品', nameEn: 'Drinks' })).id;
  const tea = (await cats.create({ parentId: root, nameZh: '茶', nameEn: 'Tea' })).id;
  for (const k of ['a', 'b', 'c', 'd']) {
    const m = await t.client.register(`score-${k}@example.com`, ['merchant']);
    merchants.push(m);
    const s = (await m.post<Store>('/api/v1/merchant/stores', { name: `体验分${k.toUpperCase()}店` })).body;
    stores.push(s);
    products.push((await m.post<Product>(`/api/v1/merchant/stores/${s.id}/products`, { title: `${k} 龙井`, categoryId: tea, skus: [{ optionValues: {}, priceFen: 3000, stock: 100 }] })).body);
  }
  shopper = await t.client.register('score-shopper@example.com');
  const op = await t.platform.services.identity.register({ email: 'score-ops@example.com', password: 'correct-horse-1', displayName: 'ops', roles: [] });
  await t.platform.services.identity.setRoles(op.id, ['operator']);
  operator = await t.client.login('score-ops@example.com', 'correct-horse-1');
});
afterAll(() => t.close());

const quiesce = () => quiesceAll(t);

async function buy(i: number): Promise<string> {
  const r = await shopper.post<CheckoutResult>('/api/v1/checkout', { items: [{ skuId: products[i]!.skus[0]!.id, quantity: 1 }] }, { 'idempotency-key': `score-${++n}-${Date.now()}` });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  const ref = r.body.payment!.payUrl.split('/pay/')[1]!;
  expect((await shopper.post(`/api/v1/sandbox-psp/payments/${ref}/confirm`, { outcome: 'succeed' })).status).toBe(200);
  await quiesce();
  return r.body.orders[0]!.id;
}

const delivered: Array<{ store: number; orderId: string }> = [];

async function deliver(i: number, goods: number | null): Promise<void> {
  const orderId = await buy(i);
  expect((await merchants[i]!.post(`/api/v1/merchant/orders/${orderId}/ship`, { carrier: 'sf', trackingNo: `SF${Date.now()}${++n}` })).status).toBe(200);
  await expect.poll(async () => (await shopper.get<Order>(`/api/v1/orders/${orderId}`)).body.status, { timeout: 30_000 }).toBe('delivered');
  delivered.push({ store: i, orderId });
  await quiesce();
  if (goods !== null) expect((await shopper.post('/api/v1/reviews', { orderId, lineNo: 1, goods, logistics: 5, service: 5 })).status).toBe(201);
  await quiesce();
}

type Mine = { current: { score: number | null; reason: string | null; peerGroup: string | null; peers: number; orders: number; dimensions: Record<string, number | null>; metrics: Array<{ metric: string; value: number | null; points: number | null; hint: { target: number | null; gain: number; peerMedian: number } | null }> } | null; history: Array<{ day: string; score: number | null }> };

describe('store experience score', () => {
  it('nothing is scored before any recomputation', async () => {
    const r = await merchants[0]!.get<Mine>(`/api/v1/merchant/stores/${stores[0]!.id}/experience/score`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ current: null, history: [] });
    expect((await t.client.as(null).get(`/api/v1/stores/${stores[0]!.id}/experience`)).body).toMatchObject({ score: null, day: null });
  });

  it('ranks the stores by what they did', async () => {
    await deliver(0, 5);
    await deliver(0, null);
    await deliver(1, 1);
    await deliver(1, null);
    await deliver(2, 5);
    await deliver(2, null);
    await buy(2); // paid, never shipped: 25 hours later its pick-up is late
    await deliver(3, 5); // one order: not scored
    offsetMs = 25 * HOUR;

    const r = await operator.post<{ stores: number; changed: number }>('/api/v1/ops/experience/scores/recompute', {});
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ stores: 4, changed: 4 });
    await quiesce();

    const list = await operator.get<{ items: Array<{ storeId: string; score: number | null; reason: string | null }>; total: number }>('/api/v1/ops/experience/scores');
    expect(list.body.total).toBe(4);
    expect(list.body.items.map((s) => [s.storeId, s.score])).toEqual([
      [stores[0]!.id, 58.04],
      [stores[1]!.id, 46.79],
      [stores[2]!.id, 45.18],
      [stores[3]!.id, null],
    ]);
    expect(list.body.items[3]!.reason).toBe('not_enough_orders');
    expect((await operator.get<{ total: number }>('/api/v1/ops/experience/scores?scored=true&min=46')).body.total).toBe(2);

    const c = (await merchants[2]!.get<Mine>(`/api/v1/merchant/stores/${stores[2]!.id}/experience/score`)).body;
    expect(c.current).toMatchObject({ score: 45.18, peerGroup: 'category', peers: 3, orders: 3, dimensions: { goods: 62.5, logistics: 21.43, service: 50 } });
    const pickup = c.current!.metrics.find((m) => m.metric === 'pickup24h')!;
    // ⅔ against a median of 1: reaching it (50 points) is worth 50 · (.4/.7) · .3 = 8.57
    expect(pickup).toMatchObject({ value: 0.6667, points: 0, hint: { peerMedian: 1, target: 1, gain: 8.57 } });
    expect(c.history).toHaveLength(1);
    expect(c.history[0]!.score).toBe(45.18);

    const events = (await t.platform.db.query<{ payload: StoreScoreUpdatedEvent }>(`SELECT payload FROM outbox WHERE topic = 'experience.store_score.updated' ORDER BY seq`)).map((e) => e.payload);
    expect(events.map((e) => [e.storeId, e.score]).sort()).toEqual([[stores[0]!.id, 58.04], [stores[1]!.id, 46.79], [stores[2]!.id, 45.18], [stores[3]!.id, null]].sort());

    const badge = await t.client.as(null).get<{ score: number; dimensions: Record<string, number> }>(`/api/v1/stores/${stores[0]!.id}/experience`);
    expect(badge.body).toMatchObject({ score: 58, dimensions: { goods: 63, logistics: 64, service: 50 } });
  });

  it('a recomputation that changes nothing publishes nothing; staff refresh once a minute', async () => {
    const count = async () => (await t.platform.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox WHERE topic = 'experience.store_score.updated'`))[0]!.n;
    const before = await count();
    const r = await merchants[0]!.post<Mine>(`/api/v1/merchant/stores/${stores[0]!.id}/experience/score/refresh`, {});
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.current!.score).toBe(58.04);
    expect(await count()).toBe(before);
    const again = await merchants[0]!.post(`/api/v1/merchant/stores/${stores[0]!.id}/experience/score/refresh`, {});
    expect(again.status).toBe(429);
    offsetMs += 61_000;
    expect((await merchants[0]!.post(`/api/v1/merchant/stores/${stores[0]!.id}/experience/score/refresh`, {})).status).toBe(200);
  });

  it('only the store’s staff read it; operators only list and recompute', async () => {
    expect((await merchants[1]!.get(`/api/v1/merchant/stores/${stores[0]!.id}/experience/score`)).status).toBe(403);
    expect((await merchants[1]!.post(`/api/v1/merchant/stores/${stores[0]!.id}/experience/score/refresh`, {})).status).toBe(403);
    expect((await shopper.get('/api/v1/ops/experience/scores')).status).toBe(403);
    expect((await merchants[0]!.post('/api/v1/ops/experience/scores/recompute', {})).status).toBe(403);
    expect((await t.client.as(null).get('/api/v1/ops/experience/scores')).status).toBe(401);
  });

  it('a creator’s reputation comes from the orders credited to them: a negative review counts as a complaint', async () => {
    const creator = await t.client.register('score-creator@example.com', ['creator']);
    const creatorId = (await creator.get<{ id: string }>('/api/v1/me')).body.id;
    // The alliance credits the creator with stores A's and B's delivered orders (B's first has the 1-star review).
    const credited = delivered.filter((d) => d.store <= 1);
    expect(credited).toHaveLength(4);
    await t.platform.db.tx(async (tx) => {
      for (const d of credited) await t.platform.bus.publish(tx, 'alliance.commission.accrued', { commissionId: `com_${d.orderId.slice(4)}`, orderId: d.orderId, creatorId, storeId: stores[d.store]!.id, amountFen: 300 });
    });
    await quiesce();
    const r = await creator.get<{ score: number | null; orders: number; returnRate: number; complaintRate: number; nps: number | null; parts: Record<string, number | null> }>('/api/v1/me/creator/reputation');
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    // 4 orders, none returned (R 100), 1 complained of (¼ against a 10% ceiling: C 0), no NPS answers:
    // (.4·100 + .3·0) / .7 = 57.14 → 57.1
    expect(r.body).toMatchObject({ orders: 4, returnRate: 0, complaintRate: 0.25, nps: null, score: 57.1, parts: { returns: 100, complaints: 0, nps: null } });
    expect((await shopper.get('/api/v1/me/creator/reputation')).status).toBe(403);
  });

  it('the nightly recomputation is scheduled as a job', async () => {
    const jobs = await t.platform.db.query<{ run_at: Date }>(`SELECT run_at FROM jobs WHERE kind = 'experience.score_recompute' AND status = 'queued'`);
    expect(jobs).toHaveLength(1);
    // 03:00 China time
    expect(new Date(jobs[0]!.run_at).getUTCHours()).toBe(19);
  });
});
