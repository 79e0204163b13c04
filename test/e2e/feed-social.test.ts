// Following creators, over HTTP: a follow reaches the distribution engine through the bus, so the
// creator's next video comes first with the reason "following", and every feed item says whether
// the viewer follows its author; an unfollow undoes both. Live rooms enter the engine with the
// category of their pinned product.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Product } from '../../src/modules/catalog/model.ts';
import type { Store } from '../../src/modules/catalog/stores.ts';
import type { Video } from '../../src/modules/content/schemas.ts';
import type { Creator, FollowedCreators } from '../../src/modules/content/social-schemas.ts';
import type { FeedPage } from '../../src/modules/feed/feed-schemas.ts';
import type { HostRoom } from '../../src/modules/live/schemas.ts';
import { dropVideo, makeVideo, videoForm, type MadeVideo } from '../support/media.ts';
import { startTestPlatform, type Client, type TestPlatform } from '../support/platform.ts';

let t: TestPlatform;
let creator: Client; // a creator without a store: videos without goods
let creatorId: string;
let merchant: Client;
let shopper: Client;
let shopperId: string;
let clip: MadeVideo;
let fruit: Product;
let tea: Product;
let teaVideo: Video;

/** Creates a video, uploads the clip, waits until it is ready and the engine has heard of it. */
async function publish(c: Client, title: string, productIds: string[] = []): Promise<Video> {
  const v = (await c.post<Video>('/api/v1/videos', { title, productIds })).body;
  expect((await c.put(`/api/v1/videos/${v.id}/source`, videoForm(clip.data))).status).toBe(202);
  // Polled by hand: expect.poll is for tests, and this runs in beforeAll too.
  for (let i = 0; (await c.get<Video>(`/api/v1/videos/${v.id}`)).body.status !== 'ready'; i++) {
    if (i > 600) throw new Error(`${title}: never became ready`);
    await new Promise((r) => setTimeout(r, 100));
  }
  // `content.video.published` is written with the ready state; deliver it to the engine now.
  await t.platform.bus.drain();
  return (await c.get<Video>(`/api/v1/videos/${v.id}`)).body;
}

const feedOf = async (c: Client, limit = 10) => {
  const r = await c.get<FeedPage>(`/api/v1/feed?limit=${limit}`);
  expect(r.status).toBe(200);
  return r.body.items;
};
const topics = async (topic: string) => (await t.platform.db.query<{ payload: { creatorId: string; userId: string } }>('SELECT payload FROM outbox WHERE topic = $1 ORDER BY seq', [topic])).map((r) => r.payload);

beforeAll(async () => {
  t = await startTestPlatform({ TRANSCODE_PRESET: 'ultrafast', FEED_ENGINE_POLL_MS: '50' });
  creator = await t.client.register('fs-creator@example.com', ['creator'], '测评小王');
  creatorId = (await creator.get<{ id: string }>('/api/v1/me')).body.id;
  merchant = await t.client.register('fs-merchant@example.com', ['merchant'], '山里好物');
  shopper = await t.client.register('fs-shopper@example.com');
  shopperId = (await shopper.get<{ id: string }>('/api/v1/me')).body.id;
  const store = (await merchant.post<Store>('/api/v1/merchant/stores', { name: '山里好物' })).body;
  const cats = t.platform.services.categories;
  const [fruitCat, teaCat] = [await cats.create({ nameZh: '水果', nameEn: 'Fruit' }), await cats.create({ nameZh: '茶叶', nameEn: 'Tea' })];
  const make = async (title: string, categoryId: string) => (await merchant.post<Product>(`/api/v1/merchant/stores/${store.id}/products`, { title, categoryId, status: 'active', skus: [{ optionValues: {}, priceFen: 2990, stock: 50 }] })).body;
  fruit = await make('赣南脐橙', fruitCat.id);
  tea = await make('明前龙井', teaCat.id);
  clip = await makeVideo({ seconds: 2, width: 160, height: 288 });
  await publish(creator, '开箱测评第一期');
  teaVideo = await publish(merchant, '明前龙井开汤', [tea.id]);
}, 180_000);
afterAll(async () => {
  await dropVideo(clip);
  await t.close();
});

describe('following creators', () => {
  it('refuses what cannot be followed: nobody, a shopper, oneself, and anonymous viewers', async () => {
    expect((await shopper.put('/api/v1/creators/usr_0000000000zzzzzzzzzz/follow')).problem).toMatchObject({ status: 404, code: 'not_found', field: 'creatorId' });
    const other = await t.client.register('fs-plain@example.com');
    const plainId = (await other.get<{ id: string }>('/api/v1/me')).body.id;
    expect((await shopper.put(`/api/v1/creators/${plainId}/follow`)).status).toBe(404);
    expect((await shopper.get(`/api/v1/creators/${plainId}`)).status).toBe(404);
    expect((await creator.put(`/api/v1/creators/${creatorId}/follow`)).problem).toMatchObject({ status: 400, code: 'validation_failed', field: 'creatorId' });
    expect((await t.client.put(`/api/v1/creators/${creatorId}/follow`)).status).toBe(401);
    expect(await topics('content.creator.followed')).toEqual([]);
  });

  it("a follow puts the creator's new video first, explained as following, and marks the items followed", async () => {
    // What is there now is seen first, so the next page is about what comes after the follow.
    const before = await feedOf(shopper);
    expect(before).toHaveLength(2);
    expect(before.every((e) => !e.followingAuthor && !e.followingStore)).toBe(true);
    expect((await t.client.get<Creator>(`/api/v1/creators/${creatorId}`)).body).toEqual({ id: creatorId, name: '测评小王', followerCount: 0, following: false });

    const r = await shopper.put<{ following: boolean; followerCount: number }>(`/api/v1/creators/${creatorId}/follow`);
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ following: true, followerCount: 1 });
    // Saying it twice changes nothing.
    expect((await shopper.put(`/api/v1/creators/${creatorId}/follow`)).body).toEqual({ following: true, followerCount: 1 });
    expect(await topics('content.creator.followed')).toEqual([{ creatorId, userId: shopperId }]);
    expect((await shopper.get<Creator>(`/api/v1/creators/${creatorId}`)).body).toMatchObject({ followerCount: 1, following: true });
    const mine = (await shopper.get<FollowedCreators>('/api/v1/me/following/creators')).body;
    expect(mine.total).toBe(1);
    expect(mine.items).toMatchObject([{ id: creatorId, name: '测评小王', followerCount: 1 }]);

    await t.platform.bus.drain();
    const fresh = await publish(creator, '开箱测评第二期');
    // Another viewer who follows nobody is not told "following".
    const stranger = (await t.client.get<FeedPage>('/api/v1/feed?limit=10&deviceId=fs-stranger-1')).body.items.find((e) => e.id === fresh.id);
    expect(stranger?.reason.source).not.toBe('following');
    expect(stranger?.followingAuthor).toBe(false);

    const page = await feedOf(shopper);
    expect(page[0]?.id).toBe(fresh.id);
    expect(page[0]?.reason.source).toBe('following');
    expect(page[0]).toMatchObject({ kind: 'video', followingAuthor: true, followingStore: false });
    if (page[0]?.kind === 'video') expect(page[0].video).toMatchObject({ author: { id: creatorId }, commentCount: 0 });
  });

  it('an unfollow takes it back: the count, the list, the next video is not "following"', async () => {
    const r = await shopper.delete<{ following: boolean; followerCount: number }>(`/api/v1/creators/${creatorId}/follow`);
    expect(r.body).toEqual({ following: false, followerCount: 0 });
    expect((await shopper.delete(`/api/v1/creators/${creatorId}/follow`)).body).toEqual({ following: false, followerCount: 0 });
    expect(await topics('content.creator.unfollowed')).toEqual([{ creatorId, userId: shopperId }]);
    expect((await shopper.get<FollowedCreators>('/api/v1/me/following/creators')).body).toEqual({ items: [], total: 0 });
    expect((await shopper.get<Creator>(`/api/v1/creators/${creatorId}`)).body).toMatchObject({ followerCount: 0, following: false });

    await t.platform.bus.drain();
    const next = await publish(creator, '开箱测评第三期');
    const entry = (await feedOf(shopper)).find((e) => e.id === next.id);
    expect(entry).toBeDefined();
    expect(entry?.followingAuthor).toBe(false);
    expect(entry?.reason.source).not.toBe('following');
  });

  it('a store the viewer follows is marked on the items that carry its goods', async () => {
    expect((await shopper.put(`/api/v1/stores/${tea.storeId}/follow`)).status).toBe(200);
    await t.platform.bus.drain();
    const made = await publish(merchant, '龙井第二泡', [tea.id]);
    const entry = (await feedOf(shopper)).find((e) => e.id === made.id);
    expect(entry).toMatchObject({ followingStore: true, followingAuthor: false });
  });
});

describe('live rooms in the engine', () => {
  it("a room that goes live enters with its pinned product's category, so viewers who like tea are offered it", async () => {
    // The bag's first product is fruit; the pinned one (what the room sells now) is tea.
    const room = (await merchant.post<HostRoom>('/api/v1/live/rooms', { title: '龙井专场', storeId: tea.storeId, productIds: [fruit.id, tea.id] })).body;
    expect((await merchant.put(`/api/v1/live/rooms/${room.id}/pin`, { productId: tea.id })).status).toBe(200);
    // As the ingest reports an arriving stream (the RTMP path itself is tested in live.test.ts).
    await t.platform.services.live.rooms.streamArrived(room.id);
    await t.platform.bus.drain();
    const device = 'fs-tea-lover';
    const like = await t.client.post('/api/v1/events', { deviceId: device, events: [{ id: 'fs-like-tea-1', type: 'like', itemType: 'video', itemId: teaVideo.id, at: new Date().toISOString() }] });
    expect(like.body).toMatchObject({ accepted: 1 });
    await t.platform.services.feedHost.catchUp();
    const entry = (await t.client.get<FeedPage>(`/api/v1/feed?limit=10&deviceId=${device}`)).body.items.find((e) => e.id === room.id);
    expect(entry?.kind).toBe('live');
    expect(entry?.reason.source).toBe('interest');
    expect(entry?.reason.category).toMatchObject({ nameZh: '茶叶' });
  });
});
