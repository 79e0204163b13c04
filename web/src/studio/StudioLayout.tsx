// 创作中心: the desktop console where creators and merchants publish and manage short videos.
// A lazy chunk like the merchant console; the same frame (left nav, top bar) and look.
import { Link, NavLink, Outlet, useNavigate } from 'react-router';
import { useAuth } from '../auth';
import { ConsoleGate } from '../components/ConsoleGate';
import { Loading } from '../components/States';
import { LangToggle, useI18n } from '../i18n';
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
  const { user, logout, hasRole } = useAuth();
  const navigate = useNavigate();
  return (
    <div className="mc studio">
      <aside className="mc-nav">
        <div className="mc-nav-inner">
          <Link to="/studio" className="mc-brand">
            <span className="logo-mark">F</span>
            <span>{t('studio.console')}</span>
          </Link>
          <nav>
            <NavLink to="/studio" end className="mc-nav-item" data-testid="studio-list-nav">
              {t('studio.nav.videos')}
            </NavLink>
            <NavLink to="/studio/new" className="mc-nav-item" data-testid="studio-new-nav">
              {t('studio.nav.upload')}
            </NavLink>
            <NavLink to="/studio/live" className="mc-nav-item" data-testid="studio-live-nav">
              {t('studio.live.nav')}
            </NavLink>
            {hasRole('merchant') && (
              <Link to="/merchant" className="mc-nav-item">
                {t('nav.merchantConsole')}
              </Link>
            )}
            <Link to="/" className="mc-nav-item">
              {t('nav.backToShop')}
            </Link>
          </nav>
        </div>
      </aside>
      <div className="mc-body">
        <header className="mc-top">
          <span className="studio-top-note muted">{t('studio.tagline')}</span>
          <div className="mc-top-right">
            <LangToggle />
            <span className="mc-user">{user?.displayName}</span>
            <button type="button" className="btn btn-ghost btn-sm" onClick={() => void logout().then(() => navigate('/'))}>
              {t('auth.logout')}
            </button>
          </div>
        </header>
        <main className="mc-main">
          <Outlet />
        </main>
      </div>
    </div>
  );
}
