// Reviews (评价) in real Chromium on a phone: a shopper whose order was delivered opens it, taps
// 评价 on the line, gives stars for goods, logistics and service, writes a few words and adds a
// photo; the product page then shows the review in its 评价 section and summary.
import { type Browser, type Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Product } from '../../src/modules/catalog/model.ts';
import type { Store } from '../../src/modules/catalog/stores.ts';
import type { CheckoutResult } from '../../src/modules/commerce/checkout.ts';
import type { ImageInfo } from '../../src/modules/media/service.ts';
import type { Order } from '../../src/modules/commerce/orders.ts';
import { ensureWebBuilt } from '../../src/platform/web-build.ts';
import { DESKTOP, launchChromium, PHONE } from '../support/browser.ts';
import { startTestPlatform, type TestPlatform } from '../support/platform.ts';

const SHOPPER = 'reviews-shopper@example.com';
const SHOT = (name: string) => `/tmp/reviews-${name}.png`;

let t: TestPlatform;
let browser: Browser;
let page: Page;
let product: Product;
let orderId: string;

/** Waits for a condition in beforeAll (expect.poll works only inside tests). */
async function until(what: string, ok: () => Promise<boolean>, ms = 30_000): Promise<void> {
  for (const end = Date.now() + ms; !(await ok()); await new Promise((r) => setTimeout(r, 100))) if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
}

const png = (fill: string) => sharp({ create: { width: 600, height: 600, channels: 3, background: fill } }).png().toBuffer();

beforeAll(async () => {
  ensureWebBuilt();
  t = await startTestPlatform({
    SERVE_WEB: 'true',
    SANDBOX_PSP_MAX_DELAY_MS: '0',
    SANDBOX_CARRIER_PICKUP_SECONDS: '0',
    SANDBOX_CARRIER_TRANSIT_SECONDS: '0',
    SANDBOX_CARRIER_DELIVER_SECONDS: '0',
    SANDBOX_CARRIER_MAX_DELAY_MS: '0',
    JOBS_POLL_MS: '100',
  });
  const category = await t.platform.services.categories.create({ nameZh: '茶叶', nameEn: 'Tea' });
  const merchant = await t.client.register('reviews-merchant@example.com', ['merchant'], '茶农老陈');
  const shopper = await t.client.register(SHOPPER, [], '王小明');
  const store = (await merchant.post<Store>('/api/v1/merchant/stores', { name: '老陈茶园' })).body;
  const fd = new FormData();
  fd.append('file', new Blob([new Uint8Array(await png('#6a994e'))], { type: 'image/png' }), 'tea.png');
  const imageId = (await merchant.post<ImageInfo>('/api/v1/images', fd)).body.id;
  product = (await merchant.post<Product>(`/api/v1/merchant/stores/${store.id}/products`, { title: '明前西湖龙井 250g', categoryId: category.id, imageIds: [imageId], skus: [{ optionValues: {}, priceFen: 16800, stock: 50 }] })).body;
  // Bought, paid, shipped and delivered over the API: the browser part is the review itself.
  const r = await shopper.post<CheckoutResult>('/api/v1/checkout', { items: [{ skuId: product.skus[0]!.id, quantity: 1 }] }, { 'idempotency-key': 'reviews-browser-1' });
  expect(r.status).toBe(201);
  orderId = r.body.orders[0]!.id;
  expect((await shopper.post(`/api/v1/sandbox-psp/payments/${r.body.payment!.payUrl.split('/pay/')[1]}/confirm`, { outcome: 'succeed' })).status).toBe(200);
  const status = async () => (await shopper.get<Order>(`/api/v1/orders/${orderId}`)).body.status;
  await until('payment', async () => (await status()) === 'paid');
  expect((await merchant.post(`/api/v1/merchant/orders/${orderId}/ship`, { carrier: 'sf', trackingNo: 'SF1234567890123' })).status).toBe(200);
  await until('delivery', async () => (await status()) === 'delivered');
  await until('the line to review', async () => (await shopper.get<{ total: number }>('/api/v1/me/reviewable')).body.total === 1);
  browser = await launchChromium();
  page = await (await browser.newContext(PHONE)).newPage();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('reviews in the browser', () => {
  it('the buyer reviews the delivered goods with stars and a photo from the order page', async () => {
    await page.goto(`${t.url}/login`);
    await page.getByTestId('login-email').fill(SHOPPER);
    await page.getByTestId('login-password').fill('correct-horse-1');
    await page.getByTestId('login-submit').click();
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    await page.goto(`${t.url}/orders/${orderId}`);
    await page.getByTestId('review-line-1').click();
    await page.waitForURL(`**/orders/${orderId}/review/1`);
    await page.getByTestId('stars-goods-4').click();
    await page.getByTestId('stars-logistics-5').click();
    await page.getByTestId('stars-service-3').click();
    await page.getByTestId('review-text').fill('茶香清高，回甘明显，包装也很用心');
    await page.getByTestId('review-photo-input').setInputFiles({ name: 'cup.png', mimeType: 'image/png', buffer: await png('#a7c957') });
    await expect.poll(() => page.locator('.rv-photo-cell img').count(), { timeout: 10_000 }).toBe(1);
    await page.screenshot({ path: SHOT('form'), fullPage: true });
    await page.getByTestId('review-submit').click();
    await page.waitForURL((u) => u.pathname === `/orders/${orderId}`);
    await expect.poll(() => page.getByTestId('review-lines').count()).toBe(0);
  });

  it('the product page shows it in the summary and the first reviews', async () => {
    await page.goto(`${t.url}/products/${product.id}`);
    const section = page.getByTestId('review-section');
    await section.scrollIntoViewIfNeeded();
    await expect.poll(() => page.getByTestId('review-average').textContent(), { timeout: 10_000 }).toBe('4.0');
    expect(await section.textContent()).toContain('茶香清高，回甘明显');
    expect(await section.textContent()).toContain('王**');
    expect(await page.getByTestId('review-chip-photos').textContent()).toContain('1');
    expect(await section.locator('.rv-photos img').count()).toBe(1);
    await section.screenshot({ path: SHOT('product') });
  });

  it('the store replies once in 评价管理, and the product page shows the reply', async () => {
    const desk = await (await browser.newContext(DESKTOP)).newPage();
    await desk.goto(`${t.url}/login`);
    await desk.getByTestId('login-email').fill('reviews-merchant@example.com');
    await desk.getByTestId('login-password').fill('correct-horse-1');
    await desk.getByTestId('login-submit').click();
    await desk.waitForURL((u) => !u.pathname.startsWith('/login'));
    await desk.goto(`${t.url}/merchant`);
    await desk.getByTestId('merchant-reviews-nav').click();
    const input = desk.locator('[data-testid^="reply-input-"]');
    await input.fill('感谢认可，新茶上市欢迎回购');
    await desk.locator('[data-testid^="reply-submit-"]').click();
    await expect.poll(() => desk.getByTestId('review-reply').count()).toBe(1);
    expect(await input.count()).toBe(0); // one reply per review
    await desk.screenshot({ path: SHOT('merchant') });
    await page.reload();
    await expect.poll(() => page.getByTestId('review-reply').textContent()).toContain('感谢认可');
  });
});
