// 精选联盟 · 达人带货 (/merchant/alliance/creators): the store's sales through creators, by creator —
// orders, the goods' value they sold (the commission base) and the commission they earned.
import { useState } from 'react';
import { Empty, ErrorBox, Loading } from '../components/States';
import { useLoad } from '../components/useLoad';
import { useI18n } from '../i18n';
import { useMerchant } from '../merchant/context';
import { formatFen } from '../money';
import { allianceApi } from './allianceApi';
import { AllianceHead } from './AllianceHead';
import { CreatorCell, Pager } from './bits';

const LIMIT = 20;

export function AllianceCreators() {
  const { t } = useI18n();
  const { current } = useMerchant();
  if (!current) return <Empty text={t('merchant.needStore')} />;
  return (
    <>
      <AllianceHead store={current.name} />
      <SalesTable key={current.id} storeId={current.id} />
    </>
  );
}

function SalesTable({ storeId }: { storeId: string }) {
  const { t } = useI18n();
  const [offset, setOffset] = useState(0);
  const list = useLoad(() => allianceApi.creatorSales(storeId, { limit: LIMIT, offset }), [storeId, offset]);
  if (list.loading && !list.data) return <Loading />;
  if (list.error || !list.data) return <ErrorBox error={list.error} onRetry={list.reload} />;
  if (list.data.items.length === 0) return <Empty text={t('alliance.sales.empty')} />;
  const page = list.data;
  const sum = page.items.reduce((s, r) => ({ orders: s.orders + r.orders, base: s.base + r.baseFen, commission: s.commission + r.commissionFen }), { orders: 0, base: 0, commission: 0 });
  return (
    <div className="mc-card mc-table-wrap">
      <div className="muted small mc-table-meta">{t('alliance.sales.total', { n: page.total })}</div>
      <table className="mc-table" data-testid="alliance-creator-sales">
        <thead>
          <tr>
            <th>{t('alliance.col.creator')}</th>
            <th className="num">{t('alliance.sales.col.orders')}</th>
            <th className="num">{t('alliance.sales.col.base')}</th>
            <th className="num">{t('alliance.sales.col.commission')}</th>
            <th className="num">{t('alliance.sales.col.share')}</th>
          </tr>
        </thead>
        <tbody>
          {page.items.map((r) => (
            <tr key={r.creatorId} data-testid="alliance-sales-row">
              <td>
                <CreatorCell id={r.creatorId} name={r.creatorName} />
              </td>
              <td className="num">{r.orders}</td>
              <td className="num">{formatFen(r.baseFen)}</td>
              <td className="num">{formatFen(r.commissionFen)}</td>
              <td className="num muted">{r.baseFen > 0 ? `${((100 * r.commissionFen) / r.baseFen).toFixed(1)}%` : '—'}</td>
            </tr>
          ))}
        </tbody>
        {page.total <= LIMIT && page.items.length > 1 && (
          <tfoot>
            <tr className="al-sum">
              <td>{t('alliance.sales.sum')}</td>
              <td className="num">{sum.orders}</td>
              <td className="num">{formatFen(sum.base)}</td>
              <td className="num">{formatFen(sum.commission)}</td>
              <td />
            </tr>
          </tfoot>
        )}
      </table>
      <Pager offset={offset} limit={LIMIT} total={page.total} onOffset={setOffset} />
    </div>
  );
}
