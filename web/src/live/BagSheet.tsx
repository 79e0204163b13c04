// 购物袋: every product of the room in a bottom sheet, numbered as the host calls them out, the one
// being presented marked, room prices shown; each can be bought from here.
import { Price } from '../components/Price';
import { Sheet } from '../components/Sheet';
import { useI18n } from '../i18n';
import { fenToYuan } from '../money';
import type { FlashSaleCard, ProductCard, RoomState } from '../types';
import { countdown, runningSale } from './liveBuy';

interface Props {
  roomId: string;
  state: RoomState;
  now: number;
  busy: boolean;
  onBuy: (p: ProductCard, sale: FlashSaleCard | null) => void;
  onClose: () => void;
}

export function BagSheet({ roomId, state, now, busy, onBuy, onClose }: Props) {
  const { t } = useI18n();
  return (
    <Sheet title={t('live.bagTitle', { n: state.bag.length })} onClose={onClose} testId="live-bag-sheet">
      {state.bag.length === 0 ? (
        <p className="muted center">{t('live.bagEmpty')}</p>
      ) : (
        <ol className="live-bag">
          {state.bag.map((p, i) => {
            const sale = runningSale(state, p.id, roomId, now);
            const soldOut = sale ? sale.remaining <= 0 : !p.available || p.totalStock <= 0;
            return (
              <li key={p.id} className="live-bag-item" data-testid="live-bag-item" data-product-id={p.id}>
                <span className="live-bag-media">
                  {p.imageUrl ? <img src={p.imageUrl} alt="" /> : <span className="live-bag-noimg">{Array.from(p.title)[0] ?? ''}</span>}
                  <span className="live-bag-no">{i + 1}</span>
                </span>
                <span className="live-bag-body">
                  <span className="live-bag-title">
                    {state.pinned?.id === p.id && <span className="live-bag-now">{t('live.presenting')}</span>}
                    {p.title}
                  </span>
                  {sale && (
                    <span className="live-bag-flash">
                      <span className="live-flash-badge">{t('live.roomPrice')}</span>
                      {sale.remaining > 0 ? t('live.left', { n: sale.remaining }) : t('live.soldOutFlash')} · {countdown(Date.parse(sale.endsAt) - now)}
                    </span>
                  )}
                  <span className="live-bag-foot">
                    <span>
                      <Price fen={sale ? sale.priceFen : p.minPriceFen} size="md" />
                      {sale && p.minPriceFen > sale.priceFen && <s className="live-was">¥{fenToYuan(p.minPriceFen)}</s>}
                    </span>
                    <button type="button" className="live-buy live-buy-sm" disabled={busy || soldOut} onClick={() => onBuy(p, sale)} data-testid={`live-bag-buy-${p.id}`}>
                      {soldOut ? t('product.soldOut') : sale ? t('live.grab') : t('live.buy')}
                    </button>
                  </span>
                </span>
              </li>
            );
          })}
        </ol>
      )}
    </Sheet>
  );
}
