// Campaigns in real Chromium: an operator creates the 山货上行 programme on 活动管理 (a boost above
// the cap is refused with the field named first); the store's staff see it on 营销活动 as open to
// them and enrol their goods; a shopper on a phone sees the campaign strip on the mall home, the
// campaign page with the goods and their badge, and the badge on the product page, whose links
// carry the campaign so a purchase from it records source `campaign`.
import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Product } from '../../src/modules/catalog/model.ts';
import type { Store } from '../../src/modules/catalog/stores.ts';
import type { Campaign, Enrolment } from '../../src/modules/campaigns/schemas.ts';
import { ensureWebBuilt } from '../../src/platform/web-build.ts';
import { DESKTOP, PHONE, launchChromium, signInAt } from '../support/browser.ts';
import { Client, startTestPlatform, type TestPlatform } from '../support/platform.ts';

const PASSWORD = 'correct-horse-1';
const SHOT = (name: string) => `/tmp/campaigns-${name}.png`;
let t: TestPlatform;
let browser: Browser;
let merchant: Client;
let store: Store;
let walnut: Product;
let food: string;

async function desk(email: string): Promise<Page> {
  const p = await (await browser.newContext(DESKTOP)).newPage();
  await signInAt(p, t.url, email, PASSWORD);
  return p;
}

beforeAll(async () => {
  ensureWebBuilt();
  t = await startTestPlatform({ SERVE_WEB: 'true', CAMPAIGN_MAX_BOOST: '1.5' });
  food = (await t.platform.services.categories.create({ nameZh: '山货特产', nameEn: 'Rural goods' })).id;
  merchant = await t.client.register('cmp-browser-merchant@example.com', ['merchant']);
  const op = await t.platform.services.identity.register({ email: 'cmp-browser-ops@example.com', password: PASSWORD, displayName: '运营小周', roles: [] });
  await t.platform.services.identity.setRoles(op.id, ['operator']);
  store = (await merchant.post<Store>('/api/v1/merchant/stores', { name: '山野集' })).body;
  for (const [title, priceFen] of [['野生核桃', 1990], ['土蜂蜜', 3990]] as const) {
    const r = await merchant.post<Product>(`/api/v1/merchant/stores/${store.id}/products`, { title, categoryId: food, skus: [{ optionValues: {}, priceFen, stock: 50 }] });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    if (title === '野生核桃') walnut = r.body;
  }
  browser = await launchChromium();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('campaigns in the browser', () => {
  it('an operator creates the 山货上行 programme (a boost above the cap is refused first)', async () => {
    const page = await desk('cmp-browser-ops@example.com');
    await page.goto(`${t.url}/ops`);
    await page.getByTestId('ops-campaigns-nav').click();
    await page.waitForURL((u) => u.pathname === '/ops/campaigns');
    await page.getByTestId('cmp-name').fill('山货上行');
    await page.getByTestId('cmp-category').selectOption(food);
    await page.getByTestId('cmp-boost').fill('2');
    await page.getByTestId('cmp-submit').click();
    await expect.poll(() => page.getByTestId('cmp-ops-msg').textContent()).toContain('1.5');
    expect(await page.getByTestId('cmp-row').count()).toBe(0);
    await page.getByTestId('cmp-boost').fill('1.3');
    await page.getByTestId('cmp-submit').click();
    await expect.poll(() => page.getByTestId('cmp-row').count()).toBe(1);
    expect(await page.getByTestId('cmp-row').textContent()).toContain('进行中');
    await page.screenshot({ path: SHOT('ops'), fullPage: true });
    await page.context().close();
  });

  it('the store enrols its goods on 营销活动', async () => {
    const page = await desk('cmp-browser-merchant@example.com');
    await page.goto(`${t.url}/merchant`);
    await page.getByTestId('merchant-campaigns-nav').click();
    await page.waitForURL((u) => u.pathname === '/merchant/campaigns');
    const row = page.getByTestId('cmp-open');
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.getByTestId('cmp-eligibility').textContent()).toBe('可报名');
    await row.getByTestId('cmp-enrol-product').selectOption(walnut.id);
    await row.getByTestId('cmp-enrol').click();
    await expect.poll(() => page.getByTestId('cmp-enrolment').count()).toBe(1);
    expect(await page.getByTestId('cmp-enrolment').getAttribute('data-status')).toBe('enrolled');
    expect(await page.getByTestId('cmp-enrolment').textContent()).toContain('野生核桃');
    const mine = (await merchant.get<{ items: Enrolment[] }>(`/api/v1/merchant/stores/${store.id}/campaign-enrolments`)).body.items;
    expect(mine.map((e) => [e.productId, e.status])).toEqual([[walnut.id, 'enrolled']]);
    await page.screenshot({ path: SHOT('merchant'), fullPage: true });
    await page.context().close();
    await t.platform.bus.drain();
  });

  it('a shopper sees the strip, the campaign page with its badged goods, and the badge on the product page', async () => {
    const [campaign] = (await t.client.get<{ items: Campaign[] }>('/api/v1/campaigns')).body.items;
    expect(campaign?.name).toBe('山货上行');
    const page = await (await browser.newContext(PHONE)).newPage();
    await page.goto(`${t.url}/`);
    const chip = page.getByTestId('campaign-chip');
    await expect.poll(() => chip.count()).toBe(1);
    expect(await chip.textContent()).toContain('山货上行');
    await page.screenshot({ path: SHOT('home') });
    await chip.click();
    await page.waitForURL((u) => u.pathname === `/campaigns/${campaign!.id}`);
    await expect.poll(() => page.getByTestId('campaign-title').textContent()).toBe('山货上行');
    const cards = page.getByTestId('campaign-goods').getByTestId('product-card');
    expect(await cards.count()).toBe(1);
    expect(await cards.first().getByTestId('campaign-badge').textContent()).toBe('山货上行');
    expect(await cards.first().getAttribute('href')).toBe(`/products/${walnut.id}?from=campaign&campaign=${campaign!.id}`);
    await page.screenshot({ path: SHOT('page'), fullPage: true });
    await cards.first().click();
    await page.waitForURL((u) => u.pathname === `/products/${walnut.id}`);
    await expect.poll(() => page.getByTestId('campaign-badge').textContent()).toBe('山货上行');
    await page.screenshot({ path: SHOT('product') });
    await page.context().close();
  });
});
