import { useEffect, useState } from 'react';
import { Link, Navigate, useParams, useSearchParams } from 'react-router';
import { api, errorMessage } from '../api';
import { useAuth } from '../auth';
import { formatTime, OrderLineRow, StatusTag } from '../components/OrderBits';
import { TruckIcon } from '../components/Icons';
import { Price } from '../components/Price';
import { TopBar } from '../components/ShopLayout';
import { ErrorBox, Loading } from '../components/States';
import { useLoad } from '../components/useLoad';
import { useStoreName } from '../commerce/cartStore';
import { payUrlFor, usePayNavigate } from '../commerce/checkout';
import { useI18n } from '../i18n';
import { formatFen } from '../money';
import type { Order } from '../types';

const POLL_MS = 1000;
const ACTORS = ['buyer', 'merchant', 'system', 'operator', 'agent'] as const;
const isActor = (a: string): a is (typeof ACTORS)[number] => ACTORS.some((x) => x === a);
const POLL_FOR_MS = 20_000;

export function OrderDetail() {
  const { t } = useI18n();
  const { orderId = '' } = useParams();
  const { user, loading } = useAuth();
  const order = useLoad(() => api.order(orderId), [orderId]);
  if (loading) return <Loading />;
  if (!user) return <Navigate to="/login" replace state={{ from: `/orders/${orderId}` }} />;
  return (
    <div className="order-page">
      <TopBar title={t('order.title')} />
      {order.loading && !order.data ? (
        <Loading />
      ) : order.error || !order.data ? (
        <ErrorBox error={order.error} onRetry={order.reload} />
      ) : (
        <OrderView order={order.data} onChange={order.setData} />
      )}
    </div>
  );
}

/** After paying, the platform hears of it by webhook: poll until the order is paid (or give up). */
function usePaidPolling(order: Order, onChange: (o: Order) => void): 'idle' | 'polling' | 'timeout' {
  const [params] = useSearchParams();
  const justPaid = params.get('paid') === '1';
  const [phase, setPhase] = useState<'idle' | 'polling' | 'timeout'>(justPaid && order.status === 'created' ? 'polling' : 'idle');
  const waiting = phase === 'polling' && order.status === 'created';

  useEffect(() => {
    if (!waiting) return;
    const started = Date.now();
    let stopped = false;
    const timer = window.setInterval(() => {
      if (Date.now() - started > POLL_FOR_MS) {
        window.clearInterval(timer);
        setPhase('timeout');
        return;
      }
      api.order(order.id).then(
        (o) => !stopped && onChange(o),
        () => undefined,
      );
    }, POLL_MS);
    return () => {
      stopped = true;
      window.clearInterval(timer);
    };
  }, [waiting, order.id, onChange]);

  return order.status === 'created' ? phase : 'idle';
}

function OrderView({ order, onChange }: { order: Order; onChange: (o: Order) => void }) {
  const { t, lang } = useI18n();
  const storeName = useStoreName(order.storeId);
  const poll = usePaidPolling(order, onChange);
  const goPay = usePayNavigate();
  const payUrl = order.status === 'created' ? (order.payUrl ?? payUrlFor(order.checkoutId)) : null;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function cancel() {
    if (!window.confirm(t('order.cancelConfirm'))) return;
    setBusy(true);
    setError(null);
    try {
      onChange(await api.cancelOrder(order.id));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  const banner =
    poll === 'polling' ? t('order.banner.confirming') : poll === 'timeout' ? t('order.banner.slow') : t(`order.banner.${order.status}`, { deadline: formatTime(order.payDeadline, lang) });
  return (
    <>
      <section className={`order-banner order-banner-${order.status}`}>
        <div className="order-banner-status" data-testid="order-status" data-status={order.status}>
          {poll === 'polling' && <span className="spinner spinner-light" />} <StatusTag status={order.status} />
        </div>
        <div className="order-banner-text">{banner}</div>
        {order.status === 'cancelled' && order.cancelReason && <div className="order-banner-text">{t('order.cancelReason', { reason: order.cancelReason })}</div>}
      </section>

      {(order.carrier || order.trackingNo) && (
        <section className="card pad tracking" data-testid="order-tracking">
          <div className="tracking-icon">
            <TruckIcon />
          </div>
          <div>
            <div className="tracking-carrier">
              {order.carrier} <span className="mono">{order.trackingNo}</span>
            </div>
            <div className="muted small">{t('order.shippedAt', { at: formatTime(order.shippedAt, lang) })}</div>
          </div>
        </section>
      )}

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
              <dd className="danger">-{formatFen(order.discountFen)}</dd>
            </div>
          )}
          <div className="amount-total">
            <dt>{order.status === 'created' ? t('order.toPay') : order.status === 'cancelled' ? t('order.amount') : t('order.paid')}</dt>
            <dd>
              <Price fen={order.payFen} size="md" testId="order-pay-fen" />
            </dd>
          </div>
        </dl>
      </section>

      <section className="card pad">
        <h2 className="card-title">{t('order.info')}</h2>
        <dl className="info-list">
          <div>
            <dt>{t('order.number')}</dt>
            <dd className="mono">{order.id}</dd>
          </div>
          <div>
            <dt>{t('order.createdAt')}</dt>
            <dd>{formatTime(order.createdAt, lang)}</dd>
          </div>
          {order.paidAt && (
            <div>
              <dt>{t('order.paidAt')}</dt>
              <dd>{formatTime(order.paidAt, lang)}</dd>
            </div>
          )}
        </dl>
      </section>

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

      {order.status === 'created' && poll !== 'polling' && (
        <>
          <div className="action-bar-spacer" />
          <footer className="action-bar order-actions">
            {error && (
              <div className="action-note action-err" role="alert">
                {error}
              </div>
            )}
            {!payUrl && <div className="action-note">{t('order.payUrlUnknown')}</div>}
            <div className="action-row row-end">
              <button type="button" className="btn btn-ghost" disabled={busy} onClick={() => void cancel()} data-testid="order-cancel">
                {t('order.cancel')}
              </button>
              {payUrl && (
                <button type="button" className="btn btn-primary" onClick={() => goPay(payUrl)} data-testid="order-pay">
                  {t('order.pay')}
                </button>
              )}
            </div>
          </footer>
        </>
      )}
    </>
  );
}
