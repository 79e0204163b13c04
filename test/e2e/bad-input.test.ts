// Every route rejects malformed, out-of-range and unknown input with a 400 problem naming the
// field; 401 without a session; 403 for the wrong role or someone else's store; 404 for ids that
// point at nothing; and a rejected request writes nothing. One table entry per route; a route
// in the OpenAPI document without an entry fails the coverage test.
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Product } from '../../src/modules/catalog/model.ts';
import type { Store } from '../../src/modules/catalog/stores.ts';
import { Client, dbFingerprint, payNow, startTestPlatform, type TestPlatform } from '../support/platform.ts';
import {
  MISSING_IDS,
  Raw,
  fileCount,
  fillUrl,
  openApiRoutes,
  paramAt,
  queryString,
  routeKey,
  send,
  type BadCase,
  type Body,
  type RouteEntry,
  type Who,
} from '../support/route-table.ts';
import { IDENTITY_ROUTES } from './bad-input/routes-identity.ts';
import { CATALOG_ROUTES } from './bad-input/routes-catalog.ts';
import { COMMERCE_ROUTES } from './bad-input/routes-commerce.ts';
import { MONEY_ROUTES } from './bad-input/routes-money.ts';
import { OPS_ROUTES } from './bad-input/routes-ops.ts';
import { LOGISTICS_ROUTES, logisticsFixtures } from './bad-input/routes-logistics.ts';
import { ADDRESS_ROUTES } from './bad-input/routes-addresses.ts';
import { COUPON_ROUTES, couponFixtures } from './bad-input/routes-coupons.ts';
import { AFTER_SALES_ROUTES, afterSalesFixtures } from './bad-input/routes-after-sales.ts';
import { CONTENT_ROUTES, contentFixtures } from './bad-input/routes-content.ts';
import { LIVE_ROUTES, liveFixtures } from './bad-input/routes-live.ts';
import { FEED_ROUTES } from './bad-input/routes-feed.ts';
import { FEED_PAGE_ROUTES } from './bad-input/routes-feed-pages.ts';
import { SOCIAL_ROUTES, socialFixtures } from './bad-input/routes-social.ts';
import { SEARCH_ROUTES } from './bad-input/routes-search.ts';
import { MALL_ROUTES } from './bad-input/routes-mall.ts';
import { STORE_PAGE_ROUTES } from './bad-input/routes-store-page.ts';
import { ALLIANCE_ROUTES, allianceFixtures } from './bad-input/routes-alliance.ts';
import { REVIEW_ROUTES, reviewFixtures } from './bad-input/routes-reviews.ts';
import { NPS_ROUTES, npsFixtures } from './bad-input/routes-nps.ts';
import { CARE_ROUTES, careFixtures } from './bad-input/routes-care.ts';
import { GOVERNANCE_ROUTES, governanceFixtures } from './bad-input/routes-governance.ts';
import { SCORE_ROUTES } from './bad-input/routes-score.ts';
import { CAMPAIGN_ROUTES, campaignFixtures } from './bad-input/routes-campaigns.ts';
import { INSIGHTS_ROUTES, insightsFixtures } from './bad-input/routes-insights.ts';
import { PASSWORD, SPARE_FLAVOURS, fx } from './bad-input/kit.ts';

// ---- fixtures -----------------------------------------------------------------------------------

let t: TestPlatform;

async function png(size: number): Promise<Buffer> {
  return sharp({ create: { width: size, height: size, channels: 3, background: '#c0392b' } }).png().toBuffer();
}

beforeAll(async () => {
  t = await startTestPlatform({ LOGIN_MAX_ATTEMPTS: '1000', SANDBOX_PSP_MAX_DELAY_MS: '0' });
  // Nothing may write behind the tests' backs: the outbox is drained by hand below.
  await t.platform.bus.stop();
  await t.platform.jobs.stop();
  // Insights' tail of the behaviour log too: it is run by hand with the outbox's drain.
  await t.platform.services.insights.stop();
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
    (await shopper.post<{ checkoutId: string; totalFen: number; orders: Array<{ id: string }>; payment: { payUrl: string } }>('/api/v1/checkout', { items: [{ skuId: productA.skus[1]!.id, quantity }] }, { 'idempotency-key': `bi-fixture-${quantity}` })).body;
  const toCancel = await checkoutOf(1);
  const toShip = await checkoutOf(2);
  const delivered = await logisticsFixtures(t, shopper, merchant, productA.skus[0]!.id);
  await payNow(t, shopper, toShip.payment.payUrl);
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
  const [defaultAddress] = (await shopper.get<Array<{ id: string }>>('/api/v1/me/addresses')).body;
  const spareAddress = (await shopper.post<{ id: string }>('/api/v1/me/addresses', { recipient: '韩梅梅', phone: '13700002222', province: '北京市', city: '北京市', district: '海淀区', detail: '中关村大街 1 号' })).body;
  const couponsFx = await couponFixtures(t, { shopper, creator, merchant, other, operator }, storeA, productA);
  const afterSalesFx = await afterSalesFixtures(t, { shopper, merchant }, storeA, child.id);
  const contentFx = await contentFixtures(t, { merchant });

  Object.assign(fx, {
    addresses: { edit: defaultAddress!.id, remove: spareAddress.id },
    sandboxSecret: t.platform.config.sandboxPsp.secret,
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
    ...delivered,
    ...couponsFx,
    ...afterSalesFx,
    ...contentFx,
    flashSku: flashProduct.skus[0]!.id,
    flashSale: flashSale.id,
    imageId: image.id,
    payments,
    png: pngBuf,
    tinyPng: await png(4),
  });
  // Live rooms carry fixtures made above (storeA, productA), so they come after.
  Object.assign(fx, await liveFixtures({ merchant }));
  // A comment under the ready video made above.
  Object.assign(fx, await socialFixtures({ shopper }));
  // Alliance plans on storeA's goods, the creator's commissions and a withdrawal; its fixtures stay in its own table file.
  await allianceFixtures(t, { merchant, other, creator, shopper }, storeA, child.id, creatorId);
  // A delivered order of the shopper's in storeA and its reviews; the fixtures stay in the reviews table file.
  await reviewFixtures(t, { merchant, shopper, operator }, storeA, child.id);
  // NPS surveys: the shopper's (from the fixtures' deliveries) and service surveys of the creator and the member.
  await npsFixtures(t, { shopper, creator, member });
  // The service desk: store agents (merchant tier 1, member tier 3), a platform agent, the shopper's tickets, compensation and SLA alerts; after NPS, whose fixtures read the first surveys (closing a ticket issues one).
  await careFixtures(t, { shopper, creator, merchant, member, other, operator }, storeA, child.id);
  // Governance: the creator's report flood, the shopper's report of productA, decided reports and storeA's penalties (one appealed).
  await governanceFixtures(t, { shopper, creator, member, operator, merchant });
  // Campaigns: programmes active now (open, scored stores only, a price rule, other categories), a scheduled event, a called-off one, storeA's goods enrolled and withdrawn.
  await campaignFixtures(t, { operator, merchant });
  // Insights: a live room the creator hosts (the creator's own minutes).
  await insightsFixtures(t, { creator });
});
afterAll(() => t?.close());

async function clientFor(who: Who): Promise<Client> {
  // A session of its own, for requests that may end the session they run in (sign-out).
  if (who === 'fresh') return t.client.login(fx.emails.shopper, PASSWORD);
  return fx.clients[who];
}

/**
 * The database's rows and the data directory's files: a rejected request changes neither. Hashing
 * every table's rows is costly and most cases write nothing, so it is redone only when it may
 * have changed: PostgreSQL gives every transaction that writes (committed or rolled back) a new
 * xid, so while the next xid to assign (the snapshot's xmax) has not moved, no row has changed.
 * When it has moved (a sign-in's session, a rolled-back write, background work), the full hash
 * decides. The xmax is read before the hash, so a write racing the hash only makes the next call
 * hash again.
 */
let known: { xmax: string; rows: Record<string, number> } | null = null;
async function fingerprint(): Promise<Record<string, number>> {
  await t.platform.bus.drain();
  await t.platform.services.insights.traffic.catchUp();
  const [snap] = await t.platform.db.query<{ xmax: string }>('SELECT pg_snapshot_xmax(pg_current_snapshot())::text AS xmax');
  if (known?.xmax !== snap!.xmax) known = { xmax: snap!.xmax, rows: await dbFingerprint(t.platform) };
  return { ...known.rows, 'files#dataDir': fileCount(t.dataDir) };
}

// ---- the table: one entry per route, by module (bad-input/routes-*.ts) --------------------------

const ROUTES: RouteEntry[] = [...IDENTITY_ROUTES, ...CATALOG_ROUTES, ...COMMERCE_ROUTES, ...MONEY_ROUTES, ...OPS_ROUTES, ...ADDRESS_ROUTES, ...LOGISTICS_ROUTES, ...COUPON_ROUTES, ...AFTER_SALES_ROUTES, ...CONTENT_ROUTES, ...LIVE_ROUTES, ...FEED_ROUTES, ...FEED_PAGE_ROUTES, ...SOCIAL_ROUTES, ...SEARCH_ROUTES, ...MALL_ROUTES, ...STORE_PAGE_ROUTES, ...ALLIANCE_ROUTES, ...REVIEW_ROUTES, ...NPS_ROUTES, ...CARE_ROUTES, ...SCORE_ROUTES, ...GOVERNANCE_ROUTES, ...CAMPAIGN_ROUTES, ...INSIGHTS_ROUTES];

/** Routes that are deliberately left out of the OpenAPI document but still take input. */
const HIDDEN = new Set(['GET /media/images/:imageId/:variant', 'GET /media/videos/:videoId/:rev/:file', 'GET /media/videos/:videoId/:rev/:rendition/:file', 'GET /media/live/:roomId/:file', 'GET /api/health']);

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
