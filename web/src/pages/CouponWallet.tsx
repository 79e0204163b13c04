// 我的优惠券: the wallet by status — usable (with 去使用 to the store, or the mall for platform
// coupons), used (with the order it went to), expired.
import { Link, Navigate, useSearchParams } from 'react-router';
import { api } from '../api';
import { useAuth } from '../auth';
import { CouponTicket } from '../components/CouponBits';
import { TopBar } from '../components/ShopLayout';
import { Empty, ErrorBox, Loading } from '../components/States';
import { useLoad } from '../components/useLoad';
import { useI18n } from '../i18n';
import type { UserCoupon, WalletStatus } from '../types';

const TABS: WalletStatus[] = ['claimed', 'used', 'expired'];
const isTab = (v: string | null): v is WalletStatus => TABS.some((x) => x === v);

export function CouponWallet() {
  const { t } = useI18n();
  const { user, loading } = useAuth();
  const [params, setParams] = useSearchParams();
  const raw = params.get('status');
  const status: WalletStatus = isTab(raw) ? raw : 'claimed';
  if (loading) return <Loading />;
  if (!user) return <Navigate to="/login" replace state={{ from: '/me/coupons' }} />;
  return (
    <div className="wallet-page">
      <TopBar title={t('coupon.wallet')} />
      <nav className="sort-bar" aria-label={t('coupon.wallet')}>
        {TABS.map((tab) => (
          <button key={tab} type="button" className={`sort-tab ${tab === status ? 'on' : ''}`} aria-pressed={tab === status} onClick={() => setParams(tab === 'claimed' ? {} : { status: tab }, { replace: true })} data-testid={`wallet-tab-${tab}`}>
            {t(`coupon.tab.${tab}`)}
          </button>
        ))}
      </nav>
      <WalletList key={status} status={status} />
    </div>
  );
}

function WalletList({ status }: { status: WalletStatus }) {
  const { t } = useI18n();
  const list = useLoad(() => api.myCoupons({ status, limit: 100 }), [status]);
  if (list.loading && !list.data) return <Loading />;
  if (list.error || !list.data) return <ErrorBox error={list.error} onRetry={list.reload} />;
  if (list.data.items.length === 0) return <Empty text={t('coupon.walletEmpty')} />;
  return (
    <div className="wallet-list" data-testid="wallet-list">
      {list.data.items.map((w) => (
        <WalletItem key={w.id} w={w} />
      ))}
    </div>
  );
}

function WalletItem({ w }: { w: UserCoupon }) {
  const { t } = useI18n();
  const c = w.coupon;
  let side;
  if (w.status === 'claimed') {
    side = (
      <Link to={c.storeId ? `/stores/${c.storeId}` : '/'} className="btn btn-outline btn-xs">
        {t('coupon.use')}
      </Link>
    );
  } else side = <span className="ticket-stamp ticket-stamp-grey">{t(`coupon.tab.${w.status}`)}</span>;
  const note =
    w.status === 'used' && w.orderIds[0] ? (
      <Link to={`/orders/${w.orderIds[0]}`} className="muted">
        {t('coupon.usedOn')} ›
      </Link>
    ) : undefined;
  return <CouponTicket coupon={c} side={side} dim={w.status !== 'claimed'} note={note} testId={`wallet-coupon-${w.id}`} />;
}
