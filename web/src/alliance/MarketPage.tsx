// 选品广场 (/studio/market): goods a creator may sell for commission — search, category, sorted by
// rate, sales or price — each card with its commission badge, price, units sold and what one sale
// earns; 加入橱窗 where a plan lets the creator earn now, 申请 where the store must approve first.
// The query lives in the URL; 加载更多 appends the next page.
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { api } from '../api';
import { Empty, ErrorBox, Loading } from '../components/States';
import { useLoad } from '../components/useLoad';
import { useI18n } from '../i18n';
import type { MarketItem, MarketSort } from '../typesAlliance';
import { allianceApi } from './allianceApi';
import { ApplyDialog } from './ApplyDialog';
import { MarketCard } from './MarketCard';
import './alliance.css';

const SORTS: MarketSort[] = ['rate', 'sales', 'price'];
const LIMIT = 20;
const isSort = (v: string | null): v is MarketSort => SORTS.some((s) => s === v);

export function MarketPage() {
  const { t, lang } = useI18n();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const categoryId = params.get('category') ?? '';
  const raw = params.get('sort');
  const sort: MarketSort = isSort(raw) ? raw : 'rate';
  const [text, setText] = useState(q);
  useEffect(() => setText(q), [q]);
  const categories = useLoad(() => api.categories(), []);
  const options = useMemo(() => {
    const name = (c: { nameZh: string; nameEn: string }) => (lang === 'zh' ? c.nameZh : c.nameEn);
    return (categories.data ?? []).flatMap((root) => [{ id: root.id, label: name(root) }, ...root.children.map((c) => ({ id: c.id, label: `\u3000${name(c)}` }))]);
  }, [categories.data, lang]);

  function go(next: { q?: string; category?: string; sort?: MarketSort }) {
    const merged = { q, category: categoryId, sort, ...next };
    const out: Record<string, string> = {};
    if (merged.q.trim()) out.q = merged.q.trim().slice(0, 40);
    if (merged.category) out.category = merged.category;
    if (merged.sort !== 'rate') out.sort = merged.sort;
    setParams(out, { replace: true });
  }
  const search = (e: FormEvent) => (e.preventDefault(), go({ q: text }));

  return (
    <>
      <div className="mc-head">
        <div>
          <h1 className="mc-title">{t('alliance.market.title')}</h1>
          <p className="muted">{t('alliance.market.intro')}</p>
        </div>
      </div>
      <div className="mc-card al-toolbar">
        <form className="al-search" onSubmit={search} role="search">
          <input type="search" value={text} maxLength={40} placeholder={t('alliance.market.searchPh')} onChange={(e) => setText(e.target.value)} aria-label={t('alliance.market.searchPh')} data-testid="market-search" />
          <button type="submit" className="btn btn-primary btn-sm" data-testid="market-search-go">
            {t('alliance.market.search')}
          </button>
        </form>
        <select value={categoryId} onChange={(e) => go({ category: e.target.value })} aria-label={t('alliance.market.category')} data-testid="market-category">
          <option value="">{t('alliance.market.allCategories')}</option>
          {options.map((o) => (
            <option key={o.id} value={o.id}>
              {o.label}
            </option>
          ))}
        </select>
        <div className="seg al-sorts" role="group" aria-label={t('alliance.market.sort')}>
          {SORTS.map((s) => (
            <button key={s} type="button" className={`seg-item seg-btn ${sort === s ? 'on' : ''}`} aria-pressed={sort === s} onClick={() => go({ sort: s })} data-testid={`market-sort-${s}`}>
              {t(`alliance.market.sort.${s}`)}
            </button>
          ))}
        </div>
      </div>
      <MarketGrid key={`${q}|${categoryId}|${sort}`} q={q} categoryId={categoryId} sort={sort} />
    </>
  );
}

function MarketGrid({ q, categoryId, sort }: { q: string; categoryId: string; sort: MarketSort }) {
  const { t } = useI18n();
  const [page, setPage] = useState(1);
  const [items, setItems] = useState<MarketItem[]>([]);
  const [applying, setApplying] = useState<MarketItem | null>(null);
  const load = useLoad(() => allianceApi.market({ q: q || undefined, categoryId: categoryId || undefined, sort, page, limit: LIMIT }), [page]);
  useEffect(() => {
    if (load.data) setItems((prev) => (load.data!.page === 1 ? load.data!.items : [...prev, ...load.data!.items.filter((i) => !prev.some((p) => p.productId === i.productId))]));
  }, [load.data]);
  const update = (next: MarketItem) => setItems((prev) => prev.map((i) => (i.productId === next.productId ? next : i)));

  if (load.error && items.length === 0) return <ErrorBox error={load.error} onRetry={load.reload} />;
  if (load.loading && items.length === 0) return <Loading />;
  if (items.length === 0) return <Empty text={q || categoryId ? t('alliance.market.noMatch') : t('alliance.market.empty')} />;
  return (
    <>
      <div className="al-market-grid" data-testid="market-grid">
        {items.map((item) => (
          <MarketCard key={item.productId} item={item} onChange={update} onApply={() => setApplying(item)} />
        ))}
      </div>
      {load.error ? <ErrorBox error={load.error} onRetry={load.reload} /> : null}
      {load.data?.hasMore && (
        <div className="al-more">
          <button type="button" className="btn btn-ghost" disabled={load.loading} onClick={() => setPage((p) => p + 1)} data-testid="market-more">
            {load.loading ? t('common.loading') : t('alliance.market.more')}
          </button>
        </div>
      )}
      {applying?.openPlan && (
        <ApplyDialog
          item={applying}
          onClose={() => setApplying(null)}
          onDone={() => {
            update({ ...applying, openPlan: { ...applying.openPlan!, myApplication: 'pending' } });
            setApplying(null);
          }}
        />
      )}
    </>
  );
}
