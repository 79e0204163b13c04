// The mall's 热卖榜 (GET /api/v1/bestsellers). Checked against the server's schema by test/contract.ts.
import type { ProductCard } from './typesVideo.js';

/** A category as a list names it (no children). */
export interface CategoryRef {
  id: string;
  parentId: string | null;
  nameZh: string;
  nameEn: string;
}

export interface BestSeller {
  /** 1-based. */
  rank: number;
  product: ProductCard;
  /** Units sold in the last `windowDays` days. */
  unitsSold7d: number;
  /** The product's own (leaf) category. */
  category: CategoryRef;
}

export interface BestSellerList {
  /** The category asked for; null for the list over every category. */
  category: CategoryRef | null;
  windowDays: number;
  /** When the server computed the list (it caches lists for about a minute). */
  updatedAt: string;
  items: BestSeller[];
}
