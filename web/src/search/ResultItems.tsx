// One search hit of each kind: a goods card (2-column grid), a video poster, a store row, a
// creator row. Titles carry the server's highlights as <mark>.
import { productLink } from '../components/ProductCard';
import { Link } from 'react-router';
import { Price } from '../components/Price';
import { StoreBadges, StoreLogo, compactCount } from '../components/StoreBits';
import { track } from '../feed/track';
import { useI18n } from '../i18n';
import type { Store } from '../types';
import type { SearchItem } from '../typesSearch';
import { Highlighted } from './Highlight';

type Hit = Pick<SearchItem, 'title' | 'highlights'>;

export function GoodsCard({ item, store, position }: { item: SearchItem; store: Store | undefined; position: number }) {
  const { t } = useI18n();
  const p = item.product;
  if (!p) return null;
  return (
    <Link
      to={productLink(p.id, 'search')}
      className="product-card sgoods"
      data-testid="search-product"
      data-product-id={p.id}
      // The tap is the search's signal to the engine (what people pick for a query).
      onClick={() => track({ type: 'product_tap', itemType: 'product', itemId: p.id, source: 'search', position })}
    >
      <div className="product-card-img">
        {p.imageUrl ? <img src={p.imageUrl} alt="" loading="lazy" /> : <div className="img-placeholder">{Array.from(p.title)[0] ?? ''}</div>}
        {p.totalStock <= 0 && <span className="sold-out-mask">{t('search.soldOut')}</span>}
      </div>
      <div className="product-card-body">
        <h3 className="product-card-title" data-testid="search-product-title">
          {store?.flagship && <span className="badge badge-flagship sgoods-flag">{t('store.flagship')}</span>}
          <Title hit={item} />
        </h3>
        <div className="product-card-price">
          <Price fen={p.minPriceFen} size="md" />
          {p.maxPriceFen > p.minPriceFen && <span className="price-from">{t('product.from')}</span>}
        </div>
        <div className="sgoods-store">{store ? <span className="sgoods-store-name">{store.name}</span> : <span className="sgoods-store-name muted">&nbsp;</span>}<span aria-hidden="true">›</span></div>
      </div>
    </Link>
  );
}

export function VideoTile({ item }: { item: SearchItem }) {
  const { t, lang } = useI18n();
  const v = item.video;
  if (!v) return null;
  return (
    <Link to={`/videos/${v.id}`} className="svideo" data-testid="search-video">
      <span className="svideo-poster">
        {v.posterUrl ? <img src={v.posterUrl} alt="" loading="lazy" /> : <span className="svideo-blank" aria-hidden="true">▶</span>}
        <span className="svideo-plays">▶ {t('search.plays', { n: compactCount(v.viewCount, lang) })}</span>
      </span>
      <span className="svideo-title">
        <Title hit={item} />
      </span>
      <span className="svideo-meta">
        <span className="svideo-author">{v.author.name}</span>
        <span>♡ {compactCount(v.likeCount, lang)}</span>
      </span>
    </Link>
  );
}

export function StoreRow({ item }: { item: SearchItem }) {
  const { t, lang } = useI18n();
  const s = item.store;
  if (!s) return null;
  return (
    <Link to={`/stores/${s.id}`} className="srow" data-testid="search-store">
      <StoreLogo store={s} size={48} />
      <span className="srow-info">
        <span className="srow-name">
          <Title hit={item} />
        </span>
        <span className="srow-badges">
          <StoreBadges store={s} />
        </span>
        <span className="srow-meta">
          {t('search.followers', { n: compactCount(s.followerCount, lang) })} · {t('search.products', { n: s.productCount })}
        </span>
      </span>
      <span className="btn btn-outline btn-xs">{t('search.enterStore')}</span>
    </Link>
  );
}

export function CreatorRow({ item }: { item: SearchItem }) {
  const { t, lang } = useI18n();
  const c = item.creator;
  if (!c) return null;
  return (
    <Link to={`/creators/${c.id}`} className="srow" data-testid="search-creator" data-creator-id={c.id}>
      <StoreLogo store={{ id: c.id, name: c.name, logoUrl: null }} size={48} />
      <span className="srow-info">
        <span className="srow-name">
          <Title hit={item} />
        </span>
        <span className="srow-meta">{t('search.followers', { n: compactCount(c.followerCount, lang) })}</span>
      </span>
      <span aria-hidden="true" className="muted">›</span>
    </Link>
  );
}

function Title({ hit }: { hit: Hit }) {
  return <Highlighted text={hit.title} spans={hit.highlights} />;
}
