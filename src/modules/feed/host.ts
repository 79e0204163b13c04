// Hosts the distribution engine in this process: builds it from the platform at start (public
// videos, live rooms on now, goods on sale, then the whole event log replayed in order), keeps it
// current (tails the event log, follows the other modules' events) and ticks it. Two engine
// instances: content (videos and live rooms, for the feed) and goods (for 猜你喜欢 and related
// goods); a signal about a product goes to the second.
import type { Queryable } from '../../platform/db/index.ts';
import type { EventBus } from '../../platform/events/bus.ts';
import type { Log } from '../../platform/log.ts';
import { OnlineEngine } from '../../engines/recs/online/engine.ts';
import { DEFAULT_SETTINGS, type EngineSettings, type FeedItem, type Signal } from '../../engines/recs/online/types.ts';
import { signalWeight } from '../../engines/recs/online/stats.ts';
import { TrainedModel, type TrainedParts } from '../../engines/recs/online/trained.ts';
import type { LoggedEvent } from './events.ts';
import { trainInWorker } from './trainer.ts';
import { TrainingLog } from './training.ts';

/** What the host needs from the rest of the platform (wired in main.ts). */
export interface FeedSources {
  /** Public ready videos, a page at a time (keyset by id). */
  videos(afterId: string | null, limit: number): Promise<VideoFacts[]>;
  /** Live rooms on now (all, or these ids; the pinned product first among their goods). */
  liveRooms(ids?: string[], q?: Queryable): Promise<RoomFacts[]>;
  /** Goods on sale, a page at a time. */
  products(afterId: string | null, limit: number): Promise<ProductFacts[]>;
  /**
   * Store and category of products (for the content items that carry them). Inside an event
   * handler the handler's transaction is passed: PGlite has one connection, and a query outside
   * an open transaction would wait for it forever.
   */
  productFacts(ids: string[], q?: Queryable): Promise<ProductFacts[]>;
  /** Stores a user follows. */
  followedStores(userId: string): Promise<string[]>;
  /** Creators (authors, live hosts) a user follows. */
  followedCreators(userId: string): Promise<string[]>;
  /** The event log, after a cursor (without what this process wrote: see `committed`); `scanned`: rows of the log the page covered. */
  events(cursor: string, limit: number): Promise<{ events: LoggedEvent[]; cursor: string; scanned: number }>;
  /** The client events this process stores, handed over at commit instead of read back from the log. */
  committed(fn: (events: LoggedEvent[]) => void): void;
}

export interface VideoFacts { id: string; authorId: string; productIds: string[]; publishedAt: number }
export interface RoomFacts { id: string; hostId: string; storeId: string | null; productIds: string[]; startedAt: number }
export interface ProductFacts { id: string; storeId: string; categoryId: string; createdAt: number; rebuyable?: boolean }

const REBUY_MS = 14 * 86_400_000;

export interface HostOptions {
  pollMs: number;
  clock?: () => number;
  settings?: EngineSettings;
  /** Retrain the engines' models this often (0: never on a schedule; `retrain()` still works). */
  retrainMs?: number;
  /** Positive signals kept per engine for retraining (the oldest are dropped beyond it). */
  trainingCap?: number;
  /** A scheduled retrain waits for at least this many new positive signals. */
  retrainMinEvents?: number;
  /** Told of each model this host trained (a cluster's worker saves and announces it). */
  onTrained?: (engine: 'content' | 'goods', parts: TrainedParts) => Promise<void>;
}

/** What the last retrain of one engine did. */
export type TrainedInfo = { version: number; trainedAt: string } & TrainedParts['stats'] & { blend: number; vectors: boolean };

/** Pages served and thrown away at start (OnlineEngine.warm): seconds at a million items, milliseconds for the demo world. */
const WARM_PAGES = 2000;

export class FeedHost {
  readonly content: OnlineEngine;
  readonly goods: OnlineEngine;
  private cursor = '0.0';
  private timer: NodeJS.Timeout | null = null;
  private tailing: Promise<void> | null = null;
  private readonly followLoaded = new Set<string>();
  private readonly training: { content: TrainingLog; goods: TrainingLog };
  private retrainTimer: NodeJS.Timeout | null = null;
  private retraining: Promise<Record<'content' | 'goods', TrainedInfo | null>> | null = null;
  private version = 0;
  /** Campaign goods (campaign-reach.ts) and the content carrying each product, so videos and rooms follow their goods into the campaign pool. */
  private readonly campaignGoods = new Map<string, { campaignId: string; boost: number }>();
  private readonly carriedBy = new Map<string, Set<string>>();
  private readonly carries = new Map<string, string[]>();
  ready = false;

  constructor(
    private readonly sources: FeedSources,
    private readonly log: Log,
    private readonly opts: HostOptions = { pollMs: 500 },
  ) {
    this.training = { content: new TrainingLog(opts.trainingCap ?? 2_000_000), goods: new TrainingLog(opts.trainingCap ?? 2_000_000) };
    this.content = new OnlineEngine(opts.settings ?? DEFAULT_SETTINGS);
    this.goods = new OnlineEngine({ ...(opts.settings ?? DEFAULT_SETTINGS), pools: { ...(opts.settings ?? DEFAULT_SETTINGS).pools, slotsPerPage: 1 } });
  }

  now(): number {
    return this.opts.clock ? this.opts.clock() : Date.now();
  }

  /** Loads the engine's world and replays the log; then tails it every `pollMs`. */
  async start(): Promise<void> {
    const started = Date.now();
    for (let after: string | null = null; ;) {
      const page = await this.sources.products(after, 1000);
      for (const p of page) this.goods.upsertItem(productItem(p));
      if (page.length < 1000) break;
      after = page[page.length - 1]!.id;
    }
    for (let after: string | null = null; ;) {
      const page = await this.sources.videos(after, 500);
      await this.addVideos(page);
      if (page.length < 500) break;
      after = page[page.length - 1]!.id;
    }
    for (const r of await this.sources.liveRooms()) await this.addRoom(r);
    await this.catchUp();
    this.sources.committed((events) => {
      try { for (const e of events) this.apply(e); } catch (err) { this.log.error({ err }, 'feed engine: applying committed events failed'); }
    });
    this.content.refresh(this.now());
    this.goods.refresh(this.now());
    // Throwaway pages for known viewers before serving, so the first real ones don't pay for the warm-up.
    const warmed = this.content.warm(WARM_PAGES, this.now()) + this.goods.warm(WARM_PAGES / 4, this.now());
    this.ready = true;
    this.log.info({ videos: this.content.items.size, goods: this.goods.items.size, signals: this.content.stats.signals + this.goods.stats.signals, warmed, ms: Date.now() - started }, 'feed engine ready');
    this.timer = setInterval(() => void this.poll(), this.opts.pollMs);
    this.timer.unref();
    if (this.opts.retrainMs) {
      // The first right away (in the background: serving is ready), then on the schedule.
      void this.scheduledRetrain();
      this.retrainTimer = setInterval(() => void this.scheduledRetrain(), this.opts.retrainMs);
      this.retrainTimer.unref();
    }
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    if (this.retrainTimer) clearInterval(this.retrainTimer);
    this.timer = null;
    this.retrainTimer = null;
    await this.tailing;
    await this.retraining?.catch(() => undefined);
  }

  private async scheduledRetrain(): Promise<void> {
    const min = this.opts.retrainMinEvents ?? 500;
    if (this.training.content.fresh < min && this.training.goods.fresh < min) return;
    try { await this.retrain(); } catch (err) { this.log.error({ err }, 'feed engine: retraining failed; the previous models keep serving'); }
  }

  /**
   * Trains both engines' models on the signals so far, each on a worker thread, and serves from
   * them when done. One retrain at a time: a second call waits for the running one.
   */
  retrain(): Promise<Record<'content' | 'goods', TrainedInfo | null>> {
    this.retraining ??= (async () => {
      try {
        const [content, goods] = await Promise.all([this.train(this.content, this.training.content), this.train(this.goods, this.training.goods)]);
        this.log.info({ content, goods }, 'feed engine retrained');
        return { content, goods };
      } finally { this.retraining = null; }
    })();
    return this.retraining;
  }

  /** The last retrain of each engine. */
  trained(): Record<'content' | 'goods', TrainedInfo | null> {
    return { content: info(this.content.trained?.parts), goods: info(this.goods.trained?.parts) };
  }

  private async train(engine: OnlineEngine, log: TrainingLog): Promise<TrainedInfo | null> {
    if (log.length < 2) return info(engine.trained?.parts);
    const parts = await trainInWorker(log.snapshot(), { version: ++this.version, trainedAt: this.now() });
    engine.useTrained(new TrainedModel(parts));
    await this.opts.onTrained?.(engine === this.content ? 'content' : 'goods', parts);
    return info(parts);
  }

  /**
   * Serves from a model trained elsewhere (a cluster's worker), unless this engine already has
   * a newer one. The model is built before the swap; requests in between use the previous one.
   */
  useModel(engine: 'content' | 'goods', parts: TrainedParts): boolean {
    const target = engine === 'content' ? this.content : this.goods;
    if (target.trained && target.trained.parts.trainedAt >= parts.trainedAt) return false;
    target.useTrained(new TrainedModel(parts));
    this.version = Math.max(this.version, parts.version);
    return true;
  }

  /** Reads new events into the engines (one reader at a time). */
  async catchUp(): Promise<void> {
    while (this.tailing) await this.tailing;
    this.tailing = (async () => {
      for (;;) {
        const { events, cursor, scanned } = await this.sources.events(this.cursor, 2000);
        this.cursor = cursor;
        for (const e of events) this.apply(e);
        if (scanned < 2000) break;
      }
    })();
    try { await this.tailing; } finally { this.tailing = null; }
  }

  private async poll(): Promise<void> {
    try {
      await this.catchUp();
      const now = this.now();
      this.content.tick(now);
      this.goods.tick(now);
    } catch (err) {
      this.log.error({ err }, 'feed engine: tailing the event log failed; retrying');
    }
  }

  apply(e: LoggedEvent): void {
    const viewer = viewerKey(e.actorKind, e.actorId);
    const sig: Signal = { viewer, type: e.type, itemId: e.itemId, at: e.at.getTime(), watchMs: e.watchMs, durationMs: e.durationMs };
    const [engine, log] = e.itemType === 'product' ? [this.goods, this.training.goods] : [this.content, this.training.content];
    if (engine.ingest(sig)) log.add(viewer, e.itemId, sig.at, signalWeight(sig.type, sig.watchMs, sig.durationMs));
  }

  /** Loads a signed-in viewer's followed stores and creators once per process. */
  async prepareViewer(userId: string | null): Promise<void> {
    if (!userId || this.followLoaded.has(userId)) return;
    this.followLoaded.add(userId);
    const [stores, creators] = await Promise.all([this.sources.followedStores(userId), this.sources.followedCreators(userId)]);
    for (const id of [...stores, ...creators]) this.follow(userId, id, true);
  }

  /** A store or a creator (the engine keys both the same way: by author or store of an item). */
  follow(userId: string, followedId: string, on: boolean): void {
    this.content.follow(userId, followedId, on);
    this.goods.follow(userId, followedId, on);
  }

  async addVideos(videos: VideoFacts[], q?: Queryable): Promise<void> {
    const facts = new Map((await this.sources.productFacts([...new Set(videos.map((v) => v.productIds[0]).filter((x): x is string => Boolean(x)))], q)).map((p) => [p.id, p]));
    for (const v of videos) {
      const p = v.productIds[0] ? facts.get(v.productIds[0]) : undefined;
      this.content.upsertItem({ id: v.id, kind: 'video', authorId: v.authorId, storeId: p?.storeId ?? null, categoryId: p?.categoryId ?? null, publishedAt: v.publishedAt });
      this.carry(v.id, v.productIds);
    }
  }

  /** A room takes the category (and store) of its pinned product, else the first of its bag on sale. */
  async addRoom(r: RoomFacts, q?: Queryable): Promise<void> {
    const facts = new Map((await this.sources.productFacts(r.productIds, q)).map((p) => [p.id, p]));
    const p = r.productIds.map((id) => facts.get(id)).find((x) => x !== undefined);
    this.content.upsertItem({ id: r.id, kind: 'live', authorId: r.hostId, storeId: r.storeId ?? p?.storeId ?? null, categoryId: p?.categoryId ?? null, publishedAt: r.startedAt });
    this.carry(r.id, r.productIds);
  }

  /**
   * A product joins a campaign (or leaves it: null): the goods engine serves it from the campaign
   * pool with its boost, and so does the content engine every video and live room carrying it.
   */
  setCampaignGoods(productId: string, campaignId: string | null, boost: number): void {
    if (campaignId) this.campaignGoods.set(productId, { campaignId, boost });
    else this.campaignGoods.delete(productId);
    this.goods.setCampaign(productId, campaignId, boost);
    for (const contentId of this.carriedBy.get(productId) ?? []) this.applyCarried(contentId);
  }

  /** Bounds every campaign boost in both engines (CAMPAIGN_MAX_BOOST). */
  setCampaignCap(cap: number): void {
    this.content.campaignBoostCap = cap;
    this.goods.campaignBoostCap = cap;
  }

  private carry(contentId: string, productIds: string[]): void {
    this.uncarry(contentId);
    this.carries.set(contentId, productIds);
    for (const id of productIds) {
      let set = this.carriedBy.get(id);
      if (!set) this.carriedBy.set(id, (set = new Set()));
      set.add(contentId);
    }
    this.applyCarried(contentId);
  }

  private uncarry(contentId: string): void {
    for (const id of this.carries.get(contentId) ?? []) {
      const set = this.carriedBy.get(id);
      set?.delete(contentId);
      if (set && !set.size) this.carriedBy.delete(id);
    }
    this.carries.delete(contentId);
  }

  /** Content takes the strongest campaign among the goods it carries. */
  private applyCarried(contentId: string): void {
    let best: { campaignId: string; boost: number } | null = null;
    for (const id of this.carries.get(contentId) ?? []) {
      const c = this.campaignGoods.get(id);
      if (c && (!best || c.boost > best.boost)) best = c;
    }
    const st = this.content.items.get(contentId);
    if (best) this.content.setCampaign(contentId, best.campaignId, best.boost);
    else if (st?.item.campaignId) this.content.setCampaign(contentId, null);
  }

  /** Goods on sale join the goods engine (or stay, updated); the rest leave it. */
  async refreshGoods(ids: string[], q?: Queryable): Promise<void> {
    const onSale = new Map((await this.sources.productFacts(ids, q)).map((p) => [p.id, p]));
    for (const id of ids) {
      const p = onSale.get(id);
      if (p) this.goods.upsertItem(productItem(p));
      else this.goods.removeItem(id);
    }
  }

  remove(id: string): void {
    this.content.removeItem(id);
    this.content.setCampaign(id, null);
    this.uncarry(id);
  }

  /** Keeps the engines in step with the other modules (in every api process; at-least-once delivery; all idempotent). */
  subscribe(bus: EventBus): void {
    bus.subscribeEach<{ videoId: string; authorId: string; productIds: string[] }>('feed.engine', 'content.video.published', async (ev, q) => this.addVideos([{ id: ev.payload.videoId, authorId: ev.payload.authorId, productIds: ev.payload.productIds, publishedAt: Date.parse(ev.occurredAt) }], q));
    bus.subscribeEach<{ videoId: string }>('feed.engine', 'content.video.withdrawn', async (ev) => this.remove(ev.payload.videoId));
    bus.subscribeEach<{ roomId: string; hostId: string; storeId: string | null }>('feed.engine', 'live.room.started', async (ev, q) => {
      // The room's goods come from live (the event does not carry the bag); a room already over is not added.
      const [facts] = await this.sources.liveRooms([ev.payload.roomId], q);
      if (facts) await this.addRoom({ ...facts, startedAt: Date.parse(ev.occurredAt) }, q);
    });
    bus.subscribeEach<{ roomId: string }>('feed.engine', 'live.room.ended', async (ev) => this.remove(ev.payload.roomId));
    bus.subscribeEach<{ productId?: string; productIds?: string[] }>('feed.engine', ['catalog.product.created', 'catalog.product.updated', 'catalog.product.archived', 'catalog.products.imported'], async (ev, q) => {
      const ids = ev.payload.productIds ?? (ev.payload.productId ? [ev.payload.productId] : []);
      await this.refreshGoods(ids, q);
    });
    bus.subscribeEach<{ storeId: string; userId: string }>('feed.engine', ['catalog.store.followed', 'catalog.store.unfollowed'], async (ev) => this.follow(ev.payload.userId, ev.payload.storeId, ev.topic === 'catalog.store.followed'));
    bus.subscribeEach<{ creatorId: string; userId: string }>('feed.engine', ['content.creator.followed', 'content.creator.unfollowed'], async (ev) => this.follow(ev.payload.userId, ev.payload.creatorId, ev.topic === 'content.creator.followed'));
  }
}

function info(parts: TrainedParts | undefined): TrainedInfo | null {
  return parts ? { version: parts.version, trainedAt: new Date(parts.trainedAt).toISOString(), ...parts.stats, blend: parts.blend, vectors: parts.embedding !== null } : null;
}

export const viewerKey = (kind: 'user' | 'device', id: string) => (kind === 'user' ? id : `device:${id}`);

export function productItem(p: ProductFacts): FeedItem {
  return { id: p.id, kind: 'product', authorId: p.storeId, storeId: p.storeId, categoryId: p.categoryId, publishedAt: p.createdAt, rebuyAfterMs: p.rebuyable ? REBUY_MS : null };
}
