// Bad-input table: NPS (experience) — the shopper's surveys and answers, the operators', stores'
// and creators' NPS reports. Its fixtures live here (filled by npsFixtures): the shopper's survey
// from the first delivered order of the fixtures (later deliveries are held by the frequency cap),
// which the valid answer answers; the creator's service survey, answered already; the member's,
// expired.
import { expect } from 'vitest';
import type { Survey } from '../../../src/modules/experience/schemas.ts';
import type { Client, TestPlatform } from '../../support/platform.ts';
import { bodyAt, bodyWithout, queryAt, type BadCase, type RouteEntry } from '../../support/route-table.ts';
import { fx, long, nonMerchants, nonOperators } from './kit.ts';

const nfx = {} as { fresh: string; answered: string; expired: string };

/** A service survey for the user, as care's `care.ticket.closed` issues one (background work is stopped: drained by hand). */
async function serviceSurvey(t: TestPlatform, who: Client, ticketId: string): Promise<string> {
  const userId = (await who.get<{ id: string }>('/api/v1/me')).body.id;
  await t.platform.db.tx((tx) => t.platform.bus.publish(tx, 'care.ticket.closed', { ticketId, userId, storeId: fx.storeA.id, orderId: null, closedAt: new Date().toISOString() }));
  await t.platform.bus.drain();
  const [s] = (await who.get<{ items: Survey[] }>('/api/v1/me/surveys')).body.items;
  expect(s, `a service survey for ${ticketId}`).toBeDefined();
  return s!.id;
}

export async function npsFixtures(t: TestPlatform, c: { shopper: Client; creator: Client; member: Client }): Promise<void> {
  await t.platform.bus.drain();
  const [fresh] = (await c.shopper.get<{ items: Survey[] }>('/api/v1/me/surveys')).body.items;
  expect(fresh, 'the shopper has a survey from a delivered order').toBeDefined();
  const answered = await serviceSurvey(t, c.creator, 'tkt_0000000000badinput01');
  expect((await c.creator.post(`/api/v1/surveys/${answered}/answer`, { score: 8 })).status).toBe(200);
  const expired = await serviceSurvey(t, c.member, 'tkt_0000000000badinput02');
  // Past its answer window without waiting for it: a fixture may write the module's own rows.
  await t.platform.db.query(`UPDATE experience_surveys SET issued_at = now() - interval '20 days', expires_at = now() - interval '6 days' WHERE id = $1`, [expired]);
  await t.platform.bus.drain();
  Object.assign(nfx, { fresh: fresh!.id, answered, expired });
}

const windowCases = (): BadCase[] => [
  queryAt('bucket', 'month', 'malformed'),
  queryAt('kind', 'chat', 'malformed'),
  queryAt('from', 'yesterday', 'malformed'),
  queryAt('to', '2025-13-01T00:00:00Z', 'malformed'),
  { name: 'a window that ends before it starts', kind: 'semantic', query: { from: '2025-03-02T00:00:00Z', to: '2025-03-01T00:00:00Z' }, expect: { status: 400, code: 'validation_failed', field: 'querystring.to' } },
  { name: 'a window over 366 days', kind: 'out-of-range', query: { from: '2023-01-01T00:00:00Z', to: '2025-03-01T00:00:00Z' }, expect: { status: 400, code: 'validation_failed', field: 'querystring.from' } },
];

export const NPS_ROUTES: RouteEntry[] = [
  { method: 'GET', url: '/api/v1/me/surveys', access: 'user', who: 'shopper', ok: 200, bad: [queryAt('orderId', 'order 1', 'malformed')] },
  {
    method: 'POST',
    url: '/api/v1/surveys/:surveyId/answer',
    access: 'user',
    who: 'shopper',
    params: () => ({ surveyId: nfx.fresh }),
    body: () => ({ score: 9, comment: '物流很快，包装用心' }),
    ok: 200,
    missing: [{ name: 'surveyId that names nothing', kind: 'not-found', params: { surveyId: 'svy_0000000000zzzzzzzzzz' }, expect: { status: 404, code: 'not_found', field: 'surveyId' } }],
    bad: [
      bodyAt('score', 11, 'out-of-range'),
      bodyAt('score', -1, 'out-of-range'),
      bodyAt('score', 2.5, 'malformed'),
      bodyAt('score', '9', 'malformed'),
      bodyAt('score', null, 'malformed'),
      bodyWithout('score'),
      bodyAt('comment', long(501), 'out-of-range'),
      bodyAt('comment', 5, 'malformed'),
      { name: "someone else's survey", kind: 'not-found', who: 'creator', expect: { status: 404, code: 'not_found', field: 'surveyId' } },
      { name: 'a survey answered already (twice)', kind: 'semantic', who: 'creator', params: () => ({ surveyId: nfx.answered }), expect: { status: 409, code: 'conflict', field: 'surveyId' } },
      { name: 'an expired survey', kind: 'semantic', who: 'member', params: () => ({ surveyId: nfx.expired }), expect: { status: 409, code: 'invalid_state', field: 'surveyId' } },
    ],
  },
  {
    method: 'GET',
    url: '/api/v1/ops/nps',
    access: ['operator'],
    who: 'operator',
    query: () => ({ scope: 'store', id: fx.storeA.id, bucket: 'week', kind: 'order' }),
    ok: 200,
    wrongRole: nonOperators,
    bad: [
      ...windowCases(),
      queryAt('scope', 'galaxy', 'malformed'),
      queryAt('id', 'store 1', 'malformed'),
      { name: 'a scope without its id', kind: 'missing-field', query: { scope: 'creator', id: null }, expect: { status: 400, code: 'validation_failed', field: 'querystring.id' } },
      { name: 'a store that does not exist', kind: 'not-found', query: { id: 'sto_0000000000zzzzzzzzzz' }, expect: { status: 404, code: 'not_found', field: 'querystring.id' } },
      { name: 'a category that does not exist', kind: 'not-found', query: { scope: 'category', id: 'cat_0000000000zzzzzzzzzz' }, expect: { status: 404, code: 'not_found', field: 'querystring.id' } },
      { name: 'a creator that does not exist', kind: 'not-found', query: { scope: 'creator', id: 'usr_0000000000zzzzzzzzzz' }, expect: { status: 404, code: 'not_found', field: 'querystring.id' } },
    ],
  },
  {
    method: 'GET',
    url: '/api/v1/merchant/stores/:storeId/nps',
    access: ['merchant'],
    who: 'member',
    params: () => ({ storeId: fx.storeA.id }),
    query: () => ({ bucket: 'day' }),
    ok: 200,
    wrongRole: nonMerchants,
    notOwner: ['other'],
    bad: [...windowCases(), { name: 'another scope than the store', kind: 'unknown-field', query: { scope: 'platform' }, expect: { status: 400, code: 'validation_failed', field: 'querystring.scope' } }],
  },
  { method: 'GET', url: '/api/v1/me/creator/nps', access: ['creator'], who: 'creator', query: () => ({ kind: 'service' }), ok: 200, wrongRole: ['shopper', 'merchant'], bad: windowCases() },
];
