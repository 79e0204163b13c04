// The search API's logic: a request's query string → an engine request, the engine's typed
// errors → 400s naming the query parameter, hits → the platform's public shapes, and every
// first-page search into the query log (batched) and the popular-query suggestions.
import type { SearchError, SearchFilters } from '../../engines/search/index.ts';
import { invalid } from '../../platform/errors.ts';
import type { SearchIndexer } from './indexer.ts';
import { normaliseQuery, type QueryLog } from './query-log.ts';
import type { SearchItem, SearchQuery, SearchResultBody, SuggestResult } from './schemas.ts';
import type { SearchSources } from './sources.ts';

/** Engine field → the query parameter the shopper sent. */
const PARAM: Record<string, string> = {
  q: 'q', page: 'page', size: 'size', sort: 'sort',
  'filters.type': 'type', 'filters.categoryIds': 'category', 'filters.storeIds': 'store',
  'filters.priceMinFen': 'minPrice', 'filters.priceMaxFen': 'maxPrice', 'filters.flagship': 'flagship',
  'filters.inStock': 'inStock', 'filters.shipsWithinHours': 'shipsWithin',
};

export function toProblem(e: SearchError): Error {
  const param = PARAM[e.field];
  // Platform code validation_failed (the closed set); the engine's own code leads the detail.
  return invalid(param ? `querystring.${param}` : 'querystring', `${e.code}: ${e.message}`);
}

export class SearchService {
  constructor(
    private readonly indexer: SearchIndexer,
    private readonly sources: SearchSources,
    private readonly queries: QueryLog,
  ) {}

  async search(query: SearchQuery, viewerId: string | null): Promise<SearchResultBody> {
    const filters: SearchFilters = {};
    if (query.type) filters.type = query.type;
    // A parent category means its leaves too; an unknown one matches nothing (an empty page, not an error).
    if (query.category) filters.categoryIds = await this.sources.categoryWithChildren(query.category);
    if (query.store) filters.storeIds = [query.store];
    if (query.minPrice !== undefined) filters.priceMinFen = query.minPrice;
    if (query.maxPrice !== undefined) filters.priceMaxFen = query.maxPrice;
    if (query.flagship !== undefined) filters.flagship = query.flagship;
    if (query.inStock !== undefined) filters.inStock = query.inStock;
    if (query.shipsWithin !== undefined) filters.shipsWithinHours = query.shipsWithin;
    const page = query.page ?? 1;
    const r = this.indexer.engine.search({ q: query.q ?? '', filters, sort: query.sort ?? 'relevance', page, size: query.size ?? 20 });
    if (!r.ok) throw toProblem(r);

    const items = await this.hydrate(r.hits, viewerId);
    const q = normaliseQuery(query.q ?? '');
    // A search is logged once, at its first page: paging through results is not asking again.
    if (q && page === 1) {
      this.queries.record(q, viewerId, r.total);
      // Only queries that found something are worth suggesting to others.
      if (r.total > 0) this.indexer.engine.recordQuery(q, 1);
    }
    const f = r.facets;
    return {
      q: query.q ?? '',
      total: r.total,
      page: r.page,
      size: r.size,
      counts: f ? { ...f.types } : { product: 0, video: 0, store: 0, creator: 0 },
      items,
      facets: { categories: f?.categories ?? [], stores: f?.stores ?? [], priceBands: f?.priceBands ?? [] },
      estimated: r.estimated,
      understood: { terms: r.understood.terms, corrections: r.understood.corrections, relaxed: r.understood.relaxed },
    };
  }

  suggest(q: string, limit = 10): SuggestResult {
    return { q, items: this.indexer.engine.suggest(q, limit).map((s) => ({ text: s.text, kind: s.kind, via: s.via })) };
  }

  /**
   * Hits → public shapes, one read per type (creators: one each, at most a page). A hit whose
   * owner no longer offers it (the index is a moment behind) is left out of the page.
   */
  private async hydrate(hits: Array<{ id: string; type: SearchItem['type']; score: number; title: string; highlights: SearchItem['highlights'] }>, viewerId: string | null): Promise<SearchItem[]> {
    const of = (t: SearchItem['type']) => hits.filter((h) => h.type === t).map((h) => h.id);
    const [cards, videos, stores, creators] = await Promise.all([
      this.sources.cards(of('product')),
      this.sources.videoViews(of('video'), viewerId),
      this.sources.stores({ ids: of('store') }),
      Promise.all(of('creator').map((id) => this.sources.creatorProfile(id, viewerId))),
    ]);
    const product = new Map(cards.filter((c) => c.available).map((c) => [c.id, c]));
    const video = new Map(videos.map((v) => [v.id, v]));
    const store = new Map(stores.map((s) => [s.id, s]));
    const creator = new Map(creators.flatMap((c) => (c ? [[c.id, c] as const] : [])));
    return hits.flatMap((h): SearchItem[] => {
      const base = { type: h.type, id: h.id, title: h.title, highlights: h.highlights, score: h.score };
      switch (h.type) {
        case 'product': { const x = product.get(h.id); return x ? [{ ...base, product: x }] : []; }
        case 'video': { const x = video.get(h.id); return x ? [{ ...base, video: x }] : []; }
        case 'store': { const x = store.get(h.id); return x ? [{ ...base, store: x }] : []; }
        case 'creator': { const x = creator.get(h.id); return x ? [{ ...base, creator: x }] : []; }
      }
    });
  }
}
