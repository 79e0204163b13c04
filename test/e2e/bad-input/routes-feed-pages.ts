// Bad-input table: the feed's pages, goods, related goods, pool status and distribution settings.
import { bodyAt, bodyWithout, queryAt, type RouteEntry } from '../../support/route-table.ts';
import { fx } from './kit.ts';

const settings = () => ({
  objective: { finish: 1, engage: 3, tap: 4, purchase: 20 },
  pools: { sizes: [200, 2000, 20000], promoteRatio: 1, maxNegativeRate: 0.15, slotsPerPage: 3 },
  authorGap: 4,
  categoryPerTen: 4,
  campaignShare: 0.2,
  seenTtlHours: 72,
});

const DEVICE_CASES = [queryAt('deviceId', 'dev', 'out-of-range'), queryAt('deviceId', 'has space!', 'malformed')];

export const FEED_PAGE_ROUTES: RouteEntry[] = [
  {
    method: 'GET',
    url: '/api/v1/feed',
    access: 'public',
    who: 'anon',
    query: () => ({ limit: '5', deviceId: 'bad-input-device' }),
    ok: 200,
    bad: [
      queryAt('limit', '0', 'out-of-range'),
      queryAt('limit', '31', 'out-of-range'),
      queryAt('limit', 'ten', 'malformed'),
      queryAt('cursor', 'not a cursor!', 'malformed'),
      { name: 'a cursor this API never gave out', kind: 'semantic', query: { cursor: 'eHl6' }, expect: { status: 400, code: 'validation_failed', field: 'cursor' } },
      ...DEVICE_CASES,
      { name: 'anonymous without a device id', kind: 'missing-field', query: { deviceId: null }, expect: { status: 400, code: 'validation_failed', field: 'deviceId' } },
      queryAt('colour', 'red', 'unknown-field'),
    ],
  },
  {
    method: 'GET',
    url: '/api/v1/feed/goods',
    access: 'public',
    who: 'shopper',
    query: () => ({ limit: '8' }),
    ok: 200,
    bad: [queryAt('limit', '0', 'out-of-range'), queryAt('limit', '51', 'out-of-range'), ...DEVICE_CASES, { name: 'anonymous without a device id', kind: 'missing-field', who: 'anon', expect: { status: 400, code: 'validation_failed', field: 'deviceId' } }],
  },
  {
    method: 'GET',
    url: '/api/v1/products/:productId/related',
    access: 'public',
    who: 'anon',
    params: () => ({ productId: fx.productA.id }),
    query: () => ({ limit: '6' }),
    ok: 200,
    bad: [queryAt('limit', '0', 'out-of-range'), queryAt('limit', '51', 'out-of-range'), { name: 'param productId=prd-1', kind: 'malformed', params: { productId: 'prd-1' }, expect: { status: 400, code: 'validation_failed', field: 'params.productId' } }],
  },
  {
    method: 'GET',
    url: '/api/v1/videos/:videoId/distribution',
    access: 'user',
    who: 'merchant',
    params: () => ({ videoId: fx.videos.ready }),
    ok: 200,
    notOwner: ['shopper', 'other'],
    bad: [{ name: 'param videoId=vid-1', kind: 'malformed', params: { videoId: 'vid-1' }, expect: { status: 400, code: 'validation_failed', field: 'params.videoId' } }],
  },
  { method: 'GET', url: '/api/v1/ops/distribution', access: ['operator'], who: 'operator', ok: 200, wrongRole: ['shopper', 'merchant', 'creator'], bad: [] },
  { method: 'POST', url: '/api/v1/ops/distribution/retrain', access: ['operator'], who: 'operator', ok: 200, wrongRole: ['shopper', 'merchant', 'creator'], bad: [] },
  {
    method: 'PUT',
    url: '/api/v1/ops/distribution',
    access: ['operator'],
    who: 'operator',
    body: settings,
    ok: 200,
    wrongRole: ['shopper', 'merchant', 'creator'],
    bad: [
      bodyAt('objective.purchase', -1, 'out-of-range'),
      bodyAt('objective.purchase', 'lots', 'malformed'),
      bodyWithout('objective.tap'),
      bodyAt('objective.gmv', 5, 'unknown-field'),
      bodyAt('pools.sizes', [], 'out-of-range'),
      bodyAt('pools.sizes', [0], 'out-of-range', 'pools.sizes.0'),
      bodyAt('pools.sizes', [1000, 100], 'semantic'),
      bodyAt('pools.maxNegativeRate', 1.5, 'out-of-range'),
      bodyAt('pools.slotsPerPage', 11, 'out-of-range'),
      bodyAt('authorGap', 0, 'out-of-range'),
      bodyAt('campaignShare', 2, 'out-of-range'),
      bodyAt('seenTtlHours', 0, 'out-of-range'),
      bodyWithout('pools'),
    ],
  },
];
