// Compile-time contract between the web app and the API: the web app's hand-written response
// types must be exactly what the server's route schemas produce (and so what OpenAPI says).
// `npm test` type-checks this file, so drift on either side fails the run.
import type { Static } from '@sinclair/typebox';
import type { CategorySchema, ProductCardSchema, ProductSchema, SkuSchema, StoreSummarySchema } from '../src/modules/catalog/schemas.ts';
import type { VideoInputSchema, VideoPageSchema, VideoPatchSchema, VideoSchema } from '../src/modules/content/schemas.ts';
import type { CommentPageSchema, CommentSchema, CreatorSchema, FollowedCreatorsSchema, FollowResultSchema } from '../src/modules/content/social-schemas.ts';
import type { CartSchema, CheckoutResultSchema, OrderSchema } from '../src/modules/commerce/schemas.ts';
import type { AddressSchema } from '../src/modules/identity/addresses.ts';
import type { UserSchema } from '../src/modules/identity/schemas.ts';
import type { CarrierSchema } from '../src/modules/logistics/routes.ts';
import type { ShippingAddressSchema } from '../src/modules/commerce/order-address.ts';
import type { StatementSchema } from '../src/modules/ledger/routes.ts';
import type { CaseSchema, CreateCaseBody } from '../src/modules/commerce/after-sales/schemas.ts';
import type { CouponSchema, QuoteSchema, StoreCouponBody, UserCouponSchema } from '../src/modules/commerce/coupon-schemas.ts';
import type { HostRoomSchema, RoomSchema, RoomStateSchema } from '../src/modules/live/schemas.ts';
import type { DistributionSettingsSchema, DistributionViewSchema, RetrainResultSchema, FeedEntrySchema, FeedPageSchema, GoodsPageSchema, PoolStatusSchema, ReasonSchema } from '../src/modules/feed/feed-schemas.ts';
import type { ClientEventSchema, IngestResultSchema, eventBatchSchema } from '../src/modules/feed/schemas.ts';
import type { Problem as ServerProblem } from '../src/platform/http/problems.ts';
import type * as Web from '../web/src/types.ts';

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const agree = <T extends true>(): T | undefined => undefined;

agree<Same<Web.User, Static<typeof UserSchema>>>();
agree<Same<Web.Store, Static<typeof StoreSummarySchema>>>();
agree<Same<Web.Product, Static<typeof ProductSchema>>>();
agree<Same<Web.Sku, Static<typeof SkuSchema>>>();
agree<Same<Web.Category, Static<typeof CategorySchema>>>();
agree<Same<Omit<Web.Problem, 'code'>, Omit<ServerProblem, 'code'>>>();

agree<Same<Web.Order, Static<typeof OrderSchema>>>();
agree<Same<Web.Carrier, Static<typeof CarrierSchema>>>();
agree<Same<Web.ShippingAddress, Static<typeof ShippingAddressSchema>>>();
agree<Same<Web.Address, Static<typeof AddressSchema>>>();
agree<Same<Web.Cart, Static<typeof CartSchema>>>();
agree<Same<Web.CheckoutResult, Static<typeof CheckoutResultSchema>>>();
agree<Same<Web.Statement, Static<typeof StatementSchema>>>();
agree<Same<Web.Coupon, Static<typeof CouponSchema>>>();
agree<Same<Web.UserCoupon, Static<typeof UserCouponSchema>>>();
agree<Same<Web.Quote, Static<typeof QuoteSchema>>>();
agree<Same<Web.StoreCouponInput, Static<typeof StoreCouponBody>>>();
agree<Same<Web.AfterSalesCase, Static<typeof CaseSchema>>>();
agree<Same<Web.CaseInput, Static<typeof CreateCaseBody>>>();
agree<Same<Web.ProductCard, Static<typeof ProductCardSchema>>>();
agree<Same<Web.Video, Static<typeof VideoSchema>>>();
agree<Same<Web.VideoPage, Static<typeof VideoPageSchema>>>();
agree<Same<Web.VideoInput, Static<typeof VideoInputSchema>>>();
agree<Same<Web.VideoPatch, Static<typeof VideoPatchSchema>>>();
agree<Same<Web.VideoComment, Static<typeof CommentSchema>>>();
agree<Same<Web.CommentPage, Static<typeof CommentPageSchema>>>();
agree<Same<Web.Creator, Static<typeof CreatorSchema>>>();
agree<Same<Web.FollowedCreators, Static<typeof FollowedCreatorsSchema>>>();
agree<Same<Web.FollowResult, Static<typeof FollowResultSchema>>>();
agree<Same<Web.Room, Static<typeof RoomSchema>>>();
agree<Same<Web.HostRoom, Static<typeof HostRoomSchema>>>();
agree<Same<Web.RoomState, Static<typeof RoomStateSchema>>>();
agree<Same<Web.FeedReason, Static<typeof ReasonSchema>>>();
agree<Same<Web.FeedEntry, Static<typeof FeedEntrySchema>>>();
agree<Same<Web.FeedPage, Static<typeof FeedPageSchema>>>();
agree<Same<Web.GoodsPage, Static<typeof GoodsPageSchema>>>();
agree<Same<Web.PoolStatus, Static<typeof PoolStatusSchema>>>();
agree<Same<Web.DistributionSettings, Static<typeof DistributionSettingsSchema>>>();
agree<Same<Web.DistributionView, Static<typeof DistributionViewSchema>>>();
agree<Same<Web.RetrainResult, Static<typeof RetrainResultSchema>>>();
agree<Same<Web.FeedEvent, Static<typeof ClientEventSchema>>>();
agree<Same<Web.FeedEventBatch, Static<ReturnType<typeof eventBatchSchema>>>>();
agree<Same<Web.IngestResult, Static<typeof IngestResultSchema>>>();
agree<Same<Web.RelatedGoods, { items: Static<typeof ProductCardSchema>[] }>>();
