// The page a desktop console (merchant console, creator studio) shows to someone who may not use it.
import { Link, useLocation } from 'react-router';
import { useI18n } from '../i18n';

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
