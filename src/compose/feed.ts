// Wiring of the feed module: the behaviour log (FeedEvents), the distribution engine's host and
// the feed service, answered by the owners' services; and, in a cluster, the trained models
// that worker processes publish and api processes serve (modules/feed/models.ts).
import type { CategoryService } from '../modules/catalog/categories.ts';
import type { ProductCards } from '../modules/catalog/cards.ts';
import type { StoreService } from '../modules/catalog/stores.ts';
import type { AfterSalesService } from '../modules/commerce/after-sales/service.ts';
import type { OrderService } from '../modules/commerce/orders.ts';
import type { CreatorService } from '../modules/content/creators.ts';
import type { VideoService } from '../modules/content/videos.ts';
import { FeedEvents } from '../modules/feed/events.ts';
import { FeedHost } from '../modules/feed/host.ts';
import { MODEL_TOPIC, ModelStore, type ModelPublished } from '../modules/feed/models.ts';
import { commerceFacts, recordServerEvents } from '../modules/feed/server-events.ts';
import { FeedService } from '../modules/feed/service.ts';
import type { RoomService } from '../modules/live/rooms.ts';
import { allRoles, type Config } from '../platform/config.ts';
import type { Db } from '../platform/db/index.ts';
import type { EventBus } from '../platform/events/bus.ts';
import type { Log } from '../platform/log.ts';
import type { LimitFactory } from '../platform/ratelimit-shared.ts';

interface Owners {
  videos: VideoService;
  rooms: RoomService;
  productCards: ProductCards;
  stores: StoreService;
  creators: CreatorService;
  categories: CategoryService;
  orders: OrderService;
  afterSales: AfterSalesService;
}

export function makeFeed(db: Db, bus: EventBus, o: Owners, config: Config, limits: LimitFactory, log: Log): { feedEvents: FeedEvents; feedHost: FeedHost; feed: FeedService; models: ModelStore } {
  const single = allRoles(config);
  // Events may name published videos, live rooms and goods on sale; each owner answers for its own.
  const feedEvents = new FeedEvents(
    db,
    async (itemType, ids) => (itemType === 'video' ? o.videos.publicIds(ids) : itemType === 'live' ? o.rooms.existingIds(ids) : o.productCards.onSale(ids)),
    config.feed,
    limits,
  );
  recordServerEvents(bus, feedEvents, commerceFacts(o.orders, o.afterSales));
  const models = new ModelStore(config.dataDir);
  // The distribution engine, in this process: built from the owners' facts and the event log.
  const feedHost = new FeedHost(
    {
      videos: (after, limit) => o.videos.feedFacts(after, limit),
      liveRooms: (ids, q) => o.rooms.liveFacts(ids, q),
      products: (after, limit) => o.productCards.feedFacts({ afterId: after, limit }),
      productFacts: (ids, q) => o.productCards.feedFacts({ ids }, q),
      followedStores: (userId) => o.stores.followedBy(userId),
      followedCreators: (userId) => o.creators.followedBy(userId),
      events: (cursor, limit) => feedEvents.since(cursor, limit, feedEvents.origin),
      committed: (fn) => feedEvents.committed(fn),
    },
    log,
    {
      pollMs: config.feed.enginePollMs,
      // Worker processes retrain on the schedule; in a cluster each model is saved to the shared
      // storage and announced, and api processes serve it instead of training their own.
      retrainMs: config.roles.has('worker') ? config.feed.retrainMinutes * 60_000 : 0,
      retrainMinEvents: config.feed.retrainMinEvents,
      onTrained: single
        ? undefined
        : async (engine, parts) => {
            const file = await models.save(engine, parts);
            await db.tx((tx) => bus.publish<ModelPublished>(tx, MODEL_TOPIC, { engine, version: parts.version, trainedAt: parts.trainedAt, file }));
          },
    },
  );
  feedHost.subscribe(bus);
  if (!single && config.roles.has('api')) bus.subscribeEach<ModelPublished>('feed.models', MODEL_TOPIC, async (e) => void feedHost.useModel(e.payload.engine, await models.load(e.payload.file)));
  const feed = new FeedService(db, feedHost, {
    videos: (ids, viewerId) => o.videos.viewPublic(ids, viewerId),
    rooms: (ids) => o.rooms.views(ids),
    cards: (ids) => o.productCards.get(ids),
    categories: async () => new Map((await o.categories.tree()).flatMap((c) => [c, ...c.children]).map((c) => [c.id, { nameZh: c.nameZh, nameEn: c.nameEn }])),
    videoAuthor: async (id) => (await o.videos.row(id))?.author_id ?? null,
    follows: async (userId, creatorIds, storeIds) => {
      const [followed, ofStores] = await Promise.all([o.creators.followedAmong(userId, creatorIds), storeIds.length ? o.stores.followedBy(userId) : []]);
      return { creators: followed, stores: new Set(ofStores.filter((id) => storeIds.includes(id))) };
    },
  });
  return { feedEvents, feedHost, feed, models };
}
