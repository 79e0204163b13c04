// The bars above the results: type tabs with counts, the goods sort bar with 筛选, and the active
// filters as removable chips.
import { useI18n } from '../i18n';
import { fenToYuan } from '../money';
import type { Category, Store } from '../types';
import type { SearchResult, SearchSort, SearchType } from '../typesSearch';
import { filterCount, TYPES, type GoodsFilters, type PageState } from './params';

export function TypeTabs({ type, counts, onPick }: { type: SearchType; counts: SearchResult['counts'] | null; onPick: (t: SearchType) => void }) {
  const { t } = useI18n();
  return (
    <div className="stabs" role="tablist" aria-label={t('search.tabs')}>
      {TYPES.map((x) => (
        <button key={x} type="button" role="tab" aria-selected={type === x} className={`stab ${type === x ? 'on' : ''}`} onClick={() => onPick(x)} data-testid={`search-tab-${x}`}>
          {t(`search.tab.${x}`)}
          {counts && <span className="stab-n" data-testid={`search-count-${x}`}>{counts[x] > 999 ? '999+' : counts[x]}</span>}
        </button>
      ))}
    </div>
  );
}

export function SortBar({ sort, filters, onSort, onFilter }: { sort: SearchSort; filters: GoodsFilters; onSort: (s: SearchSort) => void; onFilter: () => void }) {
  const { t } = useI18n();
  const n = filterCount(filters);
  const plain: { key: SearchSort; label: string }[] = [
    { key: 'relevance', label: t('search.sort.relevance') },
    { key: 'sales', label: t('search.sort.sales') },
  ];
  const price = sort === 'price_asc' || sort === 'price_desc';
  return (
    <div className="ssort" role="toolbar" aria-label={t('search.sortBar')}>
      {plain.map((s) => (
        <button key={s.key} type="button" className={`ssort-btn ${sort === s.key ? 'on' : ''}`} aria-pressed={sort === s.key} onClick={() => onSort(s.key)} data-testid={`search-sort-${s.key}`}>
          {s.label}
        </button>
      ))}
      {/* One 价格 button: the first tap sorts low to high, the next high to low. */}
      <button type="button" className={`ssort-btn ${price ? 'on' : ''}`} aria-pressed={price} onClick={() => onSort(sort === 'price_asc' ? 'price_desc' : 'price_asc')} data-testid="search-sort-price" data-sort={price ? sort : ''}>
        {t('search.sort.price')}
        <span className="ssort-arrows" aria-hidden="true">
          <span className={`ssort-up ${sort === 'price_asc' ? 'on' : ''}`} />
          <span className={`ssort-down ${sort === 'price_desc' ? 'on' : ''}`} />
        </span>
      </button>
      <button type="button" className={`ssort-btn ${sort === 'newest' ? 'on' : ''}`} aria-pressed={sort === 'newest'} onClick={() => onSort('newest')} data-testid="search-sort-newest">
        {t('search.sort.newest')}
      </button>
      <button type="button" className={`ssort-filter ${n > 0 ? 'on' : ''}`} onClick={onFilter} data-testid="search-filter">
        {t('search.filter')}
        {n > 0 && <span className="ssort-n">{n}</span>}
        <svg width="12" height="12" viewBox="0 0 24 24" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" strokeLinejoin="round"><path d="M3 5h18l-7 8v6l-4-2v-4z" /></svg>
      </button>
    </div>
  );
}

type Removable = keyof GoodsFilters | 'price';

export function ActiveFilters({ state, categories, stores, onRemove, onClear }: {
  state: PageState;
  categories: Map<string, Category>;
  stores: Map<string, Store>;
  onRemove: (k: Removable) => void;
  onClear: () => void;
}) {
  const { t, lang } = useI18n();
  const chips: { key: Removable; label: string }[] = [];
  const { minPrice: lo, maxPrice: hi } = state;
  if (lo !== undefined && hi !== undefined) chips.push({ key: 'price', label: t('search.priceChip', { min: fenToYuan(lo), max: fenToYuan(hi) }) });
  else if (lo !== undefined) chips.push({ key: 'price', label: t('search.priceFrom', { min: fenToYuan(lo) }) });
  else if (hi !== undefined) chips.push({ key: 'price', label: t('search.priceTo', { max: fenToYuan(hi) }) });
  if (state.category) {
    const c = categories.get(state.category);
    chips.push({ key: 'category', label: c ? (lang === 'zh' ? c.nameZh : c.nameEn) : t('search.category') });
  }
  if (state.store) chips.push({ key: 'store', label: stores.get(state.store)?.name ?? t('search.store') });
  if (state.flagship) chips.push({ key: 'flagship', label: t('search.flagship') });
  if (state.inStock) chips.push({ key: 'inStock', label: t('search.inStock') });
  if (state.shipsWithin) chips.push({ key: 'shipsWithin', label: state.shipsWithin === 24 ? t('search.ships24') : state.shipsWithin === 48 ? t('search.ships48') : `≤ ${state.shipsWithin} h` });
  if (chips.length === 0) return null;
  return (
    <div className="chips chips-scroll sactive" aria-label={t('search.active')} data-testid="active-filters">
      {chips.map((c) => (
        <span key={c.key} className="chip chip-on sactive-chip" data-testid={`active-${c.key}`}>
          {c.label}
          <button type="button" className="chip-x" aria-label={t('search.remove', { what: c.label })} onClick={() => onRemove(c.key)}>
            ×
          </button>
        </span>
      ))}
      {chips.length > 1 && (
        <button type="button" className="link-btn sactive-clear" onClick={onClear} data-testid="active-clear">
          {t('search.clearAll')}
        </button>
      )}
    </div>
  );
}
