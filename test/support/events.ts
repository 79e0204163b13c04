// Behaviour-event tests' world (test/e2e/events*.test.ts): a store with goods on sale and off
// sale, a published video, one waiting for its file, a deleted one, a live room; and helpers to
// send events and read what was stored.
import { expect } from 'vitest';
import type { Product } from '../../src/modules/catalog/model.ts';
import type { Store } from '../../src/modules/catalog/stores.ts';
import type { Video } from '../../src/modules/content/schemas.ts';
import type { IngestResult } from '../../src/modules/feed/schemas.ts';
import type { HostRoom } from '../../src/modules/live/schemas.ts';
import { dropVideo, makeVideo, videoForm } from './media.ts';
import { startTestPlatform, type Client, type TestPlatform } from './platform.ts';

export interface EventsWorld {
  t: TestPlatform;
  merchant: Client;
  shopper: Client;
  shopperId: string;
  product: Product;
  archived: Product;
  video: string; // ready and public
  unpublished: string; // waiting for its file
  deleted: string;
  room: string;
}

export async function eventsWorld(env: Record<string, string>): Promise<EventsWorld> {
  const t = await startTestPlatform({ TRANSCODE_PRESET: 'ultrafast', ...env });
  const merchant = await t.client.register('ev-merchant@example.com', ['merchant']);
  const shopper = await t.client.register('ev-shopper@example.com');
  const shopperId = (await shopper.get<{ id: string }>('/api/v1/me')).body.id;
  const cat = await t.platform.services.categories.create({ nameZh: '水果', nameEn: 'Fruit' });
  const store = (await merchant.post<Store>('/api/v1/merchant/stores', { name: '事件测试店' })).body;
  const make = async (title: string) => (await merchant.post<Product>(`/api/v1/merchant/stores/${store.id}/products`, { title, categoryId: cat.id, skus: [{ optionValues: {}, priceFen: 2990, stock: 50 }] })).body;
  const product = await make('赣南脐橙');
  const archived = await make('下架的橙子');
  expect((await merchant.post(`/api/v1/merchant/products/${archived.id}/archive`)).status).toBe(200);
  const create = async (title: string) => (await merchant.post<Video>('/api/v1/videos', { title })).body.id;
  const video = await create('果园直发');
  const clip = await makeVideo({ seconds: 2, width: 160, height: 288 });
  expect((await merchant.put(`/api/v1/videos/${video}/source`, videoForm(clip.data))).status).toBe(202);
  // The transcode job runs in the background.
  for (let i = 0; (await merchant.get<Video>(`/api/v1/videos/${video}`)).body.status !== 'ready'; i++) {
    if (i > 600) throw new Error('the video never became ready');
    await new Promise((r) => setTimeout(r, 100));
  }
  await dropVideo(clip);
  const unpublished = await create('还没上传');
  const deleted = await create('删掉的');
  expect((await merchant.delete(`/api/v1/videos/${deleted}`)).status).toBe(204);
  const room = (await merchant.post<HostRoom>('/api/v1/live/rooms', { title: '橙子专场', storeId: store.id, productIds: [product.id] })).body.id;
  return { t, merchant, shopper, shopperId, product, archived, video, unpublished, deleted, room };
}

export type Ev = Record<string, unknown>;
let n = 0;
/** A client event with a fresh id, now. */
export const ev = (type: string, itemType: string, itemId: string, more: Ev = {}): Ev => ({ id: `evt-${++n}-${Math.random().toString(36).slice(2, 10)}`, type, itemType, itemId, at: new Date().toISOString(), ...more });
export const post = (c: Client, events: Ev[], deviceId?: string) => c.post<IngestResult>('/api/v1/events', { ...(deviceId ? { deviceId } : {}), events });

export interface StoredRow {
  client_event_id: string;
  type: string;
  item_type: string;
  item_id: string;
  watch_ms: number | null;
  duration_ms: number | null;
  source: string | null;
  position: number | null;
  at: Date;
  actor_kind: string;
}
/** What is stored for a user or device, in the order written. */
export const stored = (t: TestPlatform, actorId: string) => t.platform.db.query<StoredRow>('SELECT * FROM feed_events WHERE actor_id = $1 ORDER BY tx, seq', [actorId]);

/** A new signed-in shopper. */
export async function newUser(t: TestPlatform, name: string): Promise<{ c: Client; id: string }> {
  const c = await t.client.register(`${name}@example.com`);
  return { c, id: (await c.get<{ id: string }>('/api/v1/me')).body.id };
}
