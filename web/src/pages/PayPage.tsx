import { useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { api, ApiError, errorMessage } from '../api';
import { useAuth } from '../auth';
import { payTicket } from '../commerce/checkout';
import { ErrorBox, Loading } from '../components/States';
import { useLoad } from '../components/useLoad';
import { LangToggle, useI18n } from '../i18n';
import { fenToYuan } from '../money';
import type { SandboxPayment } from '../types';

/** The sandbox payment provider's hosted cashier (a stand-in for a third-party 收银台). */
export function PayPage() {
  const { t } = useI18n();
  const { providerRef = '' } = useParams();
  const payment = useLoad(() => api.sandboxPayment(providerRef), [providerRef]);
  return (
    <div className="cashier">
      <header className="cashier-top">
        <span className="cashier-brand">
          <span className="cashier-logo" aria-hidden="true">
            ¥
          </span>
          {t('pay.cashier')}
        </span>
        <span className="cashier-sandbox" data-testid="pay-sandbox">
          {t('pay.sandbox')}
        </span>
        <LangToggle />
      </header>
      {payment.loading && !payment.data ? (
        <Loading />
      ) : payment.error || !payment.data ? (
        <ErrorBox error={payment.error} onRetry={payment.reload} />
      ) : (
        <Cashier payment={payment.data} onChange={payment.setData} />
      )}
      <p className="cashier-foot">{t('pay.footnote')}</p>
    </div>
  );
}

function Cashier({ payment, onChange }: { payment: SandboxPayment; onChange: (p: SandboxPayment) => void }) {
  const { t } = useI18n();
  const { user } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [busy, setBusy] = useState<'succeed' | 'fail' | null>(null);
  const [error, setError] = useState<{ text: string; login: boolean } | null>(null);
  const ticket = payTicket(payment.providerRef);
  const orderUrl = ticket?.orderIds[0] ? `/orders/${ticket.orderIds[0]}` : '/orders';
  const [whole, cents] = fenToYuan(payment.amountFen).split('.');
  const done = payment.status === 'succeeded';

  async function confirm(outcome: 'succeed' | 'fail') {
    if (busy) return;
    setBusy(outcome);
    setError(null);
    try {
      const next = await api.confirmSandboxPayment(payment.providerRef, outcome);
      onChange(next);
      if (next.status === 'succeeded') navigate(`${orderUrl}?paid=1`, { replace: true });
    } catch (err) {
      setError({ text: errorMessage(err), login: err instanceof ApiError && err.status === 401 });
    } finally {
      setBusy(null);
    }
  }

  return (
    <main className="cashier-main">
      <section className="cashier-amount">
        <div className="muted small">{payment.merchantName}</div>
        <div className="cashier-sum" data-testid="pay-amount">
          <small>¥</small>
          {whole}
          {cents && <small>.{cents}</small>}
        </div>
        <div className="cashier-desc">{payment.description}</div>
      </section>

      {payment.status === 'failed' && (
        <p className="cashier-msg cashier-msg-err" role="alert">
          {t('pay.failed')}
        </p>
      )}
      {done && (
        <p className="cashier-msg cashier-msg-ok" role="status">
          {t('pay.succeeded')}
        </p>
      )}

      <section className="cashier-card">
        <div className="cashier-method">
          <span className="cashier-method-icon" aria-hidden="true">
            ◎
          </span>
          <span className="cashier-method-name">
            {t('pay.method')}
            <small className="muted">{t('pay.methodHint')}</small>
          </span>
          <span className="cashier-radio" aria-hidden="true" />
        </div>
        <dl className="cashier-rows">
          <div>
            <dt>{t('pay.merchant')}</dt>
            <dd>{payment.merchantName}</dd>
          </div>
          <div>
            <dt>{t('pay.reference')}</dt>
            <dd className="mono">{payment.providerRef}</dd>
          </div>
        </dl>
      </section>

      {error && (
        <p className="form-error cashier-error" role="alert">
          {error.text}{' '}
          {error.login && (
            <Link to="/login" state={{ from: location.pathname }} className="link-btn">
              {t('auth.login')}
            </Link>
          )}
        </p>
      )}
      {!user && !error && <p className="notice">{t('pay.signInHint')}</p>}

      <div className="cashier-actions">
        {done ? (
          <Link to={orderUrl} className="btn cashier-pay btn-block" replace>
            {t('pay.viewOrder')}
          </Link>
        ) : (
          <>
            <button type="button" className="btn cashier-pay btn-block" disabled={busy !== null} onClick={() => void confirm('succeed')} data-testid="pay-confirm">
              {busy === 'succeed' ? t('common.working') : t('pay.confirm', { amount: fenToYuan(payment.amountFen) })}
            </button>
            <button type="button" className="btn btn-ghost btn-block" disabled={busy !== null} onClick={() => void confirm('fail')} data-testid="pay-fail">
              {busy === 'fail' ? t('common.working') : t('pay.fail')}
            </button>
            <Link to={orderUrl} className="cashier-later">
              {t('pay.later')}
            </Link>
          </>
        )}
      </div>
    </main>
  );
}
