// 账户余额 (/me/balance): what the platform holds for me — compensation from the service desk,
// return postage a store paid — and its lines, newest first.
import { Navigate } from 'react-router';
import { useAuth } from '../auth';
import { TopBar } from '../components/ShopLayout';
import { Empty, ErrorBox, Loading } from '../components/States';
import { useLoad } from '../components/useLoad';
import { useI18n } from '../i18n';
import type { BalanceLine } from '../typesCare';
import { careApi } from './careApi';
import { shortTime, yuan } from './CareBits';

const KINDS = ['compensation', 'return_postage', 'compensation_recovery'] as const;
const isKind = (k: string): k is (typeof KINDS)[number] => KINDS.some((x) => x === k);

export function BalancePage() {
  const { t } = useI18n();
  const { user, loading } = useAuth();
  const balance = useLoad(() => careApi.balance({ limit: 50 }), []);
  if (loading) return <Loading />;
  if (!user) return <Navigate to="/login" replace state={{ from: '/me/balance' }} />;
  const b = balance.data;
  return (
    <div className="care-page">
      <TopBar title={t('care.balance.title')} />
      {balance.loading && !b ? (
        <Loading />
      ) : balance.error || !b ? (
        <ErrorBox error={balance.error} onRetry={balance.reload} />
      ) : (
        <>
          <section className="care-balance-hero">
            <div className="care-balance-label">{t('care.balance.now')}</div>
            <div className="care-balance-amount" data-testid="balance-amount" data-fen={b.balanceFen}>
              {yuan(b.balanceFen)}
            </div>
            <div className="care-balance-hint">{t('care.balance.hint')}</div>
          </section>
          <section className="card pad">
            <h2 className="card-title">{t('care.balance.lines')}</h2>
            {b.items.length === 0 ? <Empty text={t('care.balance.empty')} /> : b.items.map((l) => <Line key={l.entryId} line={l} />)}
          </section>
        </>
      )}
    </div>
  );
}

function Line({ line }: { line: BalanceLine }) {
  const { t, lang } = useI18n();
  const label = isKind(line.kind) ? t(`care.balance.kind.${line.kind}`) : line.kind;
  return (
    <div className="care-balance-line" data-testid="balance-line" data-kind={line.kind}>
      <div className="care-balance-line-main">
        <div className="care-balance-line-title">
          <span className={`kind kind-${line.kind === 'compensation' ? 'compensation' : 'refund'}`}>{label}</span>
          {line.memo && <span className="care-balance-memo">{line.memo}</span>}
        </div>
        <div className="muted small">{shortTime(line.at, lang)}</div>
      </div>
      <div className="care-balance-line-side">
        <div className={line.amountFen >= 0 ? 'care-amt-in' : 'care-amt-out'}>
          {line.amountFen >= 0 ? '+' : ''}
          {yuan(line.amountFen)}
        </div>
        <div className="muted small">{t('care.balance.after', { amount: yuan(line.balanceAfterFen) })}</div>
      </div>
    </div>
  );
}
