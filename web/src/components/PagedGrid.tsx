// A tab's paged list (a store's videos, a creator's videos or showcase): the first page loads with
// the page, 查看更多 fetches the next from where the shown ones end, and an item a later page
// repeats (something new was published in between) is shown once. The loading, error and empty
// states come first, as every list of the app shows them.
import { useState, type ReactNode } from 'react';
import { errorMessage } from '../api';
import { Empty, ErrorBox, Loading } from './States';
import type { Loaded } from './useLoad';

export interface PagedGridProps<T extends { id: string }, P extends { items: T[]; total: number }> {
  first: Loaded<P>;
  /** The next page, starting at `offset`. */
  fetchMore: (offset: number) => Promise<{ items: T[] }>;
  empty: string;
  moreLabel: string;
  moreTestId: string;
  /** Lays out the items (the grid and its head). */
  children: (items: T[]) => ReactNode;
}

export function PagedGrid<T extends { id: string }, P extends { items: T[]; total: number }>({ first, fetchMore, empty, moreLabel, moreTestId, children }: PagedGridProps<T, P>) {
  const [more, setMore] = useState<T[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (first.loading && !first.data) return <Loading />;
  if (first.error || !first.data) return <ErrorBox error={first.error} onRetry={first.reload} />;
  const seen = new Set(first.data.items.map((x) => x.id));
  const items = [...first.data.items, ...more.filter((x) => !seen.has(x.id))];
  if (items.length === 0) return <Empty text={empty} />;
  const shown = first.data.items.length + more.length;

  async function loadMore() {
    setBusy(true);
    setError(null);
    try {
      const page = await fetchMore(shown);
      setMore((m) => [...m, ...page.items]);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      {children(items)}
      {error && <p className="form-error center">{error}</p>}
      {items.length < first.data.total && (
        <div className="center store-more">
          <button type="button" className="btn btn-ghost btn-sm" onClick={() => void loadMore()} disabled={busy} data-testid={moreTestId}>
            {moreLabel}
          </button>
        </div>
      )}
    </>
  );
}
