// 创作中心: the desktop console where creators and merchants publish and manage short videos.
// A lazy chunk like the merchant console; the same frame (left nav, top bar) and look.
import { Link, NavLink, Outlet } from 'react-router';
import { useAuth } from '../auth';
import { ConsoleFrame, ConsoleGate } from '../components/Console';
import { Loading } from '../components/States';
import { useI18n } from '../i18n';
import '../styles/studio.css';

export function StudioLayout() {
  const { t } = useI18n();
  const { user, loading, hasRole } = useAuth();

  if (loading) return <Loading />;
  if (!user || !(hasRole('creator') || hasRole('merchant'))) {
    return <ConsoleGate title={t('studio.console')} message={user ? t('studio.notCreator') : t('studio.signInFirst')} loginTestId="studio-login-link" />;
  }
  return <StudioShell />;
}

function StudioShell() {
  const { t } = useI18n();
  const { hasRole } = useAuth();
  const nav = (
    <>
      <NavLink to="/studio" end className="mc-nav-item" data-testid="studio-list-nav">
        {t('studio.nav.videos')}
      </NavLink>
      <NavLink to="/studio/new" className="mc-nav-item" data-testid="studio-new-nav">
        {t('studio.nav.upload')}
      </NavLink>
      <NavLink to="/studio/live" className="mc-nav-item" data-testid="studio-live-nav">
        {t('studio.live.nav')}
      </NavLink>
      {hasRole('creator') && (
        <>
          <NavLink to="/studio/market" className="mc-nav-item" data-testid="studio-market-nav">
            {t('alliance.market.title')}
          </NavLink>
          <NavLink to="/studio/showcase" className="mc-nav-item" data-testid="studio-showcase-nav">
            {t('alliance.showcase.title')}
          </NavLink>
          <NavLink to="/studio/earnings" className="mc-nav-item" data-testid="studio-earnings-nav">
            {t('alliance.earn.title')}
          </NavLink>
          <NavLink to="/studio/reputation" className="mc-nav-item" data-testid="studio-reputation-nav">
            {t('rep.nav')}
          </NavLink>
          <NavLink to="/studio/insights" className="mc-nav-item" data-testid="studio-insights-nav">
            {t('ins.studio.nav')}
          </NavLink>
        </>
      )}
      {hasRole('merchant') && (
        <Link to="/merchant" className="mc-nav-item">
          {t('nav.merchantConsole')}
        </Link>
      )}
      <Link to="/" className="mc-nav-item">
        {t('nav.backToShop')}
      </Link>
    </>
  );
  return (
    <ConsoleFrame className="studio" home="/studio" title={t('studio.console')} nav={nav} top={<span className="studio-top-note muted">{t('studio.tagline')}</span>}>
      <Outlet />
    </ConsoleFrame>
  );
}
