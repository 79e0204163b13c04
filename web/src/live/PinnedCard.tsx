// The 讲解卡: the product the host presents now, over the room. With a running flash sale on it:
// the room price, the countdown and the units left; its button buys at that price.
import { Price } from '../components/Price';
import { useI18n } from '../i18n';
import { fenToYuan } from '../money';
import type { FlashSaleCard, ProductCard } from '../types';
import { countdown } from './liveBuy';

interface Props {
  product: ProductCard;
  sale: FlashSaleCard | null;
  now: number;
  busy: boolean;
  onBuy: () => void;
  onClose?: () => void;
}

export function PinnedCard({ product, sale, now, busy, onBuy, onClose }: Props) {
  const { t } = useI18n();
  const soldOut = sale ? sale.remaining <= 0 : !product.available || product.totalStock <= 0;
  return (
    <section className={`live-pinned ${sale ? 'live-pinned-flash' : ''}`} data-testid="live-pinned" data-product-id={product.id}>
      <div className="live-pinned-media">
        {product.imageUrl ? <img src={product.imageUrl} alt="" /> : <span className="live-pinned-noimg">{Array.from(product.title)[0] ?? ''}</span>}
        <span className="live-pinned-tag">{t('live.presenting')}</span>
        {onClose && (
          <button type="button" className="live-pinned-close" onClick={onClose} aria-label={t('common.close')}>
            ×
          </button>
        )}
      </div>
      <div className="live-pinned-body">
        <span className="live-pinned-title" data-testid="live-pinned-title">
          {product.title}
        </span>
        {sale ? (
          <>
            <span className="live-pinned-flashline">
              <span className="live-flash-badge">{t('live.roomPrice')}</span>
              <span className="live-countdown" data-testid="live-countdown">
                {t('live.endsIn', { time: countdown(Date.parse(sale.endsAt) - now) })}
              </span>
            </span>
            <span className="live-pinned-prices">
              <Price fen={sale.priceFen} size="md" testId="live-pinned-price" />
              {product.minPriceFen > sale.priceFen && <s className="live-was">¥{fenToYuan(product.minPriceFen)}</s>}
            </span>
            <span className="live-left" data-testid="live-left">
              {sale.remaining > 0 ? t('live.left', { n: sale.remaining }) : t('live.soldOutFlash')}
            </span>
          </>
        ) : (
          <span className="live-pinned-prices">
            <Price fen={product.minPriceFen} size="md" testId="live-pinned-price" />
            {product.maxPriceFen > product.minPriceFen && <span className="price-from">{t('product.from')}</span>}
          </span>
        )}
        <button type="button" className="live-buy" disabled={busy || soldOut} onClick={onBuy} data-testid="live-pinned-buy">
          {soldOut ? t('product.soldOut') : sale ? t('live.grab') : t('live.buy')}
        </button>
      </div>
    </section>
  );
}
