// A live room end to end: a stream pushed over RTMP makes the room live with HLS, viewers on the
// WebSocket see the pinned product and each other's comments, a purchase from the room carries
// it as its source, moderation and key revocation work, and the ended live becomes a replay.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Product } from '../../src/modules/catalog/model.ts';
import type { Store } from '../../src/modules/catalog/stores.ts';
import type { CheckoutResult } from '../../src/modules/commerce/checkout.ts';
import type { Order } from '../../src/modules/commerce/orders.ts';
import type { Video } from '../../src/modules/content/schemas.ts';
import type { HostRoom, Room, RoomState } from '../../src/modules/live/schemas.ts';
import { Client, startTestPlatform, type TestPlatform } from '../support/platform.ts';
import { pushStream, Viewer } from '../support/live.ts';

let t: TestPlatform;
let host: Client;
let product: Product;
let room: HostRoom;
const ws = (roomId: string) => `${t.url.replace('http', 'ws')}/ws/live/rooms/${roomId}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  t = await startTestPlatform({ LIVE_INGEST: 'true', LIVE_RTMP_PORT: '0', LIVE_RECONNECT_GRACE_SECONDS: '600', TRANSCODE_PRESET: 'ultrafast', LIVE_COMMENTS_PER_USER: '5' });
  host = await t.client.register('host@example.com', ['merchant'], '主播小美');
  const cat = await t.platform.services.categories.create({ nameZh: '美妆', nameEn: 'Beauty' });
  const store = (await host.post<Store>('/api/v1/merchant/stores', { name: '小美自播间' })).body;
  product = (await host.post<Product>(`/api/v1/merchant/stores/${store.id}/products`, { title: '直播同款口红', categoryId: cat.id, status: 'active', skus: [{ optionValues: {}, priceFen: 9900, stock: 50 }] })).body;
  const r = await host.post<HostRoom>('/api/v1/live/rooms', { title: '口红专场', storeId: store.id, productIds: [product.id] });
  expect(r.status).toBe(201);
  room = r.body;
});
afterAll(() => t.close());

async function until<T>(what: string, fn: () => Promise<T | null | undefined | false>, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

describe('live room', () => {
  it('goes live from an RTMP push, with HLS, a pinned product, comments and purchases from the room', async () => {
    expect(room).toMatchObject({ state: { status: 'scheduled', bag: [{ id: product.id }] }, ingest: { rtmpUrl: expect.stringMatching(/^rtmp:\/\/127\.0\.0\.1:\d+\/live$/) } });
    expect(room.ingest.streamKey).toMatch(/^live_[A-Za-z0-9_-]{30,}$/);
    // The key is the host's secret: the public view does not carry it.
    expect(JSON.stringify((await t.client.get(`/api/v1/live/rooms/${room.id}`)).body)).not.toContain(room.ingest.streamKey);

    const push = pushStream(`${room.ingest.rtmpUrl}/${room.ingest.streamKey}`, 12);
    const live = await until('the room to go live', async () => {
      const r = (await t.client.get<Room>(`/api/v1/live/rooms/${room.id}`)).body;
      return r.state.status === 'live' && r.state.streaming ? r : null;
    });
    expect(live.state.hlsUrl).toBe(`/media/live/${room.id}/index.m3u8`);
    const playlist = await fetch(t.url + live.state.hlsUrl!);
    expect(playlist.headers.get('content-type')).toContain('mpegurl');
    const seg = (await playlist.text()).split('\n').find((l) => l.endsWith('.ts'))!;
    const segment = new Uint8Array(await (await fetch(`${t.url}/media/live/${room.id}/${seg}`)).arrayBuffer());
    expect(segment[0]).toBe(0x47);

    const fan = await t.client.register('fan1@example.com', [], '粉丝一号');
    const other = await t.client.register('fan2@example.com', [], '粉丝二号');
    const a = await Viewer.open(ws(room.id), fan.authHeaders);
    const b = await Viewer.open(ws(room.id), other.authHeaders);
    const hello = await a.next((m) => m.t === 'hello');
    expect(hello).toMatchObject({ roomId: room.id, state: { status: 'live', bag: [{ id: product.id, title: '直播同款口红' }] } });

    expect((await host.put(`/api/v1/live/rooms/${room.id}/pin`, { productId: product.id })).status).toBe(200);
    for (const v of [a, b]) expect(await v.next((m) => m.t === 'state' && (m.state as { pinned: { id: string } | null }).pinned?.id === product.id)).toBeTruthy();

    b.send({ t: 'comment', text: '<b>上链接</b><script>alert(1)</script>' });
    const comment = await a.next((m) => m.t === 'comment');
    expect(comment).toMatchObject({ text: '<b>上链接</b><script>alert(1)</script>', user: { name: '粉丝二号' } });

    // Bought in the room: the order remembers where.
    const order = await fan.post<CheckoutResult>('/api/v1/checkout', { items: [{ skuId: product.skus[0]!.id, quantity: 1 }], source: { type: 'live_room', id: room.id } }, { 'idempotency-key': `live-buy-${room.id}` });
    expect(order.status).toBe(201);
    expect((await fan.get<Order>(`/api/v1/orders/${order.body.orders[0]!.id}`)).body.source).toEqual({ type: 'live_room', id: room.id });

    // The room's own price: a flash sale started from the room sells only to orders from the room.
    const started = await host.post<RoomState>(`/api/v1/live/rooms/${room.id}/flash-sales`, { skuId: product.skus[0]!.id, priceFen: 5900, quantity: 5, perBuyerLimit: 1, minutes: 10 });
    expect(started.status).toBe(201);
    const sale = started.body.flashSales[0]!;
    expect(sale).toMatchObject({ productId: product.id, priceFen: 5900, remaining: 5, liveRoomId: room.id });
    await b.next((m) => m.t === 'state' && (m.state as RoomState).flashSales.length === 1);
    const elsewhere = await other.post('/api/v1/checkout', { items: [{ skuId: sale.skuId, quantity: 1, flashSaleId: sale.id }], source: { type: 'search' } }, { 'idempotency-key': `live-flash-out-${room.id}` });
    expect([elsewhere.status, elsewhere.problem.code, elsewhere.problem.field]).toEqual([409, 'invalid_state', 'items.0.flashSaleId']);
    const inRoom = await other.post<CheckoutResult>('/api/v1/checkout', { items: [{ skuId: sale.skuId, quantity: 1, flashSaleId: sale.id }], source: { type: 'live_room', id: room.id } }, { 'idempotency-key': `live-flash-in-${room.id}` });
    expect([inRoom.status, inRoom.body.totalFen]).toEqual([201, 5900]);
    // Everyone watching sees the units left go down.
    await b.next((m) => m.t === 'state' && (m.state as RoomState).flashSales[0]?.remaining === 4);

    // The room's coupon (直播间专享券): viewers see it, claim it, and it takes money off only in the room.
    const soon = Date.now();
    const issued = await host.post<RoomState>(`/api/v1/live/rooms/${room.id}/coupons`, { title: '直播间专享 满50减10', kind: 'amount', thresholdFen: 5000, amountOffFen: 1000, startsAt: new Date(soon - 1000).toISOString(), endsAt: new Date(soon + 3_600_000).toISOString(), totalQuantity: 100, perUserLimit: 1 });
    expect(issued.status).toBe(201);
    const roomCoupon = issued.body.coupons[0]!;
    expect(roomCoupon).toMatchObject({ scope: 'live_room', liveRoomId: room.id, remaining: 100 });
    await b.next((m) => m.t === 'state' && (m.state as RoomState).coupons.length === 1);
    const copy = await other.post<{ id: string }>(`/api/v1/coupons/${roomCoupon.id}/claim`);
    expect(copy.status).toBe(201);
    await b.next((m) => m.t === 'state' && (m.state as RoomState).coupons[0]?.remaining === 99);
    const withCoupon = await other.post<CheckoutResult>('/api/v1/checkout', { items: [{ skuId: product.skus[0]!.id, quantity: 1 }], couponIds: [copy.body.id], source: { type: 'live_room', id: room.id } }, { 'idempotency-key': `live-coupon-${room.id}` });
    expect([withCoupon.status, withCoupon.body.totalFen]).toEqual([201, 9900 - 1000]);

    // A muted viewer may watch but not speak; a banned one is put out.
    const fanId = (await fan.get<{ id: string }>('/api/v1/me')).body.id;
    expect((await host.post<{ standing: string }>(`/api/v1/live/rooms/${room.id}/sanctions`, { userId: fanId, action: 'mute' })).body.standing).toBe('muted');
    a.send({ t: 'comment', text: '我被禁言了吗' });
    expect(await a.next((m) => m.t === 'error')).toMatchObject({ code: 'muted' });
    expect((await host.post(`/api/v1/live/rooms/${room.id}/sanctions`, { userId: fanId, action: 'ban' })).status).toBe(200);
    expect(await a.closed()).toBe(4003);
    await expect(Viewer.open(ws(room.id), fan.authHeaders).then((v) => v.closed())).resolves.toBe(4003);

    await push.exited;
    b.close();
  });

  it('refuses a wrong or revoked stream key, and a dropped stream resumes the same room', async () => {
    const wrong = pushStream(`${room.ingest.rtmpUrl}/live_${'x'.repeat(32)}`, 3);
    expect(await wrong.exited).not.toBe(0);
    const old = room.ingest.streamKey;
    const rotated = (await host.post<HostRoom>(`/api/v1/live/rooms/${room.id}/key`)).body;
    expect(rotated.ingest.streamKey).not.toBe(old);
    expect(await pushStream(`${room.ingest.rtmpUrl}/${old}`, 3).exited).not.toBe(0);

    const again = pushStream(`${room.ingest.rtmpUrl}/${rotated.ingest.streamKey}`, 4);
    await until('the stream to come back', async () => (await t.platform.services.live.rooms.row(room.id))?.stream_sessions === 2);
    await again.exited;
    const row = await until('the stream to drop', async () => {
      const r = await t.platform.services.live.rooms.row(room.id);
      return r && !r.stream_connected ? r : null;
    });
    expect(row.status).toBe('live');
  });

  it('ends: viewers are told, and the recording becomes a replay video with the bag’s goods', async () => {
    // One recorded part per stream session.
    expect((await readdir(join(t.dataDir, 'live', 'recordings', room.id))).filter((f) => /^part-\d+\.mp4$/.test(f))).toHaveLength(2);
    const viewer = await Viewer.open(ws(room.id));
    await viewer.next((m) => m.t === 'hello');
    const ended = await host.post<Room>(`/api/v1/live/rooms/${room.id}/end`);
    expect(ended.body.state.status).toBe('ended');
    expect(await viewer.next((m) => m.t === 'ended')).toBeTruthy();
    expect((await host.post(`/api/v1/live/rooms/${room.id}/end`)).status).toBe(409);
    expect(await pushStream(`${room.ingest.rtmpUrl}/${(await host.get<HostRoom>(`/api/v1/live/rooms/${room.id}/host`)).body.ingest.streamKey}`, 2).exited).not.toBe(0);

    const replayId = await until('the replay', async () => (await t.client.get<Room>(`/api/v1/live/rooms/${room.id}`)).body.replayVideoId, 30_000);
    const video = await until('the replay to be ready', async () => {
      const v = (await host.get<Video>(`/api/v1/videos/${replayId}`)).body;
      return v.status === 'ready' || v.status === 'failed' ? v : null;
    }, 90_000);
    expect(video).toMatchObject({ status: 'ready', products: [{ id: product.id }], tags: ['直播回放'] });
    // Both sessions are in it: 12 s and 4 s pushed, less the seconds the ingest takes to start each.
    expect(video.durationMs).toBeGreaterThan(6_000);
    await t.platform.bus.drain();
    const topics = (await t.platform.db.query<{ topic: string }>(`SELECT topic FROM outbox WHERE topic LIKE 'live.%'`)).map((r) => r.topic);
    expect(topics).toEqual(expect.arrayContaining(['live.room.started', 'live.room.ended', 'live.room.interactions']));
  });
});
