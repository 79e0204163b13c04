// Coupon schemas: request bodies, responses (coupon templates, wallet entries, quotes). Kept apart
// from schemas.ts so that coupons can change without touching the order and cart contracts.
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { Id, PageQuery, Strict } from '../../platform/http/schemas.ts';

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const OffFen = (description: string) => Type.Integer({ minimum: 1, maximum: 10_000_000_000, description });

export const COUPON_STATUSES = ['scheduled', 'active', 'ended'] as const;
export const WALLET_STATUSES = ['claimed', 'used', 'expired'] as const;

export const CouponSchema = Type.Object({
  id: Type.String(),
  title: Type.String(),
  funder: Type.Union([Type.Literal('platform'), Type.Literal('store')], { description: 'Who pays for the discount' }),
  scope: Type.Union([Type.Literal('platform'), Type.Literal('store'), Type.Literal('live_room')], { description: 'Which goods it may touch' }),
  storeId: Nullable(Type.String()),
  liveRoomId: Nullable(Type.String()),
  kind: Type.Union([Type.Literal('amount'), Type.Literal('percent')]),
  thresholdFen: Type.Integer({ description: '满X: goods needed (0 = no threshold)' }),
  amountOffFen: Nullable(Type.Integer({ description: '减Y, for kind amount' })),
  percentOffBps: Nullable(Type.Integer({ description: 'For kind percent: 2000 = 20% off (8折)' })),
  maxOffFen: Nullable(Type.Integer({ description: 'For kind percent: at most this much off' })),
  startsAt: Type.String(),
  endsAt: Type.String(),
  totalQuantity: Type.Integer(),
  claimedQuantity: Type.Integer(),
  remaining: Type.Integer(),
  perUserLimit: Type.Integer(),
  status: Type.Union(COUPON_STATUSES.map((s) => Type.Literal(s)), { description: 'scheduled: not yet claimable; ended: window over or ended by its issuer' }),
  createdAt: Type.String(),
});
export type Coupon = Static<typeof CouponSchema>;
export const CouponPage = Type.Object({ items: Type.Array(CouponSchema), total: Type.Integer() });

export const UserCouponSchema = Type.Object({
  id: Type.String({ description: 'The wallet entry: what checkout takes in couponIds' }),
  couponId: Type.String(),
  status: Type.Union(WALLET_STATUSES.map((s) => Type.Literal(s))),
  claimedAt: Type.String(),
  usedAt: Nullable(Type.String()),
  checkoutId: Nullable(Type.String()),
  orderIds: Type.Array(Type.String(), { description: 'The orders it took money off, while used' }),
  coupon: CouponSchema,
});
export type UserCoupon = Static<typeof UserCouponSchema>;
export const WalletPage = Type.Object({ items: Type.Array(UserCouponSchema), total: Type.Integer() });
export const WalletQuery = Strict({ status: Type.Optional(Type.Union(WALLET_STATUSES.map((s) => Type.Literal(s)))), ...PageQuery });
export const CouponListQuery = Strict({ ...PageQuery });

/** What both issuers send; the store or the platform is implied by the route. */
const terms = {
  title: Type.String({ minLength: 1, maxLength: 40 }),
  kind: Type.Union([Type.Literal('amount'), Type.Literal('percent')], { description: 'amount: 满X减Y (thresholdFen 0 = 无门槛); percent: 打折' }),
  thresholdFen: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000_000_000, description: '满X: goods needed, in fen (default 0)' })),
  amountOffFen: Type.Optional(OffFen('减Y: required for kind amount; less than the threshold when there is one')),
  percentOffBps: Type.Optional(Type.Integer({ minimum: 1, maximum: 9999, description: 'Required for kind percent: 2000 = 20% off (8折)' })),
  maxOffFen: Type.Optional(OffFen('For kind percent: at most this much off')),
  startsAt: Type.String({ format: 'date-time' }),
  endsAt: Type.String({ format: 'date-time' }),
  totalQuantity: Type.Integer({ minimum: 1, maximum: 10_000_000, description: 'How many copies may be claimed in all' }),
  perUserLimit: Type.Integer({ minimum: 1, maximum: 100, description: 'How many copies one shopper may claim' }),
};
const LiveRoomId = Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$', description: 'For scope live_room: the room whose viewers may use it' });

/** A live room's coupon, issued by its host for the room's store (scope live_room implied). */
export const RoomCouponBody = Strict({ ...terms });
export type RoomCouponInput = Static<typeof RoomCouponBody>;

export const StoreCouponBody = Strict({
  ...terms,
  scope: Type.Optional(Type.Union([Type.Literal('store'), Type.Literal('live_room')], { description: 'store (default): any of the store’s goods; live_room: only bought in that room' })),
  liveRoomId: Type.Optional(LiveRoomId),
});
export type StoreCouponInput = Static<typeof StoreCouponBody>;

export const PlatformCouponBody = Strict({
  ...terms,
  scope: Type.Optional(Type.Union([Type.Literal('platform'), Type.Literal('store'), Type.Literal('live_room')], { description: 'platform (default): any store; store / live_room: a platform subsidy for one store' })),
  storeId: Type.Optional(Id('For scopes store and live_room')),
  liveRoomId: Type.Optional(LiveRoomId),
});
export type PlatformCouponInput = Static<typeof PlatformCouponBody>;

const QuoteLine = Type.Object({
  skuId: Type.String(),
  title: Type.String(),
  quantity: Type.Integer(),
  unitPriceFen: Type.Integer(),
  lineFen: Type.Integer(),
  storeDiscountFen: Type.Integer(),
  platformDiscountFen: Type.Integer(),
});

export const QuoteSchema = Type.Object({
  goodsFen: Type.Integer(),
  discountFen: Type.Integer(),
  totalFen: Type.Integer({ description: 'What checkout with selectedCouponIds would charge now' }),
  stores: Type.Array(
    Type.Object({
      storeId: Type.String(),
      goodsFen: Type.Integer(),
      storeDiscountFen: Type.Integer(),
      platformDiscountFen: Type.Integer(),
      payFen: Type.Integer(),
      storeCouponId: Nullable(Type.String()),
      lines: Type.Array(QuoteLine),
    }),
  ),
  platformCouponId: Nullable(Type.String()),
  selectedCouponIds: Type.Array(Type.String(), { description: 'The given couponIds, or else the best combination from the wallet' }),
  coupons: Type.Array(
    Type.Object({
      userCoupon: UserCouponSchema,
      selected: Type.Boolean(),
      applicable: Type.Boolean({ description: 'Could be used on these goods on its own' }),
      reason: Nullable(Type.String({ description: 'Why not, when not applicable' })),
      discountFen: Type.Integer({ description: 'Selected: what it takes off in the selection; else what it would take off on its own' }),
    }),
    { description: 'Wallet coupons usable now for the stores in this checkout, and platform ones' },
  ),
});
export type Quote = Static<typeof QuoteSchema>;
