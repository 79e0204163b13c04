// Search over HTTP: goods, videos, stores and creators from the owners' services and events, the
// query log and suggestions, bad queries, and a restart that restores the snapshot and catches up.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlatform, type Platform } from '../../src/main.ts';
import type { Product } from '../../src/modules/catalog/model.ts';
import type { Store } from '../../src/modules/catalog/stores.ts';
import type { Video } from '../../src/modules/content/schemas.ts';
import type { SearchResultBody, SuggestResult } from '../../src/modules/search/schemas.ts';
import { loadConfig } from '../../src/platform/config.ts';
import { dropVideo, makeVideo, videoForm } from '../support/media.ts';
import { Client, startTestPlatform, type TestPlatform } from '../support/platform.ts';

let t: TestPlatform;
let merchant: Client;
let flagshipStore: Store;
let farmStore: Store;
let cats: { digital: string; phone: string; fruit: string };
let iphone: Product;
let apples: Product;
let video: Video;

const search = async (qs: Record<string, string | number | boolean>, c: Client = t.client) => {
  const r = await c.get<SearchResultBody>(`/api/v1/search?${new URLSearchParams(Object.entries(qs).map(([k, v]): [string, string] => [k, String(v)]))}`);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body;
};
const ids = (r: SearchResultBody) => r.items.map((i) => i.id);
const product = (store: Store, title: string, categoryId: string, priceFen: number, more: Record<string, unknown> = {}) =>
  merchant.post<Product>(`/api/v1/merchant/stores/${store.id}/products`, { title, categoryId, skus: [{ optionValues: {}, priceFen, stock: 10 }], ...more }).then((r) => {
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body;
  });

beforeAll(async () => {
  t = await startTestPlatform({ TRANSCODE_PRESET: 'ultrafast' });
  const c = t.platform.services.categories;
  const digital = (await c.create({ nameZh: '数码', nameEn: 'Digital' })).id;
  cats = { digital, phone: (await c.create({ parentId: digital, nameZh: '手机', nameEn: 'Phones' })).id, fruit: (await c.create({ nameZh: '水果', nameEn: 'Fruit' })).id };
  merchant = await t.client.register('search-merchant@example.com', ['merchant', 'creator'], '果园老王');
  flagshipStore = (await merchant.post<Store>('/api/v1/merchant/stores', { name: '苹果官方旗舰店' })).body;
  await t.platform.services.stores.govern(flagshipStore.id, { flagship: true });
  farmStore = (await merchant.post<Store>('/api/v1/merchant/stores', { name: '山东果园直供', rural: true })).body;
  iphone = await product(flagshipStore, 'Apple/苹果 iPhone 15 Pro 256GB 5G手机', cats.phone, 799_900, { attributes: [{ name: '品牌', value: 'Apple' }] });
  apples = await product(farmStore, '山东红富士苹果 5斤 新鲜水果', cats.fruit, 3_990, { description: '脆甜多汁' });
  await product(farmStore, '硅胶手机壳 适用苹果', cats.phone, 1_500);
  await product(flagshipStore, 'Wireless Bluetooth Headphones 头戴式耳机', cats.digital, 149_900);
  // One video, really transcoded: content publishes it when ready.
  const clip = await makeVideo({ seconds: 2, width: 160, height: 288 });
  try {
    video = (await merchant.post<Video>('/api/v1/videos', { title: '红富士苹果开箱 果园直发', tags: ['水果', '开箱'], productIds: [apples.id] })).body;
    expect((await merchant.put(`/api/v1/videos/${video.id}/source`, videoForm(clip.data))).status).toBe(202);
    // Polled by hand: expect.poll is for tests, and this is beforeAll.
    for (let i = 0; (await merchant.get<Video>(`/api/v1/videos/${video.id}`)).body.status !== 'ready'; i++) {
      if (i > 600) throw new Error('the video never became ready');
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    await dropVideo(clip);
  }
  await t.platform.bus.drain();
  await t.platform.services.search.indexer.settle();
});
afterAll(async () => {
  for (const p of restarted) await p.close();
  await t.close();
});

describe('search', () => {
  it('finds goods by a Chinese query, the best match first, with highlights into the title', async () => {
    const r = await search({ q: '苹果手机', type: 'product' });
    expect(r.items[0]!.id).toBe(iphone.id);
    const top = r.items[0]!;
    expect(top.product?.minPriceFen).toBe(799_900);
    expect(top.highlights.length).toBeGreaterThan(0);
    expect(top.highlights.map((h) => top.title.slice(h.start, h.end)).join('')).toMatch(/苹果|手机/);
  });

  it('reads pinyin and initials as the Chinese they stand for', async () => {
    for (const q of ['pingguo', 'pg']) expect(ids(await search({ q, type: 'product' }))).toEqual(expect.arrayContaining([iphone.id, apples.id]));
  });

  it('forgives a typo in an English word and says what it corrected', async () => {
    const r = await search({ q: 'headphoens' });
    expect(r.items.map((i) => i.title)).toContain('Wireless Bluetooth Headphones 头戴式耳机');
    expect(r.understood.corrections).toEqual([{ from: 'headphoens', to: 'headphones' }]);
  });

  it('filters by category (a parent means its children) and flagship, with facet counts that ignore their own filter', async () => {
    const r = await search({ q: '苹果', type: 'product', category: cats.digital });
    expect(ids(r)).toContain(iphone.id);
    expect(ids(r)).not.toContain(apples.id);
    // The category facet still counts the fruit the filter left out, so the shopper can switch.
    expect(r.facets.categories).toEqual(expect.arrayContaining([{ value: cats.fruit, count: 1 }, { value: cats.phone, count: 2 }]));
    const flagship = await search({ q: '苹果', type: 'product', flagship: true });
    expect(ids(flagship)).toEqual([iphone.id]);
    const cheap = await search({ q: '苹果', type: 'product', maxPrice: 5_000, inStock: true, shipsWithin: 72 });
    expect(ids(cheap).sort()).toEqual(cheap.items.filter((i) => (i.product?.minPriceFen ?? Infinity) <= 5_000).map((i) => i.id).sort());
    expect(cheap.total).toBe(2);
  });

  it('sorts by price both ways', async () => {
    const asc = (await search({ q: '苹果', type: 'product', sort: 'price_asc' })).items.map((i) => i.product!.minPriceFen);
    expect(asc).toEqual([...asc].sort((a, b) => a - b));
    expect(asc.length).toBe(3);
    const desc = (await search({ q: '苹果', type: 'product', sort: 'price_desc' })).items.map((i) => i.product!.minPriceFen);
    expect(desc).toEqual([...asc].reverse());
  });

  it('has type tabs with counts: the video and the store are found, hydrated in their public shapes', async () => {
    const all = await search({ q: '苹果' });
    expect(all.counts.product).toBe(3);
    expect(all.counts.video).toBe(1);
    expect(all.counts.store).toBe(1);
    const videos = await search({ q: '红富士 开箱', type: 'video' });
    expect(videos.items[0]?.video?.id).toBe(video.id);
    expect(videos.items[0]?.video?.products.map((p) => p.id)).toEqual([apples.id]);
    const stores = await search({ q: '旗舰店', type: 'store' });
    expect(stores.items[0]?.store).toMatchObject({ id: flagshipStore.id, flagship: true });
    const creators = await search({ q: '果园老王', type: 'creator' });
    expect(creators.items[0]?.creator?.name).toBe('果园老王');
  });

  it('finds a product created through the merchant API right away, and forgets it once archived', async () => {
    const p = await product(farmStore, '云南高山蓝莓 鲜果', cats.fruit, 6_900);
    await expect.poll(async () => ids(await search({ q: '蓝莓' })), { timeout: 1000, interval: 20 }).toContain(p.id);
    expect((await merchant.post(`/api/v1/merchant/products/${p.id}/archive`)).status).toBe(200);
    await expect.poll(async () => ids(await search({ q: '蓝莓' })), { timeout: 1000, interval: 20 }).not.toContain(p.id);
  });

  it('logs every search (normalised, batched) and suggests a popular query', async () => {
    const shopper = await t.client.register('search-shopper@example.com');
    for (let i = 0; i < 4; i++) await search({ q: '红富士苹果  5斤' }, shopper);
    const s = await t.client.get<SuggestResult>(`/api/v1/search/suggest?q=${encodeURIComponent('红富')}`);
    expect(s.status).toBe(200);
    expect(s.body.items).toContainEqual(expect.objectContaining({ text: '红富士苹果 5斤', kind: 'query' }));
    const byInitials = await t.client.get<SuggestResult>('/api/v1/search/suggest?q=hfs');
    expect(byInitials.body.items.map((i) => i.text)).toContain('红富士苹果 5斤');
    await t.platform.services.search.queries.flush();
    const rows = await t.platform.db.query<{ q: string; user_id: string | null; results: number }>(`SELECT q, user_id, results FROM search_queries WHERE q = '红富士苹果 5斤'`);
    expect(rows).toHaveLength(4);
    expect(rows[0]!.user_id).toMatch(/^usr_/);
    expect(rows[0]!.results).toBeGreaterThan(0);
  });

  it('answers bad input with a 400 naming the parameter, or a sane page — never a 500', async () => {
    const bad: Array<[Record<string, string>, string]> = [
      [{}, 'querystring.q'],
      [{ q: '' }, 'querystring.q'],
      [{ q: 'x'.repeat(1024) }, 'querystring.q'],
      [{ q: '苹'.repeat(150) }, 'querystring.q'],
      [{ q: '\u0001\u0002\u0003' }, 'querystring.q'],
      [{ q: '苹果\u0000手机' }, 'querystring.q'],
      [{ q: '苹果', page: '999999999' }, 'querystring.page'],
      [{ q: '苹果', page: '30', size: '50' }, 'querystring.page'],
      [{ q: '苹果', colour: 'red' }, 'querystring.colour'],
      [{ q: '苹果', type: 'tweet' }, 'querystring.type'],
      [{ q: '苹果', minPrice: '500', maxPrice: '100' }, 'querystring.minPrice'],
      [{ q: '苹果', sort: 'random' }, 'querystring.sort'],
    ];
    for (const [qs, field] of bad) {
      const r = await t.client.get(`/api/v1/search?${new URLSearchParams(qs)}`);
      expect(r.status, JSON.stringify(qs)).toBe(400);
      expect(r.problem.code).toBe('validation_failed');
      expect(r.problem.field).toBe(field);
    }
    for (const q of ["' OR 1=1; DROP TABLE products; --", '<script>alert(1)</script>', '苹果\u0007手机', '*:* AND (', '%_%']) {
      const r = await search({ q });
      expect(r.total).toBeGreaterThanOrEqual(0);
    }
    expect((await search({ q: '苹果\u0007手机', type: 'product' })).items[0]?.id).toBe(iphone.id);
    expect((await t.client.get('/api/v1/search/suggest?q=')).status).toBe(400);
    expect((await t.client.get<SuggestResult>(`/api/v1/search/suggest?q=${encodeURIComponent("'; DROP TABLE --")}`)).status).toBe(200);
  });
});

const restarted: Platform[] = [];
/** Closes the platform (its shutdown writes the snapshot), does `whileDown`, starts another on the same database and data directory. */
async function restart(from: Platform, whileDown: () => Promise<void> = async () => undefined): Promise<Platform> {
  await from.close();
  await whileDown();
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: t.dataDir, LOG_LEVEL: 'silent', SERVE_WEB: 'false', DEMO_ON_EMPTY: 'false', LIVE_INGEST: 'false', TRANSCODE_PRESET: 'ultrafast' });
  const p = await createPlatform(config, { db: t.platform.db, logger: false });
  restarted.push(p);
  await p.listen();
  return p;
}

describe('snapshot', () => {
  it('a restart restores the snapshot and catches up on what changed while it was down; a damaged one is rebuilt', async () => {
    // The shutdown wrote the snapshot. A change made after it is handled (the old process's bus is
    // drained by hand), so only the module's change log knows it: as after a crash.
    const first = t.platform;
    const second = await restart(first, async () => {
      const me = (await first.services.identity.list({ q: 'search-merchant', limit: 1, offset: 0 })).items[0]!;
      await first.services.products.update(apples.id, me.id, { title: '烟台红富士 苹果 10斤' });
      await first.bus.drain();
    });
    const s = second.services.search.indexer;
    expect(s.origin.from).toBe('snapshot');
    expect(s.origin.caughtUp).toBeGreaterThanOrEqual(1);
    const found = (r: ReturnType<typeof s.engine.search>) => (r.ok ? r.hits.map((h) => h.id) : []);
    expect(found(s.engine.search({ q: '烟台' }))).toEqual([apples.id]);
    expect(found(s.engine.search({ q: 'iphone' }))).toEqual([iphone.id]);
    // Popular queries survive too (they were in the snapshot's suggester).
    expect(s.engine.suggest('红富').map((x) => x.text)).toContain('红富士苹果 5斤');

    const third = await restart(second, async () => writeFileSync(join(t.dataDir, 'search', 'index.snap'), 'FWSI garbage'));
    expect(third.services.search.indexer.origin).toMatchObject({ from: 'build' });
    expect(third.services.search.indexer.origin.reason).toBeTruthy();
    expect(found(third.services.search.indexer.engine.search({ q: '烟台' }))).toEqual([apples.id]);
    expect(third.services.search.indexer.engine.suggest('红富').map((x) => x.text)).toContain('红富士苹果 5斤');
  });
});
