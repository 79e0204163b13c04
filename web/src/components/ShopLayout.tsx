import type { ReactNode } from 'react';
import { NavLink, Outlet, useNavigate } from 'react-router';
import { useAuth } from '../auth';
import { LangToggle, useI18n } from '../i18n';
import { CartLink } from './CartLink';

/** Mobile-first frame of the shopper pages: a centred column and a bottom tab bar. */
export function ShopLayout() {
  return (
    <div className="shop">
      <main className="shop-main">
        <Outlet />
      </main>
      <TabBar />
    </div>
  );
}

function TabBar() {
  const { t } = useI18n();
  const { user, hasRole } = useAuth();
  return (
    <nav className="tabbar" aria-label={t('nav.tabs')}>
      <NavLink to="/" end className="tab">
        <span className="tab-icon" aria-hidden="true">⌂</span>
        {t('nav.home')}
      </NavLink>
      <NavLink to="/feed" className="tab" data-testid="tab-feed">
        <span className="tab-icon" aria-hidden="true">◉</span>
        {t('feed.tab')}
      </NavLink>
      <NavLink to="/live" className="tab" data-testid="tab-live">
        <span className="tab-icon" aria-hidden="true">▶</span>
        {t('live.tab')}
      </NavLink>
      <CartLink className="tab" />
      {hasRole('merchant') && (
        <NavLink to="/merchant" className="tab">
          <span className="tab-icon" aria-hidden="true">▦</span>
          {t('nav.merchant')}
        </NavLink>
      )}
      <NavLink to={user ? '/me' : '/login'} className="tab">
        <span className="tab-icon" aria-hidden="true">☺</span>
        {t('nav.me')}
      </NavLink>
    </nav>
  );
}

/** A page's top bar: back arrow, title, language switch. */
export function TopBar({ title, back = true, right }: { title?: ReactNode; back?: boolean; right?: ReactNode }) {
  const navigate = useNavigate();
  const { t } = useI18n();
  return (
    <header className="topbar">
      {back ? (
        <button type="button" className="topbar-back" aria-label={t('common.back')} onClick={() => (window.history.length > 1 ? navigate(-1) : navigate('/'))}>
          ‹
        </button>
      ) : (
        <span className="topbar-spacer" />
      )}
      <div className="topbar-title">{title}</div>
      <div className="topbar-right">
        {right}
        <LangToggle />
      </div>
    </header>
  );
}
