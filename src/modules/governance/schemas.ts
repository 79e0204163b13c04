// Governance's HTTP shapes.
import { Type, type Static } from '@sinclair/typebox';
import { Id, Page, PageQuery, Strict } from '../../platform/http/schemas.ts';

export const TargetType = Type.Union([Type.Literal('product'), Type.Literal('video'), Type.Literal('live_room'), Type.Literal('store')]);
export const Reason = Type.Union([Type.Literal('not_as_shown'), Type.Literal('false_claim'), Type.Literal('counterfeit'), Type.Literal('other')]);
export const PenaltyKindSchema = Type.Union([Type.Literal('warning'), Type.Literal('points'), Type.Literal('reduced_reach'), Type.Literal('takedown'), Type.Literal('alliance_suspension')]);

export const CreateReportBody = Strict({
  targetType: TargetType,
  targetId: Id(),
  reason: Reason,
  text: Type.Optional(Type.String({ maxLength: 500 })),
  orderId: Type.Optional(Id()),
});
export type CreateReportInput = Static<typeof CreateReportBody>;

export const ReportSchema = Type.Object({
  id: Type.String(),
  userId: Type.String(),
  targetType: TargetType,
  targetId: Type.String(),
  storeId: Type.Union([Type.String(), Type.Null()]),
  reason: Reason,
  text: Type.String(),
  orderId: Type.Union([Type.String(), Type.Null()]),
  status: Type.Union([Type.Literal('open'), Type.Literal('upheld'), Type.Literal('dismissed')]),
  note: Type.Union([Type.String(), Type.Null()]),
  penaltyId: Type.Union([Type.String(), Type.Null()]),
  decidedAt: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  /** Open reports about the same target (the queue groups by target). */
  openOnTarget: Type.Integer(),
});
export type Report = Static<typeof ReportSchema>;
export const ReportPage = Page(ReportSchema);

export const QueueQuery = Strict({
  status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('upheld'), Type.Literal('dismissed')])),
  storeId: Type.Optional(Id()),
  ...PageQuery,
});

export const PenaltyInputSchema = Strict({
  kind: PenaltyKindSchema,
  points: Type.Optional(Type.Integer({ minimum: 1, maximum: 12, description: 'points: how many (1–12)' })),
  days: Type.Optional(Type.Integer({ minimum: 1, maximum: 365, description: 'reduced_reach, alliance_suspension: how long (default 7 days)' })),
  factor: Type.Optional(Type.Number({ minimum: 0, maximum: 0.95, description: 'reduced_reach: the reach multiplier (default 0.5)' })),
});
export type PenaltyInput = Static<typeof PenaltyInputSchema>;

export const DecideBody = Strict({
  uphold: Type.Boolean(),
  note: Type.String({ minLength: 1, maxLength: 500 }),
  penalty: Type.Optional(PenaltyInputSchema),
});
export type DecideInput = Static<typeof DecideBody>;

export const PenaltySchema = Type.Object({
  id: Type.String(),
  storeId: Type.String(),
  reportId: Type.Union([Type.String(), Type.Null()]),
  kind: PenaltyKindSchema,
  points: Type.Integer(),
  factor: Type.Number(),
  productId: Type.Union([Type.String(), Type.Null()]),
  note: Type.String(),
  status: Type.Union([Type.Literal('active'), Type.Literal('appealed'), Type.Literal('revoked'), Type.Literal('expired')]),
  startsAt: Type.String(),
  endsAt: Type.Union([Type.String(), Type.Null()]),
  appealText: Type.Union([Type.String(), Type.Null()]),
  appealOutcome: Type.Union([Type.Literal('accepted'), Type.Literal('rejected'), Type.Null()]),
  appealNote: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
});
export type Penalty = Static<typeof PenaltySchema>;

export const StoreStanding = Type.Object({
  storeId: Type.String(),
  points: Type.Integer({ description: 'points of the last 365 days' }),
  reach: Type.Object({ factor: Type.Number(), until: Type.Union([Type.String(), Type.Null()]) }),
  alliance: Type.Object({
    allowed: Type.Boolean(),
    score: Type.Union([Type.Number(), Type.Null()]),
    minScore: Type.Number(),
    reasons: Type.Array(Type.Union([Type.Literal('score_below_threshold'), Type.Literal('alliance_suspended')])),
    suspendedUntil: Type.Union([Type.String(), Type.Null()]),
  }),
  penalties: Type.Array(PenaltySchema),
});
export type StoreStanding = Static<typeof StoreStanding>;

export const AppealBody = Strict({ text: Type.String({ minLength: 1, maxLength: 1000 }) });
export const AppealDecisionBody = Strict({ accept: Type.Boolean(), note: Type.String({ minLength: 1, maxLength: 500 }) });
