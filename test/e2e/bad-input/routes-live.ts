// Bad-input table: live rooms (scheduling, the stream key, the bag and the pinned card, moderation).
import { expect } from 'vitest';
import type { HostRoom } from '../../../src/modules/live/schemas.ts';
import type { Client } from '../../support/platform.ts';
import { bodyAt, bodyWithout, paramAt, queryAt, type BadCase, type RouteEntry, type Who } from '../../support/route-table.ts';
import { PAGE_CASES, fx, long, type Fixtures } from './kit.ts';

const nonHosts: Who[] = ['shopper', 'operator'];

/** The merchant's rooms: one scheduled with productA in the bag, one to end, one ended. */
export async function liveFixtures(c: { merchant: Client }): Promise<Pick<Fixtures, 'live'>> {
  const make = async (title: string) => {
    const r = await c.merchant.post<HostRoom>('/api/v1/live/rooms', { title, storeId: fx.storeA.id, productIds: [fx.productA.id] });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body.id;
  };
  const ended = await make('已结束');
  expect((await c.merchant.post(`/api/v1/live/rooms/${ended}/end`)).status).toBe(200);
  return { live: { room: await make('坏输入直播间'), toEnd: await make('待结束'), ended } };
}

const ended = (): BadCase => ({ name: 'a live that has ended', kind: 'semantic', params: () => ({ roomId: fx.live.ended }), expect: { status: 409, code: 'invalid_state', field: 'roomId' } });
const room = () => ({ roomId: fx.live.room });

export const LIVE_ROUTES: RouteEntry[] = [
  {
    method: 'POST',
    url: '/api/v1/live/rooms',
    access: ['creator', 'merchant'],
    who: 'merchant',
    body: () => ({ title: '周末专场', storeId: fx.storeA.id, productIds: [fx.productA.id], scheduledAt: new Date(Date.now() + 86_400_000).toISOString() }),
    ok: 201,
    wrongRole: nonHosts,
    bad: [
      bodyAt('title', '', 'out-of-range'),
      bodyAt('title', long(61), 'out-of-range'),
      bodyWithout('title'),
      bodyAt('scheduledAt', 'tomorrow', 'malformed'),
      { name: 'a start time in the past', kind: 'semantic', body: (b) => ({ ...b, scheduledAt: '2020-01-01T00:00:00Z' }), expect: { status: 400, code: 'validation_failed', field: 'scheduledAt' } },
      bodyAt('storeId', 'my-store', 'malformed'),
      bodyAt('productIds', ['prd'], 'malformed', 'productIds.0'),
      { name: "broadcasting for someone else's store", kind: 'auth', who: 'other', expect: { status: 403, code: 'forbidden', field: 'storeId' } },
      { name: "a creator selling a store's goods it does not sell", kind: 'auth', who: 'creator', body: (b) => ({ ...b, storeId: undefined }), expect: { status: 403, code: 'forbidden', field: 'productIds.0' } },
      { name: 'a product that does not exist', kind: 'not-found', body: (b) => ({ ...b, productIds: ['prd_0000000000zzzzzzzzzz'] }), expect: { status: 404, code: 'not_found', field: 'productIds.0' } },
    ],
  },
  { method: 'GET', url: '/api/v1/me/live/rooms', access: ['creator', 'merchant'], who: 'merchant', ok: 200, wrongRole: nonHosts, bad: [] },
  { method: 'GET', url: '/api/v1/live/rooms', access: 'public', who: 'anon', query: () => ({ status: 'scheduled' }), ok: 200, bad: [...PAGE_CASES(), queryAt('status', 'ended', 'malformed')] },
  { method: 'GET', url: '/api/v1/live/rooms/:roomId', access: 'public', who: 'anon', params: room, ok: 200, bad: [paramAt('roomId', 'lvr_')] },
  { method: 'GET', url: '/api/v1/live/rooms/:roomId/host', access: ['creator', 'merchant'], who: 'merchant', params: room, ok: 200, wrongRole: nonHosts, notOwner: ['other'], bad: [] },
  { method: 'POST', url: '/api/v1/live/rooms/:roomId/key', access: ['creator', 'merchant'], who: 'merchant', params: room, ok: 200, wrongRole: nonHosts, notOwner: ['other'], bad: [ended()] },
  { method: 'POST', url: '/api/v1/live/rooms/:roomId/end', access: ['creator', 'merchant'], who: 'merchant', params: () => ({ roomId: fx.live.toEnd }), ok: 200, wrongRole: nonHosts, notOwner: ['other'], bad: [ended()] },
  {
    method: 'PUT',
    url: '/api/v1/live/rooms/:roomId/products',
    access: ['creator', 'merchant'],
    who: 'merchant',
    params: room,
    body: () => ({ productIds: [fx.productA.id, fx.productToArchive.id] }),
    ok: 200,
    wrongRole: nonHosts,
    notOwner: ['other'],
    bad: [bodyWithout('productIds'), bodyAt('productIds', 'prd', 'malformed'), { name: 'a product listed twice', kind: 'malformed', body: () => ({ productIds: [fx.productA.id, fx.productA.id] }), expect: { status: 400, code: 'validation_failed', field: 'productIds' } }, ended()],
  },
  {
    method: 'PUT',
    url: '/api/v1/live/rooms/:roomId/pin',
    access: ['creator', 'merchant'],
    who: 'merchant',
    params: room,
    body: () => ({ productId: fx.productA.id }),
    ok: 200,
    wrongRole: nonHosts,
    notOwner: ['other'],
    bad: [bodyWithout('productId'), bodyAt('productId', 7, 'malformed'), { name: 'a product not in the bag', kind: 'semantic', body: () => ({ productId: 'prd_0000000000zzzzzzzzzz' }), expect: { status: 400, code: 'validation_failed', field: 'productId' } }, ended()],
  },
  { method: 'DELETE', url: '/api/v1/live/rooms/:roomId/pin', access: ['creator', 'merchant'], who: 'merchant', params: room, ok: 200, wrongRole: nonHosts, notOwner: ['other'], bad: [ended()] },
  {
    method: 'POST',
    url: '/api/v1/live/rooms/:roomId/flash-sales',
    access: ['creator', 'merchant'],
    who: 'merchant',
    params: room,
    body: () => ({ skuId: fx.productA.skus[0]!.id, priceFen: 1990, quantity: 1, perBuyerLimit: 1, minutes: 5 }),
    ok: 201,
    wrongRole: nonHosts,
    notOwner: ['other'],
    bad: [
      bodyAt('minutes', 0, 'out-of-range'),
      bodyAt('minutes', 24 * 60 + 1, 'out-of-range'),
      bodyAt('priceFen', '19.90', 'malformed'),
      bodyAt('quantity', 0, 'out-of-range'),
      bodyWithout('skuId'),
      { name: 'a SKU whose product is not in the bag', kind: 'semantic', body: (b) => ({ ...b, skuId: fx.flashSku }), expect: { status: 400, code: 'validation_failed', field: 'skuId' } },
      { name: 'a SKU that does not exist', kind: 'not-found', body: (b) => ({ ...b, skuId: 'sku_0000000000zzzzzzzzzz' }), expect: { status: 404, code: 'not_found', field: 'skuId' } },
      { name: 'a price that is not below the regular one', kind: 'semantic', body: (b) => ({ ...b, priceFen: 3990 }), expect: { status: 400, code: 'validation_failed', field: 'priceFen' } },
      ended(),
    ],
  },
  {
    method: 'POST',
    url: '/api/v1/live/rooms/:roomId/coupons',
    access: ['creator', 'merchant'],
    who: 'merchant',
    params: room,
    body: () => ({ title: '直播间专享券', kind: 'amount', thresholdFen: 0, amountOffFen: 300, startsAt: new Date(Date.now() - 1000).toISOString(), endsAt: new Date(Date.now() + 3_600_000).toISOString(), totalQuantity: 10, perUserLimit: 1 }),
    ok: 201,
    wrongRole: nonHosts,
    notOwner: ['other'],
    bad: [bodyWithout('title'), bodyAt('kind', 'free', 'malformed'), bodyAt('totalQuantity', 0, 'out-of-range'), bodyAt('scope', 'store', 'unknown-field'), bodyAt('endsAt', 'later', 'malformed'), ended()],
  },
  {
    method: 'POST',
    url: '/api/v1/live/rooms/:roomId/sanctions',
    access: ['creator', 'merchant'],
    who: 'merchant',
    params: room,
    body: () => ({ userId: fx.userIds.creator, action: 'mute' }),
    ok: 200,
    wrongRole: nonHosts,
    notOwner: ['other'],
    bad: [bodyAt('action', 'kick', 'malformed'), bodyAt('userId', 'someone', 'malformed'), bodyWithout('action')],
  },
  {
    method: 'GET',
    url: '/media/live/:roomId/:file',
    access: 'public',
    who: 'anon',
    params: () => ({ roomId: fx.live.room, file: 'index.m3u8' }),
    // Not live: there is nothing to serve (the live-room test plays a real stream).
    ok: 404,
    bad: [paramAt('file', 'index.html'), paramAt('file', 'seg-x.ts')],
  },
];
