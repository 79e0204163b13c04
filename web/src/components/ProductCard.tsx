import { Link } from 'react-router';
import { useI18n } from '../i18n';
import type { Product } from '../types';
import { Price } from './Price';

export function ProductCard({ product }: { product: Product }) {
  const { t } = useI18n();
  const image = product.images[0];
  const soldOut = product.totalStock <= 0;
  return (
    <Link to={`/products/${product.id}`} className="product-card" data-testid="product-card">
      <div className="product-card-img">
        {image ? <img src={image.thumbUrl || image.url} alt="" loading="lazy" /> : <div className="img-placeholder">{Array.from(product.title)[0] ?? ''}</div>}
        {soldOut && <span className="sold-out-mask">{t('product.soldOut')}</span>}
      </div>
      <div className="product-card-body">
        <h3 className="product-card-title">{product.title}</h3>
        <div className="product-card-tags">{product.noReasonReturn && <span className="tag tag-return">{t('product.noReasonReturn')}</span>}</div>
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
