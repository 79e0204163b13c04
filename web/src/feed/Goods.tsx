// Goods the feed recommends: 猜你喜欢 on the home page (for this viewer, each with its reason), the
// 看了又看 rail on a product page (goods people engage with next to it), and the way into 推荐.
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { ProductCard } from '../components/ProductCard';
import { Loading } from '../components/States';
import { useLoad } from '../components/useLoad';
import { useI18n } from '../i18n';
import '../styles/goods.css';
import { feedApi } from './feedApi';
import { reasonText } from './reason';
import { track } from './track';
import { CampaignBadge, useCampaignBadges } from '../campaigns/Badges';

/** 猜你喜欢: recommended goods; `fallback` when there are none (or they cannot be had). */
export function GoodsForYou({ fallback }: { fallback: ReactNode }) {
  const { t, lang } = useI18n();
  const goods = useLoad(() => feedApi.goods(20), []);
  const badges = useCampaignBadges((goods.data?.items ?? []).map((i) => i.product.id));
  if (goods.loading && !goods.data) return <Loading />;
  const items = goods.data?.items ?? [];
  if (goods.error || items.length === 0) return <>{fallback}</>;
  return (
    <div className="product-grid" data-testid="goods-for-you">
      {items.map(({ product, reason }, i) => (
        <ProductCard
          key={product.id}
          product={product}
          badge={badges.has(product.id) ? <CampaignBadge badge={badges.get(product.id)!} /> : undefined}
          note={reason.source === 'popular' && !reason.category ? undefined : reasonText(reason, t, lang)}
          onOpen={() => track({ type: 'product_tap', itemType: 'product', itemId: product.id, source: 'mall', position: i })}
        />
      ))}
    </div>
  );
}

/** 看了又看 on a product page; nothing when there is nothing related yet. */
export function RelatedGoods({ productId }: { productId: string }) {
  const { t } = useI18n();
  const related = useLoad(() => feedApi.related(productId, 12), [productId]);
  const items = related.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <section className="card pad" data-testid="related-goods">
      <h2 className="card-title">{t('goods.related')}</h2>
      <div className="related-track">
        {items.map((p, i) => (
          <ProductCard key={p.id} product={p} onOpen={() => track({ type: 'product_tap', itemType: 'product', itemId: p.id, source: 'product', position: i })} />
        ))}
      </div>
    </section>
  );
}

/** The home page's way into the 推荐 feed. */
export function FeedEntry() {
  const { t } = useI18n();
  return (
    <Link to="/feed" className="feed-entry" data-testid="home-feed-entry">
      <span className="feed-entry-play" aria-hidden="true">
        ▶
      </span>
      <span className="feed-entry-body">
        <strong>{t('feed.entryTitle')}</strong>
        <span>{t('feed.entryHint')}</span>
      </span>
      <span className="feed-entry-go">{t('feed.entryGo')}</span>
    </Link>
  );
}
