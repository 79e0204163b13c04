import type { App } from '../../platform/http/server.ts';
import { SearchQuery, SearchResultSchema, SuggestQuery, SuggestResultSchema } from './schemas.ts';
import type { SearchService } from './service.ts';

const tags = ['search'];

export function searchRoutes(app: App, search: SearchService): void {
  app.get(
    '/api/v1/search',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Search goods, videos, stores and creators: one query, type tabs with counts, filters, facets, sorts',
        querystring: SearchQuery,
        response: { 200: SearchResultSchema },
      },
    },
    async (req) => search.search(req.query, req.principal?.userId ?? null),
  );

  app.get(
    '/api/v1/search/suggest',
    {
      config: { access: 'public' },
      schema: { tags, summary: 'Autocomplete: popular queries, title words, store and creator names (by text, pinyin or initials)', querystring: SuggestQuery, response: { 200: SuggestResultSchema } },
    },
    async (req) => search.suggest(req.query.q, req.query.limit),
  );
}
