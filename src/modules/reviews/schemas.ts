// Route schemas of reviews (评价): what buyers send and what product pages, buyers, stores and
// operators get back.
import { Type, type Static } from '@sinclair/typebox';
import { Id, Page, PageQuery, Strict } from '../../platform/http/schemas.ts';
import { MAX_PHOTOS, MAX_TEXT } from './rules.ts';

const Rating = (what: string) => Type.Integer({ minimum: 1, maximum: 5, description: `${what} rating, 1–5 stars` });
const ImageIds = Type.Array(Id(), { maxItems: MAX_PHOTOS, uniqueItems: true, description: `Up to ${MAX_PHOTOS} photos uploaded with POST /api/v1/reviews/photos` });

export const CreateReviewBody = Strict({
  orderId: Id(),
  lineNo: Type.Integer({ minimum: 1, maximum: 1000 }),
  goods: Rating('Goods'),
  logistics: Rating('Logistics'),
  service: Rating('Service'),
  text: Type.Optional(Type.String({ maxLength: MAX_TEXT })),
  imageIds: Type.Optional(ImageIds),
  anonymous: Type.Optional(Type.Boolean({ description: 'Shown as 匿名用户' })),
});
export type CreateReviewInput = Static<typeof CreateReviewBody>;

export const FollowUpBody = Strict({ text: Type.String({ minLength: 1, maxLength: MAX_TEXT }), imageIds: Type.Optional(ImageIds) });
export type FollowUpInput = Static<typeof FollowUpBody>;
export const ReplyBody = Strict({ text: Type.String({ minLength: 1, maxLength: MAX_TEXT }) });
export const HideBody = Strict({ reason: Type.String({ minLength: 1, maxLength: 200 }) });

export const PhotoSchema = Type.Object({ id: Type.String(), url: Type.String(), thumbUrl: Type.String() });
const FollowUp = Type.Union([Type.Object({ text: Type.String(), photos: Type.Array(PhotoSchema), at: Type.String() }), Type.Null()]);
const Reply = Type.Union([Type.Object({ text: Type.String(), at: Type.String() }), Type.Null()]);

/** A review as a product page shows it: no order, no buyer id. */
const publicFields = {
  id: Type.String(),
  productId: Type.String(),
  /** The masked display name (张*), or 匿名用户. */
  buyerName: Type.String(),
  goods: Type.Integer(),
  logistics: Type.Integer(),
  service: Type.Integer(),
  text: Type.String(),
  photos: Type.Array(PhotoSchema),
  followUp: FollowUp,
  reply: Reply,
  createdAt: Type.String(),
};
export const PublicReviewSchema = Type.Object(publicFields);
export type PublicReview = Static<typeof PublicReviewSchema>;

/** A review as its writer, the store and operators see it: with the order line and moderation. */
export const ReviewSchema = Type.Object({
  ...publicFields,
  orderId: Type.String(),
  lineNo: Type.Integer(),
  storeId: Type.String(),
  title: Type.String(),
  anonymous: Type.Boolean(),
  hidden: Type.Union([Type.Object({ reason: Type.String(), at: Type.String() }), Type.Null()]),
});
export type Review = Static<typeof ReviewSchema>;

export const SummarySchema = Type.Object({
  count: Type.Integer(),
  average: Type.Number({ description: 'Average goods rating, one decimal' }),
  distribution: Type.Array(Type.Integer(), { description: 'Reviews with 1, 2, 3, 4 and 5 goods stars' }),
  withPhotos: Type.Integer(),
  negative: Type.Integer({ description: 'Goods rating ≤ 2' }),
  followUps: Type.Integer(),
});
export type ReviewSummary = Static<typeof SummarySchema>;

export const ProductReviewsQuery = Strict({
  filter: Type.Optional(Type.Union([Type.Literal('all'), Type.Literal('photos'), Type.Literal('negative'), Type.Literal('followup')], { default: 'all' })),
  sort: Type.Optional(Type.Literal('newest')),
  ...PageQuery,
});
export type ProductReviewsFilter = Static<typeof ProductReviewsQuery>;
export const ProductReviewsPage = Type.Object({ items: Type.Array(PublicReviewSchema), total: Type.Integer(), limit: Type.Integer(), offset: Type.Integer(), summary: SummarySchema });

export const MerchantReviewsQuery = Strict({
  filter: Type.Optional(Type.Union([Type.Literal('all'), Type.Literal('unreplied'), Type.Literal('negative'), Type.Literal('hidden')], { default: 'all' })),
  productId: Type.Optional(Id()),
  ...PageQuery,
});
export type MerchantReviewsFilter = Static<typeof MerchantReviewsQuery>;
export const ReviewPage = Page(ReviewSchema);

export const ReviewableSchema = Type.Object({
  orderId: Type.String(),
  lineNo: Type.Integer(),
  storeId: Type.String(),
  productId: Type.String(),
  skuId: Type.String(),
  title: Type.String(),
  quantity: Type.Integer(),
  imageUrl: Type.Union([Type.String(), Type.Null()]),
  deliveredAt: Type.Union([Type.String(), Type.Null()]),
});
export type Reviewable = Static<typeof ReviewableSchema>;
export const ReviewablePage = Page(ReviewableSchema);
export const ReviewableQuery = Strict({ orderId: Type.Optional(Id()), ...PageQuery });
