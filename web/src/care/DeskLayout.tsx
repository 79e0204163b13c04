// 客服工作台 (/desk): the agents' desktop console. A signed-in user who is no agent of the desk
// sees so plainly; an agent gets the desk, the approvals (supervisors), their tier and what they
// have paid out today, and the SLA alerts badge.
import { useCallback, useMemo, useState } from 'react';
import { Link, NavLink, Outlet } from 'react-router';
import { ApiError } from '../api';
import { useAuth } from '../auth';
import { ConsoleFrame, ConsoleGate } from '../components/Console';
import { ErrorBox, Loading } from '../components/States';
import { useLoad } from '../components/useLoad';
import { useI18n } from '../i18n';
import { careApi } from './careApi';
import { shortTime, useOptionalStoreName, yuan } from './CareBits';
import type { DeskCtx } from './deskCtx';
import { usePoll } from './usePoll';
import type { DeskMe } from '../typesCare';

const BADGE_POLL_MS = 15_000;

export function DeskLayout() {
  const { t } = useI18n();
  const { user, loading } = useAuth();
  if (loading) return <Loading />;
  if (!user) return <ConsoleGate title={t('care.desk.console')} message={t('care.desk.signInFirst')} loginTestId="desk-login-link" />;
  return <DeskGate />;
}

function DeskGate() {
  const { t } = useI18n();
  const me = useLoad(() => careApi.deskMe(), []);
  if (me.loading && !me.data) return <Loading />;
  if (me.error instanceof ApiError && me.error.status === 403) {
    return (
      <div className="mc-gate" data-testid="desk-not-agent">
        <div className="card pad center">
          <h1>{t('care.desk.notAgentTitle')}</h1>
          <p>{t('care.desk.notAgent')}</p>
          <Link to="/" className="btn btn-ghost">
            {t('nav.backToShop')}
          </Link>{' '}
          <Link to="/help" className="btn btn-primary">
            {t('care.help.title')}
          </Link>
        </div>
      </div>
    );
  }
  if (me.error || !me.data) return <ErrorBox error={me.error} onRetry={me.reload} />;
  return <DeskShell me={me.data} reloadMe={me.reload} />;
}

function DeskShell({ me, reloadMe }: { me: DeskMe; reloadMe: () => void }) {
  const { t, lang } = useI18n();
  const { hasRole } = useAuth();
  const approvals = useLoad(() => careApi.approvals(), []);
  const alerts = useLoad(() => careApi.alerts(), []);
  usePoll(approvals.reload, BADGE_POLL_MS);
  usePoll(alerts.reload, BADGE_POLL_MS);
  const storeName = useOptionalStoreName(me.agent.storeId);
  const [alertsOpen, setAlertsOpen] = useState(false);

  const canAct = useCallback((queue: 'store' | 'platform') => me.agent.storeId === null || queue === 'store', [me.agent.storeId]);
  const ctx = useMemo<DeskCtx>(
    () => ({ me, reloadMe, approvals: approvals.data ?? [], reloadApprovals: approvals.reload, alerts: alerts.data ?? [], reloadAlerts: alerts.reload, canAct }),
    [me, reloadMe, approvals.data, approvals.reload, alerts.data, alerts.reload, canAct],
  );
  const pending = ctx.approvals.length;
  const a = me.authority;

  const nav = (
    <>
      <NavLink to="/desk" end className="mc-nav-item" data-testid="desk-nav">
        {t('care.desk.nav.desk')}
      </NavLink>
      <NavLink to="/desk/approvals" className="mc-nav-item" data-testid="desk-approvals-nav">
        {t('care.desk.nav.approvals')}
        {pending > 0 && <span className="desk-nav-badge">{pending}</span>}
      </NavLink>
      {hasRole('merchant') && (
        <Link to="/merchant/care" className="mc-nav-item">
          {t('care.m.nav')}
        </Link>
      )}
      {hasRole('merchant') && (
        <Link to="/merchant" className="mc-nav-item">
          {t('nav.merchantConsole')}
        </Link>
      )}
      {hasRole('operator') && (
        <Link to="/ops/distribution" className="mc-nav-item">
          {t('nav.opsConsole')}
        </Link>
      )}
      <Link to="/" className="mc-nav-item">
        {t('nav.backToShop')}
      </Link>
    </>
  );
  const top = (
    <div className="desk-top">
      <span className="desk-me" data-testid="desk-me">
        <span className="desk-tier">{t('care.desk.tier', { n: me.agent.tier })}</span>
        {me.agent.storeId ? storeName || t('care.desk.storeDesk') : t('care.desk.platformDesk')}
      </span>
      <span className="muted small">{t('care.desk.today', { used: yuan(a.dayUsedFen), limit: yuan(a.dayLimitFen) })}</span>
      <span className="desk-alerts">
        <button type="button" className={`btn btn-sm ${ctx.alerts.length > 0 ? 'btn-danger-ghost' : 'btn-ghost'}`} onClick={() => setAlertsOpen((o) => !o)} aria-expanded={alertsOpen} data-testid="desk-alerts">
          {t('care.desk.alerts')}
          <span className={`desk-alert-count ${ctx.alerts.length > 0 ? 'on' : ''}`}>{ctx.alerts.length}</span>
        </button>
        {alertsOpen && (
          <div className="desk-alert-pop" role="dialog">
            {ctx.alerts.length === 0 ? (
              <div className="muted small">{t('care.desk.alertsNone')}</div>
            ) : (
              ctx.alerts.map((al) => (
                <div key={al.id} className="desk-alert-row">
                  <Link to={`/desk?view=all&t=${al.ticketId}`} onClick={() => setAlertsOpen(false)} className="desk-alert-link">
                    <span className="care-sla-breached">{t(`care.alert.${al.kind}`)}</span>
                    <span className="mono small">{al.ticketId}</span>
                    <span className="muted small">{shortTime(al.createdAt, lang)}</span>
                  </Link>
                  <button type="button" className="btn btn-ghost btn-xs" onClick={() => void careApi.ack(al.id).then(alerts.reload, alerts.reload)}>
                    {t('care.desk.ack')}
                  </button>
                </div>
              ))
            )}
          </div>
        )}
      </span>
    </div>
  );
  return (
    <ConsoleFrame className="desk" home="/desk" title={t('care.desk.console')} nav={nav} top={top}>
      <Outlet context={ctx} />
    </ConsoleFrame>
  );
}
