// Bad-input table: reviews (评价) — photo uploads, reviews and follow-ups by buyers, the product
// page, buyers' lists, stores' lists and replies, operators hiding. Its fixtures live here (filled
// by reviewFixtures): one delivered order of the shopper's in storeA with four lines, three of
// them reviewed (one followed up and replied to, one hidden, one fresh) and one left to review.
import { expect } from 'vitest';
import type { Product } from '../../../src/modules/catalog/model.ts';
import type { Store } from '../../../src/modules/catalog/stores.ts';
import type { CheckoutResult } from '../../../src/modules/commerce/checkout.ts';
import { SIGNATURE_HEADER as CARRIER_SIGNATURE, signPayload as signCarrier } from '../../../src/modules/logistics/sandbox/wire.ts';
import { SIGNATURE_HEADER as PSP_SIGNATURE, signPayload as signPsp } from '../../../src/modules/payments/sandbox/wire.ts';
import { PHOTO_MAX_BYTES } from '../../../src/modules/reviews/rules.ts';
import type { Client, TestPlatform } from '../../support/platform.ts';
import { bodyAt, bodyWithout, MISSING_IDS, queryAt, type BadCase, type RouteEntry, type Who } from '../../support/route-table.ts';
import { PAGE_CASES, form, fx, long, nonMerchants, nonOperators, pngBlob } from './kit.ts';

const rfx = {} as {
  productId: string;
  orderId: string;
  /** The line the valid review request reviews. */
  freeLine: number;
  /** Reviewed, followed up and replied to. */
  done: { id: string; lineNo: number };
  hidden: string;
  /** Reviewed only: the valid follow-up, reply and hide requests act on it. */
  fresh: string;
  /** The shopper's own photo (the valid requests attach it). */
  imageId: string;
};

export async function reviewFixtures(t: TestPlatform, c: { merchant: Client; shopper: Client; operator: Client }, storeA: Store, categoryId: string): Promise<void> {
  const products: Product[] = [];
  for (const title of ['评价-已追评', '评价-已隐藏', '评价-新评', '评价-待评价']) {
    const r = await c.merchant.post<Product>(`/api/v1/merchant/stores/${storeA.id}/products`, { title, categoryId, skus: [{ optionValues: {}, priceFen: 1990, stock: 10 }] });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    products.push(r.body);
  }
  const r = await c.shopper.post<CheckoutResult>('/api/v1/checkout', { items: products.map((p) => ({ skuId: p.skus[0]!.id, quantity: 1 })) }, { 'idempotency-key': 'bi-reviews-order' });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  const orderId = r.body.orders[0]!.id;
  // Paid and delivered by the providers' signed webhooks, sent by hand (background work is stopped).
  const ref = r.body.payment!.payUrl.split('/pay/')[1]!;
  expect((await c.shopper.post(`/api/v1/sandbox-psp/payments/${ref}/confirm`, { outcome: 'succeed' })).status).toBe(200);
  const [pspEvent] = await t.platform.db.query<{ body: unknown }>('SELECT body FROM sandbox_psp_events WHERE payment_ref = $1', [ref]);
  const paidRaw = JSON.stringify(pspEvent!.body);
  expect((await t.client.post('/api/v1/payments/webhooks/sandbox', paidRaw, { [PSP_SIGNATURE]: signPsp(t.platform.config.sandboxPsp.secret, paidRaw) })).status).toBe(200);
  await t.platform.bus.drain();
  const trackingNo = 'SF2024000000555'; // unlike every other fixture's parcel
  expect((await c.merchant.post(`/api/v1/merchant/orders/${orderId}/ship`, { carrier: 'sf', trackingNo })).status).toBe(200);
  const raw = JSON.stringify({
    id: 'cevt_0000000000reviews000',
    type: 'parcel.scanned',
    created: Math.floor(Date.now() / 1000),
    data: { parcelRef: 'pcl_0000000000reviews000', merchantRef: (await t.platform.services.logistics.tracking('order', orderId))!.shipmentId, carrier: 'sf', trackingNo, seq: 3, status: 'delivered', description: '【杭州市】已签收', location: '杭州', at: Date.now() },
  });
  expect((await t.client.post('/api/v1/logistics/webhooks/sandbox', raw, { [CARRIER_SIGNATURE]: signCarrier(t.platform.config.sandboxCarrier.secret, raw) })).status).toBe(200);
  await t.platform.bus.drain();
  const review = async (lineNo: number) => {
    const res = await c.shopper.post<{ id: string }>('/api/v1/reviews', { orderId, lineNo, goods: 4, logistics: 5, service: 5, text: '不错' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.id;
  };
  const done = await review(1);
  expect((await c.shopper.post(`/api/v1/reviews/${done}/follow-up`, { text: '用了一周，还不错' })).status).toBe(200);
  expect((await c.merchant.post(`/api/v1/merchant/stores/${storeA.id}/reviews/${done}/reply`, { text: '谢谢' })).status).toBe(200);
  const hidden = await review(2);
  expect((await c.operator.post(`/api/v1/ops/reviews/${hidden}/hide`, { reason: '广告' })).status).toBe(200);
  const fresh = await review(3);
  const shopperId = (await c.shopper.get<{ id: string }>('/api/v1/me')).body.id;
  const image = await t.platform.services.media.uploadImage(fx.png, shopperId);
  await t.platform.bus.drain();
  Object.assign(rfx, { productId: products[0]!.id, orderId, freeLine: 4, done: { id: done, lineNo: 1 }, hidden, fresh, imageId: image.id });
}

const MISSING_REVIEW = 'rev_0000000000zzzzzzzzzz';
const missingReview: BadCase = { name: 'reviewId that names nothing', kind: 'not-found', params: { reviewId: MISSING_REVIEW }, expect: { status: 404, code: 'not_found', field: 'reviewId' } };
const sevenImages = () => Array.from({ length: 7 }, (_, i) => `img_0000000000zzzzzzzzz${i}`);
const photoCases = (): BadCase[] => [
  bodyAt('imageIds', sevenImages(), 'out-of-range'),
  bodyAt('imageIds', 'img_0000000000zzzzzzzzzz', 'malformed'),
  bodyAt('imageIds.0', 'photo-1', 'malformed'),
  { name: 'the same photo twice', kind: 'malformed', body: (b) => ({ ...b, imageIds: [rfx.imageId, rfx.imageId] }), expect: { status: 400, code: 'validation_failed', field: 'imageIds' } },
  { name: 'a photo that does not exist', kind: 'not-found', body: (b) => ({ ...b, imageIds: [MISSING_IDS.imageId!] }), expect: { status: 404, code: 'not_found', field: 'imageIds.0' } },
  { name: "someone else's photo", kind: 'auth', body: (b) => ({ ...b, imageIds: [fx.imageId] }), expect: { status: 403, code: 'forbidden', field: 'imageIds.0' } },
];
const notBuyer: Who = 'creator';

export const REVIEW_ROUTES: RouteEntry[] = [
  {
    method: 'POST',
    url: '/api/v1/reviews/photos',
    access: 'user',
    who: 'shopper',
    form: () => form([['file', pngBlob(fx.png), 'a.png']]),
    ok: 201,
    bad: [
      { name: 'a JSON body instead of multipart', kind: 'media-type', body: () => ({ file: 'x' }), expect: { status: 415, code: 'unsupported_media_type', field: 'file' } },
      { name: 'multipart with the photo under another name', kind: 'unknown-field', body: () => form([['photo', pngBlob(fx.png), 'a.png']]), expect: { status: 400, code: 'validation_failed', field: 'photo' } },
      { name: 'a file that is not an image', kind: 'malformed', body: () => form([['file', new Blob(['hello, world'], { type: 'image/png' }), 'a.png']]), expect: { status: 415, code: 'unsupported_media_type', field: 'file' } },
      { name: 'an image smaller than 16×16', kind: 'out-of-range', body: () => form([['file', pngBlob(fx.tinyPng), 'a.png']]), expect: { status: 400, code: 'validation_failed', field: 'file' } },
      { name: 'a photo over the size limit', kind: 'out-of-range', body: () => form([['file', pngBlob(Buffer.alloc(PHOTO_MAX_BYTES + 1, 1)), 'big.png']]), expect: { status: 413, code: 'payload_too_large', field: 'file' } },
      { name: 'no file at all', kind: 'missing-field', body: () => form([]), expect: { status: 400, code: 'validation_failed', field: 'file' } },
    ],
  },
  {
    method: 'POST',
    url: '/api/v1/reviews',
    access: 'user',
    who: 'shopper',
    body: () => ({ orderId: rfx.orderId, lineNo: rfx.freeLine, goods: 5, logistics: 4, service: 5, text: '很好吃', imageIds: [rfx.imageId], anonymous: true }),
    ok: 201,
    bad: [
      ...(['goods', 'logistics', 'service'] as const).flatMap((k) => [bodyAt(k, 0, 'out-of-range'), bodyAt(k, 6, 'out-of-range'), bodyAt(k, 4.5, 'malformed'), bodyAt(k, '5', 'malformed'), bodyWithout(k)]),
      bodyAt('text', long(501), 'out-of-range'),
      bodyAt('text', 5, 'malformed'),
      bodyAt('anonymous', 'yes', 'malformed'),
      bodyAt('lineNo', 0, 'out-of-range'),
      bodyAt('lineNo', '1', 'malformed'),
      bodyWithout('lineNo'),
      bodyWithout('orderId'),
      bodyAt('orderId', 'order-1', 'malformed'),
      ...photoCases(),
      { name: 'an order that does not exist', kind: 'not-found', body: (b) => ({ ...b, orderId: 'ord_0000000000zzzzzzzzzz' }), expect: { status: 404, code: 'not_found', field: 'orderId' } },
      { name: 'a line the order does not have', kind: 'not-found', body: (b) => ({ ...b, lineNo: 99 }), expect: { status: 404, code: 'not_found', field: 'orderId' } },
      { name: "someone else's order line", kind: 'not-found', who: notBuyer, body: (b) => ({ ...b, imageIds: [] }), expect: { status: 404, code: 'not_found', field: 'orderId' } },
      { name: 'a line reviewed already (twice)', kind: 'semantic', body: (b) => ({ ...b, lineNo: rfx.done.lineNo }), expect: { status: 409, code: 'conflict', field: 'lineNo' } },
      { name: 'an order not delivered yet', kind: 'semantic', body: (b) => ({ ...b, orderId: fx.paidOrder, lineNo: 1 }), expect: { status: 409, code: 'invalid_state', field: 'orderId' } },
    ],
  },
  {
    method: 'POST',
    url: '/api/v1/reviews/:reviewId/follow-up',
    access: 'user',
    who: 'shopper',
    params: () => ({ reviewId: rfx.fresh }),
    body: () => ({ text: '追评：回购了', imageIds: [rfx.imageId] }),
    ok: 200,
    missing: [missingReview],
    bad: [
      bodyWithout('text'),
      bodyAt('text', '', 'out-of-range'),
      bodyAt('text', long(501), 'out-of-range'),
      ...photoCases(),
      { name: "someone else's review", kind: 'not-found', who: notBuyer, body: (b) => ({ ...b, imageIds: [] }), expect: { status: 404, code: 'not_found', field: 'reviewId' } },
      { name: 'a review followed up already (twice)', kind: 'semantic', params: () => ({ reviewId: rfx.done.id }), expect: { status: 409, code: 'conflict', field: 'reviewId' } },
      { name: 'a hidden review', kind: 'semantic', params: () => ({ reviewId: rfx.hidden }), expect: { status: 409, code: 'invalid_state', field: 'reviewId' } },
    ],
  },
  { method: 'GET', url: '/api/v1/me/reviews', access: 'user', who: 'shopper', ok: 200, bad: PAGE_CASES() },
  { method: 'GET', url: '/api/v1/me/reviewable', access: 'user', who: 'shopper', ok: 200, bad: [...PAGE_CASES(), queryAt('orderId', 'order 1', 'malformed')] },
  {
    method: 'GET',
    url: '/api/v1/products/:productId/reviews',
    access: 'public',
    who: 'anon',
    params: () => ({ productId: rfx.productId }),
    query: () => ({ filter: 'photos', sort: 'newest' }),
    ok: 200,
    bad: [...PAGE_CASES(), queryAt('filter', 'best', 'malformed'), queryAt('sort', 'oldest', 'malformed')],
  },
  {
    method: 'GET',
    url: '/api/v1/merchant/stores/:storeId/reviews',
    access: ['merchant'],
    who: 'member',
    params: () => ({ storeId: fx.storeA.id }),
    query: () => ({ filter: 'unreplied' }),
    ok: 200,
    wrongRole: nonMerchants,
    notOwner: ['other'],
    bad: [...PAGE_CASES(), queryAt('filter', 'mine', 'malformed'), queryAt('productId', 'p 1', 'malformed')],
  },
  {
    method: 'POST',
    url: '/api/v1/merchant/stores/:storeId/reviews/:reviewId/reply',
    access: ['merchant'],
    who: 'merchant',
    params: () => ({ storeId: fx.storeA.id, reviewId: rfx.fresh }),
    body: () => ({ text: '感谢您的评价' }),
    ok: 200,
    wrongRole: nonMerchants,
    notOwner: ['other'],
    missing: [missingReview],
    bad: [
      bodyWithout('text'),
      bodyAt('text', '', 'out-of-range'),
      bodyAt('text', long(501), 'out-of-range'),
      { name: 'a review replied to already (twice)', kind: 'semantic', params: () => ({ reviewId: rfx.done.id }), expect: { status: 409, code: 'conflict', field: 'reviewId' } },
    ],
  },
  {
    method: 'POST',
    url: '/api/v1/ops/reviews/:reviewId/hide',
    access: ['operator'],
    who: 'operator',
    params: () => ({ reviewId: rfx.fresh }),
    body: () => ({ reason: '含联系方式' }),
    ok: 200,
    wrongRole: nonOperators,
    missing: [missingReview],
    bad: [
      bodyWithout('reason'),
      bodyAt('reason', '', 'out-of-range'),
      bodyAt('reason', long(201), 'out-of-range'),
      { name: 'a review hidden already', kind: 'semantic', params: () => ({ reviewId: rfx.hidden }), expect: { status: 409, code: 'invalid_state', field: 'reviewId' } },
    ],
  },
];
