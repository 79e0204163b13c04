// /search: the results of one query in four tabs (商品 视频 店铺 达人). Everything the shopper
// chose lives in the URL (see params.ts); tabs, sorts and filters replace the history entry so
// back leaves the search rather than stepping through each tap, while a new query pushes one.
import { useEffect, useRef, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { Empty, ErrorBox, Loading } from '../components/States';
import { LangToggle, useI18n } from '../i18n';
import type { SearchSort, SearchType } from '../typesSearch';
import { ActiveFilters, SortBar, TypeTabs } from './Controls';
import { FilterSheet } from './FilterSheet';
import { useCategories, useStores } from './names';
import { FILTER_KEYS, filterCount, readState, without, writeState, type GoodsFilters, type PageState } from './params';
import { ResultList } from './ResultList';
import { SearchBar } from './SearchBar';
import { useResults } from './useResults';

export function SearchPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [sp, setSp] = useSearchParams();
  const state = readState(sp);
  const results = useResults(state);
  const [sheet, setSheet] = useState(false);
  const categories = useCategories();
  const head = results.head;
  const storeIds = [...results.items.flatMap((i) => (i.product ? [i.product.storeId] : [])), ...(head?.facets.stores.map((s) => s.value) ?? []), ...(state.store ? [state.store] : [])];
  const stores = useStores(storeIds);

  const go = (next: PageState) => setSp(writeState(next), { replace: true });
  const pickType = (type: SearchType) => {
    if (type === state.type) return;
    // Sort and filters are the goods tab's: carried to another tab they would only empty it.
    go({ q: state.q, type, sort: 'relevance' });
    window.scrollTo(0, 0);
  };
  const sort = (s: SearchSort) => go({ ...state, sort: s });
  const apply = (f: GoodsFilters) => {
    const base = { ...state };
    for (const k of FILTER_KEYS) delete base[k];
    go({ ...base, ...f });
    setSheet(false);
    window.scrollTo(0, 0);
  };
  const filtered = state.type === 'product' && filterCount(state) > 0;

  return (
    <div className="shop search-page">
      <header className="stop">
        <button type="button" className="topbar-back" aria-label={t('common.back')} onClick={() => (window.history.length > 1 ? navigate(-1) : navigate('/'))}>
          ‹
        </button>
        <SearchBar initial={state.q} type={state.type} autoFocus={!state.q} />
        <LangToggle />
      </header>

      {state.q && (
        <div className="sbars">
          <TypeTabs type={state.type} counts={head?.counts ?? null} onPick={pickType} />
          {state.type === 'product' && <SortBar sort={state.sort} filters={state} onSort={sort} onFilter={() => setSheet(true)} />}
        </div>
      )}
      {state.type === 'product' && (
        <ActiveFilters state={state} categories={categories} stores={stores} onRemove={(k) => go(without(state, k))} onClear={() => apply({})} />
      )}

      {!state.q ? (
        <Empty text={t('search.enterQuery')} />
      ) : (
        <>
          {head && head.understood.corrections.length > 0 && (
            <p className="snote" data-testid="search-corrections">
              {head.understood.corrections.map((c) => t('search.corrected', { from: c.from, to: c.to })).join('；')}
            </p>
          )}
          {head?.understood.relaxed && results.items.length > 0 && (
            <p className="snote snote-soft" data-testid="search-relaxed">{t('search.relaxed')}</p>
          )}
          {results.loading && results.items.length === 0 ? (
            <Loading />
          ) : results.error && results.items.length === 0 ? (
            <ErrorBox error={results.error} onRetry={results.retry} />
          ) : results.items.length === 0 && head ? (
            <div className="sempty" data-testid="search-empty">
              <Empty text={t(filtered ? 'search.noResultsFiltered' : 'search.noResults')} />
              {filtered && (
                <button type="button" className="btn btn-outline btn-sm" onClick={() => apply({})}>
                  {t('search.clearAll')}
                </button>
              )}
            </div>
          ) : (
            <>
              <ResultList type={state.type} items={results.items} stores={stores} />
              <More results={results} />
            </>
          )}
        </>
      )}

      {sheet && (
        <FilterSheet state={state} facets={head?.facets ?? null} categories={categories} stores={stores} onApply={apply} onClose={() => setSheet(false)} />
      )}
    </div>
  );
}

/** The end of the list: loads the next page when it scrolls into view, with a button as a fallback. */
function More({ results }: { results: ReturnType<typeof useResults> }) {
  const { t } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  const { more, done, loading, error } = results;
  useEffect(() => {
    const el = ref.current;
    if (!el || done || typeof IntersectionObserver === 'undefined') return;
    const io = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) more();
    }, { rootMargin: '400px 0px' });
    io.observe(el);
    return () => io.disconnect();
  }, [more, done]);
  if (done) return <p className="send" data-testid="search-end">{t('search.end')}</p>;
  return (
    <div ref={ref} className="smore">
      {error ? (
        <ErrorBox error={error} onRetry={results.retry} />
      ) : loading ? (
        <Loading />
      ) : (
        <button type="button" className="btn btn-ghost btn-sm" onClick={more} data-testid="search-more">
          {t('search.loadMore')}
        </button>
      )}
    </div>
  );
}
