// 订单详情: status banner, the parcel's tracking, where it ships, goods and money, order facts,
// progress, and the actions the status allows (pay, cancel, refund, after-sales, confirm receipt).
import { useEffect, useState } from 'react';
import { Navigate, useParams, useSearchParams } from 'react-router';
import { api } from '../api';
import { ShipToCard } from '../address/AddressBits';
import { useAuth } from '../auth';
import { formatTime, StatusTag } from '../components/OrderBits';
import { TopBar } from '../components/ShopLayout';
import { ErrorBox, Loading } from '../components/States';
import { useLoad } from '../components/useLoad';
import { useI18n } from '../i18n';
import { OrderActions } from '../order/OrderActions';
import { GoodsCard, HistoryCard, InfoCard } from '../order/OrderSections';
import { TrackingCard } from '../order/TrackingCard';
import { ReviewLinesCard } from '../reviews/ReviewLinesCard';
import { PendingSurveys } from '../experience/SurveyCard';
import { ContactCareCard } from '../care/ContactCare';
import type { Order } from '../types';

const POLL_MS = 1000;
const POLL_FOR_MS = 20_000;
/** While the parcel travels, the page refreshes now and then so the scans show up. */
const TRACK_POLL_MS = 5000;
const TRACK_POLL_FOR_MS = 10 * 60_000;

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

/** A shipped order learns of scans and delivery from the carrier: refresh while it travels. */
function useTrackingPolling(order: Order, onChange: (o: Order) => void): void {
  const travelling = order.status === 'shipped';
  useEffect(() => {
    if (!travelling) return;
    const started = Date.now();
    let stopped = false;
    const timer = window.setInterval(() => {
      if (Date.now() - started > TRACK_POLL_FOR_MS || document.hidden) return;
      api.order(order.id).then(
        (o) => !stopped && onChange(o),
        () => undefined,
      );
    }, TRACK_POLL_MS);
    return () => {
      stopped = true;
      window.clearInterval(timer);
    };
  }, [travelling, order.id, onChange]);
}

function OrderView({ order, onChange }: { order: Order; onChange: (o: Order) => void }) {
  const { t, lang } = useI18n();
  const poll = usePaidPolling(order, onChange);
  useTrackingPolling(order, onChange);

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
        {order.afterSales.openCaseId && <div className="order-banner-chip">{t('order.afterSalesOpen')}</div>}
      </section>

      <TrackingCard order={order} />
      {order.shippingAddress && <ShipToCard address={order.shippingAddress} />}
      <GoodsCard order={order} />
      {order.status !== 'created' && <ContactCareCard order={order} />}
      <ReviewLinesCard order={order} />
      {(order.status === 'delivered' || order.status === 'completed') && <PendingSurveys orderId={order.id} />}
      <InfoCard order={order} />
      <HistoryCard order={order} />
      <OrderActions order={order} onChange={onChange} polling={poll === 'polling'} />
    </>
  );
}
