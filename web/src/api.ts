// Typed fetch client for the Flywheel API. Same-origin cookies; failures throw ApiError with the
// server's application/problem+json body.
import { deviceId } from './feed/device';
import { localizeMessage, localizeProblem } from './problemText';
import type {
  AfterSalesCase, CaseInput, CaseStatus, Address, AddressInput, Carrier, Cart, Coupon, Quote, StoreCouponInput, UserCoupon, WalletStatus, Category, CheckoutInput, CheckoutResult, FollowResult, Image, MyStore, Order, OrderStatus, Page, Problem, Product, ProductInput,
  ProductPatch, ProductSort, SandboxPayment, Session, ShippingAddress, SkuInput, Statement, SkuPatch, Source, StockReason, StockResult, Store, StoreDetail, User,
} from './types';

export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail || problem.title);
    this.name = 'ApiError';
    this.status = problem.status;
    this.problem = problem;
  }

  /** Field errors keyed by the field name without the `body.` prefix (e.g. `email`, `skus.0.priceFen`). */
  fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    const list = this.problem.errors ?? (this.problem.field ? [{ field: this.problem.field, message: this.problem.detail }] : []);
    for (const e of list) {
      const key = e.field.replace(/^body\./, '');
      if (!(key in out)) out[key] = localizeMessage(e.message);
    }
    return out;
  }
}

function isProblem(v: unknown): v is Problem {
  return typeof v === 'object' && v !== null && 'status' in v && 'code' in v;
}

type Query = Record<string, string | number | boolean | undefined>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') qs.set(k, String(v));
  const s = qs.toString();
  return s ? `${path}?${s}` : path;
}

/** The problem in a failed response's text, or one made from its status when the body is not one. */
export function problemOf(status: number, text: string, requestId: string | null): Problem {
  try {
    const data: unknown = text ? JSON.parse(text) : null;
    if (isProblem(data)) return data;
  } catch {
    // not JSON: fall through
  }
  return { type: 'about:blank', title: `HTTP ${status}`, status, code: status === 0 ? 'network' : 'http_error', detail: status === 0 ? 'Network error' : `HTTP ${status}`, requestId: requestId ?? '' };
}

/** One JSON (or FormData) request; the feature API modules (video, live) call this too. */
export async function request<T>(method: string, path: string, body?: unknown, extraHeaders: Record<string, string> = {}): Promise<T> {
  const init: RequestInit = { method, credentials: 'same-origin', headers: { accept: 'application/json', ...extraHeaders } };
  if (body instanceof FormData) init.body = body;
  else if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers = { accept: 'application/json', 'content-type': 'application/json', ...extraHeaders };
  }
  let res: Response;
  try {
    res = await fetch(path, init);
  } catch (err) {
    throw new ApiError({ type: 'urn:flywheel:problem:network', title: 'network', status: 0, code: 'network', detail: err instanceof Error ? err.message : 'Network error', requestId: '' });
  }
  const text = await res.text();
  if (!res.ok) throw new ApiError(problemOf(res.status, text, res.headers.get('x-request-id')));
  let data: unknown = undefined;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
  }
  return data as T;
}

const get = <T>(path: string, query?: Query) => request<T>('GET', withQuery(path, query));
const enc = encodeURIComponent;
type OrderQuery = { status?: OrderStatus; limit?: number; offset?: number };

export const api = {
  // identity
  me: () => get<User>('/api/v1/me'),
  login: (email: string, password: string) => request<Session>('POST', '/api/v1/auth/login', { email, password }),
  register: (body: { email: string; password: string; displayName: string; roles?: ('creator' | 'merchant')[] }) =>
    request<Session>('POST', '/api/v1/auth/register', body),
  logout: () => request<{ ok: true }>('POST', '/api/v1/auth/logout'),

  // catalog (public)
  categories: () => get<Category[]>('/api/v1/categories'),
  products: (q: { limit?: number; offset?: number; categoryId?: string; sort?: ProductSort } = {}) => get<Page<Product>>('/api/v1/products', q),
  product: (id: string) => get<Product>(`/api/v1/products/${encodeURIComponent(id)}`),
  stores: (q: { limit?: number; offset?: number } = {}) => get<Page<Store>>('/api/v1/stores', q),
  store: (id: string) => get<StoreDetail>(`/api/v1/stores/${encodeURIComponent(id)}`),
  storeProducts: (id: string, q: { limit?: number; offset?: number; sort?: ProductSort } = {}) =>
    get<Page<Product>>(`/api/v1/stores/${encodeURIComponent(id)}/products`, q),
  follow: (id: string, on: boolean) => request<FollowResult>(on ? 'PUT' : 'DELETE', `/api/v1/stores/${encodeURIComponent(id)}/follow`),

  // merchant
  myStores: () => get<MyStore[]>('/api/v1/merchant/stores'),
  openStore: (body: { name: string; description?: string; rural?: boolean }) => request<Store>('POST', '/api/v1/merchant/stores', body),
  myProducts: (storeId: string, q: { status?: 'all' | 'draft' | 'active' | 'archived'; limit?: number; offset?: number } = {}) =>
    get<Page<Product>>(`/api/v1/merchant/stores/${encodeURIComponent(storeId)}/products`, q),
  myProduct: (id: string) => get<Product>(`/api/v1/merchant/products/${encodeURIComponent(id)}`),
  createProduct: (storeId: string, body: ProductInput) => request<Product>('POST', `/api/v1/merchant/stores/${encodeURIComponent(storeId)}/products`, body),
  updateProduct: (id: string, body: ProductPatch) => request<Product>('PATCH', `/api/v1/merchant/products/${encodeURIComponent(id)}`, body),
  archiveProduct: (id: string) => request<Product>('POST', `/api/v1/merchant/products/${encodeURIComponent(id)}/archive`),
  addSku: (productId: string, body: SkuInput) => request<Product>('POST', `/api/v1/merchant/products/${encodeURIComponent(productId)}/skus`, body),
  updateSku: (skuId: string, body: SkuPatch) => request<Product>('PATCH', `/api/v1/merchant/skus/${encodeURIComponent(skuId)}`, body),
  adjustStock: (skuId: string, body: { delta: number; reason: StockReason; note?: string }) =>
    request<StockResult>('POST', `/api/v1/merchant/skus/${encodeURIComponent(skuId)}/stock`, body),

  // address book
  addresses: () => get<Address[]>('/api/v1/me/addresses'),
  addAddress: (body: AddressInput & { isDefault?: boolean }) => request<Address>('POST', '/api/v1/me/addresses', body),
  updateAddress: (id: string, body: Partial<AddressInput> & { isDefault?: boolean }) => request<Address>('PATCH', `/api/v1/me/addresses/${enc(id)}`, body),
  deleteAddress: (id: string) => request<null>('DELETE', `/api/v1/me/addresses/${enc(id)}`),
  revealAddress: (orderId: string) => request<ShippingAddress>('POST', `/api/v1/merchant/orders/${enc(orderId)}/address/reveal`),

  // cart, checkout, orders
  cart: () => get<Cart>('/api/v1/cart'),
  setCartItem: (skuId: string, quantity: number, source?: Source) =>
    request<Cart>('PUT', `/api/v1/cart/items/${enc(skuId)}`, source ? { quantity, source } : { quantity }),
  removeCartItem: (skuId: string) => request<Cart>('DELETE', `/api/v1/cart/items/${enc(skuId)}`),
  checkout: (idempotencyKey: string, body: CheckoutInput) => request<CheckoutResult>('POST', '/api/v1/checkout', { ...body, deviceId: deviceId() }, { 'idempotency-key': idempotencyKey }),
  orders: (q: OrderQuery = {}) => get<Page<Order>>('/api/v1/orders', q),
  order: (id: string) => get<Order>(`/api/v1/orders/${enc(id)}`),
  cancelOrder: (id: string, reason?: string) => request<Order>('POST', `/api/v1/orders/${enc(id)}/cancel`, reason ? { reason } : {}),
  storeOrders: (storeId: string, q: OrderQuery = {}) => get<Page<Order>>(`/api/v1/merchant/stores/${enc(storeId)}/orders`, q),
  shipOrder: (id: string, body: { carrier: string; trackingNo: string }) => request<Order>('POST', `/api/v1/merchant/orders/${enc(id)}/ship`, body),
  carriers: () => get<Carrier[]>('/api/v1/carriers'),
  confirmReceipt: (id: string) => request<Order>('POST', `/api/v1/orders/${enc(id)}/confirm-receipt`),

  // coupons
  quote: (body: CheckoutInput) => request<Quote>('POST', '/api/v1/checkout/quote', body),
  storeCoupons: (storeId: string) => get<Page<Coupon>>(`/api/v1/stores/${enc(storeId)}/coupons`, { limit: 50 }),
  claimCoupon: (couponId: string) => request<UserCoupon>('POST', `/api/v1/coupons/${enc(couponId)}/claim`),
  myCoupons: (q: { status?: WalletStatus; limit?: number; offset?: number } = {}) => get<Page<UserCoupon>>('/api/v1/me/coupons', q),
  merchantCoupons: (storeId: string, q: { limit?: number; offset?: number } = {}) => get<Page<Coupon>>(`/api/v1/merchant/stores/${enc(storeId)}/coupons`, q),
  createCoupon: (storeId: string, body: StoreCouponInput) => request<Coupon>('POST', `/api/v1/merchant/stores/${enc(storeId)}/coupons`, body),
  endCoupon: (storeId: string, couponId: string) => request<Coupon>('POST', `/api/v1/merchant/stores/${enc(storeId)}/coupons/${enc(couponId)}/end`),

  // after-sales
  openCase: (orderId: string, body: CaseInput) => request<AfterSalesCase>('POST', `/api/v1/orders/${enc(orderId)}/after-sales`, body),
  myCases: (q: { status?: CaseStatus; limit?: number; offset?: number } = {}) => get<Page<AfterSalesCase>>('/api/v1/after-sales', q),
  myCase: (id: string) => get<AfterSalesCase>(`/api/v1/after-sales/${enc(id)}`),
  cancelCase: (id: string) => request<AfterSalesCase>('POST', `/api/v1/after-sales/${enc(id)}/cancel`),
  shipReturn: (id: string, body: { carrier: string; trackingNo: string; postageFen?: number }) => request<AfterSalesCase>('POST', `/api/v1/after-sales/${enc(id)}/return-shipment`, body),
  escalateCase: (id: string, note?: string) => request<AfterSalesCase>('POST', `/api/v1/after-sales/${enc(id)}/escalate`, note ? { note } : {}),
  storeCases: (storeId: string, q: { status?: CaseStatus; limit?: number; offset?: number } = {}) => get<Page<AfterSalesCase>>(`/api/v1/merchant/stores/${enc(storeId)}/after-sales`, q),
  approveCase: (id: string) => request<AfterSalesCase>('POST', `/api/v1/merchant/after-sales/${enc(id)}/approve`),
  rejectCase: (id: string, reason: string) => request<AfterSalesCase>('POST', `/api/v1/merchant/after-sales/${enc(id)}/reject`, { reason }),
  confirmReturn: (id: string) => request<AfterSalesCase>('POST', `/api/v1/merchant/after-sales/${enc(id)}/confirm-return`),

  // money
  statement: (storeId: string, q: { limit?: number; offset?: number; from?: string; to?: string } = {}) =>
    get<Statement>(`/api/v1/merchant/stores/${enc(storeId)}/statement`, q),

  // sandbox payment provider (the hosted cashier page)
  sandboxPayment: (ref: string) => get<SandboxPayment>(`/api/v1/sandbox-psp/payments/${enc(ref)}`),
  confirmSandboxPayment: (ref: string, outcome: 'succeed' | 'fail') =>
    request<SandboxPayment>('POST', `/api/v1/sandbox-psp/payments/${enc(ref)}/confirm`, { outcome }),

  // media
  uploadImage: (file: File) => {
    const form = new FormData();
    form.append('file', file);
    return request<Image>('POST', '/api/v1/images', form);
  },
};

/** A readable message for any thrown value. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return localizeProblem(err.problem.code, err.problem.detail || err.problem.title);
  if (err instanceof Error) return err.message;
  return String(err);
}
