// A category page's 热卖榜 strip: the category's top three of the week, and the way to its full list.
import { productLink } from '../components/ProductCard';
import { Link } from 'react-router';
import { useLoad } from '../components/useLoad';
import { track } from '../feed/track';
import { useI18n } from '../i18n';
import type { Category } from '../types';
import { RankBadge, SoldLine, catName } from './bits';
import { mallApi } from './mallApi';

export function HotStrip({ category, boardOf }: { category: Category; boardOf: string }) {
  const { t, lang } = useI18n();
  const list = useLoad(() => mallApi.bestSellers({ categoryId: category.id, limit: 3 }), [category.id]);
  const data = list.data;
  // Nothing sold here this week (or the list failed): the goods below are the page, no empty box.
  if (!data || data.items.length === 0 || data.category?.id !== category.id) return null;
  return (
    <section className="hot-strip" data-testid="category-hot">
      <div className="hot-strip-head">
        <strong>
          <span className="hot-flame" aria-hidden="true" />
          {t('mall.hotIn', { name: catName(category, lang) })}
        </strong>
        <Link to={`/rank?category=${boardOf}`} className="hot-more" data-testid="category-hot-more">
          {t('mall.viewBoard')} ›
        </Link>
      </div>
      <div className="hot-strip-row">
        {data.items.map((i) => (
          <Link
            key={i.product.id}
            to={productLink(i.product.id, 'mall')}
            className="hot-tile"
            data-testid="category-hot-item"
            data-product-id={i.product.id}
            onClick={() => track({ type: 'product_tap', itemType: 'product', itemId: i.product.id, source: 'mall', position: i.rank - 1 })}
          >
            <span className="hot-tile-img">
              {i.product.imageUrl ? <img src={i.product.imageUrl} alt="" loading="lazy" /> : <span className="img-placeholder">{Array.from(i.product.title)[0]}</span>}
              <RankBadge rank={i.rank} />
            </span>
            <span className="hot-tile-name">{i.product.title}</span>
            <SoldLine units={i.unitsSold7d} days={data.windowDays} />
          </Link>
        ))}
      </div>
    </section>
  );
}
