// 退款/售后: my cases, newest first.
import { Link, Navigate } from 'react-router';
import { api } from '../api';
import { CaseStatusTag } from '../aftersales/CaseBits';
import { useAuth } from '../auth';
import { formatTime } from '../components/OrderBits';
import { TopBar } from '../components/ShopLayout';
import { Empty, ErrorBox, Loading } from '../components/States';
import { useLoad } from '../components/useLoad';
import { useStoreName } from '../commerce/cartStore';
import { useI18n } from '../i18n';
import { formatFen } from '../money';
import type { AfterSalesCase } from '../types';

export function AfterSalesList() {
  const { t } = useI18n();
  const { user, loading } = useAuth();
  const list = useLoad(() => api.myCases({ limit: 50 }), []);
  if (loading) return <Loading />;
  if (!user) return <Navigate to="/login" replace state={{ from: '/after-sales' }} />;
  return (
    <div className="as-page">
      <TopBar title={t('afterSales.mine')} />
      {list.loading && !list.data ? (
        <Loading />
      ) : list.error || !list.data ? (
        <ErrorBox error={list.error} onRetry={list.reload} />
      ) : list.data.items.length === 0 ? (
        <Empty text={t('afterSales.empty')} />
      ) : (
        list.data.items.map((c) => <CaseCard key={c.id} c={c} />)
      )}
    </div>
  );
}

function CaseCard({ c }: { c: AfterSalesCase }) {
  const { t, lang } = useI18n();
  const store = useStoreName(c.storeId);
  return (
    <Link to={`/after-sales/${c.id}`} className="card pad order-card" data-testid="case-row">
      <div className="order-card-head">
        <span className="order-store">
          <span aria-hidden="true">▤</span> {store || t('cart.store')}
        </span>
        <CaseStatusTag status={c.status} />
      </div>
      <div className="as-card-body">
        <span>
          {t(`afterSales.type.${c.type}`)} · {c.beforeShipping && c.reason === 'other' ? t('afterSales.reason.changedMind') : t(`afterSales.reason.${c.reason}`)}
        </span>
        <span className="muted small">{formatTime(c.createdAt, lang)}</span>
      </div>
      <div className="order-card-foot">
        {t('afterSales.refundAmount')} <span className="price price-sm">{formatFen(c.amountFen)}</span>
      </div>
    </Link>
  );
}
