// Offline relevance measure over a labelled query set (bench/search-relevance.json): for each
// query, the share of its top k results that are labelled relevant, out of min(k, number of
// relevant ids) — so a query with one right answer scores 1 when that answer is in the top k.
import type { SearchEngine } from './engine.ts';

export interface LabelledQuery { q: string; relevant: readonly string[] }
export interface QueryScore { q: string; precision: number; top: string[] }

export function precisionAtK(engine: SearchEngine, queries: readonly LabelledQuery[], k = 5): { mean: number; perQuery: QueryScore[] } {
  const perQuery = queries.map(({ q, relevant }) => {
    const r = engine.search({ q, size: k, facets: false });
    const top = r.ok ? r.hits.map((h) => h.id) : [];
    const want = new Set(relevant);
    const good = top.filter((id) => want.has(id)).length;
    return { q, precision: good / Math.max(1, Math.min(k, want.size)), top };
  });
  const mean = perQuery.reduce((s, x) => s + x.precision, 0) / Math.max(1, perQuery.length);
  return { mean, perQuery };
}
