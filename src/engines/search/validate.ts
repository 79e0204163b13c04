// Request validation. The engine is called with whatever came over HTTP, so nothing is trusted:
// each problem is a typed error naming the field, never an exception, and the limits here are
// what bounds a query's work (query length, words, page depth).
import { fold } from './text.ts';
import { DOC_TYPES, FILTER_KEYS, SORTS, type DocType, type SearchError, type SearchFilters, type SearchRequest, type SortKey } from './types.ts';

export const LIMITS = {
  /** Characters of query after trimming; longer is refused rather than cut, so the shopper knows. */
  queryChars: 100,
  maxSize: 50,
  /** page × size: deeper pages are refused (nobody reads result 1,001; crawlers would make us sort). */
  maxWindow: 1000,
  filterValues: 100,
} as const;

export interface ValidRequest {
  q: string;
  filters: SearchFilters;
  sort: SortKey;
  page: number;
  size: number;
  facets: boolean;
}

const err = (code: SearchError['code'], field: string, message: string): SearchError => ({ ok: false, code, field, message });
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function validateRequest(input: unknown): ValidRequest | SearchError {
  if (!isObj(input)) return err('invalid_request', '', 'request must be an object');
  const rawQ = input.q ?? '';
  if (typeof rawQ !== 'string') return err('invalid_query', 'q', 'q must be a string');
  // Control characters become spaces; runs of space collapse, so padding can't hit the limit.
  const q = fold(rawQ.length > 4 * LIMITS.queryChars ? rawQ.slice(0, 4 * LIMITS.queryChars + 1) : rawQ, true).replace(/\s+/g, ' ').trim();
  if (q.length > LIMITS.queryChars) return err('query_too_long', 'q', `q is limited to ${LIMITS.queryChars} characters`);

  const sort = input.sort ?? 'relevance';
  if (typeof sort !== 'string' || !(SORTS as readonly string[]).includes(sort)) return err('unknown_sort', 'sort', `sort must be one of ${SORTS.join(', ')}`);
  const page = input.page ?? 1;
  if (typeof page !== 'number' || !Number.isInteger(page) || page < 1) return err('invalid_page', 'page', 'page must be an integer ≥ 1');
  const size = input.size ?? 20;
  if (typeof size !== 'number' || !Number.isInteger(size) || size < 1 || size > LIMITS.maxSize) return err('invalid_size', 'size', `size must be an integer in 1..${LIMITS.maxSize}`);
  if (page * size > LIMITS.maxWindow) return err('page_too_deep', 'page', `page × size is limited to ${LIMITS.maxWindow}`);
  const facets = input.facets ?? true;
  if (typeof facets !== 'boolean') return err('invalid_request', 'facets', 'facets must be a boolean');
  for (const k of Object.keys(input)) {
    if (!['q', 'sort', 'page', 'size', 'facets', 'filters'].includes(k)) return err('invalid_request', k, `unknown field ${k}`);
  }

  const filters = validateFilters(input.filters ?? {});
  if ('ok' in filters) return filters;
  if (!q && !filters.categoryIds?.length && !filters.storeIds?.length) return err('empty_query', 'q', 'q is empty: type something, or browse by category or store');
  return { q, filters, sort: sort as SortKey, page, size, facets };
}

function validateFilters(f: unknown): SearchFilters | SearchError {
  if (!isObj(f)) return err('invalid_filter', 'filters', 'filters must be an object');
  const out: SearchFilters = {};
  for (const [k, v] of Object.entries(f)) {
    if (!FILTER_KEYS.has(k)) return err('unknown_filter', `filters.${k}`, `unknown filter ${k}`);
    if (v === undefined || v === null) continue;
    const field = `filters.${k}`;
    switch (k) {
      case 'type':
        if (typeof v !== 'string' || !(DOC_TYPES as readonly string[]).includes(v)) return err('invalid_filter', field, `type must be one of ${DOC_TYPES.join(', ')}`);
        out.type = v as DocType;
        break;
      case 'categoryIds':
      case 'storeIds': {
        if (!Array.isArray(v) || v.length > LIMITS.filterValues || !v.every((x) => typeof x === 'string' && x.length > 0 && x.length <= 128)) {
          return err('invalid_filter', field, `${k} must be a list of at most ${LIMITS.filterValues} ids`);
        }
        out[k] = v as string[];
        break;
      }
      case 'priceMinFen':
      case 'priceMaxFen':
      case 'shipsWithinHours':
        if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) return err('invalid_filter', field, `${k} must be a number ≥ 0`);
        out[k] = v;
        break;
      case 'flagship':
      case 'inStock':
        if (typeof v !== 'boolean') return err('invalid_filter', field, `${k} must be a boolean`);
        out[k] = v;
        break;
    }
  }
  if (out.priceMinFen !== undefined && out.priceMaxFen !== undefined && out.priceMinFen > out.priceMaxFen) {
    return err('invalid_filter', 'filters.priceMinFen', 'priceMinFen is above priceMaxFen');
  }
  return out;
}

export type { SearchRequest };
