// 运营后台: the operators' desktop console (a lazy chunk like the merchant console and the studio).
import { Link, NavLink, Outlet } from 'react-router';
import { useAuth } from '../auth';
import { ConsoleFrame, ConsoleGate } from '../components/Console';
import { Loading } from '../components/States';
import { useI18n } from '../i18n';
import '../styles/ops.css';

export function OpsLayout() {
  const { t } = useI18n();
  const { user, loading, hasRole } = useAuth();
  if (loading) return <Loading />;
  if (!user || !hasRole('operator')) {
    return <ConsoleGate title={t('ops.console')} message={user ? t('ops.notOperator') : t('ops.signInFirst')} loginTestId="ops-login-link" />;
  }
  const nav = (
    <>
      <NavLink to="/ops/insights" className="mc-nav-item" data-testid="ops-insights-nav">
        {t('ins.ops.nav')}
      </NavLink>
      <NavLink to="/ops/distribution" className="mc-nav-item" data-testid="ops-distribution-nav">
        {t('ops.nav.distribution')}
      </NavLink>
      <NavLink to="/ops/nps" className="mc-nav-item" data-testid="ops-nps-nav">
        {t('nps.ops.nav')}
      </NavLink>
      <NavLink to="/ops/experience" className="mc-nav-item" data-testid="ops-score-nav">
        {t('score.nav')}
      </NavLink>
      <NavLink to="/ops/care" className="mc-nav-item" data-testid="ops-care-nav">
        {t('care.ops.title')}
      </NavLink>
      <NavLink to="/ops/governance" className="mc-nav-item" data-testid="ops-governance-nav">
        {t('gov.ops.nav')}
      </NavLink>
      <NavLink to="/ops/campaigns" className="mc-nav-item" data-testid="ops-campaigns-nav">
        {t('cmp.ops.nav')}
      </NavLink>
      <Link to="/desk" className="mc-nav-item" data-testid="ops-desk-nav">
        {t('care.desk.console')}
      </Link>
      <Link to="/feed" className="mc-nav-item">
        {t('feed.tab')}
      </Link>
      <Link to="/" className="mc-nav-item">
        {t('nav.backToShop')}
      </Link>
    </>
  );
  return (
    <ConsoleFrame className="ops" home="/ops/distribution" title={t('ops.console')} nav={nav} top={<span className="muted small">{t('ops.tagline')}</span>}>
      <Outlet />
    </ConsoleFrame>
  );
}
