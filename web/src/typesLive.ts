// Live rooms (/api/v1/live/rooms…, /api/v1/me/live/rooms, /ws/live/rooms/:id). Checked against the
// server's RoomSchema, HostRoomSchema and RoomStateSchema by test/contract.ts; the socket messages
// mirror src/modules/live/protocol.ts.
import type { Coupon } from './typesMarketing.js';
import type { ProductCard } from './typesVideo.js';

export type RoomStatus = 'scheduled' | 'live' | 'ended';

/** A flash sale of a bag product; `liveRoomId` set = the room's own price (直播间专享价). */
export interface FlashSaleCard {
  id: string;
  productId: string;
  skuId: string;
  priceFen: number;
  quantity: number;
  remaining: number;
  startsAt: string;
  endsAt: string;
  perBuyerLimit: number;
  liveRoomId: string | null;
}

/** What every viewer sees; the room's socket pushes it again when it changes. */
export interface RoomState {
  status: RoomStatus;
  /** The host's stream is arriving now (false while it dropped and may come back). */
  streaming: boolean;
  hlsUrl: string | null;
  bag: ProductCard[];
  /** The 讲解卡: the product the host presents now. */
  pinned: ProductCard | null;
  flashSales: FlashSaleCard[];
  /** The room's coupons to claim now (领券): POST /api/v1/coupons/:id/claim. */
  coupons: Coupon[];
}

export interface Room {
  id: string;
  host: { id: string; name: string };
  storeId: string | null;
  title: string;
  scheduledAt: string | null;
  startedAt: string | null;
  endedAt: string | null;
  replayVideoId: string | null;
  /** Watching now (live rooms only). */
  viewers: number;
  peakViewers: number;
  likeCount: number;
  commentCount: number;
  state: RoomState;
}

/** The host's view: where and with which secret key to push the stream. */
export interface HostRoom extends Room {
  ingest: { rtmpUrl: string; streamKey: string };
}

/** POST /api/v1/live/rooms */
export interface RoomInput {
  title: string;
  scheduledAt?: string;
  storeId?: string;
  productIds?: string[];
}

/** POST /api/v1/live/rooms/:roomId/flash-sales */
export interface RoomFlashSaleInput {
  skuId: string;
  priceFen: number;
  quantity: number;
  perBuyerLimit: number;
  minutes: number;
}

export type SanctionAction = 'mute' | 'ban' | 'lift';
export type Standing = 'ok' | 'muted' | 'banned';

// ---- the room's WebSocket -------------------------------------------------------------------

export type LiveClientMessage = { t: 'comment'; text: string } | { t: 'like'; n: number } | { t: 'ping' };

export type LiveErrorCode = 'rate_limited' | 'too_long' | 'empty' | 'muted' | 'banned' | 'bad_message' | 'sign_in_required';

/** A chat comment; `text` is plain text, rendered as a text node (never as HTML). */
export interface LiveComment {
  id: string;
  user: { id: string; name: string };
  text: string;
  at: number;
}

export type LiveServerMessage =
  | { t: 'hello'; roomId: string; viewers: number; likes: number; state: RoomState; recent: LiveComment[] }
  | { t: 'viewers'; n: number }
  | ({ t: 'comment' } & LiveComment)
  | { t: 'likes'; total: number }
  | { t: 'state'; state: RoomState }
  | { t: 'error'; code: LiveErrorCode; message: string; retryAfterSeconds?: number }
  | { t: 'ended' }
  | { t: 'pong' };
