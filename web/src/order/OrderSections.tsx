// The order page's cards below the parcel: goods with the money, order facts, and the order's
// own progress (who moved it, when).
import { Link } from 'react-router';
import { formatTime, OrderLineRow, StatusTag } from '../components/OrderBits';
import { Price } from '../components/Price';
import { useStoreName } from '../commerce/cartStore';
import { useI18n } from '../i18n';
import { formatFen } from '../money';
import type { Order } from '../types';

const ACTORS = ['buyer', 'merchant', 'system', 'operator', 'agent', 'carrier'] as const;
const isActor = (a: string): a is (typeof ACTORS)[number] => ACTORS.some((x) => x === a);

export function GoodsCard({ order }: { order: Order }) {
  const { t } = useI18n();
  const storeName = useStoreName(order.storeId);
  const as = order.afterSales;
  return (
    <section className="card pad">
      <Link to={`/stores/${order.storeId}`} className="cart-store-head">
        <span aria-hidden="true">▤</span> {storeName || t('cart.store')} <span className="muted">›</span>
      </Link>
      {order.lines.map((l) => (
        <OrderLineRow key={l.lineNo} line={l} />
      ))}
      <dl className="amounts">
        <div>
          <dt>{t('order.goods')}</dt>
          <dd>{formatFen(order.goodsFen)}</dd>
        </div>
        <div>
          <dt>{t('order.shipping')}</dt>
          <dd>{order.shippingFen > 0 ? formatFen(order.shippingFen) : t('order.freeShipping')}</dd>
        </div>
        {order.discountFen > 0 && (
          <div>
            <dt>{t('order.discount')}</dt>
            <dd className="danger" data-testid="order-discount">
              -{formatFen(order.discountFen)}
            </dd>
          </div>
        )}
        <div className="amount-total">
          <dt>{order.status === 'created' ? t('order.toPay') : order.status === 'cancelled' && !order.paidAt ? t('order.amount') : t('order.paid')}</dt>
          <dd>
            <Price fen={order.payFen} size="md" testId="order-pay-fen" />
          </dd>
        </div>
        {(as.refundedFen > 0 || as.refundingFen > 0 || as.compensatedFen > 0) && (
          <div className="amount-refund" data-testid="order-refunded">
            <dt />
            <dd>
              {[
                as.refundedFen > 0 ? t('order.refunded', { amount: formatFen(as.refundedFen) }) : '',
                as.refundingFen > 0 ? t('order.refunding', { amount: formatFen(as.refundingFen) }) : '',
                as.compensatedFen > 0 ? t('order.compensated', { amount: formatFen(as.compensatedFen) }) : '',
              ]
                .filter(Boolean)
                .join(' · ')}
            </dd>
          </div>
        )}
      </dl>
    </section>
  );
}

export function InfoCard({ order }: { order: Order }) {
  const { t, lang } = useI18n();
  const rows: [string, string | null][] = [
    [t('order.createdAt'), order.createdAt],
    [t('order.paidAt'), order.paidAt],
    [t('order.shippedAtLabel'), order.shippedAt],
    [t('order.deliveredAt'), order.deliveredAt],
    [t('order.completedAt'), order.completedAt],
  ];
  return (
    <section className="card pad">
      <h2 className="card-title">{t('order.info')}</h2>
      <dl className="info-list">
        <div>
          <dt>{t('order.number')}</dt>
          <dd className="mono">{order.id}</dd>
        </div>
        {rows
          .filter((r): r is [string, string] => !!r[1])
          .map(([label, at]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>{formatTime(at, lang)}</dd>
            </div>
          ))}
      </dl>
    </section>
  );
}

export function HistoryCard({ order }: { order: Order }) {
  const { t, lang } = useI18n();
  return (
    <section className="card pad">
      <h2 className="card-title">{t('order.history')}</h2>
      <ol className="timeline" data-testid="order-history">
        {[...order.history].reverse().map((h, i) => (
          <li key={`${h.at}-${i}`} className={i === 0 ? 'timeline-now' : ''}>
            <div className="timeline-title">
              <StatusTag status={h.to} /> <span className="muted small">{formatTime(h.at, lang)}</span>
            </div>
            <div className="muted small">
              {t('order.by', { actor: isActor(h.actor) ? t(`order.actor.${h.actor}`) : h.actor })}
              {h.reason ? ` · ${h.reason}` : ''}
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}
