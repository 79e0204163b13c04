import { Type } from '@sinclair/typebox';
import { AppError } from '../../platform/errors.ts';
import { requirePrincipal } from '../../platform/http/access.ts';
import { IdempotencyKey, Id, Strict } from '../../platform/http/schemas.ts';
import type { App } from '../../platform/http/server.ts';
import type { CartService } from './cart.ts';
import type { CheckoutService } from './checkout.ts';
import type { FlashSaleService } from './flash-sales.ts';
import { ShippingAddressSchema } from './order-address.ts';
import type { FulfilmentService } from './fulfilment.ts';
import type { OrderService } from './orders.ts';
import { CartSchema, FlashSaleSchema, CheckoutBody, CheckoutResultSchema, OrderPage, OrderSchema, OrdersQuery, Quantity, SourceSchema } from './schemas.ts';

const tags = ['commerce'];
const signedIn = { access: 'user' as const };

export function commerceRoutes(app: App, cart: CartService, checkout: CheckoutService, orders: OrderService, flashSales: FlashSaleService, fulfilment: FulfilmentService): void {
  app.get('/api/v1/cart', { config: signedIn, schema: { tags, summary: 'My cart, priced now', response: { 200: CartSchema } } }, async (req) => cart.get(requirePrincipal(req).userId));

  app.put(
    '/api/v1/cart/items/:skuId',
    { config: signedIn, schema: { tags, summary: 'Put a SKU in the cart with this quantity', params: Strict({ skuId: Id() }), body: Strict({ quantity: Quantity, source: Type.Optional(SourceSchema) }), response: { 200: CartSchema } } },
    async (req) => cart.set(requirePrincipal(req).userId, req.params.skuId, req.body.quantity, req.body.source),
  );

  app.delete('/api/v1/cart/items/:skuId', { config: signedIn, schema: { tags, summary: 'Take a SKU out of the cart', params: Strict({ skuId: Id() }), response: { 200: CartSchema } } }, async (req) =>
    cart.remove(requirePrincipal(req).userId, req.params.skuId),
  );

  app.post(
    '/api/v1/checkout',
    {
      config: signedIn,
      schema: { tags, summary: 'Check out: one order per store, stock reserved, one payment', headers: Type.Object({ 'idempotency-key': Type.Optional(IdempotencyKey) }), body: CheckoutBody, response: { 200: CheckoutResultSchema, 201: CheckoutResultSchema } },
    },
    async (req, reply) => {
      const key = req.headers['idempotency-key'];
      if (typeof key !== 'string') throw new AppError('validation_failed', 'The Idempotency-Key header is required', 'headers.idempotency-key');
      const { result, replayed } = await checkout.checkout(requirePrincipal(req).userId, key, req.body);
      if (replayed) void reply.header('idempotent-replayed', 'true');
      return reply.status(replayed ? 200 : 201).send(result);
    },
  );

  app.get('/api/v1/orders', { config: signedIn, schema: { tags, summary: 'My orders', querystring: OrdersQuery, response: { 200: OrderPage } } }, async (req) =>
    orders.listForBuyer(requirePrincipal(req).userId, req.query),
  );

  app.get('/api/v1/orders/:orderId', { config: signedIn, schema: { tags, summary: 'One of my orders, with its history', params: Strict({ orderId: Id() }), response: { 200: OrderSchema } } }, async (req) =>
    orders.getForBuyer(req.params.orderId, requirePrincipal(req).userId),
  );

  app.post(
    '/api/v1/orders/:orderId/cancel',
    { config: signedIn, schema: { tags, summary: 'Cancel my unpaid order (its stock goes back)', params: Strict({ orderId: Id() }), body: Strict({ reason: Type.Optional(Type.String({ maxLength: 200 })) }), response: { 200: OrderSchema } } },
    async (req) => orders.cancelByBuyer(req.params.orderId, requirePrincipal(req).userId, req.body.reason ?? 'cancelled by buyer'),
  );

  app.post(
    '/api/v1/orders/:orderId/confirm-receipt',
    { config: signedIn, schema: { tags, summary: 'Confirm receipt of my delivered order (确认收货): it completes', params: Strict({ orderId: Id() }), response: { 200: OrderSchema } } },
    async (req) => fulfilment.confirmReceipt(req.params.orderId, requirePrincipal(req).userId),
  );

  app.get(
    '/api/v1/merchant/stores/:storeId/orders',
    { config: { access: ['merchant'] }, schema: { tags: ['merchant'], summary: "My store's orders", params: Strict({ storeId: Id() }), querystring: OrdersQuery, response: { 200: OrderPage } } },
    async (req) => orders.listForStore(req.params.storeId, requirePrincipal(req).userId, req.query),
  );

  app.post(
    '/api/v1/merchant/orders/:orderId/ship',
    {
      config: { access: ['merchant'] },
      schema: { tags: ['merchant'], summary: 'Ship a paid order', params: Strict({ orderId: Id() }), body: Strict({ carrier: Type.String({ minLength: 1, maxLength: 40, description: 'Carrier code from GET /api/v1/carriers (sf, zto, …)' }), trackingNo: Type.String({ pattern: '^[A-Za-z0-9-]{6,40}$' }) }), response: { 200: OrderSchema } },
    },
    async (req) => orders.ship(req.params.orderId, requirePrincipal(req).userId, req.body),
  );

  app.post(
    '/api/v1/merchant/orders/:orderId/address/reveal',
    {
      config: { access: ['merchant'] },
      schema: { tags: ['merchant'], summary: "The buyer's full shipping address, to print a waybill (every reveal is audited)", params: Strict({ orderId: Id() }), response: { 200: ShippingAddressSchema } },
    },
    async (req) => orders.revealAddress(req.params.orderId, requirePrincipal(req).userId),
  );

  app.post(
    '/api/v1/merchant/flash-sales',
    {
      config: { access: ['merchant'] },
      schema: {
        tags: ['merchant'],
        summary: 'Start a flash sale (秒杀) on a SKU: its quantity leaves the SKU stock until the sale ends',
        body: Strict({
          skuId: Id(),
          priceFen: Type.Integer({ minimum: 0, maximum: 10_000_000_000 }),
          quantity: Type.Integer({ minimum: 1, maximum: 100_000 }),
          perBuyerLimit: Type.Integer({ minimum: 1, maximum: 100 }),
          startsAt: Type.String({ format: 'date-time' }),
          endsAt: Type.String({ format: 'date-time' }),
        }),
        response: { 201: FlashSaleSchema },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await flashSales.create(requirePrincipal(req).userId, { ...req.body, startsAt: new Date(req.body.startsAt), endsAt: new Date(req.body.endsAt) })),
  );

  app.get(
    '/api/v1/merchant/stores/:storeId/flash-sales',
    { config: { access: ['merchant'] }, schema: { tags: ['merchant'], summary: "My store's flash sales", params: Strict({ storeId: Id() }), response: { 200: Type.Array(FlashSaleSchema) } } },
    async (req) => flashSales.listForStore(req.params.storeId, requirePrincipal(req).userId),
  );

  app.get('/api/v1/flash-sales/:flashSaleId', { config: { access: 'public' }, schema: { tags, summary: 'A flash sale: price, window, units left', params: Strict({ flashSaleId: Id() }), response: { 200: FlashSaleSchema } } }, async (req) =>
    flashSales.get(req.params.flashSaleId),
  );
}
