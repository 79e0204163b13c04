// The web app in real Chromium (Debian's package, driven by playwright-core): a demo merchant
// signs in, creates a product with two SKUs, and a shopper sees it on its public page.
import { existsSync, mkdirSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, createDemoWorld } from '../../src/demo/world.ts';
import { ensureWebBuilt } from '../../src/platform/web-build.ts';
import { startTestPlatform, type TestPlatform } from '../support/platform.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = new URL('../../test-artifacts/', import.meta.url).pathname;

let t: TestPlatform;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: install Debian's chromium package (bash .ci/run does)`);
  ensureWebBuilt();
  mkdirSync(ARTIFACTS, { recursive: true });
  t = await startTestPlatform({ SERVE_WEB: 'true', SANDBOX_PSP_MAX_DELAY_MS: '0', SANDBOX_PSP_DUPLICATE_RATE: '1' });
  await createDemoWorld(t.platform, { products: 60, progress: false });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}, 300_000);

async function signIn(page: Page, email: string): Promise<void> {
  await page.goto(`${t.url}/login`);
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
}

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('web app in Chromium', () => {
  it('a demo merchant creates a product with two SKUs and it shows on its public page', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    await signIn(page, 'merchant@demo.flywheel');
    await page.waitForURL(/\/merchant/);
    await page.getByTestId('new-product').click();

    await page.getByTestId('product-title').fill('浏览器测试 手工陶瓷杯');
    await page.getByTestId('product-category').selectOption({ index: 1 });
    await page.getByTestId('option-name-0').fill('颜色');
    await page.getByTestId('option-values-0').fill('红色,蓝色');
    await page.getByTestId('sku-price-0').fill('59.9');
    await page.getByTestId('sku-stock-0').fill('12');
    await page.getByTestId('sku-price-1').fill('69');
    await page.getByTestId('sku-stock-1').fill('0');
    await page.screenshot({ path: `${ARTIFACTS}merchant-product-editor.png`, fullPage: true });
    await page.getByTestId('product-save').click();

    await page.waitForURL(/\/products\/prd_/);
    const productId = page.url().split('/products/')[1]!.split(/[?#]/)[0]!;
    await expect.poll(() => page.getByTestId('product-title-heading').textContent()).toBe('浏览器测试 手工陶瓷杯');

    // A shopper (a fresh browser context, signed out) sees it and picks a SKU.
    const shopper = await browser.newPage({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
    await shopper.goto(`${t.url}/products/${productId}`);
    await expect.poll(() => shopper.getByTestId('product-title-heading').textContent()).toBe('浏览器测试 手工陶瓷杯');
    await shopper.getByTestId('opt-颜色-红色').click();
    await expect.poll(() => shopper.getByTestId('selected-sku-price').textContent()).toContain('59.9');
    await shopper.getByTestId('opt-颜色-蓝色').click();
    await expect.poll(() => shopper.getByTestId('selected-sku-price').textContent()).toContain('69');
    await shopper.screenshot({ path: `${ARTIFACTS}product-page.png`, fullPage: true });

    // What the page showed is what the API stored.
    const api = await t.client.get<{ skus: Array<{ optionValues: Record<string, string>; priceFen: number; stock: number }> }>(`/api/v1/products/${productId}`);
    expect(api.body.skus.map((s) => [s.optionValues['颜色'], s.priceFen, s.stock]).sort()).toEqual([
      ['红色', 5990, 12],
      ['蓝色', 6900, 0],
    ]);
  });

  it('serves the demo store page in Chinese, with an English switch', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    const stores = await t.client.get<{ items: Array<{ id: string; name: string; flagship: boolean }> }>('/api/v1/stores?flagship=true');
    const store = stores.body.items[0]!;
    await page.goto(`${t.url}/stores/${store.id}`);
    await expect.poll(() => page.getByTestId('store-name').textContent()).toBe(store.name);
    await expect.poll(() => page.getByTestId('product-card').count()).toBeGreaterThan(0); // goods load after the store
    await page.screenshot({ path: `${ARTIFACTS}store-page.png`, fullPage: false });
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    await page.getByTestId('lang-en').click();
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
  });

  it('a shopper buys with the sandbox cashier, and the merchant ships the order', async () => {
    // A single-SKU product of the demo merchant's store, made through the API.
    const merchantApi = await t.client.login('merchant@demo.flywheel', DEMO_PASSWORD);
    const store = (await merchantApi.get<Array<{ id: string }>>('/api/v1/merchant/stores')).body[0]!;
    const categoryId = (await t.client.get<Array<{ children: Array<{ id: string }> }>>('/api/v1/categories')).body[0]!.children[0]!.id;
    const product = (await merchantApi.post<{ id: string; skus: Array<{ id: string }> }>(`/api/v1/merchant/stores/${store.id}/products`, { title: '浏览器下单 竹编果篮', categoryId, skus: [{ optionValues: {}, priceFen: 8800, stock: 3 }] })).body;

    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
    await signIn(page, 'shopper@demo.flywheel');
    await page.goto(`${t.url}/products/${product.id}`);
    await page.getByTestId('buy-now').click();
    await page.waitForURL(/\/pay\//);
    await expect.poll(() => page.getByTestId('pay-amount').textContent()).toContain('88');
    await page.screenshot({ path: `${ARTIFACTS}sandbox-cashier.png` });
    await page.getByTestId('pay-confirm').click();
    await page.waitForURL(/\/orders\/ord_/);
    const orderId = new URL(page.url()).pathname.split('/').pop()!;
    await expect.poll(() => page.getByTestId('order-status').getAttribute('data-status'), { timeout: 30_000 }).toBe('paid');

    const merchant = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    await signIn(merchant, 'merchant@demo.flywheel');
    await merchant.goto(`${t.url}/merchant/orders`);
    await merchant.getByTestId(`ship-${orderId}`).click();
    await merchant.getByTestId('ship-carrier').selectOption({ index: 0 });
    await merchant.getByTestId('ship-tracking').fill('SF1029384756');
    await merchant.screenshot({ path: `${ARTIFACTS}merchant-ship.png` });
    await merchant.getByTestId('ship-submit').click();

    await page.reload();
    await expect.poll(() => page.getByTestId('order-status').getAttribute('data-status'), { timeout: 20_000 }).toBe('shipped');
    await expect.poll(() => page.getByTestId('order-tracking').textContent()).toContain('SF1029384756');
    await page.screenshot({ path: `${ARTIFACTS}order-shipped.png`, fullPage: true });
    const api = await (await t.client.login('shopper@demo.flywheel', DEMO_PASSWORD)).get<{ status: string; history: Array<{ to: string }> }>(`/api/v1/orders/${orderId}`);
    expect(api.body.history.map((h) => h.to)).toEqual(['created', 'paid', 'shipped']);
  });
});
