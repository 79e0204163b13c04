import { Type } from '@sinclair/typebox';
import { notFound } from '../../platform/errors.ts';
import { requirePrincipal } from '../../platform/http/access.ts';
import { Id, Ok, PageQuery, Strict } from '../../platform/http/schemas.ts';
import type { App } from '../../platform/http/server.ts';
import type { IdentityService } from '../identity/service.ts';
import type { CategoryService } from './categories.ts';
import { STOCK_REASONS, type ProductService } from './products.ts';
import { CategorySchema, ProductInputSchema, ProductPatchSchema, ProductSchema, SkuInputSchema, SkuPatchSchema, StoreSummarySchema } from './schemas.ts';
import type { StoreService } from './stores.ts';

const tags = ['merchant'];
const merchant = { access: ['merchant'] as const };
const ProductParams = Strict({ productId: Id() });
const SkuParams = Strict({ skuId: Id() });
const StoreParams = Strict({ storeId: Id() });
const MyStore = Type.Composite([StoreSummarySchema, Type.Object({ staffRole: Type.Union([Type.Literal('owner'), Type.Literal('member')]) })]);

export function catalogMerchantRoutes(app: App, stores: StoreService, products: ProductService, categories: CategoryService, identity: IdentityService): void {
  app.get('/api/v1/merchant/stores', { config: merchant, schema: { tags, summary: 'Stores I work for', response: { 200: Type.Array(MyStore) } } }, async (req) =>
    stores.myStores(requirePrincipal(req).userId),
  );

  app.post(
    '/api/v1/merchant/stores',
    {
      config: merchant,
      schema: {
        tags,
        summary: 'Open a store (I become its owner)',
        body: Strict({
          name: Type.String({ minLength: 2, maxLength: 30 }),
          description: Type.Optional(Type.String({ maxLength: 500 })),
          slug: Type.Optional(Type.String({ pattern: '^[a-z0-9][a-z0-9-]{2,39}$' })),
          rural: Type.Optional(Type.Boolean({ description: 'Rural-goods store (山货)' })),
        }),
        response: { 201: StoreSummarySchema },
      },
    },
    async (req, reply) => reply.status(201).send(await stores.create(requirePrincipal(req).userId, req.body)),
  );

  app.patch(
    '/api/v1/merchant/stores/:storeId',
    {
      config: merchant,
      schema: {
        tags,
        summary: 'Edit my store (owner)',
        params: StoreParams,
        body: Strict({ name: Type.Optional(Type.String({ minLength: 2, maxLength: 30 })), description: Type.Optional(Type.String({ maxLength: 500 })), logoImageId: Type.Optional(Type.Union([Id(), Type.Null()])), rural: Type.Optional(Type.Boolean()) }),
        response: { 200: StoreSummarySchema },
      },
    },
    async (req) => stores.update(req.params.storeId, requirePrincipal(req).userId, req.body),
  );

  app.get(
    '/api/v1/merchant/stores/:storeId/members',
    { config: merchant, schema: { tags, summary: 'Staff of my store', params: StoreParams, response: { 200: Type.Array(Type.Object({ userId: Type.String(), role: Type.String(), since: Type.String() })) } } },
    async (req) => {
      await stores.assertStaff(req.params.storeId, requirePrincipal(req).userId);
      return stores.members(req.params.storeId);
    },
  );

  app.post(
    '/api/v1/merchant/stores/:storeId/members',
    {
      config: merchant,
      schema: { tags, summary: 'Add staff by email (owner)', params: StoreParams, body: Strict({ email: Type.String({ format: 'email', maxLength: 254 }), role: Type.Union([Type.Literal('owner'), Type.Literal('member')]) }), response: { 200: Ok } },
    },
    async (req) => {
      await stores.assertStaff(req.params.storeId, requirePrincipal(req).userId, 'owner');
      const user = await identity.findByEmail(req.body.email);
      if (!user || !user.roles.includes('merchant')) throw notFound('Merchant account with this email', 'email');
      await stores.addMember(req.params.storeId, requirePrincipal(req).userId, user.id, req.body.role);
      return { ok: true as const };
    },
  );

  app.get(
    '/api/v1/merchant/stores/:storeId/products',
    {
      config: merchant,
      schema: {
        tags,
        summary: "My store's products, drafts and archived included",
        params: StoreParams,
        querystring: Strict({ status: Type.Optional(Type.Union([Type.Literal('all'), Type.Literal('draft'), Type.Literal('active'), Type.Literal('archived')])), q: Type.Optional(Type.String({ maxLength: 60 })), ...PageQuery }),
        response: { 200: Type.Object({ items: Type.Array(ProductSchema), total: Type.Integer() }) },
      },
    },
    async (req) => {
      await stores.assertStaff(req.params.storeId, requirePrincipal(req).userId);
      return products.list({ ...req.query, storeId: req.params.storeId, status: req.query.status ?? 'all' });
    },
  );

  app.post(
    '/api/v1/merchant/stores/:storeId/products',
    { config: merchant, schema: { tags, summary: 'Create a product with its SKUs', params: StoreParams, body: ProductInputSchema, response: { 201: ProductSchema } } },
    async (req, reply) => reply.status(201).send(await products.create(req.params.storeId, requirePrincipal(req).userId, req.body)),
  );

  app.get('/api/v1/merchant/products/:productId', { config: merchant, schema: { tags, summary: 'A product of mine', params: ProductParams, response: { 200: ProductSchema } } }, async (req) =>
    products.getForStaff(req.params.productId, requirePrincipal(req).userId),
  );

  app.patch('/api/v1/merchant/products/:productId', { config: merchant, schema: { tags, summary: 'Edit a product', params: ProductParams, body: ProductPatchSchema, response: { 200: ProductSchema } } }, async (req) =>
    products.update(req.params.productId, requirePrincipal(req).userId, req.body),
  );

  app.post('/api/v1/merchant/products/:productId/archive', { config: merchant, schema: { tags, summary: 'Take a product off sale for good', params: ProductParams, response: { 200: ProductSchema } } }, async (req) =>
    products.archive(req.params.productId, requirePrincipal(req).userId),
  );

  app.post(
    '/api/v1/merchant/products/:productId/skus',
    { config: merchant, schema: { tags, summary: 'Add a SKU', params: ProductParams, body: SkuInputSchema, response: { 201: ProductSchema } } },
    async (req, reply) => reply.status(201).send(await products.addSku(req.params.productId, requirePrincipal(req).userId, req.body)),
  );

  app.patch('/api/v1/merchant/skus/:skuId', { config: merchant, schema: { tags, summary: 'Edit a SKU (price, options, code, status)', params: SkuParams, body: SkuPatchSchema, response: { 200: ProductSchema } } }, async (req) =>
    products.updateSku(req.params.skuId, requirePrincipal(req).userId, req.body),
  );

  app.post(
    '/api/v1/merchant/skus/:skuId/stock',
    {
      config: merchant,
      schema: {
        tags,
        summary: 'Change stock by a delta, with a reason (logged)',
        params: SkuParams,
        body: Strict({
          delta: Type.Integer({ minimum: -10_000_000, maximum: 10_000_000, not: { const: 0 } }),
          reason: Type.Union(STOCK_REASONS.filter((r) => r !== 'reserve' && r !== 'release' && r !== 'initial' && r !== 'flash_sale').map((r) => Type.Literal(r))),
          note: Type.Optional(Type.String({ maxLength: 200 })),
        }),
        response: { 200: Type.Object({ skuId: Type.String(), stock: Type.Integer() }) },
      },
    },
    async (req) => products.merchantAdjustStock(req.params.skuId, requirePrincipal(req).userId, req.body.delta, req.body.reason, req.body.note ?? ''),
  );

  app.get(
    '/api/v1/merchant/skus/:skuId/stock-movements',
    {
      config: merchant,
      schema: {
        tags,
        summary: "A SKU's stock log",
        params: SkuParams,
        querystring: Strict({ limit: PageQuery.limit }),
        response: { 200: Type.Array(Type.Object({ id: Type.Integer(), delta: Type.Integer(), stockAfter: Type.Integer(), reason: Type.String(), note: Type.String(), actorId: Type.Union([Type.String(), Type.Null()]), at: Type.String() })) },
      },
    },
    async (req) => products.stockMovements(req.params.skuId, requirePrincipal(req).userId, req.query.limit),
  );

  // Operator governance of the catalog.
  app.patch(
    '/api/v1/ops/stores/:storeId',
    {
      config: { access: ['operator'] },
      schema: { tags: ['ops'], summary: 'Grant the flagship badge or suspend a store', params: StoreParams, body: Strict({ flagship: Type.Optional(Type.Boolean()), status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('suspended')])) }), response: { 200: StoreSummarySchema } },
    },
    async (req) => stores.govern(req.params.storeId, req.body),
  );

  app.post(
    '/api/v1/ops/categories',
    {
      config: { access: ['operator'] },
      schema: { tags: ['ops'], summary: 'Add a category', body: Strict({ parentId: Type.Optional(Id()), nameZh: Type.String({ minLength: 1, maxLength: 20 }), nameEn: Type.String({ minLength: 1, maxLength: 40 }), sort: Type.Optional(Type.Integer({ minimum: 0, maximum: 10000 })) }), response: { 201: CategorySchema } },
    },
    async (req, reply) => reply.status(201).send(await categories.create(req.body)),
  );
}
