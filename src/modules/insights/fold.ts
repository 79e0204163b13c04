// Folding a page of the behaviour log into sums, pure: per item and day, per store, day and field,
// the store's visitors, video impressions of new creators, and who watched a live room each minute.
// The writer (traffic.ts) adds the sums to the tables in one transaction with the cursor.
import { eventField, type Field } from './attribution.ts';
import type { ItemOwner, ItemType } from './ctx.ts';
import { chinaDay, minuteOf } from './range.ts';

/** An event of the log as insights reads it. */
export interface TrafficEvent {
  actorKind: 'user' | 'device';
  actorId: string;
  type: string;
  itemType: ItemType;
  itemId: string;
  watchMs: number | null;
  source: string | null;
  at: Date;
}

export const ITEM_COUNTERS = ['impressions', 'views', 'finishes', 'watch_ms', 'likes', 'comments', 'shares', 'follows', 'product_taps', 'add_to_carts', 'negatives'] as const;
export type ItemCounter = (typeof ITEM_COUNTERS)[number];
export const STORE_COUNTERS = ['impressions', 'views', 'product_taps', 'add_to_carts', 'watch_ms'] as const;
export type StoreCounter = (typeof STORE_COUNTERS)[number];

const COUNTER_OF: Record<string, Exclude<ItemCounter, 'watch_ms'> | undefined> = {
  impression: 'impressions',
  play: 'views',
  finish: 'finishes',
  like: 'likes',
  comment: 'comments',
  share: 'shares',
  follow: 'follows',
  product_tap: 'product_taps',
  add_to_cart: 'add_to_carts',
  not_interested: 'negatives',
  quick_swipe: 'negatives',
};

export interface ItemDay {
  itemType: ItemType;
  itemId: string;
  day: string;
  storeId: string | null;
  creatorId: string | null;
  n: Record<ItemCounter, number>;
}

export interface StoreDay {
  storeId: string;
  day: string;
  field: Field;
  n: Record<StoreCounter, number>;
}

export interface Folded {
  items: Map<string, ItemDay>;
  stores: Map<string, StoreDay>;
  /** `storeId day actor`, each once. */
  visitors: Set<string>;
  /** Video impressions per day, and the creators they went to (for the new-creator share). */
  exposure: Map<string, Map<string | null, number>>;
  /** `roomId minuteMs actor`, each once. */
  presence: Set<string>;
  /** Events folded (server facts like orders are left to commerce's events). */
  counted: number;
}

const zero = <K extends string>(keys: readonly K[]): Record<K, number> => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

export const actorKey = (kind: 'user' | 'device', id: string): string => (kind === 'user' ? id : `device:${id}`);

export function fold(events: readonly TrafficEvent[], owners: ReadonlyMap<string, ItemOwner>): Folded {
  const out: Folded = { items: new Map(), stores: new Map(), visitors: new Set(), exposure: new Map(), presence: new Set(), counted: 0 };
  for (const e of events) {
    const counter = COUNTER_OF[e.type];
    if (!counter) continue;
    out.counted++;
    const owner = owners.get(`${e.itemType}:${e.itemId}`) ?? { storeId: null, creatorId: null };
    const day = chinaDay(e.at);
    const watch = e.type === 'play' ? Math.max(0, e.watchMs ?? 0) : 0;
    const ik = `${e.itemType}:${e.itemId}:${day}`;
    let item = out.items.get(ik);
    if (!item) out.items.set(ik, (item = { itemType: e.itemType, itemId: e.itemId, day, storeId: owner.storeId, creatorId: owner.creatorId, n: zero(ITEM_COUNTERS) }));
    item.n[counter]++;
    item.n.watch_ms += watch;
    const actor = actorKey(e.actorKind, e.actorId);
    if (owner.storeId && (counter === 'impressions' || counter === 'views' || counter === 'product_taps' || counter === 'add_to_carts')) {
      const field = eventField(e.source);
      const sk = `${owner.storeId}:${day}:${field}`;
      let store = out.stores.get(sk);
      if (!store) out.stores.set(sk, (store = { storeId: owner.storeId, day, field, n: zero(STORE_COUNTERS) }));
      store.n[counter]++;
      store.n.watch_ms += watch;
      // A visitor (访客) tapped or carted one of the store's goods.
      if (e.itemType === 'product' && (counter === 'product_taps' || counter === 'add_to_carts')) out.visitors.add(`${owner.storeId} ${day} ${actor}`);
    }
    if (e.itemType === 'video' && counter === 'impressions') {
      let byCreator = out.exposure.get(day);
      if (!byCreator) out.exposure.set(day, (byCreator = new Map()));
      byCreator.set(owner.creatorId, (byCreator.get(owner.creatorId) ?? 0) + 1);
    }
    if (e.itemType === 'live') out.presence.add(`${e.itemId} ${minuteOf(e.at).getTime()} ${actor}`);
  }
  return out;
}
