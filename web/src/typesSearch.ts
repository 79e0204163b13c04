// Search (GET /api/v1/search, /api/v1/search/suggest). Checked against the server's search
// schemas by test/contract.ts.
import type { Creator, ProductCard, Video } from './typesVideo.js';
import type { Store } from './types.js';

export type SearchType = 'product' | 'video' | 'store' | 'creator';
export type SearchSort = 'relevance' | 'sales' | 'price_asc' | 'price_desc' | 'newest';

/** The query string of GET /api/v1/search (prices in fen, shipsWithin in hours). */
export interface SearchQuery {
  q?: string;
  type?: SearchType;
  category?: string;
  store?: string;
  minPrice?: number;
  maxPrice?: number;
  flagship?: boolean;
  inStock?: boolean;
  shipsWithin?: number;
  sort?: SearchSort;
  page?: number;
  size?: number;
}

/** A matched part of a title: UTF-16 offsets, end exclusive. */
export interface SearchSpan {
  start: number;
  end: number;
}

export interface SearchItem {
  type: SearchType;
  id: string;
  /** The indexed title (name for stores and creators). */
  title: string;
  highlights: SearchSpan[];
  score: number;
  product?: ProductCard;
  video?: Video;
  store?: Store;
  creator?: Creator;
}

export interface SearchFacetCount {
  value: string;
  count: number;
}

export interface SearchPriceBand {
  minFen: number;
  /** The next band's lowest price (exclusive); null for the last band. */
  maxFen: number | null;
  count: number;
}

export interface SearchResult {
  q: string;
  total: number;
  page: number;
  size: number;
  /** Matches per tab, whatever tab is chosen. */
  counts: Record<SearchType, number>;
  items: SearchItem[];
  /** Counts over the matches; each ignores its own filter. Values are category and store ids. */
  facets: { categories: SearchFacetCount[]; stores: SearchFacetCount[]; priceBands: SearchPriceBand[] };
  /** Broad queries count facets (and, with filters, the total) on a sample: estimates then. */
  estimated: { total: boolean; facets: boolean };
  understood: { terms: string[]; corrections: { from: string; to: string }[]; relaxed: boolean };
}

export type SuggestKind = 'query' | 'word' | 'name';

export interface Suggestion {
  text: string;
  /** query: what others searched; word: a title word; name: a store or creator. */
  kind: SuggestKind;
  via: 'text' | 'pinyin' | 'initials';
}

export interface SuggestResult {
  q: string;
  items: Suggestion[];
}
