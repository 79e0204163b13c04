// 收益 (/studio/earnings): a creator's commission money — pending (until the order settles),
// available (may be withdrawn), withheld (held for review) and withdrawn — with 提现; then what
// each video, live room and the showcase earned, the commissions one by one, and the withdrawals.
import { useState } from 'react';
import { Empty, ErrorBox, Loading } from '../components/States';
import { useLoad } from '../components/useLoad';
import { useI18n } from '../i18n';
import { formatFen } from '../money';
import { MIN_WITHDRAWAL_FEN, type Earnings } from '../typesAlliance';
import { allianceApi } from './allianceApi';
import { ContentCell, useContentTitles } from './bits';
import { CommissionList } from './CommissionList';
import { WithdrawDialog, WithdrawalList } from './Withdrawals';
import './alliance.css';

export function EarningsPage() {
  const { t } = useI18n();
  const earnings = useLoad(() => allianceApi.earnings(), []);
  const [withdrawing, setWithdrawing] = useState(false);
  const [tick, setTick] = useState(0);
  // The amount just withdrawn (the notice is rendered from it, so it follows the language).
  const [done, setDone] = useState<number | null>(null);
  const e = earnings.data;
  return (
    <>
      <div className="mc-head">
        <div>
          <h1 className="mc-title">{t('alliance.earn.title')}</h1>
          <p className="muted">{t('alliance.earn.intro')}</p>
        </div>
        <button type="button" className="btn btn-primary" disabled={!e || e.availableFen < MIN_WITHDRAWAL_FEN} onClick={() => (setDone(null), setWithdrawing(true))} data-testid="earn-withdraw">
          {t('alliance.earn.withdraw')}
        </button>
      </div>
      {done !== null && (
        <p className="notice al-notice" data-testid="earn-withdraw-done">
          {t('alliance.earn.withdrawDone', { amount: formatFen(done) })}
        </p>
      )}
      {earnings.error ? (
        <ErrorBox error={earnings.error} onRetry={earnings.reload} />
      ) : !e ? (
        <Loading />
      ) : (
        <>
          <Tiles e={e} />
          <ByContent e={e} />
        </>
      )}
      <CommissionList key={`c${tick}`} />
      <WithdrawalList key={`w${tick}`} />
      {withdrawing && e && (
        <WithdrawDialog
          availableFen={e.availableFen}
          onClose={() => setWithdrawing(false)}
          onDone={(w) => {
            setWithdrawing(false);
            setDone(w.amountFen);
            earnings.reload();
            setTick((n) => n + 1);
          }}
        />
      )}
    </>
  );
}

function Tiles({ e }: { e: Earnings }) {
  const { t } = useI18n();
  const tiles = [
    { key: 'available', fen: e.availableFen, main: true },
    { key: 'pending', fen: e.pendingFen, main: false },
    { key: 'withheld', fen: e.withheldFen, main: false },
    { key: 'withdrawn', fen: e.withdrawnFen, main: false },
  ] as const;
  return (
    <div className="stmt-summary al-tiles" data-testid="earn-tiles">
      {tiles.map((x) => (
        <div key={x.key} className={`stmt-tile ${x.main ? 'stmt-tile-main' : ''}`} data-testid={`earn-${x.key}`}>
          <div className="stmt-tile-label">{t(`alliance.earn.${x.key}`)}</div>
          <div className="stmt-tile-value">{formatFen(x.fen)}</div>
          <div className="stmt-tile-hint">{t(`alliance.earn.${x.key}.hint`)}</div>
        </div>
      ))}
    </div>
  );
}

function ByContent({ e }: { e: Earnings }) {
  const { t } = useI18n();
  const rows = [...e.byContent].sort((a, b) => b.commissionFen - a.commissionFen);
  const titles = useContentTitles(rows);
  return (
    <section className="mc-card mc-table-wrap">
      <h2 className="mc-card-title mc-table-meta">{t('alliance.earn.byContent')}</h2>
      {rows.length === 0 ? (
        <Empty text={t('alliance.earn.byContentEmpty')} />
      ) : (
        <table className="mc-table" data-testid="earn-by-content">
          <thead>
            <tr>
              <th>{t('alliance.earn.col.content')}</th>
              <th className="num">{t('alliance.earn.col.orders')}</th>
              <th className="num">{t('alliance.earn.col.commission')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={`${r.contentType}:${r.contentId}`} data-testid="earn-content-row">
                <td>
                  <ContentCell type={r.contentType} id={r.contentId} title={titles.get(`${r.contentType}:${r.contentId}`)} />
                </td>
                <td className="num">{r.orders}</td>
                <td className="num">{formatFen(r.commissionFen)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
