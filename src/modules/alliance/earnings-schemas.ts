// HTTP shapes of what creators earn and stores pay: commissions, earnings, withdrawals and sales
// by creator. Money in integer fen, rates in basis points.
import { Type, type Static } from '@sinclair/typebox';
import { Id, Page, PageQuery, Strict } from '../../platform/http/schemas.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const ContentType = Type.Union([Type.Literal('feed_video'), Type.Literal('live_room'), Type.Literal('showcase')]);
export const CommissionStatus = Type.Union([Type.Literal('unpaid'), Type.Literal('pending'), Type.Literal('withheld'), Type.Literal('settled'), Type.Literal('reversed'), Type.Literal('cancelled')]);

export const CommissionSchema = Type.Object({
  id: Type.String(),
  orderId: Type.String(),
  storeId: Type.String(),
  productId: Type.String(),
  title: Type.String(),
  creatorId: Type.String(),
  contentType: ContentType,
  contentId: Type.String(),
  planId: Type.String(),
  rateBps: Type.Integer(),
  flatFeeFen: Type.Integer(),
  /** What the shopper paid for the line, after coupons. */
  paidFen: Type.Integer(),
  /** The part of it kept after refunds: the commission's base. */
  baseFen: Type.Integer(),
  commissionFen: Type.Integer(),
  /** The platform's service fee, taken at settlement. */
  serviceFeeFen: Type.Integer(),
  status: CommissionStatus,
  /** Why a sale is withheld: the creator bought it, it ships where the creator's parcels go, or was bought on the creator's device. */
  flag: Nullable(Type.Union([Type.Literal('self_purchase'), Type.Literal('shared_address'), Type.Literal('shared_device')])),
  settleAt: Nullable(Type.String()),
  settledAt: Nullable(Type.String()),
  createdAt: Type.String(),
});
export type Commission = Static<typeof CommissionSchema>;
export const CommissionPage = Page(CommissionSchema);
export const CommissionQuery = Strict({ status: Type.Optional(CommissionStatus), ...PageQuery });

export const EarningsSchema = Type.Object({
  /** Accrued on paid orders, settling when their return windows close. */
  pendingFen: Type.Integer(),
  /** Settled and not withdrawn: what a withdrawal may take. */
  availableFen: Type.Integer(),
  /** On sales flagged as suspect (never paid unless cleared). */
  withheldFen: Type.Integer(),
  /** Paid out, or on its way. */
  withdrawnFen: Type.Integer(),
  byContent: Type.Array(Type.Object({ contentType: ContentType, contentId: Type.String(), orders: Type.Integer(), commissionFen: Type.Integer() })),
});
export type Earnings = Static<typeof EarningsSchema>;

export const CreatorSalesSchema = Type.Object({
  creatorId: Type.String(),
  creatorName: Nullable(Type.String()),
  orders: Type.Integer(),
  /** Sales the creator brought, after refunds. */
  baseFen: Type.Integer(),
  /** Commission owed or paid on them (pending and settled). */
  commissionFen: Type.Integer(),
});
export const CreatorSalesPage = Page(CreatorSalesSchema);

export const WithdrawalStatus = Type.Union([Type.Literal('processing'), Type.Literal('paid'), Type.Literal('failed')]);
export const WithdrawalSchema = Type.Object({
  id: Type.String(),
  amountFen: Type.Integer(),
  status: WithdrawalStatus,
  failureReason: Nullable(Type.String()),
  createdAt: Type.String(),
  finishedAt: Nullable(Type.String()),
});
export type Withdrawal = Static<typeof WithdrawalSchema>;
export const WithdrawalPage = Page(WithdrawalSchema);
export const WithdrawBody = Strict({ amountFen: Type.Integer({ minimum: 100, maximum: 5_000_000_00, description: 'At least 1 元, at most 500 万元 per withdrawal' }) });
export const CommissionParams = Strict({ commissionId: Id() });
