// Bad-input table: governance — reports (floods are rate-limited: 429, nothing written), the
// operators' queue and decisions, stores' penalties and appeals. Its fixtures live here (filled
// by governanceFixtures): the creator's report flood (five in the hour), the shopper's report of
// productA (so another of it today is refused), open reports to decide, and penalties of storeA.
import { expect } from 'vitest';
import type { Penalty, Report, StoreStanding } from '../../../src/modules/governance/schemas.ts';
import type { Client, TestPlatform } from '../../support/platform.ts';
import { bodyAt, bodyWithout, queryAt, type RouteEntry } from '../../support/route-table.ts';
import { fx, long, nonMerchants, nonOperators, PAGE_CASES } from './kit.ts';

const gfx = {} as { forTakedown: string; toDecide: string; decided: string; toAppeal: string; appealed: string; toDecideAppeal: string };

export async function governanceFixtures(t: TestPlatform, c: { shopper: Client; creator: Client; member: Client; operator: Client; merchant: Client }): Promise<void> {
  const report = async (who: Client, targetType: string, targetId: string) => {
    const r = await who.post<Report>('/api/v1/reports', { targetType, targetId, reason: 'not_as_shown' });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body.id;
  };
  // The creator's flood: five reports within the hour (the limit).
  const creatorReports: string[] = [];
  for (const id of [fx.storeA.id]) creatorReports.push(await report(c.creator, 'store', id));
  for (const id of [fx.productA.id, fx.productToArchive.id]) creatorReports.push(await report(c.creator, 'product', id));
  creatorReports.push(await report(c.creator, 'live_room', fx.live.room));
  creatorReports.push(await report(c.creator, 'video', fx.videos.ready));
  // The shopper reported productA today.
  const shopperReport = await report(c.shopper, 'product', fx.productA.id);
  const decide = async (id: string, penalty?: unknown) => {
    const r = await c.operator.post(`/api/v1/ops/governance/reports/${id}/decide`, { uphold: true, note: '核实', ...(penalty ? { penalty } : {}) });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
  };
  await decide(creatorReports[0]!, { kind: 'warning' });
  await decide(creatorReports[1]!, { kind: 'warning' });
  await decide(shopperReport, { kind: 'warning' });
  const penalties = (await c.merchant.get<StoreStanding>(`/api/v1/merchant/stores/${fx.storeA.id}/penalties`)).body.penalties;
  expect(penalties.length).toBe(3);
  const [p1, p2, p3] = penalties as [Penalty, Penalty, Penalty];
  for (const p of [p2, p3]) expect((await c.merchant.post(`/api/v1/merchant/stores/${fx.storeA.id}/penalties/${p.id}/appeal`, { text: '申诉' })).status).toBe(200);
  await t.platform.bus.drain();
  Object.assign(gfx, { forTakedown: creatorReports[3]!, toDecide: creatorReports[2]!, decided: creatorReports[0]!, toAppeal: p1.id, appealed: p2.id, toDecideAppeal: p3.id });
}

export const GOVERNANCE_ROUTES: RouteEntry[] = [
  {
    method: 'POST',
    url: '/api/v1/reports',
    access: 'user',
    who: 'member',
    body: () => ({ targetType: 'product', targetId: fx.productA.id, reason: 'false_claim', text: '宣传与实物不符' }),
    ok: 201,
    bad: [
      bodyAt('targetType', 'comment', 'malformed'),
      bodyAt('targetId', 'product 1', 'malformed'),
      bodyAt('reason', 'ugly', 'malformed'),
      bodyAt('text', long(501), 'out-of-range'),
      bodyAt('orderId', 'order 1', 'malformed'),
      bodyWithout('reason'),
      bodyWithout('targetId'),
      { name: 'a product that does not exist', kind: 'not-found', body: (b) => ({ ...b, targetId: 'prd_0000000000zzzzzzzzzz' }), expect: { status: 404, code: 'not_found', field: 'targetId' } },
      { name: 'a live room that does not exist', kind: 'not-found', body: (b) => ({ ...b, targetType: 'live_room', targetId: 'lvr_0000000000zzzzzzzzzz' }), expect: { status: 404, code: 'not_found', field: 'targetId' } },
      { name: 'a report flood (the sixth in the hour)', kind: 'semantic', who: 'creator', expect: { status: 429, code: 'rate_limited', field: 'body' } },
      { name: 'the same target twice in a day', kind: 'semantic', who: 'shopper', expect: { status: 429, code: 'rate_limited', field: 'targetId' } },
    ],
  },
  { method: 'GET', url: '/api/v1/me/reports', access: 'user', who: 'shopper', ok: 200, bad: PAGE_CASES() },
  {
    method: 'GET',
    url: '/api/v1/ops/governance/reports',
    access: ['operator'],
    who: 'operator',
    query: () => ({ status: 'open' }),
    ok: 200,
    wrongRole: nonOperators,
    bad: [...PAGE_CASES(), queryAt('status', 'closed', 'malformed'), queryAt('storeId', 'store 1', 'malformed')],
  },
  {
    method: 'POST',
    url: '/api/v1/ops/governance/reports/:reportId/decide',
    access: ['operator'],
    who: 'operator',
    params: () => ({ reportId: gfx.toDecide }),
    body: () => ({ uphold: true, note: '核实属实', penalty: { kind: 'points', points: 2 } }),
    ok: 200,
    wrongRole: nonOperators,
    missing: [{ name: 'reportId that names nothing', kind: 'not-found', params: { reportId: 'grp_0000000000zzzzzzzzzz' }, expect: { status: 404, code: 'not_found', field: 'reportId' } }],
    bad: [
      bodyAt('uphold', 'yes', 'malformed'),
      bodyWithout('note'),
      bodyAt('note', '', 'out-of-range'),
      bodyAt('note', long(501), 'out-of-range'),
      bodyAt('penalty', { kind: 'jail' }, 'malformed', 'penalty.kind'),
      bodyAt('penalty', { kind: 'points', points: 13 }, 'out-of-range', 'penalty.points'),
      bodyAt('penalty', { kind: 'reduced_reach', factor: 1.5 }, 'out-of-range', 'penalty.factor'),
      bodyAt('penalty', { kind: 'reduced_reach', days: 0 }, 'out-of-range', 'penalty.days'),
      { name: 'points without points', kind: 'semantic', body: (b) => ({ ...b, penalty: { kind: 'points' } }), expect: { status: 400, code: 'validation_failed', field: 'penalty.points' } },
      { name: 'a dismissal with a penalty', kind: 'semantic', body: (b) => ({ ...b, uphold: false }), expect: { status: 400, code: 'validation_failed', field: 'penalty' } },
      { name: 'takedown on a live-room report', kind: 'semantic', params: () => ({ reportId: gfx.forTakedown }), body: (b) => ({ ...b, penalty: { kind: 'takedown' } }), expect: { status: 409, code: 'invalid_state', field: 'penalty.kind' } },
      { name: 'a report decided already', kind: 'semantic', params: () => ({ reportId: gfx.decided }), expect: { status: 409, code: 'invalid_state', field: 'reportId' } },
    ],
  },
  {
    method: 'POST',
    url: '/api/v1/ops/governance/penalties/:penaltyId/appeal',
    access: ['operator'],
    who: 'operator',
    params: () => ({ penaltyId: gfx.toDecideAppeal }),
    body: () => ({ accept: true, note: '证据充分' }),
    ok: 200,
    wrongRole: nonOperators,
    missing: [{ name: 'penaltyId that names nothing', kind: 'not-found', params: { penaltyId: 'gpn_0000000000zzzzzzzzzz' }, expect: { status: 404, code: 'not_found', field: 'penaltyId' } }],
    bad: [
      bodyAt('accept', 1, 'malformed'),
      bodyWithout('note'),
      bodyAt('note', long(501), 'out-of-range'),
      { name: 'a penalty without an appeal', kind: 'semantic', params: () => ({ penaltyId: gfx.toAppeal }), expect: { status: 409, code: 'invalid_state', field: 'penaltyId' } },
    ],
  },
  {
    method: 'GET',
    url: '/api/v1/ops/governance/stores/:storeId',
    access: ['operator'],
    who: 'operator',
    params: () => ({ storeId: fx.storeA.id }),
    ok: 200,
    wrongRole: nonOperators,
    bad: [],
  },
  {
    method: 'GET',
    url: '/api/v1/merchant/stores/:storeId/penalties',
    access: ['merchant'],
    who: 'member',
    params: () => ({ storeId: fx.storeA.id }),
    ok: 200,
    wrongRole: nonMerchants,
    notOwner: ['other'],
    bad: [],
  },
  {
    method: 'POST',
    url: '/api/v1/merchant/stores/:storeId/penalties/:penaltyId/appeal',
    access: ['merchant'],
    who: 'merchant',
    params: () => ({ storeId: fx.storeA.id, penaltyId: gfx.toAppeal }),
    body: () => ({ text: '已整改，申请撤销' }),
    ok: 200,
    wrongRole: nonMerchants,
    notOwner: ['other'],
    missing: [{ name: 'penaltyId that names nothing', kind: 'not-found', params: { penaltyId: 'gpn_0000000000zzzzzzzzzz' }, expect: { status: 404, code: 'not_found', field: 'penaltyId' } }],
    bad: [
      bodyWithout('text'),
      bodyAt('text', '', 'out-of-range'),
      bodyAt('text', long(1001), 'out-of-range'),
      { name: 'a penalty appealed already (twice)', kind: 'semantic', params: () => ({ storeId: fx.storeA.id, penaltyId: gfx.appealed }), expect: { status: 409, code: 'conflict', field: 'penaltyId' } },
    ],
  },
];
