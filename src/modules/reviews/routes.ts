// Review routes: buyers write, follow up and list their reviews (and what they may still
// review); product pages read them with a summary; stores reply; operators hide.
import { Type } from '@sinclair/typebox';
import { AppError } from '../../platform/errors.ts';
import { requirePrincipal } from '../../platform/http/access.ts';
import { Id, PageQuery, Strict } from '../../platform/http/schemas.ts';
import type { App } from '../../platform/http/server.ts';
import type { ImageInfo } from '../media/service.ts';
import { PHOTO_MAX_BYTES } from './rules.ts';
import {
  CreateReviewBody, FollowUpBody, HideBody, MerchantReviewsQuery, ProductReviewsPage, ProductReviewsQuery, ReplyBody, ReviewablePage, ReviewableQuery, ReviewPage, ReviewSchema,
} from './schemas.ts';
import type { ReviewService } from './service.ts';

const tags = ['reviews'];
const signedIn = { access: 'user' as const };
const PhotoSchema = Type.Object({ id: Type.String(), url: Type.String(), thumbUrl: Type.String(), width: Type.Integer(), height: Type.Integer() });

/** Media's upload, for buyers: shoppers may not use POST /api/v1/images (goods images are for stores). */
export type Upload = (data: Buffer, userId: string) => Promise<ImageInfo>;

export function reviewRoutes(app: App, reviews: ReviewService, upload: Upload): void {
  app.post(
    '/api/v1/reviews/photos',
    { config: signedIn, schema: { tags, summary: `Upload a review photo (multipart field "file", at most ${PHOTO_MAX_BYTES / 1024 / 1024} MiB); its id goes in imageIds`, consumes: ['multipart/form-data'], response: { 201: PhotoSchema } } },
    async (req, reply) => {
      if (!req.isMultipart()) throw new AppError('unsupported_media_type', 'Send the photo as multipart/form-data', 'file');
      let data: Buffer | null = null;
      for await (const part of req.parts()) {
        if (part.type !== 'file' || part.fieldname !== 'file' || data) throw new AppError('validation_failed', 'unknown field', part.fieldname, [{ field: part.fieldname, message: 'unknown field' }]);
        data = await part.toBuffer();
        if (part.file.truncated || data.length > PHOTO_MAX_BYTES) throw new AppError('payload_too_large', 'The photo is too large', 'file');
      }
      if (!data) throw new AppError('validation_failed', 'The multipart field "file" is required', 'file');
      return reply.status(201).send(await upload(data, requirePrincipal(req).userId));
    },
  );
  app.post(
    '/api/v1/reviews',
    { config: signedIn, schema: { tags, summary: 'Review a delivered order line of mine, once: goods, logistics and service stars, text, photos, anonymous', body: CreateReviewBody, response: { 201: ReviewSchema } } },
    async (req, reply) => reply.status(201).send(await reviews.create(requirePrincipal(req).userId, req.body)),
  );
  app.post(
    '/api/v1/reviews/:reviewId/follow-up',
    { config: signedIn, schema: { tags, summary: '追评: add text and photos to my review, once', params: Strict({ reviewId: Id() }), body: FollowUpBody, response: { 200: ReviewSchema } } },
    async (req) => reviews.followUp(requirePrincipal(req).userId, req.params.reviewId, req.body),
  );
  app.get(
    '/api/v1/me/reviews',
    { config: signedIn, schema: { tags, summary: 'My reviews, newest first (hidden ones marked, with the reason)', querystring: Strict(PageQuery), response: { 200: ReviewPage } } },
    async (req) => reviews.mine(requirePrincipal(req).userId, req.query),
  );
  app.get(
    '/api/v1/me/reviewable',
    { config: signedIn, schema: { tags, summary: 'My delivered order lines not reviewed yet (optionally of one order)', querystring: ReviewableQuery, response: { 200: ReviewablePage } } },
    async (req) => reviews.reviewable(requirePrincipal(req).userId, req.query),
  );
  app.get(
    '/api/v1/products/:productId/reviews',
    { config: { access: 'public' }, schema: { tags, summary: 'A product’s reviews, newest first, with the summary (average goods stars, distribution, with photos, negative)', params: Strict({ productId: Id() }), querystring: ProductReviewsQuery, response: { 200: ProductReviewsPage } } },
    async (req) => reviews.forProduct(req.params.productId, req.query),
  );
  app.get(
    '/api/v1/merchant/stores/:storeId/reviews',
    { config: { access: ['merchant'] }, schema: { tags, summary: 'My store’s reviews, newest first (all, unreplied, negative, hidden; one product)', params: Strict({ storeId: Id() }), querystring: MerchantReviewsQuery, response: { 200: ReviewPage } } },
    async (req) => reviews.forStore(requirePrincipal(req).userId, req.params.storeId, req.query),
  );
  app.post(
    '/api/v1/merchant/stores/:storeId/reviews/:reviewId/reply',
    { config: { access: ['merchant'] }, schema: { tags, summary: 'Reply to a review of my store’s goods, once', params: Strict({ storeId: Id(), reviewId: Id() }), body: ReplyBody, response: { 200: ReviewSchema } } },
    async (req) => reviews.reply(requirePrincipal(req).userId, req.params.storeId, req.params.reviewId, req.body.text),
  );
  app.post(
    '/api/v1/ops/reviews/:reviewId/hide',
    { config: { access: ['operator'] }, schema: { tags, summary: 'Hide a review that breaks the rules, with a reason (audited); the buyer still sees it, marked', params: Strict({ reviewId: Id() }), body: HideBody, response: { 200: ReviewSchema } } },
    async (req) => reviews.hide(requirePrincipal(req).userId, req.params.reviewId, req.body.reason),
  );
}
