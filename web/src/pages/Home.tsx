import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../api';
import { ProductGrid } from '../components/ProductCard';
import { Empty, ErrorBox, Loading } from '../components/States';
import { StoreBadges, StoreLogo, compactCount } from '../components/StoreBits';
import { useLoad } from '../components/useLoad';
import { LangToggle, useI18n } from '../i18n';
import type { Category } from '../types';
import { FeedEntry, GoodsForYou } from '../feed/Goods';

export function Home() {
  const { t, lang } = useI18n();
  const [categoryId, setCategoryId] = useState<string>('');
  const categories = useLoad(() => api.categories(), []);
  const products = useLoad(() => api.products({ limit: 20, categoryId: categoryId || undefined }), [categoryId]);
  const stores = useLoad(() => api.stores({ limit: 10 }), []);
  const name = (c: Category) => (lang === 'zh' ? c.nameZh : c.nameEn);
  const current = categories.data?.find((c) => c.id === categoryId);

  const listing =
    products.loading && !products.data ? (
      <Loading />
    ) : products.error ? (
      <ErrorBox error={products.error} onRetry={products.reload} />
    ) : products.data && products.data.items.length > 0 ? (
      <ProductGrid products={products.data.items} />
    ) : (
      <Empty text={t('home.noProducts')} />
    );

  return (
    <div className="home">
      <header className="home-header">
        <div className="home-brand">
          <span className="logo-mark">F</span>
          <span className="logo-text">{t('app.name')}</span>
        </div>
        <label className="search-box" title={t('home.searchSoon')}>
          <span className="search-icon" aria-hidden="true">⌕</span>
          <input type="search" placeholder={t('home.searchPlaceholder')} disabled aria-label={t('home.searchPlaceholder')} />
        </label>
        <LangToggle />
      </header>

      <nav className="chips chips-scroll" aria-label={t('home.categories')}>
        <button type="button" className={`chip ${categoryId === '' ? 'chip-on' : ''}`} onClick={() => setCategoryId('')}>
          {t('home.recommended')}
        </button>
        {categories.data?.map((c) => (
          <button key={c.id} type="button" className={`chip ${categoryId === c.id ? 'chip-on' : ''}`} onClick={() => setCategoryId(c.id)} data-testid={`category-${c.id}`}>
            {name(c)}
          </button>
        ))}
      </nav>

      <FeedEntry />

      {stores.data && stores.data.items.length > 0 && (
        <section className="section">
          <h2 className="section-title">{t('home.stores')}</h2>
          <div className="store-strip">
            {stores.data.items.map((s) => (
              <Link key={s.id} to={`/stores/${s.id}`} className="store-chip" data-testid="store-chip">
                <StoreLogo store={s} size={44} />
                <span className="store-chip-name">{s.name}</span>
                <span className="store-chip-badges">
                  <StoreBadges store={s} />
                </span>
                <span className="store-chip-meta">{t('store.followersShort', { n: compactCount(s.followerCount, lang) })}</span>
              </Link>
            ))}
          </div>
        </section>
      )}

      <section className="section section-plain">
        <h2 className="section-title">{current ? name(current) : t('home.forYou')}</h2>
        {categoryId === '' ? <GoodsForYou fallback={listing} /> : listing}
      </section>
    </div>
  );
}
