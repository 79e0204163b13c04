import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api } from '../api';
import { formatTime, isOrderStatus, optionText, StatusTag } from '../components/OrderBits';
import { Empty, ErrorBox, Loading } from '../components/States';
import { useLoad } from '../components/useLoad';
import { useI18n } from '../i18n';
import { formatFen } from '../money';
import type { Order, OrderStatus } from '../types';
import { useMerchant } from './context';
import { AddressReveal } from './AddressReveal';
import { ShipDialog } from './ShipDialog';

const FILTERS: ('all' | OrderStatus)[] = ['all', 'created', 'paid', 'shipped', 'delivered', 'completed', 'cancelled'];

export function MerchantOrders() {
  const { t } = useI18n();
  const { current } = useMerchant();
  const [params, setParams] = useSearchParams();
  const raw = params.get('status');
  const status = isOrderStatus(raw) ? raw : undefined;
  if (!current) return <Empty text={t('merchant.needStore')} />;
  return (
    <>
      <div className="mc-head">
        <div>
          <h1 className="mc-title">{t('merchant.orders.title')}</h1>
          <p className="muted">{current.name}</p>
        </div>
        <div className="seg" role="group" aria-label={t('merchant.col.status')} data-testid="merchant-order-filter">
          {FILTERS.map((f) => {
            const on = (f === 'all' && !status) || f === status;
            return (
              <button
                key={f}
                type="button"
                className={`seg-item seg-btn ${on ? 'on' : ''}`}
                aria-pressed={on}
                onClick={() => setParams(f === 'all' ? {} : { status: f }, { replace: true })}
                data-testid={`merchant-orders-filter-${f}`}
              >
                {f === 'all' ? t('orders.tab.all') : t(`merchant.orders.status.${f}`)}
              </button>
            );
          })}
        </div>
      </div>
      <OrderTable key={`${current.id}-${status ?? 'all'}`} storeId={current.id} status={status} />
    </>
  );
}

function OrderTable({ storeId, status }: { storeId: string; status?: OrderStatus }) {
  const { t, lang } = useI18n();
  const list = useLoad(() => api.storeOrders(storeId, { status, limit: 50 }), [storeId, status]);
  const [shipping, setShipping] = useState<Order | null>(null);

  if (list.loading && !list.data) return <Loading />;
  if (list.error || !list.data) return <ErrorBox error={list.error} onRetry={list.reload} />;
  if (list.data.items.length === 0) return <Empty text={t('merchant.orders.empty')} />;
  const page = list.data;
  return (
    <div className="mc-card mc-table-wrap">
      <div className="muted small mc-table-meta">{t('merchant.orders.total', { n: page.total })}</div>
      <table className="mc-table" data-testid="merchant-orders">
        <thead>
          <tr>
            <th>{t('merchant.orders.col.order')}</th>
            <th>{t('merchant.orders.col.goods')}</th>
            <th className="num">{t('merchant.orders.col.pay')}</th>
            <th>{t('merchant.col.status')}</th>
            <th>{t('address.shipTo')}</th>
            <th>{t('merchant.orders.col.shipping')}</th>
            <th>{t('merchant.col.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {page.items.map((o) => (
            <tr key={o.id} data-testid="merchant-order-row">
              <td>
                <div className="mono small">{o.id}</div>
                <div className="muted small">{formatTime(o.createdAt, lang)}</div>
              </td>
              <td className="mc-order-goods">
                {o.lines.map((l) => (
                  <div key={l.lineNo} className="mc-order-line">
                    {l.imageUrl ? <img src={l.imageUrl} alt="" /> : <span className="thumb-empty" />}
                    <div>
                      <Link to={`/merchant/products/${l.productId}`} className="mc-link">
                        {l.title}
                      </Link>
                      <div className="muted small">
                        {optionText(l.optionValues)} ×{l.quantity}
                      </div>
                    </div>
                  </div>
                ))}
              </td>
              <td className="num">{formatFen(o.payFen)}</td>
              <td>
                <StatusTag status={o.status} />
                {o.afterSales.openCaseId && (
                  <Link to="/merchant/after-sales" className="mc-as-flag" data-testid={`order-after-sales-${o.id}`}>
                    {t('order.afterSalesOpen')}
                  </Link>
                )}
              </td>
              <td className="small mc-addr-cell">
                <AddressReveal order={o} />
              </td>
              <td className="small">
                {o.trackingNo ? (
                  <>
                    <div>{o.tracking?.carrierName ?? o.carrier}</div>
                    <div className="mono">{o.trackingNo}</div>
                  </>
                ) : o.status === 'paid' ? (
                  <span className="muted">{t('merchant.orders.paidAt', { at: formatTime(o.paidAt, lang) })}</span>
                ) : (
                  <span className="muted">—</span>
                )}
              </td>
              <td className="actions">
                {o.status === 'paid' && (
                  <button type="button" className="btn btn-primary btn-xs" onClick={() => setShipping(o)} data-testid={`ship-${o.id}`}>
                    {t('merchant.orders.ship')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {shipping && (
        <ShipDialog
          order={shipping}
          onClose={() => setShipping(null)}
          onDone={(o) => {
            setShipping(null);
            list.setData({ ...page, items: page.items.map((x) => (x.id === o.id ? o : x)) });
          }}
        />
      )}
    </div>
  );
}
