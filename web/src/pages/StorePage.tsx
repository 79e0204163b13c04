import { CouponStrip } from '../components/CouponStrip';
import { useState } from 'react';
import { useLocation, useNavigate, useParams } from 'react-router';
import { api, errorMessage } from '../api';
import { useAuth } from '../auth';
import { ProductGrid } from '../components/ProductCard';
import { TopBar } from '../components/ShopLayout';
import { Empty, ErrorBox, Loading } from '../components/States';
import { StoreBadges, StoreLogo, compactCount } from '../components/StoreBits';
import { useLoad } from '../components/useLoad';
import { useI18n } from '../i18n';
import type { ProductSort } from '../types';

const SORTS: ProductSort[] = ['newest', 'price_asc', 'price_desc'];

export function StorePage() {
  const { storeId = '' } = useParams();
  const { t, lang } = useI18n();
  const { user } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [sort, setSort] = useState<ProductSort>('newest');
  const [busy, setBusy] = useState(false);
  const [followError, setFollowError] = useState<string | null>(null);
  const store = useLoad(() => api.store(storeId), [storeId, user?.id]);
  const products = useLoad(() => api.storeProducts(storeId, { limit: 40, sort }), [storeId, sort]);

  async function toggleFollow() {
    const s = store.data;
    if (!s) return;
    if (!user) {
      navigate('/login', { state: { from: location.pathname } });
      return;
    }
    setBusy(true);
    setFollowError(null);
    try {
      const r = await api.follow(s.id, !s.viewer.following);
      store.setData({ ...s, followerCount: r.followerCount, viewer: { ...s.viewer, following: r.following } });
    } catch (err) {
      setFollowError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  if (store.loading && !store.data) return <><TopBar /><Loading /></>;
  if (store.error || !store.data) return <><TopBar /><ErrorBox error={store.error} onRetry={store.reload} /></>;
  const s = store.data;

  return (
    <div className="store-page">
      <TopBar title={s.name} />
      <section className="store-banner">
        <div className="store-banner-row">
          <StoreLogo store={s} size={60} />
          <div className="store-banner-info">
            <h1 className="store-name" data-testid="store-name">{s.name}</h1>
            <div className="store-badges">
              <StoreBadges store={s} />
            </div>
            <div className="store-stats">
              <span data-testid="follower-count">{t('store.followers', { n: compactCount(s.followerCount, lang) })}</span>
              <span>{t('store.productCount', { n: s.productCount })}</span>
            </div>
          </div>
          <button
            type="button"
            className={`btn btn-sm ${s.viewer.following ? 'btn-followed' : 'btn-primary'}`}
            onClick={() => void toggleFollow()}
            disabled={busy}
            data-testid="follow-button"
          >
            {s.viewer.following ? t('store.following') : t('store.follow')}
          </button>
        </div>
        {s.description && <p className="store-desc">{s.description}</p>}
        {followError && <p className="form-error">{followError}</p>}
        {s.status !== 'active' && <p className="notice">{t('store.notActive', { status: s.status })}</p>}
      </section>
      <CouponStrip storeId={s.id} variant="banner" />

      <div className="sort-bar" role="tablist" aria-label={t('store.sort')}>
        {SORTS.map((v) => (
          <button key={v} type="button" role="tab" aria-selected={sort === v} className={`sort-tab ${sort === v ? 'on' : ''}`} onClick={() => setSort(v)} data-testid={`sort-${v}`}>
            {t(`sort.${v}`)}
          </button>
        ))}
      </div>

      <section className="section section-plain">
        {products.loading && !products.data ? (
          <Loading />
        ) : products.error ? (
          <ErrorBox error={products.error} onRetry={products.reload} />
        ) : products.data && products.data.items.length > 0 ? (
          <ProductGrid products={products.data.items} />
        ) : (
          <Empty text={t('store.noProducts')} />
        )}
      </section>
    </div>
  );
}
