// 热卖榜 on the mall home: the overall top three and each root category's top three, side by side
// in a swipeable row of boards, each opening its full list on /rank. One request: the overall list
// (the server caches it for a minute) grouped by root here, so the home page stays one call cheap.
import { productLink } from '../components/ProductCard';
import { Link } from 'react-router';
import { Price } from '../components/Price';
import { useLoad } from '../components/useLoad';
import { track } from '../feed/track';
import { useI18n } from '../i18n';
import type { Category } from '../types';
import type { BestSeller } from '../typesMall';
import { RankBadge, SoldLine, catName } from './bits';
import { mallApi } from './mallApi';

const PER_BOARD = 3;

interface Board {
  key: string;
  title: string;
  to: string;
  items: BestSeller[];
}

export function HotBoards({ tree }: { tree: Category[] }) {
  const { t, lang } = useI18n();
  const list = useLoad(() => mallApi.bestSellers({ limit: 60 }), []);
  const data = list.data;
  // A secondary section: while loading, on failure or with no sales yet the home page goes without it.
  if (!data || data.items.length === 0) return null;
  const rootOf = new Map(tree.flatMap((r) => [[r.id, r] as const, ...r.children.map((c) => [c.id, r] as const)]));
  const boards: Board[] = [{ key: 'all', title: t('mall.overall'), to: '/rank', items: data.items.slice(0, PER_BOARD) }];
  for (const root of tree) {
    const items = data.items.filter((i) => rootOf.get(i.category.id)?.id === root.id).slice(0, PER_BOARD);
    if (items.length > 0) boards.push({ key: root.id, title: t('mall.boardOf', { name: catName(root, lang) }), to: `/rank?category=${root.id}`, items: items.map((i, n) => ({ ...i, rank: n + 1 })) });
  }

  return (
    <section className="section hot-section" data-testid="hot-section">
      <div className="hot-head">
        <h2 className="hot-title">
          <span className="hot-flame" aria-hidden="true" />
          {t('mall.hot')}
          <small>{t('mall.hotSub', { days: data.windowDays })}</small>
        </h2>
        <Link to="/rank" className="hot-more" data-testid="hot-view-all">
          {t('mall.viewBoard')} ›
        </Link>
      </div>
      <div className="hot-boards">
        {boards.map((b) => (
          <div key={b.key} className={`hot-board ${b.key === 'all' ? 'hot-board-all' : ''}`} data-testid="hot-board" data-category={b.key}>
            <Link to={b.to} className="hot-board-head">
              <strong>{b.title}</strong>
              <span>›</span>
            </Link>
            {b.items.map((i) => (
              <Link
                key={i.product.id}
                to={productLink(i.product.id, 'mall')}
                className="hot-item"
                data-testid="hot-item"
                data-product-id={i.product.id}
                onClick={() => track({ type: 'product_tap', itemType: 'product', itemId: i.product.id, source: 'mall', position: i.rank - 1 })}
              >
                <span className="hot-thumb">
                  {i.product.imageUrl ? <img src={i.product.imageUrl} alt="" loading="lazy" /> : <span className="img-placeholder">{Array.from(i.product.title)[0]}</span>}
                  <RankBadge rank={i.rank} />
                </span>
                <span className="hot-info">
                  <span className="hot-name">{i.product.title}</span>
                  <SoldLine units={i.unitsSold7d} days={data.windowDays} />
                  <Price fen={i.product.minPriceFen} size="sm" />
                </span>
              </Link>
            ))}
          </div>
        ))}
      </div>
    </section>
  );
}
