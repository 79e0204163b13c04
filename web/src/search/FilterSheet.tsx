// 筛选: the goods filters in a bottom sheet, edited as a draft and applied together with 确定
// (which shows how many goods the draft would find, asked of the server as the draft changes).
import { useEffect, useState } from 'react';
import { Sheet } from '../components/Sheet';
import { useI18n } from '../i18n';
import { fenToInput, fenToYuan, yuanToFen } from '../money';
import type { Category, Store } from '../types';
import type { SearchResult } from '../typesSearch';
import { apiQuery, filtersOf, SHIPS_WITHIN, type GoodsFilters, type PageState } from './params';
import { searchApi } from './searchApi';

const PREVIEW_MS = 250;

export function FilterSheet({ state, facets, categories, stores, onApply, onClose }: {
  state: PageState;
  facets: SearchResult['facets'] | null;
  categories: Map<string, Category>;
  stores: Map<string, Store>;
  onApply: (f: GoodsFilters) => void;
  onClose: () => void;
}) {
  const { t, lang } = useI18n();
  const [draft, setDraft] = useState<GoodsFilters>(() => filtersOf(state));
  const [minText, setMinText] = useState(fenToInput(state.minPrice));
  const [maxText, setMaxText] = useState(fenToInput(state.maxPrice));
  // The preview count; estimated when the query is broad (the server counts a sample).
  const [count, setCount] = useState<{ n: number; estimated: boolean } | null>(null);

  const minFen = minText.trim() ? yuanToFen(minText) : undefined;
  const maxFen = maxText.trim() ? yuanToFen(maxText) : undefined;
  const priceBad = minFen === null || maxFen === null;
  // Typed the wrong way round: read as the range the shopper meant.
  const [lo, hi] = minFen != null && maxFen != null && minFen > maxFen ? [maxFen, minFen] : [minFen ?? undefined, maxFen ?? undefined];
  const filters: GoodsFilters = { ...draft, minPrice: lo, maxPrice: hi };
  const key = JSON.stringify(filtersOf(filters));

  useEffect(() => {
    if (priceBad) return;
    let live = true;
    const timer = window.setTimeout(() => {
      const f = JSON.parse(key) as GoodsFilters;
      searchApi.search({ ...apiQuery({ q: state.q, type: 'product', sort: 'relevance', ...f }, 1, 1) }).then(
        (r) => live && setCount({ n: r.total, estimated: r.estimated.total }),
        () => live && setCount(null), // the count is a preview; 确定 still works without it
      );
    }, PREVIEW_MS);
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [key, priceBad, state.q]);

  const toggle = <K extends keyof GoodsFilters>(k: K, v: GoodsFilters[K]) => setDraft((d) => ({ ...d, [k]: d[k] === v ? undefined : v }));
  const band = (minF: number, maxF: number | null) => {
    const on = lo === minF && hi === (maxF === null ? undefined : maxF - 1);
    setMinText(on ? '' : fenToYuan(minF));
    // A band's top is the next band's bottom, exclusive; the API's maxPrice is inclusive.
    setMaxText(on || maxF === null ? '' : fenToYuan(maxF - 1));
  };
  const catName = (id: string) => {
    const c = categories.get(id);
    return c ? (lang === 'zh' ? c.nameZh : c.nameEn) : '…';
  };
  const bands = facets?.priceBands.filter((b) => b.count > 0) ?? [];

  return (
    <Sheet
      title={t('search.filterTitle')}
      onClose={onClose}
      testId="filter-sheet"
      footer={
        <div className="sfilter-foot">
          <button type="button" className="btn btn-ghost" onClick={() => { setDraft({}); setMinText(''); setMaxText(''); }} data-testid="filter-reset">
            {t('search.reset')}
          </button>
          <button type="button" className="btn btn-primary" disabled={priceBad} onClick={() => onApply(filtersOf(filters))} data-testid="filter-apply">
            {count === null ? t('search.apply') : t(count.estimated ? 'search.applyAbout' : 'search.applyCount', { n: count.n })}
          </button>
        </div>
      }
    >
      <section className="sfilter-group">
        <h4>{t('search.price')}</h4>
        <div className="sfilter-price">
          <input inputMode="decimal" placeholder={t('search.priceMin')} value={minText} onChange={(e) => setMinText(e.target.value)} aria-invalid={minFen === null} data-testid="filter-min" />
          <span aria-hidden="true">—</span>
          <input inputMode="decimal" placeholder={t('search.priceMax')} value={maxText} onChange={(e) => setMaxText(e.target.value)} aria-invalid={maxFen === null} data-testid="filter-max" />
        </div>
        {priceBad && <p className="field-error">{t('search.priceBad')}</p>}
        {bands.length > 0 && (
          <div className="chips chips-wrap sfilter-chips">
            {bands.map((b) => {
              const on = lo === b.minFen && hi === (b.maxFen === null ? undefined : b.maxFen - 1);
              return (
                <button key={b.minFen} type="button" className={`chip ${on ? 'chip-on' : ''}`} onClick={() => band(b.minFen, b.maxFen)} data-testid={`band-${b.minFen}`}>
                  {b.maxFen === null ? t('search.bandOpen', { min: fenToYuan(b.minFen) }) : t('search.band', { min: fenToYuan(b.minFen), max: fenToYuan(b.maxFen) })}
                  <span className="sfilter-n">{b.count}</span>
                </button>
              );
            })}
          </div>
        )}
      </section>

      <section className="sfilter-group">
        <h4>{t('search.service')}</h4>
        <div className="chips chips-wrap sfilter-chips">
          <button type="button" className={`chip ${draft.flagship ? 'chip-on' : ''}`} onClick={() => toggle('flagship', true)} data-testid="filter-flagship">{t('search.flagship')}</button>
          <button type="button" className={`chip ${draft.inStock ? 'chip-on' : ''}`} onClick={() => toggle('inStock', true)} data-testid="filter-instock">{t('search.inStock')}</button>
        </div>
      </section>

      <section className="sfilter-group">
        <h4>{t('search.shipping')}</h4>
        <div className="chips chips-wrap sfilter-chips">
          {SHIPS_WITHIN.map((h) => (
            <button key={h} type="button" className={`chip ${draft.shipsWithin === h ? 'chip-on' : ''}`} onClick={() => toggle('shipsWithin', h)} data-testid={`filter-ships-${h}`}>
              {t(h === 24 ? 'search.ships24' : 'search.ships48')}
            </button>
          ))}
        </div>
      </section>

      {facets && facets.categories.length > 0 && (
        <section className="sfilter-group">
          <h4>{t('search.category')}</h4>
          <div className="chips chips-wrap sfilter-chips">
            {facets.categories.map((c) => (
              <button key={c.value} type="button" className={`chip ${draft.category === c.value ? 'chip-on' : ''}`} onClick={() => toggle('category', c.value)} data-testid={`facet-category-${c.value}`}>
                {catName(c.value)}
                <span className="sfilter-n">{c.count}</span>
              </button>
            ))}
          </div>
        </section>
      )}

      {facets && facets.stores.length > 0 && (
        <section className="sfilter-group">
          <h4>{t('search.store')}</h4>
          <div className="chips chips-wrap sfilter-chips">
            {facets.stores.map((s) => (
              <button key={s.value} type="button" className={`chip ${draft.store === s.value ? 'chip-on' : ''}`} onClick={() => toggle('store', s.value)} data-testid={`facet-store-${s.value}`}>
                {stores.get(s.value)?.name ?? '…'}
                <span className="sfilter-n">{s.count}</span>
              </button>
            ))}
          </div>
        </section>
      )}
    </Sheet>
  );
}
