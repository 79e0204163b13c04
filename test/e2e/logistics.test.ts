// Shipping end to end over HTTP: the store ships a paid order with a carrier code and tracking
// number; the sandbox carrier scans the parcel on its journey (no delays here) and pushes every
// scan twice as a signed webhook; the order is stamped at pick-up, delivered, and completed by
// the automatic confirmation or by the buyer. Forged pushes change nothing; replays are harmless.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Product } from '../../src/modules/catalog/model.ts';
import type { Store } from '../../src/modules/catalog/stores.ts';
import type { CheckoutResult } from '../../src/modules/commerce/checkout.ts';
import type { Order } from '../../src/modules/commerce/orders.ts';
import { SIGNATURE_HEADER, signPayload, type CarrierEvent } from '../../src/modules/logistics/sandbox/wire.ts';
import { Client, dbFingerprint, startTestPlatform, type TestPlatform } from '../support/platform.ts';

const WEBHOOK = '/api/v1/logistics/webhooks/sandbox';
let t: TestPlatform;
let merchantA: Client;
let merchantB: Client;
let shopper: Client;
let stranger: Client;
let skuId: string;
let n = 0;

beforeAll(async () => {
  t = await startTestPlatform({
    SANDBOX_PSP_MAX_DELAY_MS: '0',
    SANDBOX_PSP_DUPLICATE_RATE: '1',
    SANDBOX_CARRIER_PICKUP_SECONDS: '0',
    SANDBOX_CARRIER_TRANSIT_SECONDS: '0',
    SANDBOX_CARRIER_DELIVER_SECONDS: '0',
    SANDBOX_CARRIER_DUPLICATE_RATE: '1',
    SANDBOX_CARRIER_MAX_DELAY_MS: '0',
    ORDER_AUTO_CONFIRM_DAYS: '0',
    JOBS_BACKOFF_MS: '50',
  });
  const root = await t.platform.services.categories.create({ nameZh: '食品', nameEn: 'Food' });
  const categoryId = (await t.platform.services.categories.create({ parentId: root.id, nameZh: '零食', nameEn: 'Snacks' })).id;
  merchantA = await t.client.register('ship-a@example.com', ['merchant']);
  merchantB = await t.client.register('ship-b@example.com', ['merchant']);
  shopper = await t.client.register('ship-buyer@example.com');
  stranger = await t.client.register('ship-stranger@example.com');
  await merchantB.post<Store>('/api/v1/merchant/stores', { name: '别家店铺' });
  const store = (await merchantA.post<Store>('/api/v1/merchant/stores', { name: '小鹿零食铺' })).body;
  const product = await merchantA.post<Product>(`/api/v1/merchant/stores/${store.id}/products`, { title: '手撕牛肉干', categoryId, skus: [{ optionValues: {}, priceFen: 3990, stock: 100 }] });
  expect(product.status).toBe(201);
  skuId = product.body.skus[0]!.id;
});
afterAll(() => t.close());

const count = async (sql: string, params: unknown[] = []) => (await t.platform.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, params))[0]!.n;
const published = (topic: string, key: string, value: string) => count(`outbox WHERE topic = $1 AND payload->>'${key}' = $2`, [topic, value]);
const orderOf = async (id: string) => (await shopper.get<Order>(`/api/v1/orders/${id}`)).body;
const ship = (orderId: string, trackingNo: string, m = merchantA, carrier = 'sf') => m.post<Order>(`/api/v1/merchant/orders/${orderId}/ship`, { carrier, trackingNo });
const trackingNo = () => `SF${Date.now()}${++n}`;

/** A paid order of the shopper: checkout, pay at the sandbox PSP, wait for its webhook. */
async function paidOrder(): Promise<string> {
  const r = await shopper.post<CheckoutResult>('/api/v1/checkout', { items: [{ skuId, quantity: 1 }] }, { 'idempotency-key': `ship-test-${++n}-${Date.now()}` });
  expect(r.status).toBe(201);
  const ref = r.body.payment!.payUrl.split('/pay/')[1]!;
  expect((await shopper.post(`/api/v1/sandbox-psp/payments/${ref}/confirm`, { outcome: 'succeed' })).status).toBe(200);
  const id = r.body.orders[0]!.id;
  await expect.poll(async () => (await orderOf(id)).status, { timeout: 20_000 }).toBe('paid');
  return id;
}

/** Background work off (no scans, pushes or event deliveries behind the test's back), then on again. */
async function quietly<T>(fn: () => Promise<T>): Promise<T> {
  await t.platform.jobs.stop();
  await t.platform.bus.stop();
  try {
    return await fn();
  } finally {
    t.platform.bus.start();
    t.platform.jobs.start();
  }
}

/** A scan pushed as the sandbox carrier would, for a parcel we follow. */
async function scanOf(orderId: string, status: CarrierEvent['data']['status'], at: number, id = `cevt_0000000000test${String(++n).padStart(6, '0')}`): Promise<CarrierEvent> {
  const tracking = (await t.platform.services.logistics.tracking('order', orderId))!;
  const [parcel] = await t.platform.db.query<{ ref: string }>('SELECT ref FROM sandbox_carrier_parcels WHERE tracking_no = $1', [tracking.trackingNo]);
  return { id, type: 'parcel.scanned', created: Math.floor(Date.now() / 1000), data: { parcelRef: parcel!.ref, merchantRef: tracking.shipmentId, carrier: tracking.carrier, trackingNo: tracking.trackingNo, seq: 9, status, description: `测试 ${status}`, location: '杭州市', at } };
}
const push = (raw: string, headers: Record<string, string> = { [SIGNATURE_HEADER]: signPayload(t.platform.config.sandboxCarrier.secret, raw) }) => t.client.post<{ outcome: string }>(WEBHOOK, raw, headers);

describe('carriers', () => {
  it('lists carrier codes with their Chinese and English names', async () => {
    const r = await t.client.get<Array<{ code: string; nameZh: string; nameEn: string }>>('/api/v1/carriers');
    expect(r.status).toBe(200);
    expect(r.body).toContainEqual({ code: 'sf', nameZh: '顺丰速运', nameEn: 'SF Express' });
    expect(r.body.map((c) => c.code)).toEqual(expect.arrayContaining(['zto', 'yto', 'jd', 'ems', 'yunda']));
  });
});

describe('an order on its way', () => {
  it('is picked up, delivered and completed by the automatic confirmation, each scan applied once', async () => {
    const orderId = await paidOrder();
    const no = trackingNo();
    const shipped = await ship(orderId, no);
    expect(shipped.status).toBe(200);
    expect(shipped.body.status).toBe('shipped');
    expect(shipped.body.tracking).toMatchObject({ carrier: 'sf', carrierName: '顺丰速运', trackingNo: no });

    await expect.poll(async () => (await orderOf(orderId)).status, { timeout: 30_000 }).toBe('completed');
    await expect.poll(() => count(`jobs WHERE kind LIKE 'sandbox_carrier.%' AND status <> 'succeeded'`), { timeout: 20_000 }).toBe(0);
    await t.platform.bus.drain();

    const order = await orderOf(orderId);
    expect(order.history.map((h) => [h.to, h.actor])).toEqual([
      ['created', 'buyer'],
      ['paid', 'system'],
      ['shipped', 'merchant'],
      ['delivered', 'carrier'],
      ['completed', 'system'],
    ]);
    const [paidAt, pickedUpAt, deliveredAt, completedAt] = [order.paidAt, order.pickedUpAt, order.deliveredAt, order.completedAt].map((d) => Date.parse(d!));
    expect(pickedUpAt).toBeGreaterThanOrEqual(paidAt!);
    expect(deliveredAt).toBeGreaterThanOrEqual(pickedUpAt!);
    expect(completedAt).toBeGreaterThanOrEqual(deliveredAt!);
    // Five scans, each pushed twice over HTTP, each recorded once; newest first.
    expect(order.tracking!.status).toBe('delivered');
    expect(order.tracking!.events.map((e) => e.status)).toEqual(['delivered', 'in_transit', 'in_transit', 'in_transit', 'picked_up']);
    expect(order.tracking!.events[4]!.description).toMatch(/快件已揽收/);
    expect(order.tracking!.events[0]!.description).toMatch(/已签收/);
    const sent = await t.platform.db.query<{ deliveries: number }>('SELECT e.deliveries FROM sandbox_carrier_events e JOIN sandbox_carrier_parcels p ON p.ref = e.parcel_ref WHERE p.tracking_no = $1', [no]);
    expect(sent.map((s) => s.deliveries)).toEqual([2, 2, 2, 2, 2]);
    expect(await count('logistics_webhook_events WHERE tracking_no = $1', [no])).toBe(5);

    const shipmentId = (await t.platform.services.logistics.tracking('order', orderId))!.shipmentId;
    expect(await published('logistics.shipment.picked_up', 'shipmentId', shipmentId)).toBe(1);
    expect(await published('logistics.shipment.in_transit', 'shipmentId', shipmentId)).toBe(3);
    expect(await published('logistics.shipment.delivered', 'shipmentId', shipmentId)).toBe(1);
    for (const topic of ['commerce.order.picked_up', 'commerce.order.delivered', 'commerce.order.completed']) expect(await published(topic, 'orderId', orderId), topic).toBe(1);
    const [pickup] = await t.platform.db.query<{ payload: { paidAt: string; pickedUpAt: string; payToPickupSeconds: number } }>(`SELECT payload FROM outbox WHERE topic = 'commerce.order.picked_up' AND payload->>'orderId' = $1`, [orderId]);
    expect(pickup!.payload).toMatchObject({ paidAt: order.paidAt, pickedUpAt: order.pickedUpAt });
    expect(pickup!.payload.payToPickupSeconds).toBe(Math.round((pickedUpAt! - paidAt!) / 1000));
  });

  it('lets the buyer confirm receipt while an after-sales hold keeps the automatic confirmation waiting', async () => {
    const held = new Set<string>();
    t.platform.services.fulfilment.addCompletionHold(async (_tx, id) => (held.has(id) ? '售后处理中' : null));
    const orderId = await paidOrder();
    held.add(orderId);
    const early = await shopper.post(`/api/v1/orders/${orderId}/confirm-receipt`);
    expect([early.status, early.problem.code]).toEqual([409, 'invalid_state']);
    await quietly(async () => {
      expect((await ship(orderId, trackingNo())).status).toBe(200);
      // Shipped, not yet delivered: too early to confirm.
      const onTheWay = await shopper.post(`/api/v1/orders/${orderId}/confirm-receipt`);
      expect([onTheWay.status, onTheWay.problem.code, onTheWay.problem.field]).toEqual([409, 'invalid_state', 'status']);
    });

    await expect.poll(async () => (await orderOf(orderId)).status, { timeout: 30_000 }).toBe('delivered');
    const autoJobs = () => t.platform.db.query<{ status: string; result: { held?: string } | null; run_at: Date }>(`SELECT status, result, run_at FROM jobs WHERE kind = 'commerce.auto_complete' AND payload->>'orderId' = $1 ORDER BY created_at`, [orderId]);
    // The first try ran and was held; its retry waits a day (ORDER_AUTO_CONFIRM_RETRY_HOURS).
    await expect.poll(async () => (await autoJobs()).map((j) => j.status), { timeout: 20_000 }).toEqual(['succeeded', 'queued']);
    const [first, retry] = await autoJobs();
    expect([first!.status, first!.result]).toEqual(['succeeded', { completed: false, held: '售后处理中' }]);
    expect(retry!.status).toBe('queued');
    expect(new Date(retry!.run_at).getTime()).toBeGreaterThan(Date.now() + 23 * 3_600_000);
    expect((await orderOf(orderId)).status).toBe('delivered');

    for (const who of [stranger, merchantA]) {
      const r = await who.post(`/api/v1/orders/${orderId}/confirm-receipt`);
      expect([r.status, r.problem.code, r.problem.field]).toEqual([404, 'not_found', 'orderId']);
    }
    const done = await shopper.post<Order>(`/api/v1/orders/${orderId}/confirm-receipt`);
    expect(done.status).toBe(200);
    expect(done.body.status).toBe('completed');
    expect(done.body.completedAt).not.toBeNull();
    expect(done.body.history.at(-1)).toMatchObject({ from: 'delivered', to: 'completed', actor: 'buyer' });
    const twice = await shopper.post(`/api/v1/orders/${orderId}/confirm-receipt`);
    expect([twice.status, twice.problem.code]).toEqual([409, 'invalid_state']);
    await t.platform.bus.drain();
    const [completed] = await t.platform.db.query<{ payload: { by: string } }>(`SELECT payload FROM outbox WHERE topic = 'commerce.order.completed' AND payload->>'orderId' = $1`, [orderId]);
    expect(completed!.payload.by).toBe('buyer');
    expect(await published('commerce.order.completed', 'orderId', orderId)).toBe(1);
    // The held job's later try finds the order completed and leaves it be.
    expect(await t.platform.services.fulfilment.autoComplete(orderId, 1)).toEqual({ completed: false, skipped: 'completed' });
  });
});

describe('illegal moves around shipping', () => {
  it('ships a paid order once, by its own store, with a carrier code and a tracking number of its own', async () => {
    const orderId = await paidOrder();
    const other = await paidOrder();
    await quietly(async () => {
      const before = await dbFingerprint(t.platform);
      const cases: Array<[Client, Record<string, string>, number, string, string | undefined]> = [
        [merchantB, { carrier: 'sf', trackingNo: 'SF5550000001' }, 403, 'forbidden', undefined],
        [merchantA, { carrier: '顺丰速运', trackingNo: 'SF5550000001' }, 400, 'validation_failed', 'carrier'],
        [merchantA, { carrier: 'pigeon', trackingNo: 'SF5550000001' }, 400, 'validation_failed', 'carrier'],
        [shopper, { carrier: 'sf', trackingNo: 'SF5550000001' }, 403, 'forbidden', undefined],
      ];
      for (const [who, body, status, code, field] of cases) {
        const r = await who.post(`/api/v1/merchant/orders/${orderId}/ship`, body);
        expect([r.status, r.problem.code, r.problem.field], JSON.stringify(body)).toEqual([status, code, field]);
      }
      expect(await dbFingerprint(t.platform)).toEqual(before);

      const no = trackingNo();
      expect((await ship(orderId, no, merchantA, 'zto')).status).toBe(200);
      const again = await ship(orderId, trackingNo());
      expect([again.status, again.problem.code]).toEqual([409, 'invalid_state']);
      // Another order cannot borrow this parcel (and its pick-up time).
      const borrowed = await ship(other, no, merchantA, 'zto');
      expect([borrowed.status, borrowed.problem.code, borrowed.problem.field]).toEqual([409, 'conflict', 'trackingNo']);
      expect((await orderOf(other)).status).toBe('paid');
      expect((await orderOf(orderId)).tracking).toMatchObject({ carrier: 'zto', carrierName: '中通快递', trackingNo: no, status: 'pending', events: [] });
    });
  });
});

describe('tracking pushes', () => {
  it('refuses forged, tampered and expired pushes with 401 and changes nothing', async () => {
    const orderId = await paidOrder();
    await quietly(async () => {
      expect((await ship(orderId, trackingNo())).status).toBe(200);
      const raw = JSON.stringify(await scanOf(orderId, 'delivered', Date.now()));
      const secret = t.platform.config.sandboxCarrier.secret;
      await t.platform.bus.drain();
      const before = await dbFingerprint(t.platform);
      const attempts: Array<Record<string, string>> = [
        {},
        { [SIGNATURE_HEADER]: signPayload('a-guessed-secret', raw) },
        { [SIGNATURE_HEADER]: signPayload(secret, raw.replace('delivered', 'in_transit')) },
        { [SIGNATURE_HEADER]: signPayload(secret, raw, Math.floor(Date.now() / 1000) - 600) },
        { 'x-sandbox-signature': signPayload(secret, raw) },
      ];
      for (const headers of attempts) {
        const r = await push(raw, headers);
        expect([r.status, r.problem.code, r.problem.field]).toEqual([401, 'unauthenticated', SIGNATURE_HEADER]);
      }
      await t.platform.bus.drain();
      expect(await dbFingerprint(t.platform)).toEqual(before);
      expect((await orderOf(orderId)).status).toBe('shipped');
    });
  });

  it('applies a replayed push once, keeps the status forward when scans arrive out of order, and still stamps a late pick-up', async () => {
    const orderId = await paidOrder();
    await quietly(async () => {
      expect((await ship(orderId, trackingNo())).status).toBe(200);
      const t0 = Date.now();
      const delivered = JSON.stringify(await scanOf(orderId, 'delivered', t0 - 1000));
      expect((await push(delivered)).body.outcome).toBe('applied');
      await t.platform.bus.drain();
      expect((await orderOf(orderId)).status).toBe('delivered');

      // The same event again (a fresh signature, as a retrying sender would make): no second effect.
      const before = await dbFingerprint(t.platform);
      const replay = await push(delivered);
      expect([replay.status, replay.body.outcome]).toEqual([200, 'duplicate']);
      await t.platform.bus.drain();
      expect(await dbFingerprint(t.platform)).toEqual(before);

      // Older scans arrive late: kept in the history, the status stays delivered.
      expect((await push(JSON.stringify(await scanOf(orderId, 'in_transit', t0 - 5000)))).body.outcome).toBe('applied');
      const pickup = await scanOf(orderId, 'picked_up', t0 - 9000);
      expect((await push(JSON.stringify(pickup))).body.outcome).toBe('applied');
      await t.platform.bus.drain();
      const order = await orderOf(orderId);
      expect(order.status).toBe('delivered');
      expect(order.tracking!.status).toBe('delivered');
      expect(order.tracking!.events.map((e) => e.status)).toEqual(['delivered', 'in_transit', 'picked_up']);
      expect(order.pickedUpAt).toBe(new Date(t0 - 9000).toISOString());
      expect(order.deliveredAt).toBe(new Date(t0 - 1000).toISOString());
      const shipmentId = (await t.platform.services.logistics.tracking('order', orderId))!.shipmentId;
      expect(await published('logistics.shipment.in_transit', 'shipmentId', shipmentId)).toBe(0);
      expect(await published('logistics.shipment.picked_up', 'shipmentId', shipmentId)).toBe(1);
      expect(await published('commerce.order.picked_up', 'orderId', orderId)).toBe(1);
      expect(await published('commerce.order.delivered', 'orderId', orderId)).toBe(1);

      // A second pick-up scan is history only: the order keeps its first pick-up time.
      expect((await push(JSON.stringify(await scanOf(orderId, 'picked_up', t0 - 8000)))).body.outcome).toBe('applied');
      await t.platform.bus.drain();
      expect((await orderOf(orderId)).pickedUpAt).toBe(new Date(t0 - 9000).toISOString());
      expect(await published('commerce.order.picked_up', 'orderId', orderId)).toBe(1);
    });
  });

  it('acknowledges a push for a parcel nobody follows, and leaves parcels of other kinds to their owners', async () => {
    await quietly(async () => {
      const stray: CarrierEvent = { id: 'cevt_0000000000stray00000', type: 'parcel.scanned', created: Math.floor(Date.now() / 1000), data: { parcelRef: 'pcl_0000000000stray00000', merchantRef: 'shp_0000000000stray00000', carrier: 'sf', trackingNo: 'SF0000000000404', seq: 1, status: 'delivered', description: '已签收', location: null, at: Date.now() } };
      const r = await push(JSON.stringify(stray));
      expect([r.status, r.body.outcome]).toEqual([200, 'ignored']);

      // A buyer's return parcel (after-sales tracks these): logistics follows it, commerce ignores it.
      const returnNo = trackingNo();
      const tracked = await t.platform.db.tx((tx) => t.platform.services.logistics.track(tx, { carrier: 'yto', trackingNo: returnNo, refType: 'return', refId: 'ret_0000000000test00000' }));
      expect(tracked).toMatchObject({ refType: 'return', carrier: 'yto', carrierName: '圆通速递', status: 'pending' });
      const [parcel] = await t.platform.db.query<{ ref: string }>('SELECT ref FROM sandbox_carrier_parcels WHERE tracking_no = $1', [returnNo]);
      const scan: CarrierEvent = { ...stray, id: 'cevt_0000000000return0000', data: { ...stray.data, parcelRef: parcel!.ref, merchantRef: tracked.shipmentId, carrier: 'yto', trackingNo: returnNo } };
      expect((await push(JSON.stringify(scan))).body.outcome).toBe('applied');
      await t.platform.bus.drain();
      expect((await t.platform.services.logistics.tracking('return', 'ret_0000000000test00000'))!.status).toBe('delivered');
      const [event] = await t.platform.db.query<{ status: string }>(`SELECT status FROM outbox WHERE topic = 'logistics.shipment.delivered' AND payload->>'shipmentId' = $1`, [tracked.shipmentId]);
      expect(event!.status).toBe('delivered'); // handled by every consumer, none failed
      expect(await published('commerce.order.delivered', 'orderId', 'ret_0000000000test00000')).toBe(0);
    });
  });
});
