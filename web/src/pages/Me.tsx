import { Link, Navigate, useNavigate } from 'react-router';
import { useAuth } from '../auth';
import { TopBar } from '../components/ShopLayout';
import { Loading } from '../components/States';
import { useI18n } from '../i18n';

export function Me() {
  const { t } = useI18n();
  const { user, loading, logout } = useAuth();
  const navigate = useNavigate();
  if (loading) return <Loading />;
  if (!user) return <Navigate to="/login" replace state={{ from: '/me' }} />;
  return (
    <>
      <TopBar title={t('nav.me')} back={false} />
      <div className="card pad me-card">
        <div className="me-avatar">{Array.from(user.displayName)[0] ?? '?'}</div>
        <div>
          <div className="me-name">{user.displayName}</div>
          <div className="muted">{user.email}</div>
          <div className="me-roles">
            {user.roles.map((r) => (
              <span key={r} className="tag">
                {t(`role.${r}`)}
              </span>
            ))}
          </div>
        </div>
      </div>
      <div className="card pad stack">
        {user.roles.includes('merchant') && (
          <Link to="/merchant" className="btn btn-ghost btn-block">
            {t('nav.merchantConsole')}
          </Link>
        )}
        <button
          type="button"
          className="btn btn-ghost btn-block"
          data-testid="logout"
          onClick={() => {
            void logout().then(() => navigate('/'));
          }}
        >
          {t('auth.logout')}
        </button>
      </div>
    </>
  );
}
