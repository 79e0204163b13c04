// Composition root: config → db → migrations → bus and jobs → modules → http.
import { allRoles, type Config } from './platform/config.ts';
import { openDb, type Db, type Queryable, type Tx } from './platform/db/index.ts';
import { migrate } from './platform/db/migrate.ts';
import { MIGRATIONS } from './compose/migrations.ts';
import { EventBus } from './platform/events/bus.ts';
import { JetStreamTransport } from './platform/events/jetstream.ts';
import { createHttp, type App } from './platform/http/server.ts';
import { JobQueue } from './platform/jobs/queue.ts';
import { loadSealer } from './platform/crypto.ts';
import { AppError } from './platform/errors.ts';
import { createLogger } from './platform/log.ts';
import { loadIndexHtml, serveWeb, spaFallback } from './platform/web.ts';
import { CategoryService } from './modules/catalog/categories.ts';
import { ProductService } from './modules/catalog/products.ts';
import { catalogMerchantRoutes } from './modules/catalog/routes-merchant.ts';
import { catalogPublicRoutes } from './modules/catalog/routes-public.ts';
import { StoreService } from './modules/catalog/stores.ts';
import { addressRoutes } from './modules/identity/address-routes.ts';
import { AddressBook } from './modules/identity/addresses.ts';
import { identityRoutes, makeAuthenticator } from './modules/identity/routes.ts';
import { IdentityService } from './modules/identity/service.ts';
import { ledgerRoutes } from './modules/ledger/routes.ts';
import { LedgerService } from './modules/ledger/service.ts';
import { mediaRoutes } from './modules/media/routes.ts';
import { MediaService } from './modules/media/service.ts';
import { opsRoutes } from './modules/ops/routes.ts';
import { paymentRoutes } from './modules/payments/routes.ts';
import { SandboxProvider } from './modules/payments/sandbox/provider.ts';
import { SandboxPsp } from './modules/payments/sandbox/psp.ts';
import { sandboxPspRoutes } from './modules/payments/sandbox/routes.ts';
import { PaymentService } from './modules/payments/service.ts';
import { CartService } from './modules/commerce/cart.ts';
import { CheckoutService } from './modules/commerce/checkout.ts';
import { OrderAddresses } from './modules/commerce/order-address.ts';
import { EXPIRE_JOB, OrderService, type ExpireJob } from './modules/commerce/orders.ts';
import { END_SALE_JOB, FlashSaleService } from './modules/commerce/flash-sales.ts';
import { commerceRoutes } from './modules/commerce/routes.ts';
import { handlePayments } from './modules/commerce/payment-handler.ts';
import { couponRoutes } from './modules/commerce/coupon-routes.ts';
import { CouponWallet } from './modules/commerce/coupon-wallet.ts';
import { CouponService } from './modules/commerce/coupons.ts';
import type { RoomCouponInput } from './modules/commerce/coupon-schemas.ts';
import { QuoteService } from './modules/commerce/quote.ts';
import { CompensationService } from './modules/commerce/after-sales/compensation.ts';
import { CaseMoney } from './modules/commerce/after-sales/refunds.ts';
import { afterSalesRoutes } from './modules/commerce/after-sales/routes.ts';
import { AfterSalesService } from './modules/commerce/after-sales/service.ts';
import { hasOpenCase } from './modules/commerce/after-sales/summary.ts';
import { FulfilmentService } from './modules/commerce/fulfilment.ts';
import { logisticsRoutes } from './modules/logistics/routes.ts';
import { SandboxCarrier } from './modules/logistics/sandbox/carrier.ts';
import { SandboxCarrierProvider } from './modules/logistics/sandbox/provider.ts';
import { LogisticsService } from './modules/logistics/service.ts';
import { FeeSchedule } from './modules/ledger/accounts.ts';
import { ProductCards } from './modules/catalog/cards.ts';
import { BestSellers } from './modules/catalog/bestsellers.ts';
import { bestSellerRoutes } from './modules/catalog/bestsellers-routes.ts';
import { CarryRights } from './modules/catalog/carry.ts';
import { VideoComments } from './modules/content/comments.ts';
import { CreatorService } from './modules/content/creators.ts';
import { VideoEngagement } from './modules/content/engagement.ts';
import { socialRoutes } from './modules/content/social-routes.ts';
import { videoMediaRoutes } from './modules/content/media-routes.ts';
import { videoRoutes } from './modules/content/routes.ts';
import { Transcoder } from './modules/content/transcoder.ts';
import { VideoUploads } from './modules/content/upload.ts';
import { VideoService } from './modules/content/videos.ts';
import { Live } from './modules/live/live.ts';
import { RoomRelay } from './modules/live/relay.ts';
import { openRedis } from './platform/redis.ts';
import { redisBroadcast } from './platform/broadcast.ts';
import { localLimits, redisLimits } from './platform/ratelimit-shared.ts';
import { RoomService } from './modules/live/rooms.ts';
import { liveRoutes } from './modules/live/routes.ts';
import { Sanctions } from './modules/live/sanctions.ts';
import { liveSocketRoutes } from './modules/live/ws-route.ts';
import { feedRoutes } from './modules/feed/routes.ts';
import { feedPageRoutes } from './modules/feed/feed-routes.ts';
import { Search } from './modules/search/module.ts';
import { StoreVideos, storeVideoRoutes } from './modules/content/store-videos.ts';
import { StoreRooms, storeLiveRoutes } from './modules/live/store-rooms.ts';
import { StoreHistoryService, storeHistoryRoutes } from './modules/commerce/store-history.ts';
import { Alliance } from './modules/alliance/module.ts';
import { Reviews } from './modules/reviews/module.ts';
import { Care } from './modules/care/module.ts';
import { Experience } from './modules/experience/module.ts';
import { makeCampaigns } from './compose/campaigns.ts';
import { makeInsights } from './compose/insights.ts';
import { makeFeed } from './compose/feed.ts';
import { healthRoutes, PlatformMetrics, serveOnlyHealth, type HealthState } from './platform/http/health.ts';
import { Governance } from './modules/governance/module.ts';
import { StoreReach } from './modules/feed/reach.ts';
import { CampaignReach } from './modules/feed/campaign-reach.ts';
import { createPayouts } from './modules/payments/payouts/module.ts';
import { PAYOUT_TOPICS } from './modules/payments/payouts/service.ts';

export { MIGRATIONS };

import type { Services } from './services.ts';
export type { Services };

export interface Platform {
  config: Config;
  db: Db;
  bus: EventBus;
  jobs: JobQueue;
  services: Services;
  app: App;
  /** Readiness: started once listen() is done, draining from the moment close() begins. */
  health: HealthState;
  /** Starts background work (event dispatch, jobs) and listens; returns the URL. */
  listen(): Promise<string>;
  close(): Promise<void>;
}

export interface PlatformOptions {
  /** An already open database (tests pass a migrated copy). */
  db?: Db;
  logger?: boolean;
  /** The alliance's and experience's clock (rate changes, survey caps and expiry follow it); tests pass one they move by hand. */
  clock?: () => Date;
}

export async function createPlatform(config: Config, opts: PlatformOptions = {}): Promise<Platform> {
  const log = createLogger(config, opts.logger !== false);
  const db = opts.db ?? (await openDb(config));
  // Several processes share one database: the embedded one belongs to a single process.
  const single = allRoles(config);
  if (!single && db.kind === 'pglite') throw new Error('FLYWHEEL_ROLES other than all need a shared PostgreSQL (DATABASE_URL)');
  await migrate(db, MIGRATIONS);
  const bus = new EventBus(db, config.events, log);
  const roles = config.roles;
  bus.setMode({ shared: roles.has('worker'), each: single ? 'dispatch' : roles.has('api') ? 'tail' : 'off' });
  // Over NATS JetStream when configured (connected in listen(): a broker that is down delays the start, not the build).
  const transport = config.natsUrl ? new JetStreamTransport({ url: config.natsUrl, prefix: config.busPrefix, maxDeliver: config.events.maxAttempts, baseBackoffMs: config.events.baseBackoffMs, log }) : null;
  if (transport) bus.useTransport(transport);
  const jobs = new JobQueue(db, config.jobs, log);
  // Redis, when configured, shares live rooms and rate limits between processes (never required: see redis.ts).
  const redis = config.redisUrl ? openRedis(config.redisUrl, log, { name: config.instanceId }) : null;
  const limits = redis ? redisLimits(redis, config.busPrefix) : localLimits;

  const identity = new IdentityService(db, { sessionTtlHours: config.session.ttlHours, loginMaxAttempts: config.login.maxAttempts, loginWindowSeconds: config.login.windowSeconds, limits, bus, principalTtlMs: config.session.principalCacheMs });
  // Buyers' names, phones and street addresses are sealed with this key (identity and commerce).
  const sealer = loadSealer(config.dataKey, config.dataDir);
  const addresses = new AddressBook(db, sealer);
  const media = new MediaService(db, config.dataDir, config.uploads.thumbnailWidths);
  const stores = new StoreService(db, bus);
  const categories = new CategoryService(db);
  const products = new ProductService(db, bus, stores, media);
  // The sandbox PSP POSTs webhooks to this server's own address, known only after listen(); a
  // process of a cluster that serves no API sends them to the public address (the load balancer).
  let selfUrl: string | null = null;
  const sandboxPsp = new SandboxPsp(db, jobs, { ...config.sandboxPsp, webhookBase: () => selfUrl ?? config.publicUrl, log });
  sandboxPsp.registerJobs();
  const payments = new PaymentService(db, bus, new SandboxProvider(sandboxPsp, config.sandboxPsp.secret));
  // The sandbox payout bank POSTs its webhooks to this server's own address too, known only after listen().
  const payouts = createPayouts(db, bus, jobs, { ...config.sandboxPayout, webhookBase: () => selfUrl ?? config.publicUrl, log });
  payouts.register();
  // The sandbox carrier pushes tracking scans to this server the same way.
  const sandboxCarrier = new SandboxCarrier(db, jobs, { ...config.sandboxCarrier, webhookBase: () => selfUrl ?? config.publicUrl, log });
  sandboxCarrier.registerJobs();
  const logistics = new LogisticsService(db, bus, new SandboxCarrierProvider(sandboxCarrier, config.sandboxCarrier.secret));
  const ledger = new LedgerService(db, bus);
  const cart = new CartService(db, products, config.commerce.maxCartLines);
  const flashSales = new FlashSaleService(db, bus, jobs, products, stores);
  jobs.register<{ saleId: string }>(END_SALE_JOB, async (p) => ({ returned: await flashSales.end(p.saleId) }));
  const orderAddresses = new OrderAddresses(sealer);
  const orders = new OrderService(db, bus, products, stores, flashSales, orderAddresses, logistics);
  const fulfilment = new FulfilmentService(db, bus, jobs, orders, config.commerce);
  fulfilment.register();
  const coupons = new CouponService(db, stores);
  const couponWallet = new CouponWallet(db);
  couponWallet.subscribe(bus);
  const fees = new FeeSchedule(config.commerce.platformFeeBps, config.commerce.platformFeeBpsByCategory);
  const checkout = new CheckoutService(db, bus, jobs, products, cart, flashSales, payments, config.commerce.payTimeoutMinutes, addresses, orderAddresses, { wallet: couponWallet, fees });
  checkout.batchFlashSales({ db, bus, jobs, products, addressBook: addresses, orderAddresses, fees, payments, payTimeoutMinutes: config.commerce.payTimeoutMinutes });
  const quotes = new QuoteService(db, products, cart, flashSales, couponWallet);
  handlePayments(bus, orders, ledger, payments);
  jobs.register<ExpireJob>(EXPIRE_JOB, async (p) => ({ cancelled: await orders.expire(p) }));
  const returnLogistics = { isCarrier: (code: string) => logistics.carrier(code) !== undefined, track: (tx: Tx, i: { carrier: string; trackingNo: string; refType: 'return'; refId: string }) => logistics.track(tx, i) };
  const afterSales = new AfterSalesService(db, bus, jobs, stores, new CaseMoney(bus, ledger, payments, products, orders), config.afterSales, returnLogistics);
  afterSales.registerHandlers();
  // An open after-sales case holds the order's automatic completion.
  fulfilment.addCompletionHold(async (tx, orderId) => ((await hasOpenCase(tx, orderId)) ? 'an after-sales case is open' : null));
  const compensations = new CompensationService(db, bus, ledger, config.afterSales.compensationMaxFen);
  const productCards = new ProductCards(db);
  const bestSellers = new BestSellers(db, productCards, categories);
  const carry = new CarryRights(productCards, stores);
  const contentDeps = {
    cards: (ids: string[]) => productCards.get(ids),
    // Own store's goods now; showcase goods join here once the alliance exists.
    assertMayCarry: (userId: string, productIds: string[]) => carry.assert(userId, productIds),
    profiles: (ids: string[]) => identity.publicProfiles(ids),
  };
  const videos = new VideoService(db, bus, contentDeps, { maxAnchors: config.videos.maxAnchors }, config.dataDir);
  const videoUploads = new VideoUploads(db, jobs, videos, config.videos);
  const transcoder = new Transcoder(db, videos, { preset: config.videos.preset, segmentSeconds: config.videos.segmentSeconds, timeoutSeconds: config.videos.transcodeTimeoutSeconds, concurrency: config.videos.transcodeConcurrency }, log);
  transcoder.register(jobs);
  const engagement = new VideoEngagement(db, bus, videos);
  const creators = new CreatorService(db, bus, {
    // A creator is an account that may publish content: an active creator or merchant.
    creator: async (id) => {
      const u = await identity.get(id).catch(() => null);
      return u && u.status === 'active' && u.roles.some((r) => r === 'creator' || r === 'merchant') ? { id: u.id, displayName: u.displayName } : null;
    },
    profiles: (ids) => identity.publicProfiles(ids),
  });
  const comments = new VideoComments(db, bus, videos, (ids) => identity.publicProfiles(ids));
  const liveDeps = {
    ...contentDeps,
    isStoreStaff: async (storeId: string, userId: string) => (await stores.staffRole(storeId, userId)) !== null,
    // Catalog says which SKUs the products have; commerce which of them are on flash sale.
    flashSales: async (productIds: string[]) => {
      const skus = await productCards.skusOf(productIds);
      return (await flashSales.openForSkus([...skus.keys()])).map((f) => ({ id: f.id, productId: skus.get(f.skuId)!, skuId: f.skuId, priceFen: f.priceFen, quantity: f.quantity, remaining: f.remaining, startsAt: f.startsAt, endsAt: f.endsAt, perBuyerLimit: f.perBuyerLimit, liveRoomId: f.liveRoomId }));
    },
    coupons: (roomId: string) => coupons.claimableInRoom(roomId),
    issueRoomCoupon: async (actorId: string, storeId: string, roomId: string, terms: RoomCouponInput) => void (await coupons.createForStore(actorId, storeId, { ...terms, scope: 'live_room', liveRoomId: roomId })),
    skuProduct: async (skuId: string) => (await products.checkoutView(db, [skuId])).get(skuId)?.productId ?? null,
    startFlashSale: async (actorId: string, input: Parameters<FlashSaleService['create']>[1]) => void (await flashSales.create(actorId, input)),
  };
  // The RTMP address is known once the ingest listens; rooms ask for it when they answer hosts.
  let live: Live | null = null;
  const rooms = new RoomService(db, bus, sealer, liveDeps, () => live!.ingestUrl());
  // Live rooms span processes through Redis when it is configured (every role changes rooms:
  // hosts through the api, the ingest when streams come and go, workers when grace runs out).
  const relay = redis ? new RoomRelay(redis, { instanceId: config.instanceId, prefix: config.busPrefix, log }) : undefined;
  live = new Live(db, bus, jobs, rooms, new Sanctions(db, rooms), { videos, uploads: videoUploads }, config, log, relay);
  live.register();
  // The behaviour log, the distribution engine and the feed (src/compose/feed.ts).
  const { feedEvents, feedHost, feed, models } = makeFeed(db, bus, { videos, rooms, productCards, stores, creators, categories, orders, afterSales }, config, limits, log);
  // Search reads each owner through its services; it keeps itself current from their events.
  const search = new Search(db, {
    products: (f) => productCards.searchFacts(f),
    productIdsOfStore: (storeId, after, limit) => productCards.idsOfStore(storeId, after, limit),
    productsOfSkus: async (skuIds) => [...new Set([...(await products.checkoutView(db, skuIds)).values()].map((k) => k.productId))],
    stores: async (f) => ('ids' in f ? (await Promise.all(f.ids.map((id) => stores.get(id).catch(() => null)))).flatMap((s) => (s?.status === 'active' ? [s] : [])) : (await stores.list(f)).items),
    videos: (f) => videos.searchFacts(f),
    creators: (f) => creators.searchFacts(f),
    categoryWithChildren: async (id) => [id, ...((await categories.tree()).find((c) => c.id === id)?.children.map((c) => c.id) ?? [])],
    storeFactor: (storeId): number => reach.factor(storeId),
    // Made further down; only asked once the index is built (listen).
    productBoost: (productId): number => campaignReach.boost(productId),
    cards: (ids) => productCards.get(ids),
    videoViews: (ids, viewerId) => videos.viewPublic(ids, viewerId),
    creatorProfile: (id, viewerId) => creators.profile(id, viewerId).catch(() => null),
  }, log, { dataDir: config.search.snapshots ? config.dataDir : null, snapshotMinutes: config.search.snapshotMinutes });
  search.subscribe(bus);
  // Display names by user id (within a transaction when given one).
  const names = async (ids: string[], q?: Queryable) => new Map([...(await identity.publicProfiles(ids, q))].map(([id, p]) => [id, p.displayName]));
  // The alliance asks catalog about goods and stores and identity about creators, through their services.
  const alliance = new Alliance(db, bus, {
    cards: (ids) => productCards.get(ids),
    assertStaff: (storeId, userId) => stores.assertStaff(storeId, userId),
    facts: (ids, q) => productCards.searchFacts({ ids }, q),
    categoryWithChildren: async (id) => [id, ...((await categories.tree()).find((c) => c.id === id)?.children.map((c) => c.id) ?? [])],
    productsOfSkus: async (skuIds, q) => [...new Set([...(await products.checkoutView(q ?? db, skuIds)).values()].map((k) => k.productId))],
    // Governance is made further down; the gate is only asked once requests come in.
    gate: (storeId) => governance.service.allianceGate(storeId),
    isCreator: async (id) => {
      const u = await identity.get(id).catch(() => null);
      return u !== null && u.status === 'active' && u.roles.includes('creator');
    },
    names,
    carrier: (type, id, q) => (type === 'feed_video' ? videos.carrier(id, q) : rooms.carrier(id, q)),
    shipTo: (userId, q) => addresses.defaultOf(userId, q),
    track: (tx, parcel) => logistics.track(tx, parcel),
    now: opts.clock ?? (() => new Date()),
  }, config.alliance, {
    ledger,
    jobs,
    payouts: { provider: payouts.service.provider.name, create: (tx, input) => payouts.service.create(tx, input) },
    payoutTopics: PAYOUT_TOPICS,
  });
  alliance.subscribe(bus);
  // Creators carry showcase goods in their videos and live rooms.
  carry.allowAlso((userId, ids) => alliance.showcase.carriable(userId, ids));
  // Reviews learn order lines from commerce's events; catalog, media and identity answer through their services.
  const reviews = new Reviews(db, bus, {
    assertStaff: (storeId, userId) => stores.assertStaff(storeId, userId),
    assertImages: (ids, userId) => media.assertUsable(ids, userId),
    cards: (ids) => productCards.get(ids),
    names,
    upload: (data, userId) => media.uploadImage(data, userId),
  });
  reviews.subscribe(bus);
  // Experience (NPS) keeps its own copy of order facts from events; catalog and identity answer
  // through their services. Categories are read when the order is created (archived goods too).
  const experience = new Experience(db, bus, {
    categoryOf: async (ids, q) => {
      const out = new Map<string, string>();
      for (const id of ids) {
        const p = await products.load(id, q).catch((e: unknown) => (e instanceof AppError ? null : Promise.reject(e)));
        if (p) out.set(p.id, p.categoryId);
      }
      return out;
    },
    storeNames: async (ids) => new Map((await Promise.all(ids.map((id) => stores.get(id).catch(() => null)))).flatMap((st) => (st ? [[st.id, st.name] as const] : []))),
    userNames: async (ids) => new Map([...(await identity.publicProfiles(ids))].map(([id, p]) => [id, p.displayName])),
    categories: async () => (await categories.tree()).flatMap((c) => [c, ...c.children]).map((c) => ({ id: c.id, parentId: c.parentId, nameZh: c.nameZh, nameEn: c.nameEn })),
    images: async (ids) => new Map((await productCards.get(ids)).map((c) => [c.id, c.imageUrl])),
    assertStaff: (storeId, userId) => stores.assertStaff(storeId, userId),
    now: opts.clock ?? (() => new Date()),
  }, config.experience, config.experienceScore);
  experience.subscribe(bus);
  experience.registerJobs(jobs);
  // The service desk asks commerce about orders (and pays through its compensation), live about
  // rooms, catalog about stores and staff, identity about names; it keeps only its own tickets.
  const care = new Care(db, bus, jobs, {
    order: async (orderId) => {
      const o = await orders.get(orderId).catch((e: unknown) => (e instanceof AppError ? null : Promise.reject(e)));
      const at = (s: string | null) => (s ? new Date(s) : null);
      return o && { id: o.id, userId: o.userId, storeId: o.storeId, status: o.status, paidAt: at(o.paidAt), shippedAt: at(o.shippedAt), deliveredAt: at(o.deliveredAt), openCaseId: o.afterSales.openCaseId };
    },
    orderView: (orderId) => orders.get(orderId),
    roomStore: async (roomId) => {
      const r = await rooms.row(roomId);
      return r ? r.store_id : undefined;
    },
    storeExists: async (storeId) => (await stores.get(storeId).catch(() => null)) !== null,
    names,
    userExists: async (userId) => (await identity.get(userId).catch(() => null)) !== null,
    requireStaff: (storeId, userId) => stores.assertStaff(storeId, userId),
    requireOwner: (storeId, userId) => stores.assertStaff(storeId, userId, 'owner'),
    isStaff: async (storeId, userId) => (await stores.staffRole(storeId, userId)) !== null,
    pay: (tx, orderId, actorId, key, input) => compensations.payIn(tx, orderId, actorId, key, input),
    recover: (id, actorId, note) => compensations.recover(id, actorId, note),
  }, { ...config.care, maxCompensationFen: config.afterSales.compensationMaxFen }, opts.clock ?? (() => new Date()), log);
  care.registerJobs();
  // Ticket chat spans api processes through Redis, as live rooms do.
  if (redis) care.useBroadcast(redisBroadcast<string[]>(redis, `${config.busPrefix}:care:tickets`, config.instanceId, log));
  // Governance asks catalog, content and live which store answers for a reported target, and
  // catalog to take goods down (as the store's owner: catalog has only the staff-side archive).
  const governance = new Governance(db, bus, {
    target: async (type, id) => {
      const missing = (e: unknown) => (e instanceof AppError ? null : Promise.reject(e));
      if (type === 'product') {
        const p = await products.getVisible(id, null).catch(missing);
        return p ? { storeId: p.storeId } : undefined;
      }
      if (type === 'store') return (await stores.get(id).catch(missing)) ? { storeId: id } : undefined;
      if (type === 'live_room') {
        const r = await rooms.row(id);
        return r ? { storeId: r.store_id ?? null } : undefined;
      }
      if (!(await videos.publicIds([id])).has(id)) return undefined;
      const [first] = (await videos.carrier(id))?.productIds ?? [];
      return { storeId: first ? ((await products.load(first).catch(missing))?.storeId ?? null) : null };
    },
    assertStaff: (storeId, userId) => stores.assertStaff(storeId, userId),
    assertStore: async (storeId) => void (await stores.get(storeId)),
    takedown: async (productId) => {
      const p = await products.load(productId);
      const owner = (await stores.members(p.storeId)).find((m) => m.role === 'owner');
      if (owner) await products.archive(productId, owner.userId);
    },
    now: opts.clock ?? (() => new Date()),
  }, config.governance);
  governance.subscribe(bus);
  // A store's reach: experience score × governance's reach factor, in both feed engines and in search.
  const reach = new StoreReach(feedHost, {
    penalties: () => governance.service.reducedReach(),
    scores: () => governance.service.storeScores(),
  }, (tx, storeId): Promise<void> => search.indexer.storeChanged(tx, storeId), () => (opts.clock?.() ?? new Date()).getTime(), (storeId) => db.tx((tx) => search.indexer.storeChanged(tx, storeId)));
  reach.subscribe(bus);
  // Campaigns ask catalog about goods, categories and stores and experience about stores' scores;
  // distribution and search follow the boosts of their goods (feed/campaign-reach.ts).
  const campaigns = makeCampaigns(db, bus, { stores, products, categories, productCards, experience }, config, opts.clock ?? (() => new Date()), log);
  campaigns.subscribe(bus);
  const campaignReach = new CampaignReach(feedHost, () => campaigns.service.activeBoosts(), config.campaigns.maxBoost, (tx, productIds) => search.indexer.productsChanged(tx, productIds));
  campaignReach.subscribe(bus);
  // Insights keeps its own copies of orders, refunds and traffic (src/compose/insights.ts).
  const insights = makeInsights(db, { videos, live, stores, creators, campaigns, experience, productCards, feedEvents }, rooms, names, config, opts.clock ?? (() => new Date()), log);
  insights.subscribe(bus);
  const services: Services = { insights, campaigns, campaignReach, governance, reach, care, alliance, reviews, experience, payouts: payouts.service, sandboxPayoutBank: payouts.bank, search, feed, feedHost, feedEvents, live, productCards, bestSellers, videos, videoUploads, transcoder, engagement, creators, comments, addresses, payments, sandboxPsp, identity, media, stores, products, categories, cart, checkout, orders, ledger, flashSales, logistics, sandboxCarrier, fulfilment, afterSales, compensations, coupons, couponWallet };

  const app = await createHttp({ config, authenticate: makeAuthenticator(identity, config), spaFallback: config.serveWeb ? spaFallback(loadIndexHtml()) : undefined, log });
  // Readiness turns on once background work runs and off when shutdown begins; every request is timed.
  const health: HealthState = { started: false, draining: false };
  const metrics = new PlatformMetrics(db, { consumerBacklog: transport && roles.has('worker') ? () => transport.backlog() : undefined, tailed: roles.has('api') && !single ? () => bus.tailed : undefined });
  jobs.onFailure = (kind, dead) => metrics.jobFailures.inc({ kind, dead: String(dead) });
  metrics.install(app);
  healthRoutes(app, db, health, metrics, config.metricsToken, { instance: config.instanceId, roles: [...roles] });
  if (!roles.has('api')) serveOnlyHealth(app);
  identityRoutes(app, identity, config);
  addressRoutes(app, addresses);
  mediaRoutes(app, media);
  catalogPublicRoutes(app, stores, products, categories);
  bestSellerRoutes(app, bestSellers);
  catalogMerchantRoutes(app, stores, products, categories, identity);
  await paymentRoutes(app, payments);
  await payouts.routes(app);
  sandboxPspRoutes(app, sandboxPsp);
  ledgerRoutes(app, ledger, stores);
  commerceRoutes(app, cart, checkout, orders, flashSales, fulfilment);
  couponRoutes(app, coupons, couponWallet, quotes);
  afterSalesRoutes(app, afterSales, compensations);
  await logisticsRoutes(app, logistics);
  videoRoutes(app, videos, videoUploads, engagement, config.videos.maxBytes);
  videoMediaRoutes(app, videos);
  socialRoutes(app, creators, comments);
  liveRoutes(app, live);
  feedRoutes(app, feedEvents, config.feed.maxBatch);
  feedPageRoutes(app, feed, feedHost);
  search.routes(app);
  alliance.routes(app);
  reviews.routes(app);
  experience.routes(app);
  care.routes(app);
  governance.routes(app);
  campaigns.routes(app);
  insights.routes(app);
  // Store pages: each owner answers for its part (content the videos carrying the store's goods,
  // live the store's rooms, commerce the shopper's orders there); catalog says which store is open.
  const assertStoreOpen = async (storeId: string) => stores.assertActive(await stores.get(storeId));
  storeVideoRoutes(app, new StoreVideos(db, videos, { assertStoreOpen, productIdsOfStore: (id, after, limit) => productCards.idsOfStore(id, after, limit) }));
  storeLiveRoutes(app, new StoreRooms(db, rooms, assertStoreOpen));
  storeHistoryRoutes(app, new StoreHistoryService(db, { assertStoreOpen, cards: (ids) => productCards.get(ids) }));
  await liveSocketRoutes(app, live, (ids) => identity.publicProfiles(ids));
  care.socketRoutes(app);
  opsRoutes(app, db, transport ? async (limit) => ({ source: 'jetstream' as const, ...(await transport.deadLetters(limit)) }) : undefined);
  if (config.serveWeb) await serveWeb(app);
  await app.ready();
  // Background work starts in listen(), so tests and CLI commands control it themselves.

  let closed = false;
  return {
    config,
    db,
    bus,
    jobs,
    services,
    app,
    health,
    async listen() {
      // An api process builds its engines before the first request, so the first page is
      // already personal; in a cluster it first marks where it stands in the outbox.
      if (roles.has('api')) {
        await bus.beginTail();
        await feed.loadSettings();
        await reach.load();
        await campaignReach.load();
        await feedHost.start();
        // A process that starts after the last retrain takes the newest models there are.
        if (!single) for (const engine of ['content', 'goods'] as const) {
          const file = await models.latest(engine);
          if (file) feedHost.useModel(engine, await models.load(file));
        }
        await search.start();
      } else if (roles.has('worker')) await feedHost.start(); // the trainer: the log's signals, no serving
      const address = await app.listen({ port: config.port, host: config.host });
      if (roles.has('api')) {
        const self = new URL(address);
        if (self.hostname === '0.0.0.0' || self.hostname === '[::]') self.hostname = '127.0.0.1';
        selfUrl = self.origin;
      }
      if (transport) {
        log.info({ prefix: config.busPrefix }, 'connecting to NATS JetStream');
        await transport.connect();
      }
      await bus.start();
      if (roles.has('worker')) {
        jobs.start();
        await experience.startJobs(jobs);
        await campaigns.start();
        insights.start();
      }
      if (roles.has('ingest')) await live!.start();
      health.started = true;
      log.info({ roles: [...roles], instance: config.instanceId, address }, 'flywheel listening');
      return address;
    },
    async close() {
      if (closed) return;
      closed = true;
      health.draining = true;
      await live!.stop();
      care.close();
      // In-flight requests get a few seconds to finish; then whatever is still open (a client
      // that stopped reading a download, say) is cut so shutdown never hangs on it.
      const cut = setTimeout(() => app.server.closeAllConnections(), 5000);
      await app.close();
      clearTimeout(cut);
      reach.stop();
      campaigns.stop();
      await insights.stop();
      await feedHost.stop();
      await search.stop();
      await feedEvents.drain();
      await bus.stop();
      await transport?.close();
      await jobs.stop();
      await redis?.close();
      if (!opts.db) await db.close();
    },
  };
}
