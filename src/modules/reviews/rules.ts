// The pure rules of reviews (评价): who may review which order line and when, how an order's
// progress moves, and the summary arithmetic shown on product pages. No database, no HTTP.
import { maskName } from '../../platform/crypto.ts';

export const MAX_TEXT = 500;
export const MAX_PHOTOS = 6;
/** A review photo is re-encoded by the media module anyway; a phone photo fits well under this. */
export const PHOTO_MAX_BYTES = 5 * 1024 * 1024;
/** Goods ratings at or below this are 差评 (the product page's negative filter, the store score later). */
export const NEGATIVE_MAX = 2;
export const ANONYMOUS_NAME = '匿名用户';

/** How far an order got, as this module knows it from commerce's events. */
export type OrderProgress = 'open' | 'delivered' | 'completed' | 'cancelled';

const RANK: Record<OrderProgress, number> = { open: 0, cancelled: 1, delivered: 2, completed: 3 };

/**
 * An order's progress after an event: it only moves forward (events may arrive out of order or
 * twice), and a cancellation cannot undo a delivery (a refund after delivery keeps it reviewable).
 */
export function advance(current: OrderProgress | null, next: OrderProgress): OrderProgress {
  if (current === null) return next;
  return RANK[next] > RANK[current] ? next : current;
}

export interface LineFacts {
  buyerId: string;
  progress: OrderProgress;
}

/** Why a review of this line is refused, or null when the user may write it. */
export type Refusal = { code: 'not_found' | 'invalid_state' | 'conflict'; message: string };

export function mayReview(line: LineFacts | null, userId: string, alreadyReviewed: boolean): Refusal | null {
  // Someone else's line is not found, so order ids cannot be probed.
  if (!line || line.buyerId !== userId) return { code: 'not_found', message: 'Order line not found' };
  if (line.progress !== 'delivered' && line.progress !== 'completed') return { code: 'invalid_state', message: 'Only delivered goods can be reviewed' };
  if (alreadyReviewed) return { code: 'conflict', message: 'This order line has already been reviewed' };
  return null;
}

export interface ReviewState {
  userId: string;
  hasFollowUp: boolean;
  hidden: boolean;
}

/** The follow-up (追评): the reviewer's own review, once, not after moderation hid it. */
export function mayFollowUp(r: ReviewState | null, userId: string): Refusal | null {
  if (!r || r.userId !== userId) return { code: 'not_found', message: 'Review not found' };
  if (r.hidden) return { code: 'invalid_state', message: 'A hidden review cannot be followed up' };
  if (r.hasFollowUp) return { code: 'conflict', message: 'This review already has a follow-up' };
  return null;
}

/** The name a review shows: 匿名用户 when anonymous, else the masked display name (张*). */
export function shownName(displayName: string | undefined, anonymous: boolean): string {
  if (anonymous || !displayName) return ANONYMOUS_NAME;
  return maskName(displayName);
}

export interface Summary {
  count: number;
  /** Average goods rating, one decimal; 0 when there are no reviews. */
  average: number;
  /** Reviews per goods rating: index 0 holds 1 star, index 4 five stars. */
  distribution: number[];
  withPhotos: number;
  negative: number;
  followUps: number;
}

/** The summary of visible reviews from their goods ratings and counts. */
export function summarize(byRating: Map<number, number>, withPhotos: number, followUps: number): Summary {
  const distribution = [1, 2, 3, 4, 5].map((s) => byRating.get(s) ?? 0);
  const count = distribution.reduce((a, b) => a + b, 0);
  const sum = distribution.reduce((a, n, i) => a + n * (i + 1), 0);
  const negative = distribution.slice(0, NEGATIVE_MAX).reduce((a, b) => a + b, 0);
  // Rounded half up on the integer sum, so 4.25 shows as 4.3 without float surprises.
  const average = count === 0 ? 0 : Math.round((sum * 10) / count) / 10;
  return { count, average, distribution, withPhotos, negative, followUps };
}
