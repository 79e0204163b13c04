// Bad-input table: Logistics (the carrier list, the sandbox carrier's tracking webhook) and the
// buyer's confirmation of receipt; and the fixtures they need (an order shipped and delivered).
import { expect } from 'vitest';
import { SIGNATURE_HEADER, signPayload } from '../../../src/modules/logistics/sandbox/wire.ts';
import { payNow, type Client, type TestPlatform } from '../../support/platform.ts';
import { bodyAt, bodyWithout, type Json, type RouteEntry } from '../../support/route-table.ts';
import { fx, long, type Fixtures } from './kit.ts';

const WEBHOOK = '/api/v1/logistics/webhooks/sandbox';

const scan = (over: { id: string; status: string; description: string }): Json => ({
  id: over.id,
  type: 'parcel.scanned',
  created: Math.floor(Date.now() / 1000),
  data: { parcelRef: 'pcl_0000000000badinput00', merchantRef: fx.parcel.shipmentId, carrier: fx.parcel.carrier, trackingNo: fx.parcel.trackingNo, seq: 3, status: over.status, description: over.description, location: '杭州转运中心', at: Date.now() },
});

/** An order of the shopper in storeA, paid, shipped by the merchant and signed for (a pushed scan). */
export async function logisticsFixtures(t: TestPlatform, shopper: Client, merchant: Client, skuId: string): Promise<Pick<Fixtures, 'deliveredOrder' | 'parcel' | 'carrierSecret'>> {
  const r = await shopper.post<{ checkoutId: string; totalFen: number; orders: Array<{ id: string }>; payment: { payUrl: string } }>('/api/v1/checkout', { items: [{ skuId, quantity: 1 }] }, { 'idempotency-key': 'bi-fixture-deliver' });
  expect(r.status).toBe(201);
  await payNow(t, shopper, r.body.payment.payUrl);
  const orderId = r.body.orders[0]!.id;
  expect((await merchant.post(`/api/v1/merchant/orders/${orderId}/ship`, { carrier: 'sf', trackingNo: 'SF2024000000001' })).status).toBe(200);
  const shipment = (await t.platform.services.logistics.tracking('order', orderId))!;
  const secret = t.platform.config.sandboxCarrier.secret;
  Object.assign(fx, { parcel: { shipmentId: shipment.shipmentId, carrier: 'sf', trackingNo: 'SF2024000000001' } });
  const raw = JSON.stringify(scan({ id: 'cevt_0000000000fixture00', status: 'delivered', description: '【杭州市】已签收' }));
  expect((await t.client.post(WEBHOOK, raw, { [SIGNATURE_HEADER]: signPayload(secret, raw) })).status).toBe(200);
  await t.platform.bus.drain();
  expect((await t.platform.services.orders.get(orderId)).status).toBe('delivered');
  return { deliveredOrder: orderId, parcel: fx.parcel, carrierSecret: secret };
}

const signed = (secret: () => string, t?: number) => (raw: string) => ({ [SIGNATURE_HEADER]: signPayload(secret(), raw, t) });
const ago = (seconds: number) => Math.floor(Date.now() / 1000) - seconds;

export const LOGISTICS_ROUTES: RouteEntry[] = [
  { method: 'GET', url: '/api/v1/carriers', access: 'public', who: 'anon', ok: 200, bad: [] },
  {
    method: 'POST',
    url: WEBHOOK,
    access: 'public',
    who: 'anon',
    body: () => scan({ id: 'cevt_0000000000badinput00', status: 'in_transit', description: '运输中 【杭州转运中心】 已发出' }),
    sign: signed(() => fx.carrierSecret),
    ok: 200,
    bad: [
      { name: 'no signature', kind: 'auth', sign: null, expect: { status: 401, code: 'unauthenticated', field: SIGNATURE_HEADER } },
      { name: 'signed with a guessed secret (forged)', kind: 'auth', sign: signed(() => 'guessed-secret'), expect: { status: 401, code: 'unauthenticated', field: SIGNATURE_HEADER } },
      { name: 'the signature of another body (tampered)', kind: 'auth', sign: (raw) => signed(() => fx.carrierSecret)(raw.replace('in_transit', 'delivered')), expect: { status: 401, code: 'unauthenticated', field: SIGNATURE_HEADER } },
      { name: 'signed ten minutes ago (expired, a replay)', kind: 'auth', sign: (raw) => signed(() => fx.carrierSecret, ago(600))(raw), expect: { status: 401, code: 'unauthenticated', field: SIGNATURE_HEADER } },
      { name: 'the payment provider’s signature header', kind: 'auth', sign: (raw) => ({ 'x-sandbox-signature': signPayload(fx.carrierSecret, raw) }), expect: { status: 401, code: 'unauthenticated', field: SIGNATURE_HEADER } },
      { name: 'a malformed signature header', kind: 'auth', sign: () => ({ [SIGNATURE_HEADER]: 'v1=deadbeef' }), expect: { status: 401, code: 'unauthenticated', field: SIGNATURE_HEADER } },
      bodyAt('type', 'parcel.lost', 'malformed'),
      bodyAt('id', 'evt-1', 'malformed'),
      bodyWithout('id'),
      bodyAt('created', 'yesterday', 'malformed'),
      bodyAt('data.status', 'lost', 'malformed'),
      bodyAt('data.status', 'pending', 'malformed'),
      bodyAt('data.seq', 0, 'out-of-range'),
      bodyAt('data.at', '2026-11-01T10:00:00Z', 'malformed'),
      bodyAt('data.at', -1, 'out-of-range'),
      bodyAt('data.carrier', 'SF', 'malformed'),
      bodyAt('data.trackingNo', 'SF 1', 'malformed'),
      bodyAt('data.description', '', 'out-of-range'),
      bodyAt('data.description', long(201), 'out-of-range'),
      bodyWithout('data.location'),
      bodyAt('data.extra', 1, 'unknown-field'),
    ],
  },
  {
    method: 'POST',
    url: '/api/v1/orders/:orderId/confirm-receipt',
    access: 'user',
    who: 'shopper',
    params: () => ({ orderId: fx.deliveredOrder }),
    ok: 200,
    bad: [
      { name: "someone else's order", kind: 'not-found', who: 'creator', expect: { status: 404, code: 'not_found', field: 'orderId' } },
      { name: 'a paid order not yet delivered', kind: 'semantic', params: () => ({ orderId: fx.paidOrder }), expect: { status: 409, code: 'invalid_state', field: 'status' } },
      { name: 'an unpaid order', kind: 'semantic', params: () => ({ orderId: fx.orderToCancel }), expect: { status: 409, code: 'invalid_state', field: 'status' } },
    ],
    missing: [{ name: 'an order that does not exist', kind: 'not-found', params: { orderId: 'ord_0000000000zzzzzzzzzz' }, expect: { status: 404, code: 'not_found', field: 'orderId' } }],
  },
];
