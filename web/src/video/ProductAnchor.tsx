// The 购物车 anchor over a video: the first product as a card, the rest in a bottom sheet.
import { useState } from 'react';
import { Link } from 'react-router';
import { Price } from '../components/Price';
import { Sheet } from '../components/Sheet';
import { useI18n } from '../i18n';
import type { ProductCard } from '../types';
import { CartIcon } from '../components/Icons';

function Card({ p, videoId, testId, compact, onTap }: { p: ProductCard; videoId: string; testId?: string; compact?: boolean; onTap?: (p: ProductCard) => void }) {
  const { t } = useI18n();
  return (
    <Link to={`/products/${p.id}?video=${encodeURIComponent(videoId)}`} className={`vp-card ${compact ? 'vp-card-row' : ''}`} onClick={() => onTap?.(p)} data-testid={testId}>
      {p.imageUrl ? <img src={p.imageUrl} alt="" className="vp-card-img" /> : <span className="vp-card-img vp-card-noimg">{Array.from(p.title)[0] ?? ''}</span>}
      <span className="vp-card-body">
        <span className="vp-card-title" data-testid={testId ? `${testId}-title` : undefined}>
          {p.title}
        </span>
        <span className="vp-card-meta">
          {p.available && p.totalStock > 0 ? (
            <>
              <Price fen={p.minPriceFen} size="sm" />
              {p.maxPriceFen > p.minPriceFen && <span className="price-from">{t('product.from')}</span>}
            </>
          ) : (
            <span className="vp-card-off">{p.available ? t('product.soldOut') : t('video.unavailable')}</span>
          )}
        </span>
      </span>
      <span className="vp-card-go">{t('video.go')}</span>
    </Link>
  );
}

/**
 * `onTap`: a product was opened (the player reports it as a product tap). The product page is
 * opened with `?video=`, so a purchase there is credited to this video (and its creator).
 */
export function ProductAnchor({ videoId, products, onTap }: { videoId: string; products: ProductCard[]; onTap?: (p: ProductCard) => void }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const first = products[0];
  if (!first) return null;
  return (
    <div className="vp-anchor">
      <div className="vp-anchor-head">
        <span className="vp-cart-tag">
          <CartIcon /> {t('video.cart')}
        </span>
        {products.length > 1 && (
          <button type="button" className="vp-anchor-more" onClick={() => setOpen(true)} data-testid="video-products-more">
            {t('video.allProducts', { n: products.length })} ›
          </button>
        )}
      </div>
      <Card p={first} videoId={videoId} testId="video-product-card" onTap={onTap} />
      {open && (
        <Sheet title={t('video.productsTitle', { n: products.length })} onClose={() => setOpen(false)} testId="video-products-sheet">
          <div className="vp-sheet-list">
            {products.map((p) => (
              <Card key={p.id} p={p} videoId={videoId} compact onTap={onTap} />
            ))}
          </div>
        </Sheet>
      )}
    </div>
  );
}
