// The feed as the apps see it: the engine's pages hydrated with videos, live rooms, product cards
// and readable reasons; the author's pool status; the operator's settings (stored, so a restart
// keeps them).
import type { Db } from '../../platform/db/index.ts';
import { forbidden, invalid, notFound } from '../../platform/errors.ts';
import type { ProductCard } from '../catalog/cards.ts';
import type { Video } from '../content/schemas.ts';
import type { Room } from '../live/schemas.ts';
import { DEFAULT_SETTINGS, type EngineSettings, type Served } from '../../engines/recs/online/types.ts';
import type { DistributionSettings, FeedEntry, FeedPage, PoolStatus, Reason } from './feed-schemas.ts';
import { viewerKey, type FeedHost } from './host.ts';

export interface FeedViews {
  /** Public videos among these ids (any order). */
  videos(ids: string[], viewerId: string | null): Promise<Video[]>;
  rooms(ids: string[]): Promise<Room[]>;
  cards(ids: string[]): Promise<ProductCard[]>;
  categories(): Promise<Map<string, { nameZh: string; nameEn: string }>>;
  videoAuthor(id: string): Promise<string | null>;
  /** Which of these creators and stores the user follows (the owners' relations, not the engine's memory). */
  follows(userId: string, creatorIds: string[], storeIds: string[]): Promise<{ creators: Set<string>; stores: Set<string> }>;
}

/** A feed entry before the viewer's follows are known. */
type Bare = FeedEntry extends infer E ? (E extends FeedEntry ? Omit<E, 'followingAuthor' | 'followingStore'> : never) : never;

export interface FeedViewer {
  userId: string | null;
  deviceId?: string | undefined;
}

export class FeedService {
  constructor(
    private readonly db: Db,
    private readonly host: FeedHost,
    private readonly views: FeedViews,
  ) {}

  async page(viewer: FeedViewer, limit: number, cursor: string | undefined): Promise<FeedPage> {
    const n = cursor ? decodeCursor(cursor) : 0;
    const key = await this.viewer(viewer);
    const served = this.host.content.page(key, limit, this.host.now());
    const videoIds = served.filter((s) => s.item.kind === 'video').map((s) => s.item.id);
    const roomIds = served.filter((s) => s.item.kind === 'live').map((s) => s.item.id);
    const because = served.map((s) => s.reason.becauseOf).filter((x): x is string => Boolean(x));
    const [videos, rooms, cats] = await Promise.all([this.views.videos([...new Set([...videoIds, ...because])], viewer.userId), this.views.rooms(roomIds), this.views.categories()]);
    const vById = new Map(videos.map((v) => [v.id, v]));
    const rById = new Map(rooms.map((r) => [r.id, r]));
    const items: Bare[] = [];
    for (const s of served) {
      const reason = this.reason(s, cats, (id) => vById.get(id)?.title ?? rById.get(id)?.title ?? null);
      if (s.item.kind === 'video') {
        const video = vById.get(s.item.id);
        if (!video) { this.host.remove(s.item.id); continue; }
        items.push({ kind: 'video', id: video.id, video, product: video.products[0] ?? null, reason });
      } else {
        const room = rById.get(s.item.id);
        if (!room || room.state.status !== 'live') { this.host.remove(s.item.id); continue; }
        items.push({ kind: 'live', id: room.id, room, product: room.state.pinned ?? room.state.bag[0] ?? null, reason });
      }
    }
    return { items: await this.withFollows(items, viewer.userId), nextCursor: encodeCursor(n + 1) };
  }

  /** Says on each item whether the viewer follows its author and its store (the follow buttons' state). */
  private async withFollows(items: Bare[], userId: string | null): Promise<FeedEntry[]> {
    const who = items.map((e) => (e.kind === 'video' ? { author: e.video.author.id, store: e.product?.storeId ?? null } : { author: e.room.host.id, store: e.room.storeId ?? e.product?.storeId ?? null }));
    const none = { creators: new Set<string>(), stores: new Set<string>() };
    const f = userId && items.length ? await this.views.follows(userId, [...new Set(who.map((w) => w.author))], [...new Set(who.flatMap((w) => w.store ?? []))]) : none;
    return items.map((e, i) => ({ ...e, followingAuthor: f.creators.has(who[i]!.author), followingStore: who[i]!.store !== null && f.stores.has(who[i]!.store!) }));
  }

  /** 猜你喜欢: goods for this viewer. */
  async goods(viewer: FeedViewer, limit: number): Promise<{ items: { product: ProductCard; reason: Reason }[] }> {
    const key = await this.viewer(viewer);
    // The shelf is asked for on every visit to the home page: serving it marks nothing seen.
    const served = this.host.goods.page(key, limit, this.host.now(), { markSeen: false });
    const [cards, cats] = await Promise.all([this.views.cards(served.map((s) => s.item.id)), this.views.categories()]);
    const byId = new Map(cards.map((c) => [c.id, c]));
    const names = new Map<string, string>();
    if (served.some((s) => s.reason.becauseOf)) for (const c of await this.views.cards(served.map((s) => s.reason.becauseOf).filter((x): x is string => Boolean(x)))) names.set(c.id, c.title);
    return { items: served.flatMap((s) => { const product = byId.get(s.item.id); return product && product.available ? [{ product, reason: this.reason(s, cats, (id) => names.get(id) ?? null) }] : []; }) };
  }

  /** Goods people engage with next to this one. */
  async relatedGoods(productId: string, limit: number): Promise<{ items: ProductCard[] }> {
    const [card] = await this.views.cards([productId]);
    if (!card) throw notFound('Product', 'productId');
    const related = this.host.goods.related(productId, limit * 2).map((i) => i.id);
    return { items: (await this.views.cards(related)).filter((c) => c.available).slice(0, limit) };
  }

  /** The author's view of where their video stands in the traffic pools. */
  async poolStatus(videoId: string, userId: string): Promise<PoolStatus> {
    const author = await this.views.videoAuthor(videoId);
    if (!author) throw notFound('Video', 'videoId');
    if (author !== userId) throw forbidden('Only the author sees the pool status');
    const r = this.host.content.poolReport(videoId);
    const levels = this.host.content.settings.pools.sizes;
    if (!r) return { videoId, level: 0, status: 'testing', poolSize: levels[0] ?? null, impressionsInPool: 0, impressions: 0, rates: { finish: 0, engage: 0, tap: 0, negative: 0 }, lastScore: null, peerMedian: null, levels };
    return { videoId, ...r, levels };
  }

  private reason(s: Served, cats: Map<string, { nameZh: string; nameEn: string }>, title: (id: string) => string | null): Reason {
    const r = s.reason;
    const t = r.becauseOf ? title(r.becauseOf) : null;
    const cat = r.categoryId ? cats.get(r.categoryId) : undefined;
    return { source: r.source, becauseOf: r.becauseOf && t ? { id: r.becauseOf, title: t } : null, category: cat && r.categoryId ? { id: r.categoryId, ...cat } : null, pool: r.pool ?? null, factors: r.factors };
  }

  private async viewer(v: FeedViewer): Promise<string> {
    if (v.userId) { await this.host.prepareViewer(v.userId); return v.userId; }
    if (!v.deviceId) throw invalid('deviceId', 'Sign in, or name the device (the id the app sends events with)');
    return viewerKey('device', v.deviceId);
  }

  // Operator settings: one row, applied to both engines.

  async loadSettings(): Promise<void> {
    const [row] = await this.db.query<{ settings: DistributionSettings }>('SELECT settings FROM feed_settings WHERE id = 1');
    if (row) this.apply(row.settings);
  }

  async settings(): Promise<{ settings: DistributionSettings; updatedAt: string | null }> {
    const [row] = await this.db.query<{ updated_at: Date }>('SELECT updated_at FROM feed_settings WHERE id = 1');
    return { settings: toApi(this.host.content.settings), updatedAt: row ? row.updated_at.toISOString() : null };
  }

  async updateSettings(s: DistributionSettings, by: string): Promise<{ settings: DistributionSettings; updatedAt: string | null }> {
    for (let k = 1; k < s.pools.sizes.length; k++) if (s.pools.sizes[k]! <= s.pools.sizes[k - 1]!) throw invalid('pools.sizes', 'Each pool must be larger than the one before');
    await this.db.query(
      `INSERT INTO feed_settings (id, settings, updated_by, updated_at) VALUES (1, $1, $2, now())
       ON CONFLICT (id) DO UPDATE SET settings = EXCLUDED.settings, updated_by = EXCLUDED.updated_by, updated_at = now()`,
      [JSON.stringify(s), by],
    );
    this.apply(s);
    return this.settings();
  }

  private apply(s: DistributionSettings): void {
    const engine = fromApi(s);
    this.host.content.configure(engine);
    this.host.goods.configure({ ...engine, pools: { ...engine.pools, slotsPerPage: Math.min(1, engine.pools.slotsPerPage) } });
  }
}

function toApi(s: EngineSettings): DistributionSettings {
  return { objective: { ...s.objective }, pools: { ...s.pools, sizes: [...s.pools.sizes] }, authorGap: s.authorGap, categoryPerTen: s.categoryPerTen, campaignShare: s.campaignShare, seenTtlHours: Math.round(s.seenTtlMs / 3600_000) };
}

function fromApi(s: DistributionSettings): EngineSettings {
  return { ...DEFAULT_SETTINGS, objective: { ...s.objective }, pools: { ...s.pools, sizes: [...s.pools.sizes] }, authorGap: s.authorGap, categoryPerTen: s.categoryPerTen, campaignShare: s.campaignShare, seenTtlMs: s.seenTtlHours * 3600_000 };
}

/** The cursor counts pages; what the viewer has seen is what keeps pages apart. */
const encodeCursor = (n: number) => Buffer.from(`p${n}`).toString('base64url');
function decodeCursor(c: string): number {
  const m = /^p(\d{1,6})$/.exec(Buffer.from(c, 'base64url').toString());
  if (!m) throw invalid('cursor', 'Not a cursor this API gave out');
  return Number(m[1]);
}
