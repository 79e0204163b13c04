// Bad-input table: the mall's 热卖榜 (best sellers).
import { queryAt, type RouteEntry } from '../../support/route-table.ts';
import { fx } from './kit.ts';

export const MALL_ROUTES: RouteEntry[] = [
  {
    method: 'GET',
    url: '/api/v1/bestsellers',
    access: 'public',
    who: 'anon',
    query: () => ({ categoryId: fx.categoryRoot, limit: '10' }),
    ok: 200,
    bad: [queryAt('limit', '0', 'out-of-range'), queryAt('limit', '101', 'out-of-range'), queryAt('limit', 'ten', 'malformed'), queryAt('categoryId', 'food', 'malformed'), queryAt('categoryId', 'cat_1', 'malformed')],
    missing: [{ name: 'a category that does not exist', kind: 'not-found', query: { categoryId: 'cat_0000000000zzzzzzzzzz' }, expect: { status: 404, code: 'not_found', field: 'categoryId' } }],
  },
];
