// Shapes of the Flywheel API responses the web app reads. test/contract.ts checks at compile
// time that they match the server's route schemas exactly.

export type Role = 'shopper' | 'creator' | 'merchant' | 'agent' | 'operator';

export interface User {
  id: string;
  email: string;
  displayName: string;
  roles: Role[];
  status: 'active' | 'disabled';
  createdAt: string;
}

export interface Session {
  user: User;
  expiresAt: string;
}

export interface FieldError {
  field: string;
  message: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  field?: string;
  errors?: FieldError[];
  requestId: string;
}

export interface Page<T> {
  items: T[];
  total: number;
}

export interface Store {
  id: string;
  name: string;
  slug: string;
  description: string;
  logoUrl: string | null;
  flagship: boolean;
  rural: boolean;
  status: 'active' | 'suspended' | 'closed';
  followerCount: number;
  productCount: number;
  createdAt: string;
}

export interface StoreViewer {
  following: boolean;
  staffRole: string | null;
}

export interface StoreDetail extends Store {
  viewer: StoreViewer;
}

export interface MyStore extends Store {
  staffRole: string;
}

export interface FollowResult {
  following: boolean;
  followerCount: number;
}

export interface Category {
  id: string;
  parentId: string | null;
  nameZh: string;
  nameEn: string;
  sort: number;
  children: Category[];
}

export interface Attribute {
  name: string;
  value: string;
}

export interface ProductOption {
  name: string;
  values: string[];
}

export interface Image {
  id: string;
  url: string;
  thumbUrl: string;
}

export type OptionValues = Record<string, string>;

export interface Sku {
  id: string;
  productId: string;
  code: string;
  optionValues: OptionValues;
  priceFen: number;
  listPriceFen: number | null;
  stock: number;
  status: 'active' | 'disabled';
}

export type ProductStatus = 'draft' | 'active' | 'archived';

export interface Product {
  id: string;
  storeId: string;
  categoryId: string;
  title: string;
  description: string;
  attributes: Attribute[];
  options: ProductOption[];
  images: Image[];
  noReasonReturn: boolean;
  status: ProductStatus;
  minPriceFen: number;
  maxPriceFen: number;
  totalStock: number;
  skus: Sku[];
  createdAt: string;
  updatedAt: string;
  store?: Store;
}

export type ProductSort = 'newest' | 'price_asc' | 'price_desc';

export type StockReason = 'restock' | 'correction' | 'damage' | 'return';

export interface StockResult {
  skuId: string;
  stock: number;
}

// Request bodies (only the fields the server accepts: unknown fields are a 400).

export interface SkuInput {
  code?: string;
  optionValues: OptionValues;
  priceFen: number;
  listPriceFen?: number;
  stock: number;
}

export interface ProductInput {
  title: string;
  description: string;
  categoryId: string;
  attributes: Attribute[];
  options: ProductOption[];
  imageIds: string[];
  noReasonReturn: boolean;
  status: 'draft' | 'active';
  skus: SkuInput[];
}

export type ProductPatch = Omit<ProductInput, 'options' | 'skus'>;

export interface SkuPatch {
  code?: string;
  priceFen?: number;
  listPriceFen?: number | null;
  status?: 'active' | 'disabled';
}

// Commerce: cart, checkout, orders, sandbox payments.

export type SourceType = 'feed_video' | 'live_room' | 'search' | 'store_page' | 'mall' | 'showcase' | 'product_page' | 'cart' | 'campaign' | 'other';

export interface Source {
  type: SourceType;
  id?: string;
}

export interface CartLine {
  skuId: string;
  productId: string;
  storeId: string;
  title: string;
  optionValues: OptionValues;
  imageUrl: string | null;
  unitPriceFen: number;
  quantity: number;
  stock: number;
  available: boolean;
  lineFen: number;
}

export interface Cart {
  stores: { storeId: string; lines: CartLine[]; subtotalFen: number }[];
  totalFen: number;
  count: number;
}

export interface CheckoutInput {
  /** `flashSaleId`: at that flash sale's price (a room's own sale only with its live_room source). */
  items?: { skuId: string; quantity: number; flashSaleId?: string }[];
  source?: Source;
  /** Ship to this address of my address book; left out, the default address. */
  addressId?: string;
  /** Wallet entries (user-coupon ids) to apply. */
  couponIds?: string[];
  expectedTotalFen?: number;
  /** The app's device id (see feed/device.ts), sent with every checkout. */
  deviceId?: string;
}

export interface CheckoutResult {
  checkoutId: string;
  totalFen: number;
  expiresAt: string;
  orders: {
    id: string;
    storeId: string;
    status: string;
    goodsFen: number;
    /** Coupon discounts on this order (store and platform). */
    discountFen: number;
    payFen: number;
    lines: { skuId: string; title: string; quantity: number; unitPriceFen: number; lineFen: number }[];
  }[];
  payment: { intentId: string; payUrl: string } | null;
}

export type OrderStatus = 'created' | 'paid' | 'shipped' | 'delivered' | 'completed' | 'cancelled';

export interface OrderLine {
  lineNo: number;
  skuId: string;
  productId: string;
  title: string;
  optionValues: OptionValues;
  imageUrl: string | null;
  unitPriceFen: number;
  quantity: number;
  lineFen: number;
  /** The line's share of the order's coupon discounts. */
  discountFen: number;
  /** Units and money already refunded for this line by after-sales. */
  refundedQuantity: number;
  refundedFen: number;
  noReasonReturn: boolean;
}

export interface OrderEvent {
  from: string | null;
  to: string;
  actor: string;
  reason: string;
  at: string;
}

export type ShipmentStatus = 'pending' | 'picked_up' | 'in_transit' | 'delivered';

/** The parcel as the carrier reports it; events newest first. */
export interface OrderTracking {
  carrier: string;
  carrierName: string;
  trackingNo: string;
  status: ShipmentStatus;
  events: { status: Exclude<ShipmentStatus, 'pending'>; description: string; at: string }[];
}

/** A carrier a store can ship with (GET /api/v1/carriers). */
export interface Carrier {
  code: string;
  nameZh: string;
  nameEn: string;
}

/** What an order shows of its after-sales (售后). */
export interface OrderAfterSales {
  openCaseId: string | null;
  /** Refunds the payment provider confirmed. */
  refundedFen: number;
  /** Refunds issued, not yet confirmed. */
  refundingFen: number;
  /** Compensation and return postage paid into the buyer's balance. */
  compensatedFen: number;
}

export interface Order {
  id: string;
  checkoutId: string;
  userId: string;
  storeId: string;
  status: OrderStatus;
  goodsFen: number;
  discountFen: number;
  shippingFen: number;
  payFen: number;
  source: { type: string; id: string | null };
  paymentIntentId: string | null;
  /** The pay page while the order is unpaid. */
  payUrl: string | null;
  payDeadline: string;
  paidAt: string | null;
  shippedAt: string | null;
  carrier: string | null;
  trackingNo: string | null;
  /** First pick-up scan by the carrier. */
  pickedUpAt: string | null;
  deliveredAt: string | null;
  completedAt: string | null;
  tracking: OrderTracking | null;
  cancelReason: string | null;
  shippingAddress: ShippingAddress | null;
  afterSales: OrderAfterSales;
  createdAt: string;
  lines: OrderLine[];
  history: OrderEvent[];
}

export interface SandboxPayment {
  providerRef: string;
  amountFen: number;
  currency: string;
  description: string;
  merchantName: string;
  status: 'requires_confirmation' | 'succeeded' | 'failed';
  refundedFen: number;
  createdAt: string;
}

// Money: a store's statement (its payable account in the ledger).

export interface StatementLine {
  entryId: string;
  kind: string;
  refType: string;
  refId: string;
  memo: string;
  /** Positive: the store is owed more (a sale); negative: less (a refund, a fee, a payout). */
  amountFen: number;
  payableAfterFen: number;
  at: string;
}

export interface Statement {
  storeId: string;
  account: string;
  currency: string;
  payableFen: number;
  openingFen: number;
  closingFen: number;
  items: StatementLine[];
  total: number;
  limit: number;
  offset: number;
}

/** An order's ship-to address: full for its buyer, masked (张*, 138****5678, ****) for merchants. */
export interface ShippingAddress {
  recipient: string;
  phone: string;
  province: string;
  city: string;
  district: string;
  detail: string;
  masked: boolean;
}

/** The fields a shopper fills in for an address (POST/PATCH /api/v1/me/addresses). */
export type AddressInput = Pick<Address, 'recipient' | 'phone' | 'province' | 'city' | 'district' | 'detail'>;

/** An entry of my address book (GET /api/v1/me/addresses). */
export interface Address {
  id: string;
  recipient: string;
  phone: string;
  province: string;
  city: string;
  district: string;
  detail: string;
  isDefault: boolean;
  createdAt: string;
}

export * from './typesMarketing.js';
export * from './typesVideo.js';
export * from './typesLive.js';
export * from './typesFeed.js';
