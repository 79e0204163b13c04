// Short videos (GET/POST/PATCH /api/v1/videos…, /api/v1/me/videos). Checked against the server's
// VideoSchema and ProductCardSchema by test/contract.ts.

/** The small card of a product a video carries (the 购物车 anchor). */
export interface ProductCard {
  id: string;
  storeId: string;
  title: string;
  imageUrl: string | null;
  minPriceFen: number;
  maxPriceFen: number;
  totalStock: number;
  /** Active product of an active store: it can be bought now. */
  available: boolean;
}

export type VideoStatus = 'awaiting_upload' | 'processing' | 'ready' | 'failed';
export type VideoVisibility = 'public' | 'hidden';

export interface Rendition {
  name: string;
  width: number;
  height: number;
  averageBps: number;
}

export interface Video {
  id: string;
  author: { id: string; name: string };
  title: string;
  description: string;
  tags: string[];
  topic: string | null;
  status: VideoStatus;
  visibility: VideoVisibility;
  /** Why processing failed (the server's words). */
  /** Why processing failed, as a code to translate (failureReason: the English detail). */
  failureCode: 'transcode_failed' | 'timed_out' | 'damaged' | 'no_picture' | null;
  failureReason: string | null;
  durationMs: number | null;
  width: number | null;
  height: number | null;
  /** The HLS master playlist and the poster, once ready. */
  hlsUrl: string | null;
  posterUrl: string | null;
  renditions: Rendition[];
  products: ProductCard[];
  viewCount: number;
  likeCount: number;
  commentCount: number;
  /** Whether the signed-in viewer liked it (false when signed out). */
  liked: boolean;
  publishedAt: string | null;
  createdAt: string;
}

export interface VideoPage {
  items: Video[];
  total: number;
}

/** POST /api/v1/videos */
export interface VideoInput {
  title: string;
  description?: string;
  tags?: string[];
  topic?: string | null;
  productIds?: string[];
}

/** PATCH /api/v1/videos/:videoId */
export type VideoPatch = Partial<VideoInput> & { visibility?: VideoVisibility };

export interface LikeResult {
  liked: boolean;
  likeCount: number;
}

/** A comment on a video (GET/POST /api/v1/videos/:videoId/comments). */
export interface VideoComment {
  id: string;
  videoId: string;
  author: { id: string; name: string };
  text: string;
  createdAt: string;
  /** The viewer wrote it, or it is under their video. */
  canDelete: boolean;
}

export interface CommentPage {
  items: VideoComment[];
  /** Older comments: pass back as `cursor`; null at the end. */
  nextCursor: string | null;
  total: number;
}

/** GET /api/v1/creators/:creatorId */
export interface Creator {
  id: string;
  name: string;
  followerCount: number;
  following: boolean;
}

/** GET /api/v1/me/following/creators */
export interface FollowedCreators {
  items: { id: string; name: string; followerCount: number; followedAt: string }[];
  total: number;
}
