// Bad-input table: insights — a store's dashboard, content, creators, live minutes and CSV for its
// staff (403 for another store's), a creator's own figures and rooms, the platform's dashboard for
// operators. Ranges: a reversed one names `from`, one longer than the maximum names `to`.
import { expect } from 'vitest';
import type { Client, TestPlatform } from '../../support/platform.ts';
import type { BadCase, RouteEntry } from '../../support/route-table.ts';
import { queryAt } from '../../support/route-table.ts';
import { fx, nonMerchants, nonOperators } from './kit.ts';

const NO_STORE = 'sto_0000000000zzzzzzzzzz';
const ifx = { creatorRoom: '' };

/** A live room the creator hosts (the creator's own minutes). */
export async function insightsFixtures(_t: TestPlatform, c: { creator: Client }): Promise<void> {
  const r = await c.creator.post<{ id: string }>('/api/v1/live/rooms', { title: '达人数据直播间' });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  ifx.creatorRoom = r.body.id;
}

const ranges = (extra: BadCase[] = []): BadCase[] => [
  queryAt('from', '11/01/2026', 'malformed'),
  queryAt('to', 'today', 'malformed'),
  { name: 'a day that does not exist', kind: 'semantic', query: { from: '2026-02-30', to: '2026-03-01' }, expect: { status: 400, code: 'validation_failed', field: 'from' } },
  { name: 'a reversed range', kind: 'semantic', query: { from: '2026-11-20', to: '2026-11-01' }, expect: { status: 400, code: 'validation_failed', field: 'from' } },
  { name: 'an enormous range', kind: 'out-of-range', query: { from: '2000-01-01', to: '2026-11-01' }, expect: { status: 400, code: 'validation_failed', field: 'to' } },
  { name: 'an unknown filter', kind: 'unknown-field', query: { region: 'east' }, expect: { status: 400, code: 'validation_failed', field: 'querystring.region' } },
  ...extra,
];
const noStore: BadCase = { name: 'a store that does not exist', kind: 'not-found', params: { storeId: NO_STORE }, expect: { status: 404, code: 'not_found', field: 'storeId' } };
const RANGE = () => ({ from: '2026-11-01', to: '2026-11-30' });
const limits = [queryAt('limit', '0', 'out-of-range'), queryAt('limit', '201', 'out-of-range')];

const storeRoute = (url: string, extra: BadCase[] = [], query: () => Record<string, string> = RANGE): RouteEntry => ({
  method: 'GET',
  url,
  access: ['merchant'],
  who: 'member',
  params: () => ({ storeId: fx.storeA.id }),
  query,
  ok: 200,
  wrongRole: nonMerchants,
  notOwner: ['other'],
  bad: [...ranges(extra), noStore],
});

export const INSIGHTS_ROUTES: RouteEntry[] = [
  storeRoute('/api/v1/merchant/stores/:storeId/insights'),
  storeRoute('/api/v1/merchant/stores/:storeId/insights/content', limits),
  storeRoute('/api/v1/merchant/stores/:storeId/insights/creators', limits),
  storeRoute('/api/v1/merchant/stores/:storeId/insights/export', [queryAt('table', 'orders', 'malformed')], () => ({ ...RANGE(), table: 'content' })),
  {
    method: 'GET',
    url: '/api/v1/merchant/stores/:storeId/insights/live/:roomId',
    access: ['merchant'],
    who: 'merchant',
    params: () => ({ storeId: fx.storeA.id, roomId: fx.live.room }),
    ok: 200,
    wrongRole: nonMerchants,
    notOwner: ['other'],
    bad: [
      { name: 'a room of another host and no store of mine', kind: 'not-found', params: () => ({ storeId: fx.storeA.id, roomId: ifx.creatorRoom }), expect: { status: 404, code: 'not_found', field: 'roomId' } },
      { name: 'a room id that is malformed', kind: 'malformed', params: () => ({ storeId: fx.storeA.id, roomId: 'room 1' }), expect: { status: 400, code: 'validation_failed', field: 'params.roomId' } },
    ],
  },
  {
    method: 'GET',
    url: '/api/v1/me/creator/insights',
    access: ['creator'],
    who: 'creator',
    query: RANGE,
    ok: 200,
    wrongRole: ['shopper', 'merchant', 'operator'],
    bad: ranges(),
  },
  {
    method: 'GET',
    url: '/api/v1/me/creator/insights/live/:roomId',
    access: ['creator'],
    who: 'creator',
    params: () => ({ roomId: ifx.creatorRoom }),
    ok: 200,
    wrongRole: ['shopper', 'merchant', 'operator'],
    bad: [{ name: 'a room the creator did not host', kind: 'not-found', params: () => ({ roomId: fx.live.room }), expect: { status: 404, code: 'not_found', field: 'roomId' } }],
  },
  {
    method: 'GET',
    url: '/api/v1/ops/insights/platform',
    access: ['operator'],
    who: 'operator',
    query: RANGE,
    ok: 200,
    wrongRole: nonOperators,
    bad: ranges(),
  },
  {
    method: 'GET',
    url: '/api/v1/ops/insights/platform/export',
    access: ['operator'],
    who: 'operator',
    query: RANGE,
    ok: 200,
    wrongRole: nonOperators,
    bad: ranges(),
  },
  {
    method: 'GET',
    url: '/api/v1/ops/insights/stores/:storeId',
    access: ['operator'],
    who: 'operator',
    params: () => ({ storeId: fx.storeA.id }),
    query: RANGE,
    ok: 200,
    wrongRole: nonOperators,
    bad: [...ranges(), noStore],
  },
];
