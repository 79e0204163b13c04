// Insights dashboards in real Chromium. Fixture over HTTP (worked out by hand): store S sells 明前龙井
// P1 (¥100) and 青瓷杯 P2 (¥30); its merchant (also a creator) hosts the store's own live room R.
// Paid today: B1 P1×1 from R (content, F) ¥100 · B2 P2×2 from search (centre, N) ¥60 → GMV ¥160.00,
// 2 orders, 2 buyers, AOV ¥80.00, no refunds. Three viewers play R (its minutes: 3 viewers).
// In the browser: the merchant's 数据罗盘 shows ¥160.00, a drawn chart whose tooltip reads today's
// ¥160.00, the field and FACT splits; the range switches (7 days; an empty past range reads ¥0.00; a
// reversed one shows the server's 400 naming 开始日期); the days CSV downloads with its BOM and
// today's row; the content table opens R's minutes. The creator's 数据中心 shows R's sale. The
// operator's 平台大盘 shows the GMV, the process metrics with their definitions, the NPS/GMV chart,
// its CSV, and the store lookup opens S's dashboard.
import { mkdirSync, readFileSync } from 'node:fs';
import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Product } from '../../src/modules/catalog/model.ts';
import type { Store } from '../../src/modules/catalog/stores.ts';
import type { CheckoutResult } from '../../src/modules/commerce/checkout.ts';
import type { EventRow } from '../../src/modules/feed/insert.ts';
import { DEFINITIONS } from '../../src/modules/insights/definitions.ts';
import { addDays, chinaDay } from '../../src/modules/insights/range.ts';
import { ensureWebBuilt } from '../../src/platform/web-build.ts';
import { DESKTOP, launchChromium, signInAt } from '../support/browser.ts';
import { Client, INSTANT_SANDBOXES, quiesce as quiesceAll, startTestPlatform, type TestPlatform } from '../support/platform.ts';

const PASSWORD = 'correct-horse-1';
const ARTIFACTS = new URL('../../test-artifacts/', import.meta.url).pathname;
const SHOT = (name: string) => `${ARTIFACTS}insights-${name}.png`;
const today = chinaDay(new Date());
let t: TestPlatform;
let browser: Browser;
let merchant: Client;
let store: Store;
let room: string;
let n = 0;

const quiesce = async () => {
  await quiesceAll(t);
  await t.platform.services.insights.traffic.catchUp();
};

/** Errors thrown in the page (a chart's or an effect's): each test ends by asserting there were none. */
const pageErrors: string[] = [];

async function desk(email: string): Promise<Page> {
  const p = await (await browser.newContext({ ...DESKTOP, acceptDownloads: true })).newPage();
  p.on('pageerror', (e) => pageErrors.push(e.message));
  await signInAt(p, t.url, email, PASSWORD);
  return p;
}

async function done(page: Page): Promise<void> {
  await page.context().close();
  expect(pageErrors).toEqual([]);
}

async function buy(who: Client, skuId: string, quantity: number, source: Record<string, string>): Promise<void> {
  const r = await who.post<CheckoutResult>('/api/v1/checkout', { items: [{ skuId, quantity }], source }, { 'idempotency-key': `ins-browser-${++n}-${Date.now()}` });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  expect((await who.post(`/api/v1/sandbox-psp/payments/${r.body.payment!.payUrl.split('/pay/')[1]}/confirm`, { outcome: 'succeed' })).status).toBe(200);
}

/** Reads a download Playwright saved, as bytes. */
async function downloaded(page: Page, click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
  const [d] = await Promise.all([page.waitForEvent('download'), click()]);
  return { name: d.suggestedFilename(), bytes: readFileSync((await d.path())!) };
}

beforeAll(async () => {
  ensureWebBuilt();
  mkdirSync(ARTIFACTS, { recursive: true });
  t = await startTestPlatform({ SERVE_WEB: 'true', ...INSTANT_SANDBOXES });
  const categoryId = (await t.platform.services.categories.create({ nameZh: '茶', nameEn: 'Tea' })).id;
  merchant = await t.client.register('ins-browser-merchant@example.com', ['merchant', 'creator'], '茶铺主理人');
  store = (await merchant.post<Store>('/api/v1/merchant/stores', { name: '罗盘浏览器茶铺' })).body;
  const product = async (title: string, priceFen: number) =>
    (await merchant.post<Product>(`/api/v1/merchant/stores/${store.id}/products`, { title, categoryId, skus: [{ optionValues: {}, priceFen, stock: 100 }] })).body;
  const p1 = await product('明前龙井', 10_000);
  const p2 = await product('青瓷杯', 3_000);
  room = (await merchant.post<{ id: string }>('/api/v1/live/rooms', { title: '店铺自播', storeId: store.id, productIds: [p1.id, p2.id] })).body.id;
  expect(room).toBeTruthy();
  const b1 = await t.client.register('ins-browser-b1@example.com');
  const b2 = await t.client.register('ins-browser-b2@example.com');
  await buy(b1, p1.skus[0]!.id, 1, { type: 'live_room', id: room });
  await buy(b2, p2.skus[0]!.id, 2, { type: 'search' });
  // Three viewers in R, written as the feed module's own write path stores them.
  const rows: EventRow[] = ['r1', 'r2', 'r3'].map((a) => ({ actorKind: 'user', actorId: a, clientEventId: `ins-browser-play-${a}`, type: 'play', itemType: 'live', itemId: room, watchMs: null, durationMs: null, source: 'live', position: null, at: new Date() }));
  await t.platform.db.tx((tx) => t.platform.services.feedEvents.record(tx, rows));
  const op = await t.platform.services.identity.register({ email: 'ins-browser-ops@example.com', password: PASSWORD, displayName: '运营小周', roles: [] });
  await t.platform.services.identity.setRoles(op.id, ['operator']);
  browser = await launchChromium();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('insights in the browser', () => {
  // quiesce polls with expect.poll, which works only inside tests.
  it('the payments and the behaviour are in the figures', async () => {
    await quiesce();
    const d = await merchant.get<{ totals: { gmvFen: number; orders: number } }>(`/api/v1/merchant/stores/${store.id}/insights`);
    expect(d.body.totals).toMatchObject({ gmvFen: 16_000, orders: 2 });
  });

  it('the merchant sees GMV, a drawn chart with the day’s figure, the splits, other ranges and the CSV', async () => {
    const page = await desk('ins-browser-merchant@example.com');
    await page.goto(`${t.url}/merchant`);
    await page.getByTestId('merchant-insights-nav').click();
    await expect.poll(() => page.getByTestId('kpi-gmv-value').textContent()).toBe('¥160.00');
    expect(await page.getByTestId('kpi-orders-value').textContent()).toBe('2');
    expect(await page.getByTestId('kpi-aov-value').textContent()).toBe('¥80.00');
    expect(await page.getByTestId('kpi-refunds-value').textContent()).toBe('¥0.00');
    // Each card carries the server's definition.
    expect(await page.getByTestId('kpi-gmv-def').getAttribute('aria-label')).toContain(DEFINITIONS.gmv.zh);
    expect(await page.getByTestId('insights-field-content').textContent()).toContain('¥100.00');
    expect(await page.getByTestId('insights-field-centre').textContent()).toContain('¥60.00');
    expect(await page.getByTestId('insights-channel-F').textContent()).toContain('62.5%');
    expect(await page.getByTestId('insights-channel-N').textContent()).toContain('37.5%');
    expect(await page.getByTestId('insights-fact').textContent()).toContain(DEFINITIONS.fact.zh);

    // Last 7 days: the chart is SVG, today is on its axis, and its tooltip reads today's GMV.
    await page.getByTestId('insights-range-7').click();
    await page.waitForURL((u) => u.searchParams.get('from') === addDays(today, -6) && u.searchParams.get('to') === today);
    await expect.poll(() => page.getByTestId('insights-range-label').textContent()).toContain('7 天');
    const chart = page.getByTestId('insights-trend-chart');
    await chart.locator('svg').waitFor();
    await expect.poll(() => chart.locator('svg text').allTextContents()).toContain(today.slice(5));
    const box = (await chart.boundingBox())!;
    // Today is the last of seven bands, each about a seventh of the width: aim at its middle.
    await page.mouse.move(box.x + box.width - box.width / 14 - 20, box.y + box.height / 2);
    await expect.poll(() => chart.textContent()).toContain('¥160.00');
    await page.screenshot({ path: SHOT('merchant'), fullPage: true });

    const csv = await downloaded(page, () => page.getByTestId('insights-export-days').click());
    expect(csv.name).toBe(`insights-days-${addDays(today, -6)}-${today}.csv`);
    expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the BOM, for spreadsheet apps
    const lines = csv.bytes.subarray(3).toString('utf8').trim().split('\r\n');
    expect(lines[0]).toBe('day,gmv_yuan,orders,buyers,aov_yuan,refund_yuan,impressions,views,product_taps,visitors');
    expect(lines).toHaveLength(8);
    expect(lines.find((l) => l.startsWith(today))).toMatch(new RegExp(`^${today},160\\.00,2,2,80\\.00,0\\.00,`));
    expect(lines.find((l) => l.startsWith(addDays(today, -1)))).toMatch(/,0\.00,0,0,,0\.00,/);

    // The content table: R sold ¥100.00; its minutes show three viewers.
    const row = page.getByTestId(`insights-content-${room}`);
    expect(await row.textContent()).toContain('¥100.00');
    await page.getByTestId(`insights-live-open-${room}`).click();
    await expect.poll(() => page.getByTestId('insights-live-viewers').textContent()).toBe('3');
    expect(await page.getByTestId('insights-live-gmv').textContent()).toBe('¥100.00');
    await page.getByTestId('insights-live-chart').locator('svg').waitFor();
    expect(await page.getByTestId('insights-creators-table').textContent()).toContain('F 自营账号');
    await page.screenshot({ path: SHOT('merchant-live'), fullPage: true });

    // A past range without sales reads zero; a reversed one shows the server's 400.
    await page.getByTestId('insights-from').fill(addDays(today, -60));
    await page.getByTestId('insights-to').fill(addDays(today, -40));
    await page.getByTestId('insights-apply').click();
    await expect.poll(() => page.getByTestId('insights-range-label').textContent()).toContain('21 天');
    await expect.poll(() => page.getByTestId('kpi-gmv-value').textContent()).toBe('¥0.00');
    await page.getByTestId('insights-from').fill(today);
    await page.getByTestId('insights-to').fill(addDays(today, -3));
    await page.getByTestId('insights-apply').click();
    const err = page.getByTestId('insights-range-error');
    await expect.poll(() => err.textContent()).toContain(`开始日期：${today} 晚于结束日期 ${addDays(today, -3)}`);
    expect(await page.getByTestId('insights-from').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByTestId('kpi-gmv-value').count()).toBe(0);
    await page.screenshot({ path: SHOT('merchant-range-error'), fullPage: true });
    await done(page);
  });

  it('the creator sees their live room’s sale in 数据中心', async () => {
    const page = await desk('ins-browser-merchant@example.com');
    await page.goto(`${t.url}/studio`);
    await page.getByTestId('studio-insights-nav').click();
    await expect.poll(() => page.getByTestId('kpi-gmv-value').textContent()).toBe('¥100.00');
    expect(await page.getByTestId(`insights-content-${room}`).textContent()).toContain('店铺自播');
    await page.getByTestId('insights-trend-chart').locator('svg').waitFor();
    await page.getByTestId(`insights-live-open-${room}`).click();
    await expect.poll(() => page.getByTestId('insights-live-viewers').textContent()).toBe('3');
    await page.screenshot({ path: SHOT('creator'), fullPage: true });
    await done(page);
  });

  it('the operator sees GMV beside NPS, the process metrics with their definitions, the CSV, and a store', async () => {
    const page = await desk('ins-browser-ops@example.com');
    await page.goto(`${t.url}/ops/distribution`);
    await page.getByTestId('ops-insights-nav').click();
    await expect.poll(() => page.getByTestId('kpi-gmv-value').textContent()).toBe('¥160.00');
    expect(await page.getByTestId('kpi-nps-value').textContent()).toBe('—'); // no survey answered
    expect(await page.getByTestId('proc-refundRate-value').textContent()).toBe('0.0%');
    expect(await page.getByTestId('proc-refundRate-def').textContent()).toBe(DEFINITIONS.refundRate.zh);
    expect(await page.getByTestId('proc-pickup24h-def').textContent()).toBe(DEFINITIONS.pickup24h.zh);
    const defs = (await page.getByTestId('insights-definitions').textContent()) ?? '';
    for (const k of ['nps', 'complaintRate', 'newCreatorShare', 'scoreDistribution'] as const) expect(defs).toContain(DEFINITIONS[k].zh);
    const chart = page.getByTestId('insights-nps-gmv-chart');
    await chart.locator('svg').waitFor();
    await expect.poll(() => chart.locator('svg text').allTextContents()).toContain('NPS');
    await page.getByTestId('insights-scores-chart').locator('svg').waitFor();
    await page.screenshot({ path: SHOT('ops'), fullPage: true });
    // In English the definitions follow the language (they come with the response, in both).
    await page.getByTestId('lang-en').click();
    await expect.poll(() => page.getByTestId('proc-refundRate-def').textContent()).toBe(DEFINITIONS.refundRate.en);
    await expect.poll(() => chart.locator('svg text').allTextContents()).toContain('GMV (¥)');
    await page.screenshot({ path: SHOT('ops-en'), fullPage: true });
    await page.getByTestId('lang-zh').click();

    const csv = await downloaded(page, () => page.getByTestId('insights-export-platform').click());
    const text = csv.bytes.subarray(3).toString('utf8');
    expect(text.split('\r\n')[0]).toBe('day,gmv_yuan,orders,refund_yuan,complaints,nps,nps_responses,video_impressions,new_creator_impressions,pickup_due,picked_up_24h');
    expect(text).toContain(`${today},160.00,2,0.00,0,`);

    await page.getByTestId('insights-lookup-input').fill(store.id);
    await page.getByTestId('insights-lookup-go').click();
    await page.waitForURL((u) => u.pathname === `/ops/insights/stores/${store.id}`);
    await expect.poll(() => page.getByTestId('ops-store-insights-name').textContent()).toContain('罗盘浏览器茶铺');
    await expect.poll(() => page.getByTestId('kpi-gmv-value').textContent()).toBe('¥160.00');
    expect(await page.getByTestId('insights-channel-F').textContent()).toContain('¥100.00');
    await page.screenshot({ path: SHOT('ops-store'), fullPage: true });
    await done(page);
  });
});
