// The engine's public vocabulary. Money is integer fen, times are epoch milliseconds, offsets are
// UTF-16 code-unit indices into the title string exactly as it was given.

export const DOC_TYPES = ['product', 'video', 'store', 'creator'] as const;
export type DocType = (typeof DOC_TYPES)[number];

/** One searchable thing. Products use every field; a video puts its tags in `attributes`; a store or creator puts its name in `title` and bio in `description`. */
export interface SearchDoc {
  /** Opaque, unique across types (e.g. "p_123", "v_9"). */
  id: string;
  type: DocType;
  title: string;
  /** Attribute values, tags, brand…: weighs between title and description. */
  attributes?: readonly string[];
  description?: string;
  categoryId?: string | null;
  storeId?: string | null;
  flagship?: boolean;
  priceFen?: number | null;
  inStock?: boolean;
  /** Promised dispatch time; the "ships within N hours" filter keeps docs with shipsWithinHours ≤ N. */
  shipsWithinHours?: number | null;
  sales?: number;
  /** Relevance multiplier supplied by the caller (conversion, experience score); 1 is neutral, clamped to [0.05, 20]. */
  quality?: number;
  createdAt?: number;
}

export const SORTS = ['relevance', 'sales', 'price_asc', 'price_desc', 'newest'] as const;
export type SortKey = (typeof SORTS)[number];

export interface SearchFilters {
  type?: DocType;
  /** Any of these categories (the caller expands a parent into its leaves). */
  categoryIds?: readonly string[];
  storeIds?: readonly string[];
  priceMinFen?: number;
  priceMaxFen?: number;
  flagship?: boolean;
  inStock?: boolean;
  shipsWithinHours?: number;
}
export const FILTER_KEYS: ReadonlySet<string> = new Set(['type', 'categoryIds', 'storeIds', 'priceMinFen', 'priceMaxFen', 'flagship', 'inStock', 'shipsWithinHours']);

export interface SearchRequest {
  q: string;
  filters?: SearchFilters;
  sort?: SortKey;
  /** 1-based. */
  page?: number;
  size?: number;
  /** Compute facet counts (costs one pass over all matches). Default true. */
  facets?: boolean;
}

export interface Span { start: number; end: number }

export interface Hit {
  id: string;
  type: DocType;
  score: number;
  title: string;
  /** Matched parts of `title`, sorted, non-overlapping, end exclusive. Not HTML: the caller escapes and marks. */
  highlights: Span[];
}

export interface FacetCount { value: string; count: number }
export interface PriceBandCount { minFen: number; maxFen: number | null; count: number }

/** Counts over the matches, each facet ignoring its own filter (so a shopper can switch category). */
export interface Facets {
  types: Record<DocType, number>;
  categories: FacetCount[];
  stores: FacetCount[];
  priceBands: PriceBandCount[];
}

export interface SearchOk {
  ok: true;
  total: number;
  page: number;
  size: number;
  hits: Hit[];
  facets: Facets | null;
  /** Counts estimated from a sample of a broad query's matches (see EngineOptions.sampleLimit). */
  estimated: { total: boolean; facets: boolean };
  /** How the query was read: terms used, typo corrections made, whether every word had to match. */
  understood: { terms: string[]; corrections: Array<{ from: string; to: string }>; relaxed: boolean; droppedTerms: number };
}

export const ERROR_CODES = [
  'empty_query', 'query_too_long', 'invalid_query', 'invalid_page', 'invalid_size', 'page_too_deep',
  'unknown_filter', 'invalid_filter', 'unknown_sort', 'invalid_request',
] as const;
export type SearchErrorCode = (typeof ERROR_CODES)[number];
export interface SearchError { ok: false; code: SearchErrorCode; field: string; message: string }
export type SearchResult = SearchOk | SearchError;

export type DocError = { ok: false; code: 'invalid_doc'; field: string; message: string };

export interface Suggestion {
  text: string;
  /** query: from the popular-query log; word: a word of titles; name: a store or creator name. */
  kind: 'query' | 'word' | 'name';
  /** How the prefix matched: the text itself, its full pinyin, or its pinyin initials. */
  via: 'text' | 'pinyin' | 'initials';
  weight: number;
}

export interface EngineOptions {
  /** Groups of interchangeable words; defaults to DEFAULT_SYNONYMS. */
  synonyms?: ReadonlyArray<readonly string[]>;
  /** Price band lower bounds in fen, ascending; defaults to ¥0/50/100/200/500/1000/2000. */
  priceBands?: readonly number[];
  /** Exponent on the quality multiplier in relevance sort (0 ignores quality). Default 1. */
  qualityWeight?: number;
  /**
   * Beyond this many matches a query counts facets (and, with filters, the total) on an even
   * sample of them and scales up, flagged in `estimated`; the hits stay exact. Default 20,000.
   */
  sampleLimit?: number;
  /** Extra jieba dictionary lines ("word freq tag"), e.g. brand names. */
  userDict?: string;
}

export interface EngineStats {
  docs: number;
  deleted: number;
  terms: number;
  postings: number;
  deltaPostings: number;
  suggestions: number;
}
