// 佣金明细: a creator's commissions one by one, newest first — the goods and order, the content
// that sold them, rate, base, commission and the platform's service fee, status (with a flag when
// the order looks like the creator's own purchase) and when it settles.
import { useState } from 'react';
import { Link } from 'react-router';
import { formatTime } from '../components/OrderBits';
import { Empty, ErrorBox, Loading } from '../components/States';
import { useLoad } from '../components/useLoad';
import { useI18n } from '../i18n';
import { formatFen } from '../money';
import type { CommissionStatus } from '../typesAlliance';
import { allianceApi, formatRate } from './allianceApi';
import { ContentCell, Pager, useContentTitles } from './bits';

const LIMIT = 20;
const FILTERS: ('all' | CommissionStatus)[] = ['all', 'unpaid', 'pending', 'settled', 'withheld', 'reversed', 'cancelled'];

export function CommissionList() {
  const { t, lang } = useI18n();
  const [filter, setFilter] = useState<'all' | CommissionStatus>('all');
  const [offset, setOffset] = useState(0);
  const list = useLoad(() => allianceApi.commissions({ status: filter === 'all' ? undefined : filter, limit: LIMIT, offset }), [filter, offset]);
  const page = list.data;
  const titles = useContentTitles(page?.items ?? []);
  return (
    <section className="mc-card mc-table-wrap">
      <div className="al-section-head mc-table-meta">
        <h2 className="mc-card-title">{t('alliance.earn.commissions')}</h2>
        <div className="chips chips-wrap" role="group">
          {FILTERS.map((f) => (
            <button key={f} type="button" className={`chip al-chip ${filter === f ? 'chip-on' : ''}`} onClick={() => (setFilter(f), setOffset(0))} data-testid={`commission-filter-${f}`}>
              {f === 'all' ? t('alliance.plan.filter.all') : t(`alliance.commission.status.${f}`)}
            </button>
          ))}
        </div>
      </div>
      {!page ? (
        list.error ? <ErrorBox error={list.error} onRetry={list.reload} /> : <Loading />
      ) : page.items.length === 0 ? (
        <Empty text={t('alliance.earn.commissionsEmpty')} />
      ) : (
        <>
          <table className="mc-table" data-testid="commission-table">
            <thead>
              <tr>
                <th>{t('alliance.col.goods')}</th>
                <th>{t('alliance.earn.col.content')}</th>
                <th className="num">{t('alliance.commission.col.rate')}</th>
                <th className="num">{t('alliance.commission.col.base')}</th>
                <th className="num">{t('alliance.commission.col.commission')}</th>
                <th className="num">{t('alliance.commission.col.fee')}</th>
                <th>{t('alliance.commission.col.status')}</th>
                <th>{t('alliance.commission.col.settle')}</th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((c) => (
                <tr key={c.id} data-testid="commission-row" className={c.status === 'reversed' || c.status === 'cancelled' ? 'row-muted' : ''}>
                  <td>
                    <Link to={`/products/${c.productId}`} className="mc-link al-goods-title">
                      {c.title}
                    </Link>
                    <div className="muted small">
                      {t('alliance.commission.order')} <span className="mono">{c.orderId}</span> · {formatTime(c.createdAt, lang)}
                    </div>
                  </td>
                  <td className="small">
                    <ContentCell type={c.contentType} id={c.contentId} title={titles.get(`${c.contentType}:${c.contentId}`)} />
                  </td>
                  <td className="num">{formatRate(c.rateBps)}</td>
                  <td className="num">
                    {formatFen(c.baseFen)}
                    {c.paidFen !== c.baseFen && <div className="muted small">{t('alliance.commission.paid', { amount: formatFen(c.paidFen) })}</div>}
                  </td>
                  <td className="num al-money">
                    {formatFen(c.commissionFen)}
                    {c.flatFeeFen > 0 && <div className="muted small">{t('alliance.plan.flatFee', { amount: formatFen(c.flatFeeFen) })}</div>}
                  </td>
                  <td className="num muted">{c.serviceFeeFen > 0 ? `−${formatFen(c.serviceFeeFen)}` : '—'}</td>
                  <td>
                    <span className={`status al-cs-${c.status}`} data-testid="commission-status">
                      {t(`alliance.commission.status.${c.status}`)}
                    </span>
                    {c.flag && <div className="small al-warn">{t(`alliance.commission.flag.${c.flag}`)}</div>}
                  </td>
                  <td className="small nowrap muted">{c.settledAt ? formatTime(c.settledAt, lang) : c.settleAt ? t('alliance.commission.expected', { at: formatTime(c.settleAt, lang) }) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pager offset={offset} limit={LIMIT} total={page.total} onOffset={setOffset} />
        </>
      )}
    </section>
  );
}
