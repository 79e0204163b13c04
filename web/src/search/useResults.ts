// The result pages of one search state, appended as the shopper scrolls. A new state (query,
// tab, sort, filter) starts over at page 1; an answer for a state or page that is no longer
// current is dropped, so a slow first search never overwrites a newer one.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { SearchItem, SearchResult } from '../typesSearch';
import { apiQuery, type PageState } from './params';
import { searchApi } from './searchApi';

export const PAGE_SIZE = 20;

export interface Results {
  /** The latest page's answer (counts, facets, understood), null before the first. */
  head: SearchResult | null;
  items: SearchItem[];
  loading: boolean;
  error: unknown;
  /** Every match has been loaded. */
  done: boolean;
  more: () => void;
  retry: () => void;
}

export function useResults(state: PageState): Results {
  const key = JSON.stringify(state);
  const [head, setHead] = useState<SearchResult | null>(null);
  const [items, setItems] = useState<SearchItem[]>([]);
  const [page, setPage] = useState(0);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const seq = useRef(0);

  const load = useCallback((s: PageState, n: number) => {
    const mine = ++seq.current;
    setLoading(true);
    setError(null);
    searchApi.search(apiQuery(s, n, PAGE_SIZE)).then(
      (r) => {
        if (mine !== seq.current) return;
        setHead(r);
        // A hit may repeat across pages when the index changed in between: keep its first place.
        setItems((prev) => {
          const base = n === 1 ? [] : prev;
          const seen = new Set(base.map((i) => `${i.type}:${i.id}`));
          return [...base, ...r.items.filter((i) => !seen.has(`${i.type}:${i.id}`))];
        });
        setPage(n);
        setLoading(false);
      },
      (err: unknown) => {
        if (mine !== seq.current) return;
        setError(err);
        setLoading(false);
      },
    );
  }, []);

  useEffect(() => {
    setHead(null);
    setItems([]);
    setPage(0);
    load(JSON.parse(key) as PageState, 1);
  }, [key, load]);

  // Paging by the total, not by a short page: the server leaves out hits whose owner withdrew them.
  const done = head !== null && page * PAGE_SIZE >= head.total;
  const more = useCallback(() => {
    if (!loading && !error && !done && page > 0) load(JSON.parse(key) as PageState, page + 1);
  }, [loading, error, done, page, key, load]);
  const retry = useCallback(() => load(JSON.parse(key) as PageState, Math.max(1, page + (head ? 1 : 0))), [key, page, head, load]);

  return { head, items, loading, error, done, more, retry };
}
