// The serving engine's vocabulary. Everything is plain data: the feed module maps the platform's
// videos, live rooms and events onto these, and the engine never learns where they came from.

export type ItemKind = 'video' | 'live' | 'product';

/** A piece of content the feed can serve. */
export interface FeedItem {
  id: string;
  kind: ItemKind;
  authorId: string;
  /** The store of the main goods it carries, if any. */
  storeId: string | null;
  /** The category of its main goods (the unit of "category spread"), if any. */
  categoryId: string | null;
  /** When it became servable (ms). */
  publishedAt: number;
  /** Part of an operator campaign (served from the campaign pool, within the campaign cap). */
  campaignId?: string | null;
  /** Goods people buy again (rice, tissues): may be recommended again this long after an order. */
  rebuyAfterMs?: number | null;
}

export type SignalType =
  | 'impression' | 'play' | 'finish' | 'like' | 'comment' | 'share' | 'follow' | 'product_tap' | 'add_to_cart'
  | 'not_interested' | 'quick_swipe' | 'order' | 'refund' | 'complaint';

/** One behaviour event about an item, from a user or an anonymous device ("viewer"). */
export interface Signal {
  viewer: string;
  type: SignalType;
  itemId: string;
  at: number;
  watchMs?: number | null;
  durationMs?: number | null;
}

/** The actions whose probabilities the ranker predicts. */
export const ACTIONS = ['finish', 'engage', 'tap', 'purchase'] as const;
export type Action = (typeof ACTIONS)[number];

/** What one of each action is worth to the platform (the operator's objective). */
export type Objective = Record<Action, number>;

export type Source = 'similar' | 'interest' | 'following' | 'fresh' | 'campaign' | 'popular' | 'live';

/** Why an item was served: the candidate source and the factors that ranked it. */
export interface Reason {
  source: Source;
  /** For `similar`: the item in the viewer's history it is near. */
  becauseOf?: string;
  /** For `popular` and `interest`: the category. */
  categoryId?: string;
  /** For `fresh`: the traffic pool it is in. */
  pool?: number;
  /** Predicted probabilities and the experience factor. */
  factors: Record<string, number>;
}

export interface Served {
  item: FeedItem;
  score: number;
  reason: Reason;
}

export interface PoolPolicy {
  /** Impressions each pool level gives before the item is judged (level 0 is the first pool). */
  sizes: number[];
  /** To be promoted, the weighted engagement rate must be at least this multiple of its peers' median… */
  promoteRatio: number;
  /** …and negative feedback (not interested, quick swipes, complaints) below this share of impressions. */
  maxNegativeRate: number;
  /** Slots per page kept for content still in a pool (exploration). */
  slotsPerPage: number;
}

export interface EngineSettings {
  objective: Objective;
  pools: PoolPolicy;
  /** No two items of one author (or store) within this many places. */
  authorGap: number;
  /** At most this many items of one category in a page of 10. */
  categoryPerTen: number;
  /** At most this share of a page from campaigns. */
  campaignShare: number;
  /** An item the viewer was shown is not shown again for this long. */
  seenTtlMs: number;
}

export const DEFAULT_SETTINGS: EngineSettings = {
  objective: { finish: 1, engage: 3, tap: 4, purchase: 20 },
  pools: { sizes: [200, 2_000, 20_000, 200_000], promoteRatio: 1.0, maxNegativeRate: 0.15, slotsPerPage: 3 },
  authorGap: 4,
  categoryPerTen: 4,
  campaignShare: 0.2,
  seenTtlMs: 3 * 24 * 3600_000,
};

/**
 * How many candidates a page takes from each source before scoring (the live graph's neighbours
 * of the viewer's recent items, the retrained model's picks, the overall popular list, and the
 * popular list of each of the viewer's three strongest categories). Every candidate is checked
 * and scored, so these set a page's cost; `npm run bench -- feed-quality --budget …` shows what
 * a smaller budget costs in hits.
 */
export interface CandidateBudget {
  /** The viewer's latest positive items whose graph neighbours are gathered (each weighs 0.7× the one after it). */
  recent: number;
  similar: number;
  trained: number;
  popular: number;
  perCategory: number;
}

export const DEFAULT_BUDGET: CandidateBudget = { recent: 6, similar: 75, trained: 30, popular: 30, perCategory: 15 };
