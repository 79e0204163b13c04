import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useI18n } from '../i18n';
import type { Product, ProductCard as Card } from '../types';
import { Price } from './Price';

/** A product in a grid: a whole product (catalog pages) or its small card (recommendations). */
export function ProductCard({ product, note, onOpen }: { product: Product | Card; note?: ReactNode; onOpen?: () => void }) {
  const { t } = useI18n();
  const full = 'images' in product ? product : null;
  const image = full ? (full.images[0]?.thumbUrl || full.images[0]?.url) : (product as Card).imageUrl;
  const soldOut = product.totalStock <= 0;
  return (
    <Link to={`/products/${product.id}`} className="product-card" data-testid="product-card" data-product-id={product.id} onClick={onOpen}>
      <div className="product-card-img">
        {image ? <img src={image} alt="" loading="lazy" /> : <div className="img-placeholder">{Array.from(product.title)[0] ?? ''}</div>}
        {soldOut && <span className="sold-out-mask">{t('product.soldOut')}</span>}
      </div>
      <div className="product-card-body">
        <h3 className="product-card-title">{product.title}</h3>
        <div className="product-card-tags">{full?.noReasonReturn && <span className="tag tag-return">{t('product.noReasonReturn')}</span>}</div>
        {note && <div className="product-card-note">{note}</div>}
        <div className="product-card-price">
          <Price fen={product.minPriceFen} size="md" />
          {product.maxPriceFen > product.minPriceFen && <span className="price-from">{t('product.from')}</span>}
        </div>
      </div>
    </Link>
  );
}

export function ProductGrid({ products }: { products: Product[] }) {
  return (
    <div className="product-grid">
      {products.map((p) => (
        <ProductCard key={p.id} product={p} />
      ))}
    </div>
  );
}
