import { Type } from '@sinclair/typebox';
import { requirePrincipal } from '../../platform/http/access.ts';
import { Id, PageQuery, Strict } from '../../platform/http/schemas.ts';
import type { App } from '../../platform/http/server.ts';
import type { CategoryService } from './categories.ts';
import type { ProductService } from './products.ts';
import { CategorySchema, ProductSchema, StoreSummarySchema } from './schemas.ts';
import type { StoreService } from './stores.ts';

const tags = ['catalog'];

export function catalogPublicRoutes(app: App, stores: StoreService, products: ProductService, categories: CategoryService): void {
  app.get('/api/v1/categories', { config: { access: 'public' }, schema: { tags, summary: 'The category tree', response: { 200: Type.Array(CategorySchema) } } }, async () => categories.tree());

  app.get(
    '/api/v1/stores',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Stores',
        querystring: Strict({ q: Type.Optional(Type.String({ maxLength: 50 })), flagship: Type.Optional(Type.Boolean()), rural: Type.Optional(Type.Boolean()), ...PageQuery }),
        response: { 200: Type.Object({ items: Type.Array(StoreSummarySchema), total: Type.Integer() }) },
      },
    },
    async (req) => stores.list(req.query),
  );

  app.get(
    '/api/v1/stores/:storeId',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: "A store's page: the store and what the viewer did there",
        params: Strict({ storeId: Id() }),
        response: { 200: Type.Composite([StoreSummarySchema, Type.Object({ viewer: Type.Object({ following: Type.Boolean(), staffRole: Type.Union([Type.String(), Type.Null()]) }) })]) },
      },
    },
    async (req) => {
      const store = await stores.get(req.params.storeId);
      const viewer = await stores.viewerState(store.id, req.principal?.userId ?? null);
      if (store.status !== 'active' && !viewer.staffRole) stores.assertActive(store);
      return { ...store, viewer };
    },
  );

  app.get(
    '/api/v1/stores/:storeId/products',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: "A store's goods on sale",
        params: Strict({ storeId: Id() }),
        querystring: Strict({ categoryId: Type.Optional(Id()), sort: Type.Optional(Type.Union([Type.Literal('newest'), Type.Literal('price_asc'), Type.Literal('price_desc')])), ...PageQuery }),
        response: { 200: Type.Object({ items: Type.Array(ProductSchema), total: Type.Integer() }) },
      },
    },
    async (req) => {
      stores.assertActive(await stores.get(req.params.storeId));
      return products.list({ ...req.query, storeId: req.params.storeId, status: 'active' });
    },
  );

  for (const [method, on] of [['PUT', true], ['DELETE', false]] as const) {
    app.route({
      method,
      url: '/api/v1/stores/:storeId/follow',
      config: { access: 'user' },
      schema: { tags, summary: on ? 'Follow a store' : 'Unfollow a store', params: Strict({ storeId: Id() }), response: { 200: Type.Object({ following: Type.Boolean(), followerCount: Type.Integer() }) } },
      handler: async (req) => stores.follow((req.params as { storeId: string }).storeId, requirePrincipal(req).userId, on),
    });
  }

  app.get(
    '/api/v1/products',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Goods on sale, by category',
        querystring: Strict({ categoryId: Type.Optional(Id()), storeId: Type.Optional(Id()), sort: Type.Optional(Type.Union([Type.Literal('newest'), Type.Literal('price_asc'), Type.Literal('price_desc')])), ...PageQuery }),
        response: { 200: Type.Object({ items: Type.Array(ProductSchema), total: Type.Integer() }) },
      },
    },
    async (req) => products.list({ ...req.query, status: 'active' }),
  );

  app.get(
    '/api/v1/products/:productId',
    { config: { access: 'public' }, schema: { tags, summary: 'A product with its SKUs and store', params: Strict({ productId: Id() }), response: { 200: ProductSchema } } },
    async (req) => {
      const product = await products.getVisible(req.params.productId, req.principal?.userId ?? null);
      return { ...product, store: await stores.get(product.storeId) };
    },
  );
}
