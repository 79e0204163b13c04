// Every route rejects malformed, out-of-range and unknown input with a 400 problem naming the
// field; 401 without a session; 403 for the wrong role or someone else's store; 404 for ids that
// point at nothing; and a rejected request writes nothing. One table entry per route; a route
// in the OpenAPI document without an entry fails the coverage test.
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Product } from '../../src/modules/catalog/model.ts';
import type { Store } from '../../src/modules/catalog/stores.ts';
import type { PaymentIntent } from '../../src/modules/payments/service.ts';
import { SIGNATURE_HEADER, signPayload } from '../../src/modules/payments/sandbox/wire.ts';
import { Client, dbFingerprint, startTestPlatform, type TestPlatform } from '../support/platform.ts';
import {
  MISSING_IDS,
  Raw,
  bodyAt,
  bodyWithout,
  fileCount,
  fillUrl,
  openApiRoutes,
  paramAt,
  queryAt,
  queryString,
  routeKey,
  send,
  type BadCase,
  type Body,
  type Json,
  type RouteEntry,
  type Who,
} from '../support/route-table.ts';

// ---- fixtures -----------------------------------------------------------------------------------

interface Fixtures {
  clients: Record<Exclude<Who, 'fresh'>, Client>;
  emails: { shopper: string; newStaff: string; plainShopper: string };
  userIds: { creator: string };
  categoryRoot: string;
  categoryChild: string;
  storeA: Store; // owned by `merchant`, `member` is staff
  productA: Product; // in storeA, options 口味: 原味 香辣 and spare values, SKUs for 原味 and 香辣
  productToArchive: Product;
  orderToCancel: string; // the shopper's unpaid order in storeA
  paidOrder: string; // the shopper's paid order in storeA
  flashSku: string; // a SKU of storeA with a running flash sale
  flashSale: string;
  imageId: string;
  payments: { pending: PaymentIntent; paid: PaymentIntent; webhook: PaymentIntent }; // the shopper pays
  png: Buffer;
  tinyPng: Buffer;
}

let t: TestPlatform;
let fx: Fixtures;
const PASSWORD = 'correct-horse-1';
let registered = 0;
/** Values no SKU uses yet: each valid add-SKU body takes the next one. */
const SPARE_FLAVOURS = Array.from({ length: 40 }, (_, i) => `口味${i + 1}`);
let flavours = 0;

async function png(size: number): Promise<Buffer> {
  return sharp({ create: { width: size, height: size, channels: 3, background: '#c0392b' } }).png().toBuffer();
}

beforeAll(async () => {
  t = await startTestPlatform({ LOGIN_MAX_ATTEMPTS: '1000' });
  // Nothing may write behind the tests' backs: the outbox is drained by hand below.
  await t.platform.bus.stop();
  await t.platform.jobs.stop();
  const c = t.client;
  const cats = t.platform.services.categories;
  const root = await cats.create({ nameZh: '食品', nameEn: 'Food' });
  const child = await cats.create({ parentId: root.id, nameZh: '零食', nameEn: 'Snacks' });
  const shopper = await c.register('bi-shopper@example.com');
  const creator = await c.register('bi-creator@example.com', ['creator']);
  const merchant = await c.register('bi-merchant@example.com', ['merchant']);
  const member = await c.register('bi-member@example.com', ['merchant']);
  const other = await c.register('bi-other@example.com', ['merchant']);
  await c.register('bi-newstaff@example.com', ['merchant']);
  await c.register('bi-plain@example.com');
  const operatorUser = await t.platform.services.identity.register({ email: 'bi-ops@example.com', password: PASSWORD, displayName: 'ops', roles: [] });
  await t.platform.services.identity.setRoles(operatorUser.id, ['operator']);
  const operator = await c.login('bi-ops@example.com', PASSWORD);
  const creatorId = (await creator.get<{ id: string }>('/api/v1/me')).body.id;

  const storeA = (await merchant.post<Store>('/api/v1/merchant/stores', { name: '坏输入测试店' })).body;
  expect((await merchant.post(`/api/v1/merchant/stores/${storeA.id}/members`, { email: 'bi-member@example.com', role: 'member' })).status).toBe(200);
  await other.post<Store>('/api/v1/merchant/stores', { name: '别人的店' });
  const product = (n: string) => ({
    title: n,
    categoryId: child.id,
    options: [{ name: '口味', values: ['原味', '香辣', ...SPARE_FLAVOURS] }],
    skus: [
      { optionValues: { 口味: '原味' }, priceFen: 3990, stock: 10 },
      { optionValues: { 口味: '香辣' }, priceFen: 4290, listPriceFen: 5900, stock: 5 },
    ],
  });
  const productA = (await merchant.post<Product>(`/api/v1/merchant/stores/${storeA.id}/products`, product('牛肉干'))).body;
  const productToArchive = (await merchant.post<Product>(`/api/v1/merchant/stores/${storeA.id}/products`, product('待下架'))).body;
  const checkoutOf = async (quantity: number) =>
    (await shopper.post<{ checkoutId: string; totalFen: number; orders: Array<{ id: string }> }>('/api/v1/checkout', { items: [{ skuId: productA.skus[1]!.id, quantity }] }, { 'idempotency-key': `bi-fixture-${quantity}` })).body;
  const toCancel = await checkoutOf(1);
  const toShip = await checkoutOf(2);
  await t.platform.db.tx((tx) => t.platform.services.orders.markCheckoutPaid(tx, toShip.checkoutId, toShip.totalFen));
  const flashProduct = (await merchant.post<Product>(`/api/v1/merchant/stores/${storeA.id}/products`, { title: '秒杀橙子', categoryId: child.id, skus: [{ optionValues: {}, priceFen: 5990, stock: 100 }] })).body;
  const flashSale = (
    await merchant.post<{ id: string }>('/api/v1/merchant/flash-sales', { skuId: flashProduct.skus[0]!.id, priceFen: 990, quantity: 20, perBuyerLimit: 2, startsAt: new Date(Date.now() - 1000).toISOString(), endsAt: new Date(Date.now() + 3_600_000).toISOString() })
  ).body;
  const pngBuf = await png(32);
  const merchantId = (await merchant.get<{ id: string }>('/api/v1/me')).body.id;
  const image = await t.platform.services.media.uploadImage(pngBuf, merchantId);
  const shopperId = (await shopper.get<{ id: string }>('/api/v1/me')).body.id;
  const intentFor = (reference: string) => t.platform.db.tx((tx) => t.platform.services.payments.createIntent(tx, { reference, amountFen: 4290, payerId: shopperId, description: '坏输入测试' }));
  const payments = { pending: await intentFor('bi-pay-pending'), paid: await intentFor('bi-pay-paid'), webhook: await intentFor('bi-pay-webhook') };
  expect((await shopper.post(`/api/v1/sandbox-psp/payments/${payments.paid.providerRef}/confirm`, { outcome: 'succeed' })).status).toBe(200);
  await t.platform.bus.drain();

  fx = {
    clients: { anon: c, badToken: c.as('not-a-real-token'), shopper, creator, merchant, member, other, operator },
    emails: { shopper: 'bi-shopper@example.com', newStaff: 'bi-newstaff@example.com', plainShopper: 'bi-plain@example.com' },
    userIds: { creator: creatorId },
    categoryRoot: root.id,
    categoryChild: child.id,
    storeA,
    productA,
    productToArchive,
    orderToCancel: toCancel.orders[0]!.id,
    paidOrder: toShip.orders[0]!.id,
    flashSku: flashProduct.skus[0]!.id,
    flashSale: flashSale.id,
    imageId: image.id,
    payments,
    png: pngBuf,
    tinyPng: await png(4),
  };
});
afterAll(() => t?.close());

async function clientFor(who: Who): Promise<Client> {
  // A session of its own, for requests that may end the session they run in (sign-out).
  if (who === 'fresh') return t.client.login(fx.emails.shopper, PASSWORD);
  return fx.clients[who];
}

/** The database's rows and the data directory's files: a rejected request changes neither. */
async function fingerprint(): Promise<Record<string, number>> {
  await t.platform.bus.drain();
  return { ...(await dbFingerprint(t.platform)), 'files#dataDir': fileCount(t.dataDir) };
}

const form = (fields: Array<[string, Blob | string, string?]>): FormData => {
  const f = new FormData();
  for (const [name, value, filename] of fields) {
    if (typeof value === 'string') f.append(name, value);
    else f.append(name, value, filename);
  }
  return f;
};
const pngBlob = (buf: Buffer) => new Blob([new Uint8Array(buf)], { type: 'image/png' });

const long = (n: number, ch = '字') => ch.repeat(n);
const PAGE_CASES = (): BadCase[] => [
  queryAt('limit', 'abc', 'malformed'),
  queryAt('limit', '1000', 'out-of-range'),
  queryAt('limit', '0', 'out-of-range'),
  queryAt('offset', '-1', 'out-of-range'),
  queryAt('offset', '1.5', 'malformed'),
];
const PRODUCT_BODY = (): Json => ({
  title: '手撕牛肉干',
  description: '内蒙古风干牛肉',
  categoryId: fx.categoryChild,
  attributes: [{ name: '产地', value: '内蒙古' }],
  options: [{ name: '口味', values: ['原味', '香辣'] }],
  skus: [
    { optionValues: { 口味: '原味' }, priceFen: 3990, stock: 10 },
    { optionValues: { 口味: '香辣' }, priceFen: 4290, listPriceFen: 5900, stock: 5 },
  ],
});
const nonMerchants: Who[] = ['shopper', 'creator'];
const WEBHOOK_EVENT = (): Json => ({
  id: 'sevt_0000000000badinput00',
  type: 'payment.succeeded',
  created: Math.floor(Date.now() / 1000),
  sequence: 1,
  data: { paymentRef: fx.payments.webhook.providerRef, merchantRef: fx.payments.webhook.id, amountFen: 4290 },
});
const nonOperators: Who[] = ['shopper', 'merchant'];

// ---- the table: one entry per route -------------------------------------------------------------

const ROUTES: RouteEntry[] = [
  // platform
  { method: 'GET', url: '/api/health', access: 'public', who: 'anon', ok: 200, bad: [] },

  // identity
  {
    method: 'POST',
    url: '/api/v1/auth/register',
    access: 'public',
    who: 'anon',
    body: () => ({ email: `bi-reg${++registered}@example.com`, password: PASSWORD, displayName: '新用户' }),
    ok: 201,
    bad: [
      bodyAt('email', 42, 'malformed'),
      bodyAt('email', 'not-an-email', 'malformed'),
      bodyAt('email', `${long(250, 'x')}@example.com`, 'out-of-range'),
      bodyAt('password', 'short', 'out-of-range'),
      bodyAt('password', long(129, 'x'), 'out-of-range'),
      bodyAt('displayName', '', 'out-of-range'),
      bodyAt('displayName', long(41), 'out-of-range'),
      bodyAt('displayName', 'a\u0000b', 'malformed'),
      bodyAt('roles', ['operator'], 'out-of-range', 'roles.0'),
      bodyAt('roles', ['merchant', 'merchant'], 'malformed'),
      bodyAt('roles', 'merchant', 'malformed'),
      bodyAt('mode', 'session', 'malformed'),
      bodyWithout('password'),
      bodyWithout('email'),
    ],
  },
  {
    method: 'POST',
    url: '/api/v1/auth/login',
    access: 'public',
    who: 'anon',
    body: () => ({ email: fx.emails.shopper, password: PASSWORD, mode: 'token' }),
    ok: 200,
    bad: [bodyAt('email', ['a@b.c'], 'malformed'), bodyAt('email', 'shopper', 'malformed'), bodyAt('password', '', 'out-of-range'), bodyAt('password', long(129, 'x'), 'out-of-range'), bodyAt('mode', 'jwt', 'malformed'), bodyWithout('password')],
  },
  { method: 'POST', url: '/api/v1/auth/logout', access: 'user', who: 'fresh', ok: 200, bad: [] },
  { method: 'GET', url: '/api/v1/me', access: 'user', who: 'shopper', ok: 200, bad: [] },
  {
    method: 'GET',
    url: '/api/v1/ops/users',
    access: ['operator'],
    who: 'operator',
    query: () => ({ q: 'bi-', role: 'merchant' }),
    ok: 200,
    wrongRole: nonOperators,
    bad: [...PAGE_CASES(), queryAt('role', 'king', 'malformed'), queryAt('q', long(101, 'x'), 'out-of-range')],
  },
  {
    method: 'PUT',
    url: '/api/v1/ops/users/:userId/roles',
    access: ['operator'],
    who: 'operator',
    params: () => ({ userId: fx.userIds.creator }),
    body: () => ({ roles: ['creator'] }),
    ok: 200,
    wrongRole: nonOperators,
    bad: [
      bodyAt('roles', [], 'out-of-range'),
      bodyAt('roles', 'creator', 'malformed'),
      bodyAt('roles', ['king'], 'malformed', 'roles.0'),
      bodyAt('roles', ['creator', 'creator'], 'malformed'),
      bodyAt('roles', ['shopper', 'creator', 'merchant', 'agent', 'operator', 'shopper'], 'out-of-range'),
      bodyWithout('roles'),
    ],
  },

  // media
  {
    method: 'POST',
    url: '/api/v1/images',
    access: ['merchant', 'creator', 'operator'],
    who: 'merchant',
    form: () => form([['file', pngBlob(fx.png), 'a.png']]),
    ok: 201,
    wrongRole: ['shopper'],
    bad: [
      { name: 'a JSON body instead of multipart', kind: 'media-type', body: () => ({ file: 'x' }), expect: { status: 415, code: 'unsupported_media_type', field: 'file' } },
      { name: 'multipart with the image under another name', kind: 'unknown-field', body: () => form([['image', pngBlob(fx.png), 'a.png']]), expect: { status: 400, code: 'validation_failed', field: 'image' } },
      { name: 'multipart "file" as a text field', kind: 'malformed', body: () => form([['file', 'not a file']]), expect: { status: 400, code: 'validation_failed', field: 'file' } },
      { name: 'a file that is not an image', kind: 'malformed', body: () => form([['file', new Blob(['hello, world'], { type: 'image/png' }), 'a.png']]), expect: { status: 415, code: 'unsupported_media_type', field: 'file' } },
      { name: 'an image smaller than 16×16', kind: 'out-of-range', body: () => form([['file', pngBlob(fx.tinyPng), 'a.png']]), expect: { status: 400, code: 'validation_failed', field: 'file' } },
      { name: 'multipart with an unknown field', kind: 'unknown-field', body: () => form([['extra', '1'], ['file', pngBlob(fx.png), 'a.png']]), expect: { status: 400, code: 'validation_failed', field: 'extra' } },
    ],
  },
  {
    method: 'GET',
    url: '/media/images/:imageId/:variant',
    access: 'public',
    who: 'anon',
    params: () => ({ imageId: fx.imageId, variant: 'w240' }),
    ok: 200,
    bad: [paramAt('imageId', 'prd_0000000000zzzzzzzzzz'), paramAt('variant', 'w999'), paramAt('variant', 'orig.webp')],
  },

  // catalog, public
  { method: 'GET', url: '/api/v1/categories', access: 'public', who: 'anon', ok: 200, bad: [] },
  {
    method: 'GET',
    url: '/api/v1/stores',
    access: 'public',
    who: 'anon',
    query: () => ({ q: '店', rural: 'false' }),
    ok: 200,
    bad: [...PAGE_CASES(), queryAt('flagship', 'maybe', 'malformed'), queryAt('rural', '2', 'malformed'), queryAt('q', long(51), 'out-of-range'), queryAt('q', 'a\u0000b', 'malformed'), { name: 'query limit given twice', kind: 'malformed', rawQuery: 'limit=1&limit=2', expect: { status: 400, code: 'validation_failed', field: 'querystring.limit' } }],
  },
  { method: 'GET', url: '/api/v1/stores/:storeId', access: 'public', who: 'anon', params: () => ({ storeId: fx.storeA.id }), ok: 200, bad: [paramAt('storeId', 'STO_0000000000ZZZZZZZZZZ'), paramAt('storeId', `sto_${long(41, 'a')}`, 'out-of-range')] },
  {
    method: 'GET',
    url: '/api/v1/stores/:storeId/products',
    access: 'public',
    who: 'anon',
    params: () => ({ storeId: fx.storeA.id }),
    query: () => ({ sort: 'price_asc' }),
    ok: 200,
    bad: [...PAGE_CASES(), queryAt('categoryId', 'snacks', 'malformed'), queryAt('sort', 'cheapest', 'malformed')],
  },
  { method: 'PUT', url: '/api/v1/stores/:storeId/follow', access: 'user', who: 'shopper', params: () => ({ storeId: fx.storeA.id }), ok: 200, bad: [] },
  { method: 'DELETE', url: '/api/v1/stores/:storeId/follow', access: 'user', who: 'shopper', params: () => ({ storeId: fx.storeA.id }), ok: 200, bad: [] },
  {
    method: 'GET',
    url: '/api/v1/products',
    access: 'public',
    who: 'anon',
    query: () => ({ categoryId: fx.categoryRoot, sort: 'newest' }),
    ok: 200,
    bad: [...PAGE_CASES(), queryAt('offset', '100001', 'out-of-range'), queryAt('categoryId', 'food', 'malformed'), queryAt('storeId', '123', 'malformed'), queryAt('sort', 'random', 'malformed')],
  },
  { method: 'GET', url: '/api/v1/products/:productId', access: 'public', who: 'anon', params: () => ({ productId: fx.productA.id }), ok: 200, bad: [paramAt('productId', 'prd_short')] },

  // catalog, merchant
  { method: 'GET', url: '/api/v1/merchant/stores', access: ['merchant'], who: 'merchant', ok: 200, wrongRole: nonMerchants, bad: [] },
  {
    method: 'POST',
    url: '/api/v1/merchant/stores',
    access: ['merchant'],
    who: 'merchant',
    body: () => ({ name: '第二家店', description: '山货', rural: true }),
    ok: 201,
    wrongRole: nonMerchants,
    bad: [
      bodyAt('name', 7, 'malformed'),
      bodyAt('name', '店', 'out-of-range'),
      bodyAt('name', long(31), 'out-of-range'),
      bodyAt('name', '店\u0000铺', 'malformed'),
      bodyAt('description', long(501), 'out-of-range'),
      bodyAt('slug', 'AB', 'malformed'),
      bodyAt('slug', 'my shop', 'malformed'),
      bodyAt('slug', long(41, 'a'), 'out-of-range'),
      bodyAt('rural', 'yes', 'malformed'),
      bodyAt('logoImageId', 'img_0000000000zzzzzzzzzz', 'unknown-field'),
      bodyWithout('name'),
    ],
  },
  {
    method: 'PATCH',
    url: '/api/v1/merchant/stores/:storeId',
    access: ['merchant'],
    who: 'merchant',
    params: () => ({ storeId: fx.storeA.id }),
    body: () => ({ description: '更新的介绍' }),
    ok: 200,
    wrongRole: nonMerchants,
    notOwner: ['other', 'member'],
    bad: [bodyAt('name', '', 'out-of-range'), bodyAt('name', long(31), 'out-of-range'), bodyAt('name', null, 'malformed'), bodyAt('logoImageId', 'logo.png', 'malformed'), bodyAt('rural', 1, 'malformed'), bodyAt('slug', 'new-slug', 'unknown-field')],
  },
  {
    method: 'GET',
    url: '/api/v1/merchant/stores/:storeId/members',
    access: ['merchant'],
    who: 'merchant',
    params: () => ({ storeId: fx.storeA.id }),
    ok: 200,
    wrongRole: nonMerchants,
    notOwner: ['other'],
    bad: [],
  },
  {
    method: 'POST',
    url: '/api/v1/merchant/stores/:storeId/members',
    access: ['merchant'],
    who: 'merchant',
    params: () => ({ storeId: fx.storeA.id }),
    body: () => ({ email: fx.emails.newStaff, role: 'member' }),
    ok: 200,
    wrongRole: nonMerchants,
    notOwner: ['other', 'member'],
    bad: [bodyAt('email', 'newstaff', 'malformed'), bodyAt('email', `${long(250, 'x')}@example.com`, 'out-of-range'), bodyAt('role', 'admin', 'malformed'), bodyWithout('role'), bodyWithout('email')],
    missing: [
      { name: 'an email nobody registered', kind: 'not-found', body: (b) => ({ ...b, email: 'nobody@example.com' }), expect: { status: 404, code: 'not_found', field: 'email' } },
      { name: 'the email of a non-merchant', kind: 'not-found', body: (b) => ({ ...b, email: fx.emails.plainShopper }), expect: { status: 404, code: 'not_found', field: 'email' } },
    ],
  },
  {
    method: 'GET',
    url: '/api/v1/merchant/stores/:storeId/products',
    access: ['merchant'],
    who: 'merchant',
    params: () => ({ storeId: fx.storeA.id }),
    query: () => ({ status: 'all', q: '牛' }),
    ok: 200,
    wrongRole: nonMerchants,
    notOwner: ['other'],
    bad: [...PAGE_CASES(), queryAt('status', 'deleted', 'malformed'), queryAt('q', long(61), 'out-of-range')],
  },
  {
    method: 'POST',
    url: '/api/v1/merchant/stores/:storeId/products',
    access: ['merchant'],
    who: 'merchant',
    params: () => ({ storeId: fx.storeA.id }),
    body: PRODUCT_BODY,
    ok: 201,
    wrongRole: nonMerchants,
    notOwner: ['other'],
    bad: [
      bodyAt('title', 123, 'malformed'),
      bodyAt('title', '', 'out-of-range'),
      bodyAt('title', long(61), 'out-of-range'),
      bodyWithout('title'),
      bodyAt('title', '牛\u0000肉干', 'malformed'),
      bodyAt('description', long(5001), 'out-of-range'),
      { name: 'a body over the 1 MiB limit', kind: 'out-of-range', body: (b) => ({ ...b, description: long(1024 * 1024, 'x') }), expect: { status: 413, code: 'payload_too_large', field: 'body' } },
      bodyAt('categoryId', 'food', 'malformed'),
      bodyWithout('categoryId'),
      bodyAt('skus', [], 'out-of-range'),
      bodyWithout('skus'),
      bodyAt('skus.0.priceFen', -1, 'out-of-range'),
      bodyAt('skus.0.priceFen', '3990', 'malformed'),
      bodyAt('skus.0.priceFen', 39.9, 'malformed'),
      bodyAt('skus.0.priceFen', 10_000_000_001, 'out-of-range'),
      bodyAt('skus.0.stock', -1, 'out-of-range'),
      bodyAt('skus.0.stock', 10_000_001, 'out-of-range'),
      bodyAt('skus.1.listPriceFen', -5, 'out-of-range'),
      bodyAt('skus.0.code', long(65, 'x'), 'out-of-range'),
      bodyAt('skus.0.optionValues', { a: '1', b: '2', c: '3', d: '4' }, 'out-of-range'),
      bodyAt('skus.0.optionValues.口味', '', 'out-of-range'),
      bodyAt('skus.0.extra', 1, 'unknown-field'),
      bodyAt('attributes.0.value', long(101), 'out-of-range'),
      bodyAt('attributes.0.extra', 1, 'unknown-field'),
      bodyAt('options', [1, 2, 3, 4].map((i) => ({ name: `o${i}`, values: ['a'] })), 'out-of-range'),
      bodyAt('options.0.values', [], 'out-of-range'),
      bodyAt('imageIds', ['x'], 'malformed', 'imageIds.0'),
      bodyAt('status', 'archived', 'malformed'),
      bodyAt('noReasonReturn', 'true', 'malformed'),
      // Checked by the service, after the schema: named like schema errors, by the body path.
      { ...bodyAt('categoryId', MISSING_IDS.categoryId, 'semantic', 'categoryId'), name: 'body categoryId names no category' },
      { ...bodyAt('skus.1.optionValues', { 口味: '原味' }, 'semantic', 'skus.1.optionValues'), name: 'two SKUs with the same option values' },
      { ...bodyAt('skus.0.optionValues', { 口味: '麻辣' }, 'semantic', 'skus.0.optionValues.口味'), name: 'a SKU with a value the option does not have' },
      { ...bodyAt('options.0.values', ['原味', '原味'], 'semantic', 'options.0.values'), name: 'an option repeating a value' },
    ],
  },
  {
    method: 'GET',
    url: '/api/v1/merchant/products/:productId',
    access: ['merchant'],
    who: 'merchant',
    params: () => ({ productId: fx.productA.id }),
    ok: 200,
    wrongRole: nonMerchants,
    notOwner: ['other'],
    bad: [],
  },
  {
    method: 'PATCH',
    url: '/api/v1/merchant/products/:productId',
    access: ['merchant'],
    who: 'merchant',
    params: () => ({ productId: fx.productA.id }),
    body: () => ({ title: '牛肉干 500g', noReasonReturn: false }),
    ok: 200,
    wrongRole: nonMerchants,
    notOwner: ['other'],
    bad: [
      bodyAt('title', long(61), 'out-of-range'),
      bodyAt('title', null, 'malformed'),
      bodyAt('categoryId', 'snacks', 'malformed'),
      bodyAt('imageIds', Array.from({ length: 10 }, (_, i) => `img_000000000${i}zzzzzzzzzz`), 'out-of-range'),
      bodyAt('imageIds', ['img_0000000000zzzzzzzzzz', 'img_0000000000zzzzzzzzzz'], 'malformed'),
      bodyAt('attributes', [{ name: '产地' }], 'missing-field', 'attributes.0.value'),
      bodyAt('status', 'archived', 'malformed'),
      bodyAt('noReasonReturn', 0, 'malformed'),
      bodyAt('options', [], 'unknown-field'),
      bodyAt('skus', [], 'unknown-field'),
      { ...bodyAt('categoryId', MISSING_IDS.categoryId, 'semantic', 'categoryId'), name: 'body categoryId names no category' },
    ],
  },
  {
    method: 'POST',
    url: '/api/v1/merchant/products/:productId/archive',
    access: ['merchant'],
    who: 'merchant',
    params: () => ({ productId: fx.productToArchive.id }),
    ok: 200,
    wrongRole: nonMerchants,
    notOwner: ['other'],
    bad: [],
  },
  {
    method: 'POST',
    url: '/api/v1/merchant/products/:productId/skus',
    access: ['merchant'],
    who: 'merchant',
    params: () => ({ productId: fx.productA.id }),
    body: () => ({ optionValues: { 口味: SPARE_FLAVOURS[flavours++ % SPARE_FLAVOURS.length]! }, priceFen: 4590, stock: 3, code: 'WX-500' }),
    ok: 201,
    wrongRole: nonMerchants,
    notOwner: ['other'],
    bad: [
      bodyAt('priceFen', -1, 'out-of-range'),
      bodyAt('priceFen', '4590', 'malformed'),
      bodyAt('priceFen', 10_000_000_001, 'out-of-range'),
      bodyAt('stock', 1.5, 'malformed'),
      bodyAt('stock', -3, 'out-of-range'),
      bodyWithout('optionValues'),
      bodyWithout('priceFen'),
      bodyAt('optionValues', ['五香'], 'malformed'),
      bodyAt('optionValues.口味', long(31), 'out-of-range'),
      bodyAt('code', long(65, 'x'), 'out-of-range'),
      bodyAt('listPriceFen', 'x', 'malformed'),
      bodyAt('status', 'active', 'unknown-field'),
      { ...bodyAt('optionValues', { 口味: '原味' }, 'semantic', 'skus.2.optionValues'), name: 'a SKU duplicating an existing one' },
      { ...bodyAt('optionValues', { 颜色: '红' }, 'semantic', 'skus.2.optionValues.颜色'), name: 'a SKU naming an option the product lacks' },
    ],
  },
  {
    method: 'PATCH',
    url: '/api/v1/merchant/skus/:skuId',
    access: ['merchant'],
    who: 'merchant',
    params: () => ({ skuId: fx.productA.skus[0]!.id }),
    body: () => ({ priceFen: 2500, listPriceFen: null }),
    ok: 200,
    wrongRole: nonMerchants,
    notOwner: ['other'],
    bad: [
      bodyAt('priceFen', -1, 'out-of-range'),
      bodyAt('priceFen', 100_000_000_000, 'out-of-range'),
      bodyAt('priceFen', null, 'malformed'),
      bodyAt('priceFen', '25.00', 'malformed'),
      bodyAt('listPriceFen', -1, 'out-of-range'),
      bodyAt('status', 'deleted', 'malformed'),
      bodyAt('optionValues', { 口味: long(31) }, 'out-of-range', 'optionValues.口味'),
      bodyAt('stock', 99, 'unknown-field'),
      { ...bodyAt('optionValues', { 口味: '香辣' }, 'semantic', 'skus.1.optionValues'), name: 'option values another SKU already has' },
    ],
  },
  {
    method: 'POST',
    url: '/api/v1/merchant/skus/:skuId/stock',
    access: ['merchant'],
    who: 'merchant',
    params: () => ({ skuId: fx.productA.skus[0]!.id }),
    body: () => ({ delta: 5, reason: 'restock', note: '补货' }),
    ok: 200,
    wrongRole: nonMerchants,
    notOwner: ['other'],
    bad: [
      bodyAt('delta', 0, 'out-of-range'),
      bodyAt('delta', 1.5, 'malformed'),
      bodyAt('delta', '5', 'malformed'),
      bodyAt('delta', 10_000_001, 'out-of-range'),
      bodyAt('delta', -10_000_001, 'out-of-range'),
      bodyWithout('delta'),
      bodyAt('reason', 'sale', 'out-of-range'),
      bodyAt('reason', 'initial', 'out-of-range'),
      bodyAt('reason', 'steal', 'malformed'),
      bodyWithout('reason'),
      bodyAt('note', long(201), 'out-of-range'),
      bodyAt('stock', 100, 'unknown-field'),
      { name: 'a delta that would take stock below zero', kind: 'semantic', body: (b) => ({ ...b, delta: -1000 }), expect: { status: 409, code: 'invalid_state' } },
    ],
  },
  {
    method: 'GET',
    url: '/api/v1/merchant/skus/:skuId/stock-movements',
    access: ['merchant'],
    who: 'merchant',
    params: () => ({ skuId: fx.productA.skus[0]!.id }),
    query: () => ({ limit: '5' }),
    ok: 200,
    wrongRole: nonMerchants,
    notOwner: ['other'],
    bad: [queryAt('limit', '1000', 'out-of-range'), queryAt('limit', '0', 'out-of-range'), queryAt('limit', 'ten', 'malformed'), queryAt('offset', '0', 'unknown-field')],
  },

  // commerce
  { method: 'GET', url: '/api/v1/cart', access: 'user', who: 'shopper', ok: 200, bad: [] },
  {
    method: 'PUT',
    url: '/api/v1/cart/items/:skuId',
    access: 'user',
    who: 'shopper',
    params: () => ({ skuId: fx.productA.skus[0]!.id }),
    body: () => ({ quantity: 1, source: { type: 'search' } }),
    ok: 200,
    bad: [
      bodyAt('quantity', 0, 'out-of-range'),
      bodyAt('quantity', 1000, 'out-of-range'),
      bodyAt('quantity', 1.5, 'malformed'),
      bodyAt('quantity', '1', 'malformed'),
      bodyWithout('quantity'),
      bodyAt('source.type', 'tv', 'malformed'),
      bodyAt('source.id', long(65, 'x'), 'out-of-range'),
      bodyAt('source.extra', 1, 'unknown-field'),
      bodyAt('priceFen', 1, 'unknown-field'),
    ],
  },
  { method: 'DELETE', url: '/api/v1/cart/items/:skuId', access: 'user', who: 'shopper', params: () => ({ skuId: fx.productA.skus[0]!.id }), ok: 200, bad: [paramAt('skuId', 'SKU-1')] },
  {
    method: 'POST',
    url: '/api/v1/checkout',
    access: 'user',
    who: 'shopper',
    headers: () => ({ 'idempotency-key': `bi-${Date.now()}-${Math.random().toString(36).slice(2)}` }),
    body: () => ({ items: [{ skuId: fx.productA.skus[0]!.id, quantity: 1 }], source: { type: 'store_page', id: fx.storeA.id } }),
    ok: 201,
    bad: [
      { name: 'no Idempotency-Key header', kind: 'missing-field', headers: {}, expect: { status: 400, code: 'validation_failed', field: 'headers.idempotency-key' } },
      { name: 'an Idempotency-Key that is too short', kind: 'out-of-range', headers: { 'idempotency-key': 'abc' }, expect: { status: 400, code: 'validation_failed', field: 'headers.idempotency-key' } },
      bodyAt('items', [], 'out-of-range'),
      bodyAt('items.0.quantity', 0, 'out-of-range'),
      bodyAt('items.0.quantity', -1, 'out-of-range'),
      bodyAt('items.0.quantity', 1000, 'out-of-range'),
      bodyAt('items.0.quantity', '1', 'malformed'),
      bodyAt('items.0.skuId', 'abc', 'malformed'),
      bodyAt('items.0.priceFen', 1, 'unknown-field'),
      bodyAt('items.0.flashSaleId', 'sale-1', 'malformed'),
      { name: 'a flash sale of another SKU', kind: 'not-found', body: (b) => ({ ...b, items: [{ skuId: fx.productA.skus[0]!.id, quantity: 1, flashSaleId: fx.flashSale }] }), expect: { status: 404, code: 'not_found', field: 'items.0.flashSaleId' } },
      { name: 'more of a flash sale than one buyer may have', kind: 'semantic', body: (b) => ({ ...b, items: [{ skuId: fx.flashSku, quantity: 3, flashSaleId: fx.flashSale }] }), expect: { status: 409, code: 'invalid_state', field: 'items.0.quantity' } },
      bodyAt('source.type', 'tv', 'malformed'),
      bodyAt('expectedTotalFen', -1, 'out-of-range'),
      bodyAt('discountFen', 100, 'unknown-field'),
      { name: 'a tampered total', kind: 'semantic', body: (b) => ({ ...b, expectedTotalFen: 1 }), expect: { status: 409, code: 'conflict', field: 'expectedTotalFen' } },
      { name: 'more than is in stock', kind: 'semantic', body: (b) => ({ ...b, items: [{ skuId: fx.productA.skus[0]!.id, quantity: 999 }] }), expect: { status: 409, code: 'invalid_state', field: 'items.0.quantity' } },
      { name: 'a SKU that does not exist', kind: 'not-found', body: (b) => ({ ...b, items: [{ skuId: MISSING_IDS.skuId!, quantity: 1 }] }), expect: { status: 404, code: 'not_found', field: 'items.0.skuId' } },
    ],
  },
  { method: 'GET', url: '/api/v1/orders', access: 'user', who: 'shopper', ok: 200, bad: [...PAGE_CASES(), queryAt('status', 'lost', 'malformed')] },
  {
    method: 'GET',
    url: '/api/v1/orders/:orderId',
    access: 'user',
    who: 'shopper',
    params: () => ({ orderId: fx.paidOrder }),
    ok: 200,
    bad: [paramAt('orderId', 'order-1'), { name: "someone else's order", kind: 'not-found', who: 'creator', expect: { status: 404, code: 'not_found', field: 'orderId' } }],
  },
  {
    method: 'POST',
    url: '/api/v1/orders/:orderId/cancel',
    access: 'user',
    who: 'shopper',
    params: () => ({ orderId: fx.orderToCancel }),
    body: () => ({ reason: '不想要了' }),
    ok: 200,
    bad: [
      bodyAt('reason', long(201), 'out-of-range'),
      bodyAt('refund', true, 'unknown-field'),
      { name: "someone else's order", kind: 'not-found', who: 'creator', expect: { status: 404, code: 'not_found', field: 'orderId' } },
      { name: 'a paid order (buyers cancel only before paying)', kind: 'semantic', params: () => ({ orderId: fx.paidOrder }), expect: { status: 409, code: 'invalid_state', field: 'status' } },
    ],
  },
  {
    method: 'GET',
    url: '/api/v1/merchant/stores/:storeId/orders',
    access: ['merchant'],
    who: 'merchant',
    params: () => ({ storeId: fx.storeA.id }),
    ok: 200,
    wrongRole: nonMerchants,
    notOwner: ['other'],
    bad: [...PAGE_CASES(), queryAt('status', 'lost', 'malformed')],
  },
  {
    method: 'POST',
    url: '/api/v1/merchant/orders/:orderId/ship',
    access: ['merchant'],
    who: 'merchant',
    params: () => ({ orderId: fx.paidOrder }),
    body: () => ({ carrier: '顺丰速运', trackingNo: 'SF1234567890' }),
    ok: 200,
    wrongRole: nonMerchants,
    notOwner: ['other'],
    bad: [
      bodyAt('carrier', '', 'out-of-range'),
      bodyAt('carrier', long(41), 'out-of-range'),
      bodyAt('trackingNo', 'SF 123', 'malformed'),
      bodyAt('trackingNo', '12345', 'out-of-range', 'trackingNo'),
      bodyWithout('trackingNo'),
      bodyAt('status', 'shipped', 'unknown-field'),
      { name: 'an unpaid order', kind: 'semantic', params: () => ({ orderId: fx.orderToCancel }), expect: { status: 409, code: 'invalid_state', field: 'status' } },
    ],
  },

  // payments: the sandbox PSP's webhook (authenticated by its signature) and its pay-page API
  {
    method: 'POST',
    url: '/api/v1/payments/webhooks/sandbox',
    access: 'public',
    who: 'anon',
    body: WEBHOOK_EVENT,
    sign: (raw) => ({ [SIGNATURE_HEADER]: signPayload(t.platform.config.sandboxPsp.secret, raw) }),
    ok: 200,
    bad: [
      { name: 'no signature', kind: 'auth', sign: null, expect: { status: 401, code: 'unauthenticated', field: SIGNATURE_HEADER } },
      { name: 'signed with a guessed secret (forged)', kind: 'auth', sign: (raw) => ({ [SIGNATURE_HEADER]: signPayload('guessed-secret', raw) }), expect: { status: 401, code: 'unauthenticated', field: SIGNATURE_HEADER } },
      { name: 'the signature of another body (tampered)', kind: 'auth', sign: (raw) => ({ [SIGNATURE_HEADER]: signPayload(t.platform.config.sandboxPsp.secret, raw.replace('4290', '1')) }), expect: { status: 401, code: 'unauthenticated', field: SIGNATURE_HEADER } },
      { name: 'signed ten minutes ago (expired, a replay)', kind: 'auth', sign: (raw) => ({ [SIGNATURE_HEADER]: signPayload(t.platform.config.sandboxPsp.secret, raw, Math.floor(Date.now() / 1000) - 600) }), expect: { status: 401, code: 'unauthenticated', field: SIGNATURE_HEADER } },
      { name: 'a malformed signature header', kind: 'auth', sign: () => ({ [SIGNATURE_HEADER]: 'v1=deadbeef' }), expect: { status: 401, code: 'unauthenticated', field: SIGNATURE_HEADER } },
      bodyAt('type', 'payment.refunded', 'malformed'),
      bodyAt('id', 'evt-1', 'malformed'),
      bodyWithout('id'),
      bodyAt('created', 'yesterday', 'malformed'),
      bodyAt('sequence', 0, 'out-of-range'),
      bodyAt('data.amountFen', -1, 'out-of-range'),
      bodyAt('data.paymentRef', 'x', 'malformed'),
      bodyAt('data.extra', 1, 'unknown-field'),
      { name: 'a refund event without its refund id', kind: 'missing-field', body: (b) => ({ ...b, type: 'refund.succeeded' }), expect: { status: 400, code: 'validation_failed', field: 'data.refundId' } },
    ],
  },
  {
    method: 'GET',
    url: '/api/v1/sandbox-psp/payments/:providerRef',
    access: 'public',
    who: 'anon',
    params: () => ({ providerRef: fx.payments.pending.providerRef }),
    ok: 200,
    bad: [paramAt('providerRef', `spay_${long(41, 'a')}`, 'out-of-range')],
  },
  {
    method: 'POST',
    url: '/api/v1/sandbox-psp/payments/:providerRef/confirm',
    access: 'user',
    who: 'shopper',
    params: () => ({ providerRef: fx.payments.pending.providerRef }),
    body: () => ({ outcome: 'succeed' }),
    ok: 200,
    bad: [
      bodyAt('outcome', 'maybe', 'malformed'),
      bodyAt('outcome', true, 'malformed'),
      bodyWithout('outcome'),
      { name: 'signed in as someone who is not the payer', kind: 'auth', who: 'creator', expect: { status: 403, code: 'forbidden' } },
      { name: 'a payment that already succeeded', kind: 'semantic', params: () => ({ providerRef: fx.payments.paid.providerRef }), expect: { status: 409, code: 'invalid_state' } },
    ],
  },

  {
    method: 'POST',
    url: '/api/v1/merchant/flash-sales',
    access: ['merchant'],
    who: 'merchant',
    body: () => ({ skuId: fx.flashSku, priceFen: 500, quantity: 1, perBuyerLimit: 1, startsAt: new Date(Date.now() - 1000).toISOString(), endsAt: new Date(Date.now() + 3_600_000).toISOString() }),
    ok: 201,
    wrongRole: nonMerchants,
    bad: [
      bodyAt('priceFen', -1, 'out-of-range'),
      bodyAt('priceFen', '9.90', 'malformed'),
      bodyAt('quantity', 0, 'out-of-range'),
      bodyAt('quantity', 100_001, 'out-of-range'),
      bodyAt('perBuyerLimit', 0, 'out-of-range'),
      bodyAt('startsAt', 'tomorrow', 'malformed'),
      bodyWithout('endsAt'),
      bodyAt('skuId', 'orange', 'malformed'),
      bodyAt('storeId', 'sto_x', 'unknown-field'),
      { name: 'a price not below the regular price', kind: 'semantic', body: (b) => ({ ...b, priceFen: 5990 }), expect: { status: 400, code: 'validation_failed', field: 'priceFen' } },
      { name: 'more than the SKU has in stock', kind: 'semantic', body: (b) => ({ ...b, quantity: 100_000 }), expect: { status: 409, code: 'invalid_state', field: 'quantity' } },
      { name: 'an end before the start', kind: 'semantic', body: (b) => ({ ...b, endsAt: new Date(Date.now() - 5000).toISOString() }), expect: { status: 400, code: 'validation_failed', field: 'endsAt' } },
      { name: "another store's SKU", kind: 'auth', who: 'other', expect: { status: 403, code: 'forbidden' } },
      { name: 'a SKU that does not exist', kind: 'not-found', body: (b) => ({ ...b, skuId: MISSING_IDS.skuId! }), expect: { status: 404, code: 'not_found', field: 'skuId' } },
    ],
  },
  { method: 'GET', url: '/api/v1/merchant/stores/:storeId/flash-sales', access: ['merchant'], who: 'merchant', params: () => ({ storeId: fx.storeA.id }), ok: 200, wrongRole: nonMerchants, notOwner: ['other'], bad: [] },
  { method: 'GET', url: '/api/v1/flash-sales/:flashSaleId', access: 'public', who: 'anon', params: () => ({ flashSaleId: fx.flashSale }), ok: 200, bad: [paramAt('flashSaleId', 'sale-1')] },

  // ops
  {
    method: 'PATCH',
    url: '/api/v1/ops/stores/:storeId',
    access: ['operator'],
    who: 'operator',
    params: () => ({ storeId: fx.storeA.id }),
    body: () => ({ flagship: true }),
    ok: 200,
    wrongRole: [...nonOperators, 'member'],
    bad: [bodyAt('flagship', 'yes', 'malformed'), bodyAt('status', 'closed', 'malformed'), bodyAt('status', null, 'malformed'), bodyAt('name', '改名', 'unknown-field')],
  },
  {
    method: 'POST',
    url: '/api/v1/ops/categories',
    access: ['operator'],
    who: 'operator',
    body: () => ({ nameZh: '饮料', nameEn: 'Drinks', sort: 5 }),
    ok: 201,
    wrongRole: nonOperators,
    bad: [
      bodyAt('nameZh', '', 'out-of-range'),
      bodyAt('nameZh', long(21), 'out-of-range'),
      bodyAt('nameEn', long(41, 'x'), 'out-of-range'),
      bodyAt('nameEn', 5, 'malformed'),
      bodyWithout('nameEn'),
      bodyAt('sort', -1, 'out-of-range'),
      bodyAt('sort', 10_001, 'out-of-range'),
      bodyAt('sort', 1.5, 'malformed'),
      bodyAt('parentId', 'food', 'malformed'),
      { ...bodyAt('parentId', MISSING_IDS.categoryId, 'semantic', 'parentId'), name: 'body parentId names no category' },
      { name: 'a third level of categories', kind: 'semantic', body: (b) => ({ ...b, parentId: fx.categoryChild }), expect: { status: 400, code: 'validation_failed', field: 'parentId' } },
    ],
  },
  {
    method: 'GET',
    url: '/api/v1/ops/jobs',
    access: ['operator'],
    who: 'operator',
    query: () => ({ status: 'queued' }),
    ok: 200,
    wrongRole: nonOperators,
    bad: [...PAGE_CASES(), queryAt('status', 'zombie', 'malformed'), queryAt('kind', long(65, 'x'), 'out-of-range')],
  },
  { method: 'GET', url: '/api/v1/ops/events', access: ['operator'], who: 'operator', ok: 200, wrongRole: nonOperators, bad: [] },

  // ledger
  {
    method: 'GET',
    url: '/api/v1/merchant/stores/:storeId/statement',
    access: ['merchant'],
    who: 'merchant',
    params: () => ({ storeId: fx.storeA.id }),
    query: () => ({ limit: '10', offset: '0' }),
    ok: 200,
    wrongRole: [...nonMerchants, 'operator'],
    notOwner: ['other'],
    bad: [...PAGE_CASES(), queryAt('prefix', 'merchant:', 'unknown-field')],
  },
  { method: 'GET', url: '/api/v1/ops/ledger/trial-balance', access: ['operator'], who: 'operator', ok: 200, wrongRole: [...nonOperators, 'member'], bad: [queryAt('currency', 'CNY', 'unknown-field')] },
  {
    method: 'GET',
    url: '/api/v1/ops/ledger/accounts',
    access: ['operator'],
    who: 'operator',
    query: () => ({ prefix: 'merchant:' }),
    ok: 200,
    wrongRole: nonOperators,
    bad: [...PAGE_CASES(), queryAt('prefix', 'Merchant:', 'malformed'), queryAt('prefix', "merchant:' OR 1=1", 'malformed'), queryAt('prefix', long(201, 'x'), 'out-of-range')],
  },
];

/** Routes that are deliberately left out of the OpenAPI document but still take input. */
const HIDDEN = new Set(['GET /media/images/:imageId/:variant', 'GET /api/health']);

// ---- generated cases ----------------------------------------------------------------------------

/** Every case of a route: its own, plus the ones every route of its shape gets. */
function casesOf(r: RouteEntry): BadCase[] {
  const out: BadCase[] = [];
  const paramNames = [...r.url.matchAll(/:(\w+)/g)].map((m) => m[1]!);
  for (const p of paramNames) out.push(paramAt(p, 'not-an-id'));
  if (r.body) {
    out.push(
      { name: 'unknown body field', kind: 'unknown-field', body: (b) => ({ ...b, extra: 1 }), expect: { status: 400, code: 'validation_failed', field: 'extra' } },
      { name: 'body is not valid JSON', kind: 'malformed', body: () => new Raw('{"oops": '), expect: { status: 400, code: 'validation_failed', field: 'body' } },
      { name: 'body is a JSON array', kind: 'malformed', body: () => [], expect: { status: 400, code: 'validation_failed', field: 'body' } },
      { name: 'body is a JSON string', kind: 'malformed', body: () => new Raw('"hello"'), expect: { status: 400, code: 'validation_failed', field: 'body' } },
      { name: 'body sent as XML', kind: 'media-type', body: () => new Raw('<extra/>', 'application/xml'), expect: { status: 415, code: 'unsupported_media_type', field: 'content-type' } },
    );
  }
  out.push(...r.bad);
  if (r.access !== 'public') {
    out.push(
      { name: 'not signed in', kind: 'auth', who: 'anon', expect: { status: 401, code: 'unauthenticated' } },
      { name: 'a bearer token that is no session', kind: 'auth', who: 'badToken', expect: { status: 401, code: 'unauthenticated' } },
    );
  }
  for (const who of r.wrongRole ?? []) out.push({ name: `signed in as ${who}, without the role`, kind: 'auth', who, expect: { status: 403, code: 'forbidden' } });
  for (const who of r.notOwner ?? []) out.push({ name: `signed in as ${who}, on someone else's store`, kind: 'auth', who, expect: { status: 403, code: 'forbidden' } });
  for (const p of paramNames) {
    const missing = MISSING_IDS[p];
    if (missing) out.push({ name: `${p} that names nothing`, kind: 'not-found', params: { [p]: missing }, expect: { status: 404, code: 'not_found' } });
  }
  out.push(...(r.missing ?? []));
  // Last: an otherwise valid request with one unknown field, so that if the server wrongly
  // accepts it, what it writes cannot disturb the route's other cases.
  out.push({ name: 'unknown query parameter', kind: 'unknown-field', query: { extra: '1' }, expect: { status: 400, code: 'validation_failed', field: 'querystring.extra' } });
  if (!r.body && !r.form && r.method !== 'GET') {
    // A route that takes no body has no fields: any field is unknown.
    out.push({ name: 'unknown body field on a route that takes no body', kind: 'unknown-field', body: () => ({ extra: 1 }), expect: { status: 400, code: 'validation_failed', field: 'extra' } });
  }
  return out;
}

function bodyFor(r: RouteEntry, c?: BadCase): Body {
  if (c?.body) return c.body(r.body ? r.body() : {});
  if (r.body) return r.body();
  if (r.form) return r.form();
  return undefined;
}

function pathFor(r: RouteEntry, c: Pick<BadCase, 'params' | 'query' | 'rawQuery'>): string {
  const own = typeof c.params === 'function' ? c.params() : c.params;
  const url = fillUrl(r.url, { ...(r.params?.() ?? {}), ...(own ?? {}) });
  return url + (c.rawQuery !== undefined ? `?${c.rawQuery}` : queryString(r.query?.() ?? {}, c.query));
}

// ---- tests --------------------------------------------------------------------------------------

describe('bad input, route by route', () => {
  // Nothing writes between these tests (sign-ins only add sessions, which the fingerprint skips),
  // so each test's "after" is the next one's "before".
  let lastFingerprint: Record<string, number> | null = null;
  for (const r of ROUTES) {
    describe(routeKey(r.method, r.url), () => {
      for (const c of casesOf(r)) {
        it(`${c.kind}: ${c.name} → ${c.expect.status}${'field' in c.expect && c.expect.field ? ` ${c.expect.field}` : ''}`, async () => {
          const client = await clientFor(c.who ?? r.who);
          const before = lastFingerprint ?? (await fingerprint());
          const res = await send(client, r.method, pathFor(r, c), bodyFor(r, c), c.headers ?? r.headers?.(), c.sign === undefined ? r.sign : (c.sign ?? undefined));
          const after = await fingerprint();
          lastFingerprint = after;
          const summary = { status: res.status, body: res.body };
          expect(summary.status, JSON.stringify(summary)).toBe(c.expect.status);
          expect(res.headers.get('content-type') ?? '').toMatch(/^application\/problem\+json/);
          expect(res.problem.status).toBe(c.expect.status);
          expect(res.problem.code).toBe(c.expect.code);
          expect(res.problem.type).toBe(`urn:flywheel:problem:${c.expect.code}`);
          if (c.expect.field !== undefined) {
            expect(res.problem.field).toBe(c.expect.field);
            if (res.problem.errors) expect(res.problem.errors[0]?.field).toBe(c.expect.field);
          }
          expect(after, 'a rejected request wrote something').toEqual(before);
        });
      }
    });
  }

  it('an unknown API route is a 404 problem', async () => {
    const res = await t.client.get('/api/v1/no-such-thing');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type') ?? '').toMatch(/^application\/problem\+json/);
    expect(res.problem.code).toBe('not_found');
  });
});

describe('coverage', () => {
  it('every documented API route has an entry in the bad-input table', async () => {
    const doc = await t.client.get<{ paths?: Record<string, Record<string, unknown>> }>('/api/openapi.json');
    expect(doc.status).toBe(200);
    const documented = openApiRoutes(doc.body).filter((k) => k.split(' ')[1]!.startsWith('/api/v1/'));
    expect(documented.length).toBeGreaterThan(20);
    const covered = new Set(ROUTES.map((r) => routeKey(r.method, r.url)));
    expect(documented.filter((k) => !covered.has(k)), 'routes without bad-input coverage').toEqual([]);
  });

  it('every table entry is a registered route, documented unless deliberately hidden', async () => {
    const doc = await t.client.get<{ paths?: Record<string, Record<string, unknown>> }>('/api/openapi.json');
    const documented = new Set(openApiRoutes(doc.body));
    for (const r of ROUTES) {
      const key = routeKey(r.method, r.url);
      expect(t.platform.app.hasRoute({ method: r.method, url: r.url }), `${key} is not registered`).toBe(true);
      expect(documented.has(key) || HIDDEN.has(key), `${key} is neither documented nor listed as hidden`).toBe(true);
    }
    expect(new Set(ROUTES.map((r) => routeKey(r.method, r.url))).size, 'duplicate table entries').toBe(ROUTES.length);
  });
});

// Last, because these write: the valid request of every entry succeeds, so each bad case above
// failed because of what it changed and nothing else.
describe('the valid request of every entry is accepted', () => {
  for (const r of ROUTES) {
    it(routeKey(r.method, r.url), async () => {
      const client = await clientFor(r.who);
      const res = await send(client, r.method, pathFor(r, {}), bodyFor(r), r.headers?.(), r.sign);
      expect(res.status, JSON.stringify(res.body)).toBe(r.ok);
    });
  }
});
