// 精选联盟 in real Chromium (Debian's package, driven by playwright-core), at desktop size: a
// merchant offers an open plan on one of their goods in the console (picker, rate, samples; then
// a cut shown with the date it applies) and approves a creator's application; the creator finds
// the goods in 选品广场 by searching, adds them to the showcase, sees them listed in 我的橱窗, is
// publishes a video carrying them through the studio; a shopper on a phone buys from that video
// (product card → buy now → sandbox cashier); once the return window after delivery has closed (a
// clock the test moves) 收益 shows the settled commission beside a pending one bought through the
// showcase, the creator withdraws, and the store sees the sales under 达人带货.
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Earnings, Withdrawal } from '../../src/modules/alliance/earnings-schemas.ts';
import type { Application, Plan } from '../../src/modules/alliance/schemas.ts';
import type { Product } from '../../src/modules/catalog/model.ts';
import type { Store } from '../../src/modules/catalog/stores.ts';
import type { CheckoutResult } from '../../src/modules/commerce/checkout.ts';
import type { ImageInfo } from '../../src/modules/media/service.ts';
import { ensureWebBuilt } from '../../src/platform/web-build.ts';
import { DESKTOP, launchChromium, PHONE, signInAt } from '../support/browser.ts';
import { dropVideo, makeVideo, type MadeVideo } from '../support/media.ts';
import { startTestPlatform, type Client, type TestPlatform } from '../support/platform.ts';

const PASSWORD = 'correct-horse-1'; // what Client.register signs up with
const MERCHANT = 'alliance-merchant@example.com';
const CREATOR = 'alliance-creator@example.com';
const SHOT = (name: string) => `/tmp/alliance-${name}.png`;

let t: TestPlatform;
let browser: Browser;
// One signed-in page per side, kept across the tests (few page loads).
let merchantPage: Page;
let creatorPage: Page;
const contexts: BrowserContext[] = [];
let merchant: Client;
let creator: Client;
let store: Store;
let honey: Product;
let tea: Product;
let clip: MadeVideo;
let videoId: string;
const DAY = 86_400_000;
let offsetMs = 0;

async function image(owner: Client, fill: string, accent: string): Promise<string> {
  const art = `<svg xmlns="http://www.w3.org/2000/svg" width="600" height="600"><rect width="600" height="600" fill="${fill}"/>
    <ellipse cx="300" cy="330" rx="170" ry="200" fill="${accent}"/><rect x="230" y="110" width="140" height="60" rx="12" fill="#6b3b22"/></svg>`;
  const fd = new FormData();
  fd.append('file', new Blob([new Uint8Array(await sharp(Buffer.from(art)).png().toBuffer())], { type: 'image/png' }), 'art.png');
  return (await owner.post<ImageInfo>('/api/v1/images', fd)).body.id;
}

beforeAll(async () => {
  ensureWebBuilt();
  // Payments, parcels and payouts at once; the return window (7 days after delivery) passes on the
  // alliance's clock, which the test moves.
  clip = await makeVideo({ seconds: 3 });
  t = await startTestPlatform({
    SERVE_WEB: 'true',
    SANDBOX_PSP_MAX_DELAY_MS: '0',
    SANDBOX_CARRIER_PICKUP_SECONDS: '0',
    SANDBOX_CARRIER_TRANSIT_SECONDS: '0',
    SANDBOX_CARRIER_DELIVER_SECONDS: '0',
    SANDBOX_CARRIER_MAX_DELAY_MS: '0',
    SANDBOX_PAYOUT_DELAY_MS: '0',
    SANDBOX_PAYOUT_MAX_DELAY_MS: '0',
    JOBS_POLL_MS: '100',
  }, { clock: () => new Date(Date.now() + offsetMs) });
  const food = await t.platform.services.categories.create({ nameZh: '食品', nameEn: 'Food' });
  const local = await t.platform.services.categories.create({ parentId: food.id, nameZh: '地方特产', nameEn: 'Local specialties' });
  merchant = await t.client.register(MERCHANT, ['merchant'], '蜂农老周');
  creator = await t.client.register(CREATOR, ['creator'], '美食小鹿');
  // The creator ships to their own address: shoppers' parcels going there would be withheld.
  expect((await creator.post('/api/v1/me/addresses', { recipient: '鹿小姐', phone: '13900001111', province: '上海市', city: '上海市', district: '徐汇区', detail: '漕溪北路 8 号', isDefault: true })).status).toBe(201);
  store = (await merchant.post<Store>('/api/v1/merchant/stores', { name: '老周蜂场', description: '秦岭深山土蜂蜜', rural: true })).body;
  const goods = async (title: string, priceFen: number, fill: string, accent: string) => {
    const made = await merchant.post<Product>(`/api/v1/merchant/stores/${store.id}/products`, { title, categoryId: local.id, status: 'active', imageIds: [await image(merchant, fill, accent)], skus: [{ optionValues: {}, priceFen, stock: 200 }] });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    return made.body;
  };
  honey = await goods('秦岭土蜂蜜 500g 百花蜜 农家自产', 6800, '#fff6e0', '#f0a818');
  tea = await goods('蜂蜜柚子茶 1kg 冲饮', 3990, '#fff3e8', '#ff9a3d');
  // A gated plan on the second goods, and the creator's application to it (the queue's row).
  const gated = await merchant.post<Plan>(`/api/v1/merchant/stores/${store.id}/alliance/plans`, { productId: tea.id, kind: 'open', rateBps: 2000, approvalRequired: true });
  expect(gated.status, JSON.stringify(gated.body)).toBe(201);
  expect((await creator.post<Application>(`/api/v1/alliance/plans/${gated.body.id}/applications`, { note: '美食号 12 万粉，主打早餐饮品' })).status).toBe(201);
  browser = await launchChromium();
}, 300_000);

afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
  await t?.close();
  if (clip) await dropVideo(clip);
});

async function desktop(): Promise<Page> {
  const context = await browser.newContext(DESKTOP);
  contexts.push(context);
  return context.newPage();
}

async function signIn(page: Page, email: string): Promise<void> {
  await signInAt(page, t.url, email, PASSWORD);
}

const imagesLoaded = (page: Page) =>
  expect.poll(() => page.locator('img').evaluateAll((els) => els.every((e) => (e as unknown as { complete: boolean; naturalWidth: number }).complete && (e as unknown as { naturalWidth: number }).naturalWidth > 0)), { timeout: 10_000 }).toBe(true);

describe('精选联盟 in Chromium', () => {
  it('a merchant offers an open plan in the console, cuts its rate, and approves an application', async () => {
    const page = (merchantPage = await desktop());
    await signIn(page, MERCHANT);
    await page.goto(`${t.url}/merchant`);
    await page.getByTestId('merchant-alliance-nav').click();
    await page.waitForURL((u) => u.pathname === '/merchant/alliance');
    await expect.poll(() => page.getByTestId('alliance-plan-row').count()).toBe(1);

    // 新建推广计划: the goods, open (the default), 15%, free samples; the preview says what a sale earns.
    await page.getByTestId('alliance-plan-new').click();
    const dialog = page.getByTestId('plan-create-dialog');
    await expect.poll(() => dialog.getByTestId('plan-product').locator('option').count()).toBe(3);
    await dialog.getByTestId('plan-product').selectOption(honey.id);
    await dialog.getByTestId('plan-rate').fill('15');
    await dialog.getByTestId('plan-samples').check();
    await expect.poll(() => dialog.getByTestId('plan-preview').textContent()).toBe('按 ¥68 的售价、15% 佣金率，达人每单约得 ¥10.20。');
    await page.screenshot({ path: SHOT('plan-dialog') });
    await dialog.getByTestId('plan-submit').click();
    await expect.poll(() => page.getByTestId('alliance-plan-row').count()).toBe(2);
    const plans = (await merchant.get<{ items: Plan[] }>(`/api/v1/merchant/stores/${store.id}/alliance/plans`)).body.items;
    const plan = plans.find((p) => p.productId === honey.id)!;
    expect(plan).toMatchObject({ kind: 'open', rateBps: 1500, freeSamples: true, approvalRequired: false, status: 'active', pendingRate: null });
    await expect.poll(() => page.getByTestId(`plan-rate-${plan.id}`).textContent()).toBe('15%');
    await expect.poll(() => page.getByTestId('alliance-notice').textContent()).toContain('佣金率 15%');

    // A cut to 10% is announced: the row shows it with the date it applies; 15% holds until then.
    await page.getByTestId(`plan-edit-${plan.id}`).click();
    await page.getByTestId('plan-edit-rate').fill('10');
    await expect.poll(() => page.getByTestId('plan-edit-dialog').textContent()).toContain('降低佣金');
    await page.getByTestId('plan-edit-submit').click();
    await expect.poll(() => page.getByTestId(`plan-pending-${plan.id}`).textContent()).toMatch(/^\d{4}\/\d{2}\/\d{2} \d{2}:\d{2} 起降为 10%$/);
    const cut = (await merchant.get<{ items: Plan[] }>(`/api/v1/merchant/stores/${store.id}/alliance/plans`)).body.items.find((p) => p.id === plan.id)!;
    expect(cut.rateBps).toBe(1500);
    expect(cut.pendingRate?.rateBps).toBe(1000);
    await imagesLoaded(page);
    await page.screenshot({ path: SHOT('plans'), fullPage: true });

    // 达人申请: the creator's application, approved.
    await page.getByTestId('alliance-tab-applications').click();
    await expect.poll(() => page.getByTestId('alliance-app-row').count()).toBe(1);
    const row = page.getByTestId('alliance-app-row');
    await expect.poll(() => row.textContent()).toContain('美食小鹿');
    expect(await row.textContent()).toContain('美食号 12 万粉');
    await imagesLoaded(page);
    await page.screenshot({ path: SHOT('applications') });
    await row.getByRole('button', { name: '通过' }).click();
    await expect.poll(() => row.textContent()).toContain('已通过');

    // 达人带货: nothing sold through creators yet.
    await page.getByTestId('alliance-tab-creators').click();
    await expect.poll(() => page.getByText('还没有达人带来的成交。').count()).toBe(1);
  });

  it('a creator finds the goods in 选品广场, adds them to the showcase, and carries them in a video', async () => {
    const page = (creatorPage = await desktop());
    await signIn(page, CREATOR);
    await page.goto(`${t.url}/studio/market`);
    // Sorted by rate: the approved 20% plan first, then the 15% one (the cut is not in force yet).
    await expect.poll(() => page.getByTestId('market-card').count()).toBe(2);
    await expect.poll(() => page.getByTestId('market-rate').allTextContents()).toEqual(['佣金 20%', '佣金 15%']);
    // The gated plan's application was approved: its goods may go in the showcase too.
    expect(await page.getByTestId('market-card').first().textContent()).toContain('已通过审核');
    await imagesLoaded(page);
    await page.screenshot({ path: SHOT('market-all') });
    await page.getByTestId('market-search').fill('土蜂蜜');
    await page.getByTestId('market-search').press('Enter');
    await expect.poll(() => page.getByTestId('market-card').count()).toBe(1);
    const card = page.getByTestId('market-card');
    expect(await card.getAttribute('data-product-id')).toBe(honey.id);
    expect(await card.textContent()).toContain('已售 0');
    expect(await card.textContent()).toContain('每单赚 ¥10.20');
    expect(await card.textContent()).toContain('免费寄样');
    await imagesLoaded(page);
    await page.screenshot({ path: SHOT('market') });

    await card.getByTestId('market-add').click();
    await expect.poll(() => card.getByTestId('market-in-showcase').isVisible()).toBe(true);
    expect((await creator.get<{ items: { productId: string }[] }>('/api/v1/me/showcase')).body.items.map((i) => i.productId)).toEqual([honey.id]);

    // 我的橱窗 lists it with the rate in force.
    await page.getByTestId('studio-showcase-nav').click();
    await expect.poll(() => page.getByTestId('showcase-row').count()).toBe(1);
    expect(await page.getByTestId('showcase-row').getAttribute('data-product-id')).toBe(honey.id);
    expect(await page.getByTestId('showcase-row').textContent()).toContain('15%');
    await imagesLoaded(page);
    await page.screenshot({ path: SHOT('showcase') });

    // The video product picker offers the showcase goods (the creator has no store); the video
    // is published carrying them.
    await page.getByTestId('studio-new-nav').click();
    await expect.poll(() => page.getByTestId(`pick-${honey.id}`).isVisible()).toBe(true);
    await page.getByTestId('video-title-input').fill('早餐来一勺土蜂蜜');
    await page.getByTestId(`pick-${honey.id}`).click();
    await expect.poll(() => page.getByTestId('picker-count').textContent()).toContain('1/');
    await imagesLoaded(page);
    await page.screenshot({ path: SHOT('picker'), fullPage: true });
    await page.getByTestId('video-file-input').setInputFiles({ name: 'honey.mp4', mimeType: 'video/mp4', buffer: clip.data });
    await page.getByTestId('video-publish').click();
    await page.waitForURL(/\/studio\/videos\/vid_/, { timeout: 30_000 });
    videoId = page.url().split('/studio/videos/')[1]!;
    await expect.poll(() => page.getByTestId('studio-status').getAttribute('data-status'), { timeout: 120_000, interval: 500 }).toBe('ready');
    expect((await creator.get<{ products: Array<{ id: string }> }>(`/api/v1/videos/${videoId}`)).body.products.map((p) => p.id)).toEqual([honey.id]);

    // 收益: nothing earned yet.
    await page.getByTestId('studio-earnings-nav').click();
    await expect.poll(() => page.getByTestId('earn-available').textContent()).toContain('¥0');
    expect(await page.getByTestId('earn-withdrawn').textContent()).toContain('已提现');
    expect(await page.getByTestId('earn-withdraw').isDisabled()).toBe(true);
  });

  it('a shopper buys from the video on a phone; after the return window the creator sees the commission settled', async () => {
    const creatorId = (await creator.get<{ id: string }>('/api/v1/me')).body.id;
    const shopper = await t.client.register('alliance-shopper@example.com', [], '小王');
    const phone = await browser.newContext(PHONE);
    contexts.push(phone);
    const buyer = await phone.newPage();
    await signIn(buyer, 'alliance-shopper@example.com');
    await buyer.goto(`${t.url}/videos/${videoId}`);
    const card = buyer.getByTestId('video-product-card');
    await expect.poll(() => card.isVisible()).toBe(true);
    await card.click();
    await buyer.waitForURL(new RegExp(`/products/${honey.id}\\?video=${videoId}$`));
    // Two jars, bought now; the order is the video's.
    await buyer.getByTestId('qty-stepper').getByRole('button', { name: '+' }).click();
    await expect.poll(() => buyer.getByTestId('qty').textContent()).toBe('2');
    await buyer.getByTestId('buy-now').click();
    await buyer.getByTestId('confirm-submit').click();
    await buyer.waitForURL(/\/pay\//, { timeout: 30_000 });
    await buyer.screenshot({ path: SHOT('cashier') });
    await buyer.getByTestId('pay-confirm').click();
    const orders = async () => (await shopper.get<{ items: Array<{ id: string; status: string; source: { type: string; id: string | null } }> }>('/api/v1/orders')).body.items;
    await expect.poll(async () => (await orders())[0]?.status, { timeout: 30_000 }).toBe('paid');
    const [viaVideo] = await orders();
    expect(viaVideo!.source).toEqual({ type: 'feed_video', id: videoId });

    // A third jar through the creator's showcase page (paid, so pending).
    const r = await shopper.post<CheckoutResult>('/api/v1/checkout', { items: [{ skuId: honey.skus[0]!.id, quantity: 1 }], source: { type: 'showcase', id: creatorId } }, { 'idempotency-key': 'alliance-buy-showcase' });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect((await shopper.post(`/api/v1/sandbox-psp/payments/${r.body.payment!.payUrl.split('/pay/')[1]}/confirm`, { outcome: 'succeed' })).status).toBe(200);
    await expect.poll(async () => (await creator.get<Earnings>('/api/v1/me/alliance/earnings')).body.pendingFen, { timeout: 30_000 }).toBe(3060);

    // The video's order is shipped and delivered; its return window then passes.
    expect((await merchant.post(`/api/v1/merchant/orders/${viaVideo!.id}/ship`, { carrier: 'sf', trackingNo: 'SF2026112601' })).status).toBe(200);
    await expect.poll(async () => (await orders()).find((o) => o.id === viaVideo!.id)?.status, { timeout: 30_000 }).toBe('delivered');
    await t.platform.bus.drain();
    offsetMs += 8 * DAY;
    expect((await t.platform.services.alliance.settlement.settleDue()).settled).toBe(1);
    // 2 × ¥68 at 15% = ¥20.40, less the 10% service fee: ¥18.36 available; 1 × ¥68: ¥10.20 pending.
    expect((await creator.get<Earnings>('/api/v1/me/alliance/earnings')).body).toMatchObject({ availableFen: 1836, pendingFen: 1020 });

    const page = creatorPage;
    await page.reload();
    await expect.poll(() => page.getByTestId('earn-available').textContent()).toContain('¥18.36');
    expect(await page.getByTestId('earn-pending').textContent()).toContain('¥10.20');
    await expect.poll(() => page.getByTestId('earn-by-content').locator('tbody tr').count()).toBe(2);
    await expect.poll(() => page.getByTestId('earn-content-row').first().textContent()).toBe('短视频早餐来一勺土蜂蜜1¥20.40');
    await expect.poll(() => page.getByTestId('commission-status').allTextContents()).toEqual(['待结算', '已结算']);
    await imagesLoaded(page);
    await page.screenshot({ path: SHOT('earnings'), fullPage: true });

    // 提现: the amount starts at everything available; ¥10 of it goes out.
    await page.getByTestId('earn-withdraw').click();
    await expect.poll(() => page.getByTestId('withdraw-amount').inputValue()).toBe('18.36');
    await page.getByTestId('withdraw-amount').fill('10');
    await page.screenshot({ path: SHOT('withdraw') });
    await page.getByTestId('withdraw-submit').click();
    await expect.poll(() => page.getByTestId('earn-withdraw-done').textContent()).toContain('¥10');
    await expect.poll(() => page.getByTestId('withdrawal-row').count()).toBe(1);
    const [w] = (await creator.get<{ items: Withdrawal[] }>('/api/v1/me/alliance/withdrawals')).body.items;
    expect(w).toMatchObject({ amountFen: 1000 });
    await expect.poll(() => page.getByTestId('earn-available').textContent()).toContain('¥8.36');

    // In English.
    await page.getByTestId('lang-en').click();
    await expect.poll(() => page.getByTestId('earn-available').textContent()).toContain('Available');
    await page.screenshot({ path: SHOT('earnings-en'), fullPage: true });
    await page.getByTestId('lang-zh').click();

    // The store's 达人带货: the creator, 3 units' worth.
    const m = merchantPage;
    await m.getByTestId('alliance-tab-plans').click();
    await m.getByTestId('alliance-tab-creators').click();
    await expect.poll(() => m.getByTestId('alliance-sales-row').count()).toBe(1);
    const sales = await m.getByTestId('alliance-sales-row').textContent();
    expect(sales).toContain('美食小鹿');
    expect(sales).toContain('¥204');
    await m.screenshot({ path: SHOT('creator-sales') });
  });
});
