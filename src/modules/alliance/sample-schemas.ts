// HTTP shapes of free-sample requests (寄样).
import { Type, type Static } from '@sinclair/typebox';
import { Id, Page, PageQuery, Strict } from '../../platform/http/schemas.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const SampleStatus = Type.Union([Type.Literal('pending'), Type.Literal('approved'), Type.Literal('rejected'), Type.Literal('lapsed'), Type.Literal('shipped'), Type.Literal('delivered')], {
  description: 'lapsed: the store did not decide in time',
});

export const SampleSchema = Type.Object({
  id: Type.String(),
  planId: Type.String(),
  productId: Type.String(),
  storeId: Type.String(),
  creatorId: Type.String(),
  creatorName: Nullable(Type.String()),
  status: SampleStatus,
  note: Type.String(),
  /** Why the store declined. */
  reason: Nullable(Type.String()),
  createdAt: Type.String(),
  /** The store decides by then, or the request lapses. */
  decideBy: Type.String(),
  decidedAt: Nullable(Type.String()),
  carrier: Nullable(Type.String()),
  trackingNo: Nullable(Type.String()),
  shippedAt: Nullable(Type.String()),
  deliveredAt: Nullable(Type.String()),
});
export type Sample = Static<typeof SampleSchema>;
export const SamplePage = Page(SampleSchema);

export const SampleAddressSchema = Type.Object({
  recipient: Type.String(),
  phone: Type.String(),
  province: Type.String(),
  city: Type.String(),
  district: Type.String(),
  /** Null unless the full address was asked for (an audited view). */
  detail: Nullable(Type.String()),
  full: Type.Boolean(),
});
export type SampleAddress = Static<typeof SampleAddressSchema>;

export const RequestSampleBody = Strict({ productId: Id(), note: Type.Optional(Type.String({ maxLength: 200 })) });
export const SampleListQuery = Strict({ status: Type.Optional(SampleStatus), ...PageQuery });
export const SampleDecideBody = Strict({ approve: Type.Boolean(), reason: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })) });
export const ShipSampleBody = Strict({
  carrier: Type.String({ minLength: 1, maxLength: 20, description: 'Carrier code (GET /api/v1/carriers)' }),
  trackingNo: Type.String({ pattern: '^[A-Za-z0-9-]{6,40}$' }),
});
export const SampleParams = Strict({ storeId: Id(), sampleId: Id() });
export const AddressQuery = Strict({ full: Type.Optional(Type.Boolean({ description: 'The whole address (recorded in the audit trail)' })) });
