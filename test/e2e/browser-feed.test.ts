// Distribution in real Chromium (Debian's package, driven by playwright-core): two merchants
// publish short videos (made with ffmpeg, uploaded and transcoded through the API) carrying their
// goods, and one of them goes live over RTMP. A signed-out shopper on a phone opens 推荐 from the
// home page: the visible video plays, the product pill opens the product, a swipe moves to the next
// item, 不感兴趣 removes one, 为什么推荐 explains one, and what they did reaches the event log. The
// author reads the traffic pool in the studio; an operator changes the distribution settings.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { launchChromium, PHONE, DESKTOP, signInAt } from '../support/browser.ts';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Product } from '../../src/modules/catalog/model.ts';
import type { Store } from '../../src/modules/catalog/stores.ts';
import type { Video } from '../../src/modules/content/schemas.ts';
import type { Static } from '@sinclair/typebox';
import type { DistributionViewSchema, FeedEntry, FeedPage, PoolStatus, Reason } from '../../src/modules/feed/feed-schemas.ts';
import type { HostRoom, Room } from '../../src/modules/live/schemas.ts';
import type { ImageInfo } from '../../src/modules/media/service.ts';
import { ffmpegPath, runTool } from '../../src/platform/media/ffmpeg.ts';
import { ensureWebBuilt } from '../../src/platform/web-build.ts';
import { pushStream, type Push } from '../support/live.ts';
import { videoForm } from '../support/media.ts';
import { startTestPlatform, type Client, type TestPlatform } from '../support/platform.ts';

const ARTIFACTS = new URL('../../test-artifacts/', import.meta.url).pathname;
const PASSWORD = 'correct-horse-1'; // what Client.register signs up with
const FONT = '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc';

let t: TestPlatform;
let browser: Browser;
let work: string;
let push: Push | null = null;
let roomId: string;
const videos: Video[] = [];

/** A 4 s portrait clip: a slowly moving gradient with the goods' name on it (when the font is here). */
async function clip(name: string, hue: number): Promise<Buffer> {
  const path = join(work, `${videos.length}-${hue}.mp4`);
  const text = existsSync(FONT) ? `,drawtext=fontfile=${FONT}:text='${name}':fontsize=30:fontcolor=white:x=(w-tw)/2:y=h*0.3+16*sin(2*PI*t/2):shadowcolor=black@0.45:shadowx=2:shadowy=2` : '';
  const picture =
    `color=c=black:s=72x128:r=25,format=rgb24,geq=r='clip(${hue}-80*Y/H+30*sin(2*PI*(X/W+T/3)),0,255)':g='clip(70+90*Y/H,0,255)':b='clip(120+70*sin(2*PI*(Y/H-T/4)),0,255)',scale=360:640${text}`;
  await runTool(ffmpegPath(), ['-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi', '-i', picture, '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=44100', '-t', '4',
    '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-shortest', path], { timeoutMs: 60_000 });
  return readFile(path);
}

async function image(owner: Client, fill: string, accent: string): Promise<string> {
  const art = `<svg xmlns="http://www.w3.org/2000/svg" width="600" height="600"><rect width="600" height="600" fill="${fill}"/>
    <circle cx="250" cy="320" r="150" fill="${accent}"/><circle cx="370" cy="300" r="130" fill="${accent}" opacity=".8"/><path d="M300 170 q40 -90 110 -70 q-40 60 -110 70z" fill="#3c9d4e"/></svg>`;
  const fd = new FormData();
  fd.append('file', new Blob([new Uint8Array(await sharp(Buffer.from(art)).png().toBuffer())], { type: 'image/png' }), 'art.png');
  return (await owner.post<ImageInfo>('/api/v1/images', fd)).body.id;
}

interface Seller {
  client: Client;
  email: string;
  store: Store;
}

async function seller(email: string, name: string, storeName: string): Promise<Seller> {
  const client = await t.client.register(email, ['merchant'], name);
  const store = (await client.post<Store>('/api/v1/merchant/stores', { name: storeName, rural: true })).body;
  return { client, email, store };
}

async function goods(s: Seller, title: string, priceFen: number, categoryId: string, fill: string, accent: string): Promise<Product> {
  const made = await s.client.post<Product>(`/api/v1/merchant/stores/${s.store.id}/products`, { title, categoryId, status: 'active', imageIds: [await image(s.client, fill, accent)], skus: [{ optionValues: {}, priceFen, stock: 80 }] });
  expect(made.status).toBe(201);
  return made.body;
}

async function publish(s: Seller, title: string, tags: string[], product: Product, label: string, hue: number): Promise<void> {
  const v = (await s.client.post<Video>('/api/v1/videos', { title, tags, productIds: [product.id] })).body;
  const data = await clip(label, hue);
  expect((await s.client.put(`/api/v1/videos/${v.id}/source`, videoForm(await clip(label, hue)))).status).toBe(202);
  videos.push(v);
}

/** Polls (outside a test, where expect.poll is not allowed) until `ok` holds; throws after `ms`. */
async function until<T>(what: string, get: () => Promise<T>, ok: (v: T) => boolean, ms: number): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await get();
    if (ok(v)) return v;
    if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(v)} after ${ms} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

let plumSeller: Seller;
let teaSeller: Seller;
let operatorEmail: string;

beforeAll(async () => {
  ensureWebBuilt();
  mkdirSync(ARTIFACTS, { recursive: true });
  work = mkdtempSync(join(tmpdir(), 'fw-feed-'));
  t = await startTestPlatform({ SERVE_WEB: 'true', TRANSCODE_PRESET: 'ultrafast', LIVE_INGEST: 'true', LIVE_RTMP_PORT: '0', FEED_ENGINE_POLL_MS: '50' });
  const fruit = await t.platform.services.categories.create({ nameZh: '水果', nameEn: 'Fruit' });
  const tea = await t.platform.services.categories.create({ nameZh: '茶叶', nameEn: 'Tea' });
  plumSeller = await seller('feed-plums@example.com', '山货小林', '小林山货铺');
  teaSeller = await seller('feed-tea@example.com', '茶园阿杰', '阿杰茶园');
  const plums = await goods(plumSeller, '高山脆李 5斤装 现摘现发', 3990, fruit.id, '#fff1e6', '#8e2c6b');
  const oranges = await goods(plumSeller, '赣南脐橙 10斤 当季鲜果', 4990, fruit.id, '#fff6e0', '#f08a00');
  const longjing = await goods(teaSeller, '明前龙井 250g 头采嫩芽', 12800, tea.id, '#eef7e8', '#4f8f3a');
  const puer = await goods(teaSeller, '云南普洱熟茶饼 357g', 6800, tea.id, '#f3ebe4', '#6b3b22');
  await publish(plumSeller, '凌晨四点上山摘李子，脆到掉渣', ['山货', '脆李'], plums, '高山脆李 现摘现发', 235);
  await publish(teaSeller, '明前龙井头采，一芽一叶手工炒制', ['春茶', '龙井'], longjing, '明前龙井 头采', 120);
  await publish(plumSeller, '十斤脐橙开箱，剥开满手果汁', ['脐橙', '开箱'], oranges, '赣南脐橙 开箱', 250);
  await publish(teaSeller, '一饼普洱的七年：开汤给你看', ['普洱'], puer, '普洱 开汤', 170);
  for (const v of videos) {
    await until(`video ${v.id}`, async () => (await plumSeller.client.get<Video>(`/api/v1/videos/${v.id}`)).body.status, (s) => s === 'ready', 120_000);
  }

  // 山货小林 goes live with the plums presented.
  const room = (await plumSeller.client.post<HostRoom>('/api/v1/live/rooms', { title: '山货节 · 高山脆李专场', storeId: plumSeller.store.id, productIds: [plums.id, oranges.id] })).body;
  roomId = room.id;
  push = pushStream(`${room.ingest.rtmpUrl}/${room.ingest.streamKey}`, 600);
  await until('the room', async () => (await t.client.get<Room>(`/api/v1/live/rooms/${roomId}`)).body.state.status, (s) => s === 'live', 30_000);
  expect((await plumSeller.client.put(`/api/v1/live/rooms/${roomId}/pin`, { productId: plums.id })).status).toBe(200);

  // The engine hears of every publication and of the room (a throwaway device asks).
  await until('the feed', async () => (await t.client.get<FeedPage>(`/api/v1/feed?limit=10&deviceId=warmup-${Date.now()}`)).body.items.length, (n) => n === 5, 30_000);

  operatorEmail = 'feed-ops@example.com';
  const op = await t.platform.services.identity.register({ email: operatorEmail, password: PASSWORD, displayName: '运营小周', roles: [] });
  await t.platform.services.identity.setRoles(op.id, ['operator']);

  browser = await launchChromium(['--autoplay-policy=no-user-gesture-required']);
}, 300_000);

afterAll(async () => {
  push?.child.kill('SIGKILL');
  await browser?.close();
  await t?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

async function signIn(page: Page, email: string): Promise<void> {
  await signInAt(page, t.url, email, PASSWORD);
}

/** Runs in the page (this file is type-checked without the DOM library). */
type El = { currentTime: number; scrollTop: number; clientHeight: number; scrollTo(o: { top: number }): void };
const active = (page: Page) => page.locator('[data-testid=feed-item][data-active=true]');
const activeId = (page: Page) => active(page).getAttribute('data-id');
const activeVideoTime = (page: Page) => active(page).locator('video').evaluate((v) => (v as unknown as El).currentTime).catch(() => -1);

/** A finger swipe up on the feed: touch events (start, moves, end), as a phone sends them. */
async function swipeUp(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x: 200, y: 620 }] });
  for (let i = 1; i <= 10; i++) {
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x: 200, y: 620 - i * 45 }] });
    await page.waitForTimeout(16);
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await cdp.detach();
}

/** Waits for a test id's animations (a sheet sliding up) to finish, for a clean screenshot. */
const settled = (page: Page, testId: string) =>
  page.getByTestId(testId).evaluate((el) => Promise.all((el as unknown as { getAnimations(): { finished: Promise<unknown> }[] }).getAnimations().map((a) => a.finished)));

/** What 为什么推荐 says for a reason (the same words as web/src/feed/reason.ts). */
function reasonWords(r: Reason): string {
  switch (r.source) {
    case 'similar': return r.becauseOf ? `因为你看过《${r.becauseOf.title}》` : '和你看过的内容相似';
    case 'following': return '你关注的作者';
    case 'interest': return r.category ? `你感兴趣的${r.category.nameZh}` : '根据你的兴趣推荐';
    case 'popular': return r.category ? `${r.category.nameZh}热门` : '大家都在看';
    case 'fresh': return r.pool !== null ? `新作者的新作品（流量池第${r.pool + 1}级）` : '新作者的新作品';
    case 'campaign': return '平台活动推荐';
    case 'live': return '正在直播';
  }
}

async function deviceEvents(deviceId: string): Promise<Array<{ type: string; item_type: string; item_id: string; watch_ms: number | null; duration_ms: number | null; source: string | null }>> {
  return t.platform.db.query('SELECT type, item_type, item_id, watch_ms, duration_ms, source FROM feed_events WHERE actor_kind = $1 AND actor_id = $2 ORDER BY tx, seq', ['device', deviceId]);
}

describe('the 推荐 feed in Chromium', () => {
  let phone: BrowserContext;

  it('a signed-out shopper on a phone swipes the feed: videos play with their goods, 不感兴趣 and 为什么推荐 work, and every act is logged', async () => {
    phone = await browser.newContext({ ...PHONE, permissions: ['clipboard-read', 'clipboard-write'] });
    const page = await phone.newPage();
    await page.goto(`${t.url}/`);
    // The home page leads to 推荐 and shows 猜你喜欢 goods from the engine.
    await expect.poll(() => page.getByTestId('home-feed-entry').isVisible()).toBe(true);
    await expect.poll(() => page.getByTestId('goods-for-you').locator('[data-testid=product-card]').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await page.screenshot({ path: `${ARTIFACTS}feed-home.png` });

    const firstPage = page.waitForResponse((r) => r.url().includes('/api/v1/feed?') && r.status() === 200);
    await page.getByTestId('home-feed-entry').click();
    await page.waitForURL(/\/feed$/);
    const served = ((await (await firstPage).json()) as FeedPage).items;
    expect(served.length).toBe(5);
    expect(served.filter((e) => e.kind === 'video').every((e) => e.product !== null)).toBe(true);
    const deviceId = await page.evaluate(() => (globalThis as unknown as { localStorage: { getItem(k: string): string | null } }).localStorage.getItem('flywheel.deviceId'));
    expect(deviceId).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    const entry = (id: string | null): FeedEntry => served.find((e) => e.id === id)!;

    // The first item is the visible one; a video plays muted on its own, with its product pill.
    await expect.poll(() => page.getByTestId('feed-item').count()).toBe(5);
    await expect.poll(() => activeId(page)).toBe(served[0]!.id);
    let first = served[0]!;
    if (first.kind === 'live') {
      // Start on a video for the playing checks.
      await swipeUp(page);
      await expect.poll(() => activeId(page)).toBe(served[1]!.id);
      first = served[1]!;
    }
    if (first.kind !== 'video') throw new Error('two live rooms in a row');
    await expect.poll(() => activeVideoTime(page), { timeout: 30_000, interval: 200 }).toBeGreaterThan(1);
    const pill = active(page).getByTestId('feed-product');
    expect(await pill.getByTestId('feed-product-title').textContent()).toBe(first.product!.title);
    expect(await pill.textContent()).toContain((first.product!.minPriceFen / 100).toFixed(1).replace(/\.0$/, ''));
    expect(await active(page).getByTestId('feed-title').textContent()).toBe(first.video.title);
    expect(await active(page).getByTestId('feed-author').textContent()).toBe(`@${first.video.author.name}`);
    expect(await active(page).getByTestId('feed-unmute').isVisible()).toBe(true);
    await page.screenshot({ path: `${ARTIFACTS}feed.png` });

    // 为什么推荐: the reason in words and the predictions as bars.
    await active(page).getByTestId('feed-why').click();
    await expect.poll(() => page.getByTestId('why-sheet').isVisible()).toBe(true);
    expect(await page.getByTestId('why-reason').textContent()).toBe(reasonWords(first.reason));
    expect(await page.getByTestId('why-factor-p_finish').isVisible()).toBe(true);
    await settled(page, 'why-sheet');
    await page.screenshot({ path: `${ARTIFACTS}feed-why.png` });
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('why-sheet').count()).toBe(0);

    // In English too.
    await page.getByTestId('lang-en').click();
    await expect.poll(() => active(page).getByTestId('feed-follow').textContent()).toBe('+ Follow');
    expect(await active(page).getByTestId('feed-not-interested').textContent()).toBe('Not interested');
    await page.screenshot({ path: `${ARTIFACTS}feed-en.png` });
    await page.getByTestId('lang-zh').click();

    // Sound on, and a share (the link is copied). Following needs an account (the next test).
    await active(page).getByTestId('feed-unmute').click();
    await expect.poll(() => active(page).locator('video').evaluate((v) => (v as unknown as { muted: boolean }).muted)).toBe(false);
    await active(page).getByTestId('feed-share').click();
    await expect.poll(() => page.getByTestId('feed-toast').textContent()).toBe('链接已复制，快去分享吧');

    // A swipe up: the next item becomes the visible one and plays; the one left is paused.
    // (A live room on the way is passed by with another swipe: 不感兴趣 below is for a video.)
    let left = await activeId(page);
    let second: FeedEntry;
    for (;;) {
      await swipeUp(page);
      await expect.poll(() => activeId(page)).not.toBe(left);
      second = entry(await activeId(page));
      if (entry(left).kind === 'video') expect(await page.locator(`[data-id="${left}"] video`).evaluate((v) => (v as unknown as { paused: boolean }).paused)).toBe(true);
      if (second.kind === 'video') break;
      expect(await active(page).getByTestId('feed-live-badge').textContent()).toContain('直播中');
      left = second.id;
    }
    await expect.poll(() => activeVideoTime(page), { timeout: 30_000, interval: 200 }).toBeGreaterThan(0.3);

    // 不感兴趣: the item goes, a toast says so, and the next one takes its place.
    await active(page).getByTestId('feed-not-interested').click();
    await expect.poll(() => page.getByTestId('feed-toast').textContent()).toBe('将减少推荐类似内容');
    await expect.poll(() => page.locator(`[data-id="${second.id}"]`).count()).toBe(0);
    await expect.poll(() => page.getByTestId('feed-item').count()).toBe(4);
    await expect.poll(() => activeId(page)).not.toBe(second.id);
    await page.screenshot({ path: `${ARTIFACTS}feed-not-interested.png` });

    // The live room: 直播中, its viewers, and a way in.
    const live = page.locator('[data-testid=feed-item][data-kind=live]');
    expect(await live.count()).toBe(1);
    await live.evaluate((el) => (el as unknown as { scrollIntoView(): void }).scrollIntoView());
    await expect.poll(() => active(page).getAttribute('data-kind')).toBe('live');
    expect(await active(page).getByTestId('feed-live-badge').textContent()).toContain('直播中');
    expect(await active(page).getByTestId('feed-title').textContent()).toBe('山货节 · 高山脆李专场');
    expect(await active(page).getByTestId('feed-live-enter').getAttribute('href')).toBe(`/live/${roomId}`);
    await active(page).getByTestId('feed-why').click();
    await expect.poll(() => page.getByTestId('why-reason').textContent()).toBe(reasonWords(entry(await activeId(page)).reason));
    await page.keyboard.press('Escape');
    // The toast and the sheet gone, for the picture.
    await expect.poll(() => page.getByTestId('why-sheet').count()).toBe(0);
    await expect.poll(() => page.getByTestId('feed-toast').count(), { timeout: 5_000 }).toBe(0);
    await page.screenshot({ path: `${ARTIFACTS}feed-live.png` });

    // Back to a video, and through its product pill to the product (credited to the video).
    const video = page.locator('[data-testid=feed-item][data-kind=video]').last();
    const lastVideo = entry(await video.getAttribute('data-id'));
    if (lastVideo.kind !== 'video') throw new Error('not a video');
    await video.evaluate((el) => (el as unknown as { scrollIntoView(): void }).scrollIntoView());
    await expect.poll(() => activeId(page)).toBe(lastVideo.id);
    await active(page).getByTestId('feed-product').click();
    await page.waitForURL(new RegExp(`/products/${lastVideo.product!.id}\\?video=${lastVideo.id}$`));
    await expect.poll(() => page.getByTestId('product-title-heading').textContent()).toBe(lastVideo.product!.title);

    // What the shopper did, as the event log has it (sent in batches, the last on leaving).
    await expect.poll(async () => (await deviceEvents(deviceId!)).filter((e) => e.type === 'product_tap').length, { timeout: 15_000 }).toBe(2);
    const log = await deviceEvents(deviceId!);
    const has = (type: string, itemId: string) => log.some((e) => e.type === type && e.item_id === itemId);
    expect(has('impression', first.id)).toBe(true);
    expect(log.find((e) => e.type === 'play' && e.item_id === first.id)).toMatchObject({ item_type: 'video', source: 'feed', duration_ms: first.video.durationMs });
    expect(log.find((e) => e.type === 'play' && e.item_id === first.id)!.watch_ms).toBeGreaterThan(500);
    expect(has('share', first.id)).toBe(true);
    expect(has('not_interested', second.id)).toBe(true);
    expect(has('impression', roomId)).toBe(true);
    expect(has('product_tap', lastVideo.id) && has('product_tap', lastVideo.product!.id)).toBe(true);
    // The video's own play count counts the feed's plays.
    await expect.poll(async () => (await t.client.get<Video>(`/api/v1/videos/${first.id}`)).body.viewCount, { timeout: 10_000 }).toBeGreaterThan(0);

    // The engine learnt the 不感兴趣: that item is not served to this device again.
    const again = (await t.client.get<FeedPage>(`/api/v1/feed?limit=10&deviceId=${deviceId}`)).body.items;
    expect(again.some((e) => e.id === second.id)).toBe(false);

    // Back in the feed, the same item at the same place; liking needs an account.
    await page.goBack();
    await page.waitForURL(/\/feed$/);
    await expect.poll(() => activeId(page)).toBe(lastVideo.id);
    expect(await page.getByTestId('feed-item').count()).toBe(4);
    await active(page).getByTestId('feed-like').click();
    await page.waitForURL(/\/login$/);
  }, 180_000);

  it('a signed-in shopper follows the author, comments in the sheet, and the video page reports what they do', async () => {
    const shopper = await t.client.register('feed-fan@example.com', [], '爱吃李子的小美');
    const shopperId = (await shopper.get<{ id: string }>('/api/v1/me')).body.id;
    const ctx = await browser.newContext(PHONE);
    const page = await ctx.newPage();
    await signIn(page, 'feed-fan@example.com');
    await page.goto(`${t.url}/feed`);
    await expect.poll(() => page.getByTestId('feed-item').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await expect.poll(() => activeId(page)).not.toBeNull();
    if ((await active(page).getAttribute('data-kind')) === 'live') await swipeUp(page);
    await expect.poll(() => active(page).getAttribute('data-kind')).toBe('video');
    const videoId = (await activeId(page))!;
    const shown = videos.find((v) => v.id === videoId)!;

    // 关注: the author is followed on the server; the button says so.
    expect(await active(page).getByTestId('feed-follow').textContent()).toBe('+ 关注');
    await active(page).getByTestId('feed-follow').click();
    await expect.poll(() => active(page).getByTestId('feed-follow').textContent()).toBe('已关注');
    await expect.poll(async () => (await shopper.get<{ following: boolean; followerCount: number }>(`/api/v1/creators/${shown.author.id}`)).body).toMatchObject({ following: true, followerCount: 1 });

    // 评论: the sheet opens empty; a comment with markup in it is shown as typed, as text.
    await active(page).getByTestId('feed-comment').click();
    await expect.poll(() => page.getByTestId('comment-sheet').isVisible()).toBe(true);
    await expect.poll(() => page.getByTestId('comment-empty').isVisible()).toBe(true);
    const typed = '<b>脆甜</b> 已下单，坐等发货 🍑';
    await page.getByTestId('comment-input').fill(typed);
    await page.getByTestId('comment-send').click();
    await expect.poll(() => page.getByTestId('comment-text').allTextContents()).toEqual([typed]);
    expect(await page.locator('[data-testid=comment-sheet] b').count()).toBe(0);
    expect(await page.getByTestId('comment-count').textContent()).toBe('1 条评论');
    expect(await page.getByTestId('comment-delete').count()).toBe(1);
    await expect.poll(async () => (await t.client.get<{ total: number; items: { text: string }[] }>(`/api/v1/videos/${videoId}/comments`)).body).toMatchObject({ total: 1, items: [{ text: typed }] });
    await settled(page, 'comment-sheet');
    await page.screenshot({ path: `${ARTIFACTS}feed-comments.png` });
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('comment-sheet').count()).toBe(0);
    expect(await active(page).getByTestId('feed-comment-count').textContent()).toBe('1');

    // The same sheet in English.
    await page.getByTestId('lang-en').click();
    await active(page).getByTestId('feed-comment').click();
    await expect.poll(() => page.getByTestId('comment-count').textContent()).toBe('Comments (1)');
    await expect.poll(() => page.getByTestId('comment-text').allTextContents()).toEqual([typed]);
    expect(await page.getByTestId('comment-send').textContent()).toBe('Send');
    await settled(page, 'comment-sheet');
    await page.screenshot({ path: `${ARTIFACTS}feed-comments-en.png` });
    await page.keyboard.press('Escape');
    await page.getByTestId('lang-zh').click();

    // A second tap unfollows.
    await active(page).getByTestId('feed-follow').click();
    await expect.poll(() => active(page).getByTestId('feed-follow').textContent()).toBe('+ 关注');
    await expect.poll(async () => (await shopper.get<{ following: boolean }>(`/api/v1/creators/${shown.author.id}`)).body.following).toBe(false);

    // The video page: its count, the same comments, and the feed's events with source "video".
    await page.goto(`${t.url}/videos/${videoId}`);
    await expect.poll(() => page.getByTestId('video-comment-count').textContent()).toBe('1');
    await page.waitForFunction(() => {
      const v = (globalThis as unknown as { document: { querySelector(s: string): { currentTime: number } | null } }).document.querySelector('[data-testid=video-player]');
      return !!v && v.currentTime > 1;
    }, undefined, { timeout: 30_000 });
    await page.getByTestId('video-comments').click();
    await expect.poll(() => page.getByTestId('comment-text').allTextContents()).toEqual([typed]);
    await page.keyboard.press('Escape');
    await page.getByTestId('video-like').click();
    await expect.poll(() => page.getByTestId('video-like-count').textContent()).toBe('1');
    await page.getByTestId('video-product-card').click();
    // Opened with the video, so a purchase there would be credited to it.
    await page.waitForURL(new RegExp(`/products/${shown.products[0]!.id}\\?video=${videoId}$`));

    type Row = { type: string; item_id: string; source: string | null; watch_ms: number | null; duration_ms: number | null };
    const log = () => t.platform.db.query<Row>('SELECT type, item_id, source, watch_ms, duration_ms FROM feed_events WHERE actor_kind = $1 AND actor_id = $2 ORDER BY tx, seq', ['user', shopperId]);
    await expect.poll(async () => (await log()).filter((e) => e.source === 'video' && e.type === 'play').length, { timeout: 15_000 }).toBe(1);
    const rows = await log();
    const at = (type: string, source: string, itemId = videoId) => rows.filter((e) => e.type === type && e.source === source && e.item_id === itemId);
    expect(at('comment', 'feed')).toHaveLength(1);
    expect(at('follow', 'feed')).toHaveLength(0);
    expect(at('impression', 'video')).toHaveLength(1);
    expect(at('like', 'video')).toHaveLength(1);
    expect(at('product_tap', 'video')).toHaveLength(1);
    expect(at('product_tap', 'video', shown.products[0]!.id)).toHaveLength(1);
    expect(at('play', 'video')[0]!.watch_ms).toBeGreaterThan(500);
    expect(at('play', 'video')[0]!.duration_ms).toBe((await t.client.get<Video>(`/api/v1/videos/${videoId}`)).body.durationMs);
    await ctx.close();
  }, 120_000);

  it('the author reads the traffic pool of a video in the studio', async () => {
    const video = videos[0]!;
    const page = await browser.newPage(DESKTOP);
    await signIn(page, plumSeller.email);
    await page.goto(`${t.url}/studio/videos/${video.id}`);
    const panel = page.getByTestId('pool-panel');
    await expect.poll(() => panel.getAttribute('data-status'), { timeout: 10_000 }).toBe('testing');
    const pool = (await plumSeller.client.get<PoolStatus>(`/api/v1/videos/${video.id}/distribution`)).body;
    expect(await page.getByTestId('pool-status').textContent()).toBe('测试中');
    expect(await panel.locator('.pool-step').count()).toBe(pool.levels.length);
    expect(await page.getByTestId(`pool-level-${pool.level}`).getAttribute('data-state')).toBe('current');
    expect(await page.getByTestId(`pool-level-${pool.level}`).textContent()).toContain(`第 ${pool.level + 1} 级`);
    expect(await page.getByTestId('pool-used').textContent()).toContain(`/ ${pool.poolSize!.toLocaleString('zh-CN')}`);
    for (const label of ['完播率', '互动率', '商品点击率', '负反馈率']) expect(await panel.textContent()).toContain(label);
    await page.screenshot({ path: `${ARTIFACTS}studio-pool.png` });

    // Someone else's video: the pool is the author's alone.
    expect((await teaSeller.client.get(`/api/v1/videos/${video.id}/distribution`)).status).toBe(403);
    await page.close();
  }, 60_000);

  it('an operator changes the distribution settings; the server names a bad field', async () => {
    const page = await browser.newPage(DESKTOP);
    await page.goto(`${t.url}/ops/distribution`);
    await expect.poll(() => page.getByTestId('ops-login-link').isVisible()).toBe(true);
    await signIn(page, operatorEmail);
    await page.goto(`${t.url}/ops/distribution`);
    const sizes = page.getByTestId('ops-pools-sizes');
    await expect.poll(() => sizes.inputValue()).toMatch(/^\d+(, \d+)*$/);
    await expect.poll(() => page.getByTestId('ops-engine-videos').textContent()).toBe('4');
    expect(await page.getByTestId('ops-engine-liveRooms').textContent()).toBe('1');
    expect(await page.getByTestId('ops-models').locator('tbody tr').count()).toBeGreaterThan(0);
    // Retrain now: the content model shows a version, what it learned from, and when.
    await page.getByTestId('ops-retrain').click();
    await expect.poll(() => page.getByTestId('ops-trained-content').textContent(), { timeout: 20_000 }).toMatch(/v\d+/);
    expect(await page.getByTestId('ops-trained-content').textContent()).toContain('学习的正向信号');
    await page.getByTestId('ops-trained').screenshot({ path: `${ARTIFACTS}ops-trained.png` });

    // Out of range, then not increasing: each refused by the server and shown under its field.
    await page.getByTestId('ops-pools-maxNegativeRate').fill('2');
    await page.getByTestId('ops-save').click();
    await expect.poll(() => page.getByTestId('ops-error-pools-maxNegativeRate').textContent()).toBe('不能大于 1');
    await page.getByTestId('ops-pools-maxNegativeRate').fill('0.2');
    await sizes.fill('300, 200');
    await page.getByTestId('ops-save').click();
    await expect.poll(() => page.getByTestId('ops-error-pools-sizes').textContent()).toBe('每一级流量池都要比上一级大');
    await page.evaluate(() => (globalThis as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, 0));
    await page.screenshot({ path: `${ARTIFACTS}ops-distribution-error.png` });

    await sizes.fill('300, 3000, 30000, 300000');
    await page.getByTestId('ops-objective-tap').fill('6');
    await page.getByTestId('ops-save').click();
    await expect.poll(() => page.getByTestId('ops-note').textContent()).toBe('已保存，新的设置已生效');
    expect(await page.getByTestId('ops-error-pools-sizes').count()).toBe(0);
    const op = await t.client.login(operatorEmail, PASSWORD);
    const stored = (await op.get<Static<typeof DistributionViewSchema>>('/api/v1/ops/distribution')).body;
    expect(stored.settings).toMatchObject({ objective: { tap: 6 }, pools: { sizes: [300, 3000, 30000, 300000], maxNegativeRate: 0.2 } });
    expect(stored.updatedAt).not.toBeNull();
    expect(await page.getByTestId('ops-updated').textContent()).toContain('上次修改');
    await page.evaluate(() => (globalThis as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, 0));
    await page.screenshot({ path: `${ARTIFACTS}ops-distribution.png` });

    // The author's ladder follows the new pool sizes.
    const pool = (await plumSeller.client.get<PoolStatus>(`/api/v1/videos/${videos[0]!.id}/distribution`)).body;
    expect(pool.levels).toEqual([300, 3000, 30000, 300000]);
    await page.close();
    await phone?.close();
  }, 60_000);
});
