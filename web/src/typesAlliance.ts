// 精选联盟 (alliance): stores' commission plans and the applications to them, the creators' market
// (选品广场) and showcase (橱窗), and the creators' commissions, earnings and withdrawals. Rates
// are basis points (100 = 1%); money is integer fen. Checked against the server's schemas by
// test/contract.ts.
import type { ProductCard } from './typesVideo.js';

export type PlanKind = 'open' | 'targeted' | 'exclusive';
export type PlanStatus = 'active' | 'ended';

export interface Plan {
  id: string;
  productId: string;
  storeId: string;
  kind: PlanKind;
  /** The named creator of a targeted or exclusive plan; null for an open plan. */
  creatorId: string | null;
  /** The rate in force now. */
  rateBps: number;
  /** A cut announced but not yet in force. */
  pendingRate: { rateBps: number; effectiveAt: string } | null;
  approvalRequired: boolean;
  freeSamples: boolean;
  flatFeeFen: number;
  status: PlanStatus;
  createdAt: string;
  endedAt: string | null;
}

export interface PlanInput {
  productId: string;
  kind: PlanKind;
  rateBps: number;
  creatorId?: string;
  approvalRequired?: boolean;
  freeSamples?: boolean;
  flatFeeFen?: number;
}

export interface PlanPatch {
  rateBps?: number;
  approvalRequired?: boolean;
  freeSamples?: boolean;
  flatFeeFen?: number;
}

/** A list page of the merchant API (items, total, and the page asked for). */
export interface OffsetPage<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export type PlanPage = OffsetPage<Plan>;

export type ApplicationStatus = 'pending' | 'approved' | 'rejected';

export interface Application {
  id: string;
  planId: string;
  productId: string;
  storeId: string;
  creatorId: string;
  status: ApplicationStatus;
  note: string;
  createdAt: string;
  decidedAt: string | null;
  reason: string | null;
}

export type ApplicationPage = OffsetPage<Application>;

/** What the creator earns on a product now, by the plan that gives the most. */
export interface MyRate {
  planId: string;
  kind: PlanKind;
  rateBps: number;
  flatFeeFen: number;
}

export interface ShowcaseItem {
  productId: string;
  addedAt: string;
  card: ProductCard | null;
  /** Null when no plan lets me earn on it any more (ended, or a cut to none): it stays listed. */
  myRate: MyRate | null;
}

export type ShowcasePage = OffsetPage<ShowcaseItem>;

export type MarketSort = 'rate' | 'sales' | 'price';

export type MarketQuery = {
  q?: string;
  categoryId?: string;
  sort?: MarketSort;
  page?: number;
  limit?: number;
};

export interface MarketItem {
  productId: string;
  storeId: string;
  categoryId: string;
  card: ProductCard | null;
  minPriceFen: number;
  soldUnits: number;
  /** The best rate on offer to me: open plans (approved or not) and plans naming me. */
  rateBps: number;
  /** The open plan, if any, and where I stand with it. */
  openPlan: { planId: string; rateBps: number; approvalRequired: boolean; freeSamples: boolean; myApplication: ApplicationStatus | null } | null;
  /** The plan I earn by now if I sell it (null while approval is pending). */
  myRate: MyRate | null;
  inShowcase: boolean;
  /** 商家体验分: filled in by the experience module (later). */
  experienceScore: null;
}

export interface MarketPage {
  items: MarketItem[];
  page: number;
  limit: number;
  hasMore: boolean;
}

// Commissions and attribution (the creator's money).

export type ContentType = 'feed_video' | 'live_room' | 'showcase';
export type CommissionStatus = 'unpaid' | 'pending' | 'withheld' | 'settled' | 'reversed' | 'cancelled';
export type CommissionFlag = 'self_purchase' | 'shared_address' | 'shared_device';

export interface Earnings {
  /** Accrued on paid orders, settling when their return windows close. */
  pendingFen: number;
  /** Settled and not withdrawn: what a withdrawal may take. */
  availableFen: number;
  /** On sales flagged as suspect (never paid unless cleared). */
  withheldFen: number;
  /** Paid out, or on its way. */
  withdrawnFen: number;
  byContent: { contentType: ContentType; contentId: string; orders: number; commissionFen: number }[];
}

/** One per order line a creator's content sold. */
export interface Commission {
  id: string;
  orderId: string;
  storeId: string;
  productId: string;
  title: string;
  creatorId: string;
  contentType: ContentType;
  contentId: string;
  planId: string;
  rateBps: number;
  flatFeeFen: number;
  /** What the shopper paid for the line, after coupons. */
  paidFen: number;
  /** The part of it kept after refunds: the commission's base. */
  baseFen: number;
  commissionFen: number;
  /** The platform's service fee, taken at settlement. */
  serviceFeeFen: number;
  status: CommissionStatus;
  /** Why a sale is withheld: the creator bought it, or it ships where the creator's parcels go. */
  flag: CommissionFlag | null;
  settleAt: string | null;
  settledAt: string | null;
  createdAt: string;
}

export type CommissionPage = OffsetPage<Commission>;

export type WithdrawalStatus = 'processing' | 'paid' | 'failed';

export interface Withdrawal {
  id: string;
  amountFen: number;
  status: WithdrawalStatus;
  failureReason: string | null;
  createdAt: string;
  finishedAt: string | null;
}

export type WithdrawalPage = OffsetPage<Withdrawal>;

/** The least one withdrawal may take (1 元). */
export const MIN_WITHDRAWAL_FEN = 100;

/** Sales through creators at my store, by creator. */
export interface CreatorSales {
  creatorId: string;
  creatorName: string | null;
  orders: number;
  /** Sales the creator brought, after refunds. */
  baseFen: number;
  /** Commission owed or paid on them (pending and settled). */
  commissionFen: number;
}

export type CreatorSalesPage = OffsetPage<CreatorSales>;
