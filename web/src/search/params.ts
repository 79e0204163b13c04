// The search page keeps its whole state in the URL (/search?q=…&type=…&minPrice=…), so back,
// refresh and a shared link show the same results. These turn the URL into an API query and back;
// anything malformed in the URL is dropped rather than sent on to fail at the server.
import type { SearchQuery, SearchSort, SearchType } from '../typesSearch';

export const TYPES: readonly SearchType[] = ['product', 'video', 'store', 'creator'];
export const SORTS: readonly SearchSort[] = ['relevance', 'sales', 'price_asc', 'price_desc', 'newest'];
/** The dispatch promises the sheet offers (hours). */
export const SHIPS_WITHIN: readonly number[] = [24, 48];

/** The goods-only filters (and sort): dropped when the shopper leaves the 商品 tab. */
export type GoodsFilters = Pick<SearchQuery, 'category' | 'store' | 'minPrice' | 'maxPrice' | 'flagship' | 'inStock' | 'shipsWithin'>;
export const FILTER_KEYS = ['category', 'store', 'minPrice', 'maxPrice', 'flagship', 'inStock', 'shipsWithin'] as const satisfies readonly (keyof GoodsFilters)[];

/** What the page shows: the query, the tab, and (on 商品) the sort and filters. No page: paging is the page's own. */
export interface PageState extends GoodsFilters {
  q: string;
  type: SearchType;
  sort: SearchSort;
}

const ID = /^[A-Za-z0-9_-]{1,64}$/;

function fen(v: string | null): number | undefined {
  if (v === null || !/^\d{1,10}$/.test(v)) return undefined;
  return Number(v);
}

export function readState(sp: URLSearchParams): PageState {
  const type = sp.get('type');
  const sort = sp.get('sort');
  const ships = fen(sp.get('shipsWithin'));
  const s: PageState = {
    q: (sp.get('q') ?? '').slice(0, 100),
    type: TYPES.find((x) => x === type) ?? 'product',
    sort: SORTS.find((x) => x === sort) ?? 'relevance',
  };
  const category = sp.get('category');
  const store = sp.get('store');
  if (category && ID.test(category)) s.category = category;
  if (store && ID.test(store)) s.store = store;
  const min = fen(sp.get('minPrice'));
  const max = fen(sp.get('maxPrice'));
  if (min !== undefined) s.minPrice = min;
  if (max !== undefined) s.maxPrice = max;
  if (sp.get('flagship') === '1') s.flagship = true;
  if (sp.get('inStock') === '1') s.inStock = true;
  if (ships !== undefined && ships >= 1 && ships <= 720) s.shipsWithin = ships;
  return s;
}

/** The URL query of a state: defaults left out, so the plain search is just ?q=…. */
export function writeState(s: PageState): URLSearchParams {
  const out = new URLSearchParams();
  if (s.q) out.set('q', s.q);
  if (s.type !== 'product') out.set('type', s.type);
  if (s.sort !== 'relevance') out.set('sort', s.sort);
  for (const k of FILTER_KEYS) {
    const v = s[k];
    if (v === undefined || v === false) continue;
    out.set(k, v === true ? '1' : String(v));
  }
  return out;
}

/** The API query for one page of a state; goods filters only on the 商品 tab (they would empty the others). */
export function apiQuery(s: PageState, page: number, size: number): SearchQuery {
  const base: SearchQuery = { q: s.q, type: s.type, page, size };
  if (s.type !== 'product') return base;
  return { ...base, ...filtersOf(s), sort: s.sort };
}

export function filtersOf(s: GoodsFilters): GoodsFilters {
  const f: GoodsFilters = {};
  for (const k of FILTER_KEYS) if (s[k] !== undefined && s[k] !== false) Object.assign(f, { [k]: s[k] });
  return f;
}

export function filterCount(s: GoodsFilters): number {
  return Object.keys(filtersOf(s)).length - (s.minPrice !== undefined && s.maxPrice !== undefined ? 1 : 0);
}

/** The state with one filter (or the price range, both ends) removed. */
export function without(s: PageState, key: keyof GoodsFilters | 'price'): PageState {
  const next = { ...s };
  if (key === 'price') {
    delete next.minPrice;
    delete next.maxPrice;
  } else delete next[key];
  return next;
}

/** A fresh search for `q`: same tab, no filters, default sort. */
export function freshSearch(q: string, type: SearchType): string {
  return `/search?${writeState({ q, type, sort: 'relevance' }).toString()}`;
}
