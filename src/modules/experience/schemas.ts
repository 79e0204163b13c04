// Route schemas of experience (NPS): what shoppers send and get for their surveys, and the NPS
// report operators, stores and creators read.
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { Id, Strict } from '../../platform/http/schemas.ts';

export const MAX_COMMENT = 500;

export const AnswerBody = Strict({
  score: Type.Integer({ minimum: 0, maximum: 10, description: 'How likely are you to recommend us to a friend? 0 (not at all) – 10 (extremely)' }),
  comment: Type.Optional(Type.String({ maxLength: MAX_COMMENT, description: 'Why that score (optional)' })),
});
export type AnswerInput = Static<typeof AnswerBody>;

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const SurveyKind = Type.Union([Type.Literal('order'), Type.Literal('service')], { description: 'order: after a delivery; service: after a service ticket closed' });

export const SurveySchema = Type.Object({
  id: Type.String(),
  kind: SurveyKind,
  storeId: Nullable(Type.String()),
  storeName: Nullable(Type.String()),
  orderId: Nullable(Type.String()),
  ticketId: Nullable(Type.String()),
  /** The order's first goods title (the card says "… and N more"); null for a ticket without an order. */
  title: Nullable(Type.String()),
  itemCount: Type.Integer({ description: 'Lines in the order (0 when unknown)' }),
  imageUrl: Nullable(Type.String()),
  issuedAt: Type.String(),
  expiresAt: Type.String(),
  answer: Nullable(Type.Object({ score: Type.Integer(), comment: Nullable(Type.String()), at: Type.String() })),
});
export type Survey = Static<typeof SurveySchema>;
export const SurveyList = Type.Object({ items: Type.Array(SurveySchema) });
export const MySurveysQuery = Strict({ orderId: Type.Optional(Id('Only the survey about this order')) });

// ---- the report ------------------------------------------------------------------------------

const figureFields = {
  responses: Type.Integer(),
  promoters: Type.Integer({ description: 'Scores 9–10' }),
  passives: Type.Integer({ description: 'Scores 7–8' }),
  detractors: Type.Integer({ description: 'Scores 0–6' }),
  nps: Nullable(Type.Integer({ minimum: -100, maximum: 100, description: '% promoters − % detractors, rounded; null when nobody answered' })),
};
export const FigureSchema = Type.Object(figureFields);

export const ReportSchema = Type.Object({
  scope: Type.Union([Type.Literal('platform'), Type.Literal('store'), Type.Literal('creator'), Type.Literal('category')]),
  id: Nullable(Type.String()),
  name: Nullable(Type.String({ description: 'The store’s or creator’s name, the category’s Chinese name' })),
  kind: Nullable(SurveyKind),
  from: Type.String(),
  to: Type.String(),
  bucket: Type.Union([Type.Literal('day'), Type.Literal('week')]),
  summary: FigureSchema,
  surveys: Type.Object({
    issued: Type.Integer({ description: 'Surveys sent in the window' }),
    answered: Type.Integer({ description: '…of which answered' }),
    expired: Type.Integer({ description: '…of which expired unanswered' }),
    capped: Type.Integer({ description: 'Triggers in the window that sent nothing: the user had a survey within NPS_SURVEY_CAP_DAYS' }),
  }),
  trend: Type.Array(Type.Object({ start: Type.String({ description: 'First day of the bucket (a Monday for weeks), China time' }), label: Type.String(), ...figureFields })),
  categories: Type.Array(Type.Object({ id: Type.String(), nameZh: Type.String(), nameEn: Type.String(), ...figureFields }), { description: 'Top-level categories of the goods, most answers first' }),
  topStores: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), ...figureFields })),
  bottomStores: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), ...figureFields })),
  comments: Type.Array(
    Type.Object({ surveyId: Type.String(), kind: SurveyKind, score: Type.Integer(), comment: Type.String(), at: Type.String(), storeId: Nullable(Type.String()), storeName: Nullable(Type.String()) }),
    { description: 'The latest answers with a comment (no names)' },
  ),
});
export type Report = Static<typeof ReportSchema>;

const windowFields = {
  from: Type.Optional(Type.String({ format: 'date-time', description: 'Answers at or after this time (default: NPS_WINDOW_DAYS before `to`)' })),
  to: Type.Optional(Type.String({ format: 'date-time', description: 'Answers before this time (default: now)' })),
  bucket: Type.Optional(Type.Union([Type.Literal('day'), Type.Literal('week')], { default: 'day', description: 'Trend buckets: days or ISO weeks, China time' })),
  kind: Type.Optional(SurveyKind),
};
export const OwnReportQuery = Strict(windowFields);
export const OpsReportQuery = Strict({
  scope: Type.Optional(Type.Union([Type.Literal('platform'), Type.Literal('store'), Type.Literal('creator'), Type.Literal('category')], { default: 'platform' })),
  id: Type.Optional(Id('The store, creator or category (required unless scope is platform)')),
  ...windowFields,
});
export type ReportQuery = Static<typeof OpsReportQuery>;
export type Scope = NonNullable<ReportQuery['scope']>;
