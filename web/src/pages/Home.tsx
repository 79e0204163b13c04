import { Link } from 'react-router';
import { api } from '../api';
import { ProductGrid } from '../components/ProductCard';
import { Empty, ErrorBox, Loading } from '../components/States';
import { StoreBadges, StoreLogo, compactCount } from '../components/StoreBits';
import { useLoad } from '../components/useLoad';
import { LangToggle, useI18n } from '../i18n';
import { CategoryGrid } from '../mall/CategoryGrid';
import { HotBoards } from '../mall/HotBoards';
import { FeedEntry, GoodsForYou } from '../feed/Goods';
import { SearchBar } from '../search/SearchBar';
import { CampaignStrip } from '../campaigns/Badges';

export function Home() {
  const { t, lang } = useI18n();
  const categories = useLoad(() => api.categories(), []);
  // The newest goods: what 猜你喜欢 falls back to when the engine has nothing for this viewer.
  const products = useLoad(() => api.products({ limit: 20 }), []);
  const stores = useLoad(() => api.stores({ limit: 10 }), []);
  const tree = categories.data ?? [];

  const listing =
    products.loading && !products.data ? (
      <Loading />
    ) : products.error ? (
      <ErrorBox error={products.error} onRetry={products.reload} />
    ) : products.data && products.data.items.length > 0 ? (
      <ProductGrid products={products.data.items} from="mall" />
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
        <SearchBar />
        <LangToggle />
      </header>

      <CategoryGrid tree={tree} />

      <CampaignStrip />

      <FeedEntry />

      <HotBoards tree={tree} />

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
        <h2 className="section-title section-title-guess">{t('home.forYou')}</h2>
        <GoodsForYou fallback={listing} />
      </section>
    </div>
  );
}
