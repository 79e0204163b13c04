// Search in real Chromium (Debian's package, driven by playwright-core): two merchants sell apples,
// oranges, a cable and earbuds. A shopper on a phone types 苹果 into the home search box, sees
// suggestions, searches, and finds the apples with the matched words marked; the pinyin `pingguo`
// finds them too; the 筛选 sheet narrows the goods by category and price (kept in the URL, so a
// reload shows the same), a chip removes a filter, and the 店铺 tab lists the matching store.
import { mkdirSync } from 'node:fs';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { launchChromium, PHONE } from '../support/browser.ts';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Product } from '../../src/modules/catalog/model.ts';
import type { Store } from '../../src/modules/catalog/stores.ts';
import type { ImageInfo } from '../../src/modules/media/service.ts';
import type { SearchResultBody, SuggestResult } from '../../src/modules/search/schemas.ts';
import { ensureWebBuilt } from '../../src/platform/web-build.ts';
import { startTestPlatform, type Client, type TestPlatform } from '../support/platform.ts';

const ARTIFACTS = new URL('../../test-artifacts/', import.meta.url).pathname;

let t: TestPlatform;
let browser: Browser;
let fruitId: string;
const goods = {} as Record<'fuji' | 'aksu' | 'orange' | 'cable' | 'earbuds', Product>;
let orchard: Store;

async function image(owner: Client, fill: string, accent: string): Promise<string> {
  const art = `<svg xmlns="http://www.w3.org/2000/svg" width="400" height="400"><rect width="400" height="400" fill="${fill}"/>
    <circle cx="170" cy="220" r="105" fill="${accent}"/><circle cx="250" cy="205" r="90" fill="${accent}" opacity=".8"/><path d="M200 110 q30 -60 80 -48 q-30 42 -80 48z" fill="#3c9d4e"/></svg>`;
  const fd = new FormData();
  fd.append('file', new Blob([new Uint8Array(await sharp(Buffer.from(art)).png().toBuffer())], { type: 'image/png' }), 'art.png');
  return (await owner.post<ImageInfo>('/api/v1/images', fd)).body.id;
}

async function sell(owner: Client, store: Store, title: string, categoryId: string, priceFen: number, colours: [string, string]): Promise<Product> {
  const r = await owner.post<Product>(`/api/v1/merchant/stores/${store.id}/products`, {
    title, categoryId, status: 'active', imageIds: [await image(owner, ...colours)], skus: [{ optionValues: {}, priceFen, stock: 50 }],
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body;
}

/** Polls (outside a test, where expect.poll is not allowed) until `ok` holds; throws after `ms`. */
async function until<T>(what: string, get: () => Promise<T>, ok: (v: T) => boolean, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await get();
    if (ok(v)) return v;
    if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(v)} after ${ms} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const apiIds = async (q: string) => (await t.client.get<SearchResultBody>(`/api/v1/search?type=product&q=${encodeURIComponent(q)}`)).body.items.map((i) => i.id);

beforeAll(async () => {
  ensureWebBuilt();
  mkdirSync(ARTIFACTS, { recursive: true });
  t = await startTestPlatform({ SERVE_WEB: 'true' });
  const c = t.platform.services.categories;
  fruitId = (await c.create({ nameZh: '水果', nameEn: 'Fruit' })).id;
  const digitalId = (await c.create({ nameZh: '数码', nameEn: 'Digital' })).id;

  const farmer = await t.client.register('search-farmer@example.com', ['merchant'], '果农老王');
  orchard = (await farmer.post<Store>('/api/v1/merchant/stores', { name: '栖霞苹果庄园', rural: true })).body;
  const gadgets = await t.client.register('search-gadgets@example.com', ['merchant'], '数码小李');
  const shop = (await gadgets.post<Store>('/api/v1/merchant/stores', { name: '极客数码旗舰店' })).body;
  await t.platform.services.stores.govern(shop.id, { flagship: true });

  goods.fuji = await sell(farmer, orchard, '烟台红富士苹果 5斤装 脆甜多汁', fruitId, 3_990, ['#fff1e6', '#d7263d']);
  goods.aksu = await sell(farmer, orchard, '阿克苏冰糖心苹果 10斤 整箱', fruitId, 6_990, ['#fff6e8', '#c0392b']);
  goods.orange = await sell(farmer, orchard, '赣南脐橙 5斤装 当季鲜果', fruitId, 2_990, ['#fff6e0', '#f08a00']);
  goods.cable = await sell(gadgets, shop, '苹果数据线 快充 1米 编织款', digitalId, 1_990, ['#eef2f7', '#5b6b7f']);
  goods.earbuds = await sell(gadgets, shop, '无线蓝牙耳机 Bluetooth 主动降噪', digitalId, 19_900, ['#eef0ff', '#3d4cc2']);

  // Indexing follows the catalog's events: wait until the goods are findable by both spellings.
  await until('苹果 indexed', () => apiIds('苹果'), (ids) => [goods.fuji, goods.aksu, goods.cable].every((p) => ids.includes(p.id)));
  await until('pingguo indexed', () => apiIds('pingguo'), (ids) => ids.includes(goods.fuji.id));
  await until('suggestions', async () => (await t.client.get<SuggestResult>(`/api/v1/search/suggest?q=${encodeURIComponent('苹果')}`)).body.items.length, (n) => n > 0);

  browser = await launchChromium();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const shownIds = (page: Page) => page.getByTestId('search-product').evaluateAll((els) => els.map((e) => (e as unknown as { dataset: { productId: string } }).dataset.productId));
/** expect.poll with room for a page load and a round trip on a busy machine (its default is 1 s). */
const poll = <T>(get: () => Promise<T> | T) => expect.poll(get, { timeout: 15_000 });
const url = (page: Page) => new URL(page.url());
/** Waits for a test id's animations (a sheet sliding up) to finish, for a clean screenshot. */
const settled = (page: Page, testId: string) =>
  page.getByTestId(testId).evaluate((el) => Promise.all((el as unknown as { getAnimations(): { finished: Promise<unknown> }[] }).getAnimations().map((a) => a.finished)));

describe('search in Chromium', () => {
  let phone: BrowserContext;
  let page: Page;

  it('types 苹果 in the home search box, sees suggestions, searches and finds the apples with the match marked', async () => {
    phone = await browser.newContext(PHONE);
    page = await phone.newPage();
    await page.goto(`${t.url}/`);
    const box = page.getByTestId('search-input');
    await poll(() => box.isEnabled()).toBe(true);
    await page.screenshot({ path: `${ARTIFACTS}search-home.png` });
    await box.click();
    // Nothing searched yet on this phone: the panel invites a query instead of listing history.
    await poll(() => page.getByTestId('search-panel').textContent()).toContain('输入想找的商品');
    await box.fill('苹果');
    const rows = page.getByTestId('suggestion');
    await poll(() => rows.count()).toBeGreaterThan(0);
    // The typed words are marked inside the suggestions that contain them; each row names its kind.
    await poll(() => page.getByTestId('search-panel').locator('mark').first().textContent()).toBe('苹果');
    await expect.poll(() => rows.first().getAttribute('data-kind')).toMatch(/^(query|word|name)$/);
    await page.screenshot({ path: `${ARTIFACTS}search-suggest.png` });

    // ↓ picks the first row, ↑ returns to the box, Enter searches what was typed.
    await box.press('ArrowDown');
    await expect.poll(() => rows.first().getAttribute('aria-selected')).toBe('true');
    await expect.poll(() => box.getAttribute('aria-activedescendant')).toBe(await rows.first().getAttribute('id'));
    await box.press('ArrowUp');
    expect(await box.getAttribute('aria-activedescendant')).toBeNull();
    await box.press('Enter');
    await page.waitForURL((u) => u.pathname === '/search');
    expect(url(page).searchParams.get('q')).toBe('苹果');

    await poll(() => shownIds(page)).toContain(goods.fuji.id);
    const ids = await shownIds(page);
    expect(ids).toEqual(expect.arrayContaining([goods.aksu.id, goods.cable.id]));
    expect(ids).not.toContain(goods.orange.id);
    expect(ids).not.toContain(goods.earbuds.id);
    const fuji = page.locator(`[data-testid=search-product][data-product-id=${goods.fuji.id}]`);
    await expect.poll(() => fuji.locator('mark').allTextContents()).toContain('苹果');
    await expect.poll(() => fuji.textContent()).toContain('栖霞苹果庄园'); // the card names its store
    await expect.poll(() => fuji.textContent()).toContain('39.9');
    await expect.poll(() => page.getByTestId('search-count-product').textContent()).toBe(String(ids.length));
    await expect.poll(() => page.getByTestId('search-count-store').textContent()).toBe('1');
    await page.screenshot({ path: `${ARTIFACTS}search-results.png` });
  });

  it('finds the same apples by pinyin', async () => {
    const box = page.getByTestId('search-input');
    await box.fill('pingguo');
    await box.press('Escape'); // closes the suggestions; Enter then searches the typed text
    await box.press('Enter');
    await poll(() => url(page).searchParams.get('q')).toBe('pingguo');
    await poll(() => shownIds(page)).toContain(goods.fuji.id);
    expect(await shownIds(page)).not.toContain(goods.orange.id);
    // The server maps the pinyin back onto the Chinese title, so the 苹果 in it is what is marked.
    await expect.poll(() => page.locator(`[data-testid=search-product][data-product-id=${goods.fuji.id}] mark`).allTextContents()).toContain('苹果');
    await page.screenshot({ path: `${ARTIFACTS}search-pinyin.png` });
  });

  it('says what it corrected, when the results are only close ones, and when nothing is found', async () => {
    await page.goto(`${t.url}/search?q=bluetoth`);
    await poll(() => shownIds(page)).toEqual([goods.earbuds.id]);
    await expect.poll(() => page.getByTestId('search-corrections').textContent()).toBe('已为你搜索“bluetooth”（原词“bluetoth”）');

    // No title has both words: the server relaxes the query, and the page says so.
    await page.goto(`${t.url}/search?q=${encodeURIComponent('苹果 耳机')}`);
    await poll(() => shownIds(page)).toContain(goods.earbuds.id);
    await expect.poll(() => shownIds(page)).toContain(goods.fuji.id);
    await expect.poll(() => page.getByTestId('search-relaxed').isVisible()).toBe(true);
    await page.screenshot({ path: `${ARTIFACTS}search-relaxed.png` });

    await page.goto(`${t.url}/search?q=qqzzxx`);
    await poll(() => page.getByTestId('search-empty').textContent()).toContain('没有找到相关结果');
    await expect.poll(() => page.getByTestId('search-relaxed').count()).toBe(0);
  });

  it('narrows the goods in the 筛选 sheet by category and by price; the URL keeps the filters across a reload', async () => {
    await page.goto(`${t.url}/search?q=${encodeURIComponent('苹果')}`);
    await poll(() => shownIds(page)).toContain(goods.cable.id);
    // 价格 sorts cheapest first, a second tap dearest first.
    await page.getByTestId('search-sort-price').click();
    await poll(() => shownIds(page)).toEqual([goods.cable.id, goods.fuji.id, goods.aksu.id]);
    expect(url(page).searchParams.get('sort')).toBe('price_asc');
    await page.getByTestId('search-sort-price').click();
    await poll(() => shownIds(page)).toEqual([goods.aksu.id, goods.fuji.id, goods.cable.id]);
    expect(url(page).searchParams.get('sort')).toBe('price_desc');
    await page.getByTestId('search-sort-relevance').click();
    await poll(() => url(page).searchParams.get('sort')).toBeNull();

    await page.getByTestId('search-filter').click();
    await settled(page, 'filter-sheet');
    const fruit = page.getByTestId(`facet-category-${fruitId}`);
    await expect.poll(() => fruit.textContent()).toBe('水果2');
    await fruit.click();
    // 确定 previews how many goods the choice finds.
    await poll(() => page.getByTestId('filter-apply').textContent()).toBe('确定（2件）');
    await page.screenshot({ path: `${ARTIFACTS}search-filter-sheet.png` });
    await page.getByTestId('filter-apply').click();
    await poll(() => url(page).searchParams.get('category')).toBe(fruitId);
    await poll(async () => (await shownIds(page)).sort()).toEqual([goods.fuji.id, goods.aksu.id].sort());
    await expect.poll(() => page.getByTestId('active-category').textContent()).toContain('水果');

    // A price range typed in yuan: ¥50 and up leaves the ¥39.9 apples out.
    await page.getByTestId('search-filter').click();
    await page.getByTestId('filter-min').fill('50');
    await poll(() => page.getByTestId('filter-apply').textContent()).toBe('确定（1件）');
    await page.getByTestId('filter-apply').click();
    await poll(() => url(page).searchParams.get('minPrice')).toBe('5000');
    await poll(() => shownIds(page)).toEqual([goods.aksu.id]);
    await page.screenshot({ path: `${ARTIFACTS}search-filtered.png` });

    // Refresh: the same state from the URL alone.
    await page.reload();
    await poll(() => shownIds(page)).toEqual([goods.aksu.id]);
    await expect.poll(() => page.getByTestId('active-price').textContent()).toContain('¥50');

    // Removing the price chip brings the cheaper apples back; the category stays.
    await page.getByTestId('active-price').getByRole('button').click();
    await poll(async () => (await shownIds(page)).sort()).toEqual([goods.fuji.id, goods.aksu.id].sort());
    expect(url(page).searchParams.get('minPrice')).toBeNull();
    expect(url(page).searchParams.get('category')).toBe(fruitId);
  });

  it('switches to the 店铺 tab and lists the matching store', async () => {
    await page.getByTestId('search-tab-store').click();
    await poll(() => url(page).searchParams.get('type')).toBe('store');
    // Goods filters belong to the goods tab.
    expect(url(page).searchParams.get('category')).toBeNull();
    const row = page.getByTestId('search-store');
    await poll(() => row.count()).toBe(1);
    await expect.poll(() => row.locator('mark').allTextContents()).toContain('苹果');
    await expect.poll(() => row.getAttribute('href')).toBe(`/stores/${orchard.id}`);
    await page.screenshot({ path: `${ARTIFACTS}search-stores.png` });
  });

  it('keeps recent searches on the device, suggests the popular query, and records a tap as coming from search', async () => {
    await page.goto(`${t.url}/`);
    const box = page.getByTestId('search-input');
    await box.click();
    await poll(() => page.getByTestId('recent-search').allTextContents()).toEqual(['pingguo', '苹果']);
    await page.screenshot({ path: `${ARTIFACTS}search-recent.png` });
    await page.getByTestId('recent-clear').click();
    await poll(() => page.getByTestId('recent-search').count()).toBe(0);

    // 苹果 was searched and found goods, so it is now suggested as a popular query.
    await box.fill('苹');
    await poll(() => page.locator('[data-testid=suggestion][data-kind=query]').allTextContents()).toContain('↗苹果热搜');
    await page.locator('[data-testid=suggestion][data-kind=query]', { hasText: '苹果' }).first().click();
    await page.waitForURL((u) => u.pathname === '/search' && u.searchParams.get('q') === '苹果');
    await poll(() => shownIds(page)).toContain(goods.fuji.id);

    await page.locator(`[data-testid=search-product][data-product-id=${goods.fuji.id}]`).click();
    // The product opens marked as found by search, so an order placed from it is credited to search.
    await page.waitForURL(`**/products/${goods.fuji.id}?from=search`);
    await poll(async () => (await t.platform.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM feed_events WHERE type = 'product_tap' AND item_id = $1 AND source = 'search'", [goods.fuji.id]))[0]?.n ?? 0).toBe(1);
  });

  it('reads in English after the language switch', async () => {
    await page.goto(`${t.url}/search?q=${encodeURIComponent('苹果')}`);
    await poll(() => shownIds(page)).toContain(goods.fuji.id);
    await page.getByTestId('lang-en').click();
    await poll(() => page.getByTestId('search-tab-product').textContent()).toMatch(/^Goods/);
    await expect.poll(() => page.getByTestId('search-sort-relevance').textContent()).toBe('Best match');
    await expect.poll(() => page.getByTestId('search-input').getAttribute('placeholder')).toBe('Search goods');
    await page.screenshot({ path: `${ARTIFACTS}search-results-en.png` });
    await page.getByTestId('lang-zh').click();
    await phone.close();
  });
});
