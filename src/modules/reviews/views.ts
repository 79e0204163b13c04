// Reading reviews back: rows as the API shows them (names masked, photos as URLs), and the
// product page's summary. Only this module reads the reviews tables.
import type { Queryable } from '../../platform/db/index.ts';
import { imageUrl } from '../media/service.ts';
import { NEGATIVE_MAX, shownName, summarize } from './rules.ts';
import type { PublicReview, Review, ReviewSummary } from './schemas.ts';

export interface ReviewRow {
  id: string;
  order_id: string;
  line_no: number;
  user_id: string;
  store_id: string;
  product_id: string;
  sku_id: string;
  title: string;
  goods: number;
  logistics: number;
  service: number;
  text: string;
  image_ids: string[];
  anonymous: boolean;
  created_at: Date;
  follow_up_text: string | null;
  follow_up_image_ids: string[] | null;
  follow_up_at: Date | null;
  reply_text: string | null;
  reply_by: string | null;
  replied_at: Date | null;
  hidden_reason: string | null;
  hidden_by: string | null;
  hidden_at: Date | null;
}

/** Display names of users, by id (identity answers; missing ones show as 匿名用户). */
export type Names = (ids: string[]) => Promise<Map<string, string>>;

const iso = (d: Date | string) => new Date(d).toISOString();
const photos = (ids: string[] | null) => (ids ?? []).map((id) => ({ id, url: imageUrl(id, 'w720'), thumbUrl: imageUrl(id, 'w240') }));

function publicView(r: ReviewRow, names: Map<string, string>): PublicReview {
  return {
    id: r.id,
    productId: r.product_id,
    buyerName: shownName(r.anonymous ? undefined : names.get(r.user_id), r.anonymous),
    goods: r.goods,
    logistics: r.logistics,
    service: r.service,
    text: r.text,
    photos: photos(r.image_ids),
    followUp: r.follow_up_at ? { text: r.follow_up_text ?? '', photos: photos(r.follow_up_image_ids), at: iso(r.follow_up_at) } : null,
    reply: r.replied_at ? { text: r.reply_text ?? '', at: iso(r.replied_at) } : null,
    createdAt: iso(r.created_at),
  };
}

async function nameMap(rows: ReviewRow[], names: Names): Promise<Map<string, string>> {
  const ids = [...new Set(rows.filter((r) => !r.anonymous).map((r) => r.user_id))];
  return ids.length ? names(ids) : new Map();
}

export async function publicViews(rows: ReviewRow[], names: Names): Promise<PublicReview[]> {
  const m = await nameMap(rows, names);
  return rows.map((r) => publicView(r, m));
}

/** The full view: the writer's own, the store's and operators'. */
export async function fullViews(rows: ReviewRow[], names: Names): Promise<Review[]> {
  const m = await nameMap(rows, names);
  return rows.map((r) => ({
    ...publicView(r, m),
    orderId: r.order_id,
    lineNo: r.line_no,
    storeId: r.store_id,
    title: r.title,
    anonymous: r.anonymous,
    hidden: r.hidden_at ? { reason: r.hidden_reason ?? '', at: iso(r.hidden_at) } : null,
  }));
}

/** SQL conditions of the product page's filters (visible reviews only). */
export const PRODUCT_FILTERS = {
  all: 'TRUE',
  photos: 'cardinality(image_ids) > 0',
  negative: `goods <= ${NEGATIVE_MAX}`,
  followup: 'follow_up_at IS NOT NULL',
} as const;

/** The summary of a product's visible reviews: one grouped query. */
export async function productSummary(q: Queryable, productId: string): Promise<ReviewSummary> {
  const rows = await q.query<{ goods: number; n: number; photos: number; follow_ups: number }>(
    `SELECT goods, count(*)::int AS n, count(*) FILTER (WHERE cardinality(image_ids) > 0)::int AS photos, count(*) FILTER (WHERE follow_up_at IS NOT NULL)::int AS follow_ups
       FROM reviews WHERE product_id = $1 AND hidden_at IS NULL GROUP BY goods`,
    [productId],
  );
  const sum = (k: 'photos' | 'follow_ups') => rows.reduce((a, r) => a + r[k], 0);
  return summarize(new Map(rows.map((r) => [Number(r.goods), r.n])), sum('photos'), sum('follow_ups'));
}
