import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_VIDEOS_JOB, seedDemoContent } from '../../src/demo/content.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, createDemoWorld, hasWorld } from '../../src/demo/world.ts';
import { DEMO_ORDERS, seedDemoOrders } from '../../src/demo/orders.ts';
import { creatorEmail, demoCreatorIds, seedDemoAlliance } from '../../src/demo/alliance.ts';
import { seedDemoCare } from '../../src/demo/care.ts';
import { seedDemoCampaigns } from '../../src/demo/campaigns.ts';
import type { TicketDetail } from '../../src/modules/care/schemas.ts';
import type { MarketItem, ShowcaseItem } from '../../src/modules/alliance/schemas.ts';
import type { Earnings } from '../../src/modules/alliance/earnings-schemas.ts';
import type { Sample } from '../../src/modules/alliance/sample-schemas.ts';
import type { BestSellerListBody } from '../../src/modules/catalog/bestsellers-routes.ts';
import type { Category } from '../../src/modules/catalog/categories.ts';
import type { Order } from '../../src/modules/commerce/orders.ts';
import type { Address } from '../../src/modules/identity/addresses.ts';
import type { Video } from '../../src/modules/content/schemas.ts';
import type { FeedPage, PoolStatus } from '../../src/modules/feed/feed-schemas.ts';
import type { Room } from '../../src/modules/live/schemas.ts';
import { JobQueue } from '../../src/platform/jobs/queue.ts';
import type { Product } from '../../src/modules/catalog/model.ts';
import type { Store } from '../../src/modules/catalog/stores.ts';
import { checkInvariants } from '../support/invariants.ts';
import { startTestPlatform, type TestPlatform } from '../support/platform.ts';
import { dropVideo, makeVideo, videoForm } from '../support/media.ts';

type GoodsPage = { items: Array<{ product: Product; reason: FeedPage['items'][number]['reason'] }> };

let t: TestPlatform;
let firstEvents = 0;
beforeAll(async () => {
  t = await startTestPlatform();
});
afterAll(() => t.close());

describe('demo world', () => {
  it('creates stores (flagship and rural among them), goods with SKUs and images, and working accounts', async () => {
    expect(await hasWorld(t.platform)).toBe(false);
    const stats = await createDemoWorld(t.platform, { products: 300, progress: false });
    expect(await hasWorld(t.platform)).toBe(true);
    expect(stats.stores).toBeGreaterThanOrEqual(20);
    expect(stats.products).toBe(300);
    expect(stats.skus).toBeGreaterThan(300);
    // Two weeks of people browsing the goods come with it (the videos' history comes with the videos).
    expect(stats.events).toBeGreaterThan(2000);
    firstEvents = stats.events;

    const stores = await t.client.get<{ items: Store[]; total: number }>('/api/v1/stores?limit=100');
    expect(stores.body.total).toBe(stats.stores);
    expect(stores.body.items.some((s) => s.flagship)).toBe(true);
    expect(stores.body.items.filter((s) => s.rural).length).toBeGreaterThanOrEqual(3);
    expect(stores.body.items.reduce((a, s) => a + s.productCount, 0)).toBe(300);

    const products = await t.client.get<{ items: Product[]; total: number }>('/api/v1/products?limit=100');
    expect(products.body.total).toBe(300);
    for (const p of products.body.items) {
      expect(p.skus.length).toBeGreaterThan(0);
      expect(p.images.length).toBeGreaterThan(0);
      expect(p.title).toMatch(/[\u4e00-\u9fff]/);
      expect(p.minPriceFen).toBe(Math.min(...p.skus.map((s) => s.priceFen)));
      const combos = new Set(p.skus.map((s) => JSON.stringify(s.optionValues)));
      expect(combos.size).toBe(p.skus.length);
    }
    const img = await fetch(t.url + products.body.items[0]!.images[0]!.url);
    expect(img.headers.get('content-type')).toBe('image/svg+xml');
    expect(img.headers.get('content-security-policy')).toContain("default-src 'none'");

    for (const a of DEMO_ACCOUNTS) {
      const c = await t.client.login(a.email, DEMO_PASSWORD);
      const me = await c.get<{ roles: string[] }>('/api/v1/me');
      expect(me.body.roles).toContain(a.role);
    }
    const merchant = await t.client.login('merchant@demo.flywheel', DEMO_PASSWORD);
    const mine = await merchant.get<Array<Store & { staffRole: string }>>('/api/v1/merchant/stores');
    expect(mine.body[0]).toMatchObject({ flagship: true, staffRole: 'owner' });
  });

  it('is deterministic: the same seed gives the same goods', async () => {
    const first = await t.client.get<{ items: Product[] }>('/api/v1/products?limit=50&sort=price_asc');
    const again = await startTestPlatform();
    try {
      const stats = await createDemoWorld(again.platform, { products: 300, progress: false });
      expect(stats.events).toBe(firstEvents);
      const second = await again.client.get<{ items: Product[] }>('/api/v1/products?limit=50&sort=price_asc');
      const view = (ps: Product[]) => ps.map((p) => [p.id, p.title, p.skus.map((s) => [s.priceFen, s.stock])]);
      expect(view(second.body.items)).toEqual(view(first.body.items));
    } finally {
      await again.close();
    }
  });

  it("has an alliance: the stores offer commission plans, the creators fill their showcases, the printed creator is approved and asks for a sample, once", async () => {
    const a = await seedDemoAlliance(t.platform);
    expect(a.skipped).toBeUndefined();
    expect(a.stores).toBeGreaterThanOrEqual(20);
    expect(a.plans).toBeGreaterThanOrEqual(2 * a.stores + 1);
    expect(a).toMatchObject({ creators: 6, applications: 1, samples: 1 });
    expect(a.showcased).toBeGreaterThanOrEqual(6 * 4);

    // The market: goods of many stores at 5–30%, the gated plan approved and the targeted one for the printed creator.
    const creator = await t.client.login('creator@demo.flywheel', DEMO_PASSWORD);
    const market: MarketItem[] = [];
    for (let page = 1; page <= 10; page++) {
      const body = (await creator.get<{ items: MarketItem[]; hasMore: boolean }>(`/api/v1/alliance/market?limit=50&page=${page}`)).body;
      market.push(...body.items);
      if (!body.hasMore) break;
    }
    expect(market.length).toBeGreaterThanOrEqual(2 * a.stores);
    expect(new Set(market.map((i) => i.storeId)).size).toBe(a.stores);
    for (const i of market) expect(i.openPlan!.rateBps).toBeGreaterThanOrEqual(500);
    for (const i of market) expect(i.openPlan!.rateBps).toBeLessThanOrEqual(3000);
    expect(market.filter((i) => i.openPlan!.approvalRequired)).toEqual([expect.objectContaining({ openPlan: expect.objectContaining({ myApplication: 'approved' }), inShowcase: true })]);
    expect(market.filter((i) => i.myRate?.kind === 'targeted')).toEqual([expect.objectContaining({ myRate: expect.objectContaining({ flatFeeFen: 300 }), inShowcase: true })]);
    expect(market.some((i) => i.openPlan!.freeSamples)).toBe(true);
    const showcase = (await creator.get<{ items: ShowcaseItem[]; total: number }>('/api/v1/me/showcase?limit=50')).body;
    expect(showcase.total).toBeGreaterThanOrEqual(4);
    expect(showcase.total).toBeLessThanOrEqual(8);
    expect(showcase.items.every((i) => i.myRate !== null)).toBe(true);
    // The printed merchant has the printed creator's sample request to decide.
    const merchant = await t.client.login('merchant@demo.flywheel', DEMO_PASSWORD);
    const [store] = (await merchant.get<Store[]>('/api/v1/merchant/stores')).body;
    const samples = (await merchant.get<{ items: Sample[] }>(`/api/v1/merchant/stores/${store!.id}/alliance/samples?status=pending`)).body.items;
    expect(samples).toEqual([expect.objectContaining({ status: 'pending', creatorName: '小鱼爱分享（达人）' })]);
    for (const id of await demoCreatorIds(t.platform)) {
      const items = (await t.platform.services.alliance.showcase.list(id, { limit: 50, offset: 0 })).items;
      expect(items.length).toBeGreaterThanOrEqual(4);
      expect(items.length).toBeLessThanOrEqual(8);
    }

    // Once per world.
    expect((await seedDemoAlliance(t.platform)).skipped).toBeDefined();
    expect(await checkInvariants(t.platform)).toEqual([]);
  });

  it('has an active 山货 programme with the rural stores’ goods enrolled, badged and boosted, once', async () => {
    const c = await seedDemoCampaigns(t.platform);
    expect(c.skipped).toBeUndefined();
    expect(c.campaigns).toBe(1);
    expect(c.enrolled).toBeGreaterThanOrEqual(8);
    expect((await seedDemoCampaigns(t.platform)).skipped).toBeDefined();
    const active = (await t.client.get<{ items: Array<{ id: string; name: string; kind: string; enrolled: number }> }>('/api/v1/campaigns')).body.items;
    expect(active).toEqual([expect.objectContaining({ name: '山货上行', kind: 'programme', enrolled: c.enrolled })]);
    const page = (await t.client.get<{ goods: Array<{ id: string }> }>(`/api/v1/campaigns/${active[0]!.id}`)).body.goods;
    expect(page.length).toBe(c.enrolled);
    await t.platform.bus.drain();
    const badges = (await t.client.get<{ items: Array<{ productId: string }> }>(`/api/v1/campaigns/badges?productIds=${page.map((g) => g.id).join(',')}`)).body.items;
    expect(badges.length).toBe(c.enrolled);
    expect(t.platform.services.feedHost.goods.items.get(page[0]!.id)?.boost).toBe(1.3);
  });

  it('has a short history of real orders: a 热卖榜 overall and in every root category, merchants with orders, money and stock in balance', async () => {
    const stats = await seedDemoOrders(t.platform);
    expect(stats.skipped).toBeUndefined();
    // Some bought on the demo creators' showcases (seeded above): those creators have commission pending.
    expect(stats.showcase).toBeGreaterThanOrEqual(3);
    expect(stats.showcaseShipped).toBeGreaterThan(0); // shipped as the others are
    // The commissions accrue as the bus hands on the orders' payments.
    const creators = await demoCreatorIds(t.platform);
    const earning = async () => (await Promise.all(creators.map((id) => t.platform.services.alliance.earnings.earnings(id)))).flatMap((e, i) => (e.pendingFen > 0 ? [i] : []));
    await expect.poll(async () => (await earning()).length, { timeout: 15_000 }).toBeGreaterThan(0);
    const earner = await t.client.login(creatorEmail((await earning())[0]!), DEMO_PASSWORD);
    const mineEarned = (await earner.get<Earnings>('/api/v1/me/alliance/earnings')).body;
    expect(mineEarned.pendingFen).toBeGreaterThan(0);
    expect(mineEarned.byContent.every((c) => c.contentType === 'showcase')).toBe(true);
    expect(stats.orders).toBeGreaterThanOrEqual(DEMO_ORDERS);
    expect(stats.orders).toBeLessThanOrEqual(DEMO_ORDERS + 2); // the last cart may hold goods of three stores
    expect(stats.checkouts).toBeLessThan(stats.orders);
    expect(stats.paid).toBe(stats.orders);
    expect(stats.shipped).toBeGreaterThan(0);
    expect(stats.stores).toBeGreaterThanOrEqual(12);

    // Ranked by units sold, skewed: the best seller sold several units.
    const all = (await t.client.get<BestSellerListBody>('/api/v1/bestsellers?limit=100')).body;
    expect(all.items.length).toBeGreaterThanOrEqual(10);
    expect(all.items.map((i) => i.rank)).toEqual(all.items.map((_, n) => n + 1));
    for (const [n, i] of all.items.entries()) if (n > 0) expect(i.unitsSold7d).toBeLessThanOrEqual(all.items[n - 1]!.unitsSold7d);
    expect(all.items[0]!.unitsSold7d).toBeGreaterThanOrEqual(4);
    expect(all.items.reduce((a, i) => a + i.unitsSold7d, 0)).toBe(stats.units);
    const roots = (await t.client.get<Category[]>('/api/v1/categories')).body;
    expect(roots.length).toBeGreaterThanOrEqual(8);
    for (const root of roots) {
      const board = (await t.client.get<BestSellerListBody>(`/api/v1/bestsellers?categoryId=${root.id}`)).body;
      expect(board.items.length, root.nameZh).toBeGreaterThan(0);
      expect(board.items.every((i) => i.category.parentId === root.id)).toBe(true);
    }

    // The printed demo merchants have orders (paid, some shipped) and money owed on their statements.
    for (const email of ['merchant@demo.flywheel', 'rural@demo.flywheel']) {
      const m = await t.client.login(email, DEMO_PASSWORD);
      const [store] = (await m.get<Store[]>('/api/v1/merchant/stores')).body;
      const list = (await m.get<{ items: Order[]; total: number }>(`/api/v1/merchant/stores/${store!.id}/orders?limit=100`)).body;
      expect(list.total, email).toBeGreaterThan(0);
      expect(list.items.every((o) => o.status === 'paid' || o.status === 'shipped')).toBe(true);
      expect((await m.get<{ payableFen: number }>(`/api/v1/merchant/stores/${store!.id}/statement`)).body.payableFen).toBeGreaterThan(0);
    }
    // The visitor's shopper has none; the others bought to their default addresses.
    const showcase = await t.client.login('shopper@demo.flywheel', DEMO_PASSWORD);
    expect((await showcase.get<{ total: number }>('/api/v1/orders')).body.total).toBe(0);
    const buyer = await t.client.login('shopper2@demo.flywheel', DEMO_PASSWORD);
    const home = (await buyer.get<Address[]>('/api/v1/me/addresses')).body.find((a) => a.isDefault)!;
    const mine = (await buyer.get<{ items: Order[]; total: number }>('/api/v1/orders?limit=100')).body;
    expect(mine.total).toBeGreaterThan(0);
    for (const o of mine.items) expect(o.shippingAddress).toMatchObject({ recipient: home.recipient, detail: home.detail, city: home.city });

    // The ledger still nets to zero, and every money and stock invariant holds.
    const ops = await t.client.login('ops@demo.flywheel', DEMO_PASSWORD);
    expect((await ops.get<{ balanced: boolean }>('/api/v1/ops/ledger/trial-balance')).body.balanced).toBe(true);
    expect(await checkInvariants(t.platform)).toEqual([]);

    // Once per world: a second run places nothing.
    expect((await seedDemoOrders(t.platform)).orders).toBe(0);
    t.platform.services.bestSellers.clear();
    expect((await t.client.get<BestSellerListBody>('/api/v1/bestsellers?limit=100')).body.items.reduce((a, i) => a + i.unitsSold7d, 0)).toBe(stats.units);
  });

  it('has a staffed service desk with two conversations under way, once', async () => {
    const stats = await seedDemoCare(t.platform);
    expect(stats.skipped).toBeUndefined();
    expect(stats.agents).toBeGreaterThanOrEqual(2 + 12);
    expect(stats.tickets).toBe(2);
    // The printed merchant's desk: the shopper's question about a paid order, answered by the owner.
    const merchant = await t.client.login('merchant@demo.flywheel', DEMO_PASSWORD);
    const mine = (await merchant.get<{ items: Array<{ id: string; orderId: string | null; queue: string }> }>('/api/v1/care/desk/tickets?view=mine')).body.items;
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ queue: 'store' });
    const convo = (await merchant.get<TicketDetail>(`/api/v1/care/tickets/${mine[0]!.id}`)).body;
    expect(convo.messages.map((m) => m.authorKind)).toEqual(['shopper', 'system', 'agent']);
    // The printed agent has the help-centre question.
    const agent = await t.client.login('agent@demo.flywheel', DEMO_PASSWORD);
    const desk = (await agent.get<{ agent: { tier: number }; authority: { remainingFen: number } }>('/api/v1/care/desk/me')).body;
    expect(desk.agent.tier).toBe(1);
    expect(desk.authority.remainingFen).toBe(t.platform.config.care.limits[1].dayFen);
    expect((await agent.get<{ items: Array<{ origin: string }> }>('/api/v1/care/desk/tickets?view=mine')).body.items.map((i) => i.origin)).toEqual(['help']);
    expect((await seedDemoCare(t.platform)).skipped).toBeDefined();
  });

  it("has a past: the demo shopper's 猜你喜欢 follows their tastes, and goods have related goods", async () => {
    const shopper = await t.client.login('shopper@demo.flywheel', DEMO_PASSWORD);
    const host = t.platform.services.feedHost;
    // The history was written after the server started: the engine reads it from the log.
    await expect.poll(() => host.goods.stats.signals, { timeout: 15_000 }).toBeGreaterThanOrEqual(firstEvents);
    const goods = (await shopper.get<GoodsPage>('/api/v1/feed/goods?limit=10')).body.items;
    expect(goods.length).toBeGreaterThan(0);
    expect(goods.some((g) => g.reason.source === 'similar' || g.reason.source === 'interest')).toBe(true);
    const withRelated = await Promise.all(goods.map(async (g) => (await t.client.get<{ items: Product[] }>(`/api/v1/products/${g.product.id}/related?limit=5`)).body.items.length));
    expect(withRelated.some((n) => n > 0)).toBe(true);
  });
});

describe('demo content', () => {
  // One platform for the demo content and the feed it makes: the videos take a while to make.
  let c: TestPlatform;
  const ownStore = new Map<string, string>();
  beforeAll(async () => {
    c = await startTestPlatform({ TRANSCODE_PRESET: 'ultrafast', FEED_ENGINE_POLL_MS: '50' });
  });
  afterAll(() => c.close());

  it('gives the demo merchants short videos of their own goods (made in a background job) and a scheduled live room each, once', async () => {
    await createDemoWorld(c.platform, { products: 120, progress: false });
    const merchants = await Promise.all(['merchant@demo.flywheel', 'rural@demo.flywheel'].map((e) => c.client.login(e, DEMO_PASSWORD)));
    for (const m of merchants) {
      const me = await m.get<{ id: string }>('/api/v1/me');
      const stores = await m.get<Store[]>('/api/v1/merchant/stores');
      ownStore.set(me.body.id, stores.body[0]!.id);
    }

    // Cheap and synchronous: the rooms are there at once, the videos are a queued job.
    const t0 = performance.now();
    expect(await seedDemoContent(c.platform, { videos: 2 })).toEqual({ roomsCreated: 2, videosQueued: 2 });
    expect(performance.now() - t0).toBeLessThan(5_000);
    const rooms = await c.client.get<{ items: Room[]; total: number }>('/api/v1/live/rooms?status=scheduled');
    expect(rooms.body.total).toBe(2);
    for (const r of rooms.body.items) {
      expect(r.storeId).toBe(ownStore.get(r.host.id));
      expect(r.state.bag).toHaveLength(3);
      expect(r.state.bag.every((p) => p.storeId === r.storeId)).toBe(true);
      expect(Date.parse(r.scheduledAt!)).toBeGreaterThan(Date.now() + 60 * 60_000);
      expect(r.title).toMatch(/[\u4e00-\u9fff]/);
    }

    // The job makes the MP4s and uploads them; the platform's transcode jobs make the HLS; once
    // the videos are out, the job writes their history.
    const deadline = Date.now() + 90_000;
    const demoJob = async () => (await JobQueue.list(c.platform.db, { kind: DEMO_VIDEOS_JOB, limit: 5, offset: 0 })).items[0];
    while ((await demoJob())?.status !== 'succeeded' && Date.now() < deadline) {
      await c.platform.jobs.drain();
      await new Promise((r) => setTimeout(r, 200));
    }
    const job = await demoJob();
    expect(job, 'the demo job').toMatchObject({ status: 'succeeded' });
    expect((job!.result as { events: number }).events).toBeGreaterThan(500);
    const feed = await c.client.get<{ items: Video[]; total: number }>('/api/v1/videos');
    expect(feed.body.total).toBe(2);
    expect(new Set(feed.body.items.map((v) => v.author.id))).toEqual(new Set(ownStore.keys()));
    for (const v of feed.body.items) {
      expect(v).toMatchObject({ status: 'ready', visibility: 'public', width: 720, height: 1280 });
      expect(v.title).toMatch(/^[\u4e00-\u9fff]+｜/);
      expect(v.durationMs).toBeGreaterThan(5_000);
      expect(v.durationMs).toBeLessThan(7_000);
      expect(v.products).toHaveLength(1);
      expect(v.products[0]!.storeId).toBe(ownStore.get(v.author.id));
      const master = await fetch(c.url + v.hlsUrl!);
      expect(master.status).toBe(200);
      const playlist = await master.text();
      expect(playlist).toContain('#EXT-X-STREAM-INF');
      expect(playlist).toContain('mp4a'); // the soft chord is there
      const poster = await fetch(c.url + v.posterUrl!);
      expect(poster.headers.get('content-type')).toBe('image/jpeg');
    }

    // Seeding again (every start does) makes nothing new.
    expect(await seedDemoContent(c.platform, { videos: 2 })).toEqual({ roomsCreated: 0, videosQueued: 0 });
    await c.platform.jobs.drain();
    expect((await c.client.get<{ total: number }>('/api/v1/live/rooms?status=scheduled')).body.total).toBe(2);
    for (const m of merchants) expect((await m.get<{ total: number }>('/api/v1/me/videos')).body.total).toBe(1);
    expect((await JobQueue.list(c.platform.db, { kind: DEMO_VIDEOS_JOB, limit: 5, offset: 0 })).total).toBe(1);
  }, 120_000);

  it('has a past that shows: videos promoted from the first pool and held in it, a personal feed for the demo shopper, the engine at work for operators', async () => {
    const host = c.platform.services.feedHost;
    const authors = await Promise.all(['merchant@demo.flywheel', 'rural@demo.flywheel'].map((e) => c.client.login(e, DEMO_PASSWORD)));
    const pools: PoolStatus[] = [];
    for (const a of authors) {
      for (const v of (await a.get<{ items: Video[] }>('/api/v1/me/videos')).body.items) {
        // The history is in the log; the engine reads it within a poll or two.
        await expect.poll(async () => (await a.get<PoolStatus>(`/api/v1/videos/${v.id}/distribution`)).body.impressions, { timeout: 15_000 }).toBeGreaterThanOrEqual(200);
        pools.push((await a.get<PoolStatus>(`/api/v1/videos/${v.id}/distribution`)).body);
      }
    }
    expect(pools).toHaveLength(2);
    expect(pools.some((p) => p.level > 0 && p.status === 'testing')).toBe(true);
    expect(pools.some((p) => p.level === 0 && p.status === 'held' && p.rates.negative > 0.15)).toBe(true);

    const shopper = await c.client.login('shopper@demo.flywheel', DEMO_PASSWORD);
    const page = (await shopper.get<FeedPage>('/api/v1/feed?limit=10')).body.items;
    // Nothing the demo shopper did is recent enough to hide: both videos are there, for reasons of their own.
    expect(page.map((e) => e.id).sort()).toEqual(pools.map((p) => p.videoId).sort());
    expect(page.some((e) => e.reason.source === 'similar' || e.reason.source === 'interest')).toBe(true);

    const ops = await c.client.login('ops@demo.flywheel', DEMO_PASSWORD);
    const { engine } = (await ops.get<{ engine: { videos: number; viewers: number; signals: number; modelUpdates: number } }>('/api/v1/ops/distribution')).body;
    expect(engine.videos).toBe(2);
    expect(engine.viewers).toBeGreaterThan(100);
    expect(engine.signals).toBeGreaterThan(1000);
    expect(engine.modelUpdates).toBeGreaterThan(0);
    expect(host.content.stats.unknown).toBe(0); // no event was about a video the engine did not know
  });

  it("gives a new creator's video its first-pool audience on the very next pages, and shows the author the impressions", async () => {
    const creator = await c.client.login('creator@demo.flywheel', DEMO_PASSWORD);
    const clip = await makeVideo({ seconds: 2, width: 360, height: 640 });
    try {
      const v = (await creator.post<Video>('/api/v1/videos', { title: '新人第一条：我的开箱' })).body;
      expect((await creator.put(`/api/v1/videos/${v.id}/source`, videoForm(clip.data))).status).toBeLessThan(300);
      await expect.poll(async () => (await creator.get<Video>(`/api/v1/videos/${v.id}`)).body.status, { timeout: 60_000 }).toBe('ready');
      // The engine hears of the publication through the event bus.
      await expect.poll(() => c.platform.services.feedHost.content.items.has(v.id), { timeout: 15_000 }).toBe(true);
      expect((await creator.get<PoolStatus>(`/api/v1/videos/${v.id}/distribution`)).body).toMatchObject({ level: 0, status: 'testing', impressions: 0 });

      // Demo shoppers (signed in, with a history) and anonymous devices (two with one) open the app.
      const shoppers = await Promise.all([2, 3, 4, 5].map((n) => c.client.login(`shopper${n}@demo.flywheel`, DEMO_PASSWORD)));
      const viewers = [...shoppers.map((s) => ({ client: s, deviceId: '' })), ...['demo-feed-new-1', 'demo-device-0007', 'demo-device-0042'].map((d) => ({ client: c.client, deviceId: d }))];
      const served: typeof viewers = [];
      for (const viewer of viewers) {
        const r = await viewer.client.get<FeedPage>(`/api/v1/feed?limit=10${viewer.deviceId ? `&deviceId=${viewer.deviceId}` : ''}`);
        expect(r.status).toBe(200);
        const entry = r.body.items.find((e) => e.id === v.id);
        if (!entry) continue;
        expect(entry.reason).toMatchObject({ source: 'fresh', pool: 0 });
        served.push(viewer);
      }
      expect(served.length).toBeGreaterThanOrEqual(5);

      const at = new Date().toISOString();
      for (const [k, viewer] of served.entries()) {
        const events = [
          { id: `demo-new-${k}-imp`, type: 'impression', itemType: 'video', itemId: v.id, source: 'feed', at },
          { id: `demo-new-${k}-play`, type: 'play', itemType: 'video', itemId: v.id, watchMs: 1500, durationMs: 2000, source: 'feed', at },
        ];
        expect((await viewer.client.post('/api/v1/events', { ...(viewer.deviceId ? { deviceId: viewer.deviceId } : {}), events })).status).toBe(200);
      }
      await expect.poll(async () => (await creator.get<PoolStatus>(`/api/v1/videos/${v.id}/distribution`)).body.impressionsInPool, { timeout: 15_000 }).toBe(served.length);
      expect((await creator.get<PoolStatus>(`/api/v1/videos/${v.id}/distribution`)).body).toMatchObject({ level: 0, status: 'testing', poolSize: 200 });
    } finally {
      await dropVideo(clip);
    }
  }, 120_000);
});
