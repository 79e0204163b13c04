// Calls of 评价 (api.ts's errors): product pages' reviews, the buyer's reviews and photos, the
// store's list and replies.
import { request, withQuery } from '../api';
import type { Image } from '../types';
import type { MerchantReviewFilter, ProductReviewFilter, ProductReviewsPage, Review, ReviewablePage, ReviewInput, ReviewPage } from '../typesReviews';

const enc = encodeURIComponent;
type Paging = { limit?: number; offset?: number };

export const reviewsApi = {
  forProduct: (productId: string, q: { filter?: ProductReviewFilter } & Paging = {}) => request<ProductReviewsPage>('GET', withQuery(`/api/v1/products/${enc(productId)}/reviews`, { sort: 'newest', ...q })),
  reviewable: (q: { orderId?: string } & Paging = {}) => request<ReviewablePage>('GET', withQuery('/api/v1/me/reviewable', q)),
  mine: (q: Paging = {}) => request<ReviewPage>('GET', withQuery('/api/v1/me/reviews', q)),
  create: (body: ReviewInput) => request<Review>('POST', '/api/v1/reviews', body),
  followUp: (reviewId: string, body: { text: string; imageIds?: string[] }) => request<Review>('POST', `/api/v1/reviews/${enc(reviewId)}/follow-up`, body),
  uploadPhoto: (file: File) => {
    const form = new FormData();
    form.append('file', file);
    return request<Image>('POST', '/api/v1/reviews/photos', form);
  },
  forStore: (storeId: string, q: { filter?: MerchantReviewFilter } & Paging = {}) => request<ReviewPage>('GET', withQuery(`/api/v1/merchant/stores/${enc(storeId)}/reviews`, q)),
  reply: (storeId: string, reviewId: string, text: string) => request<Review>('POST', `/api/v1/merchant/stores/${enc(storeId)}/reviews/${enc(reviewId)}/reply`, { text }),
};
