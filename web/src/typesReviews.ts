// 评价 (reviews): what product pages, buyers and stores get back from the reviews API. Checked
// against the server's schemas by test/contract.ts.
export interface ReviewPhoto {
  id: string;
  url: string;
  thumbUrl: string;
}

export interface PublicReview {
  id: string;
  productId: string;
  /** The masked display name (张*), or 匿名用户. */
  buyerName: string;
  goods: number;
  logistics: number;
  service: number;
  text: string;
  photos: ReviewPhoto[];
  followUp: { text: string; photos: ReviewPhoto[]; at: string } | null;
  reply: { text: string; at: string } | null;
  createdAt: string;
}

/** The writer's, the store's and operators' view: with the order line and moderation. */
export interface Review extends PublicReview {
  orderId: string;
  lineNo: number;
  storeId: string;
  title: string;
  anonymous: boolean;
  hidden: { reason: string; at: string } | null;
}

export interface ReviewSummary {
  count: number;
  average: number;
  /** Reviews with 1, 2, 3, 4 and 5 goods stars. */
  distribution: number[];
  withPhotos: number;
  negative: number;
  followUps: number;
}

export type ProductReviewFilter = 'all' | 'photos' | 'negative' | 'followup';
export type MerchantReviewFilter = 'all' | 'unreplied' | 'negative' | 'hidden';

export interface ProductReviewsPage {
  items: PublicReview[];
  total: number;
  limit: number;
  offset: number;
  summary: ReviewSummary;
}

export interface ReviewPage {
  items: Review[];
  total: number;
  limit: number;
  offset: number;
}

export interface Reviewable {
  orderId: string;
  lineNo: number;
  storeId: string;
  productId: string;
  skuId: string;
  title: string;
  quantity: number;
  imageUrl: string | null;
  deliveredAt: string | null;
}

export interface ReviewablePage {
  items: Reviewable[];
  total: number;
  limit: number;
  offset: number;
}

export interface ReviewInput {
  orderId: string;
  lineNo: number;
  goods: number;
  logistics: number;
  service: number;
  text?: string;
  imageIds?: string[];
  anonymous?: boolean;
}
