// 热卖榜 over HTTP: goods sold through real checkouts and sandbox payments are ranked by units sold
// in the last 7 days, per leaf category, per root (its leaves too) and over all; a cancelled
// unpaid order gives its units back; ties go to all-time units, then the newest; goods taken off
// sale drop off once the cached list expires; bad input is a problem+json 400/404.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BestSellerListBody } from '../../src/modules/catalog/bestsellers-routes.ts';
import { BestSellers } from '../../src/modules/catalog/bestsellers.ts';
import type { Product } from '../../src/modules/catalog/model.ts';
import type { Store } from '../../src/modules/catalog/stores.ts';
import type { CheckoutResult } from '../../src/modules/commerce/checkout.ts';
import { Client, payNow, startTestPlatform, type TestPlatform } from '../support/platform.ts';

let t: TestPlatform;
let merchant: Client;
let store: Store;
const cat = { food: '', snacks: '', fruit: '', home: '', kitchen: '' };
const p: Record<string, Product> = {};
let keyN = 0;

async function listing(title: string, categoryId: string, seller = merchant, storeId = store.id): Promise<Product> {
  const r = await seller.post<Product>(`/api/v1/merchant/stores/${storeId}/products`, { title, categoryId, skus: [{ optionValues: {}, priceFen: 1990, stock: 100 }] });
  expect(r.status).toBe(201);
  return r.body;
}

/** A checkout of `quantity` units; paid through the sandbox PSP unless `pay` is false. */
async function buy(shopper: Client, product: Product, quantity: number, pay = true): Promise<CheckoutResult> {
  const r = await shopper.post<CheckoutResult>('/api/v1/checkout', { items: [{ skuId: product.skus[0]!.id, quantity }] }, { 'idempotency-key': `bestsellers-${++keyN}` });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  if (pay) await payNow(t, shopper, r.body.payment!.payUrl);
  return r.body;
}

/** Moves a product's sales so far back before the 7-day window (they still count all-time). */
async function ageSales(product: Product, days: number): Promise<void> {
  await t.platform.db.query(`UPDATE stock_movements SET created_at = now() - $2::int * interval '1 day' WHERE sku_id = $1 AND reason IN ('reserve', 'release')`, [product.skus[0]!.id, days]);
}

async function board(query: string): Promise<BestSellerListBody> {
  // Each check reads what the ledger says now, not a list cached by an earlier check.
  t.platform.services.bestSellers.clear();
  const r = await t.client.get<BestSellerListBody>(`/api/v1/bestsellers${query}`);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body;
}
const ranking = (b: BestSellerListBody) => b.items.map((i) => [i.product.title, i.unitsSold7d]);

beforeAll(async () => {
  t = await startTestPlatform({ SANDBOX_PSP_MAX_DELAY_MS: '0', LOGIN_MAX_ATTEMPTS: '1000' });
  // Payments are settled by payNow, which runs the webhook and the handlers itself.
  await t.platform.bus.stop();
  await t.platform.jobs.stop();
  const cats = t.platform.services.categories;
  cat.food = (await cats.create({ nameZh: '食品', nameEn: 'Food' })).id;
  cat.snacks = (await cats.create({ parentId: cat.food, nameZh: '零食', nameEn: 'Snacks' })).id;
  cat.fruit = (await cats.create({ parentId: cat.food, nameZh: '水果', nameEn: 'Fruit' })).id;
  cat.home = (await cats.create({ nameZh: '家居', nameEn: 'Home' })).id;
  cat.kitchen = (await cats.create({ parentId: cat.home, nameZh: '厨具', nameEn: 'Kitchen' })).id;
  merchant = await t.client.register('bs-merchant@example.com', ['merchant']);
  store = (await merchant.post<Store>('/api/v1/merchant/stores', { name: '热卖测试店' })).body;
  for (const [k, title, c] of [['jerky', '牛肉干', cat.snacks], ['nuts', '每日坚果', cat.snacks], ['oranges', '脐橙', cat.fruit], ['pan', '炒锅', cat.kitchen], ['bowl', '碗', cat.kitchen], ['cup', '保温杯', cat.kitchen], ['oldie', '老款砧板', cat.kitchen], ['unsold', '没人买', cat.snacks]] as const) {
    p[k] = await listing(title, c);
  }
  const ann = await t.client.register('bs-ann@example.com');
  const bob = await t.client.register('bs-bob@example.com');
  await buy(ann, p.jerky!, 3);
  await buy(bob, p.jerky!, 2);
  await buy(ann, p.oranges!, 4);
  await buy(bob, p.nuts!, 3);
  // The pan: 3 units 10 days ago and 2 this week; the bowl and the cup 2 each, the cup listed later.
  await buy(ann, p.pan!, 3);
  await ageSales(p.pan!, 10);
  await buy(bob, p.pan!, 2);
  await buy(ann, p.bowl!, 2);
  await buy(bob, p.cup!, 2);
  // Sold well, but only before the window.
  await buy(ann, p.oldie!, 9);
  await ageSales(p.oldie!, 8);
}, 120_000);
afterAll(() => t.close());

describe('热卖榜', () => {
  it('ranks a leaf, a root (with its leaves) and every category by units sold in 7 days', async () => {
    const snacks = await board(`?categoryId=${cat.snacks}`);
    expect(ranking(snacks)).toEqual([['牛肉干', 5], ['每日坚果', 3]]);
    expect(snacks.category).toEqual({ id: cat.snacks, parentId: cat.food, nameZh: '零食', nameEn: 'Snacks' });
    expect(snacks.windowDays).toBe(7);

    const food = await board(`?categoryId=${cat.food}`);
    expect(ranking(food)).toEqual([['牛肉干', 5], ['脐橙', 4], ['每日坚果', 3]]);
    expect(food.items.map((i) => i.rank)).toEqual([1, 2, 3]);
    expect(food.items[1]!.category).toEqual({ id: cat.fruit, parentId: cat.food, nameZh: '水果', nameEn: 'Fruit' });
    expect(food.items[0]!.product).toEqual({ id: p.jerky!.id, storeId: store.id, title: '牛肉干', imageUrl: null, minPriceFen: 1990, maxPriceFen: 1990, totalStock: 95, available: true });

    const all = await board('');
    expect(all.category).toBeNull();
    expect(ranking(all)).toEqual([['牛肉干', 5], ['脐橙', 4], ['每日坚果', 3], ['炒锅', 2], ['保温杯', 2], ['碗', 2]]);
    expect(ranking(await board('?limit=2'))).toEqual([['牛肉干', 5], ['脐橙', 4]]);
  });

  it('breaks ties by all-time units, then the newest, and leaves out goods with no sale in the window', async () => {
    const kitchen = await board(`?categoryId=${cat.kitchen}`);
    // All three sold 2 this week; the pan sold 3 more before it; the cup was listed after the bowl.
    expect(ranking(kitchen)).toEqual([['炒锅', 2], ['保温杯', 2], ['碗', 2]]);
    expect(kitchen.items.map((i) => i.product.id)).not.toContain(p.oldie!.id);
    expect((await board(`?categoryId=${cat.home}`)).items.map((i) => i.product.id)).toEqual([p.pan!.id, p.cup!.id, p.bowl!.id]);
    expect((await board('?limit=100')).items.map((i) => i.product.id)).not.toContain(p.unsold!.id);
    // A limit that cuts through a tie still orders the tie by all-time units, then the newest.
    expect(ranking(await board(`?categoryId=${cat.kitchen}&limit=2`))).toEqual([['炒锅', 2], ['保温杯', 2]]);
    expect(ranking(await board('?limit=5')).slice(3)).toEqual([['炒锅', 2], ['保温杯', 2]]);
  });

  it('counts an unpaid order until it is cancelled and its stock released', async () => {
    const carl = await t.client.register('bs-carl@example.com');
    const unpaid = await buy(carl, p.nuts!, 4, false);
    expect(ranking(await board(`?categoryId=${cat.snacks}`))).toEqual([['每日坚果', 7], ['牛肉干', 5]]);
    const cancelled = await carl.post<{ status: string }>(`/api/v1/orders/${unpaid.orders[0]!.id}/cancel`, { reason: '不想要了' });
    expect(cancelled.body.status).toBe('cancelled');
    expect(ranking(await board(`?categoryId=${cat.snacks}`))).toEqual([['牛肉干', 5], ['每日坚果', 3]]);
  });

  it('drops goods of a suspended store', async () => {
    const other = await t.client.register('bs-other@example.com', ['merchant']);
    const otherStore = (await other.post<Store>('/api/v1/merchant/stores', { name: '另一家店' })).body;
    const crisps = await listing('薯片', cat.snacks, other, otherStore.id);
    await buy(await t.client.register('bs-dan@example.com'), crisps, 6);
    expect(ranking(await board(`?categoryId=${cat.snacks}`))[0]).toEqual(['薯片', 6]);
    const ops = await t.platform.services.identity.register({ email: 'bs-ops@example.com', password: 'correct-horse-1', displayName: 'ops', roles: [] });
    await t.platform.services.identity.setRoles(ops.id, ['operator']);
    const operator = await t.client.login('bs-ops@example.com', 'correct-horse-1');
    expect((await operator.patch(`/api/v1/ops/stores/${otherStore.id}`, { status: 'suspended' })).status).toBe(200);
    expect(ranking(await board(`?categoryId=${cat.snacks}`))).toEqual([['牛肉干', 5], ['每日坚果', 3]]);
  });

  it('serves a cached list for its time to live; an archived product is gone once it expires', async () => {
    let clock = 1_000_000;
    const svc = t.platform.services;
    const lists = new BestSellers(t.platform.db, svc.productCards, svc.categories, { ttlMs: 60_000, now: () => clock });
    const first = await lists.list(cat.fruit, 10);
    expect(first.items.map((i) => i.product.id)).toEqual([p.oranges!.id]);
    expect((await merchant.post(`/api/v1/merchant/products/${p.oranges!.id}/archive`)).status).toBe(200);
    clock += 59_999;
    expect((await lists.list(cat.fruit, 10)).items.map((i) => i.product.id)).toEqual([p.oranges!.id]);
    expect((await lists.list(cat.fruit, 10)).updatedAt).toBe(first.updatedAt);
    clock += 1;
    const fresh = await lists.list(cat.fruit, 10);
    expect(fresh.items).toEqual([]);
    expect(Date.parse(fresh.updatedAt)).toBe(clock);
    // The same over HTTP, once the platform's own cache is cleared.
    expect((await board(`?categoryId=${cat.food}`)).items.map((i) => i.product.title)).toEqual(['牛肉干', '每日坚果']);
  });

  it('shares one computation between concurrent requests for the same list', async () => {
    let queries = 0;
    const db = t.platform.db;
    const counting = new Proxy(db, { get: (target, key) => (key === 'query' ? (...a: Parameters<typeof db.query>) => (queries++, target.query(...a)) : Reflect.get(target, key)) });
    const lists = new BestSellers(counting, t.platform.services.productCards, t.platform.services.categories);
    const answers = await Promise.all(Array.from({ length: 5 }, () => lists.list(cat.snacks, 5)));
    expect(queries).toBe(1);
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
  });

  it('rejects bad input with problem+json', async () => {
    const cases: Array<[string, number, string, string]> = [
      ['?limit=0', 400, 'validation_failed', 'querystring.limit'],
      ['?limit=1000', 400, 'validation_failed', 'querystring.limit'],
      ['?limit=abc', 400, 'validation_failed', 'querystring.limit'],
      ['?categoryId=snacks', 400, 'validation_failed', 'querystring.categoryId'],
      ['?categoryId=cat_0000000000zzzzzzzzzz', 404, 'not_found', 'categoryId'],
      ['?sort=sales', 400, 'validation_failed', 'querystring.sort'],
    ];
    for (const [query, status, code, field] of cases) {
      const r = await t.client.get(`/api/v1/bestsellers${query}`);
      expect([r.status, r.problem.code, r.problem.field], query).toEqual([status, code, field]);
      expect(r.headers.get('content-type') ?? '').toMatch(/^application\/problem\+json/);
    }
  });
});
