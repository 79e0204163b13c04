// Short videos in real Chromium (Debian's package, driven by playwright-core): a merchant uploads
// a video through the creator studio with one of their goods linked, watches the progress bar and
// the processing, and a shopper on a phone plays it (hls.js over MSE) with the product card on it.
import { mkdirSync } from 'node:fs';
import { type Browser, type Page } from 'playwright-core';
import { launchChromium, signInAt } from '../support/browser.ts';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Product } from '../../src/modules/catalog/model.ts';
import type { Store } from '../../src/modules/catalog/stores.ts';
import type { Video } from '../../src/modules/content/schemas.ts';
import type { ImageInfo } from '../../src/modules/media/service.ts';
import { ensureWebBuilt } from '../../src/platform/web-build.ts';
import { dropVideo, makeVideo, type MadeVideo } from '../support/media.ts';
import { startTestPlatform, type Client, type TestPlatform } from '../support/platform.ts';

const ARTIFACTS = new URL('../../test-artifacts/', import.meta.url).pathname;
const EMAIL = 'studio-merchant@example.com';
const PASSWORD = 'correct-horse-1'; // what Client.register signs up with
const TITLE = '山里现摘 高山脆李 开箱';
const PRODUCT = '高山脆李 5斤装 现摘现发';

let t: TestPlatform;
let browser: Browser;
let merchant: Client;
let product: Product;
let clip: MadeVideo;

beforeAll(async () => {
  ensureWebBuilt();
  mkdirSync(ARTIFACTS, { recursive: true });
  t = await startTestPlatform({ SERVE_WEB: 'true', TRANSCODE_PRESET: 'ultrafast' });
  merchant = await t.client.register(EMAIL, ['merchant'], '山货小林');
  const store = (await merchant.post<Store>('/api/v1/merchant/stores', { name: '小林山货铺', rural: true })).body;
  const category = await t.platform.services.categories.create({ nameZh: '水果', nameEn: 'Fruit' });
  const art = `<svg xmlns="http://www.w3.org/2000/svg" width="600" height="600"><rect width="600" height="600" fill="#fff1e6"/>
    <circle cx="250" cy="320" r="150" fill="#8e2c6b"/><circle cx="370" cy="300" r="130" fill="#b03a7a"/><path d="M300 170 q40 -90 110 -70 q-40 60 -110 70z" fill="#3c9d4e"/></svg>`;
  const fd = new FormData();
  fd.append('file', new Blob([new Uint8Array(await sharp(Buffer.from(art)).png().toBuffer())], { type: 'image/png' }), 'plum.png');
  const image = (await merchant.post<ImageInfo>('/api/v1/images', fd)).body;
  const made = await merchant.post<Product>(`/api/v1/merchant/stores/${store.id}/products`, {
    title: PRODUCT,
    categoryId: category.id,
    status: 'active',
    imageIds: [image.id],
    skus: [{ optionValues: {}, priceFen: 3990, stock: 50 }],
  });
  expect(made.status).toBe(201);
  product = made.body;
  clip = await makeVideo({ seconds: 5 });
  browser = await launchChromium();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await t?.close();
  if (clip) await dropVideo(clip);
});

async function signIn(page: Page, email = EMAIL): Promise<void> {
  await signInAt(page, t.url, email, PASSWORD);
}

describe('short videos in Chromium', () => {
  it('plays H.264 through Media Source Extensions (what hls.js needs)', async () => {
    const page = await browser.newPage();
    const ok = await page.evaluate(() =>
      (globalThis as unknown as { MediaSource: { isTypeSupported(t: string): boolean } }).MediaSource.isTypeSupported('video/mp4; codecs="avc1.64001f,mp4a.40.2"'),
    );
    expect(ok).toBe(true);
    await page.close();
  });

  it('a merchant uploads a video in the studio with a product, and a shopper watches it on a phone', async () => {
    const studio = await browser.newPage({ viewport: { width: 1280, height: 860 }, locale: 'zh-CN' });
    await signIn(studio);
    await studio.goto(`${t.url}/merchant`);
    await studio.getByTestId('merchant-studio-nav').click();
    await studio.waitForURL(/\/studio$/);
    await studio.getByTestId('studio-new').click();

    await studio.getByTestId('video-title-input').fill(TITLE);
    await studio.getByTestId('video-tags-input').fill('#山货 #开箱 脆李');
    await studio.getByTestId('video-topic-input').fill('山货上头条');
    await studio.getByTestId(`pick-${product.id}`).click();
    await expect.poll(() => studio.getByTestId('picker-count').textContent()).toContain('1/');
    await studio.getByTestId('video-file-input').setInputFiles({ name: 'plums.mp4', mimeType: 'video/mp4', buffer: clip.data });
    // The local preview shows the file's first picture.
    await expect.poll(() => studio.getByTestId('video-file-preview').evaluate((v) => (v as unknown as { readyState: number; seeking: boolean }).readyState >= 2 && !(v as unknown as { seeking: boolean }).seeking)).toBe(true);
    await studio.screenshot({ path: `${ARTIFACTS}studio-upload.png`, fullPage: true });

    // A slow uplink, so the progress bar is seen moving (XMLHttpRequest upload progress).
    const cdp = await studio.context().newCDPSession(studio);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 20, downloadThroughput: -1, uploadThroughput: Math.ceil(clip.data.length / 2.5) });
    const seen = new Set<number>();
    const watcher = setInterval(() => {
      void studio.getByRole('progressbar').getAttribute('aria-valuenow', { timeout: 50 }).then((v) => v !== null && seen.add(Number(v)), () => undefined);
    }, 50);
    await studio.getByTestId('video-publish').click();
    await studio.waitForURL(/\/studio\/videos\/vid_/, { timeout: 30_000 });
    clearInterval(watcher);
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
    expect([...seen].some((p) => p > 0 && p < 100), `progress values seen: ${[...seen].join(',')}`).toBe(true);
    const videoId = studio.url().split('/studio/videos/')[1]!;

    // Processing is polled until the video is ready; then it can be previewed.
    await expect.poll(() => studio.getByTestId('studio-status').getAttribute('data-status'), { timeout: 120_000, interval: 500 }).toBe('ready');
    await expect.poll(() => studio.getByTestId('studio-watch').isVisible()).toBe(true);
    await studio.screenshot({ path: `${ARTIFACTS}studio-video.png`, fullPage: true });

    await studio.getByTestId('studio-list-nav').click();
    const row = studio.locator(`[data-video-id="${videoId}"]`);
    await expect.poll(() => row.getByTestId(`video-status-${videoId}`).getAttribute('data-status')).toBe('ready');
    expect(await row.getByTestId('studio-product-count').textContent()).toBe('1');
    await expect.poll(() => row.locator('.poster img').evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBeGreaterThan(0);
    await studio.screenshot({ path: `${ARTIFACTS}studio-list.png`, fullPage: true });

    const stored = (await merchant.get<Video>(`/api/v1/videos/${videoId}`)).body;
    expect(stored).toMatchObject({ title: TITLE, tags: ['山货', '开箱', '脆李'], topic: '山货上头条', status: 'ready', products: [{ id: product.id }] });

    // A shopper, signed out, on a phone.
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', isMobile: true, hasTouch: true });
    const shopper = await phone.newPage();
    await shopper.goto(`${t.url}/videos/${videoId}`);
    const card = shopper.getByTestId('video-product-card');
    await expect.poll(() => card.isVisible()).toBe(true);
    expect(await card.textContent()).toContain(PRODUCT);
    expect(await card.textContent()).toContain('39.9');
    // Runs in the page (this file is type-checked without the DOM library).
    await shopper.waitForFunction(() => {
      const v = (globalThis as unknown as { document: { querySelector(s: string): { currentTime: number } | null } }).document.querySelector('[data-testid=video-player]');
      return !!v && v.currentTime > 1;
    }, undefined, { timeout: 30_000 });
    expect(await shopper.getByTestId('video-title').textContent()).toBe(TITLE);
    expect(await shopper.getByTestId('video-like').isVisible()).toBe(true);
    await shopper.screenshot({ path: `${ARTIFACTS}video-player.png` });
    await shopper.getByTestId('lang-en').click();
    await expect.poll(() => card.textContent()).toContain('View');
    await shopper.getByTestId('lang-zh').click();

    // Leaving through the product card reports the play with its watch time; the product page,
    // opened with the video (a purchase there is credited to it), lists the video.
    await card.click();
    await shopper.waitForURL(new RegExp(`/products/${product.id}\\?video=${videoId}$`));
    await expect.poll(async () => (await t.client.get<Video>(`/api/v1/videos/${videoId}`)).body.viewCount, { timeout: 10_000 }).toBe(1);
    await expect.poll(() => shopper.getByTestId('product-video').count()).toBe(1);
    await shopper.getByTestId('product-videos').scrollIntoViewIfNeeded();
    await shopper.screenshot({ path: `${ARTIFACTS}product-videos.png` });
    await phone.close();

    // Liking needs an account: the signed-in merchant likes it from the player.
    await studio.goto(`${t.url}/videos/${videoId}`);
    await studio.getByTestId('video-like').click();
    await expect.poll(() => studio.getByTestId('video-like-count').textContent()).toBe('1');
    await expect.poll(async () => (await merchant.get<Video>(`/api/v1/videos/${videoId}`)).body).toMatchObject({ likeCount: 1, liked: true });
  }, 240_000);

  it('a creator without a store, showcase empty, is sent to 选品广场 for goods; a damaged file fails with its reason', async () => {
    const email = 'studio-creator@example.com';
    await t.client.register(email, ['creator'], '测评小王');
    const damaged = await makeVideo({ seconds: 5, width: 320, height: 568, faststart: true });
    const page = await browser.newPage({ viewport: { width: 1280, height: 860 }, locale: 'zh-CN' });
    await signIn(page, email);
    await page.goto(`${t.url}/me`);
    await page.getByTestId('me-studio').click();
    await page.waitForURL(/\/studio$/);
    await page.getByTestId('studio-new').click();
    await expect.poll(() => page.getByTestId('studio-no-showcase').textContent()).toContain('橱窗还是空的');
    expect(await page.getByTestId('studio-no-showcase').getByRole('link').getAttribute('href')).toBe('/studio/market');

    await page.getByTestId('video-title-input').fill('坏掉的视频');
    // The index is up front, so it reads as 5 s, but most of the pictures are missing.
    const cut = damaged.data.subarray(0, Math.floor(damaged.data.length * 0.4));
    await page.getByTestId('video-file-input').setInputFiles({ name: 'broken.mp4', mimeType: 'video/mp4', buffer: cut });
    await page.getByTestId('video-publish').click();
    await page.waitForURL(/\/studio\/videos\/vid_/);
    await expect.poll(() => page.getByTestId('studio-status').getAttribute('data-status'), { timeout: 120_000, interval: 500 }).toBe('failed');
    expect(await page.getByTestId('studio-failure').textContent()).toMatch(/文件已损坏|转码失败/);
    await page.screenshot({ path: `${ARTIFACTS}studio-failed.png`, fullPage: true });

    // Not a video at all: refused at upload, shown under the file, and nothing else changes.
    await page.getByTestId('video-file-input').setInputFiles({ name: 'notes.mp4', mimeType: 'video/mp4', buffer: Buffer.from('just some text, not a video'.repeat(20)) });
    await page.getByTestId('video-reupload').click();
    await expect.poll(() => page.getByTestId('upload-error').textContent()).toContain('不支持的文件格式');
    expect(await page.getByTestId('studio-status').getAttribute('data-status')).toBe('failed');
    await dropVideo(damaged);
  }, 180_000);
});
