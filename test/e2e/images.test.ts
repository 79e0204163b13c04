import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Product } from '../../src/modules/catalog/model.ts';
import type { Store } from '../../src/modules/catalog/stores.ts';
import type { ImageInfo } from '../../src/modules/media/service.ts';
import { Client, dbFingerprint, startTestPlatform, type TestPlatform } from '../support/platform.ts';

let t: TestPlatform;
let merchant: Client;
beforeAll(async () => {
  t = await startTestPlatform({ MAX_IMAGE_BYTES: '200000' });
  merchant = await t.client.register('img@example.com', ['merchant']);
});
afterAll(() => t.close());

const form = (data: Buffer, name: string, type: string) => {
  const fd = new FormData();
  fd.append('file', new Blob([data], { type }), name);
  return fd;
};
const png = (w: number, h: number) => sharp({ create: { width: w, height: h, channels: 3, background: { r: 250, g: 44, b: 85 } } }).png().toBuffer();

describe('images', () => {
  it('stores an upload re-encoded, with resized variants', async () => {
    const r = await merchant.post<ImageInfo>('/api/v1/images', form(await png(1600, 1200), 'photo.png', 'image/png'));
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ width: 1600, height: 1200 });
    const thumb = await fetch(t.url + r.body.thumbUrl);
    expect(thumb.headers.get('content-type')).toBe('image/webp');
    const meta = await sharp(Buffer.from(await thumb.arrayBuffer())).metadata();
    expect(meta.width).toBe(240);
    expect(meta.height).toBe(180);
  });

  it('judges files by their content, not their name or declared type', async () => {
    const before = await dbFingerprint(t.platform);
    const fake = await merchant.post('/api/v1/images', form(Buffer.from('<svg onload="alert(1)"></svg>'), 'cat.png', 'image/png'));
    expect(fake.status).toBe(415);
    expect(fake.problem).toMatchObject({ code: 'unsupported_media_type', field: 'file' });
    const big = await merchant.post('/api/v1/images', form(Buffer.alloc(300_000, 1), 'big.png', 'image/png'));
    expect(big.status).toBe(413);
    const json = await merchant.post('/api/v1/images', { file: 'x' });
    expect(json.status).toBe(415);
    expect(await dbFingerprint(t.platform)).toEqual(before);
  });

  it('lets only sellers upload, and only their own images be attached', async () => {
    const shopper = await t.client.register('shop@example.com');
    expect((await shopper.post('/api/v1/images', form(await png(64, 64), 'a.png', 'image/png'))).status).toBe(403);
    expect((await t.client.post('/api/v1/images', form(await png(64, 64), 'a.png', 'image/png'))).status).toBe(401);

    const mine = (await merchant.post<ImageInfo>('/api/v1/images', form(await png(64, 64), 'a.png', 'image/png'))).body;
    const other = await t.client.register('other@example.com', ['merchant']);
    const theirs = (await other.post<ImageInfo>('/api/v1/images', form(await png(64, 64), 'b.png', 'image/png'))).body;
    const cat = await t.platform.services.categories.create({ nameZh: '玩具', nameEn: 'Toys' });
    const store = (await merchant.post<Store>('/api/v1/merchant/stores', { name: '童趣玩具屋' })).body;
    const body = (imageIds: string[]) => ({ title: '积木', categoryId: cat.id, imageIds, skus: [{ optionValues: {}, priceFen: 9900, stock: 3 }] });
    const stolen = await merchant.post(`/api/v1/merchant/stores/${store.id}/products`, body([mine.id, theirs.id]));
    expect(stolen.status).toBe(403);
    expect(stolen.problem.field).toBe('imageIds.1');
    const ok = await merchant.post<Product>(`/api/v1/merchant/stores/${store.id}/products`, body([mine.id]));
    expect(ok.status).toBe(201);
    expect(ok.body.images[0]!.thumbUrl).toBe(`/media/images/${mine.id}/w240`);
    const served = await fetch(t.url + ok.body.images[0]!.url);
    expect(served.status).toBe(200);
    expect((await served.arrayBuffer()).byteLength).toBeGreaterThan(0);
  });
});
