// Route of the 热卖榜 (best sellers): public, cached per category (see bestsellers.ts).
import { Type, type Static } from '@sinclair/typebox';
import { Id, Strict } from '../../platform/http/schemas.ts';
import type { App } from '../../platform/http/server.ts';
import type { BestSellers } from './bestsellers.ts';
import { ProductCardSchema } from './schemas.ts';

const CategoryRefSchema = Type.Object({ id: Type.String(), parentId: Type.Union([Type.String(), Type.Null()]), nameZh: Type.String(), nameEn: Type.String() });

export const BestSellerQuerySchema = Strict({
  categoryId: Type.Optional(Id('A category; a root category means its leaves too. Without it: every category.')),
  limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
});

export const BestSellerListSchema = Type.Object({
  category: Type.Union([CategoryRefSchema, Type.Null()]),
  windowDays: Type.Integer({ description: 'The sales window in days' }),
  updatedAt: Type.String({ description: 'When the list was computed; lists are cached for about a minute' }),
  items: Type.Array(
    Type.Object({
      rank: Type.Integer({ minimum: 1 }),
      product: ProductCardSchema,
      unitsSold7d: Type.Integer({ minimum: 1, description: 'Units sold in the window: reserved minus released' }),
      category: CategoryRefSchema,
    }),
  ),
});
export type BestSellerListBody = Static<typeof BestSellerListSchema>;

export function bestSellerRoutes(app: App, bestSellers: BestSellers): void {
  app.get(
    '/api/v1/bestsellers',
    {
      config: { access: 'public' },
      schema: {
        tags: ['catalog'],
        summary: '热卖榜: goods on sale ranked by units sold in the last 7 days, per category or overall',
        description: 'Ties go to all-time units, then the newest product. Only goods with at least one unit sold in the window are ranked. Lists may be up to a minute old.',
        querystring: BestSellerQuerySchema,
        response: { 200: BestSellerListSchema },
      },
    },
    async (req) => bestSellers.list(req.query.categoryId ?? null, req.query.limit),
  );
}
