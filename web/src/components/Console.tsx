// What the desktop consoles (merchant console, creator studio) share: the page shown to someone
// who may not use them, and their frame.
import type { ReactNode } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { useAuth } from '../auth';
import { LangToggle, useI18n } from '../i18n';

export function ConsoleGate({ title, message, loginTestId }: { title: string; message: string; loginTestId: string }) {
  const { t } = useI18n();
  const location = useLocation();
  return (
    <div className="mc-gate">
      <div className="card pad center">
        <h1>{title}</h1>
        <p>{message}</p>
        <Link to="/login" state={{ from: location.pathname }} className="btn btn-primary" data-testid={loginTestId}>
          {t('auth.login')}
        </Link>{' '}
        <Link to="/" className="btn btn-ghost">
          {t('nav.backToShop')}
        </Link>
      </div>
    </div>
  );
}

/**
 * The frame of a desktop console: brand and nav on the left, a top bar (the console's own part on
 * the left; language, user and sign-out on the right) and the page.
 */
export function ConsoleFrame({ className, home, title, nav, top, children }: { className?: string; home: string; title: string; nav: ReactNode; top: ReactNode; children: ReactNode }) {
  const { t } = useI18n();
  const { user, logout } = useAuth();
  const navigate = useNavigate();
  return (
    <div className={className ? `mc ${className}` : 'mc'}>
      <aside className="mc-nav">
        <div className="mc-nav-inner">
          <Link to={home} className="mc-brand">
            <span className="logo-mark">F</span>
            <span>{title}</span>
          </Link>
          <nav>{nav}</nav>
        </div>
      </aside>
      <div className="mc-body">
        <header className="mc-top">
          {top}
          <div className="mc-top-right">
            <LangToggle />
            <span className="mc-user">{user?.displayName}</span>
            <button type="button" className="btn btn-ghost btn-sm" onClick={() => void logout().then(() => navigate('/'))}>
              {t('auth.logout')}
            </button>
          </div>
        </header>
        <main className="mc-main">{children}</main>
      </div>
    </div>
  );
}
