import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, createDemoWorld, hasWorld } from '../../src/demo/world.ts';
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
