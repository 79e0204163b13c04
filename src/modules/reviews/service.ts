// Reviews (评价): buyers rate delivered order lines once (goods, logistics, service, text,
// photos, anonymous) and may follow up once (追评); stores reply once; operators hide reviews
// that break the rules, with a reason, audited. Other modules are reached through `deps`.
import type { Db, Tx } from '../../platform/db/index.ts';
import { audit } from '../../platform/audit.ts';
import { AppError, conflict, notFound } from '../../platform/errors.ts';
import type { EventBus } from '../../platform/events/bus.ts';
import { newId } from '../../platform/ids.ts';
import type { ProductCard } from '../catalog/cards.ts';
import { factsOf, lineOf } from './lines.ts';
import { mayFollowUp, mayReview, NEGATIVE_MAX, type Refusal } from './rules.ts';
import type { CreateReviewInput, FollowUpInput, MerchantReviewsFilter, ProductReviewsFilter, PublicReview, Review, Reviewable, ReviewSummary } from './schemas.ts';
import { fullViews, PRODUCT_FILTERS, productSummary, publicViews, type Names, type ReviewRow } from './views.ts';

/** What reviews asks of other modules, wired in main.ts (it never reads their tables). */
export interface ReviewDeps {
  /** Catalog: 404 (storeId) when the store does not exist, 403 when the user is not its staff. */
  assertStaff(storeId: string, userId: string): Promise<void>;
  /** Media: 404 / 403 naming `imageIds.<i>` unless every image exists and was uploaded by the user. Plain db: call outside transactions. */
  assertImages(ids: string[], userId: string): Promise<void>;
  /** Catalog: product cards, in the order asked; missing products are left out. */
  cards(ids: string[]): Promise<ProductCard[]>;
  names: Names;
}

/** `reviews.review.created`: the experience score's input. */
export interface ReviewCreatedEvent {
  reviewId: string;
  productId: string;
  storeId: string;
  orderId: string;
  userId: string;
  goods: number;
  logistics: number;
  service: number;
}

/** `reviews.review.hidden` */
export interface ReviewHiddenEvent {
  reviewId: string;
  productId: string;
  storeId: string;
  orderId: string;
  userId: string;
  reason: string;
  by: string;
}

interface PageArgs {
  limit: number;
  offset: number;
}

const refuse = (r: Refusal, field: string) => new AppError(r.code, r.message, field);

export class ReviewService {
  constructor(
    private readonly db: Db,
    private readonly bus: EventBus,
    private readonly deps: ReviewDeps,
  ) {}

  async create(userId: string, input: CreateReviewInput): Promise<Review> {
    const check = async (q: Db | Tx, lock: boolean) => {
      const line = await lineOf(q, input.orderId, input.lineNo, lock);
      const [done] = await q.query('SELECT 1 FROM reviews WHERE order_id = $1 AND line_no = $2', [input.orderId, input.lineNo]);
      const refusal = mayReview(factsOf(line), userId, done !== undefined);
      if (refusal) throw refuse(refusal, refusal.code === 'conflict' ? 'lineNo' : 'orderId');
      return line!;
    };
    // Checked before the photos (so someone else's line is a 404 whatever the photos), and again
    // under the order's lock: of two concurrent reviews of a line, the second sees the first.
    await check(this.db, false);
    await this.deps.assertImages(input.imageIds ?? [], userId);
    const id = newId('rev');
    await this.db.tx(async (tx) => {
      const line = await check(tx, true);
      await tx.query(
        `INSERT INTO reviews (id, order_id, line_no, user_id, store_id, product_id, sku_id, title, goods, logistics, service, text, image_ids, anonymous)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
        [id, line.order_id, line.line_no, userId, line.store_id, line.product_id, line.sku_id, line.title, input.goods, input.logistics, input.service, input.text ?? '', input.imageIds ?? [], input.anonymous ?? false],
      );
      const event: ReviewCreatedEvent = { reviewId: id, productId: line.product_id, storeId: line.store_id, orderId: line.order_id, userId, goods: input.goods, logistics: input.logistics, service: input.service };
      await this.bus.publish(tx, 'reviews.review.created', event);
    });
    return this.one(id);
  }

  /** 追评: text and photos added once to the buyer's own review. */
  async followUp(userId: string, reviewId: string, input: FollowUpInput): Promise<Review> {
    const check = async (q: Db | Tx, lock: boolean) => {
      const [r] = await q.query<ReviewRow>(`SELECT * FROM reviews WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [reviewId]);
      const refusal = mayFollowUp(r ? { userId: r.user_id, hasFollowUp: r.follow_up_at !== null, hidden: r.hidden_at !== null } : null, userId);
      if (refusal) throw refuse(refusal, 'reviewId');
    };
    await check(this.db, false);
    await this.deps.assertImages(input.imageIds ?? [], userId);
    await this.db.tx(async (tx) => {
      await check(tx, true);
      await tx.query('UPDATE reviews SET follow_up_text = $2, follow_up_image_ids = $3, follow_up_at = now() WHERE id = $1', [reviewId, input.text, input.imageIds ?? []]);
    });
    return this.one(reviewId);
  }

  /** The store's one reply to a review of its goods. */
  async reply(userId: string, storeId: string, reviewId: string, text: string): Promise<Review> {
    await this.deps.assertStaff(storeId, userId);
    await this.db.tx(async (tx) => {
      const [r] = await tx.query<{ replied_at: Date | null }>('SELECT replied_at FROM reviews WHERE id = $1 AND store_id = $2 FOR UPDATE', [reviewId, storeId]);
      if (!r) throw notFound('Review', 'reviewId');
      if (r.replied_at) throw conflict('The store has already replied to this review', 'reviewId');
      await tx.query('UPDATE reviews SET reply_text = $2, reply_by = $3, replied_at = now() WHERE id = $1', [reviewId, text, userId]);
    });
    return this.one(reviewId);
  }

  /** Moderation: an operator hides a review that breaks the rules; audited, and an event for the scores. */
  async hide(operatorId: string, reviewId: string, reason: string): Promise<Review> {
    await this.db.tx(async (tx) => {
      const [r] = await tx.query<ReviewRow>('SELECT * FROM reviews WHERE id = $1 FOR UPDATE', [reviewId]);
      if (!r) throw notFound('Review', 'reviewId');
      if (r.hidden_at) throw new AppError('invalid_state', 'This review is already hidden', 'reviewId');
      await tx.query('UPDATE reviews SET hidden_reason = $2, hidden_by = $3, hidden_at = now() WHERE id = $1', [reviewId, reason, operatorId]);
      await audit(tx, { actorId: operatorId, action: 'review.hide', subjectType: 'review', subjectId: reviewId, detail: { reason, productId: r.product_id, storeId: r.store_id } });
      const event: ReviewHiddenEvent = { reviewId, productId: r.product_id, storeId: r.store_id, orderId: r.order_id, userId: r.user_id, reason, by: operatorId };
      await this.bus.publish(tx, 'reviews.review.hidden', event);
    });
    return this.one(reviewId);
  }

  /** A product page's visible reviews, newest first, with the summary of all of them. */
  async forProduct(productId: string, f: ProductReviewsFilter): Promise<{ items: PublicReview[]; total: number; limit: number; offset: number; summary: ReviewSummary }> {
    if ((await this.deps.cards([productId])).length === 0) throw notFound('Product', 'productId');
    const where = `product_id = $1 AND hidden_at IS NULL AND ${PRODUCT_FILTERS[f.filter ?? 'all']}`;
    const rows = await this.db.query<ReviewRow>(`SELECT * FROM reviews WHERE ${where} ORDER BY created_at DESC, id DESC LIMIT $2 OFFSET $3`, [productId, f.limit, f.offset]);
    const [{ n } = { n: 0 }] = await this.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM reviews WHERE ${where}`, [productId]);
    return { items: await publicViews(rows, this.deps.names), total: n, limit: f.limit, offset: f.offset, summary: await productSummary(this.db, productId) };
  }

  /** The buyer's own reviews, hidden ones too (marked, with the reason). */
  async mine(userId: string, p: PageArgs): Promise<{ items: Review[]; total: number; limit: number; offset: number }> {
    return this.page('user_id = $1', [userId], p);
  }

  /** A store's reviews for its staff. */
  async forStore(userId: string, storeId: string, f: MerchantReviewsFilter): Promise<{ items: Review[]; total: number; limit: number; offset: number }> {
    await this.deps.assertStaff(storeId, userId);
    const extra = { all: 'TRUE', unreplied: 'replied_at IS NULL AND hidden_at IS NULL', negative: `goods <= ${NEGATIVE_MAX}`, hidden: 'hidden_at IS NOT NULL' }[f.filter ?? 'all'];
    return this.page(`store_id = $1 AND ($2::text IS NULL OR product_id = $2) AND ${extra}`, [storeId, f.productId ?? null], f);
  }

  /** Delivered (or completed) lines of the buyer's that have no review yet, newest delivery first. */
  async reviewable(userId: string, p: PageArgs & { orderId?: string }): Promise<{ items: Reviewable[]; total: number; limit: number; offset: number }> {
    const where = `o.user_id = $1 AND o.status IN ('delivered', 'completed') AND ($2::text IS NULL OR o.order_id = $2)
      AND NOT EXISTS (SELECT 1 FROM reviews r WHERE r.order_id = l.order_id AND r.line_no = l.line_no)`;
    const from = 'FROM reviews_lines l JOIN reviews_orders o USING (order_id)';
    const rows = await this.db.query<{ order_id: string; line_no: number; store_id: string; product_id: string; sku_id: string; title: string; quantity: number; delivered_at: Date | null }>(
      `SELECT l.*, o.store_id, o.delivered_at ${from} WHERE ${where} ORDER BY o.delivered_at DESC NULLS LAST, l.order_id DESC, l.line_no LIMIT $3 OFFSET $4`,
      [userId, p.orderId ?? null, p.limit, p.offset],
    );
    const [{ n } = { n: 0 }] = await this.db.query<{ n: number }>(`SELECT count(*)::int AS n ${from} WHERE ${where}`, [userId, p.orderId ?? null]);
    const cards = new Map((await this.deps.cards([...new Set(rows.map((r) => r.product_id))])).map((c) => [c.id, c]));
    const items = rows.map((r) => ({
      orderId: r.order_id,
      lineNo: r.line_no,
      storeId: r.store_id,
      productId: r.product_id,
      skuId: r.sku_id,
      title: r.title,
      quantity: r.quantity,
      imageUrl: cards.get(r.product_id)?.imageUrl ?? null,
      deliveredAt: r.delivered_at ? new Date(r.delivered_at).toISOString() : null,
    }));
    return { items, total: n, limit: p.limit, offset: p.offset };
  }

  private async page(where: string, args: unknown[], p: PageArgs) {
    const n = args.length;
    const rows = await this.db.query<ReviewRow>(`SELECT * FROM reviews WHERE ${where} ORDER BY created_at DESC, id DESC LIMIT $${n + 1} OFFSET $${n + 2}`, [...args, p.limit, p.offset]);
    const [{ total } = { total: 0 }] = await this.db.query<{ total: number }>(`SELECT count(*)::int AS total FROM reviews WHERE ${where}`, args);
    return { items: await fullViews(rows, this.deps.names), total, limit: p.limit, offset: p.offset };
  }

  private async one(id: string): Promise<Review> {
    const rows = await this.db.query<ReviewRow>('SELECT * FROM reviews WHERE id = $1', [id]);
    if (!rows[0]) throw notFound('Review', 'reviewId');
    return (await fullViews(rows, this.deps.names))[0]!;
  }
}
