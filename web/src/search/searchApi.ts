// Calls of the search API (GET /api/v1/search, /api/v1/search/suggest).
import { request, withQuery } from '../api';
import type { SearchQuery, SearchResult, SuggestResult } from '../typesSearch';

export const searchApi = {
  search: (q: SearchQuery) => request<SearchResult>('GET', withQuery('/api/v1/search', { ...q })),
  suggest: (q: string, limit = 8) => request<SuggestResult>('GET', withQuery('/api/v1/search/suggest', { q, limit })),
};
