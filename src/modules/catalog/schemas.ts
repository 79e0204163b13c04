import { Type, type Static } from '@sinclair/typebox';
import { Fen, Id, Strict } from '../../platform/http/schemas.ts';

const Text = (min: number, max: number) => Type.String({ minLength: min, maxLength: max });

export const AttributeSchema = Strict({ name: Text(1, 20), value: Text(1, 100) });
export const OptionSchema = Strict({ name: Text(1, 20), values: Type.Array(Text(1, 30), { minItems: 1, maxItems: 50 }) });
export const OptionValuesSchema = Type.Record(Type.String({ minLength: 1, maxLength: 20 }), Text(1, 30), { maxProperties: 3 });

export const SkuInputSchema = Strict({
  code: Type.Optional(Text(0, 64)),
  optionValues: OptionValuesSchema,
  priceFen: Fen('Price in fen'),
  listPriceFen: Type.Optional(Type.Union([Fen('Crossed-out list price in fen'), Type.Null()])),
  stock: Type.Integer({ minimum: 0, maximum: 10_000_000 }),
});

export const ProductInputSchema = Strict({
  title: Text(1, 60),
  description: Type.Optional(Text(0, 5000)),
  categoryId: Id('Category id'),
  attributes: Type.Optional(Type.Array(AttributeSchema, { maxItems: 30 })),
  options: Type.Optional(Type.Array(OptionSchema, { maxItems: 3 })),
  imageIds: Type.Optional(Type.Array(Id(), { maxItems: 9, uniqueItems: true })),
  noReasonReturn: Type.Optional(Type.Boolean({ description: '7-day no-reason return (七天无理由退货)' })),
  status: Type.Optional(Type.Union([Type.Literal('draft'), Type.Literal('active')])),
  skus: Type.Array(SkuInputSchema, { minItems: 1, maxItems: 200 }),
});
export type ProductInputBody = Static<typeof ProductInputSchema>;

export const ProductPatchSchema = Strict({
  title: Type.Optional(Text(1, 60)),
  description: Type.Optional(Text(0, 5000)),
  categoryId: Type.Optional(Id()),
  attributes: Type.Optional(Type.Array(AttributeSchema, { maxItems: 30 })),
  imageIds: Type.Optional(Type.Array(Id(), { maxItems: 9, uniqueItems: true })),
  noReasonReturn: Type.Optional(Type.Boolean()),
  status: Type.Optional(Type.Union([Type.Literal('draft'), Type.Literal('active')])),
});

export const SkuPatchSchema = Strict({
  code: Type.Optional(Text(0, 64)),
  optionValues: Type.Optional(OptionValuesSchema),
  priceFen: Type.Optional(Fen()),
  listPriceFen: Type.Optional(Type.Union([Fen(), Type.Null()])),
  status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('disabled')])),
});

export const SkuSchema = Type.Object({
  id: Type.String(),
  productId: Type.String(),
  code: Type.String(),
  optionValues: Type.Record(Type.String(), Type.String()),
  priceFen: Type.Integer(),
  listPriceFen: Type.Union([Type.Integer(), Type.Null()]),
  stock: Type.Integer(),
  status: Type.Union([Type.Literal('active'), Type.Literal('disabled')]),
});

export const StoreSummarySchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  slug: Type.String(),
  description: Type.String(),
  logoUrl: Type.Union([Type.String(), Type.Null()]),
  flagship: Type.Boolean(),
  rural: Type.Boolean(),
  status: Type.Union([Type.Literal('active'), Type.Literal('suspended'), Type.Literal('closed')]),
  followerCount: Type.Integer(),
  productCount: Type.Integer(),
  createdAt: Type.String(),
});

export const ProductSchema = Type.Object({
  id: Type.String(),
  storeId: Type.String(),
  categoryId: Type.String(),
  title: Type.String(),
  description: Type.String(),
  attributes: Type.Array(Type.Object({ name: Type.String(), value: Type.String() })),
  options: Type.Array(Type.Object({ name: Type.String(), values: Type.Array(Type.String()) })),
  images: Type.Array(Type.Object({ id: Type.String(), url: Type.String(), thumbUrl: Type.String() })),
  noReasonReturn: Type.Boolean(),
  status: Type.Union([Type.Literal('draft'), Type.Literal('active'), Type.Literal('archived')]),
  minPriceFen: Type.Integer(),
  maxPriceFen: Type.Integer(),
  totalStock: Type.Integer(),
  skus: Type.Array(SkuSchema),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  store: Type.Optional(StoreSummarySchema),
});

export const CategorySchema = Type.Recursive((This) =>
  Type.Object({ id: Type.String(), parentId: Type.Union([Type.String(), Type.Null()]), nameZh: Type.String(), nameEn: Type.String(), sort: Type.Integer(), children: Type.Array(This) }),
);

/** A product as other places show it (a video's anchor, a live room's bag): enough to tap and buy. */
export const ProductCardSchema = Type.Object({
  id: Type.String(),
  storeId: Type.String(),
  title: Type.String(),
  imageUrl: Type.Union([Type.String(), Type.Null()]),
  minPriceFen: Type.Integer(),
  maxPriceFen: Type.Integer(),
  totalStock: Type.Integer(),
  /** Active product of an active store: it can be bought now. */
  available: Type.Boolean(),
});
