// Campaigns' HTTP shapes.
import { Type, type Static } from '@sinclair/typebox';
import { Fen, Id, Page, PageQuery, Strict } from '../../platform/http/schemas.ts';
import { ProductCardSchema } from '../catalog/schemas.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const When = (description: string) => Type.String({ format: 'date-time', description });

export const CampaignKind = Type.Union([Type.Literal('event'), Type.Literal('programme')], { description: 'event: a platform event with dates (双11); programme: a support programme, may run long (山货)' });
export const CampaignStatus = Type.Union([Type.Literal('scheduled'), Type.Literal('active'), Type.Literal('ended'), Type.Literal('cancelled')]);
export const EnrolmentStatus = Type.Union([Type.Literal('enrolled'), Type.Literal('suspended'), Type.Literal('withdrawn')]);

const Terms = {
  name: Type.String({ minLength: 1, maxLength: 40, description: 'Chinese name (shown on badges)' }),
  nameEn: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })),
  description: Type.Optional(Type.String({ maxLength: 500 })),
  startsAt: When('When it starts (no earlier than a few minutes ago)'),
  endsAt: When('When it ends (after startsAt)'),
  categoryIds: Type.Optional(Type.Array(Id(), { maxItems: 50, description: 'Eligible categories (a parent covers its children); empty: every category' })),
  minStoreScore: Type.Optional(Type.Number({ minimum: 0, maximum: 100, description: 'A store needs this experience score to enrol (a store with no score is refused)' })),
  maxPriceFen: Type.Optional(Fen('Goods whose lowest on-sale price is above this are refused')),
  boost: Type.Number({ exclusiveMinimum: 1, maximum: 10, description: 'Reach multiplier in feed, search and mall while active; at most CAMPAIGN_MAX_BOOST' }),
};

export const CreateCampaignBody = Strict({ kind: CampaignKind, ...Terms });
export type CreateCampaignInput = Static<typeof CreateCampaignBody>;

export const EditCampaignBody = Strict({
  name: Type.Optional(Terms.name),
  nameEn: Type.Optional(Terms.nameEn),
  description: Terms.description,
  startsAt: Type.Optional(Terms.startsAt),
  endsAt: Type.Optional(Terms.endsAt),
  categoryIds: Terms.categoryIds,
  minStoreScore: Type.Optional(Nullable(Type.Number({ minimum: 0, maximum: 100 }))),
  maxPriceFen: Type.Optional(Nullable(Fen())),
  boost: Type.Optional(Terms.boost),
});
export type EditCampaignInput = Static<typeof EditCampaignBody>;

export const CampaignSchema = Type.Object({
  id: Type.String(),
  kind: CampaignKind,
  name: Type.String(),
  nameEn: Nullable(Type.String()),
  description: Type.String(),
  startsAt: Type.String(),
  endsAt: Type.String(),
  categoryIds: Type.Array(Type.String()),
  minStoreScore: Nullable(Type.Number()),
  maxPriceFen: Nullable(Type.Integer()),
  boost: Type.Number(),
  status: CampaignStatus,
  enrolled: Type.Integer({ description: 'goods enrolled now (not suspended or withdrawn)' }),
  createdAt: Type.String(),
});
export type Campaign = Static<typeof CampaignSchema>;
export const CampaignPage = Page(CampaignSchema);

export const OpsListQuery = Strict({ status: Type.Optional(CampaignStatus), ...PageQuery });
export const CampaignIdParams = Strict({ campaignId: Id() });

export const EnrolmentSchema = Type.Object({
  campaignId: Type.String(),
  campaignName: Type.String(),
  campaignNameEn: Nullable(Type.String()),
  campaignStatus: CampaignStatus,
  productId: Type.String(),
  storeId: Type.String(),
  status: EnrolmentStatus,
  reason: Nullable(Type.Literal('price_raised')),
  priceFen: Type.Integer({ description: 'the lowest price at enrolment: it must not rise during the campaign' }),
  product: Nullable(ProductCardSchema),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
export type Enrolment = Static<typeof EnrolmentSchema>;

export const EnrolBody = Strict({ productId: Id() });

export const Eligibility = Type.Object({
  eligible: Type.Boolean(),
  reasons: Type.Array(Type.Union([Type.Literal('no_score'), Type.Literal('score_below_minimum')])),
  storeScore: Nullable(Type.Number()),
});

export const MerchantCampaignsSchema = Type.Object({
  items: Type.Array(Type.Object({ campaign: CampaignSchema, eligibility: Eligibility })),
});

export const StoreEnrolmentsSchema = Type.Object({ items: Type.Array(EnrolmentSchema) });

export const CampaignPageSchema = Type.Object({ campaign: CampaignSchema, goods: Type.Array(ProductCardSchema) });

export const BadgeQuery = Strict({
  productIds: Type.String({ pattern: '^[a-z]{2,5}_[0-9a-z]{10,40}(,[a-z]{2,5}_[0-9a-z]{10,40}){0,99}$', maxLength: 4500, description: 'Up to 100 product ids, comma-separated' }),
});
export const BadgesSchema = Type.Object({
  items: Type.Array(Type.Object({ productId: Type.String(), campaignId: Type.String(), name: Type.String(), nameEn: Nullable(Type.String()), kind: CampaignKind })),
});

const Figures = {
  paidFen: Type.Integer({ description: 'GMV: what buyers paid for enrolled goods bought while the campaign was active' }),
  orders: Type.Integer({ description: 'paid orders with such goods' }),
  buyers: Type.Integer({ description: 'distinct buyers of those orders' }),
  units: Type.Integer(),
  refundedFen: Type.Integer({ description: 'refunded of those goods (an order’s refund shared by what they paid)' }),
  refunds: Type.Integer({ description: 'orders with a refund' }),
};
export const ResultsSchema = Type.Object({
  campaign: CampaignSchema,
  totals: Type.Object(Figures),
  stores: Type.Array(Type.Object({ storeId: Type.String(), storeName: Type.String(), enrolled: Type.Integer(), ...Figures })),
});
export type Results = Static<typeof ResultsSchema>;
