// The store page's parts beyond the store and its goods: its videos (GET /api/v1/stores/:id/videos),
// its live rooms (GET /api/v1/stores/:id/live) and what the signed-in shopper did there
// (GET /api/v1/me/stores/:id/history). Checked against the server's schemas by test/contract.ts.
import type { Room } from './typesLive.js';
import type { ProductCard, Video } from './typesVideo.js';

export interface StoreVideoPage {
  items: Video[];
  total: number;
}

/** On air now first, then coming up, then ended rooms that left a replay. */
export interface StoreRoomPage {
  items: Room[];
  total: number;
}

export interface StoreHistory {
  storeId: string;
  /** Orders paid at the store (then maybe shipped, delivered, completed); cancelled ones don't count. */
  ordersCount: number;
  /** When the latest of them was paid. */
  lastOrderAt: string | null;
  /** Up to 4 goods bought there, most recently bought first. */
  lastProducts: ProductCard[];
}
