// Alliance money over HTTP: a shopper buys goods a creator carries in a video or a live room; the
// order line is credited to the creator under the best plan; the commission accrues at payment,
// shrinks pro rata with a partial refund, is reversed by a full one, settles once the return window
// after delivery has closed (on a clock the test moves), once only; a creator buying their own
// goods, or a parcel going where the creator's go, is withheld. The ledger balances throughout.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Commission, Earnings } from '../../src/modules/alliance/earnings-schemas.ts';
import type { Product } from '../../src/modules/catalog/model.ts';
import type { Store } from '../../src/modules/catalog/stores.ts';
import type { CheckoutResult } from '../../src/modules/commerce/checkout.ts';
import type { Order } from '../../src/modules/commerce/orders.ts';
import { Client, dbFingerprint, startTestPlatform, type TestPlatform, quiesce as quiesceAll, INSTANT_SANDBOXES } from '../support/platform.ts';

const DAY = 86_400_000;
let offsetMs = 0;

let t: TestPlatform;
let merchant: Client;
let creator: Client;
let sharer: Client;
let shopper: Client;
let operator: Client;
let creatorId: string;
let store: Store;
let tea: Product; // ¥100, open plan 20%
let cups: Product; // ¥50, open plan 10%, and a targeted plan of 30% + ¥2 flat fee for the creator
let videoId: string;
let roomId: string;
let n = 0;

beforeAll(async () => {
  t = await startTestPlatform(
    {
      ...INSTANT_SANDBOXES,
      ALLIANCE_SETTLE_DAYS: '7',
      ALLIANCE_ATTRIBUTION_HOURS: '72',
      ALLIANCE_SERVICE_FEE_BPS: '1000',
      SANDBOX_PAYOUT_DELAY_MS: '0',
      SANDBOX_PAYOUT_MAX_DELAY_MS: '0',
    },
    { clock: () => new Date(Date.now() + offsetMs) },
  );
  const categoryId = (await t.platform.services.categories.create({ nameZh: '茶', nameEn: 'Tea' })).id;
  merchant = await t.client.register('ac-merchant@example.com', ['merchant']);
  creator = await t.client.register('ac-creator@example.com', ['creator']);
  sharer = await t.client.register('ac-sharer@example.com', ['creator']);
  shopper = await t.client.register('ac-shopper@example.com');
  const op = await t.platform.services.identity.register({ email: 'ac-ops@example.com', password: 'correct-horse-1', displayName: 'ops', roles: [] });
  await t.platform.services.identity.setRoles(op.id, ['operator']);
  operator = await t.client.login('ac-ops@example.com', 'correct-horse-1');
  creatorId = (await creator.get<{ id: string }>('/api/v1/me')).body.id;
  // The creator ships to their own address, not the shoppers' shared test address.
  expect((await creator.post('/api/v1/me/addresses', { recipient: '李达人', phone: '13900001111', province: '上海市', city: '上海市', district: '徐汇区', detail: '漕溪北路 8 号', isDefault: true })).status).toBe(201);
  store = (await merchant.post<Store>('/api/v1/merchant/stores', { name: '联盟结算测试店' })).body;
  const product = async (title: string, priceFen: number) => (await merchant.post<Product>(`/api/v1/merchant/stores/${store.id}/products`, { title, categoryId, skus: [{ optionValues: {}, priceFen, stock: 500 }] })).body;
  tea = await product('明前龙井', 10_000);
  cups = await product('青瓷茶杯', 5_000);
  const plans = `/api/v1/merchant/stores/${store.id}/alliance/plans`;
  expect((await merchant.post(plans, { productId: tea.id, kind: 'open', rateBps: 2000 })).status).toBe(201);
  expect((await merchant.post(plans, { productId: cups.id, kind: 'open', rateBps: 1000 })).status).toBe(201);
  expect((await merchant.post(plans, { productId: cups.id, kind: 'targeted', creatorId, rateBps: 3000, flatFeeFen: 200 })).status).toBe(201);
  for (const p of [tea, cups]) expect((await creator.put(`/api/v1/me/showcase/${p.id}`)).status).toBe(200);
  for (const p of [tea]) expect((await sharer.put(`/api/v1/me/showcase/${p.id}`)).status).toBe(200);
  videoId = (await creator.post<{ id: string }>('/api/v1/videos', { title: '今年的明前龙井', productIds: [tea.id, cups.id] })).body.id;
  roomId = (await creator.post<{ id: string }>('/api/v1/live/rooms', { title: '茶器专场', productIds: [tea.id, cups.id] })).body.id;
  expect(videoId && roomId).toBeTruthy();
});
afterAll(() => t.close());

const count = async (sql: string, params: unknown[] = []) => (await t.platform.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, params))[0]!.n;

const quiesce = () => quiesceAll(t);

async function buy(who: Client, body: Record<string, unknown>): Promise<Order> {
  const r = await who.post<CheckoutResult>('/api/v1/checkout', body, { 'idempotency-key': `ac-${++n}-${Date.now()}` });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  const ref = r.body.payment!.payUrl.split('/pay/')[1]!;
  expect((await who.post(`/api/v1/sandbox-psp/payments/${ref}/confirm`, { outcome: 'succeed' })).status).toBe(200);
  await quiesce();
  return (await who.get<Order>(`/api/v1/orders/${r.body.orders[0]!.id}`)).body;
}
const item = (p: Product, quantity = 1) => ({ skuId: p.skus[0]!.id, quantity });

async function deliver(order: Order): Promise<void> {
  expect((await merchant.post(`/api/v1/merchant/orders/${order.id}/ship`, { carrier: 'sf', trackingNo: `SF${Date.now()}${++n}` })).status).toBe(200);
  await expect.poll(async () => (await shopper.get<Order>(`/api/v1/orders/${order.id}`)).body.status, { timeout: 30_000 }).toBe('delivered');
  await quiesce();
}

const commissionsOf = async (c: Client = creator) => (await c.get<{ items: Commission[] }>('/api/v1/me/alliance/commissions?limit=100')).body.items;
const ofOrder = async (orderId: string, c: Client = creator) => (await commissionsOf(c)).filter((x) => x.orderId === orderId);
const earnings = async (c: Client = creator) => (await c.get<Earnings>('/api/v1/me/alliance/earnings')).body;
const balance = async (account: string) => (await t.platform.services.ledger.balance(account)).balanceFen;
/** What a liability account owes (its credit balance), as a positive number. */
const owed = async (account: string) => 0 - (await balance(account)) || 0;

/** The ledger agrees with the rows: each creator's pending account holds exactly what their pending rows accrued. */
async function ledgerMatchesRows(): Promise<void> {
  const rows = await t.platform.db.query<{ creator_id: string; accrued: string; settled: string }>(
    `SELECT creator_id, sum(accrued_fen) FILTER (WHERE status = 'pending')::text AS accrued, sum(accrued_fen - service_fee_fen) FILTER (WHERE status = 'settled')::text AS settled
       FROM alliance_commissions GROUP BY creator_id`,
  );
  for (const r of rows) {
    const [w] = await t.platform.db.query<{ out: string }>(`SELECT coalesce(sum(amount_fen), 0)::text AS out FROM alliance_withdrawals WHERE creator_id = $1 AND status <> 'failed'`, [r.creator_id]);
    expect(await owed(`creator:${r.creator_id}:pending`)).toBe(Number(r.accrued ?? 0));
    expect(await owed(`creator:${r.creator_id}:payable`)).toBe(Number(r.settled ?? 0) - Number(w!.out));
  }
  expect((await t.platform.services.ledger.trialBalance()).every((c) => c.netFen === 0)).toBe(true);
}

describe('attribution', () => {
  it('credits a purchase from the creator’s video under the best plan, accrues it at payment', async () => {
    const payableBefore = await balance(`merchant:${store.id}:payable`);
    const order = await buy(shopper, { items: [item(tea), item(cups, 2)], source: { type: 'feed_video', id: videoId } });
    const lines = (await ofOrder(order.id)).sort((a, b) => a.title.localeCompare(b.title));
    const byProduct = new Map(lines.map((l) => [l.productId, l]));
    // Tea: the open plan's 20%. Cups: the targeted 30% beats the open 10%, plus its flat fee.
    expect(byProduct.get(tea.id)).toMatchObject({ contentType: 'feed_video', contentId: videoId, rateBps: 2000, paidFen: 10_000, commissionFen: 2_000, status: 'pending', flag: null });
    expect(byProduct.get(cups.id)).toMatchObject({ rateBps: 3000, flatFeeFen: 200, paidFen: 10_000, commissionFen: 3_200, status: 'pending' });
    expect((await earnings()).pendingFen).toBeGreaterThanOrEqual(5_200);
    // The commission comes out of what the store is owed.
    const fee = Number((await t.platform.db.query<{ fee: string }>('SELECT fee_fen::text AS fee FROM orders WHERE id = $1', [order.id]))[0]!.fee);
    expect((await balance(`merchant:${store.id}:payable`)) - payableBefore).toBe(-(20_000 - fee) + 5_200);
    const line = (await t.platform.db.query<{ source_type: string; source_id: string }>('SELECT source_type, source_id FROM order_lines WHERE order_id = $1 AND line_no = 1', [order.id]))[0]!;
    expect(line).toEqual({ source_type: 'feed_video', source_id: videoId });
    await ledgerMatchesRows();
  });

  it('credits a purchase from a live room through the cart: the line keeps the room it was added from', async () => {
    expect((await shopper.put(`/api/v1/cart/items/${tea.skus[0]!.id}`, { quantity: 1, source: { type: 'live_room', id: roomId } })).status).toBe(200);
    expect((await shopper.put(`/api/v1/cart/items/${cups.skus[0]!.id}`, { quantity: 1, source: { type: 'search' } })).status).toBe(200);
    const order = await buy(shopper, {});
    const lines = await ofOrder(order.id);
    // Only the tea was found in the room; the cups came from search and earn nobody anything.
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ productId: tea.id, contentType: 'live_room', contentId: roomId, commissionFen: 2_000, status: 'pending' });
    expect((await earnings()).byContent.find((c) => c.contentType === 'live_room' && c.contentId === roomId)).toMatchObject({ orders: 1, commissionFen: 2_000 });
  });

  it('credits nobody for search, or for a touch older than the attribution window', async () => {
    const fromSearch = await buy(shopper, { items: [item(tea)], source: { type: 'search' } });
    expect(await ofOrder(fromSearch.id)).toEqual([]);
    expect((await shopper.put(`/api/v1/cart/items/${tea.skus[0]!.id}`, { quantity: 1, source: { type: 'feed_video', id: videoId } })).status).toBe(200);
    offsetMs += 73 * 3_600_000; // past the 72-hour window
    try {
      const late = await buy(shopper, {});
      expect(await ofOrder(late.id)).toEqual([]);
    } finally {
      offsetMs -= 73 * 3_600_000;
    }
  });

  it('withholds a creator buying their own goods, and a parcel going where the creator’s go', async () => {
    const own = await buy(creator, { items: [item(tea)], source: { type: 'feed_video', id: videoId } });
    expect(await ofOrder(own.id)).toEqual([expect.objectContaining({ status: 'withheld', flag: 'self_purchase', commissionFen: 2_000 })]);
    // The second creator has bought something to the shoppers' (shared test) address before.
    await buy(sharer, { items: [item(cups)], source: { type: 'search' } });
    const sharerId = (await sharer.get<{ id: string }>('/api/v1/me')).body.id;
    const pendingBefore = await balance(`creator:${sharerId}:pending`);
    const shared = await buy(shopper, { items: [item(tea)], source: { type: 'showcase', id: sharerId } });
    expect(await ofOrder(shared.id, sharer)).toEqual([expect.objectContaining({ contentType: 'showcase', status: 'withheld', flag: 'shared_address' })]);
    // Withheld money never reaches the creator's accounts.
    expect(await balance(`creator:${sharerId}:pending`)).toBe(pendingBefore);
    expect((await earnings(sharer)).withheldFen).toBe(2_000);

    // A third creator, with their own address, once bought on a phone a shopper later buys on.
    const phoneOwner = await t.client.register('ac-phone@example.com', ['creator']);
    expect((await phoneOwner.post('/api/v1/me/addresses', { recipient: '赵达人', phone: '13700002222', province: '北京市', city: '北京市', district: '朝阳区', detail: '望京街 1 号', isDefault: true })).status).toBe(201);
    expect((await phoneOwner.put(`/api/v1/me/showcase/${tea.id}`)).status).toBe(200);
    const phoneOwnerId = (await phoneOwner.get<{ id: string }>('/api/v1/me')).body.id;
    await buy(phoneOwner, { items: [item(cups)], source: { type: 'search' }, deviceId: 'device-shared-01' });
    const onTheirPhone = await buy(shopper, { items: [item(tea)], source: { type: 'showcase', id: phoneOwnerId }, deviceId: 'device-shared-01' });
    expect(await ofOrder(onTheirPhone.id, phoneOwner)).toEqual([expect.objectContaining({ status: 'withheld', flag: 'shared_device' })]);
    const onOwnPhone = await buy(shopper, { items: [item(tea)], source: { type: 'showcase', id: phoneOwnerId }, deviceId: 'device-shopper-02' });
    expect(await ofOrder(onOwnPhone.id, phoneOwner)).toEqual([expect.objectContaining({ status: 'pending', flag: null })]);
    // Only keyed prints are kept: the device id is in no table.
    expect(await count(`alliance_ship_prints WHERE print LIKE '%device-shared%'`)).toBe(0);
    await ledgerMatchesRows();
  });
});

describe('refunds and settlement', () => {
  it('cuts the commission pro rata on a partial refund, settles it after the window, once', async () => {
    const order = await buy(shopper, { items: [item(tea)], source: { type: 'feed_video', id: videoId } });
    await deliver(order);
    const [c] = await ofOrder(order.id);
    expect(c).toMatchObject({ status: 'pending', commissionFen: 2_000 });
    expect(Date.parse(c!.settleAt!)).toBeGreaterThan(Date.now() + 6 * DAY);

    // ¥25 of ¥100 back: the base is ¥75, the commission ¥15.
    const opened = await shopper.post<{ id: string }>(`/api/v1/orders/${order.id}/after-sales`, { type: 'refund_only', reason: 'quality', amountFen: 2_500 });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    await quiesce();
    // An open case holds settlement even after the window.
    offsetMs += 8 * DAY;
    const held = await operator.post(`/api/v1/ops/alliance/commissions/${c!.id}/settle`);
    expect([held.status, held.problem.code]).toEqual([409, 'invalid_state']);
    expect((await merchant.post(`/api/v1/merchant/after-sales/${opened.body.id}/approve`)).status).toBe(200);
    await quiesce();
    const [cut] = await ofOrder(order.id);
    expect(cut).toMatchObject({ baseFen: 7_500, commissionFen: 1_500, status: 'pending' });
    // The case held the order: its close asks the settlement job again (delivery asked first).
    expect(await count(`jobs WHERE kind = 'alliance.settle_order' AND payload->>'orderId' = $1`, [order.id])).toBe(2);
    await ledgerMatchesRows();

    const availableBefore = (await earnings()).availableFen;
    const swept = await operator.post<{ settled: number }>('/api/v1/ops/alliance/settlements');
    expect(swept.status).toBe(200);
    expect(swept.body.settled).toBeGreaterThanOrEqual(1);
    const [done] = await ofOrder(order.id);
    expect(done).toMatchObject({ status: 'settled', commissionFen: 1_500, serviceFeeFen: 150 });
    expect((await earnings()).availableFen - availableBefore).toBe(1_350);
    // Settling again: refused by id, a no-op by sweep, one ledger entry.
    const before = await dbFingerprint(t.platform);
    const twice = await operator.post(`/api/v1/ops/alliance/commissions/${c!.id}/settle`);
    expect([twice.status, twice.problem.code]).toEqual([409, 'conflict']);
    expect(await dbFingerprint(t.platform)).toEqual(before);
    expect(await t.platform.services.alliance.settlement.settleOrder(order.id)).toBe(0);
    expect(await count(`ledger_entries WHERE kind = 'commission.settled' AND ref_id = $1`, [c!.id])).toBe(1);
    offsetMs -= 8 * DAY;
    await ledgerMatchesRows();
  });

  it('does not settle before the window closes; a full refund before shipping reverses the commission', async () => {
    const early = await buy(shopper, { items: [item(tea)], source: { type: 'feed_video', id: videoId } });
    await deliver(early);
    const [e] = await ofOrder(early.id);
    const notDue = await operator.post(`/api/v1/ops/alliance/commissions/${e!.id}/settle`);
    expect([notDue.status, notDue.problem.code]).toEqual([409, 'invalid_state']);

    const order = await buy(shopper, { items: [item(cups)], source: { type: 'feed_video', id: videoId } });
    const [c] = await ofOrder(order.id);
    expect(c).toMatchObject({ status: 'pending', commissionFen: 1_700 });
    const pendingBefore = await balance(`creator:${creatorId}:pending`);
    const opened = await shopper.post<{ id: string }>(`/api/v1/orders/${order.id}/after-sales`, { type: 'refund_only', reason: 'other' });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    await quiesce();
    const [gone] = await ofOrder(order.id);
    expect(gone).toMatchObject({ status: 'reversed', baseFen: 0, commissionFen: 0 });
    expect((await balance(`creator:${creatorId}:pending`)) - pendingBefore).toBe(1_700);
    await ledgerMatchesRows();
  });
});

describe('withdrawals', () => {
  const withdraw = (amountFen: number, key?: string) => creator.post<{ id: string; status: string; amountFen: number }>('/api/v1/me/alliance/withdrawals', { amountFen }, key ? { 'idempotency-key': key } : {});
  const withdrawal = async (id: string) => (await creator.get<{ items: Array<{ id: string; status: string; failureReason: string | null }> }>('/api/v1/me/alliance/withdrawals')).body.items.find((w) => w.id === id);

  it('refuses more than the settled balance, and a missing key, changing nothing', async () => {
    await quiesce();
    const available = (await earnings()).availableFen;
    expect(available).toBeGreaterThan(0);
    await t.platform.jobs.stop();
    await t.platform.bus.stop();
    try {
      const before = await dbFingerprint(t.platform);
      const above = await withdraw(available + 1, `ac-over-${Date.now()}`);
      expect([above.status, above.problem.code, above.problem.field]).toEqual([400, 'validation_failed', 'amountFen']);
      const keyless = await withdraw(100);
      expect([keyless.status, keyless.problem.field]).toEqual([400, 'headers.idempotency-key']);
      expect(await dbFingerprint(t.platform)).toEqual(before);
    } finally {
      t.platform.bus.start();
      t.platform.jobs.start();
    }
  });

  it('pays out through the sandbox bank once per key; a failed payout puts the money back', async () => {
    const available = (await earnings()).availableFen;
    const key = `ac-wd-${Date.now()}`;
    const first = await withdraw(1_000, key);
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body).toMatchObject({ amountFen: 1_000, status: 'processing' });
    const again = await withdraw(1_000, key);
    expect([again.status, again.body.id]).toEqual([200, first.body.id]);
    expect((await withdraw(900, key)).status).toBe(409);
    await quiesce();
    await expect.poll(async () => (await withdrawal(first.body.id))?.status, { timeout: 30_000 }).toBe('paid');
    expect(await earnings()).toMatchObject({ availableFen: available - 1_000, withdrawnFen: 1_000 });

    // The sandbox bank refuses amounts ending in 13 fen (a frozen account).
    const frozen = await withdraw(113, `ac-wd-frozen-${Date.now()}`);
    expect(frozen.status).toBe(201);
    await quiesce();
    await expect.poll(async () => (await withdrawal(frozen.body.id))?.status, { timeout: 30_000 }).toBe('failed');
    await t.platform.bus.drain();
    expect((await withdrawal(frozen.body.id))?.failureReason).toBe('account_frozen');
    expect(await earnings()).toMatchObject({ availableFen: available - 1_000, withdrawnFen: 1_000 });
    expect(await owed('payout:sandbox:in_transit')).toBe(0);
    await ledgerMatchesRows();
  });
});
