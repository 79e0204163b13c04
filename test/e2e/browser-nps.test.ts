// NPS in real Chromium: earlier buyers answered their surveys over the API on days the test's
// clock sets in the past; a shopper whose order was delivered sees the survey on the order page
// and on 我的, picks 9, writes a comment and is thanked; the operator's NPS dashboard then shows
// the global NPS worked out by hand, its trend, the categories and the stores; the store sees its
// own NPS in the merchant console.
import { type Browser, type Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Product } from '../../src/modules/catalog/model.ts';
import type { Store } from '../../src/modules/catalog/stores.ts';
import type { CheckoutResult } from '../../src/modules/commerce/checkout.ts';
import type { Order } from '../../src/modules/commerce/orders.ts';
import type { Survey } from '../../src/modules/experience/schemas.ts';
import type { ImageInfo } from '../../src/modules/media/service.ts';
import { ensureWebBuilt } from '../../src/platform/web-build.ts';
import { DESKTOP, launchChromium, PHONE, signInAt } from '../support/browser.ts';
import { Client, startTestPlatform, type TestPlatform, INSTANT_SANDBOXES } from '../support/platform.ts';

const SHOPPER = 'nps-browser@example.com';
const PASSWORD = 'correct-horse-1';
const SHOT = (name: string) => `/tmp/nps-${name}.png`;
const DAY = 86_400_000;
let offsetMs = 0;

let t: TestPlatform;
let browser: Browser;
let page: Page;
let orderId: string;
let n = 0;

/** Waits for a condition in beforeAll (expect.poll works only inside tests). */
async function until(what: string, ok: () => Promise<boolean>, ms = 30_000): Promise<void> {
  for (const end = Date.now() + ms; !(await ok()); await new Promise((r) => setTimeout(r, 100))) if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
}

/** Bought, paid, shipped and delivered over the API; resolves when the survey is there. */
async function delivered(who: Client, merchant: Client, product: Product): Promise<string> {
  const r = await who.post<CheckoutResult>('/api/v1/checkout', { items: [{ skuId: product.skus[0]!.id, quantity: 1 }] }, { 'idempotency-key': `nps-browser-${++n}` });
  expect(r.status).toBe(201);
  const id = r.body.orders[0]!.id;
  expect((await who.post(`/api/v1/sandbox-psp/payments/${r.body.payment!.payUrl.split('/pay/')[1]}/confirm`, { outcome: 'succeed' })).status).toBe(200);
  const status = async () => (await who.get<Order>(`/api/v1/orders/${id}`)).body.status;
  await until('payment', async () => (await status()) === 'paid');
  expect((await merchant.post(`/api/v1/merchant/orders/${id}/ship`, { carrier: 'sf', trackingNo: `SF20250000${n}` })).status).toBe(200);
  await until('delivery', async () => (await status()) === 'delivered');
  await until('the survey', async () => (await who.get<{ items: Survey[] }>('/api/v1/me/surveys')).body.items.length === 1);
  return id;
}

const png = (fill: string) => sharp({ create: { width: 600, height: 600, channels: 3, background: fill } }).png().toBuffer();

async function signIn(p: Page, email: string): Promise<void> {
  await signInAt(p, t.url, email, PASSWORD);
}

beforeAll(async () => {
  ensureWebBuilt();
  t = await startTestPlatform(
    {
      SERVE_WEB: 'true',
      ...INSTANT_SANDBOXES,
      JOBS_POLL_MS: '100',
      NPS_RANK_MIN_RESPONSES: '1',
    },
    { clock: () => new Date(Date.now() + offsetMs) },
  );
  const cats = t.platform.services.categories;
  const teaRoot = await cats.create({ nameZh: '茶饮', nameEn: 'Tea & drinks' });
  const tea = await cats.create({ parentId: teaRoot.id, nameZh: '绿茶', nameEn: 'Green tea' });
  const wareRoot = await cats.create({ nameZh: '茶具', nameEn: 'Teaware' });
  const ware = await cats.create({ parentId: wareRoot.id, nameZh: '茶杯', nameEn: 'Cups' });
  const merchantA = await t.client.register('nps-browser-a@example.com', ['merchant'], '茶农老陈');
  const merchantB = await t.client.register('nps-browser-b@example.com', ['merchant'], '窑主小李');
  const shopper = await t.client.register(SHOPPER, [], '王小明');
  const op = await t.platform.services.identity.register({ email: 'nps-browser-ops@example.com', password: PASSWORD, displayName: '运营小张', roles: [] });
  await t.platform.services.identity.setRoles(op.id, ['operator']);
  const storeA = (await merchantA.post<Store>('/api/v1/merchant/stores', { name: '老陈茶园' })).body;
  const storeB = (await merchantB.post<Store>('/api/v1/merchant/stores', { name: '小李窑' })).body;
  const product = async (m: Client, s: Store, title: string, categoryId: string, fill: string) => {
    const fd = new FormData();
    fd.append('file', new Blob([new Uint8Array(await png(fill))], { type: 'image/png' }), 'p.png');
    const imageId = (await m.post<ImageInfo>('/api/v1/images', fd)).body.id;
    return (await m.post<Product>(`/api/v1/merchant/stores/${s.id}/products`, { title, categoryId, imageIds: [imageId], skus: [{ optionValues: {}, priceFen: 16800, stock: 50 }] })).body;
  };
  const longjing = await product(merchantA, storeA, '明前西湖龙井 250g', tea.id, '#6a994e');
  const cup = await product(merchantB, storeB, '汝窑开片品茗杯', ware.id, '#a8c5da');
  // Earlier buyers, on earlier days: store A 8, 10 and 9 (with its goods in 茶饮); store B 10 and 3.
  const earlier: Array<[number, Product, Client, number, string?]> = [
    [60, longjing, merchantA, 8, '还行，发货慢了一天'],
    [45, cup, merchantB, 10, '杯子很漂亮'],
    [30, cup, merchantB, 3, '开片不均匀，和图片差别大'],
    [14, longjing, merchantA, 9],
    [7, longjing, merchantA, 10, '第三次回购了'],
  ];
  for (const [daysAgo, p, m, score, comment] of earlier) {
    offsetMs = -daysAgo * DAY;
    const buyer = await t.client.register(`nps-browser-${daysAgo}@example.com`);
    await delivered(buyer, m, p);
    const [s] = (await buyer.get<{ items: Survey[] }>('/api/v1/me/surveys')).body.items;
    expect((await buyer.post(`/api/v1/surveys/${s!.id}/answer`, { score, ...(comment ? { comment } : {}) })).status).toBe(200);
  }
  offsetMs = 0;
  orderId = await delivered(shopper, merchantA, longjing);
  browser = await launchChromium();
  page = await (await browser.newContext(PHONE)).newPage();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('NPS in the browser', () => {
  it('the shopper sees the survey on the delivered order and answers it on 我的', async () => {
    await signIn(page, SHOPPER);
    await page.goto(`${t.url}/orders/${orderId}`);
    const onOrder = page.getByTestId('nps-survey');
    await onOrder.scrollIntoViewIfNeeded();
    expect(await onOrder.textContent()).toContain('老陈茶园');
    await page.goto(`${t.url}/me`);
    const card = page.getByTestId('nps-survey');
    expect(await card.textContent()).toContain('明前西湖龙井');
    await page.getByTestId('nps-submit').click();
    expect(await card.textContent()).toContain('请先选择 0–10 分');
    await page.getByTestId('nps-score-9').click();
    await page.getByTestId('nps-comment').fill('茶香清高，客服回复也快');
    await page.screenshot({ path: SHOT('survey'), fullPage: true });
    await page.getByTestId('nps-submit').click();
    await expect.poll(() => page.getByTestId('nps-thanks').count()).toBe(1);
    expect(await page.getByTestId('nps-thanks').textContent()).toContain('9');
    await page.screenshot({ path: SHOT('thanks') });
    await page.reload();
    await expect.poll(() => page.getByTestId('me-orders').count()).toBe(1);
    expect(await page.getByTestId('nps-survey').count()).toBe(0);
  });

  it('the operator’s dashboard shows the global NPS, its trend, categories and stores', async () => {
    const desk = await (await browser.newContext(DESKTOP)).newPage();
    await signIn(desk, 'nps-browser-ops@example.com');
    await desk.goto(`${t.url}/ops/distribution`);
    await desk.getByTestId('ops-nps-nav').click();
    await desk.waitForURL('**/ops/nps');
    // 4 promoters (10, 9, 10, 9), 1 passive (8), 1 detractor (3) of 6: (4 − 1) / 6 = +50.
    await expect.poll(() => desk.locator('.nps-value-xl').textContent(), { timeout: 10_000 }).toBe('+50');
    expect(await desk.getByTestId('nps-responses').textContent()).toContain('6');
    expect(await desk.locator('.nps-chart circle').count()).toBe(6); // one week each
    expect(await desk.getByTestId('nps-categories').textContent()).toMatch(/茶饮.*\+75.*茶具/s);
    expect(await desk.getByTestId('nps-bottom-stores').textContent()).toMatch(/小李窑.*老陈茶园/s);
    expect(await desk.getByTestId('nps-comments').textContent()).toContain('茶香清高，客服回复也快');
    await desk.screenshot({ path: SHOT('dashboard'), fullPage: true });
    await desk.getByTestId('nps-bucket-day').click();
    await expect.poll(() => desk.locator('.nps-chart circle').count()).toBe(6);
  });

  it('the store sees its own NPS in the merchant console', async () => {
    const desk = await (await browser.newContext(DESKTOP)).newPage();
    await signIn(desk, 'nps-browser-a@example.com');
    await desk.goto(`${t.url}/merchant`);
    await desk.getByTestId('merchant-nps-nav').click();
    // Store A: 8, 9, 10, 9 → 3 promoters and 1 passive of 4 = +75.
    await expect.poll(() => desk.locator('.nps-value-xl').textContent(), { timeout: 10_000 }).toBe('+75');
    await desk.screenshot({ path: SHOT('merchant'), fullPage: true });
  });
});
