// Bad-input table: the store experience score (商家体验分) and creator reputation (带货口碑分) —
// store staff read and refresh their store's score, operators list and recompute every store's
// and read a creator's reputation, anyone reads a store's badge, a creator reads their own.
import type { RouteEntry } from '../../support/route-table.ts';
import { bodyAt, queryAt } from '../../support/route-table.ts';
import { fx, nonMerchants, nonOperators } from './kit.ts';

const NO_STORE = 'sto_0000000000zzzzzzzzzz';

export const SCORE_ROUTES: RouteEntry[] = [
  {
    method: 'GET',
    url: '/api/v1/merchant/stores/:storeId/experience/score',
    access: ['merchant'],
    who: 'member',
    params: () => ({ storeId: fx.storeA.id }),
    ok: 200,
    wrongRole: nonMerchants,
    notOwner: ['other'],
    bad: [{ name: 'a store that does not exist', kind: 'not-found', params: { storeId: NO_STORE }, expect: { status: 404, code: 'not_found', field: 'storeId' } }],
  },
  {
    method: 'POST',
    url: '/api/v1/merchant/stores/:storeId/experience/score/refresh',
    access: ['merchant'],
    who: 'merchant',
    params: () => ({ storeId: fx.storeA.id }),
    ok: 200,
    wrongRole: nonMerchants,
    notOwner: ['other'],
    bad: [{ name: 'a store that does not exist', kind: 'not-found', params: { storeId: NO_STORE }, expect: { status: 404, code: 'not_found', field: 'storeId' } }],
  },
  {
    method: 'GET',
    url: '/api/v1/ops/experience/scores',
    access: ['operator'],
    who: 'operator',
    query: () => ({ categoryId: fx.categoryRoot, min: '0', max: '100', scored: 'true' }),
    ok: 200,
    wrongRole: nonOperators,
    bad: [
      queryAt('categoryId', 'cat 1', 'malformed'),
      queryAt('min', '-1', 'out-of-range'),
      queryAt('max', '101', 'out-of-range'),
      queryAt('min', 'low', 'malformed'),
      queryAt('scored', 'maybe', 'malformed'),
      queryAt('limit', '0', 'out-of-range'),
      queryAt('limit', '101', 'out-of-range'),
      queryAt('offset', '-1', 'out-of-range'),
      { name: 'an unknown filter', kind: 'unknown-field', query: { region: 'east' }, expect: { status: 400, code: 'validation_failed', field: 'querystring.region' } },
    ],
  },
  {
    method: 'POST',
    url: '/api/v1/ops/experience/scores/recompute',
    access: ['operator'],
    who: 'operator',
    body: () => ({ storeIds: [fx.storeA.id] }),
    ok: 200,
    wrongRole: nonOperators,
    bad: [
      bodyAt('storeIds', 'sto_1', 'malformed'),
      bodyAt('storeIds', ['store 1'], 'malformed', 'storeIds.0'),
      bodyAt('storeIds', Array.from({ length: 1001 }, () => NO_STORE), 'out-of-range'),
      bodyAt('everything', true, 'unknown-field'),
    ],
  },
  {
    method: 'GET',
    url: '/api/v1/stores/:storeId/experience',
    access: 'public',
    who: 'anon',
    params: () => ({ storeId: fx.storeA.id }),
    ok: 200,
    bad: [{ name: 'a store that does not exist', kind: 'not-found', params: { storeId: NO_STORE }, expect: { status: 404, code: 'not_found', field: 'storeId' } }],
  },
  { method: 'GET', url: '/api/v1/me/creator/reputation', access: ['creator'], who: 'creator', ok: 200, wrongRole: ['shopper', 'merchant'], bad: [] },
  {
    method: 'GET',
    url: '/api/v1/ops/experience/creators/:creatorId/reputation',
    access: ['operator'],
    who: 'operator',
    params: () => ({ creatorId: fx.userIds.creator }),
    ok: 200,
    wrongRole: nonOperators,
    bad: [{ name: 'a creator that does not exist', kind: 'not-found', params: { creatorId: 'usr_0000000000zzzzzzzzzz' }, expect: { status: 404, code: 'not_found', field: 'creatorId' } }],
  },
];
