import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Product } from '../../src/modules/catalog/model.ts';
import type { Store } from '../../src/modules/catalog/stores.ts';
import { Client, startTestPlatform, type TestPlatform } from '../support/platform.ts';

let t: TestPlatform;
let merchant: Client;
let other: Client;
let store: Store;
let categoryId: string;

beforeAll(async () => {
  t = await startTestPlatform();
  const ops = t.platform.services.categories;
  const root = await ops.create({ nameZh: '食品', nameEn: 'Food' });
  categoryId = (await ops.create({ parentId: root.id, nameZh: '零食', nameEn: 'Snacks' })).id;
  merchant = await t.client.register('m1@example.com', ['merchant']);
  other = await t.client.register('m2@example.com', ['merchant']);
  store = (await merchant.post<Store>('/api/v1/merchant/stores', { name: '小鹿零食铺', rural: true })).body;
});
afterAll(() => t.close());

const newProduct = (over: Record<string, unknown> = {}) => ({
  title: '手撕牛肉干',
  description: '内蒙古风干牛肉',
  categoryId,
  attributes: [{ name: '产地', value: '内蒙古' }],
  options: [{ name: '口味', values: ['原味', '香辣'] }],
  skus: [
    { optionValues: { 口味: '原味' }, priceFen: 3990, stock: 10 },
    { optionValues: { 口味: '香辣' }, priceFen: 4290, listPriceFen: 5900, stock: 5 },
  ],
  ...over,
});

describe('catalog', () => {
  it('creates a product with SKUs that the public can see, with its store', async () => {
    const created = await merchant.post<Product>(`/api/v1/merchant/stores/${store.id}/products`, newProduct());
    expect(created.status).toBe(201);
    expect(created.body.skus).toHaveLength(2);
    expect(created.body.minPriceFen).toBe(3990);
    expect(created.body.maxPriceFen).toBe(4290);
    expect(created.body.totalStock).toBe(15);
    const pub = await t.client.get<Product & { store: Store }>(`/api/v1/products/${created.body.id}`);
    expect(pub.status).toBe(200);
    expect(pub.body.title).toBe('手撕牛肉干');
    expect(pub.body.store.name).toBe('小鹿零食铺');
    expect(pub.body.store.rural).toBe(true);
    const listed = await t.client.get<{ items: Product[]; total: number }>(`/api/v1/stores/${store.id}/products`);
    expect(listed.body.items.map((p) => p.id)).toContain(created.body.id);
  });

  it('logs every stock change and never lets stock go below zero', async () => {
    const p = (await merchant.post<Product>(`/api/v1/merchant/stores/${store.id}/products`, newProduct())).body;
    const sku = p.skus[0]!;
    const results = await Promise.all(Array.from({ length: 8 }, () => merchant.post<{ stock: number }>(`/api/v1/merchant/skus/${sku.id}/stock`, { delta: -3, reason: 'damage' })));
    const ok = results.filter((r) => r.status === 200).length;
    expect(ok).toBe(3); // 10 in stock: three takes of 3 fit, the fourth would go below zero
    expect(results.filter((r) => r.status === 409).every((r) => r.problem.code === 'invalid_state')).toBe(true);
    const restock = await merchant.post<{ stock: number }>(`/api/v1/merchant/skus/${sku.id}/stock`, { delta: 20, reason: 'restock', note: '补货' });
    expect(restock.body.stock).toBe(21);
    const log = await merchant.get<Array<{ delta: number; stockAfter: number; reason: string }>>(`/api/v1/merchant/skus/${sku.id}/stock-movements`);
    expect(log.body.map((m) => m.reason)).toEqual(['restock', 'damage', 'damage', 'damage', 'initial']);
    expect(log.body.reduce((a, m) => a + m.delta, 0)).toBe(21);
    expect(log.body[0]!.stockAfter).toBe(21);
  });

  it('lets a merchant edit, add a SKU and archive; archived goods leave the public view', async () => {
    const p = (await merchant.post<Product>(`/api/v1/merchant/stores/${store.id}/products`, newProduct({ options: [], skus: [{ optionValues: {}, priceFen: 100, stock: 1 }] }))).body;
    const edited = await merchant.patch<Product>(`/api/v1/merchant/products/${p.id}`, { title: '牛肉干 500g', noReasonReturn: false });
    expect(edited.body.title).toBe('牛肉干 500g');
    expect(edited.body.noReasonReturn).toBe(false);
    const dup = await merchant.post(`/api/v1/merchant/products/${p.id}/skus`, { optionValues: {}, priceFen: 200, stock: 1 });
    expect(dup.status).toBe(400);
    expect(dup.problem.field).toBe('skus.1.optionValues');
    const priced = await merchant.patch<Product>(`/api/v1/merchant/skus/${p.skus[0]!.id}`, { priceFen: 2500 });
    expect(priced.body.minPriceFen).toBe(2500);
    const archived = await merchant.post<Product>(`/api/v1/merchant/products/${p.id}/archive`);
    expect(archived.body.status).toBe('archived');
    expect((await t.client.get(`/api/v1/products/${p.id}`)).status).toBe(404);
    expect((await merchant.get(`/api/v1/products/${p.id}`)).status).toBe(200); // staff still see it
    expect((await merchant.patch(`/api/v1/merchant/products/${p.id}`, { title: 'x' })).status).toBe(409);
  });

  it("forbids a merchant to touch another store's goods and writes nothing", async () => {
    const p = (await merchant.post<Product>(`/api/v1/merchant/stores/${store.id}/products`, newProduct())).body;
    const r = await other.patch(`/api/v1/merchant/products/${p.id}`, { title: '偷改' });
    expect(r.status).toBe(403);
    expect(r.problem.code).toBe('forbidden');
    expect((await other.post(`/api/v1/merchant/skus/${p.skus[0]!.id}/stock`, { delta: 5, reason: 'restock' })).status).toBe(403);
    expect((await other.post(`/api/v1/merchant/stores/${store.id}/products`, newProduct())).status).toBe(403);
    const after = await t.client.get<Product>(`/api/v1/products/${p.id}`);
    expect(after.body.title).toBe('手撕牛肉干');
    expect(after.body.totalStock).toBe(15);
  });

  it('follows and unfollows a store, once per user', async () => {
    const shopper = await t.client.register('s1@example.com');
    expect((await shopper.put<{ followerCount: number }>(`/api/v1/stores/${store.id}/follow`)).body.followerCount).toBe(1);
    expect((await shopper.put<{ followerCount: number }>(`/api/v1/stores/${store.id}/follow`)).body.followerCount).toBe(1);
    const page = await shopper.get<{ viewer: { following: boolean } }>(`/api/v1/stores/${store.id}`);
    expect(page.body.viewer.following).toBe(true);
    expect((await shopper.delete<{ followerCount: number }>(`/api/v1/stores/${store.id}/follow`)).body.followerCount).toBe(0);
    expect((await t.client.put(`/api/v1/stores/${store.id}/follow`)).status).toBe(401);
  });

  it('publishes catalog events through the outbox', async () => {
    const seen: string[] = [];
    t.platform.bus.subscribe<{ productId: string }>('test.catalog', 'catalog.product.created', async (e) => {
      seen.push(e.payload.productId);
    });
    const p = (await merchant.post<Product>(`/api/v1/merchant/stores/${store.id}/products`, newProduct())).body;
    await t.platform.bus.drain();
    expect(seen).toContain(p.id);
  });
});

describe('stock invariant', () => {
  it('under a random concurrent workload, stock never goes negative and always equals the sum of its logged movements', async () => {
    const p = (await merchant.post<Product>(`/api/v1/merchant/stores/${store.id}/products`, newProduct())).body;
    // A seeded generator keeps the workload the same on every run.
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const ops = Array.from({ length: 60 }, () => {
      const sku = p.skus[Math.floor(rand() * p.skus.length)]!;
      const delta = Math.floor(rand() * 9) - 6 || 1; // mostly takes, some restocks
      return { sku: sku.id, delta };
    });
    const results = await Promise.all(ops.map((o) => merchant.post<{ stock: number }>(`/api/v1/merchant/skus/${o.sku}/stock`, { delta: o.delta, reason: o.delta > 0 ? 'restock' : 'damage' })));
    expect(results.every((r) => r.status === 200 || (r.status === 409 && r.problem.code === 'invalid_state'))).toBe(true);
    expect(results.some((r) => r.status === 409)).toBe(true); // the workload does run stock out

    const after = (await merchant.get<Product>(`/api/v1/merchant/products/${p.id}`)).body;
    for (const sku of after.skus) {
      expect(sku.stock).toBeGreaterThanOrEqual(0);
      const log = (await merchant.get<Array<{ delta: number }>>(`/api/v1/merchant/skus/${sku.id}/stock-movements?limit=100`)).body;
      expect(log.reduce((a, m) => a + m.delta, 0)).toBe(sku.stock);
      // Accepted changes are exactly the logged ones (besides the initial stock).
      const accepted = ops.filter((o, i) => o.sku === sku.id && results[i]!.status === 200).reduce((a, o) => a + o.delta, 0);
      const initial = p.skus.find((s) => s.id === sku.id)!.stock;
      expect(sku.stock).toBe(initial + accepted);
    }
  });
});
