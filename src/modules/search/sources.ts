// What the search module reads from the owners of the things it indexes (wired in main.ts), and
// how each owner's facts become one engine document. Search never reads another module's tables.
import type { SearchDoc } from '../../engines/search/index.ts';
import type { ProductCard, ProductSearchFacts } from '../catalog/cards.ts';
import type { Store } from '../catalog/stores.ts';
import type { Video } from '../content/schemas.ts';
import type { Creator } from '../content/social-schemas.ts';

export type Paged = { afterId: string | null; limit: number };

export interface VideoSearchFacts { id: string; authorId: string; title: string; description: string; tags: string[]; topic: string | null; likeCount: number; publishedAt: number }
export interface CreatorSearchFacts { id: string; name: string; followerCount: number; videoCount: number }

export interface SearchSources {
  /** Goods on sale (catalog): a page by id, one store's page, or these ids; others are left out. */
  products(f: Paged | { ids: string[] }): Promise<ProductSearchFacts[]>;
  /** Ids of a store's products whatever their status, a page at a time (catalog). */
  productIdsOfStore(storeId: string, afterId: string | null, limit: number): Promise<string[]>;
  /** The products these SKUs belong to (catalog). */
  productsOfSkus(skuIds: string[]): Promise<string[]>;
  /** Active stores (catalog): a page, or these ids; others are left out. */
  stores(f: { offset: number; limit: number } | { ids: string[] }): Promise<Store[]>;
  /** Public videos (content). */
  videos(f: Paged | { ids: string[] }): Promise<VideoSearchFacts[]>;
  /** Authors of public videos (content). */
  creators(f: Paged | { ids: string[] }): Promise<CreatorSearchFacts[]>;
  /** A category and its children (catalog): a filter on a parent category means its leaves too. */
  categoryWithChildren(id: string): Promise<string[]>;
  /** The store's reach factor (experience score × governance penalty, feed/reach.ts; 1 = untouched): multiplies its goods' and its own quality. */
  storeFactor?(storeId: string): number;
  /** The product's campaign reach boost (feed/campaign-reach.ts; 1 = in no active campaign): multiplies its quality. */
  productBoost?(productId: string): number;

  // Hydration of a page of results into the platform's public shapes.
  cards(ids: string[]): Promise<ProductCard[]>;
  videoViews(ids: string[], viewerId: string | null): Promise<Video[]>;
  creatorProfile(id: string, viewerId: string | null): Promise<Creator | null>;
}

/**
 * The catalog has no per-product dispatch promise yet, so every product is held to the platform's
 * 48-hour dispatch rule (48小时发货); the "ships within" filter reads this until catalog says more.
 */
export const DEFAULT_SHIPS_WITHIN_HOURS = 48;

/**
 * Relevance multiplier from what public services tell us: units sold, on a log scale so a
 * best-seller outranks a new listing without burying it (1 = neutral; 0 sold → 0.9, 1,000 → 1.5).
 * The store's reach factor (experience score × penalties) multiplies it in productDoc.
 */
export function productQuality(sold: number): number {
  return 0.9 + 0.2 * Math.log10(1 + Math.max(0, sold));
}

/** Followers as a mild popularity signal for stores and creators. */
const followerQuality = (followers: number) => 1 + 0.1 * Math.log10(1 + Math.max(0, followers));

export function productDoc(p: ProductSearchFacts, storeFactor = 1): SearchDoc {
  return {
    id: p.id, type: 'product', title: p.title, attributes: p.attributes, description: p.description,
    categoryId: p.categoryId, storeId: p.storeId, flagship: p.flagship, priceFen: p.minPriceFen,
    inStock: p.totalStock > 0, shipsWithinHours: DEFAULT_SHIPS_WITHIN_HOURS, sales: p.sold,
    quality: productQuality(p.sold) * storeFactor, createdAt: p.createdAt,
  };
}

export function storeDoc(s: Store, storeFactor = 1): SearchDoc {
  return { id: s.id, type: 'store', title: s.name, description: s.description, storeId: s.id, flagship: s.flagship, quality: followerQuality(s.followerCount) * storeFactor, createdAt: Date.parse(s.createdAt) };
}

export function videoDoc(v: VideoSearchFacts): SearchDoc {
  return { id: v.id, type: 'video', title: v.title, attributes: v.topic ? [...v.tags, v.topic] : v.tags, description: v.description, sales: v.likeCount, createdAt: v.publishedAt };
}

export function creatorDoc(c: CreatorSearchFacts): SearchDoc {
  return { id: c.id, type: 'creator', title: c.name, quality: followerQuality(c.followerCount), sales: c.followerCount };
}
