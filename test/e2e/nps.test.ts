// NPS over HTTP, on a clock the test moves: a delivered order sends its buyer a survey about it;
// the buyer answers once (0–10 and a comment; out of range or a second time is refused and
// changes nothing; someone else's survey is not found); the frequency cap holds back a second
// survey within 30 days and lets one through after; a closed service ticket (care's event,
// published here) sends a service survey; a survey expires unanswered. Then the NPS of the
// platform, two stores, a creator and two categories equals figures worked out by hand.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Static } from '@sinclair/typebox';
import type { Product } from '../../src/modules/catalog/model.ts';
import type { Store } from '../../src/modules/catalog/stores.ts';
import type { CheckoutResult } from '../../src/modules/commerce/checkout.ts';
import type { Order } from '../../src/modules/commerce/orders.ts';
import type { TicketClosedEvent } from '../../src/modules/experience/facts.ts';
import type { AnswerBody, Report, ReportSchema, Survey, SurveyList, SurveySchema } from '../../src/modules/experience/schemas.ts';
import type { SurveyAnsweredEvent } from '../../src/modules/experience/surveys.ts';
import type * as Web from '../../web/src/typesExperience.ts';
import { Client, startTestPlatform, type TestPlatform, quiesce as quiesceAll, INSTANT_SANDBOXES } from '../support/platform.ts';

// The web app's types are the server's (checked by the type check, like test/contract.ts).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const agree = <T extends true>(): T | undefined => undefined;
agree<Same<Web.Survey, Static<typeof SurveySchema>>>();
agree<Same<Web.SurveyList, Static<typeof SurveyList>>>();
agree<Same<Web.NpsReport, Static<typeof ReportSchema>>>();
agree<Same<Web.SurveyAnswer, Static<typeof AnswerBody>>>();

const DAY = 86_400_000;
let offsetMs = 0;
let t: TestPlatform;
let merchantA: Client;
let merchantB: Client;
let creator: Client;
let creatorId: string;
let operator: Client;
const shoppers: Client[] = [];
let storeA: Store;
let storeB: Store;
let tea: Product; // store A, 饮品 › 茶, in the creator's showcase
let cups: Product; // store A, 家居 › 餐具
let mug: Product; // store B, 家居 › 餐具
const cat = { drinks: '', tea: '', home: '', tableware: '' };
let n = 0;

beforeAll(async () => {
  t = await startTestPlatform(
    {
      ...INSTANT_SANDBOXES,
      NPS_RANK_MIN_RESPONSES: '1',
    },
    { clock: () => new Date(Date.now() + offsetMs) },
  );
  const cats = t.platform.services.categories;
  cat.drinks = (await cats.create({ nameZh: '饮品', nameEn: 'Drinks' })).id;
  cat.tea = (await cats.create({ parentId: cat.drinks, nameZh: '茶', nameEn: 'Tea' })).id;
  cat.home = (await cats.create({ nameZh: '家居', nameEn: 'Home' })).id;
  cat.tableware = (await cats.create({ parentId: cat.home, nameZh: '餐具', nameEn: 'Tableware' })).id;
  merchantA = await t.client.register('nps-a@example.com', ['merchant']);
  merchantB = await t.client.register('nps-b@example.com', ['merchant']);
  creator = await t.client.register('nps-creator@example.com', ['creator']);
  creatorId = (await creator.get<{ id: string }>('/api/v1/me')).body.id;
  // The creator's parcels go elsewhere than the shoppers' (else their sales would be withheld as self-dealing).
  expect((await creator.post('/api/v1/me/addresses', { recipient: '李达人', phone: '13900001111', province: '上海市', city: '上海市', district: '徐汇区', detail: '漕溪北路 8 号', isDefault: true })).status).toBe(201);
  for (let i = 1; i <= 6; i++) shoppers.push(await t.client.register(`nps-s${i}@example.com`));
  const op = await t.platform.services.identity.register({ email: 'nps-ops@example.com', password: 'correct-horse-1', displayName: 'ops', roles: [] });
  await t.platform.services.identity.setRoles(op.id, ['operator']);
  operator = await t.client.login('nps-ops@example.com', 'correct-horse-1');
  storeA = (await merchantA.post<Store>('/api/v1/merchant/stores', { name: '口碑茶铺' })).body;
  storeB = (await merchantB.post<Store>('/api/v1/merchant/stores', { name: '马克杯小店' })).body;
  const product = async (m: Client, s: Store, title: string, categoryId: string) => (await m.post<Product>(`/api/v1/merchant/stores/${s.id}/products`, { title, categoryId, skus: [{ optionValues: {}, priceFen: 5000, stock: 100 }] })).body;
  tea = await product(merchantA, storeA, '明前龙井', cat.tea);
  cups = await product(merchantA, storeA, '青瓷茶杯', cat.tableware);
  mug = await product(merchantB, storeB, '陶瓷马克杯', cat.tableware);
  expect((await merchantA.post(`/api/v1/merchant/stores/${storeA.id}/alliance/plans`, { productId: tea.id, kind: 'open', rateBps: 1000 })).status).toBe(201);
  expect((await creator.put(`/api/v1/me/showcase/${tea.id}`)).status).toBe(200);
});
afterAll(() => t.close());

const quiesce = () => quiesceAll(t);
const count = async (sql: string, params: unknown[] = []) => (await t.platform.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, params))[0]!.n;
const pending = async (who: Client) => (await who.get<{ items: Survey[] }>('/api/v1/me/surveys')).body.items;

/** Buys (from the creator's showcase when asked), pays, ships and waits for the carrier's delivery. */
async function buyAndDeliver(who: Client, merchant: Client, products: Product[], fromShowcase = false): Promise<Order> {
  const body = { items: products.map((p) => ({ skuId: p.skus[0]!.id, quantity: 1 })), ...(fromShowcase ? { source: { type: 'showcase', id: creatorId } } : {}) };
  const r = await who.post<CheckoutResult>('/api/v1/checkout', body, { 'idempotency-key': `nps-${++n}-${Date.now()}` });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  const ref = r.body.payment!.payUrl.split('/pay/')[1]!;
  expect((await who.post(`/api/v1/sandbox-psp/payments/${ref}/confirm`, { outcome: 'succeed' })).status).toBe(200);
  await quiesce();
  const orderId = r.body.orders[0]!.id;
  expect(await pending(who).then((s) => s.filter((x) => x.orderId === orderId))).toEqual([]); // paid is not delivered
  expect((await merchant.post(`/api/v1/merchant/orders/${orderId}/ship`, { carrier: 'sf', trackingNo: `SF${Date.now()}${++n}` })).status).toBe(200);
  await expect.poll(async () => (await who.get<Order>(`/api/v1/orders/${orderId}`)).body.status, { timeout: 30_000 }).toBe('delivered');
  await quiesce();
  return (await who.get<Order>(`/api/v1/orders/${orderId}`)).body;
}

async function answer(who: Client, surveyId: string, body: unknown) {
  return who.post<Survey>(`/api/v1/surveys/${surveyId}/answer`, body);
}

/** Answers the one survey the shopper has waiting. */
async function answerMine(who: Client, score: number, comment?: string): Promise<void> {
  const [s] = await pending(who);
  expect(s, 'a survey is waiting').toBeDefined();
  expect((await answer(who, s!.id, { score, ...(comment ? { comment } : {}) })).status).toBe(200);
}

describe('surveys', () => {
  let first: Survey;

  it('a delivered order sends its buyer a survey about it', async () => {
    const [s1] = shoppers;
    const order = await buyAndDeliver(s1!, merchantA, [tea, cups], true);
    const items = await pending(s1!);
    expect(items).toHaveLength(1);
    first = items[0]!;
    expect(first).toMatchObject({ kind: 'order', orderId: order.id, storeId: storeA.id, storeName: '口碑茶铺', ticketId: null, title: '明前龙井', itemCount: 2, answer: null });
    expect(Date.parse(first.expiresAt) - Date.parse(first.issuedAt)).toBe(14 * DAY);
    expect(await pending(shoppers[1]!)).toEqual([]);
    expect((await s1!.get<{ items: Survey[] }>(`/api/v1/me/surveys?orderId=${order.id}`)).body.items.map((s) => s.id)).toEqual([first.id]);
  });

  it('refuses scores outside 0–10, long comments and someone else’s survey; nothing changes', async () => {
    const [s1, s2] = shoppers;
    for (const score of [11, -1, 2.5, '9']) {
      const r = await answer(s1!, first.id, { score });
      expect(r.status).toBe(400);
      expect(r.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(r.problem).toMatchObject({ code: 'validation_failed', field: 'score' });
    }
    expect((await answer(s1!, first.id, { score: 9, comment: '字'.repeat(501) })).problem.field).toBe('comment');
    expect((await answer(s1!, first.id, {})).problem.field).toBe('score');
    const theirs = await answer(s2!, first.id, { score: 0 });
    expect(theirs.status).toBe(404);
    expect(theirs.problem).toMatchObject({ code: 'not_found', field: 'surveyId' });
    expect(await count('experience_surveys WHERE answered_at IS NOT NULL')).toBe(0);
  });

  it('the buyer answers once; a second answer is a 409 and changes nothing', async () => {
    const [s1] = shoppers;
    const r = await answer(s1!, first.id, { score: 10, comment: '  茶很香，物流也快  ' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.answer).toMatchObject({ score: 10, comment: '茶很香，物流也快' });
    const again = await answer(s1!, first.id, { score: 0, comment: '改主意了' });
    expect(again.status).toBe(409);
    expect(again.problem).toMatchObject({ code: 'conflict', field: 'surveyId' });
    const [row] = await t.platform.db.query<{ score: number; comment: string }>('SELECT score, comment FROM experience_surveys WHERE id = $1', [first.id]);
    expect(row).toEqual({ score: 10, comment: '茶很香，物流也快' });
    expect(await pending(s1!)).toEqual([]);
    const events = await t.platform.db.query<{ payload: SurveyAnsweredEvent }>(`SELECT payload FROM outbox WHERE topic = 'experience.survey.answered'`);
    expect(events.map((e) => e.payload)).toEqual([{ surveyId: first.id, kind: 'order', score: 10, storeId: storeA.id, creatorId, categoryIds: [cat.tea, cat.tableware], userId: expect.any(String) }]);
  });

  it('other buyers answer their own surveys', async () => {
    const [, , s3, s4, s5] = shoppers;
    await buyAndDeliver(s3!, merchantA, [tea], true);
    await answerMine(s3!, 9);
    await buyAndDeliver(s4!, merchantB, [mug]);
    await answerMine(s4!, 9);
    await buyAndDeliver(s5!, merchantA, [cups]);
    await answerMine(s5!, 7);
  });

  it('the frequency cap: a second delivery within 30 days sends nothing; after 30 days one is sent', async () => {
    const [s1] = shoppers;
    const capped = await buyAndDeliver(s1!, merchantB, [mug]);
    expect(await pending(s1!)).toEqual([]);
    expect(await count(`experience_survey_skips WHERE trigger_id = $1 AND reason = 'capped'`, [capped.id])).toBe(1);
    offsetMs += 31 * DAY;
    const later = await buyAndDeliver(s1!, merchantB, [mug]);
    expect((await pending(s1!)).map((s) => s.orderId)).toEqual([later.id]);
    await answerMine(s1!, 3, '杯子有裂纹');
  });

  it('a closed service ticket sends a service survey, once per ticket', async () => {
    const s2 = shoppers[1]!;
    const userId = (await s2.get<{ id: string }>('/api/v1/me')).body.id;
    const closed: TicketClosedEvent = { ticketId: 'tkt_0000000000nps0000001', userId, storeId: storeA.id, orderId: null, closedAt: new Date().toISOString() };
    // Published twice, as an at-least-once transport may deliver it.
    for (let i = 0; i < 2; i++) await t.platform.db.tx((tx) => t.platform.bus.publish(tx, 'care.ticket.closed', closed));
    await t.platform.bus.drain();
    const items = await pending(s2);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ kind: 'service', ticketId: closed.ticketId, storeId: storeA.id, storeName: '口碑茶铺', orderId: null, title: null });
    await answerMine(s2, 6);
  });

  it('a survey not answered in 14 days expires', async () => {
    const s6 = shoppers[5]!;
    await buyAndDeliver(s6, merchantA, [cups]);
    const [s] = await pending(s6);
    offsetMs += 15 * DAY;
    expect(await pending(s6)).toEqual([]);
    const r = await answer(s6, s!.id, { score: 9 });
    expect(r.status).toBe(409);
    expect(r.problem).toMatchObject({ code: 'invalid_state', field: 'surveyId' });
  });
});

describe('NPS', () => {
  const report = async (who: Client, path: string) => {
    const r = await who.get<Report>(path);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body;
  };
  const figureOf = (r: Pick<Report['summary'], 'responses' | 'promoters' | 'passives' | 'detractors' | 'nps'>) => [r.responses, r.promoters, r.passives, r.detractors, r.nps];

  it('per platform, store, creator and category equals the figures worked out by hand', async () => {
    // Answers on the first day: s1 10 (A: tea + cups, the creator's), s3 9 (A: tea, the creator's),
    // s4 9 (B: mug), s5 7 (A: cups); 31 days later: s1 3 (B: mug), s2 6 (A: service).
    const platform = await report(operator, '/api/v1/ops/nps');
    // 3 promoters (10, 9, 9), 1 passive (7), 2 detractors (3, 6) of 6: (3 − 2) / 6 = 16.7% → 17.
    expect(figureOf(platform.summary)).toEqual([6, 3, 1, 2, 17]);
    expect(platform.surveys).toEqual({ issued: 7, answered: 6, expired: 1, capped: 1 });
    // Store A: 10, 6, 9, 7 → (2 − 1) / 4 = 25; store B: 3, 9 → 0.
    expect(platform.topStores.map((s) => [s.name, s.nps, s.responses])).toEqual([['口碑茶铺', 25, 4], ['马克杯小店', 0, 2]]);
    expect(platform.bottomStores.map((s) => s.id)).toEqual([storeB.id, storeA.id]);
    // 家居 (cups, mug): 10, 3, 9, 7 → 25; 饮品 (tea): 10, 9 → 100. The two-category order counts once in each.
    expect(platform.categories.map((c) => [c.nameZh, c.nameEn, c.responses, c.nps])).toEqual([['家居', 'Home', 4, 25], ['饮品', 'Drinks', 2, 100]]);
    expect(platform.comments.map((c) => [c.score, c.comment, c.storeName])).toEqual([[3, '杯子有裂纹', '马克杯小店'], [10, '茶很香，物流也快', '口碑茶铺']]);
    // The trend: the first day's four answers (10, 9, 9, 7 → 75) and, 31 days on, 3 and 6 (−100); empty days are null.
    const days = platform.trend.filter((p) => p.responses > 0).map((p) => [p.responses, p.nps]);
    expect(days).toEqual([[4, 75], [2, -100]]);
    expect(platform.trend.filter((p) => p.responses === 0).every((p) => p.nps === null)).toBe(true);
    expect(platform.trend.length).toBeGreaterThanOrEqual(90);
    const weeks = await report(operator, '/api/v1/ops/nps?bucket=week');
    expect(weeks.trend.every((p) => /^\d{4}-W\d{2}$/.test(p.label))).toBe(true);
    expect(weeks.trend.reduce((a, p) => a + p.responses, 0)).toBe(6);

    expect(figureOf((await report(operator, `/api/v1/ops/nps?scope=store&id=${storeB.id}`)).summary)).toEqual([2, 1, 0, 1, 0]);
    expect(figureOf((await report(operator, `/api/v1/ops/nps?scope=creator&id=${creatorId}`)).summary)).toEqual([2, 2, 0, 0, 100]);
    expect(figureOf((await report(operator, `/api/v1/ops/nps?scope=category&id=${cat.home}`)).summary)).toEqual([4, 2, 1, 1, 25]);
    expect(figureOf((await report(operator, `/api/v1/ops/nps?scope=category&id=${cat.tea}`)).summary)).toEqual([2, 2, 0, 0, 100]);
    // By kind: the service survey alone (6 → −100); the five order surveys (3 − 1 of 5 → 40).
    expect((await report(operator, '/api/v1/ops/nps?kind=service')).summary.nps).toBe(-100);
    expect((await report(operator, '/api/v1/ops/nps?kind=order')).summary.nps).toBe(40);
    // A window that ends before the clock moved holds only the first day.
    const early = await report(operator, `/api/v1/ops/nps?to=${encodeURIComponent(new Date(Date.now() + DAY).toISOString())}`);
    expect(figureOf(early.summary)).toEqual([4, 3, 1, 0, 75]);
  });

  it('stores see their own NPS, creators theirs; others are refused', async () => {
    const mine = await report(merchantA, `/api/v1/merchant/stores/${storeA.id}/nps?bucket=week`);
    expect([mine.scope, mine.name, mine.summary.nps, mine.summary.responses]).toEqual(['store', '口碑茶铺', 25, 4]);
    expect((await merchantB.get(`/api/v1/merchant/stores/${storeA.id}/nps`)).status).toBe(403);
    expect((await shoppers[0]!.get(`/api/v1/merchant/stores/${storeA.id}/nps`)).status).toBe(403);
    const own = await report(creator, '/api/v1/me/creator/nps');
    expect([own.scope, own.id, own.summary.nps, own.summary.responses]).toEqual(['creator', creatorId, 100, 2]);
    expect((await shoppers[0]!.get('/api/v1/me/creator/nps')).status).toBe(403);
    expect((await merchantA.get('/api/v1/ops/nps')).status).toBe(403);
  });

  it('a scope needs an id that names something; a window runs forwards', async () => {
    const bad = async (q: string, status: number, field: string) => {
      const r = await operator.get(`/api/v1/ops/nps?${q}`);
      expect(r.status, q).toBe(status);
      expect(r.problem.field, q).toBe(field);
    };
    await bad('scope=store', 400, 'querystring.id');
    await bad('scope=store&id=sto_0000000000zzzzzzzzzz', 404, 'querystring.id');
    await bad('scope=category&id=cat_0000000000zzzzzzzzzz', 404, 'querystring.id');
    await bad('scope=galaxy', 400, 'querystring.scope');
    await bad('bucket=month', 400, 'querystring.bucket');
    await bad('from=2025-03-02T00:00:00Z&to=2025-03-01T00:00:00Z', 400, 'querystring.to');
    await bad('from=2023-01-01T00:00:00Z&to=2025-03-01T00:00:00Z', 400, 'querystring.from');
  });
});
