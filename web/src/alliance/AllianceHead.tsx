// The merchant console's 精选联盟 heading: title, store, and the section's three tabs.
import type { ReactNode } from 'react';
import { NavLink } from 'react-router';
import { useI18n } from '../i18n';

const TABS = [
  { to: '/merchant/alliance', key: 'plans', end: true },
  { to: '/merchant/alliance/applications', key: 'applications', end: false },
  { to: '/merchant/alliance/creators', key: 'creators', end: false },
] as const;

export function AllianceHead({ store, action }: { store: string; action?: ReactNode }) {
  const { t } = useI18n();
  return (
    <>
      <div className="mc-head">
        <div>
          <h1 className="mc-title">{t('alliance.m.title')}</h1>
          <p className="muted">{t('alliance.m.subtitle', { store })}</p>
        </div>
        {action}
      </div>
      <nav className="al-tabs" aria-label={t('alliance.m.title')}>
        {TABS.map((tab) => (
          <NavLink key={tab.key} to={tab.to} end={tab.end} className={({ isActive }) => `al-tab ${isActive ? 'on' : ''}`} data-testid={`alliance-tab-${tab.key}`}>
            {t(`alliance.m.tab.${tab.key}`)}
          </NavLink>
        ))}
      </nav>
    </>
  );
}
