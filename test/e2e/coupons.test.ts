// Coupons end to end over HTTP: stores and the platform issue them, shoppers claim them (limits
// hold under concurrency), checkout spends them with the stacking rules and fixes every figure
// per order and line (discounts by funder, platform fee by category rate with parent fallback),
// payment books them in the ledger, and cancelled unpaid orders give them back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Product } from '../../src/modules/catalog/model.ts';
import type { Store } from '../../src/modules/catalog/stores.ts';
import type { CheckoutResult } from '../../src/modules/commerce/checkout.ts';
import type { Coupon, Quote, UserCoupon } from '../../src/modules/commerce/coupon-schemas.ts';
import { Client, dbFingerprint, startTestPlatform, type TestPlatform } from '../support/platform.ts';

// Categories with fixed ids, so that the fee rates can be configured before the platform starts:
// a root at 3%, one child with its own 8%, one child without a rate (takes its parent's 3%), and
// another root without a rate (the default 5%).
const CAT = { root: 'cat_0000000000feeroot0000', ownRate: 'cat_0000000000feekidown00', inherits: 'cat_0000000000feekidinh00', plain: 'cat_0000000000feeplain000' };
const HOUR = 3_600_000;

let t: TestPlatform;
let merchantA: Client;
let merchantB: Client;
let operator: Client;
let storeA: Store;
let storeB: Store;
let n = 0;
const key = () => `coupon-test-${++n}-${Date.now()}`;

beforeAll(async () => {
  t = await startTestPlatform({
    SANDBOX_PSP_MAX_DELAY_MS: '0',
    SANDBOX_PSP_DUPLICATE_RATE: '1',
    PLATFORM_FEE_BPS: '500',
    PLATFORM_FEE_BPS_BY_CATEGORY: JSON.stringify({ [CAT.root]: 300, [CAT.ownRate]: 800 }),
  });
  await t.platform.db.query(
    `INSERT INTO categories (id, parent_id, name_zh, name_en, sort) VALUES ($1, NULL, '食品', 'Food', 0), ($2, $1, '零食', 'Snacks', 0), ($3, $1, '饮料', 'Drinks', 1), ($4, NULL, '家居', 'Home', 1)`,
    [CAT.root, CAT.ownRate, CAT.inherits, CAT.plain],
  );
  t.platform.services.categories.invalidate();
  merchantA = await t.client.register('coupon-ma@example.com', ['merchant']);
  merchantB = await t.client.register('coupon-mb@example.com', ['merchant']);
  storeA = (await merchantA.post<Store>('/api/v1/merchant/stores', { name: '券测试店A' })).body;
  storeB = (await merchantB.post<Store>('/api/v1/merchant/stores', { name: '券测试店B' })).body;
  const ops = await t.platform.services.identity.register({ email: 'coupon-ops@example.com', password: 'correct-horse-1', displayName: 'ops', roles: [] });
  await t.platform.services.identity.setRoles(ops.id, ['operator']);
  operator = await t.client.login('coupon-ops@example.com', 'correct-horse-1');
});
afterAll(() => t.close());

let shoppers = 0;
const shopper = () => t.client.register(`coupon-shopper-${++shoppers}@example.com`);

async function product(m: Client, store: Store, categoryId: string, priceFen: number, stock = 20): Promise<Product> {
  const r = await m.post<Product>(`/api/v1/merchant/stores/${store.id}/products`, { title: `商品${++n}`, categoryId, skus: [{ optionValues: {}, priceFen, stock }] });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body;
}
const sku = (p: Product) => p.skus[0]!.id;
const open = () => ({ startsAt: new Date(Date.now() - 60_000).toISOString(), endsAt: new Date(Date.now() + HOUR).toISOString() });
const amount = (thresholdFen: number, amountOffFen: number) => ({ title: `满${thresholdFen / 100}减${amountOffFen / 100}`, kind: 'amount', thresholdFen, amountOffFen, ...open(), totalQuantity: 100, perUserLimit: 3 });

async function storeCoupon(m: Client, store: Store, body: Record<string, unknown>): Promise<Coupon> {
  const r = await m.post<Coupon>(`/api/v1/merchant/stores/${store.id}/coupons`, body);
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body;
}
async function platformCoupon(body: Record<string, unknown>): Promise<Coupon> {
  const r = await operator.post<Coupon>('/api/v1/ops/coupons', body);
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body;
}
async function claim(c: Client, coupon: Coupon): Promise<string> {
  const r = await c.post<UserCoupon>(`/api/v1/coupons/${coupon.id}/claim`);
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.id;
}
const wallet = async (c: Client, status?: string) => (await c.get<{ items: UserCoupon[]; total: number }>(`/api/v1/me/coupons${status ? `?status=${status}` : ''}`)).body;
const walletEntry = async (c: Client, id: string) => (await wallet(c)).items.find((u) => u.id === id)!;
const checkout = (c: Client, body: Record<string, unknown>) => c.post<CheckoutResult>('/api/v1/checkout', body, { 'idempotency-key': key() });
const orderMoney = async (orderId: string) =>
  (await t.platform.db.query<Record<string, number>>('SELECT goods_fen, discount_fen, store_discount_fen, platform_discount_fen, fee_fen, shipping_fen, pay_fen FROM orders WHERE id = $1', [orderId]))[0]!;
const lineMoney = async (orderId: string) =>
  t.platform.db.query<{ category_id: string; line_fen: number; store_discount_fen: number; platform_discount_fen: number; fee_bps: number; fee_fen: number }>(
    'SELECT category_id, line_fen, store_discount_fen, platform_discount_fen, fee_bps, fee_fen FROM order_lines WHERE order_id = $1 ORDER BY line_no',
    [orderId],
  );

describe('claiming', () => {
  it('claims up to the per-shopper limit; at the limit the latest copy comes back and nothing changes', async () => {
    const c = await storeCoupon(merchantA, storeA, { ...amount(0, 300), perUserLimit: 2, totalQuantity: 10 });
    const me = await shopper();
    const first = await me.post<UserCoupon>(`/api/v1/coupons/${c.id}/claim`);
    const second = await me.post<UserCoupon>(`/api/v1/coupons/${c.id}/claim`);
    const third = await me.post<UserCoupon>(`/api/v1/coupons/${c.id}/claim`);
    expect([first.status, second.status, third.status]).toEqual([201, 201, 200]);
    expect(first.body.id).not.toBe(second.body.id);
    expect(third.body.id).toBe(second.body.id);
    expect(second.body).toMatchObject({ couponId: c.id, status: 'claimed', usedAt: null, orderIds: [], coupon: { id: c.id, funder: 'store', scope: 'store' } });
    expect((await wallet(me, 'claimed')).items.filter((u) => u.couponId === c.id)).toHaveLength(2);
    const listed = (await merchantA.get<{ items: Coupon[] }>(`/api/v1/merchant/stores/${storeA.id}/coupons`)).body.items.find((x) => x.id === c.id)!;
    expect([listed.claimedQuantity, listed.remaining]).toEqual([2, 8]);
  });

  it('never issues more copies than the quantity: 20 concurrent claims on 5 copies', async () => {
    const c = await storeCoupon(merchantA, storeA, { ...amount(0, 100), perUserLimit: 1, totalQuantity: 5 });
    const crowd = await Promise.all(Array.from({ length: 20 }, (_, i) => t.client.register(`coupon-rush-${i}@example.com`)));
    const results = await Promise.all(crowd.map((s) => s.post<UserCoupon>(`/api/v1/coupons/${c.id}/claim`)));
    expect(results.filter((r) => r.status === 201)).toHaveLength(5);
    expect(results.filter((r) => r.status !== 201).map((r) => [r.status, r.problem.code])).toEqual(Array.from({ length: 15 }, () => [409, 'invalid_state']));
    const [row] = await t.platform.db.query<{ claimed: number; copies: number }>('SELECT claimed, (SELECT count(*)::int FROM user_coupons WHERE coupon_id = $1) AS copies FROM coupons WHERE id = $1', [c.id]);
    expect(row).toEqual({ claimed: 5, copies: 5 });
  });

  it('lists only what can be claimed now; an ended coupon cannot be claimed, but claimed copies stay usable', async () => {
    const live = await storeCoupon(merchantA, storeA, amount(0, 200));
    const later = await storeCoupon(merchantA, storeA, { ...amount(0, 200), startsAt: new Date(Date.now() + HOUR).toISOString(), endsAt: new Date(Date.now() + 2 * HOUR).toISOString() });
    const room = await storeCoupon(merchantA, storeA, { ...amount(0, 200), scope: 'live_room', liveRoomId: 'room_list' });
    const ids = async () => (await t.client.get<{ items: Coupon[] }>(`/api/v1/stores/${storeA.id}/coupons?limit=100`)).body.items.map((x) => x.id);
    expect(await ids()).toContain(live.id);
    expect(await ids()).not.toContain(later.id);
    expect(await ids()).not.toContain(room.id); // live-room coupons are handed out in the room
    const me = await shopper();
    const copy = await claim(me, live);
    const ended = await merchantA.post<Coupon>(`/api/v1/merchant/stores/${storeA.id}/coupons/${live.id}/end`);
    expect([ended.status, ended.body.status]).toEqual([200, 'ended']);
    expect(await ids()).not.toContain(live.id);
    const late = await (await shopper()).post(`/api/v1/coupons/${live.id}/claim`);
    expect([late.status, late.problem.code]).toEqual([409, 'invalid_state']);
    const p = await product(merchantA, storeA, CAT.plain, 1000);
    const r = await checkout(me, { items: [{ skuId: sku(p), quantity: 1 }], couponIds: [copy] });
    expect([r.status, r.body.orders[0]!.discountFen, r.body.totalFen]).toEqual([201, 200, 800]);
  });
});

describe('checkout with coupons', () => {
  const pay = (c: Client, r: CheckoutResult) => c.post(`/api/v1/sandbox-psp/payments/${r.payment!.payUrl.split('/pay/')[1]}/confirm`, { outcome: 'succeed' });

  it('stacks a store and a platform coupon, fixes every figure per order and line, and books them at payment', async () => {
    const snack = await product(merchantA, storeA, CAT.ownRate, 6000); // 8%
    const drink = await product(merchantA, storeA, CAT.inherits, 4000); // parent's 3%
    const lamp = await product(merchantB, storeB, CAT.plain, 5000); // default 5%
    const storeOff = await storeCoupon(merchantA, storeA, amount(8000, 1000)); // 满80减10
    const platformOff = await platformCoupon(amount(12000, 1500)); // 满120减15, any store
    const me = await shopper();
    const [ucStore, ucPlatform] = [await claim(me, storeOff), await claim(me, platformOff)];
    const items = [
      { skuId: sku(snack), quantity: 1 },
      { skuId: sku(drink), quantity: 1 },
      { skuId: sku(lamp), quantity: 1 },
    ];

    // The quote pre-selects both, and says what each takes off.
    const quote = await me.post<Quote>('/api/v1/checkout/quote', { items });
    expect(quote.status).toBe(200);
    expect([...quote.body.selectedCouponIds].sort()).toEqual([ucStore, ucPlatform].sort());
    expect([quote.body.goodsFen, quote.body.discountFen, quote.body.totalFen]).toEqual([15000, 2500, 12500]);

    const r = await checkout(me, { items, couponIds: [ucStore, ucPlatform], expectedTotalFen: 12500 });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.totalFen).toBe(12500);
    const a = r.body.orders.find((o) => o.storeId === storeA.id)!;
    const b = r.body.orders.find((o) => o.storeId === storeB.id)!;
    // Store coupon first: A 10000 → 9000. The platform coupon's ¥15 over A 9000 : B 5000 =
    // 964.28… → 964 (+1 as the larger) and 535.71… → 535.
    expect(await orderMoney(a.id)).toEqual({ goods_fen: 10000, discount_fen: 1965, store_discount_fen: 1000, platform_discount_fen: 965, fee_fen: 432 + 108, shipping_fen: 0, pay_fen: 8035 });
    expect(await orderMoney(b.id)).toEqual({ goods_fen: 5000, discount_fen: 535, store_discount_fen: 0, platform_discount_fen: 535, fee_fen: 250, shipping_fen: 0, pay_fen: 4465 });
    // Lines: the fee is on line − store discount, at the category's rate, else the parent's.
    expect(await lineMoney(a.id)).toEqual([
      { category_id: CAT.ownRate, line_fen: 6000, store_discount_fen: 600, platform_discount_fen: 579, fee_bps: 800, fee_fen: 432 },
      { category_id: CAT.inherits, line_fen: 4000, store_discount_fen: 400, platform_discount_fen: 386, fee_bps: 300, fee_fen: 108 },
    ]);
    expect(await lineMoney(b.id)).toEqual([{ category_id: CAT.plain, line_fen: 5000, store_discount_fen: 0, platform_discount_fen: 535, fee_bps: 500, fee_fen: 250 }]);
    expect(a).toMatchObject({ goodsFen: 10000, discountFen: 1965, payFen: 8035 });

    const spent = await walletEntry(me, ucPlatform);
    expect(spent).toMatchObject({ status: 'used', checkoutId: r.body.checkoutId });
    expect(spent.orderIds).toEqual([a.id, b.id].sort());
    expect((await walletEntry(me, ucStore)).orderIds).toEqual([a.id]);

    expect((await pay(me, r.body)).status).toBe(200);
    await expect.poll(async () => (await t.platform.services.ledger.entriesFor('checkout', r.body.checkoutId)).length, { timeout: 20_000 }).toBe(1);
    const [entry] = await t.platform.services.ledger.entriesFor('checkout', r.body.checkoutId);
    const lines = entry!.lines.map((l) => [l.account, l.amountFen] as const).sort(([x, m], [y, k]) => x.localeCompare(y) || m - k);
    expect(lines).toEqual(
      [
        [`merchant:${storeA.id}:payable`, -(10000 - 1000 - 540)],
        [`merchant:${storeB.id}:payable`, -(5000 - 250)],
        ['platform:coupon_expense', 535],
        ['platform:coupon_expense', 965],
        ['platform:fee_revenue', -540],
        ['platform:fee_revenue', -250],
        ['psp:sandbox:clearing', 12500],
      ].sort(([x, m], [y, k]) => String(x).localeCompare(String(y)) || Number(m) - Number(k)),
    );
    expect(entry!.lines.reduce((s, l) => s + l.amountFen, 0)).toBe(0);
  });

  it("refuses another store's coupon with a 400 naming it, and changes nothing", async () => {
    const p = await product(merchantA, storeA, CAT.plain, 3000);
    const me = await shopper();
    const theirs = await claim(me, await storeCoupon(merchantB, storeB, amount(0, 500)));
    await t.platform.bus.drain();
    const before = await dbFingerprint(t.platform);
    const r = await checkout(me, { items: [{ skuId: sku(p), quantity: 1 }], couponIds: [theirs] });
    expect([r.status, r.problem.code, r.problem.field]).toEqual([400, 'validation_failed', 'couponIds.0']);
    expect(await dbFingerprint(t.platform)).toEqual(before);
    expect((await walletEntry(me, theirs)).status).toBe('claimed');
  });

  it("treats someone else's coupon as not found, and a used or expired one as a 409", async () => {
    const p = await product(merchantA, storeA, CAT.plain, 3000);
    const c = await storeCoupon(merchantA, storeA, amount(0, 500));
    const [me, stranger] = [await shopper(), await shopper()];
    const mine = await claim(me, c);
    const theirs = await claim(stranger, c);
    const item = [{ skuId: sku(p), quantity: 1 }];
    const r404 = await checkout(me, { items: item, couponIds: [theirs] });
    expect([r404.status, r404.problem.code, r404.problem.field]).toEqual([404, 'not_found', 'couponIds.0']);
    expect((await checkout(me, { items: item, couponIds: [mine] })).status).toBe(201);
    const used = await checkout(me, { items: item, couponIds: [mine] });
    expect([used.status, used.problem.code, used.problem.field]).toEqual([409, 'invalid_state', 'couponIds.0']);
    await t.platform.db.query(`UPDATE coupons SET starts_at = now() - interval '2 hours', ends_at = now() - interval '1 hour' WHERE id = $1`, [c.id]);
    const expired = await checkout(stranger, { items: item, couponIds: [theirs] });
    expect([expired.status, expired.problem.code, expired.problem.field]).toEqual([409, 'invalid_state', 'couponIds.0']);
    expect((await walletEntry(stranger, theirs)).status).toBe('expired');
  });

  it('lets only one of three concurrent checkouts spend a copy; the others roll back whole', async () => {
    const p = await product(merchantA, storeA, CAT.plain, 3000, 10);
    const me = await shopper();
    const uc = await claim(me, await storeCoupon(merchantA, storeA, amount(0, 500)));
    const results = await Promise.all([1, 2, 3].map(() => checkout(me, { items: [{ skuId: sku(p), quantity: 2 }], couponIds: [uc] })));
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    expect(results.filter((r) => r.status === 409).every((r) => r.problem.field === 'couponIds.0')).toBe(true);
    expect((await t.client.get<Product>(`/api/v1/products/${p.id}`)).body.skus[0]!.stock).toBe(8);
    const [{ n } = { n: 0 }] = await t.platform.db.query<{ n: number }>('SELECT count(*)::int AS n FROM coupon_redemptions WHERE user_coupon_id = $1', [uc]);
    expect(n).toBe(1);
  });

  it('takes a live-room coupon only when the checkout comes from that live room', async () => {
    const p = await product(merchantA, storeA, CAT.plain, 3000);
    const me = await shopper();
    const uc = await claim(me, await storeCoupon(merchantA, storeA, { ...amount(0, 700), scope: 'live_room', liveRoomId: 'room_42' }));
    const item = [{ skuId: sku(p), quantity: 1 }];
    for (const source of [undefined, { type: 'feed_video', id: 'room_42' }, { type: 'live_room', id: 'room_7' }]) {
      const r = await checkout(me, { items: item, couponIds: [uc], ...(source ? { source } : {}) });
      expect([r.status, r.problem.field], JSON.stringify(source)).toEqual([400, 'couponIds.0']);
    }
    const ok = await checkout(me, { items: item, couponIds: [uc], source: { type: 'live_room', id: 'room_42' } });
    expect([ok.status, ok.body.totalFen]).toEqual([201, 2300]);
  });

  it('gives coupons back when unpaid orders are cancelled: a platform coupon only once all its orders are', async () => {
    const pa = await product(merchantA, storeA, CAT.plain, 4000);
    const pb = await product(merchantB, storeB, CAT.plain, 4000);
    const me = await shopper();
    const ucStore = await claim(me, await storeCoupon(merchantA, storeA, amount(0, 500)));
    const ucPlatform = await claim(me, await platformCoupon(amount(5000, 800)));
    const r = await checkout(me, { items: [{ skuId: sku(pa), quantity: 1 }, { skuId: sku(pb), quantity: 1 }], couponIds: [ucStore, ucPlatform] });
    expect(r.status).toBe(201);
    const a = r.body.orders.find((o) => o.storeId === storeA.id)!;
    const b = r.body.orders.find((o) => o.storeId === storeB.id)!;

    expect((await me.post(`/api/v1/orders/${a.id}/cancel`, {})).status).toBe(200);
    await t.platform.bus.drain();
    expect((await walletEntry(me, ucStore)).status).toBe('claimed'); // its only order is cancelled
    expect((await walletEntry(me, ucPlatform)).status).toBe('used'); // order B still carries it

    // B's payment deadline passes: the durable job cancels it, and the platform coupon comes back.
    await t.platform.db.query(`UPDATE orders SET pay_deadline = now() - interval '1 second' WHERE id = $1`, [b.id]);
    await t.platform.db.query(`UPDATE jobs SET run_at = now() WHERE dedupe_key = $1`, [`commerce.expire_checkout:${r.body.checkoutId}`]);
    await t.platform.jobs.drain();
    await t.platform.bus.drain();
    expect(await walletEntry(me, ucPlatform)).toMatchObject({ status: 'claimed', checkoutId: null, orderIds: [] });

    // Both are usable again.
    const again = await checkout(me, { items: [{ skuId: sku(pa), quantity: 1 }, { skuId: sku(pb), quantity: 1 }], couponIds: [ucStore, ucPlatform] });
    expect([again.status, again.body.totalFen]).toEqual([201, r.body.totalFen]);
  });

  it('returns a coupon whose window closed while it was spent as expired', async () => {
    const p = await product(merchantA, storeA, CAT.plain, 3000);
    const me = await shopper();
    const c = await storeCoupon(merchantA, storeA, amount(0, 300));
    const uc = await claim(me, c);
    const r = await checkout(me, { items: [{ skuId: sku(p), quantity: 1 }], couponIds: [uc] });
    await t.platform.db.query(`UPDATE coupons SET ends_at = now() - interval '1 second' WHERE id = $1`, [c.id]);
    expect((await me.post(`/api/v1/orders/${r.body.orders[0]!.id}/cancel`, {})).status).toBe(200);
    await t.platform.bus.drain();
    expect((await walletEntry(me, uc)).status).toBe('expired');
  });

  it('quotes without writing, picks the best combination, and explains the coupons that do not fit', async () => {
    const p = await product(merchantA, storeA, CAT.plain, 10000);
    const me = await shopper();
    const small = await claim(me, await storeCoupon(merchantA, storeA, amount(0, 500)));
    const big = await claim(me, await storeCoupon(merchantA, storeA, amount(9000, 2000)));
    const far = await claim(me, await storeCoupon(merchantA, storeA, amount(20000, 5000)));
    const elsewhere = await claim(me, await storeCoupon(merchantB, storeB, amount(0, 500)));
    await t.platform.bus.drain();
    const before = await dbFingerprint(t.platform);
    const q = await me.post<Quote>('/api/v1/checkout/quote', { items: [{ skuId: sku(p), quantity: 1 }] });
    expect(await dbFingerprint(t.platform)).toEqual(before);
    expect(q.body.selectedCouponIds).toEqual([big]);
    expect(q.body.stores).toEqual([expect.objectContaining({ storeId: storeA.id, storeDiscountFen: 2000, payFen: 8000, storeCouponId: big })]);
    const byId = new Map(q.body.coupons.map((x) => [x.userCoupon.id, x]));
    expect(byId.get(small)).toMatchObject({ selected: false, applicable: true, discountFen: 500 });
    expect(byId.get(far)).toMatchObject({ selected: false, applicable: false, discountFen: 0 });
    expect(byId.get(far)!.reason).toMatch(/200\.00/);
    expect(byId.has(elsewhere)).toBe(false); // another store's coupon does not concern this basket
    // The shopper's own choice is priced as given.
    const chosen = await me.post<Quote>('/api/v1/checkout/quote', { items: [{ skuId: sku(p), quantity: 1 }], couponIds: [small] });
    expect([chosen.body.totalFen, chosen.body.selectedCouponIds]).toEqual([9500, [small]]);
  });
});
