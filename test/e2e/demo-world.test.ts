import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_VIDEOS_JOB, seedDemoContent } from '../../src/demo/content.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, createDemoWorld, hasWorld } from '../../src/demo/world.ts';
import type { Video } from '../../src/modules/content/schemas.ts';
import type { Room } from '../../src/modules/live/schemas.ts';
import { JobQueue } from '../../src/platform/jobs/queue.ts';
import type { Product } from '../../src/modules/catalog/model.ts';
import type { Store } from '../../src/modules/catalog/stores.ts';
import { startTestPlatform, type TestPlatform } from '../support/platform.ts';

let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform();
});
afterAll(() => t.close());

describe('demo world', () => {
  it('creates stores (flagship and rural among them), goods with SKUs and images, and working accounts', async () => {
    expect(await hasWorld(t.platform)).toBe(false);
    const stats = await createDemoWorld(t.platform, { products: 300, progress: false });
    expect(await hasWorld(t.platform)).toBe(true);
    expect(stats.stores).toBeGreaterThanOrEqual(20);
    expect(stats.products).toBe(300);
    expect(stats.skus).toBeGreaterThan(300);

    const stores = await t.client.get<{ items: Store[]; total: number }>('/api/v1/stores?limit=100');
    expect(stores.body.total).toBe(stats.stores);
    expect(stores.body.items.some((s) => s.flagship)).toBe(true);
    expect(stores.body.items.filter((s) => s.rural).length).toBeGreaterThanOrEqual(3);
    expect(stores.body.items.reduce((a, s) => a + s.productCount, 0)).toBe(300);

    const products = await t.client.get<{ items: Product[]; total: number }>('/api/v1/products?limit=100');
    expect(products.body.total).toBe(300);
    for (const p of products.body.items) {
      expect(p.skus.length).toBeGreaterThan(0);
      expect(p.images.length).toBeGreaterThan(0);
      expect(p.title).toMatch(/[\u4e00-\u9fff]/);
      expect(p.minPriceFen).toBe(Math.min(...p.skus.map((s) => s.priceFen)));
      const combos = new Set(p.skus.map((s) => JSON.stringify(s.optionValues)));
      expect(combos.size).toBe(p.skus.length);
    }
    const img = await fetch(t.url + products.body.items[0]!.images[0]!.url);
    expect(img.headers.get('content-type')).toBe('image/svg+xml');
    expect(img.headers.get('content-security-policy')).toContain("default-src 'none'");

    for (const a of DEMO_ACCOUNTS) {
      const c = await t.client.login(a.email, DEMO_PASSWORD);
      const me = await c.get<{ roles: string[] }>('/api/v1/me');
      expect(me.body.roles).toContain(a.role);
    }
    const merchant = await t.client.login('merchant@demo.flywheel', DEMO_PASSWORD);
    const mine = await merchant.get<Array<Store & { staffRole: string }>>('/api/v1/merchant/stores');
    expect(mine.body[0]).toMatchObject({ flagship: true, staffRole: 'owner' });
  });

  it('is deterministic: the same seed gives the same goods', async () => {
    const first = await t.client.get<{ items: Product[] }>('/api/v1/products?limit=50&sort=price_asc');
    const again = await startTestPlatform();
    try {
      await createDemoWorld(again.platform, { products: 300, progress: false });
      const second = await again.client.get<{ items: Product[] }>('/api/v1/products?limit=50&sort=price_asc');
      const view = (ps: Product[]) => ps.map((p) => [p.id, p.title, p.skus.map((s) => [s.priceFen, s.stock])]);
      expect(view(second.body.items)).toEqual(view(first.body.items));
    } finally {
      await again.close();
    }
  });
});

describe('demo content', () => {
  it('gives the demo merchants short videos of their own goods (made in a background job) and a scheduled live room each, once', async () => {
    const c = await startTestPlatform();
    try {
      await createDemoWorld(c.platform, { products: 120, progress: false });
      const merchants = await Promise.all(['merchant@demo.flywheel', 'rural@demo.flywheel'].map((e) => c.client.login(e, DEMO_PASSWORD)));
      const ownStore = new Map<string, string>();
      for (const m of merchants) {
        const me = await m.get<{ id: string }>('/api/v1/me');
        const stores = await m.get<Store[]>('/api/v1/merchant/stores');
        ownStore.set(me.body.id, stores.body[0]!.id);
      }

      // Cheap and synchronous: the rooms are there at once, the videos are a queued job.
      const t0 = performance.now();
      expect(await seedDemoContent(c.platform, { videos: 2 })).toEqual({ roomsCreated: 2, videosQueued: 2 });
      expect(performance.now() - t0).toBeLessThan(5_000);
      const rooms = await c.client.get<{ items: Room[]; total: number }>('/api/v1/live/rooms?status=scheduled');
      expect(rooms.body.total).toBe(2);
      for (const r of rooms.body.items) {
        expect(r.storeId).toBe(ownStore.get(r.host.id));
        expect(r.state.bag).toHaveLength(3);
        expect(r.state.bag.every((p) => p.storeId === r.storeId)).toBe(true);
        expect(Date.parse(r.scheduledAt!)).toBeGreaterThan(Date.now() + 60 * 60_000);
        expect(r.title).toMatch(/[\u4e00-\u9fff]/);
      }

      // The job makes the MP4s and uploads them; the platform's transcode jobs make the HLS.
      const deadline = Date.now() + 75_000;
      let feed = await c.client.get<{ items: Video[]; total: number }>('/api/v1/videos');
      while (feed.body.total < 2 && Date.now() < deadline) {
        await c.platform.jobs.drain();
        await new Promise((r) => setTimeout(r, 200));
        feed = await c.client.get<{ items: Video[]; total: number }>('/api/v1/videos');
      }
      const [job] = (await JobQueue.list(c.platform.db, { kind: DEMO_VIDEOS_JOB, limit: 5, offset: 0 })).items;
      expect(job, 'the demo job').toMatchObject({ status: 'succeeded' });
      expect(feed.body.total).toBe(2);
      expect(new Set(feed.body.items.map((v) => v.author.id))).toEqual(new Set(ownStore.keys()));
      for (const v of feed.body.items) {
        expect(v).toMatchObject({ status: 'ready', visibility: 'public', width: 720, height: 1280 });
        expect(v.title).toMatch(/^[\u4e00-\u9fff]+｜/);
        expect(v.durationMs).toBeGreaterThan(5_000);
        expect(v.durationMs).toBeLessThan(7_000);
        expect(v.products).toHaveLength(1);
        expect(v.products[0]!.storeId).toBe(ownStore.get(v.author.id));
        const master = await fetch(c.url + v.hlsUrl!);
        expect(master.status).toBe(200);
        const playlist = await master.text();
        expect(playlist).toContain('#EXT-X-STREAM-INF');
        expect(playlist).toContain('mp4a'); // the soft chord is there
        const poster = await fetch(c.url + v.posterUrl!);
        expect(poster.headers.get('content-type')).toBe('image/jpeg');
      }

      // Seeding again (every start does) makes nothing new.
      expect(await seedDemoContent(c.platform, { videos: 2 })).toEqual({ roomsCreated: 0, videosQueued: 0 });
      await c.platform.jobs.drain();
      expect((await c.client.get<{ total: number }>('/api/v1/live/rooms?status=scheduled')).body.total).toBe(2);
      for (const m of merchants) expect((await m.get<{ total: number }>('/api/v1/me/videos')).body.total).toBe(1);
      expect((await JobQueue.list(c.platform.db, { kind: DEMO_VIDEOS_JOB, limit: 5, offset: 0 })).total).toBe(1);
    } finally {
      await c.close();
    }
  }, 120_000);
});
