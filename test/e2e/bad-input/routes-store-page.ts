// Bad-input table: the store page's parts owned by content (its videos), live (its rooms) and
// commerce (what the signed-in shopper did there).
import { paramAt, type RouteEntry } from '../../support/route-table.ts';
import { PAGE_CASES, fx, long } from './kit.ts';

const store = () => ({ storeId: fx.storeA.id });

export const STORE_PAGE_ROUTES: RouteEntry[] = [
  { method: 'GET', url: '/api/v1/stores/:storeId/videos', access: 'public', who: 'anon', params: store, query: () => ({ limit: '10' }), ok: 200, bad: [...PAGE_CASES(), paramAt('storeId', `sto_${long(41, 'a')}`, 'out-of-range')] },
  { method: 'GET', url: '/api/v1/stores/:storeId/live', access: 'public', who: 'anon', params: store, query: () => ({ limit: '10' }), ok: 200, bad: [...PAGE_CASES(), paramAt('storeId', 'STO_0000000000ZZZZZZZZZZ')] },
  { method: 'GET', url: '/api/v1/me/stores/:storeId/history', access: 'user', who: 'shopper', params: store, ok: 200, bad: [paramAt('storeId', 'sto_short')] },
];
