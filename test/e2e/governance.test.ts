// Governance (治理) over HTTP: shoppers report goods (the store responsible is resolved through
// catalog), floods are refused (429, nothing written); operators work the queue and decide;
// reduced reach lowers the store's items in the distribution engine and its goods' search
// quality; the store appeals once and an accepted appeal restores reach; points accumulate and
// cut reach at the threshold; takedown takes the goods off sale; the experience score gates the
// alliance. Only operators decide; only the store's staff see and appeal its penalties.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Product } from '../../src/modules/catalog/model.ts';
import type { Store } from '../../src/modules/catalog/stores.ts';
import type { Penalty, Report, StoreStanding } from '../../src/modules/governance/schemas.ts';
import { Client, startTestPlatform, type TestPlatform } from '../support/platform.ts';

let t: TestPlatform;
let merchant: Client;
let otherMerchant: Client;
let shopper: Client;
let flooder: Client;
let second: Client;
let operator: Client;
let store: Store;
const goods: Product[] = [];
let rival: Product;

beforeAll(async () => {
  t = await startTestPlatform();
  const categoryId = (await t.platform.services.categories.create({ nameZh: '零食', nameEn: 'Snacks' })).id;
  merchant = await t.client.register('gv-merchant@example.com', ['merchant']);
  otherMerchant = await t.client.register('gv-other@example.com', ['merchant']);
  shopper = await t.client.register('gv-shopper@example.com', []);
  flooder = await t.client.register('gv-flooder@example.com', []);
  second = await t.client.register('gv-second@example.com', []);
  const op = await t.platform.services.identity.register({ email: 'gv-ops@example.com', password: 'correct-horse-1', displayName: 'ops', roles: [] });
  await t.platform.services.identity.setRoles(op.id, ['operator']);
  operator = await t.client.login('gv-ops@example.com', 'correct-horse-1');
  store = (await merchant.post<Store>('/api/v1/merchant/stores', { name: '治理测试店' })).body;
  const other = (await otherMerchant.post<Store>('/api/v1/merchant/stores', { name: '别家店' })).body;
  // The same goods elsewhere: search ranks the two alike until a penalty cuts one store's reach.
  rival = (await otherMerchant.post<Product>(`/api/v1/merchant/stores/${other.id}/products`, { title: '牛肉干', categoryId, skus: [{ optionValues: {}, priceFen: 1990, stock: 50 }] })).body;
  for (const title of ['牛肉干', '猪肉脯', '鸭脖', '辣条', '薯片', '瓜子']) {
    const r = await merchant.post<Product>(`/api/v1/merchant/stores/${store.id}/products`, { title, categoryId, skus: [{ optionValues: {}, priceFen: 1990, stock: 50 }] });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    goods.push(r.body);
  }
  await t.platform.bus.drain();
});
afterAll(() => t.close());

const count = async (sql: string, params: unknown[] = []) => (await t.platform.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, params))[0]!.n;
const engine = () => t.platform.services.feedHost.goods;
const reachOf = (p: Product) => {
  const st = engine().items.get(p.id);
  expect(st, `${p.id} is in the goods engine`).toBeDefined();
  return engine().experienceOf(st!);
};

async function report(who: Client, targetId: string, targetType = 'product', reason = 'not_as_shown') {
  return who.post<Report>('/api/v1/reports', { targetType, targetId, reason, text: '实物和视频不一样' });
}

async function decide(reportId: string, body: unknown) {
  const r = await operator.post<Report>(`/api/v1/ops/governance/reports/${reportId}/decide`, body);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  await t.platform.bus.drain();
  await t.platform.services.search.indexer.settle();
  return r.body;
}

/** Search's score of our 牛肉干 over the rival store's identical one. */
async function searchRatio(): Promise<number> {
  await t.platform.services.search.indexer.settle();
  const r = await t.client.get<{ items: Array<{ id: string; score: number }> }>(`/api/v1/search?q=${encodeURIComponent('牛肉干')}&type=product`);
  const score = (id: string) => r.body.items.find((i) => i.id === id)?.score;
  expect(score(goods[0]!.id)).toBeDefined();
  expect(score(rival.id)).toBeDefined();
  return score(goods[0]!.id)! / score(rival.id)!;
}

const standing = async () => (await merchant.get<StoreStanding>(`/api/v1/merchant/stores/${store.id}/penalties`)).body;

describe('reports', () => {
  it('a signed-in user reports goods; the store responsible is resolved; they see it in their reports', async () => {
    const r = await report(shopper, goods[0]!.id);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({ targetType: 'product', targetId: goods[0]!.id, storeId: store.id, status: 'open', reason: 'not_as_shown', openOnTarget: 1 });
    const mine = await shopper.get<{ items: Report[] }>('/api/v1/me/reports');
    expect(mine.body.items.map((x) => x.id)).toEqual([r.body.id]);
    expect((await second.get<{ items: Report[] }>('/api/v1/me/reports')).body.items).toEqual([]);
    const s = await report(second, store.id, 'store', 'false_claim');
    expect(s.body.storeId).toBe(store.id);
    expect((await report(second, 'prd_0000000000zzzzzzzzzz')).status).toBe(404);
    expect((await t.client.post('/api/v1/reports', { targetType: 'store', targetId: store.id, reason: 'other' })).status).toBe(401);
  });

  it('floods are refused (429) and write nothing: one per target a day, five an hour', async () => {
    const before = await count('governance_reports');
    const again = await report(shopper, goods[0]!.id, 'product', 'false_claim');
    expect(again.status).toBe(429);
    expect(again.problem.code).toBe('rate_limited');
    expect(await count('governance_reports')).toBe(before);
    for (const p of goods.slice(0, 5)) expect((await report(flooder, p.id)).status).toBe(201);
    const sixth = await report(flooder, goods[5]!.id);
    expect(sixth.status).toBe(429);
    expect(await count('governance_reports')).toBe(before + 5);
    expect(await count(`governance_reports WHERE user_id = (SELECT user_id FROM governance_reports WHERE target_id = $1 ORDER BY created_at DESC LIMIT 1)`, [goods[4]!.id])).toBe(5);
  });

  it('the queue is the operators’: open reports, oldest first, counted per target', async () => {
    const q = await operator.get<{ items: Report[]; total: number }>('/api/v1/ops/governance/reports?status=open');
    expect(q.status).toBe(200);
    expect(q.body.total).toBe(7);
    expect(q.body.items.find((x) => x.targetId === goods[0]!.id)?.openOnTarget).toBe(2);
    expect((await shopper.get('/api/v1/ops/governance/reports')).status).toBe(403);
    expect((await merchant.get('/api/v1/ops/governance/reports')).status).toBe(403);
  });
});

describe('penalties', () => {
  let reachPenalty: Penalty;

  it('reduced reach lowers the store’s items in the engine and its goods in search', async () => {
    expect(reachOf(goods[0]!)).toBe(1);
    expect(await searchRatio()).toBeCloseTo(1, 2);
    const [r] = (await operator.get<{ items: Report[] }>('/api/v1/ops/governance/reports')).body.items.filter((x) => x.targetId === goods[0]!.id);
    expect((await merchant.post(`/api/v1/ops/governance/reports/${r!.id}/decide`, { uphold: true, note: '不符' })).status).toBe(403);
    const decided = await decide(r!.id, { uphold: true, note: '实物与视频不符', penalty: { kind: 'reduced_reach', factor: 0.5, days: 7 } });
    expect(decided).toMatchObject({ status: 'upheld', note: '实物与视频不符' });
    expect(decided.penaltyId).toMatch(/^gpn_/);
    expect(reachOf(goods[0]!)).toBe(0.5);
    expect(reachOf(goods[5]!)).toBe(0.5);
    expect(t.platform.services.reach.factor(store.id)).toBe(0.5);
    expect(await searchRatio()).toBeCloseTo(0.5, 1);
    expect(await count(`audit_log WHERE action = 'governance.report.decide' AND subject_id = $1`, [r!.id])).toBe(1);
    const s = await standing();
    expect(s.reach.factor).toBe(0.5);
    expect(s.penalties[0]).toMatchObject({ kind: 'reduced_reach', status: 'active', factor: 0.5 });
    reachPenalty = s.penalties[0]!;
    // A decided report is not decided again.
    expect((await operator.post(`/api/v1/ops/governance/reports/${r!.id}/decide`, { uphold: false, note: 'x' })).status).toBe(409);
  });

  it('only the store’s staff see its penalties and appeal, once; an accepted appeal restores reach', async () => {
    expect((await otherMerchant.get(`/api/v1/merchant/stores/${store.id}/penalties`)).status).toBe(403);
    expect((await shopper.get(`/api/v1/merchant/stores/${store.id}/penalties`)).status).toBe(403);
    expect((await otherMerchant.post(`/api/v1/merchant/stores/${store.id}/penalties/${reachPenalty.id}/appeal`, { text: '冤枉' })).status).toBe(403);
    const a = await merchant.post<Penalty>(`/api/v1/merchant/stores/${store.id}/penalties/${reachPenalty.id}/appeal`, { text: '视频为实拍，附检测报告' });
    expect(a.status, JSON.stringify(a.body)).toBe(200);
    expect(a.body.status).toBe('appealed');
    expect((await merchant.post(`/api/v1/merchant/stores/${store.id}/penalties/${reachPenalty.id}/appeal`, { text: '再申诉' })).status).toBe(409);
    expect(reachOf(goods[0]!)).toBe(0.5);
    expect((await merchant.post(`/api/v1/ops/governance/penalties/${reachPenalty.id}/appeal`, { accept: true, note: 'ok' })).status).toBe(403);
    const d = await operator.post<Penalty>(`/api/v1/ops/governance/penalties/${reachPenalty.id}/appeal`, { accept: true, note: '证据充分，撤销处罚' });
    expect(d.status, JSON.stringify(d.body)).toBe(200);
    expect(d.body).toMatchObject({ status: 'revoked', appealOutcome: 'accepted' });
    await t.platform.bus.drain();
    expect(reachOf(goods[0]!)).toBe(1);
    expect(await searchRatio()).toBeCloseTo(1, 2);
    expect((await standing()).reach.factor).toBe(1);
    expect(await count(`audit_log WHERE action = 'governance.penalty.appeal_decide' AND subject_id = $1`, [reachPenalty.id])).toBe(1);
  });

  it('points accumulate; at the threshold (12) reach is cut automatically', async () => {
    const open = (await operator.get<{ items: Report[] }>('/api/v1/ops/governance/reports')).body.items;
    const a = open.find((x) => x.targetId === goods[1]!.id)!;
    const b = open.find((x) => x.targetId === goods[2]!.id)!;
    await decide(a.id, { uphold: true, note: '虚假宣传', penalty: { kind: 'points', points: 6 } });
    expect((await standing()).points).toBe(6);
    expect(reachOf(goods[1]!)).toBe(1);
    await decide(b.id, { uphold: true, note: '虚假宣传', penalty: { kind: 'points', points: 6 } });
    const s = await standing();
    expect(s.points).toBe(12);
    expect(s.reach.factor).toBe(0.5);
    expect(reachOf(goods[1]!)).toBe(0.5);
    expect((await operator.post(`/api/v1/ops/governance/reports/${open.find((x) => x.targetId === goods[3]!.id)!.id}/decide`, { uphold: true, note: 'x', penalty: { kind: 'points' } })).status).toBe(400);
  });

  it('takedown takes the goods off sale; a dismissal carries no penalty', async () => {
    const open = (await operator.get<{ items: Report[] }>('/api/v1/ops/governance/reports')).body.items;
    expect((await t.client.get(`/api/v1/products/${goods[3]!.id}`)).status).toBe(200);
    await decide(open.find((x) => x.targetId === goods[3]!.id)!.id, { uphold: true, note: '假货', penalty: { kind: 'takedown' } });
    expect((await t.client.get(`/api/v1/products/${goods[3]!.id}`)).status).toBe(404);
    const dismissed = await decide(open.find((x) => x.targetId === goods[4]!.id)!.id, { uphold: false, note: '证据不足' });
    expect(dismissed).toMatchObject({ status: 'dismissed', penaltyId: null });
  });

  it('the experience score feeds reach and gates the alliance (≥ 70)', async () => {
    expect((await standing()).alliance).toMatchObject({ allowed: true, score: null, minScore: 70 });
    await t.platform.db.tx((tx) => t.platform.bus.publish(tx, 'experience.store_score.updated', { storeId: store.id, score: 62, computedAt: new Date().toISOString() }));
    await t.platform.bus.drain();
    const s = await standing();
    expect(s.alliance).toMatchObject({ allowed: false, score: 62, reasons: ['score_below_threshold'] });
    expect(reachOf(goods[0]!)).toBeCloseTo(0.85 * 0.5);
    expect(await t.platform.services.governance.service.allianceAllowed(store.id)).toBe(false);
    const open = (await operator.get<{ items: Report[] }>('/api/v1/ops/governance/reports')).body.items;
    const r = open.find((x) => x.targetType === 'store')!;
    await decide(r.id, { uphold: true, note: '刷单', penalty: { kind: 'alliance_suspension', days: 30 } });
    expect((await standing()).alliance.reasons).toEqual(['score_below_threshold', 'alliance_suspended']);
    // The alliance asks the gate: no new commission plans while it is closed.
    const plan = await merchant.post(`/api/v1/merchant/stores/${store.id}/alliance/plans`, { productId: goods[0]!.id, kind: 'open', rateBps: 1000 });
    expect(plan.status).toBe(403);
    expect(plan.problem).toMatchObject({ code: 'forbidden', field: 'storeId' });
  });
});
