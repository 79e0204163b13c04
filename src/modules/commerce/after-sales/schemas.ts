// HTTP shapes of after-sales: cases, their requests and compensations.
import { Type, type Static } from '@sinclair/typebox';
import { Fen, PageQuery, Strict } from '../../../platform/http/schemas.ts';
import { REASONS } from './policy.ts';
import { CASE_STATUSES, CASE_TYPES } from './state.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const FUNDERS = ['platform', 'store'] as const;
const REFUND_STATUSES = ['none', 'pending', 'succeeded'] as const;

export const CaseStatusSchema = Type.Union(CASE_STATUSES.map((s) => Type.Literal(s)));
export const CaseTypeSchema = Type.Union(CASE_TYPES.map((s) => Type.Literal(s)));
export const ReasonSchema = Type.Union(REASONS.map((s) => Type.Literal(s)));
const FundedBySchema = Type.Union(FUNDERS.map((s) => Type.Literal(s)));
const Text = (max: number, description?: string) => Type.String({ minLength: 1, maxLength: max, ...(description ? { description } : {}) });

export const CreateCaseBody = Strict({
  type: CaseTypeSchema,
  reason: ReasonSchema,
  note: Type.Optional(Type.String({ maxLength: 500, description: 'What happened, in the buyer’s words' })),
  lines: Type.Optional(
    Type.Array(Strict({ lineNo: Type.Integer({ minimum: 1, maximum: 1000 }), quantity: Type.Integer({ minimum: 1, maximum: 999 }) }), {
      minItems: 1,
      maxItems: 100,
      description: 'Which units; leave out for every unit not yet refunded',
    }),
  ),
  amountFen: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000_000_000, description: 'The refund asked for; leave out for all that may be refunded for these units' })),
});
export type CreateCase = Static<typeof CreateCaseBody>;

export const ReturnShipmentBody = Strict({
  carrier: Type.String({ pattern: '^[a-z][a-z0-9_]{1,31}$', description: 'A carrier code from GET /api/v1/carriers (sf, zto, …)' }),
  trackingNo: Type.String({ pattern: '^[A-Za-z0-9-]{6,40}$' }),
  postageFen: Type.Optional(Fen('Return postage the buyer paid; the store refunds it (up to a cap) when the goods were faulty')),
});
export const RejectBody = Strict({ reason: Text(200, 'Why, shown to the buyer') });
export const EscalateBody = Strict({ note: Type.Optional(Type.String({ maxLength: 500 })) });
export const DecideBody = Strict({ approve: Type.Boolean(), note: Text(500, 'The platform’s reasoning, shown to both sides') });
export const CompensationBody = Strict({
  amountFen: Type.Integer({ minimum: 1, maximum: 10_000_000_000 }),
  fundedBy: FundedBySchema,
  reason: Text(200),
});

export const CasesQuery = Strict({ status: Type.Optional(CaseStatusSchema), ...PageQuery });

export const CaseSchema = Type.Object({
  id: Type.String(),
  orderId: Type.String(),
  storeId: Type.String(),
  userId: Type.String(),
  type: CaseTypeSchema,
  status: CaseStatusSchema,
  reason: ReasonSchema,
  note: Type.String(),
  amountFen: Type.Integer({ description: 'The refund asked for and, once approved, granted' }),
  beforeShipping: Type.Boolean({ description: 'Opened before the order shipped: the whole order, approved at once' }),
  lines: Type.Array(
    Type.Object({
      lineNo: Type.Integer({ description: '0: the order’s shipping charge' }),
      title: Type.String({ description: 'The goods, as ordered (empty for the shipping charge)' }),
      imageUrl: Nullable(Type.String()),
      quantity: Type.Integer(),
      refundFen: Type.Integer(),
    }),
  ),
  replyDeadline: Nullable(Type.String({ description: 'The request is approved by itself if the merchant has not answered by then' })),
  merchantReply: Nullable(Type.String()),
  escalateBy: Nullable(Type.String({ description: 'A rejection may be escalated to the platform until then' })),
  escalation: Nullable(Type.Object({ note: Type.String(), at: Type.String() })),
  decision: Nullable(Type.Object({ approve: Type.Boolean(), note: Type.String(), at: Type.String() })),
  returnDue: Nullable(Type.String({ description: 'Ship the return parcel by then, or the case closes' })),
  returnShipment: Nullable(Type.Object({ carrier: Type.String(), trackingNo: Type.String(), shippedAt: Type.String(), receivedAt: Nullable(Type.String()) })),
  postage: Type.Object({ claimedFen: Type.Integer(), paidFen: Type.Integer({ description: 'Paid by the store into the buyer’s balance' }) }),
  refund: Type.Object({
    status: Type.Union(REFUND_STATUSES.map((s) => Type.Literal(s))),
    fast: Type.Boolean({ description: '极速退款: issued when the return parcel shipped' }),
    issuedAt: Nullable(Type.String()),
    succeededAt: Nullable(Type.String()),
  }),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  closedAt: Nullable(Type.String()),
  history: Type.Array(Type.Object({ from: Nullable(Type.String()), to: Type.String(), action: Type.String(), actor: Type.String(), note: Type.String(), at: Type.String() })),
});
export type AfterSalesCase = Static<typeof CaseSchema>;
export const CasePage = Type.Object({ items: Type.Array(CaseSchema), total: Type.Integer() });

export const CompensationSchema = Type.Object({
  id: Type.String(),
  orderId: Type.String(),
  userId: Type.String(),
  storeId: Type.String(),
  amountFen: Type.Integer(),
  fundedBy: FundedBySchema,
  reason: Type.String(),
  createdBy: Type.String(),
  createdAt: Type.String(),
  recoveredAt: Type.Union([Type.String(), Type.Null()], { description: 'When a platform-paid compensation was recovered from the store at fault' }),
});
export type Compensation = Static<typeof CompensationSchema>;

/** What an order shows of its after-sales (on the Order API object). */
export const OrderAfterSalesSchema = Type.Object({
  openCaseId: Nullable(Type.String()),
  refundedFen: Type.Integer({ description: 'Refunds the payment provider confirmed' }),
  refundingFen: Type.Integer({ description: 'Refunds issued, not yet confirmed' }),
  compensatedFen: Type.Integer({ description: 'Compensation and return postage paid into the buyer’s balance' }),
});
export type OrderAfterSales = Static<typeof OrderAfterSalesSchema>;
