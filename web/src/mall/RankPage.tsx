// 热卖榜 (/rank, optionally ?category=): a tab per root category (综合 = every category) and the
// ranked list — big rank numbers, gold/silver/bronze for the top three, units sold this week.
import { productLink } from '../components/ProductCard';
import { Link, useSearchParams } from 'react-router';
import { api } from '../api';
import { Price } from '../components/Price';
import { TopBar } from '../components/ShopLayout';
import { Empty, ErrorBox, Loading } from '../components/States';
import { compactCount } from '../components/StoreBits';
import { useLoad } from '../components/useLoad';
import { track } from '../feed/track';
import { useI18n } from '../i18n';
import { RankBadge, catName, locate } from './bits';
import { mallApi } from './mallApi';

const LENGTH = 50;

export function RankPage() {
  const { t, lang } = useI18n();
  const [params, setParams] = useSearchParams();
  const category = params.get('category') ?? '';
  const tree = useLoad(() => api.categories(), []);
  const list = useLoad(() => mallApi.bestSellers({ categoryId: category || undefined, limit: LENGTH }), [category]);
  // A leaf in the address (a category page's strip may send one) lights its root's tab.
  const tab = category && tree.data ? (locate(tree.data, category)?.root.id ?? category) : category;
  const pick = (id: string) => setParams(id ? { category: id } : {}, { replace: true });
  const data = list.data;
  const time = data ? new Date(data.updatedAt).toLocaleTimeString(lang === 'zh' ? 'zh-CN' : 'en-GB', { hour: '2-digit', minute: '2-digit' }) : '';
  const days = data?.windowDays ?? 7;

  return (
    <div className="rank-page" data-testid="rank-page">
      <TopBar title={t('mall.hot')} />
      <header className="rank-hero">
        <h1>
          <span className="hot-flame hot-flame-lg" aria-hidden="true" />
          {t('mall.hot')}
        </h1>
        <p>{t('mall.rankHero', { days })}</p>
        {data && <p className="rank-updated">{t('mall.updatedAt', { time })}</p>}
      </header>

      <nav className="rank-tabs" aria-label={t('mall.rankTabs')} role="tablist">
        {[{ id: '', label: t('mall.tabAll') }, ...(tree.data ?? []).map((c) => ({ id: c.id, label: catName(c, lang) }))].map((c) => (
          <button key={c.id || 'all'} type="button" role="tab" aria-selected={tab === c.id} className={`rank-tab ${tab === c.id ? 'on' : ''}`} onClick={() => pick(c.id)} data-testid={`rank-tab-${c.id || 'all'}`}>
            {c.label}
          </button>
        ))}
      </nav>

      <section className="rank-list" data-testid="rank-list">
        {list.loading && (!data || (data.category?.id ?? '') !== category) ? (
          <Loading />
        ) : list.error ? (
          <ErrorBox error={list.error} onRetry={list.reload} />
        ) : !data || data.items.length === 0 ? (
          <Empty text={t('mall.emptyBoard', { days })} />
        ) : (
          data.items.map((i) => (
            <Link
              key={i.product.id}
              to={productLink(i.product.id, 'mall')}
              className={`rank-row ${i.rank <= 3 ? 'rank-row-top' : ''}`}
              data-testid="rank-row"
              data-product-id={i.product.id}
              onClick={() => track({ type: 'product_tap', itemType: 'product', itemId: i.product.id, source: 'mall', position: i.rank - 1 })}
            >
              <RankBadge rank={i.rank} variant="big" />
              <span className="rank-img">{i.product.imageUrl ? <img src={i.product.imageUrl} alt="" loading="lazy" /> : <span className="img-placeholder">{Array.from(i.product.title)[0]}</span>}</span>
              <span className="rank-info">
                <span className="rank-name">{i.product.title}</span>
                <span className="rank-meta">
                  <span className="tag">{catName(i.category, lang)}</span>
                </span>
                <span className="rank-sold" data-testid="rank-sold">
                  <span className="hot-flame" aria-hidden="true" />
                  {t('mall.sold', { days, n: compactCount(i.unitsSold7d, lang) })}
                </span>
                <span className="rank-buy">
                  <Price fen={i.product.minPriceFen} size="md" />
                  <span className="rank-go">{t('mall.go')}</span>
                </span>
              </span>
            </Link>
          ))
        )}
      </section>
    </div>
  );
}
