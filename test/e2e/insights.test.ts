// Insights over HTTP on a fixture worked out by hand. Store S sells 茶 P1 (¥100) and 杯 P2 (¥30).
// Its merchant also hosts the store's own live room R (F); creator A (no followers) carries P1 in
// video VA (A); creator T (2 followers; INSIGHTS_TOP_CREATOR_FOLLOWERS=2) carries P2 in VT (T).
// Paid today:  o1 B1 P1×1 from VA 10000 (content, A) · o2 B2 P2×2 from VT 6000 (content, T)
//              o3 B1 P1×1 from R 10000 (content, F) · o4 B3 P2×1 from search 3000 (centre, N)
//              o5 B3 P1 from the store page, never paid (no GMV)
// → GMV 29000, orders 4, buyers 3 (B1 twice), AOV 7250; content 26000 / 3 orders / 2 buyers,
//   centre 3000 / 1 / 1; channels F 10000, A 10000, T 6000, N 3000 (shares .3448 .3448 .2069 .1034).
// o4 is refunded before shipping for a quality fault: refunds 3000 and one complaint.
// Behaviour: VA 10 impressions, 4 plays of 5 s, 2 finishes, 1 product tap today, 1 impression two
// days ago (a late event); product taps B1 P1 (search), B2 P2 twice (feed), device d1 P1 (mall),
// B3 carts P2 (search) → visitors 4 (B1, B2, d1, B3), conversion 3 / 4 = .75; store product taps
// 4 + VA's 1 = 5; views 4 + R's 3 = 7. Three viewers in R in one minute.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Product } from '../../src/modules/catalog/model.ts';
import type { Store } from '../../src/modules/catalog/stores.ts';
import type { CheckoutResult } from '../../src/modules/commerce/checkout.ts';
import type { EventRow } from '../../src/modules/feed/insert.ts';
import { addDays, chinaDay } from '../../src/modules/insights/range.ts';
import type { StoreDashboard } from '../../src/modules/insights/store-report.ts';
import type { ContentRow, LiveMinute } from '../../src/modules/insights/content-report.ts';
import type { PlatformDashboard } from '../../src/modules/insights/platform-report.ts';
import { dropVideo, makeVideo, videoForm } from '../support/media.ts';
import { Client, INSTANT_SANDBOXES, quiesce as quiesceAll, startTestPlatform, type TestPlatform } from '../support/platform.ts';

let t: TestPlatform;
let merchant: Client;
let other: Client;
let operator: Client;
let creatorA: Client;
let creatorT: Client;
const buyers: Client[] = [];
let store: Store;
let p1: Product;
let p2: Product;
let va: string;
let vt: string;
let room: string;
const ids: Record<string, string> = {};
let n = 0;
let clipDone: () => Promise<void> = async () => {};
let today = chinaDay(new Date());
const quiesce = async () => {
  await quiesceAll(t);
  await t.platform.services.insights.traffic.catchUp();
};

beforeAll(async () => {
  // The fixture (paid "today") and the checks must fall on one China day: a run that would
  // straddle midnight in China (16:00 UTC) waits for the new day first (at most three minutes).
  const toMidnight = 86_400_000 - ((Date.now() + 8 * 3_600_000) % 86_400_000);
  if (toMidnight < 180_000) await new Promise((r) => setTimeout(r, toMidnight + 1000));
  today = chinaDay(new Date());
  t = await startTestPlatform({ ...INSTANT_SANDBOXES, INSIGHTS_TOP_CREATOR_FOLLOWERS: '2' });
  const categoryId = (await t.platform.services.categories.create({ nameZh: '茶', nameEn: 'Tea' })).id;
  merchant = await t.client.register('in-merchant@example.com', ['merchant', 'creator']);
  other = await t.client.register('in-other@example.com', ['merchant']);
  creatorA = await t.client.register('in-creator-a@example.com', ['creator']);
  creatorT = await t.client.register('in-creator-t@example.com', ['creator']);
  for (const k of [1, 2, 3]) buyers.push(await t.client.register(`in-buyer-${k}@example.com`));
  const op = await t.platform.services.identity.register({ email: 'in-ops@example.com', password: 'correct-horse-1', displayName: 'ops', roles: [] });
  await t.platform.services.identity.setRoles(op.id, ['operator']);
  operator = await t.client.login('in-ops@example.com', 'correct-horse-1');
  for (const [k, c] of Object.entries({ merchant, creatorA, creatorT, b1: buyers[0]!, b2: buyers[1]!, b3: buyers[2]! })) ids[k] = (await c.get<{ id: string }>('/api/v1/me')).body.id;
  store = (await merchant.post<Store>('/api/v1/merchant/stores', { name: '数据罗盘茶铺' })).body;
  expect((await other.post<Store>('/api/v1/merchant/stores', { name: '别家店' })).status).toBe(201);
  const product = async (title: string, priceFen: number) => (await merchant.post<Product>(`/api/v1/merchant/stores/${store.id}/products`, { title, categoryId, skus: [{ optionValues: {}, priceFen, stock: 100 }] })).body;
  p1 = await product('明前龙井', 10_000);
  p2 = await product('青瓷杯', 3_000);
  for (const p of [p1, p2]) expect((await merchant.post(`/api/v1/merchant/stores/${store.id}/alliance/plans`, { productId: p.id, kind: 'open', rateBps: 1000 })).status).toBe(201);
  expect((await creatorA.put(`/api/v1/me/showcase/${p1.id}`)).status).toBe(200);
  expect((await creatorT.put(`/api/v1/me/showcase/${p2.id}`)).status).toBe(200);
  va = (await creatorA.post<{ id: string }>('/api/v1/videos', { title: '龙井开箱', productIds: [p1.id] })).body.id;
  // VA is published for real (uploaded and transcoded): creator A's first video, so A is new.
  const clip = await makeVideo({ seconds: 2 });
  expect((await creatorA.put(`/api/v1/videos/${va}/source`, videoForm(clip.data))).status).toBe(202);
  clipDone = () => dropVideo(clip);
  vt = (await creatorT.post<{ id: string }>('/api/v1/videos', { title: '杯子测评', productIds: [p2.id] })).body.id;
  room = (await merchant.post<{ id: string }>('/api/v1/live/rooms', { title: '店铺自播', storeId: store.id, productIds: [p1.id, p2.id] })).body.id;
  expect(va && vt && room).toBeTruthy();
  for (const b of [buyers[0]!, buyers[1]!]) expect((await b.put(`/api/v1/creators/${ids.creatorT}/follow`)).status).toBe(200);
}, 300_000);
afterAll(() => t.close());

async function checkout(who: Client, body: Record<string, unknown>): Promise<CheckoutResult> {
  const r = await who.post<CheckoutResult>('/api/v1/checkout', body, { 'idempotency-key': `in-${++n}-${Date.now()}` });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body;
}
async function buy(who: Client, body: Record<string, unknown>): Promise<string> {
  const r = await checkout(who, body);
  const ref = r.payment!.payUrl.split('/pay/')[1]!;
  expect((await who.post(`/api/v1/sandbox-psp/payments/${ref}/confirm`, { outcome: 'succeed' })).status).toBe(200);
  return r.orders[0]!.id;
}
const item = (p: Product, quantity = 1) => ({ skuId: p.skus[0]!.id, quantity });
const dashboard = async (c: Client = merchant, q = '') => (await c.get<StoreDashboard & { definitions: Record<string, { zh: string; en: string }> }>(`/api/v1/merchant/stores/${store.id}/insights${q}`)).body;

/** Behaviour events written to the log as the feed module's own write path stores them. */
async function record(rows: Array<Partial<EventRow> & Pick<EventRow, 'type' | 'itemType' | 'itemId'>>): Promise<void> {
  await t.platform.db.tx((tx) =>
    t.platform.services.feedEvents.record(
      tx,
      rows.map((r) => ({ actorKind: 'user', actorId: `viewer-${++n}`, clientEventId: `in-${++n}`, watchMs: null, durationMs: null, source: 'feed', position: null, at: new Date(), ...r })),
    ),
  );
}
const tap = (c: Client, p: Product, source: string, type = 'product_tap', deviceId?: string) =>
  c.post('/api/v1/events', { ...(deviceId ? { deviceId } : {}), events: [{ id: `evt-insights-${++n}-${Date.now()}`, type, itemType: 'product', itemId: p.id, source, at: new Date().toISOString() }] });

describe('insights', () => {
  let o4: string;

  it('builds the fixture: four paid orders, one unpaid, a refund for a fault, and the behaviour', async () => {
    await expect.poll(async () => (await creatorA.get<{ status: string }>(`/api/v1/videos/${va}`)).body.status, { timeout: 120_000, interval: 250 }).toBe('ready');
    await clipDone();
    await buy(buyers[0]!, { items: [item(p1)], source: { type: 'feed_video', id: va } });
    await buy(buyers[1]!, { items: [item(p2, 2)], source: { type: 'feed_video', id: vt } });
    await buy(buyers[0]!, { items: [item(p1)], source: { type: 'live_room', id: room } });
    o4 = await buy(buyers[2]!, { items: [item(p2)], source: { type: 'search' } });
    await checkout(buyers[2]!, { items: [item(p1)], source: { type: 'store_page', id: store.id } });
    await quiesce();
    const refund = await buyers[2]!.post(`/api/v1/orders/${o4}/after-sales`, { type: 'refund_only', reason: 'quality' });
    expect(refund.status, JSON.stringify(refund.body)).toBe(201);

    await record([
      ...Array.from({ length: 10 }, () => ({ type: 'impression' as const, itemType: 'video' as const, itemId: va })),
      ...Array.from({ length: 4 }, () => ({ type: 'play' as const, itemType: 'video' as const, itemId: va, watchMs: 5000, durationMs: 8000 })),
      ...Array.from({ length: 2 }, () => ({ type: 'finish' as const, itemType: 'video' as const, itemId: va })),
      { type: 'product_tap', itemType: 'video', itemId: va },
      { type: 'impression', itemType: 'video', itemId: va, at: new Date(Date.now() - 2 * 86_400_000) },
      ...['r1', 'r2', 'r3'].map((a) => ({ type: 'play' as const, itemType: 'live' as const, itemId: room, actorId: a, source: 'live' })),
    ]);
    for (const [c, p, source] of [[buyers[0]!, p1, 'search'], [buyers[1]!, p2, 'feed'], [buyers[1]!, p2, 'feed']] as const) expect((await tap(c, p, source)).status).toBe(200);
    expect((await tap(t.client.as(null), p1, 'mall', 'product_tap', 'device-d1')).status).toBe(200);
    expect((await tap(buyers[2]!, p2, 'search', 'add_to_cart')).status).toBe(200);
    await quiesce();
  });

  it('sums sales, traffic, visitors and conversion as worked out by hand', async () => {
    const d = await dashboard();
    expect(d.range).toEqual({ from: addDays(today, -29), to: today, days: 30 });
    expect(d.totals).toEqual({ gmvFen: 29_000, orders: 4, buyers: 3, aovFen: 7_250, refundFen: 3_000, impressions: 11, views: 7, productTaps: 5, visitors: 4, conversion: 0.75 });
    const day = d.days.find((x) => x.day === today)!;
    expect(day).toMatchObject({ gmvFen: 29_000, orders: 4, buyers: 3, refundFen: 3_000, impressions: 10, views: 7, visitors: 4 });
    // The late impression counts on its own day, not on the day it arrived.
    expect(d.days.find((x) => x.day === addDays(today, -2))).toMatchObject({ impressions: 1, gmvFen: 0 });
    expect(d.days.reduce((a, x) => a + x.gmvFen, 0)).toBe(d.totals.gmvFen);
  });

  it('counts distinct visitors the same way whether or not the store has visits after the range', async () => {
    const tomorrow = addDays(today, 1);
    // A new viewer taps P1 "tomorrow" (a client clock ahead): the default range no longer reaches
    // the store's latest visit, so its visitors are de-duplicated visit by visit.
    await record([{ type: 'product_tap', itemType: 'product', itemId: p1.id, actorId: 'viewer-tomorrow', at: new Date(Date.now() + 86_400_000) }]);
    await quiesce();
    expect((await dashboard()).totals.visitors).toBe(4);
    expect((await dashboard(merchant, `?to=${tomorrow}`)).totals.visitors).toBe(5);
    expect((await dashboard(merchant, `?from=${tomorrow}&to=${tomorrow}`)).totals.visitors).toBe(1);
    expect((await dashboard(merchant, `?from=${addDays(today, -3)}&to=${addDays(today, -1)}`)).totals.visitors).toBe(0);
  });

  it('splits sales by field and by FACT channel, each line once', async () => {
    const d = await dashboard();
    const field = Object.fromEntries(d.fields.map((f) => [f.field, [f.gmvFen, f.orders, f.buyers]]));
    expect(field).toEqual({ content: [26_000, 3, 2], centre: [3_000, 1, 1], other: [0, 0, 0] });
    const ch = Object.fromEntries(d.channels.map((c) => [c.channel, [c.gmvFen, c.orders, c.share]]));
    expect(ch).toEqual({ F: [10_000, 1, 0.3448], A: [10_000, 1, 0.3448], C: [0, 0, 0], T: [6_000, 1, 0.2069], N: [3_000, 1, 0.1034] });
    expect(d.definitions.fact!.zh).toContain('FACT');
  });

  it('gives each video and live room its funnel, GPM, watch time and finish rate', async () => {
    const r = await merchant.get<{ items: Array<ContentRow & { title: string | null; creatorName: string | null }> }>(`/api/v1/merchant/stores/${store.id}/insights/content`);
    expect(r.status).toBe(200);
    const a = r.body.items.find((i) => i.id === va)!;
    expect(a).toMatchObject({ type: 'video', title: '龙井开箱', creatorId: ids.creatorA, impressions: 11, views: 4, productTaps: 1, orders: 1, paidOrders: 1, gmvFen: 10_000, gpmFen: 2_500_000, watchMs: 20_000, avgWatchMs: 5_000, finishRate: 0.5, viewRate: 0.3636, tapRate: 0.25, payRate: 1 });
    expect(r.body.items.find((i) => i.id === vt)).toMatchObject({ gmvFen: 6_000, views: 0, gpmFen: null, paidOrders: 1 });
    expect(r.body.items.find((i) => i.id === room)).toMatchObject({ type: 'live', gmvFen: 10_000, views: 3 });

    const live = (await merchant.get<{ minutes: LiveMinute[]; totals: { viewers: number; orders: number; gmvFen: number } }>(`/api/v1/merchant/stores/${store.id}/insights/live/${room}`)).body;
    expect(live.totals).toMatchObject({ viewers: 3, orders: 1, gmvFen: 10_000 });
    expect(live.minutes.some((m) => m.viewers === 3)).toBe(true);
    expect((await other.get(`/api/v1/merchant/stores/${store.id}/insights/live/${room}`)).status).toBe(403);

    const creators = (await merchant.get<{ items: Array<{ creatorId: string; channel: string; gmvFen: number }> }>(`/api/v1/merchant/stores/${store.id}/insights/creators`)).body.items;
    expect(Object.fromEntries(creators.map((c) => [c.creatorId, [c.channel, c.gmvFen]]))).toEqual({ [ids.creatorA!]: ['A', 10_000], [ids.creatorT!]: ['T', 6_000], [ids.merchant!]: ['F', 10_000] });

    const mine = (await creatorA.get<{ totals: { gmvFen: number; views: number; gpmFen: number | null }; content: ContentRow[] }>('/api/v1/me/creator/insights')).body;
    expect(mine.totals).toMatchObject({ gmvFen: 10_000, views: 4, gpmFen: 2_500_000 });
    expect(mine.content.map((c) => c.id)).toEqual([va]);
  });

  it('shows a new order within five seconds of payment', async () => {
    const before = (await dashboard()).totals.orders;
    await buy(buyers[1]!, { items: [item(p2)], source: { type: 'search' } });
    await expect.poll(async () => (await dashboard()).totals.orders, { timeout: 5_000, interval: 100 }).toBe(before + 1);
    await quiesce();
  });

  it('reconciles with the ledger: GMV less refunds is what the payment provider holds', async () => {
    const p = (await operator.get<PlatformDashboard>('/api/v1/ops/insights/platform')).body;
    const clearing = (await t.platform.services.ledger.balance('psp:sandbox:clearing')).balanceFen;
    expect(p.totals.gmvFen - p.totals.refundFen).toBe(clearing);
    const s = await dashboard();
    expect(p.totals.gmvFen).toBe(s.totals.gmvFen); // one store sold
    // What the sales were booked to: the store's payable, the platform's fee and the creators'
    // pending commissions (liabilities and revenue: credits, negative) add up to GMV less refunds.
    let booked = 0;
    for (const a of [`merchant:${store.id}:payable`, 'platform:fee_revenue', ...['creatorA', 'creatorT', 'merchant'].map((k) => `creator:${ids[k]}:pending`)]) booked -= (await t.platform.services.ledger.balance(a)).balanceFen;
    expect(booked).toBe(s.totals.gmvFen - s.totals.refundFen);
  });

  it('gives operators the platform: GMV beside NPS, refund and complaint rates, exposure and scores, with definitions', async () => {
    const p = (await operator.get<PlatformDashboard & { definitions: Record<string, { zh: string; en: string }> }>('/api/v1/ops/insights/platform')).body;
    expect(p.totals).toMatchObject({ gmvFen: 32_000, orders: 5, buyers: 3, refundFen: 3_000, complaints: 1, nps: null, refundRate: 0.0938, complaintRate: 0.2 });
    expect(p.totals.newCreatorShare).toBe(1); // VA's 11 impressions, creator A's first video published today
    expect(p.days.find((d) => d.day === today)).toMatchObject({ gmvFen: 32_000, impressions: 10, newCreatorImpressions: 10, pickupDue: 0 });
    // Every store is in one band; none has been scored yet, so all are unscored.
    expect(p.scores.find((b) => b.band === 'unscored')!.stores).toBe(await t.platform.services.stores.count());
    expect(p.scores.reduce((a, b) => a + b.stores, 0)).toBe(await t.platform.services.stores.count());
    for (const k of ['nps', 'refundRate', 'complaintRate', 'pickup24h', 'newCreatorShare', 'scoreDistribution']) expect(p.definitions[k]!.en.length).toBeGreaterThan(10);
    const ops = await operator.get<StoreDashboard>(`/api/v1/ops/insights/stores/${store.id}`);
    expect(ops.body.totals.gmvFen).toBe(32_000);
  });

  it('exports CSV that spreadsheets read', async () => {
    const r = await merchant.req<string>('GET', `/api/v1/merchant/stores/${store.id}/insights/export?table=days&from=${today}&to=${today}`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toContain('text/csv');
    const text = r.body; // fetch's UTF-8 decoding drops the BOM…
    expect(text.startsWith('day,gmv_yuan,orders,buyers')).toBe(true);
    // …which is there in the bytes, for spreadsheet apps.
    const raw = await fetch(`${t.url}/api/v1/merchant/stores/${store.id}/insights/export`, { headers: merchant.authHeaders });
    expect([...new Uint8Array(await raw.arrayBuffer()).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(text).toContain(`${today},320.00,5,3,64.00,30.00,10,7,5,4`);
    const content = (await merchant.req<string>('GET', `/api/v1/merchant/stores/${store.id}/insights/export?table=content`)).body;
    expect(content).toContain('龙井开箱');
  });

  it('counts campaign goods bought outside content as C, and content still before C', async () => {
    const before = Object.fromEntries((await dashboard()).channels.map((c) => [c.channel, c.gmvFen]));
    const now = Date.now();
    const c = await operator.post<{ id: string }>('/api/v1/ops/campaigns', { kind: 'programme', name: '好物节', startsAt: new Date(now - 60_000).toISOString(), endsAt: new Date(now + 86_400_000).toISOString(), boost: 1.2 });
    expect(c.status, JSON.stringify(c.body)).toBe(201);
    await t.platform.services.campaigns.service.sweep();
    expect((await merchant.post(`/api/v1/merchant/stores/${store.id}/campaigns/${c.body.id}/enrolments`, { productId: p2.id })).status).toBe(201);
    await quiesce();
    await buy(buyers[1]!, { items: [item(p2)], source: { type: 'search' } });
    await buy(buyers[1]!, { items: [item(p2)], source: { type: 'feed_video', id: vt } });
    await quiesce();
    const after = Object.fromEntries((await dashboard()).channels.map((x) => [x.channel, x.gmvFen]));
    expect(after).toEqual({ ...before, C: before.C! + 3_000, T: before.T! + 3_000 });
  });

  it('counts nothing twice: facts delivered again and a second pass over the log change no figure', async () => {
    const before = { store: await dashboard(), platform: (await operator.get<PlatformDashboard>('/api/v1/ops/insights/platform')).body };
    const again = await t.platform.db.query<{ topic: string; payload: unknown }>(
      `SELECT topic, payload FROM outbox WHERE topic IN ('commerce.order.created', 'commerce.order.paid', 'commerce.after_sales.refunded', 'commerce.after_sales.opened', 'content.video.published') ORDER BY occurred_at`,
    );
    expect(again.length).toBeGreaterThan(10);
    // As new events (new ids): the bus's own de-duplication does not catch them, insights' keys must.
    await t.platform.db.tx(async (tx) => {
      for (const e of again) await t.platform.bus.publish(tx, e.topic, e.payload);
    });
    await quiesce();
    await t.platform.services.insights.traffic.catchUp();
    expect(await dashboard()).toEqual({ ...before.store, trafficAsOf: expect.any(String) });
    expect((await operator.get<PlatformDashboard>('/api/v1/ops/insights/platform')).body).toEqual(before.platform);
  });

  it('refuses another store’s data, reversed and enormous ranges, and days that do not exist', async () => {
    const cases: Array<[Client, string, number, string | undefined]> = [
      [other, '', 403, undefined],
      [merchant, `?from=${today}&to=${addDays(today, -3)}`, 400, 'from'],
      [merchant, '?from=2020-01-01&to=2026-01-01', 400, 'to'],
      [merchant, '?from=2026-02-30', 400, 'from'],
      [merchant, '?from=yesterday', 400, 'querystring.from'],
    ];
    for (const [c, q, status, field] of cases) {
      const r = await c.get(`/api/v1/merchant/stores/${store.id}/insights${q}`);
      expect([r.status, r.problem?.field], q).toEqual([status, field]);
    }
    expect((await creatorA.get(`/api/v1/me/creator/insights/live/${room}`)).status).toBe(404);
  });
});
