// The mall in real Chromium (Debian's package, driven by playwright-core) on a phone: a store lists
// goods in two root categories and shoppers buy them (real checkouts, sandbox payments). A signed-out
// shopper sees the 热卖榜 on the home page with the best seller first, opens a category from the
// grid and its sub-categories and sorts, opens /rank and switches tabs (one with no sales yet), and
// reads it all again in English. Screenshots land in test-artifacts/.
import { mkdirSync } from 'node:fs';
import { type Browser, type Page } from 'playwright-core';
import { launchChromium, PHONE } from '../support/browser.ts';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Product } from '../../src/modules/catalog/model.ts';
import type { Store } from '../../src/modules/catalog/stores.ts';
import type { CheckoutResult } from '../../src/modules/commerce/checkout.ts';
import type { ImageInfo } from '../../src/modules/media/service.ts';
import { ensureWebBuilt } from '../../src/platform/web-build.ts';
import { payNow, startTestPlatform, type Client, type TestPlatform } from '../support/platform.ts';

const ARTIFACTS = new URL('../../test-artifacts/', import.meta.url).pathname;

let t: TestPlatform;
let browser: Browser;
const cat = { food: '', snacks: '', fruit: '', home: '', kitchen: '', tech: '', gadgets: '' };
const goods: Record<string, Product> = {};
let keyN = 0;

/** A square product picture: a tinted background with two shapes in the accent colour. */
async function picture(owner: Client, fill: string, accent: string): Promise<string> {
  const art = `<svg xmlns="http://www.w3.org/2000/svg" width="480" height="480"><rect width="480" height="480" fill="${fill}"/>
    <circle cx="210" cy="260" r="120" fill="${accent}"/><rect x="250" y="120" width="130" height="130" rx="26" fill="${accent}" opacity=".7"/></svg>`;
  const fd = new FormData();
  fd.append('file', new Blob([new Uint8Array(await sharp(Buffer.from(art)).png().toBuffer())], { type: 'image/png' }), 'art.png');
  const r = await owner.post<ImageInfo>('/api/v1/images', fd);
  expect(r.status).toBe(201);
  return r.body.id;
}

async function buy(shopper: Client, product: Product, quantity: number): Promise<void> {
  const r = await shopper.post<CheckoutResult>('/api/v1/checkout', { items: [{ skuId: product.skus[0]!.id, quantity }] }, { 'idempotency-key': `browser-mall-${++keyN}` });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  await payNow(t, shopper, r.body.payment!.payUrl);
}

beforeAll(async () => {
  ensureWebBuilt();
  mkdirSync(ARTIFACTS, { recursive: true });
  t = await startTestPlatform({ SERVE_WEB: 'true', SANDBOX_PSP_MAX_DELAY_MS: '0' });
  const cats = t.platform.services.categories;
  cat.food = (await cats.create({ nameZh: '食品生鲜', nameEn: 'Food', sort: 1 })).id;
  cat.snacks = (await cats.create({ parentId: cat.food, nameZh: '休闲零食', nameEn: 'Snacks' })).id;
  cat.fruit = (await cats.create({ parentId: cat.food, nameZh: '生鲜水果', nameEn: 'Fresh fruit', sort: 1 })).id;
  cat.home = (await cats.create({ nameZh: '家居日用', nameEn: 'Home', sort: 2 })).id;
  cat.kitchen = (await cats.create({ parentId: cat.home, nameZh: '厨具餐具', nameEn: 'Kitchen' })).id;
  cat.tech = (await cats.create({ nameZh: '数码家电', nameEn: 'Electronics', sort: 3 })).id;
  cat.gadgets = (await cats.create({ parentId: cat.tech, nameZh: '小家电', nameEn: 'Small appliances' })).id;
  const merchant = await t.client.register('mall-merchant@example.com', ['merchant'], '小鹿');
  const store = (await merchant.post<Store>('/api/v1/merchant/stores', { name: '小鹿优选', rural: true })).body;
  const list = async (key: string, title: string, categoryId: string, priceFen: number, fill: string, accent: string) => {
    const r = await merchant.post<Product>(`/api/v1/merchant/stores/${store.id}/products`, { title, categoryId, imageIds: [await picture(merchant, fill, accent)], skus: [{ optionValues: {}, priceFen, stock: 200 }] });
    expect(r.status).toBe(201);
    goods[key] = r.body;
  };
  await list('jerky', '内蒙古手撕风干牛肉干 500g 原味', cat.snacks, 5990, '#fff1e6', '#a0452a');
  await list('nuts', '每日坚果 30袋装 混合果仁', cat.snacks, 8900, '#fbf3e4', '#c08a3e');
  await list('oranges', '赣南脐橙 5斤装 当季现摘', cat.fruit, 3990, '#fff6e0', '#f08a00');
  await list('pan', '麦饭石不粘炒锅 32cm 少油烟', cat.kitchen, 12900, '#eef4fb', '#3b5b7a');
  await list('fryer', '空气炸锅 5L 大容量 家用', cat.gadgets, 29900, '#f2f2f4', '#5d6270');
  const [ann, bob] = [await t.client.register('mall-ann@example.com'), await t.client.register('mall-bob@example.com')];
  await buy(ann, goods.jerky!, 4);
  await buy(bob, goods.jerky!, 2);
  await buy(ann, goods.oranges!, 4);
  await buy(bob, goods.pan!, 3);
  await buy(bob, goods.nuts!, 2);
  browser = await launchChromium();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const ids = (page: Page, testId: string) => page.getByTestId(testId).evaluateAll((els) => els.map((e) => e.getAttribute('data-product-id')));

describe('the mall in Chromium', () => {
  let page: Page;

  it('shows the 热卖榜 on the home page, the best seller first', async () => {
    page = await (await browser.newContext(PHONE)).newPage();
    await page.goto(t.url);
    await expect.poll(() => page.getByTestId('category-grid').locator('a').count()).toBe(3);
    const overall = page.locator('[data-testid="hot-board"][data-category="all"]');
    await expect.poll(() => overall.getByTestId('hot-item').count()).toBe(3);
    await expect.poll(() => overall.getByTestId('hot-item').evaluateAll((els) => els.map((e) => e.getAttribute('data-product-id')))).toEqual([goods.jerky!.id, goods.oranges!.id, goods.pan!.id]);
    await expect.poll(() => overall.getByTestId('sold-line').first().textContent()).toBe('近7天已售 6');
    // Per-root boards follow: food (jerky, oranges, nuts), home (pan); no board for electronics.
    await expect.poll(() => page.getByTestId('hot-board').evaluateAll((els) => els.map((e) => e.getAttribute('data-category')))).toEqual(['all', cat.food, cat.home]);
    await page.screenshot({ path: `${ARTIFACTS}mall-home.png`, fullPage: true });
  });

  it('opens a category from the grid: its goods, sub-categories, sort and 热卖榜 strip', async () => {
    await page.getByTestId(`cat-tile-${cat.food}`).click();
    await page.waitForURL(`**/categories/${cat.food}`);
    await expect.poll(() => page.getByTestId('category-title').textContent()).toBe('食品生鲜');
    // The goods come through search, which indexes new listings from their events.
    await expect.poll(async () => (await ids(page, 'product-card')).sort(), { timeout: 20_000 }).toEqual([goods.jerky!.id, goods.nuts!.id, goods.oranges!.id].sort());
    // The 热卖 strip loads on its own request: wait for it too.
    await expect.poll(() => ids(page, 'category-hot-item')).toEqual([goods.jerky!.id, goods.oranges!.id, goods.nuts!.id]);
    await page.getByTestId('cat-sort-sales').click();
    await expect.poll(() => ids(page, 'product-card')).toEqual([goods.jerky!.id, goods.oranges!.id, goods.nuts!.id]);
    await page.getByTestId('cat-sort-price').click();
    await expect.poll(() => ids(page, 'product-card')).toEqual([goods.oranges!.id, goods.jerky!.id, goods.nuts!.id]);
    await page.getByTestId('cat-sort-price').click();
    await expect.poll(() => ids(page, 'product-card')).toEqual([goods.nuts!.id, goods.jerky!.id, goods.oranges!.id]);
    await page.screenshot({ path: `${ARTIFACTS}mall-category.png`, fullPage: true });
    await page.getByTestId(`sub-${cat.fruit}`).click();
    await page.waitForURL(`**/categories/${cat.fruit}`);
    await expect.poll(() => ids(page, 'product-card')).toEqual([goods.oranges!.id]);
    await expect.poll(() => ids(page, 'category-hot-item')).toEqual([goods.oranges!.id]);
    await page.screenshot({ path: `${ARTIFACTS}mall-category-leaf.png`, fullPage: true });
  });

  it('lists the 热卖榜 on /rank, tab by tab, with an empty tab for a category with no sales', async () => {
    await page.goto(t.url);
    await page.getByTestId('hot-view-all').click();
    await page.waitForURL('**/rank');
    await expect.poll(() => ids(page, 'rank-row')).toEqual([goods.jerky!.id, goods.oranges!.id, goods.pan!.id, goods.nuts!.id]);
    await expect.poll(() => page.getByTestId('rank-sold').allTextContents()).toEqual(['近7天已售 6', '近7天已售 4', '近7天已售 3', '近7天已售 2']);
    await page.screenshot({ path: `${ARTIFACTS}mall-rank.png`, fullPage: true });
    await page.getByTestId(`rank-tab-${cat.home}`).click();
    await expect.poll(() => ids(page, 'rank-row')).toEqual([goods.pan!.id]);
    expect(new URL(page.url()).searchParams.get('category')).toBe(cat.home);
    await page.getByTestId(`rank-tab-${cat.tech}`).click();
    await expect.poll(() => page.getByTestId('rank-list').textContent()).toContain('这个分类近7天还没有成交');
    await page.screenshot({ path: `${ARTIFACTS}mall-rank-empty.png`, fullPage: false });
  });

  it('reads the same in English', async () => {
    await page.getByTestId('rank-tab-all').click();
    await page.getByTestId('lang-en').click();
    await expect.poll(() => page.getByTestId(`rank-tab-${cat.food}`).textContent()).toBe('Food');
    await expect.poll(() => page.getByTestId('rank-sold').first().textContent()).toBe('6 sold in 7 days');
    await page.screenshot({ path: `${ARTIFACTS}mall-rank-en.png`, fullPage: true });
    await page.goto(t.url);
    await expect.poll(() => page.getByTestId('hot-section').locator('h2').textContent()).toContain('Best sellers');
    await page.screenshot({ path: `${ARTIFACTS}mall-home-en.png`, fullPage: true });
  });
});
