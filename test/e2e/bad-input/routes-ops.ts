// Bad-input table: Operator routes.
import { MISSING_IDS, bodyAt, bodyWithout, queryAt, type RouteEntry } from '../../support/route-table.ts';
import { PAGE_CASES, fx, long, nonOperators } from './kit.ts';

export const OPS_ROUTES: RouteEntry[] = [
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
  {
    method: 'GET',
    url: '/api/v1/ops/events/dead-letters',
    access: ['operator'],
    who: 'operator',
    query: () => ({ limit: '20' }),
    ok: 200,
    wrongRole: nonOperators,
    bad: [queryAt('limit', '0', 'out-of-range'), queryAt('limit', '201', 'out-of-range'), queryAt('limit', 'many', 'malformed')],
  },
];
