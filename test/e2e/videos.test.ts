import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Product } from '../../src/modules/catalog/model.ts';
import type { Store } from '../../src/modules/catalog/stores.ts';
import type { Video } from '../../src/modules/content/schemas.ts';
import { parseMediaPlaylist } from '../../src/modules/content/hls-plan.ts';
import { Client, dbFingerprint, startTestPlatform, type TestPlatform } from '../support/platform.ts';
import { dropVideo, makeVideo, videoForm, type MadeVideo } from '../support/media.ts';

let t: TestPlatform;
let merchant: Client;
let product: Product;
let clip: MadeVideo;
const MAX_BYTES = 6 * 1024 * 1024;

beforeAll(async () => {
  t = await startTestPlatform({ VIDEO_MAX_BYTES: String(MAX_BYTES), VIDEO_MAX_SECONDS: '8', TRANSCODE_PRESET: 'ultrafast', VIDEO_MAX_PRODUCTS: '3' });
  merchant = await t.client.register('vm@example.com', ['merchant']);
  product = await makeProduct(merchant, '短视频同款');
  // 5 seconds of test pattern and a tone, as a phone would film it (portrait).
  clip = await makeVideo({ seconds: 5, width: 720, height: 1280 });
});
afterAll(async () => {
  await dropVideo(clip);
  await t.close();
});

async function makeProduct(m: Client, title: string): Promise<Product> {
  const cat = await t.platform.services.categories.create({ nameZh: `类目${Math.random()}`, nameEn: 'Cat' });
  const store = (await m.post<Store>('/api/v1/merchant/stores', { name: `店${Math.random().toString(36).slice(2, 7)}` })).body;
  const r = await m.post<Product>(`/api/v1/merchant/stores/${store.id}/products`, { title, categoryId: cat.id, status: 'active', skus: [{ optionValues: {}, priceFen: 1990, stock: 10 }] });
  expect(r.status).toBe(201);
  return r.body;
}

async function settled(c: Client, id: string): Promise<Video> {
  for (let i = 0; i < 600; i++) {
    const v = (await c.get<Video>(`/api/v1/videos/${id}`)).body;
    if (v.status !== 'processing') return v;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the video never left processing');
}

const events = (topic: string) => t.platform.db.query<{ payload: Record<string, unknown> }>('SELECT payload FROM outbox WHERE topic = $1', [topic]);

describe('short videos', () => {
  it('turns an upload into adaptive HLS with a poster, carrying the linked goods', async () => {
    const created = await merchant.post<Video>('/api/v1/videos', { title: '开箱：同款好物', tags: ['开箱', '好物'], topic: '好物推荐', productIds: [product.id] });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'awaiting_upload', hlsUrl: null, products: [{ id: product.id, available: true, minPriceFen: 1990 }] });
    const up = await merchant.put<Video>(`/api/v1/videos/${created.body.id}/source`, videoForm(clip.data));
    expect(up.status).toBe(202);
    expect(up.body.status).toBe('processing');
    const v = await settled(merchant, created.body.id);
    expect(v.failureReason).toBeNull();
    expect(v.status).toBe('ready');
    expect(v.durationMs).toBeGreaterThan(4500);
    expect(v.durationMs).toBeLessThan(5500);
    expect(v.renditions.map((r) => [r.name, r.width, r.height])).toEqual([['720p', 720, 1280], ['360p', 360, 640]]);

    const master = await fetch(t.url + v.hlsUrl!);
    expect(master.headers.get('content-type')).toContain('application/vnd.apple.mpegurl');
    const text = await master.text();
    expect(text.match(/#EXT-X-STREAM-INF/g)).toHaveLength(2);
    expect(text).toContain('RESOLUTION=720x1280');
    const variant = text.split('\n').find((l) => l.endsWith('index.m3u8'))!;
    const base = new URL(v.hlsUrl!, t.url);
    const media = await (await fetch(new URL(variant, base))).text();
    const segments = parseMediaPlaylist(media);
    expect(segments.length).toBeGreaterThanOrEqual(2);
    expect(segments.reduce((s, x) => s + x.seconds, 0)).toBeGreaterThan(4.5);
    const seg = await fetch(new URL(segments[0]!.uri, new URL(variant, base)));
    expect(seg.headers.get('content-type')).toBe('video/mp2t');
    const bytes = new Uint8Array(await seg.arrayBuffer());
    expect([bytes[0], bytes[188]]).toEqual([0x47, 0x47]);
    const poster = new Uint8Array(await (await fetch(t.url + v.posterUrl!)).arrayBuffer());
    expect([poster[0], poster[1]]).toEqual([0xff, 0xd8]);

    const anyone = await t.client.get<Video>(`/api/v1/videos/${v.id}`);
    expect(anyone.body).toMatchObject({ id: v.id, status: 'ready', products: [{ id: product.id }] });
    expect((await t.client.get<{ items: Video[] }>(`/api/v1/videos?productId=${product.id}`)).body.items.map((x) => x.id)).toEqual([v.id]);
    await t.platform.bus.drain();
    expect((await events('content.video.published')).map((e) => e.payload)).toContainEqual(expect.objectContaining({ videoId: v.id, productIds: [product.id], tags: ['开箱', '好物'] }));
  });

  it('judges files by their content and refuses oversized, over-long and unreadable ones, keeping nothing', async () => {
    const v = (await merchant.post<Video>('/api/v1/videos', { title: '拒绝' })).body;
    const long = await makeVideo({ seconds: 10, width: 160, height: 288, audio: false });
    const before = await dbFingerprint(t.platform);
    const cases: Array<[string, Buffer, number, string]> = [
      ['not a video, named like one', Buffer.from('\x89PNG\r\n\x1a\n not really a video at all'), 415, 'unsupported_media_type'],
      ['script pretending to be a video', Buffer.from('<script>alert(1)</script>'.repeat(40)), 415, 'unsupported_media_type'],
      ['larger than the limit', Buffer.concat([clip.data.subarray(0, 64), Buffer.alloc(MAX_BYTES, 7)]), 413, 'payload_too_large'],
      ['longer than the limit', long.data, 400, 'validation_failed'],
      // The index (moov) of a plain MP4 is at its end: cut in half, nothing can read it.
      ['cut in half', clip.data.subarray(0, Math.floor(clip.data.length / 2)), 415, 'unsupported_media_type'],
    ];
    for (const [what, data, status, code] of cases) {
      const r = await merchant.put(`/api/v1/videos/${v.id}/source`, videoForm(data));
      expect([what, r.status, r.problem.code, r.problem.field]).toEqual([what, status, code, 'file']);
    }
    expect((await merchant.put(`/api/v1/videos/${v.id}/source`, { file: 'x' })).status).toBe(415);
    expect(await dbFingerprint(t.platform)).toEqual(before);
    expect(await readdir(join(t.dataDir, 'media', 'videos', v.id))).toEqual([]);
    await dropVideo(long);
  });

  it('fails a damaged video with a reason and publishes nothing; a new upload then succeeds', async () => {
    const fast = await makeVideo({ seconds: 5, width: 320, height: 568, faststart: true });
    const v = (await merchant.post<Video>('/api/v1/videos', { title: '坏文件' })).body;
    // The index is up front, so it reads as 5 s, but most of the pictures are missing.
    const up = await merchant.put<Video>(`/api/v1/videos/${v.id}/source`, videoForm(fast.data.subarray(0, Math.floor(fast.data.length * 0.4))));
    expect(up.status).toBe(202);
    const failed = await settled(merchant, v.id);
    expect(failed.status).toBe('failed');
    expect(failed.failureReason).toMatch(/damaged|failed/);
    expect(['damaged', 'transcode_failed']).toContain(failed.failureCode);
    expect(failed.failureReason).not.toContain(t.dataDir);
    expect((await t.client.get(`/api/v1/videos/${v.id}`)).status).toBe(404);
    expect((await fetch(`${t.url}/media/videos/${v.id}/1/master.m3u8`)).status).toBe(404);
    await t.platform.bus.drain();
    expect((await events('content.video.published')).filter((e) => e.payload.videoId === v.id)).toEqual([]);

    const again = await merchant.put<Video>(`/api/v1/videos/${v.id}/source`, videoForm(fast.data));
    expect(again.status).toBe(202);
    const ready = await settled(merchant, v.id);
    expect(ready.status).toBe('ready');
    expect(ready.hlsUrl).toBe(`/media/videos/${v.id}/2/master.m3u8`);
    expect((await merchant.put(`/api/v1/videos/${v.id}/source`, videoForm(fast.data))).status).toBe(409);
    await dropVideo(fast);
  });

  it('links only goods the author sells, and lets only the author change a video', async () => {
    const other = await t.client.register('vo@example.com', ['merchant']);
    const theirs = await makeProduct(other, '别家的货');
    const creator = await t.client.register('vc@example.com', ['creator']);
    const shopper = await t.client.register('vs@example.com');
    const before = await dbFingerprint(t.platform);
    const foreign = await merchant.post('/api/v1/videos', { title: 'x', productIds: [product.id, theirs.id] });
    expect([foreign.status, foreign.problem.field]).toEqual([403, 'productIds.1']);
    expect((await creator.post('/api/v1/videos', { title: 'x', productIds: [product.id] })).status).toBe(403);
    const missing = await merchant.post('/api/v1/videos', { title: 'x', productIds: ['prd_0000000000zzzzzzzzzz'] });
    expect([missing.status, missing.problem.field]).toEqual([404, 'productIds.0']);
    expect((await shopper.post('/api/v1/videos', { title: 'x' })).status).toBe(403);
    expect((await t.client.post('/api/v1/videos', { title: 'x' })).status).toBe(401);
    const mine = (await merchant.get<{ items: Video[] }>('/api/v1/me/videos')).body.items[0]!;
    expect((await other.patch(`/api/v1/videos/${mine.id}`, { title: '抢' })).status).toBe(403);
    expect((await other.put(`/api/v1/videos/${mine.id}/source`, videoForm(clip.data))).status).toBe(403);
    expect((await other.delete(`/api/v1/videos/${mine.id}`)).status).toBe(403);
    expect(await dbFingerprint(t.platform)).toEqual(before);
  });

  it('hides, shows and deletes; counts likes and views', async () => {
    const v = (await merchant.post<Video>('/api/v1/videos', { title: '隐藏再显示' })).body;
    await merchant.put(`/api/v1/videos/${v.id}/source`, videoForm(clip.data));
    const ready = await settled(merchant, v.id);
    const shopper = await t.client.register('fan@example.com');
    expect((await shopper.put<{ likeCount: number }>(`/api/v1/videos/${v.id}/like`)).body).toEqual({ liked: true, likeCount: 1 });
    expect((await shopper.put<{ likeCount: number }>(`/api/v1/videos/${v.id}/like`)).body).toEqual({ liked: true, likeCount: 1 });
    expect((await shopper.get<Video>(`/api/v1/videos/${v.id}`)).body).toMatchObject({ liked: true, likeCount: 1 });
    expect((await shopper.delete<{ likeCount: number }>(`/api/v1/videos/${v.id}/like`)).body).toEqual({ liked: false, likeCount: 0 });
    expect((await t.client.put(`/api/v1/videos/${v.id}/like`)).status).toBe(401);
    expect((await t.client.post(`/api/v1/videos/${v.id}/views`, { watchMs: 4800 })).status).toBe(204);
    // A looping player reports again at once: one play is counted per viewer in the window.
    expect((await t.client.post(`/api/v1/videos/${v.id}/views`, { watchMs: 4800 })).status).toBe(204);
    expect((await shopper.post(`/api/v1/videos/${v.id}/views`, { watchMs: 1200 })).status).toBe(204);
    expect((await t.client.get<Video>(`/api/v1/videos/${v.id}`)).body.viewCount).toBe(2);

    expect((await merchant.patch<Video>(`/api/v1/videos/${v.id}`, { visibility: 'hidden' })).body.visibility).toBe('hidden');
    expect((await shopper.get(`/api/v1/videos/${v.id}`)).status).toBe(404);
    expect((await fetch(t.url + ready.hlsUrl!)).status).toBe(404);
    expect((await merchant.get(ready.hlsUrl!)).status).toBe(200);
    expect((await t.client.get<{ items: Video[] }>('/api/v1/videos')).body.items.map((x) => x.id)).not.toContain(v.id);
    expect((await merchant.patch<Video>(`/api/v1/videos/${v.id}`, { visibility: 'public' })).body.visibility).toBe('public');
    expect((await shopper.get(`/api/v1/videos/${v.id}`)).status).toBe(200);

    expect((await merchant.delete(`/api/v1/videos/${v.id}`)).status).toBe(204);
    expect((await merchant.get(`/api/v1/videos/${v.id}`)).status).toBe(404);
    await expect(stat(join(t.dataDir, 'media', 'videos', v.id))).rejects.toThrow();
    await t.platform.bus.drain();
    expect((await events('content.video.withdrawn')).map((e) => e.payload)).toEqual(
      expect.arrayContaining([expect.objectContaining({ videoId: v.id, reason: 'hidden' }), expect.objectContaining({ videoId: v.id, reason: 'deleted' })]),
    );
    expect((await events('content.video.viewed')).map((e) => e.payload)).toContainEqual(expect.objectContaining({ videoId: v.id, watchMs: 4800, completed: true }));
  });
});
