// The recommended feed, 猜你喜欢 goods, a video's traffic pool and the operator's distribution
// settings (/api/v1/feed…, /api/v1/events, /api/v1/videos/:id/distribution, /api/v1/ops/distribution).
// Checked against the server's feed schemas by test/contract.ts.
import type { Room } from './typesLive.js';
import type { ProductCard, Video } from './typesVideo.js';

/** Where a served item came from (the candidate source). */
export type FeedSource = 'similar' | 'interest' | 'following' | 'fresh' | 'campaign' | 'popular' | 'live';

/** Why an item was served: its source, what it is near, its category, its pool, and the ranking factors. */
export interface FeedReason {
  source: FeedSource;
  /** similar: the item in the viewer's history it is near. */
  becauseOf: { id: string; title: string } | null;
  /** interest / popular: the category. */
  category: { id: string; nameZh: string; nameEn: string } | null;
  /** fresh: the traffic pool level (0 = the first pool). */
  pool: number | null;
  /** Predicted probabilities (p_finish, p_engage, p_tap, p_purchase), experience factor, similarity. */
  factors: Record<string, number>;
}

/** Whether the viewer follows the item's author (creator or live host) and its store; false when signed out. */
interface Following {
  followingAuthor: boolean;
  followingStore: boolean;
}

export type FeedEntry =
  | ({ kind: 'video'; id: string; video: Video; product: ProductCard | null; reason: FeedReason } & Following)
  | ({ kind: 'live'; id: string; room: Room; product: ProductCard | null; reason: FeedReason } & Following);

export interface FeedPage {
  items: FeedEntry[];
  nextCursor: string;
}

/** GET /api/v1/feed/goods */
export interface GoodsPage {
  items: { product: ProductCard; reason: FeedReason }[];
}

/** GET /api/v1/products/:productId/related */
export interface RelatedGoods {
  items: ProductCard[];
}

/** GET /api/v1/videos/:videoId/distribution: the author's view of the video's traffic pool. */
export interface PoolStatus {
  videoId: string;
  /** 0 = the first pool. */
  level: number;
  status: 'testing' | 'held' | 'graduated';
  poolSize: number | null;
  impressionsInPool: number;
  impressions: number;
  rates: { finish: number; engage: number; tap: number; negative: number };
  lastScore: number | null;
  peerMedian: number | null;
  /** Pool sizes by level. */
  levels: number[];
}

/** The operator's distribution settings (PUT /api/v1/ops/distribution). */
export interface DistributionSettings {
  objective: { finish: number; engage: number; tap: number; purchase: number };
  pools: { sizes: number[]; promoteRatio: number; maxNegativeRate: number; slotsPerPage: number };
  authorGap: number;
  categoryPerTen: number;
  campaignShare: number;
  seenTtlHours: number;
}

/** GET /api/v1/ops/distribution */
export interface DistributionView {
  settings: DistributionSettings;
  updatedAt: string | null;
  engine: {
    videos: number;
    liveRooms: number;
    goods: number;
    viewers: number;
    signals: number;
    modelUpdates: number;
    /** The action models' weights by feature. */
    models: Record<string, Record<string, number>>;
    /** The last retrain of each engine's model, null before the first. */
    trained: RetrainResult;
  };
}

/** One engine's last retrain (item graph + interest vectors on the signals so far). */
export interface TrainedInfo {
  version: number;
  trainedAt: string;
  events: number;
  viewers: number;
  items: number;
  ms: number;
  blend: number;
  vectors: boolean;
}

/** POST /api/v1/ops/distribution/retrain */
export interface RetrainResult {
  content: TrainedInfo | null;
  goods: TrainedInfo | null;
}

export type FeedEventType = 'impression' | 'play' | 'finish' | 'like' | 'comment' | 'share' | 'follow' | 'product_tap' | 'add_to_cart' | 'not_interested' | 'quick_swipe';
export type FeedItemType = 'video' | 'live' | 'product';
export type FeedEventSource = 'feed' | 'live' | 'video' | 'search' | 'mall' | 'store' | 'product' | 'showcase' | 'cart' | 'profile' | 'other';

/** One behaviour event as the client reports it (POST /api/v1/events). */
export interface FeedEvent {
  id: string;
  type: FeedEventType;
  itemType: FeedItemType;
  itemId: string;
  watchMs?: number;
  durationMs?: number;
  source?: FeedEventSource;
  position?: number;
  at: string;
}

export interface FeedEventBatch {
  deviceId?: string;
  events: FeedEvent[];
}

export interface IngestResult {
  accepted: number;
  duplicates: number;
  dropped: { index: number; reason: 'unknown_item' }[];
  clamped: { index: number; field: string }[];
}
