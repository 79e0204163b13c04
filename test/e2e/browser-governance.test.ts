// Governance (违规与申诉) in real Chromium. Over HTTP a shopper reports goods of a store and an
// operator upholds it with reduced reach (50% for 7 days) and, on a second report, a warning. In the
// browser the store's staff see 流量受限至 50% and the penalties on /merchant/penalties, appeal the
// reduced reach once (申诉中, no second 申诉); an operator opens the store on the 治理 page's
// appeals tab and accepts the appeal with a note; the store's page then reads 已撤销 with reach back
// to normal. A creator's 带货口碑 page shows its not-yet-scored state and NPS card.
import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Product } from '../../src/modules/catalog/model.ts';
import type { Store } from '../../src/modules/catalog/stores.ts';
import type { Report, StoreStanding } from '../../src/modules/governance/schemas.ts';
import { ensureWebBuilt } from '../../src/platform/web-build.ts';
import { DESKTOP, launchChromium, signInAt } from '../support/browser.ts';
import { Client, startTestPlatform, type TestPlatform } from '../support/platform.ts';

const PASSWORD = 'correct-horse-1';
const SHOT = (name: string) => `/tmp/governance-${name}.png`;
let t: TestPlatform;
let browser: Browser;
let merchant: Client;
let operator: Client;
let store: Store;
let reachPenaltyId: string;

async function signIn(p: Page, email: string): Promise<void> {
  await signInAt(p, t.url, email, PASSWORD);
}

async function desk(email: string): Promise<Page> {
  const p = await (await browser.newContext(DESKTOP)).newPage();
  await signIn(p, email);
  return p;
}

async function reportAndDecide(shopper: Client, productId: string, note: string, penalty: unknown): Promise<string> {
  const r = await shopper.post<Report>('/api/v1/reports', { targetType: 'product', targetId: productId, reason: 'not_as_shown', text: '实物和视频不一样' });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  const d = await operator.post<Report>(`/api/v1/ops/governance/reports/${r.body.id}/decide`, { uphold: true, note, penalty });
  expect(d.status, JSON.stringify(d.body)).toBe(200);
  await t.platform.bus.drain();
  return d.body.penaltyId!;
}

beforeAll(async () => {
  ensureWebBuilt();
  t = await startTestPlatform({ SERVE_WEB: 'true' });
  const categoryId = (await t.platform.services.categories.create({ nameZh: '零食', nameEn: 'Snacks' })).id;
  merchant = await t.client.register('gov-browser-merchant@example.com', ['merchant']);
  await t.client.register('gov-browser-creator@example.com', ['creator']);
  const shopper = await t.client.register('gov-browser-shopper@example.com');
  const op = await t.platform.services.identity.register({ email: 'gov-browser-ops@example.com', password: PASSWORD, displayName: '运营小李', roles: [] });
  await t.platform.services.identity.setRoles(op.id, ['operator']);
  operator = await t.client.login('gov-browser-ops@example.com', PASSWORD);
  store = (await merchant.post<Store>('/api/v1/merchant/stores', { name: '治理浏览器店' })).body;
  const goods: Product[] = [];
  for (const title of ['牛肉干', '猪肉脯']) {
    const r = await merchant.post<Product>(`/api/v1/merchant/stores/${store.id}/products`, { title, categoryId, skus: [{ optionValues: {}, priceFen: 1990, stock: 50 }] });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    goods.push(r.body);
  }
  await t.platform.bus.drain();
  await reportAndDecide(shopper, goods[1]!.id, '宣传用语不规范', { kind: 'warning' });
  reachPenaltyId = await reportAndDecide(shopper, goods[0]!.id, '实物与视频不符', { kind: 'reduced_reach', factor: 0.5, days: 7 });
  browser = await launchChromium();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('penalties and appeals in the browser', () => {
  it('the store sees reduced reach and appeals it once', async () => {
    const page = await desk('gov-browser-merchant@example.com');
    await page.goto(`${t.url}/merchant`);
    await page.getByTestId('merchant-penalties-nav').click();
    await page.waitForURL((u) => u.pathname === '/merchant/penalties');
    await expect.poll(() => page.getByTestId('gov-reach').textContent()).toMatch(/^流量受限至 50%，至 \d{2}\/\d{2}$/);
    expect(await page.getByTestId('gov-points').textContent()).toBe('0 分');
    const rows = page.getByTestId('gov-penalty-row');
    expect(await rows.count()).toBe(2);
    const row = page.locator(`[data-penalty="${reachPenaltyId}"]`);
    expect(await row.locator('.gov-kind').textContent()).toBe('限流至 50%');
    expect(await row.getByTestId('gov-penalty-status').textContent()).toBe('生效中');
    await page.screenshot({ path: SHOT('merchant'), fullPage: true });

    await row.getByTestId('gov-appeal').click();
    await page.getByTestId('gov-appeal-text').fill('视频为实拍，附第三方检测报告');
    await page.screenshot({ path: SHOT('appeal-dialog') });
    await page.getByTestId('gov-appeal-submit').click();
    await expect.poll(() => row.getByTestId('gov-penalty-status').textContent()).toBe('申诉中');
    expect(await row.getByTestId('gov-appeal').count()).toBe(0);
    expect(await row.textContent()).toContain('我的申诉：视频为实拍，附第三方检测报告');
    const s = (await merchant.get<StoreStanding>(`/api/v1/merchant/stores/${store.id}/penalties`)).body;
    expect(s.penalties.find((p) => p.id === reachPenaltyId)).toMatchObject({ status: 'appealed', appealText: '视频为实拍，附第三方检测报告' });
    await page.screenshot({ path: SHOT('appealed'), fullPage: true });
    await page.context().close();
  });

  it('an operator opens the store and accepts the appeal; the store sees it revoked', async () => {
    const ops = await desk('gov-browser-ops@example.com');
    await ops.goto(`${t.url}/ops/governance`);
    await ops.getByTestId('gov-tab-appeals').click();
    await ops.getByTestId('gov-ops-store-id').fill(store.id);
    await ops.getByTestId('gov-ops-store-open').click();
    const row = ops.locator(`[data-penalty="${reachPenaltyId}"]`);
    await expect.poll(() => row.getByTestId('gov-penalty-status').textContent()).toBe('申诉中');
    expect(await ops.getByTestId('gov-appeal-decide').count()).toBe(1);
    await ops.screenshot({ path: SHOT('ops'), fullPage: true });
    await row.getByTestId('gov-appeal-decide').click();
    await ops.getByTestId('gov-appeal-accept').check();
    await ops.getByTestId('gov-appeal-note').fill('证据充分，撤销处罚');
    await ops.screenshot({ path: SHOT('ops-dialog') });
    await ops.getByTestId('gov-appeal-decide-submit').click();
    await expect.poll(() => row.getByTestId('gov-penalty-status').textContent()).toBe('已撤销');
    await expect.poll(() => ops.getByTestId('gov-reach').textContent()).toBe('正常');
    await ops.context().close();

    const page = await desk('gov-browser-merchant@example.com');
    await page.goto(`${t.url}/merchant/penalties`);
    const mine = page.locator(`[data-penalty="${reachPenaltyId}"]`);
    await expect.poll(() => mine.getByTestId('gov-penalty-status').textContent()).toBe('已撤销');
    expect(await mine.textContent()).toContain('平台回复：证据充分，撤销处罚');
    expect(await page.getByTestId('gov-reach').textContent()).toBe('正常');
    await page.screenshot({ path: SHOT('revoked'), fullPage: true });
    await page.context().close();
  });

  it('a creator sees the 带货口碑 page', async () => {
    const page = await desk('gov-browser-creator@example.com');
    await page.goto(`${t.url}/studio`);
    await page.getByTestId('studio-reputation-nav').click();
    await page.waitForURL((u) => u.pathname === '/studio/reputation');
    await expect.poll(() => page.getByTestId('rep-score').textContent()).toContain('订单还不够');
    expect(await page.getByTestId('rep-part-returns').textContent()).toContain('退货率');
    expect(await page.getByTestId('rep-nps').textContent()).toContain('还没有买家回答');
    await page.screenshot({ path: SHOT('reputation'), fullPage: true });
    await page.context().close();
  });
});
