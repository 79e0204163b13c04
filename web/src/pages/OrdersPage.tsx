import { Link, Navigate, useSearchParams } from 'react-router';
import { api } from '../api';
import { useAuth } from '../auth';
import { isOrderStatus, OrderLineRow, StatusTag } from '../components/OrderBits';
import { Price } from '../components/Price';
import { TopBar } from '../components/ShopLayout';
import { Empty, ErrorBox, Loading } from '../components/States';
import { useLoad } from '../components/useLoad';
import { useStoreName } from '../commerce/cartStore';
import { useI18n } from '../i18n';
import type { Order, OrderStatus } from '../types';

const TABS = ['all', 'created', 'paid', 'shipped', 'completed', 'cancelled'] as const;

export function OrdersPage() {
  const { t } = useI18n();
  const { user, loading } = useAuth();
  const [params, setParams] = useSearchParams();
  const raw = params.get('status');
  const status = isOrderStatus(raw) ? raw : undefined;

  if (loading) return <Loading />;
  if (!user) return <Navigate to="/login" replace state={{ from: '/orders' }} />;
  return (
    <div className="orders-page">
      <TopBar title={t('orders.title')} />
      <nav className="sort-bar order-tabs" aria-label={t('orders.title')}>
        {TABS.map((tab) => {
          const on = (tab === 'all' && !status) || tab === status;
          return (
            <button
              key={tab}
              type="button"
              className={`sort-tab ${on ? 'on' : ''}`}
              aria-pressed={on}
              onClick={() => setParams(tab === 'all' ? {} : { status: tab }, { replace: true })}
              data-testid={`orders-tab-${tab}`}
            >
              {t(`orders.tab.${tab}`)}
            </button>
          );
        })}
      </nav>
      <OrderList key={status ?? 'all'} status={status} />
    </div>
  );
}

function OrderList({ status }: { status?: OrderStatus }) {
  const { t } = useI18n();
  // 待收货 covers parcels on their way and delivered ones still waiting for 确认收货.
  const list = useLoad(
    () =>
      status === 'shipped'
        ? Promise.all([api.orders({ status: 'shipped', limit: 50 }), api.orders({ status: 'delivered', limit: 50 })]).then(([a, b]) => ({
            items: [...a.items, ...b.items].sort((x, y) => y.createdAt.localeCompare(x.createdAt)),
            total: a.total + b.total,
          }))
        : api.orders({ status, limit: 50 }),
    [status],
  );
  if (list.loading && !list.data) return <Loading />;
  if (list.error || !list.data) return <ErrorBox error={list.error} onRetry={list.reload} />;
  if (list.data.items.length === 0) return <Empty text={t('orders.empty')} />;
  return (
    <>
      {list.data.items.map((o) => (
        <OrderCard key={o.id} order={o} />
      ))}
    </>
  );
}

function OrderCard({ order }: { order: Order }) {
  const { t } = useI18n();
  const name = useStoreName(order.storeId);
  const count = order.lines.reduce((n, l) => n + l.quantity, 0);
  return (
    <Link to={`/orders/${order.id}`} className="card pad order-card" data-testid="order-row">
      <div className="order-card-head">
        <span className="order-store">
          <span aria-hidden="true">▤</span> {name || t('cart.store')}
        </span>
        <StatusTag status={order.status} />
      </div>
      {order.lines.slice(0, 3).map((l) => (
        <OrderLineRow key={l.lineNo} line={l} link={false} />
      ))}
      {order.lines.length > 3 && <div className="muted small">{t('orders.moreLines', { n: order.lines.length - 3 })}</div>}
      <div className="order-card-foot">
        {t('orders.summary', { n: count })} <Price fen={order.payFen} size="sm" />
      </div>
    </Link>
  );
}
