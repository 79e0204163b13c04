// A category page (/categories/:categoryId): the root's sub-category chips, the category's 热卖榜
// strip, a sort bar (综合 / 销量 / 价格 ↑↓ / 新品) and its goods, a page at a time. A leaf id opens
// its root with that chip chosen. Goods come from the search API browsing by category (no words),
// the one goods listing that sorts by sales.
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { api } from '../api';
import { ProductCard } from '../components/ProductCard';
import { TopBar } from '../components/ShopLayout';
import { Empty, ErrorBox, Loading } from '../components/States';
import { useLoad } from '../components/useLoad';
import { track } from '../feed/track';
import { useI18n } from '../i18n';
import type { ProductCard as Card } from '../types';
import type { SearchResult, SearchSort } from '../typesSearch';
import { catName, locate } from './bits';
import { HotStrip } from './HotStrip';
import { mallApi } from './mallApi';

const PAGE_SIZE = 20;
const cardsOf = (r: SearchResult): Card[] => r.items.flatMap((i) => (i.product ? [i.product] : []));

export function CategoryPage() {
  const { categoryId = '' } = useParams();
  const { t, lang } = useI18n();
  const navigate = useNavigate();
  const [sort, setSort] = useState<SearchSort>('relevance');
  const tree = useLoad(() => api.categories(), []);
  const place = tree.data ? locate(tree.data, categoryId) : null;
  const key = `${categoryId}|${sort}`;
  const first = useLoad(() => mallApi.categoryGoods({ category: categoryId, sort, page: 1, size: PAGE_SIZE }), [key]);
  // Further pages, kept for the category and sort they were loaded for.
  const [more, setMore] = useState<{ key: string; page: number; items: Card[] }>({ key: '', page: 1, items: [] });
  const [moreState, setMoreState] = useState<{ busy: boolean; error: unknown }>({ busy: false, error: null });
  const extra = more.key === key ? more : { key, page: 1, items: [] };

  if (tree.loading && !tree.data) return <><TopBar /><Loading /></>;
  if (tree.error || !tree.data) return <><TopBar /><ErrorBox error={tree.error} onRetry={tree.reload} /></>;
  if (!place) return <><TopBar title={t('mall.categories')} /><Empty text={t('mall.noCategory')} /></>;
  const { root, leaf } = place;
  const current = leaf ?? root;

  async function loadMore() {
    setMoreState({ busy: true, error: null });
    try {
      const r = await mallApi.categoryGoods({ category: categoryId, sort, page: extra.page + 1, size: PAGE_SIZE });
      setMore({ key, page: extra.page + 1, items: [...extra.items, ...cardsOf(r)] });
      setMoreState({ busy: false, error: null });
    } catch (error) {
      setMoreState({ busy: false, error });
    }
  }

  const go = (id: string) => navigate(`/categories/${id}`, { replace: true });
  const shown = first.data ? [...cardsOf(first.data), ...extra.items] : [];
  const total = first.data?.total ?? 0;
  const priceOn = sort === 'price_asc' || sort === 'price_desc';
  const sorts: Array<{ key: string; label: string; on: boolean; pick: () => void; arrow?: string }> = [
    { key: 'relevance', label: t('mall.sortDefault'), on: sort === 'relevance', pick: () => setSort('relevance') },
    { key: 'sales', label: t('mall.sortSales'), on: sort === 'sales', pick: () => setSort('sales') },
    { key: 'price', label: t('mall.sortPrice'), on: priceOn, pick: () => setSort(sort === 'price_asc' ? 'price_desc' : 'price_asc'), arrow: sort === 'price_desc' ? '↓' : sort === 'price_asc' ? '↑' : '↕' },
    { key: 'newest', label: t('mall.sortNew'), on: sort === 'newest', pick: () => setSort('newest') },
  ];

  return (
    <div className="category-page" data-testid="category-page" data-category={current.id}>
      <TopBar title={<span data-testid="category-title">{catName(root, lang)}</span>} />
      {root.children.length > 0 && (
        <nav className="chips chips-scroll cat-subs" aria-label={t('mall.subcategories')}>
          <button type="button" className={`chip ${leaf ? '' : 'chip-on'}`} onClick={() => go(root.id)} data-testid="sub-all">
            {t('mall.allSub')}
          </button>
          {root.children.map((c) => (
            <button key={c.id} type="button" className={`chip ${leaf?.id === c.id ? 'chip-on' : ''}`} onClick={() => go(c.id)} data-testid={`sub-${c.id}`}>
              {catName(c, lang)}
            </button>
          ))}
        </nav>
      )}

      <HotStrip category={current} boardOf={root.id} />

      <div className="sort-bar cat-sort" role="tablist" aria-label={t('mall.sortBar')}>
        {sorts.map((s) => (
          <button key={s.key} type="button" role="tab" aria-selected={s.on} className={`sort-tab ${s.on ? 'on' : ''}`} onClick={s.pick} data-testid={`cat-sort-${s.key}`}>
            {s.label}
            {s.arrow && <span className="sort-arrow">{s.arrow}</span>}
          </button>
        ))}
      </div>

      <section className="section section-plain cat-goods">
        {first.loading && !first.data ? (
          <Loading />
        ) : first.error ? (
          <ErrorBox error={first.error} onRetry={first.reload} />
        ) : shown.length === 0 ? (
          <Empty text={t('mall.noGoods')} />
        ) : (
          <>
            <p className="cat-count">{t('mall.goodsCount', { n: total })}</p>
            <div className="product-grid" data-testid="category-goods">
              {shown.map((p, i) => (
                <ProductCard key={p.id} product={p} from="mall" onOpen={() => track({ type: 'product_tap', itemType: 'product', itemId: p.id, source: 'mall', position: i })} />
              ))}
            </div>
            {moreState.error !== null && <ErrorBox error={moreState.error} onRetry={() => void loadMore()} />}
            {shown.length < total ? (
              <div className="center cat-more">
                <button type="button" className="btn btn-ghost btn-sm" disabled={moreState.busy} onClick={() => void loadMore()} data-testid="category-more">
                  {moreState.busy ? t('common.loading') : t('mall.loadMore')}
                </button>
              </div>
            ) : (
              <p className="cat-end">{t('mall.end')}</p>
            )}
          </>
        )}
      </section>
    </div>
  );
}
