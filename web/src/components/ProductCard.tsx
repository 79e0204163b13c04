import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useI18n } from '../i18n';
import type { Product, ProductCard as Card } from '../types';
import { Price } from './Price';

/** Where a product was opened from, carried to the product page so an order is credited there
 *  (a creator's showcase names the creator: ?from=showcase&creator=<id>). */
export type OpenedFrom = 'search' | 'store_page' | 'mall' | { showcase: string } | { campaign: string };
export const productLink = (id: string, from?: OpenedFrom) =>
  `/products/${id}${
    !from ? '' : typeof from === 'string' ? `?from=${from}` : 'campaign' in from ? `?from=campaign&campaign=${encodeURIComponent(from.campaign)}` : `?from=showcase&creator=${encodeURIComponent(from.showcase)}`
  }`;

/** A product in a grid: a whole product (catalog pages) or its small card (recommendations). */
/** `badge`: a campaign badge (campaigns/Badges.tsx) shown with the card's tags. */
export function ProductCard({ product, note, onOpen, from, badge }: { product: Product | Card; note?: ReactNode; onOpen?: () => void; from?: OpenedFrom; badge?: ReactNode }) {
  const { t } = useI18n();
  const full = 'images' in product ? product : null;
  const image = full ? (full.images[0]?.thumbUrl || full.images[0]?.url) : (product as Card).imageUrl;
  const soldOut = product.totalStock <= 0;
  return (
    <Link to={productLink(product.id, from)} className="product-card" data-testid="product-card" data-product-id={product.id} onClick={onOpen}>
      <div className="product-card-img">
        {image ? <img src={image} alt="" loading="lazy" /> : <div className="img-placeholder">{Array.from(product.title)[0] ?? ''}</div>}
        {soldOut && <span className="sold-out-mask">{t('product.soldOut')}</span>}
      </div>
      <div className="product-card-body">
        <h3 className="product-card-title">{product.title}</h3>
        <div className="product-card-tags">
          {badge}
          {full?.noReasonReturn && <span className="tag tag-return">{t('product.noReasonReturn')}</span>}
        </div>
        {note && <div className="product-card-note">{note}</div>}
        <div className="product-card-price">
          <Price fen={product.minPriceFen} size="md" />
          {product.maxPriceFen > product.minPriceFen && <span className="price-from">{t('product.from')}</span>}
        </div>
      </div>
    </Link>
  );
}

export function ProductGrid({ products, from }: { products: Product[]; from?: OpenedFrom }) {
  return (
    <div className="product-grid">
      {products.map((p) => (
        <ProductCard key={p.id} product={p} from={from} />
      ))}
    </div>
  );
}
