// The store page in real Chromium (Debian's package, driven by playwright-core), on a phone: a
// shopper who bought there once opens the store and sees 你与本店 (买过 1 次, the product they
// bought), follows the store (the button and the follower count change, and the server agrees),
// opens the 视频 tab and the store's video (made with ffmpeg, uploaded and transcoded through the
// API) and the 直播 tab's empty state; then the page in English.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type Page } from 'playwright-core';
import { launchChromium, PHONE, signInAt } from '../support/browser.ts';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Product } from '../../src/modules/catalog/model.ts';
import type { Store } from '../../src/modules/catalog/stores.ts';
import type { CheckoutResult } from '../../src/modules/commerce/checkout.ts';
import type { Video } from '../../src/modules/content/schemas.ts';
import type { HostRoom } from '../../src/modules/live/schemas.ts';
import type { ImageInfo } from '../../src/modules/media/service.ts';
import { ffmpegPath, runTool } from '../../src/platform/media/ffmpeg.ts';
import { ensureWebBuilt } from '../../src/platform/web-build.ts';
import { videoForm } from '../support/media.ts';
import { startTestPlatform, type Client, type TestPlatform } from '../support/platform.ts';

const ARTIFACTS = new URL('../../test-artifacts/', import.meta.url).pathname;
const PASSWORD = 'correct-horse-1'; // what Client.register signs up with
const FONT = '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc';
const SHOPPER = 'store-shopper@example.com';

let t: TestPlatform;
let browser: Browser;
let work: string;
let store: Store;
let bought: Product;
let video: Video;
let merchant: Client;

/** A 2 s portrait clip: a warm gradient with the goods' name on it (when the font is here). */
async function clip(name: string): Promise<Buffer> {
  const path = join(work, 'clip.mp4');
  const text = existsSync(FONT) ? `,drawtext=fontfile=${FONT}:text='${name}':fontsize=30:fontcolor=white:x=(w-tw)/2:y=h*0.35:shadowcolor=black@0.45:shadowx=2:shadowy=2` : '';
  const picture = `color=c=black:s=72x128:r=25,format=rgb24,geq=r='clip(200-60*Y/H,0,255)':g='clip(120+80*Y/H,0,255)':b='clip(90+60*sin(2*PI*(Y/H-T/2)),0,255)',scale=360:640${text}`;
  await runTool(ffmpegPath(), ['-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi', '-i', picture, '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=44100', '-t', '2',
    '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-shortest', path], { timeoutMs: 60_000 });
  return readFile(path);
}

async function image(owner: Client, fill: string, accent: string): Promise<string> {
  const art = `<svg xmlns="http://www.w3.org/2000/svg" width="600" height="600"><rect width="600" height="600" fill="${fill}"/>
    <ellipse cx="300" cy="340" rx="190" ry="130" fill="${accent}"/><path d="M300 200 q50 -100 130 -80 q-50 70 -130 80z" fill="#3c9d4e"/></svg>`;
  const fd = new FormData();
  fd.append('file', new Blob([new Uint8Array(await sharp(Buffer.from(art)).png().toBuffer())], { type: 'image/png' }), 'art.png');
  return (await owner.post<ImageInfo>('/api/v1/images', fd)).body.id;
}

/** Polls (outside a test, where expect.poll is not allowed) until `ok` holds; throws after `ms`. */
async function until<T>(what: string, get: () => Promise<T>, ok: (v: T) => boolean, ms: number): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await get();
    if (ok(v)) return v;
    if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(v)} after ${ms} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

beforeAll(async () => {
  ensureWebBuilt();
  mkdirSync(ARTIFACTS, { recursive: true });
  work = mkdtempSync(join(tmpdir(), 'fw-store-'));
  t = await startTestPlatform({ SERVE_WEB: 'true', TRANSCODE_PRESET: 'ultrafast', SANDBOX_PSP_MAX_DELAY_MS: '0' });
  const tea = await t.platform.services.categories.create({ nameZh: '茶叶', nameEn: 'Tea' });
  merchant = await t.client.register('store-tea@example.com', ['merchant'], '茶园阿杰');
  store = (await merchant.post<Store>('/api/v1/merchant/stores', { name: '阿杰茶园', description: '自家茶园，明前采摘，手工炒制', rural: true })).body;
  const goods = async (title: string, priceFen: number, fill: string, accent: string) => {
    const made = await merchant.post<Product>(`/api/v1/merchant/stores/${store.id}/products`, { title, categoryId: tea.id, status: 'active', imageIds: [await image(merchant, fill, accent)], skus: [{ optionValues: {}, priceFen, stock: 80 }] });
    expect(made.status).toBe(201);
    return made.body;
  };
  bought = await goods('明前龙井 250g 头采嫩芽', 12800, '#eef7e8', '#4f8f3a');
  const puer = await goods('云南普洱熟茶饼 357g', 6800, '#f3ebe4', '#6b3b22');
  await goods('高山白茶 饼茶 300g', 9900, '#f7f4ea', '#c9b27c');

  // The store's video, carrying its goods.
  video = (await merchant.post<Video>('/api/v1/videos', { title: '明前龙井头采，一芽一叶手工炒制', tags: ['春茶'], productIds: [bought.id, puer.id] })).body;
  expect((await merchant.put(`/api/v1/videos/${video.id}/source`, videoForm(await clip('明前龙井 头采')))).status).toBe(202);
  await until('the video', async () => (await merchant.get<Video>(`/api/v1/videos/${video.id}`)).body.status, (s) => s === 'ready', 120_000);

  // A shopper who bought there once (ordered and paid at the sandbox PSP's page).
  const shopper = await t.client.register(SHOPPER, [], '小王');
  const order = (await shopper.post<CheckoutResult>('/api/v1/checkout', { items: [{ skuId: bought.skus[0]!.id, quantity: 1 }], source: { type: 'store_page', id: store.id } }, { 'idempotency-key': 'browser-store-1' })).body;
  expect((await shopper.post(`/api/v1/sandbox-psp/payments/${order.payment!.payUrl.split('/pay/')[1]}/confirm`, { outcome: 'succeed' })).status).toBe(200);
  await until('the order paid', async () => (await shopper.get<{ status: string }>(`/api/v1/orders/${order.orders[0]!.id}`)).body.status, (s) => s === 'paid', 30_000);

  browser = await launchChromium();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await t?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

async function signIn(page: Page, email: string): Promise<void> {
  await signInAt(page, t.url, email, PASSWORD);
}

/** Waits until every image on the page has loaded, for a screenshot that shows them. */
const imagesLoaded = (page: Page) =>
  expect.poll(() => page.locator('img').evaluateAll((els) => els.every((e) => (e as unknown as { complete: boolean; naturalWidth: number }).complete && (e as unknown as { naturalWidth: number }).naturalWidth > 0)), { timeout: 10_000 }).toBe(true);

describe('the store page in Chromium', () => {
  it('a returning shopper sees what they did there, follows the store, and browses its videos and live rooms', async () => {
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    await signIn(page, SHOPPER);
    await page.goto(`${t.url}/stores/${store.id}`);
    await expect.poll(() => page.getByTestId('store-name').textContent(), { timeout: 10_000 }).toBe('阿杰茶园');

    // 你与本店: bought once, not followed yet, with the product bought as a thumbnail.
    await expect.poll(() => page.getByTestId('store-you-bought').textContent(), { timeout: 10_000 }).toContain('买过 1 次');
    await expect.poll(() => page.getByTestId('store-you-followed').count()).toBe(0);
    await expect.poll(() => page.getByTestId('store-you-last').textContent()).toMatch(/上次购买 \d+月\d+日/);
    await expect.poll(() => page.getByTestId('store-you-product').getAttribute('data-product-id')).toBe(bought.id);
    // No experience score exists yet, so none is shown (the slot renders nothing).
    await expect.poll(() => page.getByTestId('store-experience').count()).toBe(0);
    // The goods tab is first: the store's three goods.
    await expect.poll(() => page.getByTestId('product-card').count()).toBe(3);
    await expect.poll(() => page.getByTestId('store-tab-videos').textContent()).toBe('视频1');
    await imagesLoaded(page);
    await page.screenshot({ path: `${ARTIFACTS}store-page-shopper.png` });

    // Follow: the button, the follower count and 你与本店 change, and the server agrees.
    await expect.poll(() => page.getByTestId('follow-button').textContent()).toBe('+ 关注');
    await expect.poll(() => page.getByTestId('follower-count').textContent()).toBe('0 粉丝');
    await page.getByTestId('follow-button').click();
    await expect.poll(() => page.getByTestId('follow-button').textContent()).toBe('已关注');
    await expect.poll(() => page.getByTestId('follower-count').textContent()).toBe('1 粉丝');
    await expect.poll(() => page.getByTestId('store-you-followed').textContent()).toBe('已关注');
    const api = await t.client.login(SHOPPER, PASSWORD);
    expect((await api.get<{ viewer: { following: boolean }; followerCount: number }>(`/api/v1/stores/${store.id}`)).body).toMatchObject({ viewer: { following: true }, followerCount: 1 });

    // 视频: the store's video, with its likes, opening the video page.
    await page.getByTestId('store-tab-videos').click();
    await expect.poll(() => page.getByTestId('store-video').count()).toBe(1);
    await expect.poll(() => page.getByTestId('store-video').getAttribute('data-video-id')).toBe(video.id);
    await expect.poll(() => page.getByTestId('store-video-likes').textContent()).toBe(' 0');
    expect(page.url()).toContain('tab=videos');
    await imagesLoaded(page);
    await page.screenshot({ path: `${ARTIFACTS}store-page-videos.png` });

    // 直播: the store has no rooms, so the empty state.
    await page.getByTestId('store-tab-live').click();
    await expect.poll(() => page.getByTestId('store-live-empty').isVisible()).toBe(true);
    await expect.poll(() => page.getByTestId('store-live-empty').textContent()).toContain('店铺暂时没有直播');
    await page.screenshot({ path: `${ARTIFACTS}store-page-live.png` });

    // In English.
    await page.getByTestId('lang-en').click();
    await expect.poll(() => page.getByTestId('store-tab-live').textContent()).toBe('Live');
    await expect.poll(() => page.getByTestId('store-you-bought').textContent()).toContain('Bought 1×');
    await expect.poll(() => page.getByTestId('follow-button').textContent()).toBe('Following');
    await expect.poll(() => page.getByTestId('store-live-empty').textContent()).toContain('No live streams right now');
    await page.getByTestId('store-tab-goods').click();
    await expect.poll(() => page.getByTestId('product-card').count()).toBe(3);
    await imagesLoaded(page);
    await page.screenshot({ path: `${ARTIFACTS}store-page-en.png` });
    await page.getByTestId('lang-zh').click();

    // The video tile opens the video.
    await page.getByTestId('store-tab-videos').click();
    await page.getByTestId('store-video').click();
    await page.waitForURL((u) => u.pathname === `/videos/${video.id}`);
    await context.close();
  });

  it('while the store is live, its logo and banner lead to the room, and 直播 lists it with a red 直播中 badge and what is coming up', async () => {
    const room = async (body: Record<string, unknown>) => {
      const r = await merchant.post<HostRoom>('/api/v1/live/rooms', body);
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      return r.body;
    };
    const onAir = await room({ title: '春茶开采 · 龙井现炒直播', storeId: store.id, productIds: [bought.id] });
    await room({ title: '周末普洱品鉴会', storeId: store.id, scheduledAt: new Date(Date.now() + 2 * 86_400_000).toISOString() });
    // The ingest's own call for a stream that arrived (browser-live.test.ts pushes a real one over
    // RTMP; here the store page is under test, not the stream).
    await t.platform.services.live.rooms.streamArrived(onAir.id);

    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    await page.goto(`${t.url}/stores/${store.id}?tab=live`);
    await expect.poll(() => page.getByTestId('store-live-card').count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => page.getByTestId('store-live-card').getAttribute('href')).toBe(`/live/${onAir.id}`);
    await expect.poll(() => page.getByTestId('store-live-badge').textContent()).toContain('直播中');
    await expect.poll(() => page.getByTestId('store-live-badge').evaluate((el) => (globalThis as unknown as { getComputedStyle(e: unknown): { backgroundImage: string } }).getComputedStyle(el).backgroundImage)).toContain('rgb(254, 44, 85)');
    await expect.poll(() => page.getByTestId('store-live-upcoming').textContent()).toContain('周末普洱品鉴会');
    await expect.poll(() => page.getByTestId('store-live-ring').getAttribute('href')).toBe(`/live/${onAir.id}`);
    await expect.poll(() => page.getByTestId('store-onair').textContent()).toContain('春茶开采 · 龙井现炒直播');
    // Signed out: no 你与本店.
    await expect.poll(() => page.getByTestId('store-you').count()).toBe(0);
    await imagesLoaded(page);
    await page.screenshot({ path: `${ARTIFACTS}store-page-onair.png` });
    await context.close();
  });
});
