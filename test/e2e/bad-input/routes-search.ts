// Bad-input table: search and its suggestions. The engine's own limits (query length after
// folding, page depth, price range) come back as 400s naming the query parameter, like the schema's.
import { queryAt, type BadCase, type RouteEntry } from '../../support/route-table.ts';
import { long } from './kit.ts';

const at = (name: string, value: string, kind: BadCase['kind'], query: Record<string, string> = {}, field = name): BadCase => ({
  name: `query ${name}=${value.length > 24 ? `${value.slice(0, 12)}…(${value.length} chars)` : JSON.stringify(value)}${Object.keys(query).length ? ` with ${JSON.stringify(query)}` : ''}`,
  kind,
  query: { [name]: value, ...query },
  expect: { status: 400, code: 'validation_failed', field: `querystring.${field}` },
});

export const SEARCH_ROUTES: RouteEntry[] = [
  {
    method: 'GET',
    url: '/api/v1/search',
    access: 'public',
    who: 'anon',
    query: () => ({ q: '牛肉干', type: 'product', sort: 'relevance', page: '1', size: '10' }),
    ok: 200,
    bad: [
      { name: 'without q (and no category or store to browse)', kind: 'missing-field', query: { q: null }, expect: { status: 400, code: 'validation_failed', field: 'querystring.q' } },
      queryAt('q', '', 'missing-field'),
      queryAt('q', long(1024, 'x'), 'out-of-range'),
      at('q', long(150), 'out-of-range'),
      queryAt('q', '\u0001\u0002 \u0003', 'malformed'),
      queryAt('page', '0', 'out-of-range'),
      queryAt('page', '999999999', 'out-of-range'),
      at('page', '30', 'semantic', { size: '50' }),
      queryAt('size', '51', 'out-of-range'),
      queryAt('size', 'ten', 'malformed'),
      queryAt('type', 'tweet', 'malformed'),
      queryAt('sort', 'random', 'malformed'),
      queryAt('category', 'not an id', 'malformed'),
      queryAt('store', 'sto-1', 'malformed'),
      queryAt('minPrice', '-1', 'out-of-range'),
      queryAt('maxPrice', '1.5', 'malformed'),
      at('minPrice', '500', 'semantic', { maxPrice: '100' }),
      queryAt('flagship', 'perhaps', 'malformed'),
      queryAt('inStock', 'sometimes', 'malformed'),
      queryAt('shipsWithin', '0', 'out-of-range'),
    ],
  },
  {
    method: 'GET',
    url: '/api/v1/search/suggest',
    access: 'public',
    who: 'anon',
    query: () => ({ q: 'niu', limit: '5' }),
    ok: 200,
    bad: [
      { name: 'without q', kind: 'missing-field', query: { q: null }, expect: { status: 400, code: 'validation_failed', field: 'querystring.q' } },
      queryAt('q', '', 'out-of-range'),
      queryAt('q', long(101, 'x'), 'out-of-range'),
      queryAt('limit', '0', 'out-of-range'),
      queryAt('limit', '21', 'out-of-range'),
    ],
  },
];
