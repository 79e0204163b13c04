// Coupon routes: stores and operators issue coupons, shoppers claim them into their wallet and
// see, before paying, what their coupons would take off (the quote).
import { requirePrincipal } from '../../platform/http/access.ts';
import { Id, Strict } from '../../platform/http/schemas.ts';
import type { App } from '../../platform/http/server.ts';
import { CouponListQuery, CouponPage, CouponSchema, PlatformCouponBody, QuoteSchema, StoreCouponBody, UserCouponSchema, WalletPage, WalletQuery } from './coupon-schemas.ts';
import type { CouponWallet } from './coupon-wallet.ts';
import type { CouponService } from './coupons.ts';
import type { QuoteService } from './quote.ts';
import { CheckoutBody } from './schemas.ts';

const merchant = { access: ['merchant'] as const };
const operator = { access: ['operator'] as const };
const StoreParams = Strict({ storeId: Id() });

export function couponRoutes(app: App, coupons: CouponService, wallet: CouponWallet, quotes: QuoteService): void {
  app.post(
    '/api/v1/checkout/quote',
    {
      config: { access: 'user' },
      schema: { tags: ['commerce'], summary: 'Price a checkout without buying: discounts, my applicable coupons, the best combination pre-selected', body: CheckoutBody, response: { 200: QuoteSchema } },
    },
    async (req) => quotes.quote(requirePrincipal(req).userId, req.body),
  );

  app.post(
    '/api/v1/merchant/stores/:storeId/coupons',
    { config: merchant, schema: { tags: ['merchant'], summary: 'Issue a store coupon (store-funded; for the whole store or one live room)', params: StoreParams, body: StoreCouponBody, response: { 201: CouponSchema } } },
    async (req, reply) => reply.status(201).send(await coupons.createForStore(requirePrincipal(req).userId, req.params.storeId, req.body)),
  );

  app.get(
    '/api/v1/merchant/stores/:storeId/coupons',
    { config: merchant, schema: { tags: ['merchant'], summary: "My store's coupons, newest first", params: StoreParams, querystring: CouponListQuery, response: { 200: CouponPage } } },
    async (req) => coupons.listForStore(req.params.storeId, requirePrincipal(req).userId, req.query),
  );

  app.post(
    '/api/v1/merchant/stores/:storeId/coupons/:couponId/end',
    {
      config: merchant,
      schema: { tags: ['merchant'], summary: 'Stop a store coupon from being claimed (copies already claimed stay usable in their window)', params: Strict({ storeId: Id(), couponId: Id() }), response: { 200: CouponSchema } },
    },
    async (req) => coupons.end(req.params.storeId, req.params.couponId, requirePrincipal(req).userId),
  );

  app.post(
    '/api/v1/ops/coupons',
    { config: operator, schema: { tags: ['ops'], summary: 'Issue a platform-funded coupon (any store, or a subsidy for one store or live room)', body: PlatformCouponBody, response: { 201: CouponSchema } } },
    async (req, reply) => reply.status(201).send(await coupons.createForPlatform(requirePrincipal(req).userId, req.body)),
  );

  app.post(
    '/api/v1/ops/coupons/:couponId/end',
    {
      config: operator,
      schema: { tags: ['ops'], summary: 'Stop a platform coupon from being claimed (copies already claimed stay usable in their window)', params: Strict({ couponId: Id() }), response: { 200: CouponSchema } },
    },
    async (req) => coupons.endPlatform(req.params.couponId),
  );

  app.get('/api/v1/ops/coupons', { config: operator, schema: { tags: ['ops'], summary: 'Platform-funded coupons, newest first', querystring: CouponListQuery, response: { 200: CouponPage } } }, async (req) =>
    coupons.listPlatform(req.query),
  );

  app.get(
    '/api/v1/stores/:storeId/coupons',
    { config: { access: 'public' }, schema: { tags: ['commerce'], summary: "A store's coupons that can be claimed now, smallest threshold first", params: StoreParams, querystring: CouponListQuery, response: { 200: CouponPage } } },
    async (req) => coupons.claimable(req.params.storeId, req.query),
  );

  app.post(
    '/api/v1/coupons/:couponId/claim',
    {
      config: { access: 'user' },
      schema: {
        tags: ['commerce'],
        summary: 'Claim a copy into my wallet (201); at my limit, my latest copy is returned and nothing changes (200)',
        params: Strict({ couponId: Id() }),
        response: { 200: UserCouponSchema, 201: UserCouponSchema },
      },
    },
    async (req, reply) => {
      const { userCoupon, created } = await wallet.claim(requirePrincipal(req).userId, req.params.couponId);
      return reply.status(created ? 201 : 200).send(userCoupon);
    },
  );

  app.get('/api/v1/me/coupons', { config: { access: 'user' }, schema: { tags: ['commerce'], summary: 'My coupon wallet, newest first', querystring: WalletQuery, response: { 200: WalletPage } } }, async (req) =>
    wallet.list(requirePrincipal(req).userId, req.query),
  );
}
