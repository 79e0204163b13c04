// What the insights module needs from the rest of the platform, answered through the owners'
// services by the composition root (src/compose/insights.ts); insights reads no other module's tables.
import type { Queryable } from '../../platform/db/index.ts';
import type { NpsDay } from './platform-report.ts';

export type ItemType = 'video' | 'live' | 'product';

/** Who an item belongs to: the store whose goods it sells and the creator who made it. */
export interface ItemOwner {
  storeId: string | null;
  creatorId: string | null;
}

export interface InsightsDeps {
  /** Content (a video or live room) by id: its creator and the goods it carries now; null when unknown. */
  carrier(type: 'feed_video' | 'live_room', id: string, q: Queryable): Promise<{ creatorId: string; productIds: string[] } | null>;
  /** Whether the user is staff of the store (its own account). */
  isStaff(storeId: string, userId: string, q: Queryable): Promise<boolean>;
  /** Followers of creators now. */
  followers(creatorIds: string[], q: Queryable): Promise<Map<string, number>>;
  /** Campaigns: productId → campaignId for goods in a campaign active at `at`. */
  campaignOf(productIds: readonly string[], at: Date, q: Queryable): Promise<Map<string, string>>;
  /** Owners of items named by the behaviour log (keyed `type:id`); unknown items are left out. */
  owners(items: Array<{ type: ItemType; id: string }>): Promise<Map<string, ItemOwner>>;
  /** Live rooms on air now and their concurrent viewers (sampled once a minute). */
  onAir(): Promise<Map<string, number>>;
  /** Catalog: 404 (storeId) when the store does not exist, 403 when the user is not its staff. */
  assertStaff(storeId: string, userId: string): Promise<void>;
  /** Whether the store exists (operators read any store's dashboard). */
  storeExists(storeId: string): Promise<boolean>;
  /** The live room's host and store (null: no such room). */
  room(roomId: string): Promise<{ hostId: string; storeId: string | null } | null>;
  /** Titles of videos and live rooms (keyed `type:id`). */
  titles(items: Array<{ type: 'video' | 'live'; id: string }>): Promise<Map<string, string>>;
  /** Display names of users. */
  names(ids: string[]): Promise<Map<string, string>>;
  /** Experience: the platform's NPS per China day over [from, to). */
  npsDays(from: Date, to: Date): Promise<NpsDay[]>;
  /** Experience: every store's latest score (null: not scored). */
  scores(): Promise<Array<number | null>>;
  now(): Date;
}

export interface InsightsPolicy {
  /** A creator with at least this many followers is a top creator (FACT's T). */
  topCreatorFollowers: number;
  /** A creator whose first video is at most this many days old is new (new-creator exposure). */
  newCreatorDays: number;
  /** The longest range a dashboard answers at once, in days. */
  maxRangeDays: number;
  /** Events read from the log per step of the tail. */
  tailBatch: number;
  /** How often the tail of the log runs, in ms. */
  tailMs: number;
}
