// Response types of coupons, the checkout quote and after-sales (split from types.ts, which
// re-exports them): the contract test checks them against the server's schemas.
// Coupons (优惠券): templates a store or the platform issues, wallet entries a shopper claimed,
// and the checkout quote that prices a basket with them.

export type CouponStatus = 'scheduled' | 'active' | 'ended';
export type WalletStatus = 'claimed' | 'used' | 'expired';

export interface Coupon {
  id: string;
  title: string;
  funder: 'platform' | 'store';
  scope: 'platform' | 'store' | 'live_room';
  storeId: string | null;
  liveRoomId: string | null;
  kind: 'amount' | 'percent';
  thresholdFen: number;
  amountOffFen: number | null;
  percentOffBps: number | null;
  maxOffFen: number | null;
  startsAt: string;
  endsAt: string;
  totalQuantity: number;
  claimedQuantity: number;
  remaining: number;
  perUserLimit: number;
  status: CouponStatus;
  createdAt: string;
}

export interface UserCoupon {
  id: string;
  couponId: string;
  status: WalletStatus;
  claimedAt: string;
  usedAt: string | null;
  checkoutId: string | null;
  orderIds: string[];
  coupon: Coupon;
}

export interface QuoteLine {
  skuId: string;
  title: string;
  quantity: number;
  unitPriceFen: number;
  lineFen: number;
  storeDiscountFen: number;
  platformDiscountFen: number;
}

export interface Quote {
  goodsFen: number;
  discountFen: number;
  totalFen: number;
  stores: {
    storeId: string;
    goodsFen: number;
    storeDiscountFen: number;
    platformDiscountFen: number;
    payFen: number;
    storeCouponId: string | null;
    lines: QuoteLine[];
  }[];
  platformCouponId: string | null;
  selectedCouponIds: string[];
  coupons: { userCoupon: UserCoupon; selected: boolean; applicable: boolean; reason: string | null; discountFen: number }[];
}

/** A store coupon as a merchant issues it (POST /api/v1/merchant/stores/:storeId/coupons). */
export interface StoreCouponInput {
  title: string;
  kind: 'amount' | 'percent';
  thresholdFen?: number;
  amountOffFen?: number;
  percentOffBps?: number;
  maxOffFen?: number;
  startsAt: string;
  endsAt: string;
  totalQuantity: number;
  perUserLimit: number;
  scope?: 'store' | 'live_room';
  liveRoomId?: string;
}

// After-sales (售后): a buyer's refund or return request on an order.

export type CaseStatus = 'requested' | 'rejected' | 'escalated' | 'awaiting_return' | 'return_shipped' | 'refunding' | 'refunded' | 'closed';
export type CaseType = 'refund_only' | 'return_refund';
export type CaseReason = 'no_reason' | 'quality' | 'wrong_item' | 'not_received' | 'damaged' | 'other';

export interface AfterSalesCase {
  id: string;
  orderId: string;
  storeId: string;
  userId: string;
  type: CaseType;
  status: CaseStatus;
  reason: CaseReason;
  note: string;
  amountFen: number;
  beforeShipping: boolean;
  /** lineNo 0 is the order's shipping charge. */
  lines: { lineNo: number; title: string; imageUrl: string | null; quantity: number; refundFen: number }[];
  replyDeadline: string | null;
  merchantReply: string | null;
  escalateBy: string | null;
  escalation: { note: string; at: string } | null;
  decision: { approve: boolean; note: string; at: string } | null;
  returnDue: string | null;
  returnShipment: { carrier: string; trackingNo: string; shippedAt: string; receivedAt: string | null } | null;
  postage: { claimedFen: number; paidFen: number };
  refund: { status: 'none' | 'pending' | 'succeeded'; fast: boolean; issuedAt: string | null; succeededAt: string | null };
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  history: { from: string | null; to: string; action: string; actor: string; note: string; at: string }[];
}

/** POST /api/v1/orders/:orderId/after-sales */
export interface CaseInput {
  type: CaseType;
  reason: CaseReason;
  note?: string;
  lines?: { lineNo: number; quantity: number }[];
  amountFen?: number;
}
