// The web app in real Chromium (Debian's package, driven by playwright-core): a demo merchant
// signs in, creates a product with two SKUs, and a shopper sees it on its public page.
import { mkdirSync } from 'node:fs';
import { type Browser, type Page } from 'playwright-core';
import { launchChromium, signInAt } from '../support/browser.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, createDemoWorld } from '../../src/demo/world.ts';
import { ensureWebBuilt } from '../../src/platform/web-build.ts';
import { startTestPlatform, type TestPlatform } from '../support/platform.ts';

const ARTIFACTS = new URL('../../test-artifacts/', import.meta.url).pathname;

let t: TestPlatform;
let browser: Browser;

beforeAll(async () => {
  ensureWebBuilt();
  mkdirSync(ARTIFACTS, { recursive: true });
  // The sandbox carrier scans and delivers at once, so a parcel arrives within the test.
  t = await startTestPlatform({
    SERVE_WEB: 'true',
    SANDBOX_PSP_MAX_DELAY_MS: '0',
    SANDBOX_PSP_DUPLICATE_RATE: '1',
    SANDBOX_CARRIER_PICKUP_SECONDS: '0',
    SANDBOX_CARRIER_TRANSIT_SECONDS: '0',
    SANDBOX_CARRIER_DELIVER_SECONDS: '0',
    SANDBOX_CARRIER_MAX_DELAY_MS: '0',
  });
  await createDemoWorld(t.platform, { products: 60, progress: false });
  browser = await launchChromium();
}, 300_000);

async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await signInAt(page, t.url, email, password);
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

  it('a shopper adds an address, checks out with a coupon and gets the parcel; the merchant ships, approves a refund and sees it on the statement', async () => {
    // A single-SKU product of the demo merchant's store, and a new shopper (with a default address).
    const merchantApi = await t.client.login('merchant@demo.flywheel', DEMO_PASSWORD);
    const store = (await merchantApi.get<Array<{ id: string }>>('/api/v1/merchant/stores')).body[0]!;
    const categoryId = (await t.client.get<Array<{ children: Array<{ id: string }> }>>('/api/v1/categories')).body[0]!.children[0]!.id;
    const product = (await merchantApi.post<{ id: string }>(`/api/v1/merchant/stores/${store.id}/products`, { title: '浏览器下单 竹编果篮', categoryId, skus: [{ optionValues: {}, priceFen: 8800, stock: 3 }] })).body;
    const shopperEmail = 'browser-walk@example.com';
    const shopperApi = await t.client.register(shopperEmail);

    // The merchant issues a store coupon (满50减8) in the console.
    const merchant = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    merchant.on('dialog', (d) => void d.accept());
    await signIn(merchant, 'merchant@demo.flywheel');
    await merchant.goto(`${t.url}/merchant/coupons`);
    await merchant.getByTestId('coupon-new').click();
    await merchant.getByTestId('coupon-title').fill('浏览器 满50减8');
    await merchant.getByTestId('coupon-threshold').fill('50');
    await merchant.getByTestId('coupon-amount-off').fill('8');
    await merchant.getByTestId('coupon-create').click();
    await expect.poll(() => merchant.getByTestId('merchant-coupon-row').filter({ hasText: '浏览器 满50减8' }).count()).toBe(1);
    await merchant.screenshot({ path: `${ARTIFACTS}merchant-coupons.png` });
    const coupon = (await merchantApi.get<{ items: Array<{ id: string; title: string }> }>(`/api/v1/merchant/stores/${store.id}/coupons`)).body.items.find((c) => c.title === '浏览器 满50减8')!;

    // The shopper adds an address and makes it the default.
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
    page.on('dialog', (d) => void d.accept());
    await signIn(page, shopperEmail, 'correct-horse-1');
    await page.goto(`${t.url}/me/addresses`);
    await expect.poll(() => page.getByTestId('address-item').count()).toBe(1);
    await page.getByTestId('address-add').click();
    await page.getByTestId('address-recipient').fill('李四');
    await page.getByTestId('address-phone').fill('13922223333');
    await page.getByTestId('address-province').selectOption('广东省');
    await page.getByTestId('address-city').fill('深圳市');
    await page.getByTestId('address-district').fill('南山区');
    await page.getByTestId('address-detail').fill('科技园南区 9 号 1801');
    await page.getByTestId('address-default').check();
    await page.screenshot({ path: `${ARTIFACTS}address-form.png` });
    await page.getByTestId('address-save').click();
    await expect.poll(() => page.getByTestId('address-item').count()).toBe(2);
    await expect.poll(() => page.locator('[data-testid="address-item"][data-default="true"]').textContent()).toContain('李四');
    await page.screenshot({ path: `${ARTIFACTS}address-book.png` });

    // On the product page it claims the coupon from the 领券 strip, then buys now.
    await page.goto(`${t.url}/products/${product.id}`);
    await page.getByTestId('coupon-strip').click();
    await page.getByTestId(`claim-${coupon.id}`).click();
    await expect.poll(() => page.getByTestId(`coupon-${coupon.id}`).textContent()).toContain('已领取');
    await page.keyboard.press('Escape');
    await page.getByTestId('buy-now').click();
    await page.waitForURL(/\/checkout$/);
    await expect.poll(() => page.getByTestId('confirm-address').textContent()).toContain('李四');
    await expect.poll(() => page.getByTestId(`confirm-store-coupon-${store.id}`).getAttribute('data-selected')).toBeTruthy();
    await expect.poll(() => page.getByTestId('confirm-total').textContent()).toContain('80');
    await page.screenshot({ path: `${ARTIFACTS}confirm-order.png`, fullPage: true });
    await page.getByTestId('confirm-submit').click();
    await page.waitForURL(/\/pay\//);
    await expect.poll(() => page.getByTestId('pay-amount').textContent()).toContain('80');
    await page.screenshot({ path: `${ARTIFACTS}sandbox-cashier.png` });
    await page.getByTestId('pay-confirm').click();
    await page.waitForURL(/\/orders\/ord_/);
    const orderId = new URL(page.url()).pathname.split('/').pop()!;
    await expect.poll(() => page.getByTestId('order-status').getAttribute('data-status'), { timeout: 30_000 }).toBe('paid');

    // The merchant reveals the address for the waybill and ships with a carrier from the list.
    await merchant.goto(`${t.url}/merchant/orders`);
    await expect.poll(() => merchant.getByTestId(`order-address-${orderId}`).first().textContent()).toContain('139****3333');
    await merchant.getByTestId(`ship-${orderId}`).click();
    const dialog = merchant.getByTestId('ship-dialog');
    await dialog.getByTestId(`reveal-address-${orderId}`).click();
    await expect.poll(() => dialog.getByTestId(`order-address-${orderId}`).textContent()).toContain('13922223333');
    await merchant.getByTestId('ship-carrier').selectOption('zto');
    await merchant.getByTestId('ship-tracking').fill('ZT1029384756');
    await merchant.screenshot({ path: `${ARTIFACTS}merchant-ship.png` });
    await merchant.getByTestId('ship-submit').click();
    await expect.poll(() => merchant.getByTestId('ship-dialog').count()).toBe(0);

    // The sandbox carrier scans and delivers; the order page follows the parcel by itself.
    await page.reload();
    await expect.poll(() => page.getByTestId('order-status').getAttribute('data-status'), { timeout: 60_000 }).toBe('delivered');
    await expect.poll(() => page.getByTestId('order-tracking').getAttribute('data-tracking-status')).toBe('delivered');
    expect(await page.getByTestId('order-tracking').textContent()).toContain('ZT1029384756');
    await page.getByTestId('order-tracking-more').click();
    expect(await page.locator('[data-testid="order-tracking-events"] li').count()).toBeGreaterThanOrEqual(3);
    await page.screenshot({ path: `${ARTIFACTS}order-delivered.png`, fullPage: true });

    // The shopper asks for a refund (quality problem, keep the goods).
    await page.getByTestId('order-after-sales').click();
    await page.getByTestId('as-type-refund_only').click();
    await page.getByTestId('as-reason-quality').click();
    await expect.poll(() => page.getByTestId('as-amount').inputValue()).toBe('80');
    await page.getByTestId('as-note').fill('果篮边缘开裂');
    await page.screenshot({ path: `${ARTIFACTS}after-sales-apply.png`, fullPage: true });
    await page.getByTestId('as-submit').click();
    await page.waitForURL(/\/after-sales\/asc_/);
    const caseId = new URL(page.url()).pathname.split('/').pop()!;
    await expect.poll(() => page.getByTestId('case-status').getAttribute('data-status')).toBe('requested');

    // The merchant approves it; the refund goes back through the sandbox PSP.
    await merchant.goto(`${t.url}/merchant/after-sales`);
    await merchant.getByTestId(`as-approve-${caseId}`).click();
    await expect.poll(() => merchant.locator(`[data-case-id="${caseId}"] [data-testid="case-status"]`).getAttribute('data-status')).toMatch(/^refund(ing|ed)$/);
    await merchant.screenshot({ path: `${ARTIFACTS}merchant-after-sales.png` });
    await expect
      .poll(
        async () => {
          await page.reload();
          return page.getByTestId('case-status').getAttribute('data-status');
        },
        { timeout: 30_000 },
      )
      .toBe('refunded');
    await page.screenshot({ path: `${ARTIFACTS}after-sales-case.png`, fullPage: true });

    // The statement shows the sale and the refund of this order.
    await merchant.goto(`${t.url}/merchant/statement`);
    await expect.poll(() => merchant.locator('[data-testid="statement-line"][data-kind="after_sales_refund"]').count()).toBe(1);
    expect(await merchant.locator('[data-testid="statement-line"][data-kind="order_payment"]').count()).toBeGreaterThanOrEqual(1);
    await merchant.screenshot({ path: `${ARTIFACTS}merchant-statement.png`, fullPage: true });

    // What the pages showed is what the API holds.
    const order = (await shopperApi.get<{ status: string; discountFen: number; payFen: number; shippingAddress: { recipient: string }; afterSales: { refundedFen: number } }>(`/api/v1/orders/${orderId}`)).body;
    expect(order).toMatchObject({ status: 'delivered', discountFen: 800, payFen: 8000, shippingAddress: { recipient: '李四' }, afterSales: { refundedFen: 8000 } });
  }, 180_000);
});
