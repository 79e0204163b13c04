import { Type } from '@sinclair/typebox';
import { Id, PageQuery, Strict } from '../../platform/http/schemas.ts';
import { OrderAfterSalesSchema } from './after-sales/schemas.ts';
import { SOURCE_TYPES } from './checkout.ts';
import { ShippingAddressSchema } from './order-address.ts';
import { ORDER_STATUSES } from './state.ts';
import { SCAN_STATUSES, SHIPMENT_STATUSES } from '../logistics/service.ts';

export const Quantity = Type.Integer({ minimum: 1, maximum: 999 });
export const SourceSchema = Strict({ type: Type.Union(SOURCE_TYPES.map((s) => Type.Literal(s))), id: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })) }, 'Where the shopper found the goods (attribution)');
export const StatusSchema = Type.Union(ORDER_STATUSES.map((s) => Type.Literal(s)));
export const OrdersQuery = Strict({ status: Type.Optional(StatusSchema), ...PageQuery });

const CartLineSchema = Type.Object({
  skuId: Type.String(),
  productId: Type.String(),
  storeId: Type.String(),
  title: Type.String(),
  optionValues: Type.Record(Type.String(), Type.String()),
  imageUrl: Type.Union([Type.String(), Type.Null()]),
  unitPriceFen: Type.Integer(),
  quantity: Type.Integer(),
  stock: Type.Integer(),
  available: Type.Boolean(),
  lineFen: Type.Integer(),
});
export const CartSchema = Type.Object({
  stores: Type.Array(Type.Object({ storeId: Type.String(), lines: Type.Array(CartLineSchema), subtotalFen: Type.Integer() })),
  totalFen: Type.Integer(),
  count: Type.Integer(),
});

export const CheckoutBody = Strict({
  items: Type.Optional(
    Type.Array(Strict({ skuId: Id(), quantity: Quantity, flashSaleId: Type.Optional(Id('Buy at this flash sale’s price, from its units')) }), { minItems: 1, maxItems: 100, description: 'What to buy; leave out to buy the whole cart' }),
  ),
  source: Type.Optional(SourceSchema),
  addressId: Type.Optional(Id('Ship to this address from my address book; leave out for my default address')),
  couponIds: Type.Optional(Type.Array(Id(), { maxItems: 10, description: 'Coupons from my wallet (user coupon ids): at most one store coupon per store and one platform coupon' })),
  expectedTotalFen: Type.Optional(Type.Integer({ minimum: 0, maximum: 1e13, description: 'The total the shopper saw; a different server total is a 409' })),
  deviceId: Type.Optional(Type.String({ minLength: 8, maxLength: 64, pattern: '^[A-Za-z0-9_.-]+$', description: 'The app’s device id (kept only as a keyed print: the alliance withholds commission on a creator’s own device)' })),
});

export const CheckoutResultSchema = Type.Object({
  checkoutId: Type.String(),
  totalFen: Type.Integer(),
  expiresAt: Type.String(),
  orders: Type.Array(
    Type.Object({
      id: Type.String(),
      storeId: Type.String(),
      status: Type.String(),
      goodsFen: Type.Integer(),
      discountFen: Type.Integer({ description: 'Coupon discounts on this order (store and platform)' }),
      payFen: Type.Integer(),
      lines: Type.Array(Type.Object({ skuId: Type.String(), title: Type.String(), quantity: Type.Integer(), unitPriceFen: Type.Integer(), lineFen: Type.Integer() })),
    }),
  ),
  payment: Type.Union([Type.Object({ intentId: Type.String(), payUrl: Type.String() }), Type.Null()]),
});

export const OrderTrackingSchema = Type.Object(
  {
    carrier: Type.String({ description: 'Carrier code' }),
    carrierName: Type.String(),
    trackingNo: Type.String(),
    status: Type.Union(SHIPMENT_STATUSES.map((s) => Type.Literal(s)), { description: 'pending until the carrier scans the parcel; never moves back' }),
    events: Type.Array(Type.Object({ status: Type.Union(SCAN_STATUSES.map((s) => Type.Literal(s))), description: Type.String(), at: Type.String() }), { description: 'The carrier’s scans, newest first' }),
  },
  { description: 'The parcel, as the carrier reports it' },
);

export const OrderSchema = Type.Object({
  id: Type.String(),
  checkoutId: Type.String(),
  userId: Type.String(),
  storeId: Type.String(),
  status: StatusSchema,
  goodsFen: Type.Integer(),
  discountFen: Type.Integer(),
  shippingFen: Type.Integer(),
  payFen: Type.Integer(),
  source: Type.Object({ type: Type.String(), id: Type.Union([Type.String(), Type.Null()]) }),
  paymentIntentId: Type.Union([Type.String(), Type.Null()]),
  payUrl: Type.Union([Type.String(), Type.Null()], { description: 'The pay page, while the order is unpaid' }),
  payDeadline: Type.String(),
  paidAt: Type.Union([Type.String(), Type.Null()]),
  shippedAt: Type.Union([Type.String(), Type.Null()]),
  carrier: Type.Union([Type.String(), Type.Null()]),
  trackingNo: Type.Union([Type.String(), Type.Null()]),
  pickedUpAt: Type.Union([Type.String(), Type.Null()], { description: 'First pick-up scan by the carrier' }),
  deliveredAt: Type.Union([Type.String(), Type.Null()]),
  completedAt: Type.Union([Type.String(), Type.Null()]),
  tracking: Type.Union([OrderTrackingSchema, Type.Null()]),
  cancelReason: Type.Union([Type.String(), Type.Null()]),
  shippingAddress: Type.Union([ShippingAddressSchema, Type.Null()], { description: 'Full for the buyer; masked for merchants (reveal it to ship)' }),
  afterSales: OrderAfterSalesSchema,
  createdAt: Type.String(),
  lines: Type.Array(
    Type.Object({
      lineNo: Type.Integer(),
      skuId: Type.String(),
      productId: Type.String(),
      title: Type.String(),
      optionValues: Type.Record(Type.String(), Type.String()),
      imageUrl: Type.Union([Type.String(), Type.Null()]),
      unitPriceFen: Type.Integer(),
      quantity: Type.Integer(),
      lineFen: Type.Integer(),
      discountFen: Type.Integer({ description: "The line's share of the order's coupon discounts (store and platform)" }),
      refundedQuantity: Type.Integer({ description: 'Units refunded by after-sales (refund issued)' }),
      refundedFen: Type.Integer({ description: 'Money refunded for this line by after-sales (refund issued)' }),
      noReasonReturn: Type.Boolean(),
    }),
  ),
  history: Type.Array(Type.Object({ from: Type.Union([Type.String(), Type.Null()]), to: Type.String(), actor: Type.String(), reason: Type.String(), at: Type.String() })),
});
export const OrderPage = Type.Object({ items: Type.Array(OrderSchema), total: Type.Integer() });

export const FlashSaleSchema = Type.Object({
  id: Type.String(),
  storeId: Type.String(),
  skuId: Type.String(),
  priceFen: Type.Integer(),
  quantity: Type.Integer(),
  remaining: Type.Integer(),
  perBuyerLimit: Type.Integer(),
  startsAt: Type.String(),
  endsAt: Type.String(),
  status: Type.Union([Type.Literal('scheduled'), Type.Literal('running'), Type.Literal('ended'), Type.Literal('cancelled')]),
  liveRoomId: Type.Union([Type.String(), Type.Null()], { description: 'Started in this live room: only orders placed from the room may buy at this price' }),
});
