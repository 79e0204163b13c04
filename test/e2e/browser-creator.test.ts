// The creator page (达人主页) in real Chromium, on a phone: a creator carries a tea store's goods in
// their showcase (an open plan at 15%) and has published a video. A signed-out shopper finds them
// through search, opens their page (作品 shows the video), taps 关注 — which asks them to sign in
// and brings them back —, follows, opens 橱窗, taps the goods and buys them; the order's source
// is the creator's showcase and the creator earns a commission on it. Then the video's @author
// leads back to the page, and the page in English.
import { mkdirSync } from 'node:fs';
import { type Browser, type Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Commission } from '../../src/modules/alliance/earnings-schemas.ts';
import type { Product } from '../../src/modules/catalog/model.ts';
import type { Store } from '../../src/modules/catalog/stores.ts';
import type { Video } from '../../src/modules/content/schemas.ts';
import type { ImageInfo } from '../../src/modules/media/service.ts';
import type { SearchResultBody } from '../../src/modules/search/schemas.ts';
import { ensureWebBuilt } from '../../src/platform/web-build.ts';
import { launchChromium, PHONE } from '../support/browser.ts';
import { dropVideo, makeVideo, videoForm } from '../support/media.ts';
import { startTestPlatform, type Client, type TestPlatform } from '../support/platform.ts';

const ARTIFACTS = new URL('../../test-artifacts/', import.meta.url).pathname;
const SHOT = (name: string) => `/tmp/creator-${name}.png`;
const PASSWORD = 'correct-horse-1'; // what Client.register signs up with
const SHOPPER = 'creator-shopper@example.com';
const NAME = '茶语小鹿';

let t: TestPlatform;
let browser: Browser;
let creator: Client;
let creatorId: string;
let tea: Product;
let video: Video;

/** Polls (outside a test, where expect.poll is not allowed) until `ok` holds; throws after `ms`. */
async function until<T>(what: string, get: () => Promise<T>, ok: (v: T) => boolean, ms = 60_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await get();
    if (ok(v)) return v;
    if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(v)} after ${ms} ms`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

beforeAll(async () => {
  ensureWebBuilt();
  mkdirSync(ARTIFACTS, { recursive: true });
  t = await startTestPlatform({ SERVE_WEB: 'true', TRANSCODE_PRESET: 'ultrafast', SANDBOX_PSP_MAX_DELAY_MS: '0' });
  const category = await t.platform.services.categories.create({ nameZh: '茶叶', nameEn: 'Tea' });
  const merchant = await t.client.register('creator-tea-store@example.com', ['merchant'], '茶园阿杰');
  const store = (await merchant.post<Store>('/api/v1/merchant/stores', { name: '阿杰茶园', rural: true })).body;
  const art = `<svg xmlns="http://www.w3.org/2000/svg" width="600" height="600"><rect width="600" height="600" fill="#eef7e8"/>
    <ellipse cx="300" cy="340" rx="190" ry="130" fill="#4f8f3a"/><path d="M300 200 q50 -100 130 -80 q-50 70 -130 80z" fill="#3c9d4e"/></svg>`;
  const fd = new FormData();
  fd.append('file', new Blob([new Uint8Array(await sharp(Buffer.from(art)).png().toBuffer())], { type: 'image/png' }), 'tea.png');
  const image = (await merchant.post<ImageInfo>('/api/v1/images', fd)).body;
  const made = await merchant.post<Product>(`/api/v1/merchant/stores/${store.id}/products`, {
    title: '明前龙井 250g 头采嫩芽', categoryId: category.id, status: 'active', imageIds: [image.id], skus: [{ optionValues: {}, priceFen: 12800, stock: 50 }],
  });
  expect(made.status).toBe(201);
  tea = made.body;
  // An open plan at 15%: any creator may carry the tea.
  const plan = await merchant.post(`/api/v1/merchant/stores/${store.id}/alliance/plans`, { productId: tea.id, kind: 'open', rateBps: 1500 });
  expect(plan.status, JSON.stringify(plan.body)).toBe(201);

  creator = await t.client.register('creator-deer@example.com', ['creator'], NAME);
  creatorId = (await creator.get<{ id: string }>('/api/v1/me')).body.id;
  expect((await creator.put(`/api/v1/me/showcase/${tea.id}`)).status).toBe(200);
  // A published video carrying the tea: it makes the creator findable (search indexes creators with videos).
  video = (await creator.post<Video>('/api/v1/videos', { title: '春茶开泡：一芽一叶的明前龙井', productIds: [tea.id] })).body;
  const clip = await makeVideo({ seconds: 2, width: 180, height: 320 });
  expect((await creator.put(`/api/v1/videos/${video.id}/source`, videoForm(clip.data))).status).toBe(202);
  await until('the video ready', async () => (await creator.get<Video>(`/api/v1/videos/${video.id}`)).body.status, (s) => s === 'ready', 120_000);
  await dropVideo(clip);
  // Indexing follows the video's publication: wait until the creator is findable by name.
  await until('the creator indexed', async () => (await t.client.get<SearchResultBody>(`/api/v1/search?type=creator&q=${encodeURIComponent(NAME)}`)).body.items.map((i) => i.id), (ids) => ids.includes(creatorId));

  await t.client.register(SHOPPER, [], '小王');
  browser = await launchChromium();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

/** Waits until every image on the page has loaded, for a screenshot that shows them. */
const imagesLoaded = (page: Page) =>
  expect.poll(() => page.locator('img').evaluateAll((els) => els.every((e) => (e as unknown as { complete: boolean; naturalWidth: number }).complete && (e as unknown as { naturalWidth: number }).naturalWidth > 0)), { timeout: 10_000 }).toBe(true);

describe('the creator page in Chromium', () => {
  it('a shopper finds a creator through search, follows them, and buys from their showcase, which credits the creator', async () => {
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();

    // Search, signed out: the 达人 tab lists the creator; the row opens their page.
    await page.goto(`${t.url}/search?q=${encodeURIComponent(NAME)}`);
    await page.getByTestId('search-tab-creator').click();
    const row = page.locator(`[data-testid=search-creator][data-creator-id=${creatorId}]`);
    await expect.poll(() => row.isVisible(), { timeout: 10_000 }).toBe(true);
    await page.screenshot({ path: SHOT('search') });
    await row.click();
    await page.waitForURL((u) => u.pathname === `/creators/${creatorId}`);

    // The header and 作品: the creator's video, opening the video page.
    await expect.poll(() => page.getByTestId('creator-name').textContent(), { timeout: 10_000 }).toBe(NAME);
    await expect.poll(() => page.getByTestId('creator-followers').textContent()).toBe('0 粉丝');
    await expect.poll(() => page.getByTestId('creator-works').textContent()).toBe('1 作品');
    await expect.poll(() => page.getByTestId('creator-video').getAttribute('data-video-id')).toBe(video.id);
    await expect.poll(() => page.getByTestId('creator-tab-showcase').textContent()).toBe('橱窗1');
    await imagesLoaded(page);
    await page.screenshot({ path: SHOT('videos') });

    // 关注 while signed out asks to sign in, and comes back here.
    await expect.poll(() => page.getByTestId('creator-follow').textContent()).toBe('+ 关注');
    await page.getByTestId('creator-follow').click();
    await page.waitForURL((u) => u.pathname === '/login');
    await page.getByTestId('login-email').fill(SHOPPER);
    await page.getByTestId('login-password').fill(PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.waitForURL((u) => u.pathname === `/creators/${creatorId}`);
    await page.getByTestId('creator-follow').click();
    await expect.poll(() => page.getByTestId('creator-follow').textContent()).toBe('已关注');
    await expect.poll(() => page.getByTestId('creator-followers').textContent()).toBe('1 粉丝');
    const shopper = await t.client.login(SHOPPER, PASSWORD);
    expect((await shopper.get<{ following: boolean; followerCount: number }>(`/api/v1/creators/${creatorId}`)).body).toMatchObject({ following: true, followerCount: 1 });

    // 橱窗: the tea, kept in the address; the card carries the creator to the product page.
    await page.getByTestId('creator-tab-showcase').click();
    await expect.poll(() => new URL(page.url()).searchParams.get('tab')).toBe('showcase');
    const card = page.locator(`[data-testid=product-card][data-product-id=${tea.id}]`);
    await expect.poll(() => card.isVisible()).toBe(true);
    await imagesLoaded(page);
    await page.screenshot({ path: SHOT('showcase') });
    await card.click();
    await page.waitForURL((u) => u.pathname === `/products/${tea.id}` && u.searchParams.get('from') === 'showcase' && u.searchParams.get('creator') === creatorId);

    // Bought now and paid: the order is the showcase's, and the creator earns on it.
    await page.getByTestId('buy-now').click();
    await page.getByTestId('confirm-submit').click();
    await page.waitForURL(/\/pay\//, { timeout: 30_000 });
    await page.getByTestId('pay-confirm').click();
    const orders = async () => (await shopper.get<{ items: Array<{ id: string; status: string; source: { type: string; id: string | null } }> }>('/api/v1/orders')).body.items;
    await expect.poll(async () => (await orders())[0]?.status, { timeout: 30_000 }).toBe('paid');
    const [order] = await orders();
    expect(order!.source).toEqual({ type: 'showcase', id: creatorId });
    const commissions = async () => (await creator.get<{ items: Commission[] }>('/api/v1/me/alliance/commissions')).body.items;
    await expect.poll(async () => (await commissions()).length, { timeout: 30_000 }).toBe(1);
    // The commission is made from `order.created` and accrues from `order.paid`, two consumers
    // of their own: the second may still be on its way when the first is visible.
    await expect.poll(async () => (await commissions())[0]?.status, { timeout: 30_000 }).toBe('pending');
    // ¥128 at 15%: ¥19.20, pending until the return window passes.
    expect((await commissions())[0]).toMatchObject({ orderId: order!.id, productId: tea.id, contentType: 'showcase', contentId: creatorId, commissionFen: 1920, status: 'pending' });

    // The video's @author leads back to the page.
    await page.goto(`${t.url}/videos/${video.id}`);
    await page.getByTestId('video-author-link').click();
    await page.waitForURL((u) => u.pathname === `/creators/${creatorId}`);
    await expect.poll(() => page.getByTestId('creator-follow').textContent(), { timeout: 10_000 }).toBe('已关注');

    // In English.
    await page.getByTestId('lang-en').click();
    await expect.poll(() => page.getByTestId('creator-tab-showcase').textContent()).toBe('Showcase1');
    await expect.poll(() => page.getByTestId('creator-followers').textContent()).toBe('1 followers');
    await imagesLoaded(page);
    await page.screenshot({ path: SHOT('en') });
    await page.getByTestId('lang-zh').click();
    await context.close();
  });
});
