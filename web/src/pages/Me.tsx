import type { ReactNode } from 'react';
import { Link, Navigate, useNavigate } from 'react-router';
import { useAuth } from '../auth';
import { PinIcon } from '../address/AddressBits';
import { CartIcon, TruckIcon } from '../components/Icons';
import { TopBar } from '../components/ShopLayout';
import { PendingSurveys } from '../experience/SurveyCard';
import { Loading } from '../components/States';
import { useI18n } from '../i18n';
import type { OrderStatus } from '../types';

const SHORTCUTS: { status: Exclude<OrderStatus, 'delivered' | 'cancelled'>; icon: ReactNode }[] = [
  { status: 'created', icon: '¥' },
  { status: 'paid', icon: '▣' },
  { status: 'shipped', icon: <TruckIcon /> },
  { status: 'completed', icon: '✓' },
];

function OrderShortcuts() {
  const { t } = useI18n();
  return (
    <section className="card pad">
      <div className="me-orders-head">
        <h2 className="card-title">{t('orders.title')}</h2>
        <Link to="/orders" className="muted small" data-testid="me-orders">
          {t('orders.all')} ›
        </Link>
      </div>
      <div className="me-orders">
        {SHORTCUTS.map((s) => (
          <Link key={s.status} to={`/orders?status=${s.status}`} className="me-order-link">
            <span aria-hidden="true">{s.icon}</span>
            {t(`orders.tab.${s.status}`)}
          </Link>
        ))}
        <Link to="/cart" className="me-order-link">
          <span aria-hidden="true">
            <CartIcon />
          </span>
          {t('cart.title')}
        </Link>
      </div>
    </section>
  );
}

function Services() {
  const { t } = useI18n();
  const items: { to: string; icon: ReactNode; label: string; testId: string }[] = [
    { to: '/me/addresses', icon: <PinIcon />, label: t('me.addresses'), testId: 'me-addresses' },
    { to: '/me/coupons', icon: <span className="me-coupon-icon">券</span>, label: t('coupon.wallet'), testId: 'me-coupons' },
    { to: '/after-sales', icon: <span className="me-coupon-icon me-refund-icon">退</span>, label: t('afterSales.mine'), testId: 'me-after-sales' },
    { to: '/help', icon: <span className="me-coupon-icon">客</span>, label: t('care.me.help'), testId: 'me-help' },
    { to: '/me/balance', icon: <span className="me-coupon-icon">¥</span>, label: t('care.me.balance'), testId: 'me-balance' },
  ];
  return (
    <section className="card pad">
      <h2 className="card-title">{t('me.services')}</h2>
      <div className="me-orders me-services">
        {items.map((i) => (
          <Link key={i.to} to={i.to} className="me-order-link" data-testid={i.testId}>
            <span aria-hidden="true">{i.icon}</span>
            {i.label}
          </Link>
        ))}
      </div>
    </section>
  );
}

export function Me() {
  const { t } = useI18n();
  const { user, loading, logout } = useAuth();
  const navigate = useNavigate();
  if (loading) return <Loading />;
  if (!user) return <Navigate to="/login" replace state={{ from: '/me' }} />;
  return (
    <>
      <TopBar title={t('nav.me')} back={false} />
      <div className="card pad me-card">
        <div className="me-avatar">{Array.from(user.displayName)[0] ?? '?'}</div>
        <div>
          <div className="me-name">{user.displayName}</div>
          <div className="muted">{user.email}</div>
          <div className="me-roles">
            {user.roles.map((r) => (
              <span key={r} className="tag">
                {t(`role.${r}`)}
              </span>
            ))}
          </div>
        </div>
      </div>
      <PendingSurveys />
      <OrderShortcuts />
      <Services />
      <div className="card pad stack">
        {(user.roles.includes('creator') || user.roles.includes('merchant')) && (
          <Link to="/studio" className="btn btn-ghost btn-block" data-testid="me-studio">
            {t('studio.meLink')}
          </Link>
        )}
        {user.roles.includes('merchant') && (
          <Link to="/merchant" className="btn btn-ghost btn-block">
            {t('nav.merchantConsole')}
          </Link>
        )}
        {(user.roles.includes('agent') || user.roles.includes('merchant') || user.roles.includes('operator')) && (
          <Link to="/desk" className="btn btn-ghost btn-block" data-testid="me-desk">
            {t('care.desk.meLink')}
          </Link>
        )}
        {user.roles.includes('operator') && (
          <Link to="/ops/distribution" className="btn btn-ghost btn-block" data-testid="me-ops">
            {t('nav.opsConsole')}
          </Link>
        )}
        <button
          type="button"
          className="btn btn-ghost btn-block"
          data-testid="logout"
          onClick={() => {
            void logout().then(() => navigate('/'));
          }}
        >
          {t('auth.logout')}
        </button>
      </div>
    </>
  );
}
