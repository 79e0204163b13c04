// The platform's services as the composition root (main.ts) hands them out: what tests, the CLI and
// the demo world reach the modules through.
import type { Alliance } from './modules/alliance/module.ts';
import type { Campaigns } from './modules/campaigns/module.ts';
import type { Care } from './modules/care/module.ts';
import type { BestSellers } from './modules/catalog/bestsellers.ts';
import type { ProductCards } from './modules/catalog/cards.ts';
import type { CategoryService } from './modules/catalog/categories.ts';
import type { ProductService } from './modules/catalog/products.ts';
import type { StoreService } from './modules/catalog/stores.ts';
import type { CompensationService } from './modules/commerce/after-sales/compensation.ts';
import type { AfterSalesService } from './modules/commerce/after-sales/service.ts';
import type { CartService } from './modules/commerce/cart.ts';
import type { CheckoutService } from './modules/commerce/checkout.ts';
import type { CouponWallet } from './modules/commerce/coupon-wallet.ts';
import type { CouponService } from './modules/commerce/coupons.ts';
import type { FlashSaleService } from './modules/commerce/flash-sales.ts';
import type { FulfilmentService } from './modules/commerce/fulfilment.ts';
import type { OrderService } from './modules/commerce/orders.ts';
import type { VideoComments } from './modules/content/comments.ts';
import type { CreatorService } from './modules/content/creators.ts';
import type { VideoEngagement } from './modules/content/engagement.ts';
import type { Transcoder } from './modules/content/transcoder.ts';
import type { VideoUploads } from './modules/content/upload.ts';
import type { VideoService } from './modules/content/videos.ts';
import type { Experience } from './modules/experience/module.ts';
import type { Insights } from './modules/insights/module.ts';
import type { FeedEvents } from './modules/feed/events.ts';
import type { FeedHost } from './modules/feed/host.ts';
import type { StoreReach } from './modules/feed/reach.ts';
import type { CampaignReach } from './modules/feed/campaign-reach.ts';
import type { FeedService } from './modules/feed/service.ts';
import type { Governance } from './modules/governance/module.ts';
import type { AddressBook } from './modules/identity/addresses.ts';
import type { IdentityService } from './modules/identity/service.ts';
import type { LedgerService } from './modules/ledger/service.ts';
import type { Live } from './modules/live/live.ts';
import type { SandboxCarrier } from './modules/logistics/sandbox/carrier.ts';
import type { LogisticsService } from './modules/logistics/service.ts';
import type { MediaService } from './modules/media/service.ts';
import type { SandboxPayoutBank } from './modules/payments/payouts/sandbox.ts';
import type { PayoutService } from './modules/payments/payouts/service.ts';
import type { SandboxPsp } from './modules/payments/sandbox/psp.ts';
import type { PaymentService } from './modules/payments/service.ts';
import type { Reviews } from './modules/reviews/module.ts';
import type { Search } from './modules/search/module.ts';

export interface Services {
  identity: IdentityService;
  addresses: AddressBook;
  media: MediaService;
  stores: StoreService;
  products: ProductService;
  categories: CategoryService;
  payments: PaymentService;
  /** The built-in sandbox payment provider's own side (its pay page API, its webhooks). */
  sandboxPsp: SandboxPsp;
  /** 提现打款: payouts to creators through the payout provider. */
  payouts: PayoutService;
  /** The built-in sandbox payout bank's own side (its transfers, its webhooks). */
  sandboxPayoutBank: SandboxPayoutBank;
  ledger: LedgerService;
  cart: CartService;
  checkout: CheckoutService;
  orders: OrderService;
  flashSales: FlashSaleService;
  coupons: CouponService;
  couponWallet: CouponWallet;
  logistics: LogisticsService;
  /** The built-in sandbox carrier's own side (parcels, their scans, its webhooks). */
  sandboxCarrier: SandboxCarrier;
  fulfilment: FulfilmentService;
  afterSales: AfterSalesService;
  compensations: CompensationService;
  productCards: ProductCards;
  /** 热卖榜: best sellers per category, cached in memory for a minute. */
  bestSellers: BestSellers;
  videos: VideoService;
  videoUploads: VideoUploads;
  transcoder: Transcoder;
  engagement: VideoEngagement;
  /** Following creators (authors of videos, hosts of live rooms). */
  creators: CreatorService;
  comments: VideoComments;
  live: Live;
  /** Behaviour events (the distribution engine's input): client batches in, the log read with `since`. */
  feedEvents: FeedEvents;
  /** The distribution engine in this process, and the feed built on it. */
  feedHost: FeedHost;
  feed: FeedService;
  /** Search over goods, videos, stores and creators (the engine, its feeding, the query log). */
  search: Search;
  /** 精选联盟: commission plans, creators' showcases, the product market. */
  alliance: Alliance;
  /** 评价: reviews of delivered order lines, follow-ups, store replies, moderation. */
  reviews: Reviews;
  /** 客服: tickets, chat, routing, SLA, agents' authority over compensation. */
  care: Care;
  /** NPS: transactional surveys after deliveries and closed tickets, and the NPS reports. */
  experience: Experience;
  /** 治理: reports, the operators' queue, penalties and appeals, the alliance gate. */
  governance: Governance;
  /** A store's reach (experience score × penalties) in the feed engines and search. */
  reach: StoreReach;
  /** 平台活动 and 扶持计划: campaigns, goods enrolled in them, their results. */
  campaigns: Campaigns;
  /** Dashboards: stores', content's, creators' and the platform's figures. */
  insights: Insights;
  /** Campaign goods' reach boosts in the feed engines and search. */
  campaignReach: CampaignReach;
}
