// The alliance's HTTP shapes. Rates are basis points (1% = 100 bps); money is integer fen. The
// schema admits any rate from 1 to 10000 bps; the configured bounds (ALLIANCE_MIN|MAX_RATE_BPS,
// 1–80% by default) are checked by the service, so an operator can move them without a code change.
import { Type, type Static } from '@sinclair/typebox';
import { ProductCardSchema } from '../catalog/schemas.ts';
import { Fen, Id, Page, PageQuery, Strict } from '../../platform/http/schemas.ts';

const Rate = (description = 'Commission rate in basis points (100 = 1%)') => Type.Integer({ minimum: 1, maximum: 10_000, description });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const PlanKindSchema = Type.Union([Type.Literal('open'), Type.Literal('targeted'), Type.Literal('exclusive')]);

export const PlanSchema = Type.Object({
  id: Type.String(),
  productId: Type.String(),
  storeId: Type.String(),
  kind: PlanKindSchema,
  /** The named creator of a targeted or exclusive plan; null for an open plan. */
  creatorId: Nullable(Type.String()),
  /** The rate in force now. */
  rateBps: Type.Integer(),
  /** A cut announced but not yet in force. */
  pendingRate: Nullable(Type.Object({ rateBps: Type.Integer(), effectiveAt: Type.String() })),
  approvalRequired: Type.Boolean(),
  freeSamples: Type.Boolean(),
  flatFeeFen: Type.Integer(),
  status: Type.Union([Type.Literal('active'), Type.Literal('ended')]),
  createdAt: Type.String(),
  endedAt: Nullable(Type.String()),
});
export type Plan = Static<typeof PlanSchema>;

export const CreatePlanBody = Strict({
  productId: Id(),
  kind: PlanKindSchema,
  rateBps: Rate(),
  creatorId: Type.Optional(Id('Targeted and exclusive plans: the creator they name')),
  approvalRequired: Type.Optional(Type.Boolean({ description: 'Open plans: creators apply and the store approves' })),
  freeSamples: Type.Optional(Type.Boolean()),
  flatFeeFen: Type.Optional(Fen('Targeted and exclusive plans: a flat fee per order, in fen')),
});
export type CreatePlanInput = Static<typeof CreatePlanBody>;

export const UpdatePlanBody = Strict(
  {
    rateBps: Type.Optional(Rate('New rate: an increase applies at once, a cut after the notice and lock periods')),
    approvalRequired: Type.Optional(Type.Boolean()),
    freeSamples: Type.Optional(Type.Boolean()),
    flatFeeFen: Type.Optional(Fen()),
  },
  'At least one field',
);
export type UpdatePlanInput = Static<typeof UpdatePlanBody>;

export const PlanListQuery = Strict({ productId: Type.Optional(Id()), status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('ended')])), ...PageQuery });
export const PlanPage = Page(PlanSchema);

export const ApplicationStatus = Type.Union([Type.Literal('pending'), Type.Literal('approved'), Type.Literal('rejected')]);
export const ApplicationSchema = Type.Object({
  id: Type.String(),
  planId: Type.String(),
  productId: Type.String(),
  storeId: Type.String(),
  creatorId: Type.String(),
  status: ApplicationStatus,
  note: Type.String(),
  createdAt: Type.String(),
  decidedAt: Nullable(Type.String()),
  reason: Nullable(Type.String()),
});
export type Application = Static<typeof ApplicationSchema>;
export const ApplyBody = Strict({ note: Type.Optional(Type.String({ maxLength: 200 })) });
export const DecideBody = Strict({ approve: Type.Boolean(), reason: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })) });
export const ApplicationListQuery = Strict({ status: Type.Optional(ApplicationStatus), ...PageQuery });
export const ApplicationPage = Page(ApplicationSchema);

/** What the creator earns on a product now, by the plan that gives the most. */
export const MyRateSchema = Type.Object({ planId: Type.String(), kind: PlanKindSchema, rateBps: Type.Integer(), flatFeeFen: Type.Integer() });

export const ShowcaseItemSchema = Type.Object({
  productId: Type.String(),
  addedAt: Type.String(),
  card: Nullable(ProductCardSchema),
  /** Null when no plan lets me earn on it any more (ended, or a cut to none): it stays listed. */
  myRate: Nullable(MyRateSchema),
});
export type ShowcaseItem = Static<typeof ShowcaseItemSchema>;
export const ShowcasePage = Page(ShowcaseItemSchema);

export const MarketQuery = Strict({
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
  categoryId: Type.Optional(Id()),
  sort: Type.Optional(Type.Union([Type.Literal('rate'), Type.Literal('sales'), Type.Literal('price')], { default: 'rate' })),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 1 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 20 })),
});
export type MarketFilter = Static<typeof MarketQuery>;

export const MarketItemSchema = Type.Object({
  productId: Type.String(),
  storeId: Type.String(),
  categoryId: Type.String(),
  card: Nullable(ProductCardSchema),
  minPriceFen: Type.Integer(),
  soldUnits: Type.Integer(),
  /** The best rate on offer to me: open plans (approved or not) and plans naming me. */
  rateBps: Type.Integer(),
  /** The open plan, if any, and where I stand with it. */
  openPlan: Nullable(Type.Object({ planId: Type.String(), rateBps: Type.Integer(), approvalRequired: Type.Boolean(), freeSamples: Type.Boolean(), myApplication: Nullable(ApplicationStatus) })),
  /** The plan I earn by now if I sell it (null while approval is pending). */
  myRate: Nullable(MyRateSchema),
  inShowcase: Type.Boolean(),
  /** 商家体验分: filled in by the experience module (a later issue). */
  experienceScore: Type.Null(),
});
export type MarketItem = Static<typeof MarketItemSchema>;
export const MarketPage = Type.Object({ items: Type.Array(MarketItemSchema), page: Type.Integer(), limit: Type.Integer(), hasMore: Type.Boolean() });
